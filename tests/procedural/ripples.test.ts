/**
 * Ripples on still water (scene/ripples.mts): "raindrops on a puddle" and "ripples on water surface" were a
 * forest in the rain and the open sea. Drops fall on a lake in front of a low camera, each spreading a
 * ring. The drops' plan and a ring's shape are pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type RipplesModule = typeof import('../../engine/src/generators/procedural/scene/ripples.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/ripples: drops on still water', () => {
  it('plans ripples on a lake; rain falling on the water, or a puddle, is rain', () => {
    for (const [prompt, rain] of [['ripples on water surface', false], ['raindrops on a puddle', true], ['rain falling on a lake', true], ['water ripples at sunset', false]] as const) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([p.plan.setting, p.plan.subjects.some((s) => s.kind === 'ripples')], ['lake', true], prompt);
      assert.equal(p.plan.weather.condition === 'rain', rain, `${prompt}: ${p.plan.weather.condition}`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.ok(!planPrompt({ prompt: 'a frozen lake', seed: 1 }).plan.subjects.some((s) => s.kind === 'ripples'), 'not without drops named');
  });

  it('plans drops over the patch through the clip, and the rings alive at a time, newest first', async () => {
    const { planImpacts, liveRings, RING_LIFE } = await importProcedural<RipplesModule>('scene/ripples.mts');
    const rng = stream(2, 'drops');
    const drops = planImpacts(() => rng.next(), 10, 4, [0, -30], [4, 5]);
    assert.equal(drops.length, Math.round((4 + RING_LIFE) * 10));
    assert.ok(drops.every((d) => Math.abs(d.x) <= 4 && Math.abs(d.z + 30) <= 5), 'on the patch');
    assert.ok(drops.every((d, i) => i === 0 || d.t >= drops[i - 1]!.t), 'in time order');
    for (const t of [0, 1, 2.5, 3.9]) {
      const live = liveRings(drops, t, 24);
      assert.ok(live.length > 5 && live.length <= 24, `${live.length} rings at ${t} s`);
      assert.ok(live.every((d) => t - d.t >= 0 && t - d.t < RING_LIFE), 'all alive');
      assert.ok(live.every((d, i) => i === 0 || d.t <= live[i - 1]!.t), 'newest first');
    }
  });

  it('shapes a ring: waves at its spreading front, still water inside and out, dying away', async () => {
    const { ringSlope, RING_SPEED } = await importProcedural<RipplesModule>('scene/ripples.mts');
    const peak = (age: number) => Math.max(...Array.from({ length: 200 }, (_, i) => Math.abs(ringSlope(RING_SPEED * age + (i - 100) * 0.002, age, 1))));
    assert.ok(peak(0.5) > 0.05, `a ring half a second old: slope ${peak(0.5)}`);
    assert.ok(peak(1.5) < peak(0.5) * 0.3, 'dies away');
    // Well inside and well outside the front: still.
    assert.ok(Math.abs(ringSlope(0.05, 1, 1)) < peak(1) * 0.01 && Math.abs(ringSlope(1.2, 1, 1)) < peak(1) * 0.01, 'still away from the front');
  });
});
