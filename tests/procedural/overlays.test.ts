/**
 * Light overlays on black (scene/overlays.mts): "light leaks overlay" and "lens flare on black" had the
 * leaks and the flare ignored (a bare gradient, or a ring tunnel). Pure placement here; the render tests
 * are in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type OverlaysModule = typeof import('../../engine/src/generators/procedural/scene/overlays.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/overlays: light leaks and lens flares', () => {
  it('plans an overlay on a still frame for the words people use', () => {
    for (const [prompt, kind] of [['light leaks overlay', 'light-leaks'], ['warm film burn', 'light-leaks'], ['lens flare on black', 'lens-flare'], ['anamorphic lens flare', 'lens-flare']] as const) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([p.plan.archetype, p.plan.subjects.map((s) => s.kind).join(',')], ['abstract', kind], prompt);
      assert.equal(p.plan.camera.move, 'static', `${prompt}: the overlay moves, the frame holds`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'lens flare, slow dolly in', seed: 1 }).plan.camera.move, 'dolly-in', 'a move named wins');
  });

  it('keeps each leak near its own edge of the frame, drifting', async () => {
    const { leakCentre } = await importProcedural<OverlaysModule>('scene/overlays.mts');
    const aspect = 16 / 9;
    for (let k = 0; k < 4; k++) {
      const seen = new Set<string>();
      for (let t = 0; t < 10; t += 0.5) {
        const [x, y] = leakCentre(k, t, aspect, 1.3);
        assert.ok(x >= 0 && x <= aspect && y >= 0 && y <= 1, `leak ${k} at ${t}: (${x}, ${y}) in the frame`);
        const edge = Math.min(x / aspect, 1 - x / aspect, y, 1 - y);
        assert.ok(edge <= 0.17 + 1e-9, `leak ${k} at ${t}: ${edge} from the nearest edge`);
        seen.add(`${x.toFixed(2)},${y.toFixed(2)}`);
      }
      assert.ok(seen.size > 15, `leak ${k} drifts`);
    }
  });

  it('carries the flare\'s source across the top of the frame over the clip', async () => {
    const { flareSource } = await importProcedural<OverlaysModule>('scene/overlays.mts');
    const [x0, y0] = flareSource(0);
    const [x1, y1] = flareSource(1);
    assert.ok(x0 < 0.25 && x1 > 0.75, `from ${x0} to ${x1} across`);
    assert.ok(y0 > 0.6 && y1 > 0.6 && flareSource(0.5)[1] > 0.6, 'in the upper part');
  });

  it('puts a flare over a landscape or a city on the sun in the frame, faded as the sun leaves it', async () => {
    const { sunInFrame } = await importProcedural<OverlaysModule>('scene/overlays.mts');
    const p = planPrompt({ prompt: 'lens flare over the ocean at sunset', seed: 1 });
    assert.deepEqual([p.plan.archetype, p.plan.subjects.some((s) => s.kind === 'lens-flare'), p.plan.camera.faceSun], ['nature', true, true]);
    assert.deepEqual(p.ignoredWords, []);
    assert.equal(planPrompt({ prompt: 'lens flare on black', seed: 1 }).plan.archetype, 'abstract', 'on a field: the overlay on black');
    assert.ok(!planPrompt({ prompt: 'city at night with lens flare', seed: 1 }).plan.subjects.some((s) => s.kind === 'lens-flare'), 'no sun at night');
    assert.deepEqual(sunInFrame({ x: 0, y: 0.5, z: 0.9 }, false), { u: 0.5, v: 0.75, strength: 1 });
    assert.ok(Math.abs(sunInFrame({ x: 1.2, y: 0, z: 0.9 }, false).strength - 0.5) < 1e-9, 'a tenth of a frame beyond the edge: half');
    assert.equal(sunInFrame({ x: 2, y: 0, z: 0.9 }, false).strength, 0, 'well outside: none');
    assert.equal(sunInFrame({ x: 0, y: 0, z: 0.9 }, true).strength, 0, 'behind the lens: none');
  });
});
