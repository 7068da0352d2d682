/**
 * Gears turning (clockwork, machinery): a train of spur gears in a plane, each meshing with the one that
 * drives it, turning at the speed its tooth count gives (a gear of half the teeth turns twice as fast, the
 * other way), teeth interleaved where they meet; spoked and bored like machined gears, in metal. A second,
 * dimmer train turns behind for depth. The layout and each gear's angle are pure functions.
 */
import * as THREE from 'three/webgpu';
import { type Material } from '../plan/schema.js';
import { makeMaterial } from './common.mjs';

/** Tooth size: the pitch radius of a gear is MODULE x teeth / 2 (every gear in a train has the same). */
export const MODULE = 0.16;

export interface Gear {
  x: number;
  y: number;
  teeth: number;
  /** The gear that drives it (-1: the first, driven by the motor). */
  parent: number;
  /** Angle from its parent's centre to its own, radians. */
  toward: number;
}

export const pitchRadius = (teeth: number): number => (MODULE * teeth) / 2;

/**
 * A train of `count` gears: the first in the middle, each next one meshing with a gear already placed, at
 * a free angle where it overlaps nothing, with teeth from 12 to 40. Pure.
 */
export function layGears(rand: () => number, count: number, extent: [number, number]): Gear[] {
  const gears: Gear[] = [{ x: 0, y: 0, teeth: 32 + Math.floor(rand() * 8), parent: -1, toward: 0 }];
  for (let tries = 0; gears.length < count && tries < count * 60; tries++) {
    const parent = Math.floor(rand() * gears.length);
    const p = gears[parent]!;
    const teeth = 12 + Math.floor(rand() * 29);
    const toward = rand() * Math.PI * 2;
    const d = pitchRadius(p.teeth) + pitchRadius(teeth);
    const x = p.x + Math.cos(toward) * d;
    const y = p.y + Math.sin(toward) * d;
    if (Math.abs(x) > extent[0] || Math.abs(y) > extent[1]) continue;
    // Clear of every other gear's teeth (the parent's mesh with its own).
    const outer = pitchRadius(teeth) + MODULE;
    const clear = gears.every((g, i) => i === parent || Math.hypot(g.x - x, g.y - y) > pitchRadius(g.teeth) + MODULE + outer + 0.05);
    if (!clear) continue;
    gears.push({ x, y, teeth, parent, toward });
  }
  return gears;
}

/**
 * Each gear's angle when the first has turned `a` radians: a driven gear turns the other way at the
 * ratio of the teeth, offset so that where it meets its driver a gap of its own faces the driver's tooth.
 * Pure.
 */
export function gearAngles(gears: readonly Gear[], a: number): number[] {
  const out: number[] = [];
  gears.forEach((g, i) => {
    if (g.parent < 0) {
      out[i] = a;
      return;
    }
    const p = gears[g.parent]!;
    const ratio = p.teeth / g.teeth;
    out[i] = -ratio * out[g.parent]! + g.toward * (1 + ratio) + Math.PI + Math.PI / g.teeth;
  });
  return out;
}

/** Whether a gear at angle `angle` has a tooth (rather than a gap) pointing in `direction`. Pure. */
export function toothAt(teeth: number, angle: number, direction: number): boolean {
  const pitch = (Math.PI * 2) / teeth;
  const rel = (((direction - angle) % pitch) + pitch) % pitch;
  // A tooth is centred on each multiple of the pitch and is half a pitch wide.
  return rel < pitch / 4 || rel > (pitch * 3) / 4;
}

/** A spur gear's outline, extruded: trapezoid teeth, a bore, and spokes between lightening holes. */
function gearGeometry(teeth: number, thickness: number): THREE.BufferGeometry {
  const r = pitchRadius(teeth);
  const outer = r + MODULE;
  const root = r - 1.25 * MODULE;
  const shape = new THREE.Shape();
  const pitch = (Math.PI * 2) / teeth;
  for (let i = 0; i < teeth; i++) {
    const a = i * pitch;
    // Root, flank up, tip, flank down (the tip narrower than the base).
    const pts: Array<[number, number]> = [
      [root, a - pitch * 0.5],
      [root, a - pitch * 0.27],
      [outer, a - pitch * 0.13],
      [outer, a + pitch * 0.13],
      [root, a + pitch * 0.27],
    ];
    pts.forEach(([rad, ang], k) => {
      const x = Math.cos(ang) * rad;
      const y = Math.sin(ang) * rad;
      if (i === 0 && k === 0) shape.moveTo(x, y);
      else shape.lineTo(x, y);
    });
  }
  shape.closePath();
  const bore = new THREE.Path();
  bore.absarc(0, 0, Math.max(0.06, r * 0.14), 0, Math.PI * 2, true);
  shape.holes.push(bore);
  // Lightening holes between spokes on the larger gears.
  if (teeth >= 20) {
    const spokes = teeth >= 32 ? 6 : 5;
    const inner = r * 0.3;
    const rim = root - MODULE * 1.2;
    for (let k = 0; k < spokes; k++) {
      const a0 = (k / spokes) * Math.PI * 2 + 0.18;
      const a1 = ((k + 1) / spokes) * Math.PI * 2 - 0.18;
      const hole = new THREE.Path();
      hole.absarc(0, 0, rim, a1, a0, true);
      hole.absarc(0, 0, inner, a0, a1, false);
      hole.closePath();
      shape.holes.push(hole);
    }
  }
  const geo = new THREE.ExtrudeGeometry(shape, { depth: thickness, bevelEnabled: true, bevelThickness: 0.015, bevelSize: 0.012, bevelSegments: 1, curveSegments: 12 });
  geo.translate(0, 0, -thickness / 2);
  geo.computeVertexNormals();
  return geo;
}

export interface Gears {
  group: THREE.Group;
  update(t: number): void;
  /** Where the first gear meshes with the first it drives: what a close shot looks at. */
  mesh: THREE.Vector3;
}

export function createGears(rand: () => number, material: Material, colour: THREE.Color): Gears {
  const group = new THREE.Group();
  const trains = [
    { gears: layGears(rand, 9, [7, 4]), z: 0, dim: 1 },
    { gears: layGears(rand, 7, [9, 5.5]).map((g) => ({ ...g, x: g.x + 1.4, y: g.y - 0.9 })), z: -1.6, dim: 0.55 },
  ];
  // The motor turns the first gear once in 10 s (6 turns a minute; a 12-tooth gear on it, 18 or so).
  const speed = (Math.PI * 2) / 10;
  const meshes: Array<{ mesh: THREE.Mesh; train: number; index: number }> = [];
  const cache = new Map<number, THREE.BufferGeometry>();
  trains.forEach((train, ti) => {
    const mat = makeMaterial(material, colour.clone().multiplyScalar(train.dim));
    train.gears.forEach((g, i) => {
      let geo = cache.get(g.teeth);
      if (!geo) {
        geo = gearGeometry(g.teeth, 0.22);
        cache.set(g.teeth, geo);
      }
      const mesh = new THREE.Mesh(geo, mat);
      mesh.position.set(g.x, g.y, train.z + (i % 2) * 0.002);
      mesh.castShadow = true;
      mesh.receiveShadow = true;
      group.add(mesh);
      meshes.push({ mesh, train: ti, index: i });
    });
  });
  const first = trains[0]!.gears;
  const child = first.find((g) => g.parent === 0);
  const r0 = pitchRadius(first[0]!.teeth);
  const mesh = child ? new THREE.Vector3(Math.cos(child.toward) * r0, Math.sin(child.toward) * r0, 0) : new THREE.Vector3();
  return {
    group,
    mesh,
    update(t) {
      const angles = trains.map((train, ti) => gearAngles(train.gears, (ti === 0 ? 1 : -0.7) * speed * t + ti));
      for (const m of meshes) m.mesh.rotation.z = angles[m.train]![m.index]!;
    },
  };
}
