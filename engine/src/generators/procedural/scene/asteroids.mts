/**
 * Asteroids drifting in space: lumpy rocks of a few shapes (spheres pushed in and out by a sum of waves on
 * the direction, and a crater or two pressed in), grey-brown and faceted, of many sizes, each turning on
 * its own axis, scattered along the camera's way so a push in flies through the field. Shapes and places
 * are pure functions; the sun lights them from the side.
 */
import * as THREE from 'three/webgpu';
import { stream } from '../sim/rng.js';

/** How far a rock's surface is from its centre in direction `d` (unit): lumps and craters. Pure. */
export function rockRadius(d: THREE.Vector3, waves: Array<[THREE.Vector3, number, number]>, craters: Array<[THREE.Vector3, number]>): number {
  let r = 1;
  for (const [axis, freq, amp] of waves) r += Math.sin(d.dot(axis) * freq + freq) * amp;
  for (const [at, size] of craters) {
    const k = 1 - d.distanceTo(at) / size;
    if (k > 0) r -= k * k * 0.18;
  }
  return r;
}

function rockGeometry(seed: number, shape: number): THREE.BufferGeometry {
  const rng = stream(seed, `rock-${shape}`);
  const dir = () => new THREE.Vector3(rng.next() - 0.5, rng.next() - 0.5, rng.next() - 0.5).normalize();
  const waves = Array.from({ length: 6 }, (_, k): [THREE.Vector3, number, number] => [dir(), 1.5 + k * 1.3, 0.16 / (1 + k * 0.7)]);
  const craters = Array.from({ length: 3 }, (): [THREE.Vector3, number] => [dir(), 0.25 + rng.next() * 0.3]);
  const g = new THREE.IcosahedronGeometry(1, 3);
  const p = g.getAttribute('position') as THREE.BufferAttribute;
  const v = new THREE.Vector3();
  // Elongated a little, as most are.
  const stretch = new THREE.Vector3(1 + rng.next() * 0.5, 0.8 + rng.next() * 0.2, 0.85 + rng.next() * 0.2);
  for (let i = 0; i < p.count; i++) {
    v.fromBufferAttribute(p, i).normalize();
    const r = rockRadius(v, waves, craters);
    p.setXYZ(i, v.x * r * stretch.x, v.y * r * stretch.y, v.z * r * stretch.z);
  }
  g.computeVertexNormals();
  return g;
}

export interface AsteroidPlace {
  at: [number, number, number];
  size: number;
  shape: number;
  axis: [number, number, number];
  spin: number;
}

/** Rocks along the view from the camera's start (z = 0) to `depth` away, spread wider with distance. Pure. */
export function placeAsteroids(rand: () => number, count: number, depth: number, shapes: number): AsteroidPlace[] {
  return Array.from({ length: count }, (_, i) => {
    const z = -(8 + rand() * depth);
    const spread = 6 + -z * 0.55;
    // A few large ones, many small (sizes fall off as a power law, as they do).
    const size = i === 0 ? 5 : 0.4 + Math.pow(rand(), 3) * 4;
    let x = (rand() - 0.5) * 2 * spread;
    const y = (rand() - 0.5) * spread;
    // None right on the camera's path (a push in would fly into it).
    if (Math.abs(x) < size + 1.5 && Math.abs(y) < size + 1.5) x += Math.sign(x || 1) * (size + 2);
    return { at: [i === 0 ? 9 : x, i === 0 ? -2 : y, i === 0 ? -40 : z], size, shape: i % shapes, axis: [rand() - 0.5, rand() - 0.5, rand() - 0.5], spin: 0.05 + rand() * 0.25 };
  });
}

export interface Asteroids {
  group: THREE.Group;
  update(t: number): void;
}

export function createAsteroids(seed: number, rand: () => number, count: number, depth: number): Asteroids {
  const group = new THREE.Group();
  const shapes = 4;
  const places = placeAsteroids(rand, count, depth, shapes);
  const mat = new THREE.MeshStandardNodeMaterial({ color: 0x8a8078, roughness: 0.95, flatShading: true });
  const meshes = Array.from({ length: shapes }, (_, s) => {
    const mine = places.filter((p) => p.shape === s);
    const mesh = new THREE.InstancedMesh(rockGeometry(seed, s), mat, Math.max(1, mine.length));
    mesh.count = mine.length;
    mine.forEach((p, k) => mesh.setColorAt(k, new THREE.Color().setHSL(0.07, 0.12, 0.35 + ((k * 37) % 10) / 40)));
    mesh.frustumCulled = false;
    group.add(mesh);
    return { mesh, mine, axes: mine.map((p) => new THREE.Vector3(...p.axis).normalize()) };
  });
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const pos = new THREE.Vector3();
  const s = new THREE.Vector3();
  return {
    group,
    update(t) {
      for (const { mesh, mine, axes } of meshes) {
        mine.forEach((p, k) => {
          q.setFromAxisAngle(axes[k]!, t * p.spin + k);
          // Drifting a little across the view.
          pos.set(p.at[0] + t * 0.15 * (k % 2 ? 1 : -1), p.at[1], p.at[2]);
          m.compose(pos, q, s.setScalar(p.size));
          mesh.setMatrixAt(k, m);
        });
        mesh.instanceMatrix.needsUpdate = true;
      }
    },
  };
}
