/**
 * Sparklers (scene/sparklers.mts): "sparklers burning in the dark" was a campfire in a pine forest
 * ("burning" is a fire word) with "sparklers" ignored. A wire stick whose burning head throws streaks of
 * sparks, some bursting into smaller ones. Spark flights are pure and tested here; the render test is in
 * render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type SparklersModule = typeof import('../../engine/src/generators/procedural/scene/sparklers.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/sparklers', () => {
  it('plans sparklers in the dark: one, or three when plural; not a campfire', () => {
    for (const [prompt, count] of [['sparklers burning in the dark', 3], ['a sparkler on a black background', 1], ['wedding sparklers at night', 3]] as const) {
      const p = planPrompt({ prompt, seed: 1 });
      const s = p.plan.subjects.find((x) => x.kind === 'sparklers');
      assert.equal(p.plan.archetype, 'abstract', prompt);
      assert.equal(s?.count, count, prompt);
      assert.ok(!p.plan.subjects.some((x) => x.kind === 'fire' || x.kind === 'pine-trees'), `${prompt}: ${p.plan.subjects.map((x) => x.kind).join(',')}`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
  });

  it('throws sparks all round the head for the whole clip, a third bursting where they end', async () => {
    const { planSparks, sparkOffset } = await importProcedural<SparklersModule>('scene/sparklers.mts');
    const rng = stream(5, 'sparks');
    const sparks = planSparks(() => rng.next(), 4, 300);
    const primary = sparks.filter((s) => s.parent < 0);
    const bursts = sparks.filter((s) => s.parent >= 0);
    assert.equal(primary.length, Math.round(4.5 * 300));
    assert.ok(bursts.length / primary.length > 0.7 && bursts.length / primary.length < 1.3, `three each for about a third: ${bursts.length} of ${primary.length}`);
    for (const b of bursts) {
      const parent = sparks[b.parent]!;
      assert.ok(parent.parent < 0 && Math.abs(b.birth - (parent.birth + parent.life)) < 1e-9, 'a burst starts as its parent ends');
    }
    // Alight from the first frame: sparks in flight at t = 0, and all through the clip.
    for (const t of [0, 1, 2, 3, 3.9]) assert.ok(primary.filter((s) => s.birth <= t && t <= s.birth + s.life).length > 40, `in flight at ${t} s`);
    // All round: as many thrown up as down, left as right.
    assert.ok(Math.abs(primary.filter((s) => s.v[1] > 0).length / primary.length - 0.5) < 0.06, 'up and down');
    assert.ok(Math.abs(primary.filter((s) => s.v[0] > 0).length / primary.length - 0.5) < 0.06, 'left and right');
    // Drag: a spark slows, so it travels less than its launch speed times its life, and gravity pulls it down.
    const fast = primary.reduce((a, s) => (Math.hypot(...s.v) > Math.hypot(...a.v) ? s : a));
    const [x, y, z] = sparkOffset(fast.v, fast.life);
    assert.ok(Math.hypot(x, y, z) < Math.hypot(...fast.v) * fast.life, 'slowed by the air');
    const [, drop] = sparkOffset([0, 0, 0], 0.3);
    assert.ok(drop < -0.1, `falls: ${drop}`);
  });
});
