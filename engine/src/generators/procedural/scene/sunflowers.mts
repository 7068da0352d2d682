/**
 * A field of sunflowers: tall stalks with two leaves and a heavy head (a ring of yellow petals round a
 * brown disc), all the heads turned the same way (sunflowers face the morning sun; here, towards the
 * camera, a little to one side), in rough rows that run away from a camera standing among them at head
 * height, on a path between them. Heads nod slightly in the wind, each in its own phase.
 */
import * as THREE from 'three/webgpu';
import { float, hash, instanceIndex, positionGeometry, positionLocal, sin, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const STALK = 1.7;

/** A sunflower along +y, its head facing +z: a stalk, two leaves, a petal ring and a brown disc. */
function sunflowerGeometry(): THREE.BufferGeometry {
  const green = new THREE.Color('#3f6b25');
  const stalk = paintVertices(new THREE.CylinderGeometry(0.018, 0.028, STALK, 4, 1, true).translate(0, STALK / 2, 0), green);
  const leaf = (side: number, y: number) => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute([0, y, 0, side * 0.32, y + 0.12, 0.06, side * 0.12, y + 0.2, 0.02, 0, y, 0, side * 0.12, y - 0.04, 0.05, side * 0.32, y + 0.12, 0.06], 3));
    g.computeVertexNormals();
    return paintVertices(g, green.clone().multiplyScalar(1.15));
  };
  // Petals: a ring whose outer edge alternates long and short, a star of 16 points.
  const points = 16;
  const ring: number[] = [];
  for (let i = 0; i < points * 2; i++) {
    const a0 = (i / (points * 2)) * Math.PI * 2;
    const a1 = ((i + 1) / (points * 2)) * Math.PI * 2;
    const r0 = i % 2 === 0 ? 0.26 : 0.17;
    const r1 = i % 2 === 0 ? 0.17 : 0.26;
    ring.push(0, 0, 0, Math.cos(a0) * r0, Math.sin(a0) * r0, 0, Math.cos(a1) * r1, Math.sin(a1) * r1, 0);
  }
  const petals = new THREE.BufferGeometry();
  petals.setAttribute('position', new THREE.Float32BufferAttribute(ring, 3));
  petals.computeVertexNormals();
  paintVertices(petals, new THREE.Color('#ffc414'));
  const disc = paintVertices(new THREE.CircleGeometry(0.11, 10).translate(0, 0, 0.012), new THREE.Color('#4a2a12'));
  const head = mergeParts([petals, disc]).rotateX(-0.25).translate(0, STALK + 0.05, 0.06);
  return mergeParts([stalk, leaf(1, 0.7), leaf(-1, 1.05), head]);
}

/** Where sunflowers stand: rough rows running away from `eye` along -z, within the view's wedge. Pure. */
export function sunflowerRows(rand: () => number, eye: { x: number; z: number }, far: number, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let z = eye.z - 3; z > eye.z - far && out.length < max; z -= 0.75 + (eye.z - z) * 0.02) {
    const half = 1.5 + (eye.z - z) * 0.85;
    for (let x = -half; x <= half && out.length < max; x += 0.7 + (eye.z - z) * 0.015) {
      const px = eye.x + x + (rand() - 0.5) * 0.3;
      // A path down the middle for the first 16 m, where a push in travels (no head in the lens).
      if (Math.abs(px - eye.x) < 0.9 && eye.z - z < 16) continue;
      out.push([px, z + (rand() - 0.5) * 0.3]);
    }
  }
  return out;
}

export function createSunflowers(ctx: BuildContext, opts: { eye: { x: number; z: number }; ground: (x: number, z: number) => number; time: N }): THREE.InstancedMesh {
  const rng = ctx.rng('sunflowers');
  // (Past 45 m a head is a few pixels: the field's own yellow carries the far rows.)
  const places = sunflowerRows(() => rng.next(), opts.eye, 45, ctx.software ? 1300 : 3200);
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.75, side: THREE.DoubleSide });
  // A nod in the wind, more the higher up the stalk (its own height: positionLocal is already placed).
  const wind = 0.2 + ctx.plan.weather.wind * 0.8;
  const y: N = positionGeometry.y.div(STALK).clamp(0, 1.1);
  const nod: N = sin(opts.time.mul(1.3).add(hash(instanceIndex).mul(6.283))).mul(0.05 * wind).mul(y.mul(y));
  mat.positionNode = positionLocal.add(vec3(nod, float(0), nod.mul(0.5))) as N;
  const mesh = new THREE.InstancedMesh(sunflowerGeometry(), mat, places.length);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const colour = new THREE.Color();
  places.forEach(([x, z], i) => {
    // Heads all turned the same way (towards the camera, a little to the left), a few degrees apart.
    q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), -0.25 + (rng.next() - 0.5) * 0.35);
    const k = 0.85 + rng.next() * 0.3;
    m.compose(new THREE.Vector3(x, opts.ground(x, z) - 0.05, z), q, s.set(k, k * (0.9 + rng.next() * 0.25), k));
    mesh.setMatrixAt(i, m);
    mesh.setColorAt(i, colour.setRGB(1, 1, 1).multiplyScalar(0.85 + rng.next() * 0.25));
  });
  mesh.castShadow = false;
  mesh.receiveShadow = false;
  mesh.frustumCulled = false;
  return mesh;
}
