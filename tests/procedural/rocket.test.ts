/**
 * A rocket launch (scene/rocket.mts): "rocket launch into space" was a nebula with "rocket launch"
 * ignored. A rocket beside its tower lifts off on its flame, smoke billowing from the pad. The timeline is
 * pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type RocketModule = typeof import('../../engine/src/generators/procedural/scene/rocket.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/rocket launch', () => {
  it('plans a launch from a flat plain, watched from a tripod or followed up', () => {
    for (const prompt of ['rocket launch into space', 'a rocket launching at dusk', 'space shuttle launch']) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.equal(p.plan.archetype, 'nature', prompt);
      assert.ok(p.plan.subjects.some((s) => s.kind === 'rocket'), `${prompt}: ${p.plan.subjects.map((s) => s.kind).join(',')}`);
      assert.ok(['static', 'tilt-up'].includes(p.plan.camera.move), `${prompt}: ${p.plan.camera.move}`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.ok(!planPrompt({ prompt: 'rocket launch underwater', seed: 1 }).plan.subjects.some((s) => s.kind === 'rocket'), 'not under the sea');
  });

  it('lights the engines, holds, then climbs faster and faster', async () => {
    const { rocketAltitude, thrust, IGNITION, LIFTOFF } = await importProcedural<RocketModule>('scene/rocket.mts');
    assert.equal(thrust(0), 0, 'dark before ignition');
    assert.equal(thrust(IGNITION + 1), 1, 'full burn');
    assert.equal(rocketAltitude(LIFTOFF), 0, 'on the pad until lift-off');
    assert.ok(thrust(LIFTOFF) > 0.9, 'at full thrust when it lifts');
    const h = [2, 3, 4, 5].map(rocketAltitude);
    for (let i = 1; i < h.length; i++) assert.ok(h[i]! - h[i - 1]! > h[i - 1]! - (i > 1 ? h[i - 2]! : 0), `accelerating: ${h.join(', ')}`);
    assert.ok(h[2]! > 30 && h[2]! < 120, `climbing tens of metres in the first seconds: ${h[2]} m at 4 s`);
  });
});
