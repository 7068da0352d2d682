/**
 * A candle flame: a teardrop of light drawn on a camera-facing card (turned about the vertical only, so
 * the flame stays upright), blue at the base, a yellow-white core, orange at the edges, swaying and
 * flickering with seeded noise; a soft glow around it; and a warm point light that flickers with it, so
 * the wax, the table and the backdrop breathe with the flame. Pure shader work plus one light.
 */
import * as THREE from 'three/webgpu';
import { uv, vec3, vec4, float, smoothstep, clamp, pow, sin, abs, length, exp, max, mix, uniform } from 'three/tsl';
import { shake1D } from '../sim/noise.js';
import { yawTowardCamera } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface CandleFlame {
  group: THREE.Group;
  light: THREE.PointLight;
  /** Clip time in seconds; the camera, to turn the card towards it. */
  update(t: number, camera: THREE.Camera): void;
}

/** A flame's height in scene units for a wick of this size (a real one is 2 to 3 cm on a 7 cm pillar). */
export function createCandleFlame(seed: number, height: number, lightIntensity: number): CandleFlame {
  const group = new THREE.Group();
  const time = uniform(0);
  const gust = uniform(0);
  // The flame: x across (-1..1), q up (0 at the wick's base, 1 at the tip).
  const x: N = uv().x.sub(0.5).mul(2);
  const q: N = uv().y;
  const sway: N = gust.mul(q.mul(q)).add(sin(time.mul(9.1).add(q.mul(5))).mul(0.035).mul(q));
  const t: N = clamp(q.sub(0.06).div(0.9), 0, 1);
  // Half-width along the flame: round at the base, widest a third of the way up, a point at the tip.
  const half: N = pow(t, 0.42).mul(pow(float(1).sub(t), 0.85)).mul(0.95);
  const d: N = abs(x.sub(sway)).div(max(half, 0.001));
  const body: N = float(1).sub(smoothstep(0.55, 1, d)).mul(smoothstep(0.0, 0.05, t)).mul(float(1).sub(smoothstep(0.92, 1, t)));
  // Core: hot and bright low in the flame; the mantle orange; the base blue and faint.
  const core: N = float(1).sub(smoothstep(0.1, 0.6, d)).mul(float(1).sub(smoothstep(0.25, 0.75, t)));
  const base: N = float(1).sub(smoothstep(0.0, 0.22, t));
  let colour: N = mix(vec3(3.2, 1.05, 0.22), vec3(7, 5.2, 2.4), core);
  colour = mix(colour, vec3(0.18, 0.3, 1.4), base.mul(0.8));
  const flameMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
  flameMat.colorNode = vec4(colour.mul(body), 1) as N;
  const width = height * 0.42;
  const flame = new THREE.Mesh(new THREE.PlaneGeometry(width, height).translate(0, height / 2, 0), flameMat);
  flame.renderOrder = 4;
  // The glow: a warm haze around the flame that the eye and the lens add.
  const glowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const r: N = length(uv().sub(0.5)).mul(2);
  const halo: N = exp(r.mul(r).mul(-6)).mul(float(1).sub(smoothstep(0.8, 1, r)));
  glowMat.colorNode = vec4(vec3(1.0, 0.45, 0.12).mul(halo).mul(0.22), 1) as N;
  const glow = new THREE.Mesh(new THREE.PlaneGeometry(height * 3.2, height * 3.2), glowMat);
  glow.position.y = height * 0.4;
  glow.renderOrder = 3;
  group.add(glow, flame);
  const light = new THREE.PointLight(new THREE.Color('#ffa04a'), lightIntensity, 0, 2);
  light.position.y = height * 0.4;
  group.add(light);

  const flickerA = shake1D(seed, 'candle:flicker');
  const flickerB = shake1D(seed, 'candle:gust');
  const at = new THREE.Vector3();
  return {
    group,
    light,
    update(tt, camera) {
      time.value = tt;
      // A candle in still air: small fast flicker, and now and then a draught that leans and shortens it.
      const f = flickerA(tt * 3);
      const g = flickerB(tt * 0.8);
      gust.value = 0.12 * g;
      const k = 1 + 0.07 * f - 0.05 * Math.abs(g);
      flame.scale.set(1, k, 1);
      light.intensity = lightIntensity * (0.9 + 0.1 * f - 0.05 * Math.abs(g));
      // Turn the cards about the vertical towards the camera (the flame stays upright).
      flame.rotation.y = yawTowardCamera(camera, group.getWorldPosition(at), group.parent);
      glow.quaternion.copy(camera.quaternion);
      if (group.parent) glow.quaternion.premultiply(group.parent.getWorldQuaternion(new THREE.Quaternion()).invert());
    },
  };
}
