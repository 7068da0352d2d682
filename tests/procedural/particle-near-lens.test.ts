/**
 * A leaf that drifts past the lens (scene/particles.mts): it was drawn as one flat, sharp card filling a
 * fifth of the frame ("autumn leaves falling in a park", seed 1, at 1.5 s). Particles that would cover
 * more than 4% of the frame's height shrink away, gone by 8%; bokeh stays as large as it is meant to be.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural, importThree } from '../helpers/esm';

type ParticlesModule = typeof import('../../engine/src/generators/procedural/scene/particles.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/particles: nothing fills the frame from a hand-width off the lens', () => {
  it('keeps full size up to 4% of the frame height and nothing from 8%, smoothly between', async () => {
    const { nearLensScale } = await importProcedural<ParticlesModule>('scene/particles.mts');
    // A frame 1 m high at 1 m: a 0.3 m leaf covers 3% at 10 m, 6% at 5 m, 15% at 2 m.
    assert.equal(nearLensScale(0.3, 10, 1), 1);
    assert.equal(nearLensScale(0.3, 2, 1), 0);
    const mid = nearLensScale(0.3, 5, 1);
    assert.ok(mid > 0.3 && mid < 0.7, `half way through the fade: ${mid}`);
    let last = 0;
    for (let d = 2; d <= 12; d += 0.25) {
      const s = nearLensScale(0.3, d, 1);
      assert.ok(s >= last, `grows with distance: ${s} at ${d} m after ${last}`);
      last = s;
    }
  });

  async function sizesAt(prompt: string, kind: 'leaves' | 'bokeh', distances: number[]): Promise<number[]> {
    const THREE = await importThree();
    const { createParticleLayer } = await importProcedural<ParticlesModule>('scene/particles.mts');
    const plan = planPrompt({ prompt, seed: 1 }).plan;
    const ctx = { plan, seed: 1, width: 320, height: 180, duration: 4, software: true, detail: 0.1, rng: undefined, renderer: undefined } as never;
    const L = { zenith: new THREE.Color(0.3, 0.4, 0.6), horizon: new THREE.Color(0.6, 0.6, 0.6), skyIntensity: 1, sunColor: new THREE.Color(1, 0.9, 0.8), sunIntensity: 2 } as never;
    const layer = createParticleLayer(ctx, kind, 1, { center: [0, 5, -10], size: [20, 10, 20] }, L);
    const camera = new THREE.PerspectiveCamera(40, 16 / 9, 0.1, 1000);
    camera.position.set(0, 2, 0);
    camera.lookAt(0, 2, -10);
    camera.updateMatrixWorld();
    layer.update(0, camera, 0);
    distances.forEach((d, i) => layer.system.pos.set([0, 2, -d], i * 3));
    layer.update(0, camera, 0);
    const m = new THREE.Matrix4();
    // The length of the first basis column (three's decompose reports a zero-scale matrix as scale 1).
    return distances.map((_, i) => {
      layer.mesh.getMatrixAt(i, m);
      return new THREE.Vector3().setFromMatrixColumn(m, 0).length();
    });
  }

  it('shrinks a falling leaf away at the lens and leaves the ones further off as they are', async () => {
    const [near, far] = await sizesAt('autumn leaves falling in a park', 'leaves', [0.4, 25]);
    assert.equal(near, 0, `a leaf 0.4 m from the lens is drawn at ${near}`);
    assert.ok(far! > 0.15, `a leaf 25 m off keeps its size: ${far}`);
  });

  it('leaves bokeh discs large', async () => {
    const [near] = await sizesAt('golden bokeh background', 'bokeh', [1.5]);
    assert.ok(near! > 0.1, `a bokeh disc 1.5 m off is drawn at ${near}`);
  });
});
