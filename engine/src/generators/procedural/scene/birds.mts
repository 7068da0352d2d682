/**
 * Birds crossing the sky: a flock in a loose V that flies across the camera's view over the clip, each bird
 * a dark silhouette (a slim body and two swept wings) beating its wings in its own rhythm, gliding now and
 * then, rising and falling a little as it goes (a murmuration's many as a cloud). True to size (a gull's
 * wingspan is about 1.2 m), placed 15 to 65 m out, where a wingspan is a few per cent of the frame.
 */
import * as THREE from 'three/webgpu';
import { abs, float, instanceIndex, hash, positionGeometry, positionLocal, sin, uniform, vec3, vec4 } from 'three/tsl';
import { mergeParts } from './common.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Top flying speed, metres a second (gulls and geese cruise at 10 to 15). */
const SPEED = 11;

/** A bird along +x, wings spanning z: a slim body and two swept wing triangles. */
function birdGeometry(): THREE.BufferGeometry {
  const body = new THREE.ConeGeometry(0.07, 0.55, 5).rotateZ(-Math.PI / 2);
  const wing = (side: number) => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute([0.12, 0, 0, -0.14, 0, 0, -0.22, 0, side * 0.62], 3));
    g.computeVertexNormals();
    return g;
  };
  return mergeParts([body, wing(1), wing(-1)]);
}

/**
 * Where each bird flies relative to the flock's leader, in metres: back along the flight and out to one
 * side (a loose V), with a little height. Pure, for tests.
 */
export function flockOffsets(count: number, rand: () => number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [[0, 0, 0]];
  // A murmuration's many fly as a cloud, not a V.
  if (count > 24) {
    for (let i = 1; i < count; i++) out.push([(rand() - 0.5) * 26, (rand() - 0.5) * 9, (rand() - 0.5) * 14]);
    return out;
  }
  for (let i = 1; i < count; i++) {
    const rank = Math.ceil(i / 2);
    const side = i % 2 === 0 ? 1 : -1;
    out.push([-rank * (1.3 + rand() * 0.8), (rand() - 0.5) * 1.4, side * rank * (1.1 + rand() * 0.7)]);
  }
  return out;
}

export const createBirds: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('birds');
  const subject = ctx.plan.subjects.find((s) => s.kind === 'birds')!;
  const n = subject.count;
  // Two flocks when there are many: one nearer, one further off.
  const flocks = n > 12 ? 2 : 1;
  const right = view.at(1, 0, 1).sub(view.at(-1, 0, 1)).setY(0).normalize();
  const leaders = Array.from({ length: flocks }, (_, f) => {
    // A lone bird close enough to read; a flock a little further; a second flock beyond.
    const d = n === 1 ? rng.range(14, 20) : f === 0 ? rng.range(24, 34) : rng.range(45, 65);
    // In the frame's left part from the first frame, so the flock is seen from the start and crosses.
    const start = view.at(-0.55, rng.range(0.15, 0.45), d);
    start.y = Math.max(start.y, shot.groundHeight(start.x, start.z) + 5);
    // Across the frame over the clip, still in it at the end: 0.8 of a frame width from a quarter in from
    // the left (at 1.3 widths the flock had left after 60% of the clip), between 4 m/s and a gull's cruise.
    const width = view.at(1, 0, d).distanceTo(view.at(-1, 0, d));
    return { start, speed: Math.min(SPEED, Math.max(4, (width * 0.8) / Math.max(ctx.duration, 0.5))) };
  });
  const offsets = flockOffsets(n, () => rng.next());
  // Silhouettes: no fog (at these distances the haze would tint them the sky's blue).
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.DoubleSide, fog: false });
  const phase: N = hash(instanceIndex.add(11)).mul(6.283);
  const rate: N = hash(instanceIndex.add(29)).mul(2).add(4.5);
  const time: N = uniform(0);
  // Beating, with a glide now and then (the beat fades out for a stretch of each bird's own cycle).
  const glide: N = sin(time.mul(0.7).add(phase)).mul(0.5).add(0.5);
  const flap: N = sin(time.mul(rate).add(phase)).mul(float(1).sub(glide.mul(glide).mul(0.85)));
  const span: N = abs(positionGeometry.z);
  mat.positionNode = positionLocal.add(vec3(0, flap.mul(span).mul(0.75), float(0))) as N;
  mat.colorNode = vec4(0.01, 0.01, 0.012, 1) as N;
  const mesh = new THREE.InstancedMesh(birdGeometry(), mat, n);
  mesh.frustumCulled = false;
  mesh.castShadow = false;
  const group = new THREE.Group();
  group.add(mesh);
  const birds = offsets.map((o, i) => ({ o, flock: i % flocks, bob: rng.range(0, 6.28), scale: rng.range(0.85, 1.2) }));
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(1, 0, 0), right);
  const side = new THREE.Vector3(0, 1, 0).cross(right).normalize();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  return {
    group,
    update(now) {
      time.value = now;
      birds.forEach((b, i) => {
        const leader = leaders[b.flock]!;
        p.copy(leader.start)
          .addScaledVector(right, leader.speed * now + b.o[0])
          .addScaledVector(side, b.o[2]);
        p.y += b.o[1] + Math.sin(now * 0.9 + b.bob) * 0.35;
        m.compose(p, q, s.setScalar(b.scale));
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
};
