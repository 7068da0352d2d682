/**
 * A Ferris wheel (scene/ferris-wheel.mts): "a ferris wheel at night" was a pine forest with the wheel
 * ignored. Gondola places are pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type WheelModule = typeof import('../../engine/src/generators/procedural/scene/ferris-wheel.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/ferris wheel', () => {
  it('plans a wheel on open ground as its lights come on', () => {
    for (const prompt of ['a ferris wheel at night', 'amusement park ferris wheel', 'carnival']) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.ok(p.plan.subjects.some((s) => s.kind === 'ferris-wheel'), `${prompt}: ${p.plan.subjects.map((s) => s.kind).join(',')}`);
      assert.ok(['dusk', 'night'].includes(p.plan.timeOfDay), `${prompt}: ${p.plan.timeOfDay}`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'ferris wheel at noon', seed: 1 }).plan.timeOfDay, 'noon');
  });

  it('hangs the gondolas evenly round the rim, carrying them round as it turns', async () => {
    const { gondolaAt, GONDOLAS, WHEEL_RADIUS } = await importProcedural<WheelModule>('scene/ferris-wheel.mts');
    const at = Array.from({ length: GONDOLAS }, (_, k) => gondolaAt(k, 0.3));
    for (const [x, y] of at) assert.ok(Math.abs(Math.hypot(x, y + 2.2) - WHEEL_RADIUS) < 1e-9, 'hung from the rim');
    const gap = (a: [number, number], b: [number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    for (let k = 1; k < GONDOLAS; k++) assert.ok(Math.abs(gap(at[k]!, at[k - 1]!) - gap(at[1]!, at[0]!)) < 1e-9, 'evenly spaced');
    const [x1, y1] = gondolaAt(0, 0.3 + (Math.PI * 2) / GONDOLAS);
    assert.ok(Math.abs(x1 - at[1]![0]) < 1e-9 && Math.abs(y1 - at[1]![1]) < 1e-9, 'a gondola\'s turn later, in the next one\'s place');
  });
});
