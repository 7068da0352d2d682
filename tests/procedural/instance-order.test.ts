/**
 * Static instances are drawn nearest first (scene/instance-order.mts): the forest's trees and the city's
 * towers were shaded and then covered in random order (nature and city renders on lavapipe went from
 * 162 and 200 to 124 and 121 ms of CPU a frame).
 */
import { strict as assert } from 'node:assert';
import { importProcedural, importThree, type ThreeModule } from '../helpers/esm';

type OrderModule = typeof import('../../engine/src/generators/procedural/scene/instance-order.mjs', { with: { 'resolution-mode': 'import' } });

async function load(): Promise<{ order: OrderModule; THREE: ThreeModule }> {
  return { order: await importProcedural<OrderModule>('scene/instance-order.mts'), THREE: await importThree() };
}

describe('procedural/instance order: static instances nearest first', () => {
  it('reorders matrices and colours together by distance from the eye, and leaves unmarked meshes alone', async () => {
    const { order, THREE } = await load();
    const scene = new THREE.Scene();
    const xs = [5, -40, 12, 0.5, 30, -3];
    const make = () => {
      const mesh = new THREE.InstancedMesh(new THREE.BoxGeometry(), new THREE.MeshBasicNodeMaterial(), xs.length);
      xs.forEach((x, i) => {
        mesh.setMatrixAt(i, new THREE.Matrix4().makeTranslation(x, 0, 0));
        mesh.setColorAt(i, new THREE.Color(i / 10, 0, 0));
      });
      return mesh;
    };
    const marked = make();
    order.markStaticInstances(marked);
    // The group moves the instances: distances are measured where they are drawn.
    const group = new THREE.Group();
    group.position.set(0, 0, -100);
    group.add(marked);
    const unmarked = make();
    scene.add(group, unmarked);
    order.sortStaticInstances(scene, new THREE.Vector3(0, 0, -100));
    const at = (mesh: InstanceType<ThreeModule['InstancedMesh']>, i: number) => {
      const m = new THREE.Matrix4();
      mesh.getMatrixAt(i, m);
      const c = new THREE.Color();
      mesh.getColorAt(i, c);
      return { x: m.elements[12], colour: Math.round(c.r * 10) };
    };
    const sorted = xs.map((_, i) => at(marked, i));
    assert.deepEqual(sorted.map((s) => s.x), [0.5, -3, 5, 12, 30, -40]);
    // Each instance keeps its own colour.
    assert.deepEqual(sorted.map((s) => s.colour), [3, 5, 0, 2, 4, 1]);
    assert.deepEqual(xs.map((_, i) => at(unmarked, i).x), xs);
    // Drawn before the rest of the opaque scene (the terrain they stand on).
    assert.equal(marked.renderOrder, -1);
    assert.equal(unmarked.renderOrder, 0);
  });
});
