/**
 * Places things in the part of the world the camera sees: a point given as a position in the frame
 * (x and y from -1 to 1, as on screen) and a distance along the view, for a camera pose and lens. Sky
 * events (fireworks, lightning) are put where the camera looks halfway through the clip this way.
 */
import * as THREE from 'three/webgpu';
import type { CameraPose } from '../sim/camera.js';
import type { CameraMove } from '../plan/schema.js';
import type { BuildContext, Shot } from './common.mjs';

/** Something placed in the camera's view that moves with clip time (fireworks, lightning, balloons). */
export interface ViewLayer {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
  /**
   * Where the lens focuses when this layer is the shot's subject (a lone butterfly near the lens, a rocket on
   * its pad), kept up to date by `update`.
   */
  focus?: THREE.Vector3;
}

/** Builds a view layer for the shot, placed in the view of the camera halfway through the clip. */
export type ViewLayerFactory = (ctx: BuildContext, shot: Pick<Shot, 'framing' | 'groundHeight' | 'lighting'>, midway: CameraPose, fovDeg: number, aspect: number) => ViewLayer;

export interface ViewPlacer {
  camera: THREE.Vector3;
  /** tan of half the vertical field of view: a frame is 2 x tanV x distance high. */
  tanV: number;
  at(x: number, y: number, distance: number): THREE.Vector3;
}

export function viewPlacer(pose: CameraPose, fovDeg: number, aspect: number): ViewPlacer {
  const cam = new THREE.Vector3(...pose.position);
  const forward = new THREE.Vector3(...pose.lookAt).sub(cam).normalize();
  const right = new THREE.Vector3().crossVectors(forward, new THREE.Vector3(0, 1, 0)).normalize();
  const up = new THREE.Vector3().crossVectors(right, forward).normalize();
  const tanV = Math.tan((fovDeg * Math.PI) / 360);
  const tanH = tanV * aspect;
  return {
    camera: cam,
    tanV,
    at: (x, y, d) => cam.clone().addScaledVector(forward, d).addScaledVector(right, x * tanH * d).addScaledVector(up, y * tanV * d),
  };
}

/**
 * A point on the ground `distance` ahead of the camera (along its view turned level), moved `side` to its
 * right: where a thing standing on the ground in front of the lens goes (a launch pad, a tornado's foot, a
 * Ferris wheel). Also the level direction ahead.
 */
export function groundAhead(view: ViewPlacer, distance: number, ground: (x: number, z: number) => number, side = 0): { at: THREE.Vector3; ahead: THREE.Vector3 } {
  const ahead = view.at(0, 0, 1).sub(view.camera).setY(0).normalize();
  const at = view.camera.clone().addScaledVector(ahead, distance).addScaledVector(new THREE.Vector3(-ahead.z, 0, ahead.x), side);
  at.y = ground(at.x, at.z);
  return { at, ahead };
}

/**
 * The way something crossing the frame goes when the camera pans or slides (it follows it): +1 to the
 * right, -1 to the left, or `otherwise` when the camera does neither.
 */
export function crossingDirection(move: CameraMove, otherwise: () => 1 | -1): 1 | -1 {
  return move === 'pan-left' || move === 'truck-left' ? -1 : move === 'pan-right' || move === 'truck-right' ? 1 : otherwise();
}
