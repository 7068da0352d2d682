/**
 * Pendulums (subject 'pendulum', scene/pendulum.mts): "a pendulum swinging" drew a bare gradient, "pendulum
 * wave" the same. Now one brass pendulum swinging across the lens, or a pendulum wave whose bobs drift out
 * of step and come back into line.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, smallRequest } from '../helpers/render';

type PendulumModule = typeof import('../../engine/src/generators/procedural/scene/pendulum.mjs', { with: { 'resolution-mode': 'import' } });

/** The period of a pendulum of `length` metres released from `amplitude`, by integrating its equation (RK4). */
function integratedPeriod(length: number, amplitude: number): number {
  const k = 9.81 / length;
  const dt = 1e-5;
  let th = amplitude;
  let w = 0;
  let t = 0;
  // A quarter period: from the release to the bottom of the swing.
  while (th > 0) {
    const f = (a: number) => -k * Math.sin(a);
    const k1 = [w, f(th)];
    const k2 = [w + (dt / 2) * k1[1]!, f(th + (dt / 2) * k1[0]!)];
    const k3 = [w + (dt / 2) * k2[1]!, f(th + (dt / 2) * k2[0]!)];
    const k4 = [w + dt * k3[1]!, f(th + dt * k3[0]!)];
    const prev = th;
    th += (dt / 6) * (k1[0]! + 2 * k2[0]! + 2 * k3[0]! + k4[0]!);
    w += (dt / 6) * (k1[1]! + 2 * k2[1]! + 2 * k3[1]! + k4[1]!);
    t += th > 0 ? dt : dt * (prev / (prev - th));
  }
  return 4 * t;
}

describe('procedural/pendulum: one pendulum, or a pendulum wave', function () {
  this.timeout(60000);

  it('plans one pendulum, a wave of fifteen, or the number named, in brass on a wooden stand', () => {
    const cases: Array<[string, number]> = [['a pendulum swinging', 1], ['pendulum wave', 15], ['pendulums swinging in slow motion', 15], ['12 pendulums', 12], ['hypnotic pendulum on black', 1]];
    for (const [prompt, count] of cases) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind, plan.subjects[0]!.count, plan.subjects[0]!.material], ['product', 'pendulum', count, 'gold'], prompt);
      assert.ok(!ignoredWords.some((w) => /pendulum|swinging|wave/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: '100 pendulums', seed: 1 }).plan.subjects[0]!.count, 24, 'held to 24');
    assert.equal(planPrompt({ prompt: 'chrome pendulum', seed: 1 }).plan.subjects[0]!.material, 'chrome');
    assert.equal(planPrompt({ prompt: "newton's cradle with pendulum balls", seed: 1 }).plan.subjects[0]!.kind, 'cradle', 'a cradle is still a cradle');
  });

  it('hangs each bob on the length that swings in its period, the amplitude counted', async () => {
    const { lengthForPeriod, wavePeriods, SINGLE_PERIOD, SINGLE_AMPLITUDE, WAVE_AMPLITUDE } = await importProcedural<PendulumModule>('scene/pendulum.mts');
    for (const [period, amplitude] of [[SINGLE_PERIOD, SINGLE_AMPLITUDE], ...wavePeriods(15).map((p) => [p, WAVE_AMPLITUDE])] as Array<[number, number]>) {
      const real = integratedPeriod(lengthForPeriod(period, amplitude), amplitude);
      assert.ok(Math.abs(real - period) / period < 2e-4, `period ${period.toFixed(4)} s: the length swings in ${real.toFixed(4)} s`);
    }
    // Without the amplitude's share, the wave's threads would be 0.56% too long, enough to blur its realignment.
    assert.ok(Math.abs(lengthForPeriod(1.5, 0.3) / lengthForPeriod(1.5, 0) - 1) > 0.005);
  });

  it('a wave starts in line, splits into two rows at half its cycle and is back in line at its end', async () => {
    const { pendulumAngle, wavePeriods, WAVE_CYCLE, WAVE_AMPLITUDE: A } = await importProcedural<PendulumModule>('scene/pendulum.mts');
    const periods = wavePeriods(15);
    const at = (t: number) => periods.map((p) => pendulumAngle(p, A, t));
    const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
    assert.ok(spread(at(0)) < 1e-12, 'released in line');
    assert.ok(spread(at(WAVE_CYCLE)) < 1e-9, 'back in line after a cycle');
    assert.ok(at(WAVE_CYCLE)[0]! > 0.8 * A, 'at the top of the swing, a little lower for the air');
    const half = at(WAVE_CYCLE / 2);
    for (let i = 0; i < 15; i++) assert.ok(Math.abs(Math.abs(half[i]!) - half[0]!) < 1e-9 && Math.sign(half[i]!) === (i % 2 === 0 ? 1 : -1), `pendulum ${i} at half the cycle`);
    // In between, a snake: out of line.
    assert.ok(spread(at(4)) > A, 'out of step a few seconds in');
  });

  describe('render', () => {
    const gen = procedural();

    it('swings the single pendulum across a still shot, from one side to the other', async () => {
      const frames = await renderRgba(gen(), smallRequest('a pendulum swinging, locked off', 16, { num: 12, den: 1 }));
      const changes = frames.slice(1).map((f, i) => changedPixels(frames[i]!, f, 192, 30));
      const xs = changes.filter((c) => c.n > 4).map((c) => c.x);
      // Measured: every pair changed (74 to 320 pixels), centred from 78 to 112 of 192.
      assert.ok(xs.length >= 12, `${xs.length} of 15 frame pairs show it moving`);
      assert.ok(Math.min(...xs) < 192 * 0.45 && Math.max(...xs) > 192 * 0.55, `it moves on both sides (${xs.map((x) => x.toFixed(0)).join(' ')})`);
    });

    it('moves the bobs of a wave on a still shot', async () => {
      const frames = await renderRgba(gen(), smallRequest('pendulum wave, locked off', 6, { num: 12, den: 1 }));
      for (let i = 1; i < frames.length; i++) assert.ok(changedPixels(frames[i - 1]!, frames[i]!, 192, 30).n > 20, `frame ${i} moved`);
    });
  });
});
