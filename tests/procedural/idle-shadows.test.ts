/**
 * Lights stop casting when nothing in the finished shot casts a shadow (scene/idle-shadows.mts): the
 * night city's and the open sea's sun rendered an empty shadow map that every ground pixel still read
 * (the night city on lavapipe: about 10 ms of CPU a frame less, frames byte-identical).
 */
import { strict as assert } from 'node:assert';
import { importProcedural, importThree } from '../helpers/esm';

type IdleModule = typeof import('../../engine/src/generators/procedural/scene/idle-shadows.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/idle shadows: a light casts only if something casts', () => {
  it('turns off every casting light when no visible mesh casts, and keeps them when one does', async () => {
    const idle = await importProcedural<IdleModule>('scene/idle-shadows.mts');
    const THREE = await importThree();
    const build = () => {
      const scene = new THREE.Scene();
      const sun = new THREE.DirectionalLight(0xffffff, 1);
      sun.castShadow = true;
      const key = new THREE.SpotLight(0xffffff, 1);
      key.castShadow = true;
      const ground = new THREE.Mesh(new THREE.PlaneGeometry(), new THREE.MeshBasicNodeMaterial());
      ground.receiveShadow = true;
      const tower = new THREE.Mesh(new THREE.BoxGeometry(), new THREE.MeshBasicNodeMaterial());
      const group = new THREE.Group();
      group.add(tower);
      scene.add(sun, key, ground, group);
      return { scene, sun, key, ground, tower, group };
    };

    const bare = build();
    assert.equal(idle.dropIdleShadows(bare.scene), 2);
    assert.equal(bare.sun.castShadow, false);
    assert.equal(bare.key.castShadow, false);
    assert.equal(bare.ground.receiveShadow, true, 'receivers are left alone');

    const cast = build();
    cast.tower.castShadow = true; // nested in a group: still found
    assert.equal(idle.dropIdleShadows(cast.scene), 0);
    assert.equal(cast.sun.castShadow, true);
    assert.equal(cast.key.castShadow, true);

    // A caster that is not drawn casts nothing.
    const hidden = build();
    hidden.tower.castShadow = true;
    hidden.group.visible = false;
    assert.equal(idle.dropIdleShadows(hidden.scene), 2);
    assert.equal(hidden.sun.castShadow, false);
  });
});
