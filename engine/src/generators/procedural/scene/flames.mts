/**
 * Flames on a field (a compositing element, "fire on a black background"): one card facing the camera on
 * which noise scrolling upwards, warped sideways by a slower noise, is cut by a flame-shaped envelope
 * (wide at the base, narrowing and thinning upwards) into licking tongues, then coloured by its heat
 * along a blackbody-like ramp: deep red at the edges and tips, orange, yellow, a near-white core at the
 * base. Drawn additively, so it sits on black as fire footage does. Shader work only; deterministic.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec3, float, smoothstep, texture, uniform, clamp, mix, pow, abs, max } from 'three/tsl';
import { facingCard, noiseTexture, type FacingCard } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export type Flames = FacingCard;

/** Flames `width` wide at the base and up to `height` tall, the card's bottom edge at the origin. */
export function createFlames(seed: number, width: number, height: number): Flames {
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 6, 5);
  // x across in units of the height, centred; y from 0 at the base to 1 at the top.
  const x: N = uv().x.sub(0.5).mul(width / height);
  const y: N = uv().y;
  // A slow sideways sway, stronger higher up, and the fast rising turbulence of the flame itself.
  const sway: N = texture(noise, vec2(y.mul(0.4), time.mul(0.11))).r.sub(0.5).mul(y).mul(0.35);
  const xs: N = x.add(sway);
  const rise: N = texture(noise, vec2(xs.mul(1.1), y.mul(0.7).sub(time.mul(0.55)))).g;
  const lick: N = texture(noise, vec2(xs.mul(2.6).add(0.37), y.mul(1.5).sub(time.mul(1.1)))).r;
  const n: N = rise.mul(0.65).add(lick.mul(0.5));
  // The envelope: half as wide as the base at half height, nothing above the top.
  const halfWidth: N = max(float(0.26).mul(pow(float(1).sub(y), 0.7)), 0.001);
  const across: N = abs(xs).div(halfWidth);
  const envelope: N = float(1).sub(smoothstep(0.2, 1.0, across)).mul(smoothstep(0.0, 0.08, y));
  // Heat: high at the base and the centre, eaten away upwards by the noise into tongues.
  const heat: N = clamp(envelope.mul(n.mul(1.7).sub(y.mul(1.25)).add(0.1)).mul(1.5), 0, 1);
  const deep = vec3(0.3, 0.03, 0.005);
  const orange = vec3(0.95, 0.26, 0.03);
  const yellow = vec3(1.5, 0.85, 0.22);
  const white = vec3(2.0, 1.7, 1.15);
  let colour: N = mix(vec3(0), deep, smoothstep(0.0, 0.18, heat));
  colour = mix(colour, orange, smoothstep(0.15, 0.45, heat));
  colour = mix(colour, yellow, smoothstep(0.42, 0.75, heat));
  colour = mix(colour, white, smoothstep(0.75, 1.0, heat));
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
  material.colorNode = colour as N;
  return facingCard(new THREE.PlaneGeometry(width, height).translate(0, height / 2, 0), material, time);
}
