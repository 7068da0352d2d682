/**
 * Two opaque surfaces facing up at the same height over the same ground fight in the depth buffer: on
 * lavapipe the loser shows through in blocks the shape of the rasteriser's tiles. The splash pool's floor
 * sat level with the studio floor ("a ball splashing into water" showed a patchwork of sweep-grey blocks
 * through the water). This walks the built sets and fails on any such pair.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree } from '../helpers/esm';

type PhysicsModule = typeof import('../../engine/src/generators/procedural/scene/physics.mjs', { with: { 'resolution-mode': 'import' } });
type ThreeModule = Awaited<ReturnType<typeof importThree>>;

interface Face {
  mesh: string;
  material: unknown;
  y: number;
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

/** Each opaque, non-instanced mesh's up-facing vertices, grouped by height (1 mm), as xz extents. */
function upFaces(THREE: ThreeModule, scene: import('three').Object3D): Face[] {
  scene.updateMatrixWorld(true);
  const faces: Face[] = [];
  const p = new THREE.Vector3();
  const n = new THREE.Vector3();
  scene.traverse((o) => {
    const mesh = o as import('three').Mesh;
    if (!mesh.isMesh || (mesh as import('three').InstancedMesh).isInstancedMesh || !mesh.visible) return;
    const material = mesh.material as import('three').Material;
    if (Array.isArray(material) || material.transparent || material.depthWrite === false) return;
    const pos = mesh.geometry.getAttribute('position');
    const nor = mesh.geometry.getAttribute('normal');
    if (!pos || !nor) return;
    const normalMatrix = new THREE.Matrix3().getNormalMatrix(mesh.matrixWorld);
    const byHeight = new Map<number, Face>();
    for (let i = 0; i < pos.count; i++) {
      n.fromBufferAttribute(nor, i).applyMatrix3(normalMatrix).normalize();
      if (n.y < 0.99) continue;
      p.fromBufferAttribute(pos, i).applyMatrix4(mesh.matrixWorld);
      const key = Math.round(p.y * 1000);
      const f = byHeight.get(key) ?? { mesh: `${mesh.name || mesh.geometry.type}#${mesh.id}`, material, y: p.y, minX: p.x, maxX: p.x, minZ: p.z, maxZ: p.z };
      f.minX = Math.min(f.minX, p.x);
      f.maxX = Math.max(f.maxX, p.x);
      f.minZ = Math.min(f.minZ, p.z);
      f.maxZ = Math.max(f.maxZ, p.z);
      byHeight.set(key, f);
    }
    faces.push(...byHeight.values());
  });
  return faces;
}

/** Pairs of up-facing surfaces of different materials within 3 mm in height, overlapping by over 0.05 m². */
function fights(faces: Face[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      const a = faces[i]!;
      const b = faces[j]!;
      if (a.mesh === b.mesh || a.material === b.material || Math.abs(a.y - b.y) > 0.003) continue;
      const w = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX);
      const d = Math.min(a.maxZ, b.maxZ) - Math.max(a.minZ, b.minZ);
      if (w > 0 && d > 0 && w * d > 0.05) out.push(`${a.mesh} and ${b.mesh} at y ${a.y.toFixed(3)} over ${(w * d).toFixed(2)} m²`);
    }
  }
  return out;
}

describe('procedural/sets: no two floors at one height', () => {
  async function physicsSet(prompt: string) {
    const THREE = await importThree();
    const { buildPhysicsShot } = await importProcedural<PhysicsModule>('scene/physics.mts');
    const plan = planPrompt({ prompt, seed: 1 }).plan;
    const ctx = { plan, seed: 1, width: 320, height: 180, duration: 2, software: true, detail: 0.1, rng: (name: string) => stream(1, name), renderer: undefined } as never;
    const shot = await buildPhysicsShot(ctx);
    const faces = upFaces(THREE, shot.scene);
    shot.dispose();
    return faces;
  }

  it('the splash pool stands on the studio floor without sharing its height', async () => {
    const faces = await physicsSet('a ball splashing into water');
    assert.ok(faces.length >= 3, `found the set's up-facing surfaces: ${faces.length}`);
    assert.deepEqual(fights(faces), []);
  });

  it('finds a floor laid level with another (the check itself)', async () => {
    const THREE = await importThree();
    const scene = new THREE.Scene();
    const a = new THREE.Mesh(new THREE.BoxGeometry(4, 0.2, 4), new THREE.MeshBasicMaterial());
    a.position.y = -0.1;
    const b = new THREE.Mesh(new THREE.PlaneGeometry(10, 10), new THREE.MeshBasicMaterial());
    b.rotation.x = -Math.PI / 2;
    scene.add(a, b);
    assert.equal(fights(upFaces(THREE, scene)).length, 1);
    a.position.y = -0.08;
    assert.equal(fights(upFaces(THREE, scene)).length, 0);
  });

  for (const prompt of ['dominoes toppling in a chain reaction', 'colorful balls bouncing on a lawn', 'crates falling in the desert', 'marbles splashing into a pool']) {
    it(`no fight in "${prompt}"`, async () => {
      assert.deepEqual(fights(await physicsSet(prompt)), []);
    });
  }
});
