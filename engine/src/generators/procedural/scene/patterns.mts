/**
 * Two motion-graphics backgrounds drawn wholly by a shader on a card filling the view: a kaleidoscope (a
 * flowing pattern of the palette's colours folded into mirrored wedges about the centre, turning and
 * breathing) and a glitch (a field of blocks and bars in the palette's colours torn into horizontal slices
 * that jump sideways in bursts, the colour channels pulled apart, scan lines over it).
 */
import * as THREE from 'three/webgpu';
import { abs, atan, cos, float, floor, fract, hash, length, max, mix, mod, sin, smoothstep, step, texture, uniform, uv, vec2, vec3 } from 'three/tsl';
import { facingCard, noiseTexture, type FacingCard } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Folds an angle into a mirrored wedge of a circle cut in `segments` (0 to pi / segments). Pure. */
export function foldAngle(angle: number, segments: number): number {
  const wedge = (Math.PI * 2) / segments;
  const a = ((angle % wedge) + wedge) % wedge;
  return Math.abs(a - wedge / 2);
}

/** A ramp through `colours` by t in 0..1 (a chain of mixes). */
function ramp(colours: readonly THREE.Color[], t: N): N {
  let c: N = vec3(colours[0]!.r, colours[0]!.g, colours[0]!.b);
  colours.slice(1).forEach((col, i) => {
    const at = (i + 1) / colours.length;
    c = mix(c, vec3(col.r, col.g, col.b), smoothstep(at - 0.12, at + 0.12, t));
  });
  return c;
}

export function createKaleidoscope(width: number, height: number, seed: number, colours: readonly THREE.Color[], duration: number): FacingCard {
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 4, 5);
  const segments = 8;
  const wedge = (Math.PI * 2) / segments;
  const p: N = uv().sub(0.5).mul(vec2(width / height, 1));
  const r: N = length(p);
  // Turning a sixteenth of a turn over the clip; the pattern flowing outward.
  const loop = (Math.PI * 2) / Math.max(duration, 1);
  const a: N = atan(p.y, p.x).add(time.mul(0.1));
  const folded: N = abs(mod(a, wedge).sub(wedge / 2));
  const q: N = vec2(cos(folded), sin(folded)).mul(r);
  const flow: N = vec2(q.x.mul(1.6).sub(time.mul(0.05)), q.y.mul(1.6).add(sin(time.mul(loop)).mul(0.05)));
  const n: N = texture(noise, flow).r.mul(0.7).add(texture(noise, flow.mul(2.3).add(0.37)).g.mul(0.3));
  // Bands of colour by the noise and the radius, bright edges between them.
  const band: N = fract(n.mul(3).add(r.mul(1.5)).sub(time.mul(0.12)));
  const colour: N = ramp(colours, band);
  const edge: N = float(1).sub(smoothstep(0.0, 0.06, abs(band.sub(0.5)))).mul(0.5);
  const vignette: N = smoothstep(0.95, 0.3, r);
  // Opaque, writing depth: the field's dome is drawn after the scene, only where nothing is.
  const material = new THREE.MeshBasicNodeMaterial();
  material.colorNode = colour.mul(0.8).add(vec3(edge)).mul(vignette.mul(0.7).add(0.3)) as N;
  return facingCard(new THREE.PlaneGeometry(width, height), material, time);
}

export function createGlitch(width: number, height: number, colours: readonly THREE.Color[]): FacingCard {
  const time = uniform(0);
  const aspect = width / height;
  // Bursts: a new tear a dozen times a second, strong in about a third of the moments, calm between.
  const tick: N = floor(time.mul(12));
  const burst: N = step(0.62, hash(tick.add(3)));
  // Slices: rows of random heights, each shifted sideways by its own amount in a burst.
  const y: N = uv().y;
  const row: N = floor(y.mul(mix(14, 46, hash(tick.add(7)))));
  const shift: N = hash(row.add(tick.mul(31))).sub(0.5).mul(0.28).mul(burst).mul(step(0.55, hash(row.add(tick.mul(17)))));
  const x: N = uv().x.add(shift);
  // The picture torn: blocks and bars of the palette's colours on a dark ground.
  const picture = (px: N): N => {
    const cell: N = vec2(floor(px.mul(aspect * 9)), floor(y.mul(9)));
    const pick: N = hash(cell.x.add(cell.y.mul(57)).add(floor(time.mul(1.5)).mul(13)));
    const bars: N = step(0.55, fract(px.mul(aspect * 38).add(hash(cell.y).mul(7))));
    const lit: N = step(0.58, pick);
    return ramp(colours, hash(cell.x.mul(3).add(cell.y))).mul(lit.mul(mix(0.55, 1, bars))).add(vec3(0.02, 0.02, 0.03));
  };
  // The colour channels pulled apart (more in a burst).
  const split: N = mix(0.003, 0.02, burst);
  const colour: N = vec3(picture(x.add(split)).x, picture(x).y, picture(x.sub(split)).z);
  // Scan lines (240 over the frame: three pixels a line at 720p) and a flicker.
  const scan: N = sin(y.mul(240 * Math.PI)).mul(0.5).add(0.5).mul(0.18).add(0.82);
  const flicker: N = hash(tick).mul(0.12).add(0.9);
  // Opaque, writing depth: the field's dome is drawn after the scene, only where nothing is.
  const material = new THREE.MeshBasicNodeMaterial();
  material.colorNode = max(colour.mul(scan).mul(flicker), vec3(0, 0, 0)) as N;
  return facingCard(new THREE.PlaneGeometry(width, height), material, time);
}
