/**
 * A bamboo grove: clumps of tall, straight culms, green with paler rings at the nodes, sprays of narrow
 * leaves on short branches up their upper half, all swaying from the top (their own height, so the ground's
 * rise does not scale the sway). The camera stands on a path through the grove at eye height, looking a
 * little up along it, as in the walks through Arashiyama; the path is kept clear ahead of it (and round an
 * orbit's circle). One instanced mesh: each culm is the same geometry, scaled and turned.
 */
import * as THREE from 'three/webgpu';
import { float, fract, hash, instanceIndex, mix, positionGeometry, positionLocal, sin, smoothstep, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';
import { markStaticInstances } from './instance-order.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A culm's height before its instance's scale (12 to 18 m once scaled). */
const CULM = 14;
/** Metres between nodes. */
const NODE = 0.42;
/**
 * Leaf sprays on a culm, and leaves in each. The grove is the dearest forest to draw on lavapipe: 1,100
 * culms at 10 x 6 cost about 300 ms of render CPU a frame at 720p where the pine forest costs 210 to 220
 * (render-only, alternated runs; 16 x 7 leaves and 2,600 culms cost 780): each leaf is a triangle set up on
 * its own, and the culms' long thin triangles cross many of the rasteriser's tiles.
 */
const SPRAYS = 10;
const LEAVES_PER_SPRAY = 6;

/** One culm along +y, a tapering four-sided tube, and its leaf sprays (two geometries: the leaves are two-sided). */
function culmGeometry(rand: () => number): { culm: THREE.BufferGeometry; leaves: THREE.BufferGeometry } {
  // Yellower green low down, deeper green up the culm.
  const low = new THREE.Color('#6b8a2a');
  const high = new THREE.Color('#3d6a1f');
  // Four sides, one-sided: a culm is a few pixels wide, and each long thin triangle is set up in every
  // tile of the rasteriser it crosses (six two-sided sides cost about half as much again a frame).
  const culm = paintVertices(new THREE.CylinderGeometry(0.05, 0.08, CULM, 4, 1, true).translate(0, CULM / 2, 0), (p) => low.clone().lerp(high, Math.min(1, p.y / (CULM * 0.7))));
  const parts: THREE.BufferGeometry[] = [];
  const leafGreen = new THREE.Color('#6a9a3a');
  // Branches from the upper half: each a spray of lance-shaped leaves hanging out and down from its tip.
  for (let b = 0; b < SPRAYS; b++) {
    const y = CULM * (0.45 + 0.53 * (b / (SPRAYS - 1))) + (rand() - 0.5) * 0.3;
    const a = b * 2.4 + rand() * 0.8;
    const reach = 0.5 + rand() * 0.7 * (1 - b / (SPRAYS * 1.25));
    const tip = new THREE.Vector3(Math.cos(a) * reach, y + 0.25, Math.sin(a) * reach);
    const verts: number[] = [];
    for (let k = 0; k < LEAVES_PER_SPRAY; k++) {
      const la = a + (rand() - 0.5) * 2.2;
      const len = 0.22 + rand() * 0.12;
      const droop = -0.08 - rand() * 0.12;
      const dir = new THREE.Vector3(Math.cos(la), droop / len, Math.sin(la)).normalize();
      const side = new THREE.Vector3(-Math.sin(la), 0, Math.cos(la)).multiplyScalar(0.025);
      const base = tip.clone().add(new THREE.Vector3((rand() - 0.5) * 0.15, (rand() - 0.5) * 0.1, (rand() - 0.5) * 0.15));
      const mid = base.clone().addScaledVector(dir, len * 0.45);
      const end = base.clone().addScaledVector(dir, len);
      // Two triangles: a narrow lance widest a little before its middle.
      verts.push(...base.toArray(), ...mid.clone().add(side).toArray(), ...end.toArray());
      verts.push(...base.toArray(), ...end.toArray(), ...mid.clone().sub(side).toArray());
    }
    const spray = new THREE.BufferGeometry();
    spray.setAttribute('position', new THREE.Float32BufferAttribute(verts, 3));
    spray.computeVertexNormals();
    parts.push(paintVertices(spray, leafGreen.clone().multiplyScalar(0.85 + rand() * 0.3)));
  }
  return { culm, leaves: mergeParts(parts) };
}

/** Where culms stand: clumps in a wedge ahead of `eye` (along -z), none on the path or round an orbit. Pure. */
export function bambooClumps(rand: () => number, eye: { x: number; z: number }, opts: { far: number; max: number; pathHalfWidth: number; orbit?: { x: number; z: number; radius: number } }): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  // Clumps further apart the further they are: far off, the few there are still close the view.
  for (let z = eye.z + 3; z > eye.z - opts.far && out.length < opts.max; z -= 1.1 + Math.max(0, eye.z - z) * 0.06) {
    const d = Math.max(0, eye.z - z);
    const half = 6 + d * 0.65;
    for (let x = -half; x <= half && out.length < opts.max; x += 1.1 + Math.abs(x) * 0.02 + d * 0.07) {
      const cx = eye.x + x + (rand() - 0.5) * 0.8;
      const cz = z + (rand() - 0.5) * 0.8;
      const culms = 2 + Math.floor(rand() * 4);
      for (let k = 0; k < culms && out.length < opts.max; k++) {
        const px = cx + (rand() - 0.5) * 0.45;
        const pz = cz + (rand() - 0.5) * 0.45;
        // The path, straight ahead of the camera (where a push in or a drone travels) and behind it; past
        // 30 m the grove closes over it, so its far end is more bamboo, not open country.
        if (Math.abs(px - eye.x) < opts.pathHalfWidth && pz > eye.z - 30) continue;
        if (opts.orbit && Math.hypot(px - opts.orbit.x, pz - opts.orbit.z) < opts.orbit.radius) continue;
        out.push([px, pz]);
      }
    }
  }
  return out;
}

export function createBamboo(ctx: BuildContext, opts: { eye: { x: number; z: number }; ground: (x: number, z: number) => number; time: N; orbit?: { x: number; z: number; radius: number } }): THREE.InstancedMesh {
  const rng = ctx.rng('bamboo');
  const rand = () => rng.next();
  const places = bambooClumps(rand, opts.eye, { far: 55, max: ctx.software ? 1100 : 2600, pathHalfWidth: 1.6, orbit: opts.orbit });
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.55 });
  const leafMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.6, side: THREE.DoubleSide });
  // A pale ring at each node of the culm (its vertices lie within 8 cm of the axis; the leaves are further
  // out and keep their green). The vertex and instance colours multiply in after this.
  const y: N = positionGeometry.y;
  const onCulm: N = float(1).sub(smoothstep(0.09, 0.15, positionGeometry.xz.length()));
  const f: N = fract(y.div(NODE));
  const ring: N = smoothstep(0.9, 0.95, f).mul(float(1).sub(smoothstep(0.97, 1.0, f))).mul(onCulm);
  mat.colorNode = mix(vec3(1, 1, 1), vec3(1.9, 1.75, 1.5), ring) as N;
  // Sway from the top: the higher, the further, each culm in its own phase.
  const wind = 0.25 + ctx.plan.weather.wind * 0.9;
  const h: N = y.div(CULM).clamp(0, 1.1);
  const phase: N = hash(instanceIndex).mul(6.283);
  const bend: N = sin(opts.time.mul(0.9).add(phase)).add(sin(opts.time.mul(2.1).add(phase.mul(1.7))).mul(0.3)).mul(0.35 * wind).mul(h.mul(h));
  mat.positionNode = positionLocal.add(vec3(bend, float(0), bend.mul(0.6))) as N;
  leafMat.positionNode = mat.positionNode;
  const geometry = culmGeometry(rand);
  const mesh = new THREE.InstancedMesh(geometry.culm, mat, places.length);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const colour = new THREE.Color();
  const spin = new THREE.Quaternion();
  const lean = new THREE.Quaternion();
  places.forEach(([x, z], i) => {
    // Turned at random; those by the path lean in over it, towards its light (the canopy closes above
    // it), the rest a degree or two either way.
    const dx = x - opts.eye.x;
    // (About z a positive angle tips the top towards -x: culms right of the path tip left.)
    // (Only along the near path: far off, culms leaning in from both sides met in tents.)
    const along = Math.exp(-Math.max(0, opts.eye.z - z - 18) / 8);
    const over = Math.sign(dx) * (0.02 + 0.13 * Math.exp(-Math.abs(dx) / 3) * along);
    spin.setFromAxisAngle(new THREE.Vector3(0, 1, 0), rand() * Math.PI * 2);
    lean.setFromEuler(new THREE.Euler((rand() - 0.5) * 0.05, 0, over + (rand() - 0.5) * 0.04));
    q.copy(lean).multiply(spin);
    const k = 0.85 + rand() * 0.45;
    m.compose(new THREE.Vector3(x, opts.ground(x, z) - 0.1, z), q, s.set(k * (0.8 + rand() * 0.5), k, k * (0.8 + rand() * 0.5)));
    mesh.setMatrixAt(i, m);
    // Some culms in the light, some in the shade of others.
    mesh.setColorAt(i, colour.setRGB(1, 1, 1).multiplyScalar(0.6 + rand() * 0.6));
  });
  mesh.castShadow = false;
  mesh.receiveShadow = false;
  mesh.frustumCulled = false;
  // Nearest first: the near culms hide most of the grove behind them.
  markStaticInstances(mesh);
  // The leaves share the culms' instances (the same attributes: the sort above reorders both at once).
  const leaves = new THREE.InstancedMesh(geometry.leaves, leafMat, places.length);
  leaves.instanceMatrix = mesh.instanceMatrix;
  leaves.instanceColor = mesh.instanceColor;
  leaves.castShadow = false;
  leaves.receiveShadow = false;
  leaves.frustumCulled = false;
  mesh.add(leaves);
  return mesh;
}
