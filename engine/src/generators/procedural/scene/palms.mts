/**
 * Coconut palms along a beach: a slender trunk curving up from the sand with the rings of old leaf
 * scars, a crown of long fronds that arch out and droop, each frond a midrib with leaflets tapering to
 * its tip, and a cluster of coconuts under the crown. One geometry for every palm, instanced; each palm
 * leans towards the sea by its own amount, and the fronds stir in the wind (a sway that grows with the
 * distance from the trunk's top, in the vertex shader).
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { attribute, cos, float, hash, instanceIndex, positionGeometry, positionLocal, sin, vec3 } from 'three/tsl';
import { type BuildContext, paintVertices, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const TRUNK_HEIGHT = 9;
const FRONDS = 11;

/** A part of the palm, coloured, and marked as frond (1: it sways with the wind) or not (0). */
function part(g: THREE.BufferGeometry, color: THREE.Color | ((p: THREE.Vector3) => THREE.Color), frond: 0 | 1): THREE.BufferGeometry {
  const geo = paintVertices(g.index ? g.toNonIndexed() : g, color);
  geo.setAttribute('frond', new THREE.Float32BufferAttribute(new Float32Array(geo.getAttribute('position').count).fill(frond), 1));
  return geo;
}

/** The trunk's centre line: up and bending over by `lean` metres at the top. */
function trunkCurve(lean: number): THREE.CatmullRomCurve3 {
  return new THREE.CatmullRomCurve3([0, 0.25, 0.5, 0.75, 1].map((t) => new THREE.Vector3(0, t * TRUNK_HEIGHT, -lean * t * t)));
}

/** One palm, leaning towards -z; its crown at the top of the curve. */
export function palmGeometry(seed: number): THREE.BufferGeometry {
  let s = seed * 9301 + 49297;
  const rand = () => ((s = (s * 9301 + 49297) % 233280) / 233280);
  const parts: THREE.BufferGeometry[] = [];
  const curve = trunkCurve(1.6);
  const trunk = new THREE.TubeGeometry(curve, 24, 0.19, 7, false);
  const bark = new THREE.Color('#8a7356');
  const scar = new THREE.Color('#5e4c38');
  parts.push(part(trunk, (p) => (Math.sin(p.y * 9) > 0.55 ? scar : bark).clone().multiplyScalar(0.9 + 0.1 * Math.sin(p.y * 1.3)), 0));
  const top = curve.getPoint(1);

  const green = new THREE.Color('#3f6b26');
  const yellow = new THREE.Color('#7d8f32');
  for (let f = 0; f < FRONDS; f++) {
    const yaw = (f / FRONDS) * Math.PI * 2 + rand() * 0.4;
    const length = 3.6 + rand() * 1.2;
    const rise = 0.35 + rand() * 0.5; // how steeply it leaves the crown, radians
    const droop = 0.9 + rand() * 0.5;
    // A frond: a strip along x (its length) in 10 pieces, folded along the midrib, tapering to the tip,
    // bent down more and more towards it.
    const strip = new THREE.PlaneGeometry(1, 1, 10, 2);
    const pos = strip.getAttribute('position') as THREE.BufferAttribute;
    for (let i = 0; i < pos.count; i++) {
      const u = pos.getX(i) + 0.5; // 0 at the crown, 1 at the tip
      const v = pos.getY(i); // -0.5..0.5 across
      const width = 1.1 * Math.sin(Math.PI * Math.min(1, u * 1.15)) * (1 - u * 0.35);
      const along = u * length;
      const angle = rise - droop * u * u;
      const x = Math.cos(rise) * along;
      const y = Math.sin(angle) * along * 0.8;
      // The leaflets hang down from the midrib on both sides (a V in section).
      pos.setXYZ(i, x, y - Math.abs(v) * width * 0.45, v * width);
    }
    strip.computeVertexNormals();
    strip.rotateY(yaw);
    strip.translate(top.x, top.y, top.z);
    const tint = green.clone().lerp(yellow, rand() * 0.5);
    parts.push(part(strip, tint, 1));
  }
  // Coconuts under the crown.
  for (let k = 0; k < 5; k++) {
    const a = (k / 5) * Math.PI * 2;
    const nut = new THREE.IcosahedronGeometry(0.17, 1);
    nut.translate(top.x + Math.cos(a) * 0.25, top.y - 0.35 - (k % 2) * 0.12, top.z + Math.sin(a) * 0.25);
    parts.push(part(nut, new THREE.Color('#4a3b22'), 0));
  }
  return mergeGeometries(parts)!;
}

/**
 * `count` palms along the sand between `z0` and `z1` (the shore is at larger -z), kept out of the middle
 * of the frame (|x| >= `clear`) so they frame the sea, each on the ground `height(x, z)`.
 */
export function scatterPalms(
  ctx: BuildContext,
  count: number,
  area: { x: number; z0: number; z1: number; clear: number },
  height: (x: number, z: number) => number,
  time: N,
): THREE.InstancedMesh {
  const rng = ctx.rng('palms');
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.8, side: THREE.DoubleSide });
  const frond: N = attribute('frond', 'float');
  const phase: N = hash(instanceIndex).mul(6.283);
  const wind = 0.25 + ctx.plan.weather.wind;
  // The palm's own height (positionGeometry): positionLocal is already placed by the instance matrix.
  const reach: N = positionGeometry.y.sub(TRUNK_HEIGHT - 0.5).max(0).mul(0.25).add(frond.mul(0.5));
  const sway: N = sin(time.mul(1.7).add(phase)).mul(0.6).add(sin(time.mul(3.1).add(phase.mul(1.3))).mul(0.25));
  mat.positionNode = positionLocal.add((vec3 as N)(sway.mul(reach).mul(0.12 * wind), float(0), cos(time.mul(1.3).add(phase)).mul(reach).mul(0.08 * wind))) as N;
  const mesh = new THREE.InstancedMesh(palmGeometry(ctx.seed), mat, count);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  for (let i = 0; i < count; i++) {
    const side = i % 2 ? 1 : -1;
    const x = side * (area.clear + rng.next() * (area.x - area.clear));
    const z = area.z0 + rng.next() * (area.z1 - area.z0);
    // Lean towards the sea and in over the beach, each by its own amount (they frame the shot).
    q.setFromEuler(new THREE.Euler(0, side * (0.2 + rng.next() * 0.5) + (rng.next() - 0.5) * 0.4, 0));
    // Shorter than the tallest palms, so from the beach's eye-level framing their crowns are in the frame.
    const k = 0.62 + rng.next() * 0.3;
    m.compose(new THREE.Vector3(x, height(x, z) - 0.1, z), q, new THREE.Vector3(k, k, k));
    mesh.setMatrixAt(i, m);
  }
  mesh.castShadow = true;
  mesh.receiveShadow = true;
  return mesh;
}
