/**
 * A bamboo grove (scene/bamboo.mts): culms stand in clumps in a wedge ahead of the camera, never on the
 * path a push in or a drone travels (it closes beyond 30 m), nor inside an orbit's circle; the scene draws them green, tall and
 * swaying round a camera on the path.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type BambooModule = typeof import('../../engine/src/generators/procedural/scene/bamboo.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/bamboo: a grove with a path through it', () => {
  it('keeps the path and an orbit circle clear, and fills the wedge ahead', async () => {
    const { bambooClumps } = await importProcedural<BambooModule>('scene/bamboo.mts');
    const rng = stream(1, 'bamboo-test');
    const eye = { x: 0, z: 4 };
    const places = bambooClumps(() => rng.next(), eye, { far: 55, max: 1100, pathHalfWidth: 1.6 });
    assert.equal(places.length, 1100, 'as many culms as asked for');
    assert.ok(places.every(([x, z]) => Math.abs(x) >= 1.6 || z < eye.z - 30), 'none on the path for its first 30 m');
    assert.ok(places.some(([x, z]) => Math.abs(x) < 1.6 && z < eye.z - 30), 'the grove closes over the path beyond');
    const near = places.filter(([x, z]) => z < eye.z && z > eye.z - 20 && Math.abs(x) < 6).length;
    assert.ok(near > 60, `the path is lined close by: ${near} culms within 6 m of it over its first 20 m`);
    const orbit = { x: 0, z: -3, radius: 6.5 };
    const round = bambooClumps(() => rng.next(), eye, { far: 55, max: 1100, pathHalfWidth: 1.6, orbit });
    assert.ok(round.every(([x, z]) => Math.hypot(x - orbit.x, z - orbit.z) >= orbit.radius), 'none inside the orbit');
  });

  it('plans a bamboo forest as the forest\'s trees, in the day\'s soft light', () => {
    for (const prompt of ['bamboo forest, slow pan', 'walking through a bamboo grove', 'arashiyama bamboo path']) {
      for (const seed of [1, 2, 3]) {
        const p = planPrompt({ prompt, seed }).plan;
        assert.equal(p.setting, 'forest', prompt);
        assert.deepEqual(p.subjects.map((x) => x.kind), ['bamboo'], `${prompt}: bamboo and no other trees`);
        assert.ok(['morning', 'noon'].includes(p.timeOfDay), `${prompt}: ${p.timeOfDay}`);
      }
    }
    assert.deepEqual(planPrompt({ prompt: 'bamboo and pine forest', seed: 1 }).plan.subjects.map((x) => x.kind).sort(), ['bamboo', 'pine-trees']);
  });
});
