/**
 * Ink dropped into clear water: drops fall in from above the frame one after another, each sinking more
 * slowly as it spreads, its cloud widening like a diffusing dye (radius with the square root of its age)
 * with a thinner stem trailing up to where it entered. The shape is a sum of soft blobs looked up through a
 * slowly drifting warp of noise (the water's turbulence), then cut by finer noise into billows and
 * tendrils. One card at the field's distance, normal blending: dark ink shows on white, bright on black.
 * Shader work only; deterministic from the seed.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec4, float, smoothstep, texture, exp, uniform, max, clamp } from 'three/tsl';
import { facingCard, noiseTexture, type FacingCard } from './common.mjs';
import { stream } from '../sim/rng.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export type InkField = FacingCard;

/** Drops in one clip: the first already spreading at the first frame, then one every couple of seconds. */
const DROPS = 4;

export function createInk(seed: number, width: number, height: number, colour: THREE.Color, duration: number): InkField {
  const rng = stream(seed, 'ink');
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 6, 5);
  const aspect = width / height;
  // Card coordinates: x across in units of the card's height, y from 0 (bottom) to 1 (top).
  const p: N = vec2(uv().x.sub(0.5).mul(aspect), uv().y);
  // The water's turbulence: the blobs are looked up through a slowly drifting warp.
  const warp: N = texture(noise, p.mul(0.55).add(vec2(time.mul(0.013), time.mul(-0.021)))).rg.sub(0.5).mul(0.32);
  const q: N = p.add(warp);
  let field: N = float(0);
  const gap = Math.max(1.2, duration / DROPS);
  for (let i = 0; i < DROPS; i++) {
    const x = rng.range(-0.32, 0.32) * aspect;
    const born = -2 + i * gap + rng.range(-0.3, 0.3);
    const strength = rng.range(0.8, 1.15);
    const age: N = max(time.sub(born), 0.0);
    // Falls in fast and slows as it spreads (depth with the square root of age), widening as it goes.
    const y: N = float(1.08).sub(age.add(0.05).sqrt().mul(rng.range(0.2, 0.26)));
    const r: N = age.add(0.15).sqrt().mul(rng.range(0.06, 0.08));
    const d: N = q.sub(vec2(x, y));
    const head: N = exp(d.dot(d).div(r.mul(r)).mul(-1.0));
    // The stem: a thin column from the head up to the surface, fading as the drop ages.
    const across: N = d.x.div(r.mul(0.28));
    const above: N = smoothstep(0.0, 0.06, d.y).mul(smoothstep(1.15, 0.9, q.y));
    const stem: N = exp(across.mul(across).mul(-1)).mul(above).mul(exp(age.mul(-0.25)).mul(0.6));
    const visible: N = smoothstep(0.0, 0.25, age);
    field = field.add(head.add(stem).mul(visible).mul(strength));
  }
  // Billows and tendrils: finer noise drifting with the water cuts the clouds' edges.
  const fine: N = texture(noise, q.mul(1.7).add(vec2(time.mul(-0.01), time.mul(0.017)))).g;
  const finer: N = texture(noise, q.mul(4.1).add(vec2(time.mul(0.02), 0))).r;
  const n: N = fine.mul(0.75).add(finer.mul(0.35));
  // Thicker ink absorbs more (1 - e^-thickness): a dense core, shading off through paler billows.
  const thick: N = field.mul(n.mul(1.6).add(0.4)).mul(2.2);
  // Fine curling filaments where the finer noise crosses its middle, at a cloud's thin edges.
  const edge: N = smoothstep(0.03, 0.15, field).mul(float(1).sub(smoothstep(0.35, 0.8, field)));
  const filaments: N = float(1).sub(smoothstep(0.0, 0.08, finer.sub(0.5).abs())).mul(edge).mul(0.22);
  const density: N = clamp(float(1).sub(exp(thick.negate())).add(filaments), 0, 1);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
  // Thin ink is paler (over white) or dimmer (over black): both are alpha, so the dense core is the colour.
  material.colorNode = vec4(colour.r, colour.g, colour.b, density.mul(0.95)) as N;
  return facingCard(new THREE.PlaneGeometry(width, height), material, time);
}
