/**
 * A record player: a 12-inch LP turning at 33 1/3 rpm on the platter of a turntable, the tonearm across
 * it with the stylus in the groove. The vinyl's look is its grooves: concentric, so they catch the light
 * in a streak along the radius that points at the light, and that streak stays put while the record
 * turns (anisotropic specular, the anisotropy's direction the circle's tangent); the tracks are bands of
 * groove with narrower, shinier gaps between them; the label turns with the record, its print showing
 * the spin. The stylus moves in as the record plays (recordPlay is the pure part).
 *
 * Scene units of 10 cm: the record is 1.52 across the radius (30 cm across), the plinth 45 by 36 cm.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { vec2, vec3, uv, float, length, sin, smoothstep, step, fract, atan, mix, abs } from 'three/tsl';
import { makeMaterial, partAdder } from './common.mjs';
import type { Material } from '../plan/schema.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** 33 1/3 revolutions a minute, in radians a second. */
export const LP_RADIANS_PER_SECOND = ((100 / 3) * 2 * Math.PI) / 60;
/** The record's radius, the label's, and where the grooves start and end (scene units). */
export const RECORD_RADIUS = 1.52;
const LABEL_RADIUS = 0.5;
const GROOVES_OUTER = 1.46;
const GROOVES_INNER = 0.62;
/** A side's playing time (seconds) and the number of tracks on it. */
const SIDE_SECONDS = 20 * 60;
const TRACKS = 5;

/**
 * The record's turn (radians) and the stylus' radius on it at `t` seconds of the clip, for a side that
 * started `played` seconds before: the groove spirals in at a steady pitch, so the stylus' radius falls
 * linearly with playing time.
 */
export function recordPlay(t: number, played: number): { turn: number; stylusRadius: number } {
  const at = Math.min(SIDE_SECONDS, Math.max(0, played + t));
  return { turn: -LP_RADIANS_PER_SECOND * t, stylusRadius: GROOVES_OUTER - (GROOVES_OUTER - GROOVES_INNER) * (at / SIDE_SECONDS) };
}

/** The radii (outer, inner) of each track's band of grooves, with gaps between them. */
export function trackBands(): Array<[number, number]> {
  const gap = 0.022;
  const span = GROOVES_OUTER - GROOVES_INNER;
  // Tracks of uneven length, as an album's are (fixed, so every record looks like a record).
  const lengths = [0.24, 0.17, 0.21, 0.15, 0.23].slice(0, TRACKS);
  const total = lengths.reduce((a, b) => a + b, 0);
  const bands: Array<[number, number]> = [];
  let r = GROOVES_OUTER;
  for (const l of lengths) {
    const width = (l / total) * (span - gap * (TRACKS - 1));
    bands.push([r, r - width]);
    r -= width + gap;
  }
  return bands;
}

export interface RecordPlayer {
  group: THREE.Group;
  height: number;
  /** The footprint's larger side, for framing a thing much wider than it is tall. */
  width: number;
  update(t: number): void;
}

/** `labelColour` is the label's; `material` the plinth's (wood unless named). */
export function createRecordPlayer(labelColour: THREE.Color, material: Material, seed: number): RecordPlayer {
  const group = new THREE.Group();
  const add = partAdder(group);
  const plinthMaterial = makeMaterial(material, new THREE.Color('#3e2a1b'));
  const aluminium = makeMaterial('metal', new THREE.Color('#d4d6da'));
  const chrome = makeMaterial('chrome', new THREE.Color('#ffffff'));
  const black = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#101012'), roughness: 0.6 });

  // The plinth on four feet, the platter left of centre (room on the right for the arm).
  const plinthHeight = 0.55;
  const footHeight = 0.12;
  const plinthTop = footHeight + plinthHeight;
  add(new RoundedBoxGeometry(4.5, plinthHeight, 3.6, 4, 0.06), plinthMaterial).position.y = footHeight + plinthHeight / 2;
  for (const x of [-1.95, 1.95]) for (const z of [-1.5, 1.5]) add(new THREE.CylinderGeometry(0.2, 0.22, footHeight, 24), black).position.set(x, footHeight / 2, z);
  const centre = new THREE.Vector3(-0.45, plinthTop, 0.05);
  // The platter: an aluminium rim under a rubber mat.
  const platterHeight = 0.14;
  add(new THREE.CylinderGeometry(1.5, 1.5, platterHeight, 96), aluminium).position.set(centre.x, plinthTop + platterHeight / 2, centre.z);
  const spinning = new THREE.Group();
  spinning.position.set(centre.x, plinthTop + platterHeight, centre.z);
  group.add(spinning);

  // The record: one disc whose shading does the grooves. uv runs 0..1 across the disc; r in scene units.
  const disc = new THREE.CircleGeometry(RECORD_RADIUS, 128).rotateX(-Math.PI / 2);
  disc.computeTangents();
  const vinyl = new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#050506'), roughness: 0.3, metalness: 0 });
  const p: N = uv().sub(0.5).mul(2 * RECORD_RADIUS);
  const r: N = length(p);
  let inGroove: N = float(0);
  for (const [outer, inner] of trackBands()) inGroove = inGroove.add(step(inner, r).mul(step(r, outer)));
  // Grooves: rougher along the radius, smooth along the groove; the land between tracks and the run-out
  // smooth both ways (their reflection is a mirror's, the grooves' a streak).
  vinyl.roughnessNode = mix(float(0.16), float(0.34), inGroove) as N;
  // The tangent frame of the disc's uv is constant; the groove runs round the circle, so the anisotropy's
  // direction is the circle's tangent in uv space.
  const tangent: N = vec2(p.y.negate(), p.x).div(r.max(1e-4));
  vinyl.anisotropyNode = tangent.mul(inGroove.mul(0.85)) as N;
  // A faint sheen of the pressing's fine rings (sub-pixel at this size: kept below the dither's reach, so
  // it never moirés).
  vinyl.colorNode = vec3(0.02).add(sin(r.mul(900)).mul(0.002).mul(inGroove)) as N;
  const record = new THREE.Mesh(disc, vinyl);
  record.position.y = 0.012;
  record.receiveShadow = true;
  spinning.add(record);
  // The label: the colour named, a darker ring round it, and print (a title block and a line of small
  // type) that shows the spin.
  const labelMaterial = new THREE.MeshStandardNodeMaterial({ roughness: 0.75 });
  const lc = vec3(labelColour.r, labelColour.g, labelColour.b);
  const q: N = uv().sub(0.5).mul(2 * LABEL_RADIUS);
  const lr: N = length(q);
  const angle: N = atan(q.y, q.x);
  const ring = smoothstep(0.44, 0.45, lr).mul(float(1).sub(smoothstep(0.465, 0.475, lr)));
  const title = step(abs(q.y.sub(0.24)), 0.045).mul(step(abs(q.x), 0.22));
  const type = step(abs(q.y.add(0.2)), 0.018).mul(step(abs(q.x), 0.3)).mul(step(0.5, fract(q.x.mul(14))));
  const arc = step(abs(lr.sub(0.36)), 0.012).mul(step(0.0, sin(angle.mul(3))));
  const ink = title.add(type).add(arc).clamp(0, 1);
  labelMaterial.colorNode = mix(mix(lc, lc.mul(0.35), ring), vec3(0.95, 0.93, 0.88), ink.mul(0.9)) as N;
  const label = new THREE.Mesh(new THREE.CircleGeometry(LABEL_RADIUS, 64).rotateX(-Math.PI / 2), labelMaterial);
  label.position.y = 0.014;
  spinning.add(label);
  add(new THREE.CylinderGeometry(0.03, 0.03, 0.14, 16), aluminium, spinning).position.y = 0.07;

  // The tonearm: a pivot post at the back right, a straight tube with a headshell at its end and a
  // counterweight behind the pivot. Its yaw puts the stylus at the play radius.
  const pivot = new THREE.Vector3(1.55, plinthTop, -1.15);
  add(new THREE.CylinderGeometry(0.22, 0.26, 0.16, 32), aluminium).position.set(pivot.x, plinthTop + 0.08, pivot.z);
  const armY = plinthTop + platterHeight + 0.2;
  add(new THREE.CylinderGeometry(0.06, 0.06, armY - plinthTop - 0.12, 16), aluminium).position.set(pivot.x, (armY + plinthTop + 0.12) / 2, pivot.z);
  const arm = new THREE.Group();
  arm.position.set(pivot.x, armY, pivot.z);
  group.add(arm);
  const armLength = Math.hypot(pivot.x - centre.x, pivot.z - centre.z) + 0.05;
  // Along the arm's local -z from the pivot to the stylus, sloping down to the record.
  const drop = armY - (plinthTop + platterHeight + 0.06);
  const tube = add(new THREE.CylinderGeometry(0.025, 0.025, Math.hypot(armLength, drop), 12), chrome, arm);
  tube.rotation.x = Math.atan2(armLength, drop);
  tube.position.set(0, -drop / 2, -armLength / 2);
  const shell = add(new THREE.BoxGeometry(0.16, 0.05, 0.3), black, arm);
  shell.position.set(0, -drop + 0.02, -armLength);
  // Behind the pivot: the stub the counterweight sits on.
  add(new THREE.CylinderGeometry(0.025, 0.025, 0.5, 12).rotateX(Math.PI / 2), chrome, arm).position.set(0, 0, 0.25);
  add(new THREE.CylinderGeometry(0.1, 0.1, 0.22, 24).rotateX(Math.PI / 2), aluminium, arm).position.set(0, 0, 0.4);

  // The stylus' radius from the record's centre, from the arm's yaw: find the yaw whose tip is there.
  const tipFor = (yaw: number) => {
    const x = pivot.x - Math.sin(yaw) * armLength;
    const z = pivot.z - Math.cos(yaw) * armLength;
    return Math.hypot(x - centre.x, z - centre.z);
  };
  // Pointing straight at the centre the tip is over the spindle; turning from there towards the front
  // right (as a tonearm swings in from its rest) the tip's radius grows.
  const yawCentre = Math.atan2(-(centre.x - pivot.x), -(centre.z - pivot.z));
  const yawFor = (radius: number) => {
    let lo = yawCentre;
    let hi = yawCentre + 1.2;
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (tipFor(mid) < radius) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  const played = (Math.abs(seed) % 900) + 60;
  return {
    group,
    height: plinthTop + platterHeight + 0.35,
    width: 4.5,
    update(t) {
      const state = recordPlay(t, played);
      spinning.rotation.y = state.turn;
      arm.rotation.y = yawFor(state.stylusRadius);
    },
  };
}
