/**
 * Additive light is not haze (unfogAdditive in render/session.mts): three mixes fog into a material's colour,
 * and for an additively blended quad that adds the fog's colour over the whole quad, so a lightning bolt's
 * glow card showed as a pale rectangle in a sandstorm. The session turns fog off on additive materials.
 */
import { strict as assert } from 'node:assert';
import { importProcedural, importThree } from '../helpers/esm';

type SessionModule = typeof import('../../engine/src/generators/procedural/render/session.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/session: additive materials take no fog', () => {
  it('turns fog off on additive materials only, single or in arrays', async () => {
    const THREE = await importThree();
    const { unfogAdditive } = await importProcedural<SessionModule>('render/session.mts');
    const scene = new THREE.Scene();
    const glow = new THREE.MeshBasicNodeMaterial({ transparent: true, blending: THREE.AdditiveBlending });
    const solid = new THREE.MeshStandardNodeMaterial();
    const pair = [new THREE.MeshBasicNodeMaterial({ blending: THREE.AdditiveBlending }), new THREE.MeshBasicNodeMaterial()];
    const group = new THREE.Group();
    group.add(new THREE.Mesh(new THREE.PlaneGeometry(1, 1), glow));
    scene.add(group, new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), solid), new THREE.Mesh(new THREE.BoxGeometry(1, 1, 1), pair));
    assert.equal(glow.fog, true, 'fogged by default');
    unfogAdditive(scene);
    assert.equal(glow.fog, false, 'a nested additive glow');
    assert.equal(solid.fog, true, 'an ordinary surface keeps its fog');
    assert.deepEqual(pair.map((m) => m.fog), [false, true]);
  });
});
