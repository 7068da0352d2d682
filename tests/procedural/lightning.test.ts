/**
 * Lightning: the strike schedule, the bolt's shape and its flicker (pure) and the words that ask for it
 * (the render test is in render.test.ts).
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { buildBolt, planStrikes, strikeBrightness } from '../../engine/src/generators/procedural/sim/lightning';
import { stream } from '../../engine/src/generators/procedural/sim/rng';

describe('lightning: strikes and bolts (pure)', () => {
  it('a bolt is one channel from the cloud base to the ground, with forks that stop short of it', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const segs = buildBolt(stream(seed, 'bolt'));
      const main = segs.filter((s) => s.weight === 1);
      assert.equal(main[0]!.a[1], 1, 'starts at the cloud base');
      assert.equal(main[main.length - 1]!.b[1], 0, 'reaches the ground');
      for (let i = 1; i < main.length; i++) assert.deepEqual(main[i]!.a, main[i - 1]!.b, 'continuous');
      for (const f of segs.filter((s) => s.weight < 1)) assert.ok(f.b[1] > -0.05 && f.weight < 0.5);
      // Jagged: the channel wanders sideways far more than a straight line would.
      const length = main.reduce((a, s) => a + Math.hypot(s.b[0] - s.a[0], s.b[1] - s.a[1]), 0);
      assert.ok(length > 1.3, `a jagged channel (${length.toFixed(2)} long for 1 of height)`);
    }
  });

  it('strikes come every few seconds over the clip, each with several return strokes', () => {
    const strikes = planStrikes(4, 20);
    assert.ok(strikes.length >= 4 && strikes.length <= 12, `${strikes.length} strikes in 20 s`);
    assert.ok(strikes[0]!.time < 1.5, 'the first comes early');
    for (const s of strikes) {
      assert.ok(s.time < 20);
      assert.ok(s.strokes.length >= 2 && s.strokes.length <= 4);
    }
    assert.deepEqual(planStrikes(4, 20), strikes, 'deterministic');
  });

  it('flickers: bright at each return stroke, dim between, dark before and after', () => {
    const s = planStrikes(2, 10)[0]!;
    assert.equal(strikeBrightness(s, s.time - 0.01), 0);
    for (const k of s.strokes) assert.ok(strikeBrightness(s, s.time + k + 0.001) > 0.9);
    const gap = s.time + s.strokes[1]! - 0.002;
    assert.ok(strikeBrightness(s, gap) < 0.6, 'dims between strokes');
    assert.equal(strikeBrightness(s, s.time + s.strokes[s.strokes.length - 1]! + 0.6), 0);
  });
});

describe('lightning: planning', () => {
  const plan = (prompt: string, seed = 1) => planPrompt({ prompt, seed }).plan;
  const has = (p: ReturnType<typeof plan>) => p.subjects.some((s) => s.kind === 'lightning');
  it('"lightning" and "thunderstorm" are a storm with lightning, at dusk or night unless a time is named', () => {
    for (const prompt of ['lightning', 'thunderstorm over the city', 'lightning strikes over the desert', 'thunder and lightning at sea']) {
      const p = plan(prompt);
      assert.ok(has(p), prompt);
      assert.equal(p.weather.condition, 'storm', prompt);
      assert.ok(p.particles.some((x) => x.kind === 'rain'), prompt);
    }
    assert.ok(['dusk', 'night'].includes(plan('lightning').timeOfDay));
    assert.equal(plan('lightning at noon').timeOfDay, 'noon');
    assert.ok(!has(plan('a storm at sea')), 'a storm alone is wind and rain');
    assert.ok(!has(plan('thunderstorm, no lightning')));
    assert.ok(!has(plan('perfume bottle, thunderstorm')), 'not in a studio');
  });
});
