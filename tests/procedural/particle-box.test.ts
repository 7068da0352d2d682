/**
 * Weather surrounds the camera for the whole clip (scene/particle-box.mts): a dolly that travelled 50 m
 * used to fly out of its rain, which stayed where the shot started.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { cameraPose } from '../../engine/src/generators/procedural/sim/camera';
import { importProcedural } from '../helpers/esm';

type BoxModule = typeof import('../../engine/src/generators/procedural/scene/particle-box.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/particle box: weather along the camera path', () => {
  const framing = { target: [0, 9, -160] as [number, number, number], distance: 175, azimuth: 0, elevation: 1.6, travel: 60, minHeight: 2.5 };
  const shot = { framing, groundHeight: () => 0 };

  it('covers the space in front of the camera at every point of a dolly, with a fill factor for the count', async () => {
    const { particleBoxFor } = await importProcedural<BoxModule>('scene/particle-box.mts');
    const plan = planPrompt({ prompt: 'rain on a city street at night, dolly in', seed: 1 }).plan;
    assert.equal(plan.camera.move, 'dolly-in');
    const { box, fill } = particleBoxFor(shot, plan, 1, 5);
    for (const u of [0, 0.5, 1]) {
      const pose = cameraPose({ framing, move: plan.camera.move, speed: plan.camera.speed, shake: 0, u, t: u * 5, seed: 1 });
      // 10 m ahead of the camera, along its line of sight, is inside the box.
      const d = [pose.lookAt[0] - pose.position[0], pose.lookAt[2] - pose.position[2]];
      const n = Math.hypot(d[0]!, d[1]!);
      const ahead = [pose.position[0] + (d[0]! / n) * 10, pose.position[2] + (d[1]! / n) * 10];
      for (const [k, v] of [[0, ahead[0]!], [2, ahead[1]!]] as const) {
        assert.ok(Math.abs(v - box.center[k]) <= box.size[k] / 2, `u ${u}: axis ${k} at ${v.toFixed(1)} outside ${box.center[k].toFixed(1)} +- ${(box.size[k] / 2).toFixed(1)}`);
      }
    }
    assert.ok(fill > 2, `the path box is ${fill.toFixed(2)} times one view's`);
  });

  it('keeps one view box for a camera that does not travel', async () => {
    const { particleBoxFor } = await importProcedural<BoxModule>('scene/particle-box.mts');
    const plan = planPrompt({ prompt: 'rain on a city street at night, static camera', seed: 1 }).plan;
    assert.equal(plan.camera.move, 'static');
    assert.equal(particleBoxFor(shot, plan, 1, 5).fill, 1);
  });
});
