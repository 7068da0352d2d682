/**
 * Where weather particles live when the shot does not say (abstract, product and title shots do).
 */
import type { ScenePlan } from '../plan/schema.js';
import { cameraPose } from '../sim/camera.js';
import type { Shot } from './common.mjs';

export type Box = { center: [number, number, number]; size: [number, number, number] };

/**
 * Weather fills the near part of the view, where flakes, drops and leaves are big enough to read: a box
 * in front of the camera (along its line of sight) up to about 26 m deep, wide enough for the moves. A
 * camera that travels (a dolly, a drone) gets the box of every point of its path, so it does not fly out
 * of the rain; `fill` is how many times larger that box is than one view's, for the particle count.
 */
export function particleBoxFor(shot: Pick<Shot, 'framing' | 'groundHeight'>, plan: Pick<ScenePlan, 'camera'>, seed: number, duration: number): { box: Box; fill: number } {
  const f = shot.framing;
  const depth = Math.min(f.distance * 0.9, 26);
  const height = Math.max(8, depth * 0.7);
  const boxes: Box[] = [0, 0.25, 0.5, 0.75, 1].map((u) => {
    const pose = cameraPose({ framing: f, move: plan.camera.move, speed: plan.camera.speed, shake: 0, u, t: u * duration, seed });
    const cam = pose.position;
    const dx = pose.lookAt[0] - cam[0];
    const dz = pose.lookAt[2] - cam[2];
    const len = Math.hypot(dx, dz) || 1;
    const cx = cam[0] + (dx / len) * depth * 0.5;
    const cz = cam[2] + (dz / len) * depth * 0.5;
    const ground = Math.max(shot.groundHeight(cx, cz), cam[1] - depth * 0.6);
    return { center: [cx, ground + height / 2, cz], size: [depth * 1.3, height, depth] };
  });
  const lo = [0, 1, 2].map((k) => Math.min(...boxes.map((b) => b.center[k]! - b.size[k]! / 2)));
  const hi = [0, 1, 2].map((k) => Math.max(...boxes.map((b) => b.center[k]! + b.size[k]! / 2)));
  const size = [0, 1, 2].map((k) => hi[k]! - lo[k]!) as [number, number, number];
  const one = boxes[0]!.size;
  return {
    box: { center: [0, 1, 2].map((k) => (lo[k]! + hi[k]!) / 2) as [number, number, number], size },
    fill: (size[0] * size[1] * size[2]) / (one[0] * one[1] * one[2]),
  };
}
