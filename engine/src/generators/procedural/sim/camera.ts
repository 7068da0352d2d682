/**
 * Camera moves as pure functions of clip progress. A shot has a base framing (what it looks at, from
 * where) and a move that changes it over the clip with an ease-in-out, the way a dolly grip or a drone
 * pilot would: no move starts or stops with a jerk. Handheld sway is smooth seeded noise on top.
 */
import { shake1D } from './noise';
import type { CameraMove } from '../plan/schema';

export type Vec3 = [number, number, number];

export interface Framing {
  target: Vec3;
  /** Distance from target to camera. */
  distance: number;
  /** Degrees, around +Y; 0 looks along -Z (camera on +Z). */
  azimuth: number;
  /** Degrees above the horizontal. */
  elevation: number;
  /** For drone moves: how far the camera travels over the clip, in scene units. */
  travel?: number;
  /** Lowest camera height allowed (keeps the camera above terrain and water). */
  minHeight?: number;
}

export interface CameraPose {
  position: Vec3;
  lookAt: Vec3;
  /** Roll in radians (handheld only). */
  roll: number;
}

/**
 * The same camera position looking `pitchDeg` above level: the target is raised (and the distance and
 * elevation recomputed) so a move around it starts where the original framing's camera stood.
 */
export function lookUp(framing: Framing, pitchDeg: number): Framing {
  const [tx, ty, tz] = framing.target;
  const e = rad(framing.elevation);
  const across = framing.distance * Math.cos(e);
  // The camera's height over the new target: below it by across x tan(pitch).
  const up = -across * Math.tan(rad(pitchDeg));
  return {
    ...framing,
    target: [tx, ty + framing.distance * Math.sin(e) - up, tz],
    distance: Math.hypot(across, up),
    elevation: (Math.atan2(up, across) * 180) / Math.PI,
  };
}

/** Ease in-out (sine): velocity zero at both ends. */
export function ease(u: number): number {
  const c = Math.min(1, Math.max(0, u));
  return 0.5 - 0.5 * Math.cos(Math.PI * c);
}

const rad = (d: number) => (d * Math.PI) / 180;

function orbitPosition(target: Vec3, distance: number, azimuthDeg: number, elevationDeg: number): Vec3 {
  const az = rad(azimuthDeg);
  const el = rad(elevationDeg);
  return [target[0] + distance * Math.cos(el) * Math.sin(az), target[1] + distance * Math.sin(el), target[2] + distance * Math.cos(el) * Math.cos(az)];
}

export function cameraPose(args: {
  framing: Framing;
  move: CameraMove;
  speed: number;
  shake: number;
  /** Progress through the clip, 0..1. */
  u: number;
  /** Clip time in seconds (for shake). */
  t: number;
  seed: number;
}): CameraPose {
  const { framing, move, speed, u } = args;
  const e = ease(u);
  let { distance, azimuth, elevation } = framing;
  let target: Vec3 = [...framing.target];
  let lookOffsetYaw = 0;
  let lookOffsetPitch = 0;
  let lift = 0;
  let forward = 0;
  let side = 0;
  switch (move) {
    case 'dolly-in':
      distance *= 1 - 0.3 * Math.min(speed, 2.5) * e;
      break;
    case 'dolly-out':
      distance *= 0.72 + 0.3 * Math.min(speed, 2.5) * e;
      break;
    case 'pan-left':
      lookOffsetYaw = rad(14 * speed) * (e - 0.5);
      break;
    case 'pan-right':
      lookOffsetYaw = -rad(14 * speed) * (e - 0.5);
      break;
    case 'tilt-up':
      lookOffsetPitch = rad(10 * speed) * (e - 0.5);
      break;
    case 'tilt-down':
      lookOffsetPitch = -rad(10 * speed) * (e - 0.5);
      break;
    case 'orbit':
      azimuth += 55 * speed * (e - 0.5);
      break;
    case 'crane-up':
      lift = distance * 0.35 * speed * e;
      break;
    case 'crane-down':
      lift = distance * 0.35 * speed * (1 - e);
      break;
    case 'drone':
      // Constant speed, not eased: drones cruise through the frame.
      forward = (framing.travel ?? distance * 0.8) * speed * (u - 0.5);
      azimuth += 6 * speed * (u - 0.5);
      break;
    case 'handheld':
      distance *= 1 - 0.05 * e;
      break;
    case 'truck-left':
    case 'truck-right':
      // A slider's travel: a third of the distance to the subject over the clip, centred on the framing.
      side = (move === 'truck-right' ? 1 : -1) * distance * 0.32 * Math.min(speed, 2.5) * (e - 0.5);
      break;
    case 'static':
      break;
  }
  let position = orbitPosition(target, distance, azimuth, elevation);
  position[1] += lift;
  if (move === 'crane-up' || move === 'crane-down') target = [target[0], target[1] + lift * 0.35, target[2]];
  if (forward !== 0) {
    // Fly along the look direction projected on the ground.
    const dx = target[0] - position[0];
    const dz = target[2] - position[2];
    const len = Math.hypot(dx, dz) || 1;
    position = [position[0] + (dx / len) * forward, position[1], position[2] + (dz / len) * forward];
    target = [target[0] + (dx / len) * forward, target[1], target[2] + (dz / len) * forward];
  }
  if (side !== 0) {
    // Slide along the ground at right angles to the look, camera and aim together.
    const dx = target[0] - position[0];
    const dz = target[2] - position[2];
    const len = Math.hypot(dx, dz) || 1;
    const [rx, rz] = [-dz / len, dx / len];
    position = [position[0] + rx * side, position[1], position[2] + rz * side];
    target = [target[0] + rx * side, target[1], target[2] + rz * side];
  }
  // Pan and tilt rotate the look direction around the camera, not the camera around the target.
  let dir: Vec3 = [target[0] - position[0], target[1] - position[1], target[2] - position[2]];
  if (lookOffsetYaw) {
    const c = Math.cos(lookOffsetYaw);
    const s = Math.sin(lookOffsetYaw);
    dir = [dir[0] * c + dir[2] * s, dir[1], -dir[0] * s + dir[2] * c];
  }
  if (lookOffsetPitch) {
    const h = Math.hypot(dir[0], dir[2]);
    const len = Math.hypot(h, dir[1]);
    const pitch = Math.atan2(dir[1], h) + lookOffsetPitch;
    const k = (len * Math.cos(pitch)) / (h || 1);
    dir = [dir[0] * k, len * Math.sin(pitch), dir[2] * k];
  }
  let roll = 0;
  const amount = args.shake;
  if (amount > 0) {
    const sx = shake1D(args.seed, 'shake-x');
    const sy = shake1D(args.seed, 'shake-y');
    const sr = shake1D(args.seed, 'shake-r');
    const scale = amount * Math.max(0.02 * distance, 0.01);
    position = [position[0] + sx(args.t) * scale, position[1] + sy(args.t) * scale * 0.7, position[2]];
    dir = [dir[0] + sx(args.t + 7.3) * scale * 1.5, dir[1] + sy(args.t + 3.1) * scale, dir[2]];
    roll = sr(args.t) * amount * 0.012;
  }
  if (framing.minHeight !== undefined && position[1] < framing.minHeight) position[1] = framing.minHeight;
  return { position, lookAt: [position[0] + dir[0], position[1] + dir[1], position[2] + dir[2]], roll };
}
