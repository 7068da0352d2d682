/**
 * Butterflies fluttering through the view: each a slim body and four wings (fore and hind) hinged along
 * it, beating a few times a second with a pause held open now and then, on a wandering path (the erratic
 * up-and-down of a butterfly's flight) drifting across the frame a metre or a few in front of the lens.
 * True to size (a wingspan of 7 to 11 cm). The wings' pattern is a shader: a colour with dark veins and
 * borders, pale spots along the edge, in one of a few kinds (monarch orange, morpho blue, a yellow, a white).
 */
import * as THREE from 'three/webgpu';
import { float, hash, instanceIndex, length, mix, sin, smoothstep, step, uv, vec2, vec3 } from 'three/tsl';
import { perInstanceColour } from './common.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';
import { BUTTERFLY_MIX } from '../plan/schema.js';
import { smoothstepJs } from '../sim/noise.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The kinds' wing colours (linear light after three's sRGB conversion): monarch, morpho, brimstone, cabbage white. */
const KINDS = ['#e8791a', '#2f74e0', '#f2d12e', '#f4f1e6'].map((h) => new THREE.Color(h));

/**
 * A butterfly's parts along +x (head forward), flat in y = 0: its four wings, each spanning +z out from a
 * hinge on the body's line (a right wing is a left one turned about the body), its uv (0, 0) at the root
 * and (1, 1) at the tip for the shader to cut the outline; and the body.
 */
function wingGeometry(fore: boolean): THREE.BufferGeometry {
  // Forewing: forward and out, its leading edge swept forward; hindwing: back and out, smaller.
  const x0 = fore ? 0.0 : -0.032;
  const x1 = fore ? 0.03 : 0.0;
  const span = fore ? 0.05 : 0.038;
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute([x1, 0, 0, x0, 0, 0, x0, 0, span, x1 + (fore ? 0.012 : 0), 0, span], 3));
  g.setAttribute('normal', new THREE.Float32BufferAttribute([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], 3));
  g.setAttribute('uv', new THREE.Float32BufferAttribute([0, 0, 1, 0, 1, 1, 0, 1], 2));
  g.setIndex([0, 1, 2, 0, 2, 3]);
  return g;
}

export interface Flight {
  /** Where in the frame it starts (x, y from -1 to 1) and how far out (m). */
  x: number;
  y: number;
  distance: number;
  /** Drift across the frame, frame widths a second (signed). */
  drift: number;
  /** Wandering: phases and rates of the path's wobbles. */
  phase: number;
  rate: number;
  kind: number;
  size: number;
}

/** Flights for `count` butterflies: one near the lens when alone, a scatter at a few distances otherwise. Pure. */
export function planFlights(count: number, rand: () => number, kinds: number): Flight[] {
  // The main kind a coloured one (the last kind, white, only among the others).
  const kind = Math.floor(rand() * Math.max(1, kinds - 1));
  return Array.from({ length: count }, (_, i) => ({
    x: count === 1 ? -0.2 + rand() * 0.4 : -0.9 + rand() * 1.8,
    y: count === 1 ? -0.1 + rand() * 0.3 : -0.5 + rand() * 1.0,
    distance: count === 1 ? 0.42 + rand() * 0.12 : 0.8 + rand() * 2.7,
    drift: (rand() < 0.5 ? -1 : 1) * (0.02 + rand() * 0.05),
    phase: rand() * 6.283,
    rate: 0.8 + rand() * 0.8,
    // Mostly one kind, a few of another.
    kind: i === 0 || rand() < 0.7 ? kind : Math.floor(rand() * kinds),
    size: 0.85 + rand() * 0.35,
  }));
}

/** The wandering offset of a flight at time t, metres (sideways, up, along the view). Pure. */
export function wander(f: Flight, t: number): [number, number, number] {
  const w = t * f.rate;
  return [Math.sin(w * 0.9 + f.phase) * 0.25 + Math.sin(w * 2.3 + f.phase * 2) * 0.08, Math.sin(w * 1.7 + f.phase * 3) * 0.12 + Math.abs(Math.sin(w * 3.1 + f.phase)) * 0.08, Math.sin(w * 0.6 + f.phase * 5) * 0.2];
}

export const createButterflies: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('butterflies');
  const subject = ctx.plan.subjects.find((s) => s.kind === 'butterflies')!;
  const flights = planFlights(subject.count, () => rng.next(), KINDS.length);
  // A colour named (or a kind: monarch, blue): every one that colour.
  const colours = subject.color === BUTTERFLY_MIX ? KINDS : [new THREE.Color(subject.color)];
  for (const f of flights) f.kind %= colours.length;

  // The wing pattern, by the wing's uv (u along the body, v out to the tip).
  const mat = new THREE.MeshStandardNodeMaterial({ side: THREE.DoubleSide, roughness: 0.6 });
  const u: N = uv().x;
  const v: N = uv().y;
  // The outline: a rounded wing, wider towards its tip.
  const shape: N = length(vec2(u.sub(0.5).mul(float(1.6).sub(v.mul(0.5))), v.sub(0.55).mul(1.1)));
  const edge: N = smoothstep(0.42, 0.55, shape);
  const vein: N = smoothstep(0.9, 1, sin(u.mul(18).add(v.mul(6))).abs()).mul(v);
  const spots: N = step(0.8, hash(u.mul(9).floor().add(v.mul(9).floor().mul(13)).add(instanceIndex))).mul(edge);
  // The kind's colour, dark at the borders and veins, pale spots along the edge.
  const dark = vec3(0.02, 0.018, 0.015);
  const kindColour: N = perInstanceColour(flights.map((f) => colours[f.kind]!));
  mat.colorNode = mix(mix(kindColour, dark, edge.max(vein.mul(0.8))), vec3(0.95, 0.93, 0.88), spots.mul(0.9)) as N;
  // Wings are thin: lit through from behind as well as on their face (flat on to a low sun they went grey).
  mat.emissiveNode = (mat.colorNode as N).mul(0.3);
  mat.opacityNode = step(shape, 0.62) as N;
  mat.alphaTest = 0.5;
  const wings = [true, true, false, false].map((fore) => {
    const mesh = new THREE.InstancedMesh(wingGeometry(fore), mat, flights.length);
    mesh.frustumCulled = false;
    mesh.castShadow = false;
    return mesh;
  });
  const body = new THREE.InstancedMesh(new THREE.CylinderGeometry(0.0035, 0.0025, 0.04, 4).rotateZ(Math.PI / 2), new THREE.MeshStandardNodeMaterial({ color: 0x1a1512, roughness: 0.8 }), flights.length);
  body.frustumCulled = false;
  const group = new THREE.Group();
  group.add(body, ...wings);
  // Each one's beat: 4 to 6 times a second (well under the 12 a second that 24 fps can show), a glide
  // held open now and then.
  const beats = flights.map(() => ({ rate: 4 + rng.next() * 2, phase: rng.next() * 6.283 }));
  const starts = flights.map((f) => view.at(f.x, f.y, f.distance));
  const rightOf = view.at(1, 0, 1).sub(view.at(-1, 0, 1)).setY(0).normalize();
  const forward = new THREE.Vector3(...midway.lookAt).sub(view.camera).setY(0).normalize();
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  const prev = new THREE.Vector3();
  const up = new THREE.Vector3(0, 1, 0);
  const hinge = new THREE.Matrix4();
  const camRight = new THREE.Vector3();
  const camUp = new THREE.Vector3();
  const camFwd = new THREE.Vector3();
  const wingAt = new THREE.Matrix4();
  // A lone butterfly is the subject: the lens focuses on it.
  const focus = flights.length === 1 ? new THREE.Vector3() : undefined;
  return {
    group,
    focus,
    update(now, camera) {
      // A lone butterfly is followed by the lens (it stays in the frame through a pan or a push in);
      // several fly where the camera looks halfway through the clip.
      if (focus) {
        camera.updateMatrixWorld();
        camRight.setFromMatrixColumn(camera.matrixWorld, 0);
        camUp.setFromMatrixColumn(camera.matrixWorld, 1);
        camFwd.setFromMatrixColumn(camera.matrixWorld, 2).negate();
        const f = flights[0]!;
        starts[0]!.copy(camera.position).addScaledVector(camFwd, f.distance).addScaledVector(camRight, f.x * view.tanV * aspect * f.distance).addScaledVector(camUp, f.y * view.tanV * f.distance);
      }
      flights.forEach((f, i) => {
        const width = 2 * view.tanV * aspect * f.distance;
        // Its wandering in proportion to how far out it is: near the lens a quarter metre is the frame.
        const reach = Math.min(1, f.distance / 2.5);
        const at = (t: number, into: THREE.Vector3) => {
          const [a, b, c] = wander(f, t);
          into.copy(starts[i]!).addScaledVector(rightOf, (a + (focus ? 0 : f.drift * width * t)) * reach).addScaledVector(forward, c * reach);
          into.y += b * reach;
          // Never below the ground (the grass's tops).
          into.y = Math.max(into.y, shot.groundHeight(into.x, into.z) + 0.35);
          return into;
        };
        at(now, p);
        at(now - 0.1, prev);
        // Heading along its flight, level.
        const heading = Math.atan2(-(p.z - prev.z), p.x - prev.x);
        q.setFromAxisAngle(up, heading);
        m.compose(p, q, s.setScalar(f.size));
        body.setMatrixAt(i, m);
        if (i === 0) focus?.copy(p);
        const b = beats[i]!;
        const glide = smoothstepJs(0.6, 0.9, Math.sin(now * 0.9 + b.phase));
        const lift = (Math.sin(now * b.rate * Math.PI * 2 + b.phase) * 1.1 + 0.35) * (1 - glide) + 0.25 * glide;
        // The wings turn about the body (x): a left wing up by the lift, a right one mirrored.
        wings.forEach((w, k) => {
          hinge.makeRotationX(k % 2 === 0 ? -lift : Math.PI + lift);
          w.setMatrixAt(i, wingAt.multiplyMatrices(m, hinge));
        });
      });
      body.instanceMatrix.needsUpdate = true;
      for (const w of wings) w.instanceMatrix.needsUpdate = true;
    },
  };
};

