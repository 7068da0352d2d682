/**
 * Fireworks: the show's schedule and the stars' closed-form paths (pure), the words that ask for a show,
 * and a render that has one (coloured light in the sky that the same plan without fireworks lacks).
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import {
  planShow,
  peakActiveStars,
  risePosition,
  shellActive,
  starBrightness,
  starOffset,
  SHELL_TYPES,
  type ShowOptions,
} from '../../engine/src/generators/procedural/sim/fireworks';

const show = (over: Partial<ShowOptions> = {}) =>
  planShow({
    seed: 7,
    from: 0,
    to: 10,
    inFlight: 4,
    place: (u, v) => ({ burst: [u * 200 - 100, 150 + v * 80, -400], groundY: 0, scale: 1 }),
    ...over,
  });

describe('fireworks: the show (pure)', () => {
  it('is the same show for the same seed, another for another seed', () => {
    assert.deepEqual(show(), show());
    assert.notDeepEqual(show().map((s) => s.burst), show({ seed: 8 }).map((s) => s.burst));
  });

  it('keeps the sky busy over the whole clip, the clip opening mid-show', () => {
    const shells = show();
    // Some shells were launched before the clip starts, so the first frame is not an empty sky.
    assert.ok(shells.some((s) => s.launchTime < 0 && shellActive(s, 0)), 'a shell is already in the air at t = 0');
    for (let t = 0; t <= 10; t += 0.25) {
      const n = shells.filter((s) => shellActive(s, t)).length;
      assert.ok(n >= 1, `something in the sky at t = ${t} (${n})`);
    }
    assert.ok(!shells.some((s) => s.launchTime >= 10), 'nothing launched after the clip');
    // More shells in flight asks for more shells.
    assert.ok(show({ inFlight: 12 }).length > shells.length * 2);
  });

  it('stars spread out, slow down under drag, and droop under gravity', () => {
    const v: [number, number, number] = [60, 0, 0];
    const drag = 1.7;
    const g = 9.81;
    const early = starOffset(v, 0.2, drag, g);
    const late = starOffset(v, 2, drag, g);
    // Horizontal travel is bounded by v / drag and mostly done early.
    assert.ok(late[0] < 60 / drag + 1e-9 && late[0] > early[0]);
    // Equal times, less distance: it slows down.
    const first = starOffset(v, 0.5, drag, g)[0];
    const last = late[0] - starOffset(v, 1.5, drag, g)[0];
    assert.ok(last < first / 5, `slows down (${first.toFixed(1)} m in the first half second, ${last.toFixed(1)} m from 1.5 to 2 s)`);
    // Falls, and keeps falling towards the terminal speed g / drag.
    assert.ok(late[1] < early[1] && late[1] < 0);
    const speed = (starOffset(v, 6, drag, g)[1] - starOffset(v, 5.99, drag, g)[1]) / 0.01;
    assert.ok(Math.abs(speed + g / drag) < 0.05, `terminal speed ${speed.toFixed(2)}`);
    assert.deepEqual(starOffset(v, 0, drag, g), [0, 0, 0]);
  });

  it('a willow droops further than a peony over its life', () => {
    const w = SHELL_TYPES.willow;
    const p = SHELL_TYPES.peony;
    const drop = (spec: typeof w | typeof p) => -starOffset([0, 0, 0], spec.life[1], spec.drag, 9.81 * spec.droop)[1];
    assert.ok(drop(w) > 2 * drop(p), `willow ${drop(w).toFixed(1)} m, peony ${drop(p).toFixed(1)} m`);
  });

  it('stars burn for their life, flash at the burst, and are dark before and after', () => {
    const shell = show()[3]!;
    const star = shell.stars.find((s) => !s.glitter)!;
    assert.equal(starBrightness(star, -0.01), 0);
    assert.equal(starBrightness(star, star.life + 0.01), 0);
    assert.ok(starBrightness(star, 0.01) > starBrightness(star, 0.5));
    assert.ok(starBrightness(star, star.life * 0.95) < starBrightness(star, star.life * 0.5));
  });

  it('shells rise from the ground to the burst and stop there', () => {
    const shell = show()[2]!;
    assert.deepEqual(risePosition(shell, shell.launchTime), shell.launch);
    const top = risePosition(shell, shell.burstTime);
    for (let k = 0; k < 3; k++) assert.ok(Math.abs(top[k]! - shell.burst[k]!) < 1e-9);
    const before = risePosition(shell, shell.burstTime - 0.05)[1];
    const earlier = risePosition(shell, shell.launchTime + 0.05)[1] - shell.launch[1];
    assert.ok(shell.burst[1] - before < earlier, 'decelerates towards the burst');
  });

  it('sizes its draw buffers for the busiest moment', () => {
    const shells = show({ inFlight: 10 });
    const peak = peakActiveStars(shells);
    for (let t = 0; t <= 10; t += 0.1) {
      const n = shells.filter((s) => shellActive(s, t)).reduce((a, s) => a + s.stars.length + 1, 0);
      assert.ok(n <= peak, `${n} stars at t = ${t} fit ${peak}`);
    }
  });
});

describe('fireworks: planning', () => {
  const plan = (prompt: string, seed = 1) => planPrompt({ prompt, seed }).plan;
  const show = (p: ReturnType<typeof plan>) => p.subjects.find((s) => s.kind === 'fireworks');

  it('puts a show over water when nowhere is named, at night, from a tripod', () => {
    for (const seed of [1, 2, 3, 4]) {
      const p = plan('fireworks', seed);
      assert.ok(show(p), 'has fireworks');
      assert.equal(p.archetype, 'nature');
      assert.ok(['lake', 'ocean'].includes(p.setting), p.setting);
      assert.equal(p.timeOfDay, 'night');
      assert.ok(['static', 'pan-left', 'pan-right'].includes(p.camera.move), p.camera.move);
    }
  });

  it('goes over the city when the city is named, and keeps a named time of day', () => {
    const p = plan('fireworks over a city skyline');
    assert.equal(p.archetype, 'urban');
    assert.ok(show(p));
    assert.notEqual(p.camera.move, 'drone');
    assert.equal(plan('fireworks over a lake at dusk').timeOfDay, 'dusk');
  });

  it('understands its synonyms, finales, colours and negation', () => {
    assert.ok(show(plan("new year's eve celebration over the harbour")));
    assert.ok(show(plan('pyrotechnics display')));
    assert.equal(show(plan('fireworks finale'))!.count, 12);
    assert.equal(show(plan('fireworks'))!.count, 4);
    assert.equal(show(plan('red fireworks'))!.color, '#c8202a');
    assert.equal(show(plan('fireworks'))!.color, '#ffffff', 'every colour');
    assert.equal(show(plan('gold fireworks'))!.material, 'gold');
    const none = plan('city skyline at night, no fireworks');
    assert.ok(!show(none));
    assert.ok(none.exclude.includes('fireworks'));
    assert.ok(!planPrompt({ prompt: 'fireworks over the ocean', seed: 1 }).ignoredWords.includes('fireworks'));
  });

  it('on a black background: the field is dark, the colour word goes to the show', () => {
    const p = plan('red fireworks on a black background');
    assert.equal(p.archetype, 'abstract');
    assert.equal(show(p)!.color, '#c8202a');
    assert.equal(p.palette.colors[0], '#141416');
    // Ribbons named with a colour keep their colour; the background only sets the field.
    assert.equal(plan('dark background, purple ribbons').subjects[0]!.color, '#7b3fc4');
  });

  it('is not put in a studio (there is no sky there)', () => {
    assert.ok(!show(plan('perfume bottle on a studio sweep with fireworks')));
  });
});
