/**
 * A spiral galaxy seen from space at an angle: a warm bulge at the core, two arms winding out on a
 * logarithmic spiral, clumped with young blue stars and pink star-forming knots, dust lanes along their
 * inner edges, the whole disk turning slowly, its inner parts faster (a flat rotation curve). A picture
 * painted on a card lying in the galaxy's plane (not a simulation of its stars); the arms' shape is a pure
 * function.
 */
import * as THREE from 'three/webgpu';
import { atan, cos, exp, float, length, log, max, pow, sin, smoothstep, texture, uniform, uv, vec2, vec3 } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Tangent of the arms' pitch angle (about 14 degrees, a grand-design spiral's). */
export const ARM_PITCH_TAN = 0.25;
/** Radius of the disk's light falling to 1/e, as a share of the card's half-width. */
const DISK_SCALE = 0.32;

/**
 * How strongly a point of the disk lies on an arm (0 between arms, 1 on an arm's crest), at radius r (a
 * share of the card's half-width) and angle theta, after the disk has turned `turn` radians at r. Pure;
 * the shader does the same in TSL.
 */
export function armStrength(r: number, theta: number, turn = 0): number {
  if (r <= 0) return 0;
  const phase = theta - turn - Math.log(r) / ARM_PITCH_TAN;
  return Math.pow(0.5 + 0.5 * Math.cos(2 * phase), 3);
}

/** How far the disk has turned at radius r after t seconds: a flat rotation curve, so the inside laps the outside. */
export function diskTurn(r: number, t: number): number {
  return (0.02 * t) / Math.max(0.15, r);
}

export interface Galaxy {
  group: THREE.Group;
  /** Turns the disk to time t and the bulge's glow card to the lens. */
  update(t: number, camera: THREE.Camera): void;
}

/** A galaxy `size` units across, lying in the x-z plane at the origin, tilted by the caller. */
export function createGalaxy(seed: number, size: number, armColour: THREE.Color): Galaxy {
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(seed);
  const p: N = uv().sub(0.5).mul(2);
  const r: N = length(p);
  const theta: N = atan(p.y, p.x);
  const turn: N = time.mul(0.02).div(max(r, 0.15));
  const phase: N = theta.sub(turn).sub(log(max(r, 1e-3)).div(ARM_PITCH_TAN));
  const arm: N = pow(cos(phase.mul(2)).mul(0.5).add(0.5), 3);
  // Dust lies along the arms' inner (trailing) edges: the same spiral a little behind the crest.
  const dust: N = pow(cos(phase.sub(0.45).mul(2)).mul(0.5).add(0.5), 8);
  // Clumps: noise sampled in the disk's turning frame, so the knots ride round with the arms.
  const c: N = cos(turn);
  const s: N = sin(turn);
  const q: N = vec2(p.x.mul(c).add(p.y.mul(s)), p.y.mul(c).sub(p.x.mul(s)));
  const clumps: N = texture(noise, q.mul(1.6).add(0.5)).r;
  const fine: N = texture(noise, q.mul(5.3).add(0.21)).g;
  const disk: N = exp(r.div(-DISK_SCALE));
  const edge: N = smoothstep(1.0, 0.75, r);
  const bulge: N = exp(r.mul(r).div(-0.012));
  const armLight: N = arm.mul(smoothstep(0.35, 0.75, clumps).mul(0.9).add(0.35)).mul(disk).mul(edge).mul(smoothstep(0.04, 0.16, r));
  const between: N = disk.mul(edge).mul(0.22);
  const knots: N = smoothstep(0.72, 0.9, fine).mul(arm).mul(disk).mul(edge).mul(1.6);
  const armTint = vec3(armColour.r, armColour.g, armColour.b);
  let colour: N = armTint.mul(armLight.mul(1.8)).add(vec3(0.75, 0.72, 0.8).mul(between));
  colour = colour.add(vec3(1.0, 0.45, 0.7).mul(knots));
  colour = colour.mul(float(1).sub(dust.mul(smoothstep(0.08, 0.3, r)).mul(disk.mul(2.2).min(0.85))));
  colour = colour.add(vec3(1.0, 0.86, 0.62).mul(bulge.mul(3.2)));
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  material.colorNode = colour.mul(1.4) as N;
  const disc = new THREE.Mesh(new THREE.PlaneGeometry(size, size).rotateX(-Math.PI / 2), material);
  group.add(disc);
  // The bulge stands out of the plane: a soft glow on a card turned to the lens each frame.
  const glowMaterial = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false });
  const g: N = length(uv().sub(0.5).mul(2));
  glowMaterial.colorNode = vec3(1.0, 0.84, 0.6).mul(exp(g.mul(g).div(-0.05)).mul(0.9)) as N;
  const glow = new THREE.Mesh(new THREE.PlaneGeometry(size * 0.3, size * 0.3), glowMaterial);
  group.add(glow);
  const parent = new THREE.Quaternion();
  return {
    group,
    update(t, camera) {
      time.value = t;
      group.getWorldQuaternion(parent);
      glow.quaternion.copy(parent.invert().multiply(camera.quaternion));
    },
  };
}
