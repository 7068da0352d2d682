/**
 * A decorated Christmas tree (scene/christmas-tree.mts): "a decorated christmas tree with lights" was a
 * pine forest at golden hour with "decorated" and "lights" ignored. Light and bauble places are pure and
 * tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type TreeModule = typeof import('../../engine/src/generators/procedural/scene/christmas-tree.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/christmas tree', () => {
  it('plans one decorated tree before festive bokeh; christmas trees in the plural are a fir forest', () => {
    const one = planPrompt({ prompt: 'a decorated christmas tree with lights', seed: 1 });
    assert.deepEqual([one.plan.subjects.map((s) => s.kind).join(','), one.plan.palette.name, one.plan.particles.map((p) => p.kind).join(',')], ['christmas-tree', 'festive', 'bokeh']);
    assert.deepEqual(one.ignoredWords, []);
    assert.ok(planPrompt({ prompt: 'christmas trees in the snow', seed: 1 }).plan.subjects.some((s) => s.kind === 'pine-trees'), 'the plural: firs');
    assert.deepEqual(planPrompt({ prompt: 'christmas tree with falling snow', seed: 1 }).plan.particles.map((p) => p.kind), ['snow'], 'particles named replace the bokeh');
  });

  it('hangs the lights on a spiral just outside the tree, bottom to top, and spaces the baubles', async () => {
    const { garland, baubles, treeRadiusAt, TREE_HEIGHT } = await importProcedural<TreeModule>('scene/christmas-tree.mts');
    const lights = garland(200, 7);
    for (const [x, y, z] of lights) assert.ok(Math.abs(Math.hypot(x, z) - (treeRadiusAt(y) + 0.04)) < 1e-9 && y > 0 && y < TREE_HEIGHT, `a light off the surface at ${x}, ${y}, ${z}`);
    assert.ok(lights.every((p, i) => i === 0 || p[1] > lights[i - 1]![1]), 'rising');
    const rng = stream(2, 'baubles');
    const b = baubles(() => rng.next(), 34);
    assert.ok(b.length >= 25, `${b.length} baubles`);
    for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) assert.ok(Math.hypot(b[i]![0] - b[j]![0], b[i]![1] - b[j]![1], b[i]![2] - b[j]![2]) > 0.42, 'apart');
  });
});
