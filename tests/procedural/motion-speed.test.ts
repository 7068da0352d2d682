/**
 * A shot is updated with clip time already scaled by the plan's motion speed (render/session.mts): a
 * scene must not scale it again. Stage lights, party balloons and the planet did, so slow motion ran at
 * the square of its speed (0.35 -> 0.12) and a time lapse at its square too. Built here without a GPU: the
 * stage-light rig's beams must point where beamDirection says at the scaled time.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree, type ThreeModule } from '../helpers/esm';

type AbstractModule = typeof import('../../engine/src/generators/procedural/scene/abstract.mjs', { with: { 'resolution-mode': 'import' } });
type StageModule = typeof import('../../engine/src/generators/procedural/scene/stage-lights.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/motion speed: scenes take the scaled time once', function () {
  this.timeout(30000);

  it('sweeps the stage lights at the plan\'s speed, slow motion and time lapse alike', async () => {
    const { buildAbstract } = await importProcedural<AbstractModule>('scene/abstract.mts');
    const { beamDirection } = await importProcedural<StageModule>('scene/stage-lights.mts');
    const THREE = await importThree();
    const speeds = new Set<number>();
    for (const prompt of ['stage lights sweeping through haze', 'stage lights sweeping through haze in slow motion', 'stage lights sweeping through haze, time lapse']) {
      const { plan } = planPrompt({ prompt, seed: 1 });
      speeds.add(plan.motion.speed);
      // A BuildContext with no renderer: the stage rig and the field need none until they are drawn.
      const ctx = { plan, seed: 1, width: 192, height: 108, duration: 4, software: true, detail: 0.3, rng: (n: string) => stream(1, n), renderer: null } as unknown as Parameters<typeof buildAbstract>[0];
      const shot = buildAbstract(ctx);
      const scaled = 2 * plan.motion.speed;
      shot.update(scaled, 0.5);
      type Instanced = InstanceType<ThreeModule['InstancedMesh']>;
      let beams: Instanced | undefined;
      shot.scene.traverse((o) => {
        if (!beams && (o as Instanced).isInstancedMesh && (o as Instanced).geometry.type === 'CylinderGeometry') beams = o as Instanced;
      });
      assert.ok(beams, 'the rig is built');
      const m = new THREE.Matrix4();
      beams!.getMatrixAt(3, m);
      const drawn = new THREE.Vector3(0, -1, 0).applyQuaternion(new THREE.Quaternion().setFromRotationMatrix(m));
      const meant = new THREE.Vector3(...beamDirection(3, beams!.count, scaled));
      assert.ok(drawn.angleTo(meant) < 1e-4, `${prompt} (speed ${plan.motion.speed}): the beam is ${((drawn.angleTo(meant) * 180) / Math.PI).toFixed(2)} degrees off`);
      shot.dispose();
    }
    assert.ok(speeds.size === 3, `three speeds tried: ${[...speeds].join(', ')}`);
  });
});
