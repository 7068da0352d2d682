/**
 * Old film's damage as an overlay, white on black for a screen blend: dust specks that are somewhere new
 * on every frame (dirt on each frame of the print), now and then a hair, and a few vertical scratches that
 * run down the frame and persist, wandering a little side to side and flickering, as scratches from a
 * projector's gate do. One card filling the view; all of it worked out in the shader from the frame
 * number and hashes, so any frame can be drawn alone and the same frame always comes out the same.
 * scratchAt is the pure part (where a scratch is on a frame, and whether it shows).
 */
import * as THREE from 'three/webgpu';
import { abs, float, floor, fract, hash, max, min, smoothstep, step, uniform, uv, vec2, vec4, length } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Scratches on the print. */
export const SCRATCHES = 3;

/**
 * Scratch k's position across the frame (0..1) and its strength (0: not on this stretch of film) at frame
 * f: each wanders slowly about its own place and shows on runs of frames, off between them.
 */
export function scratchAt(k: number, f: number, seed: number): { x: number; strength: number } {
  const h = (n: number) => {
    const s = Math.sin(n * 12.9898 + seed * 78.233) * 43758.5453;
    return s - Math.floor(s);
  };
  const home = 0.12 + 0.76 * h(k + 1);
  const x = home + 0.01 * Math.sin(f * 0.11 + k * 2.1) + 0.004 * Math.sin(f * 0.73 + k);
  // Runs of 24 frames: each run the scratch is on with a probability, flickering frame to frame.
  const run = Math.floor(f / 24);
  const on = h(run * 7.1 + k * 3.3) < 0.6 ? 1 : 0;
  const flicker = 0.55 + 0.45 * h(f * 1.7 + k * 9.1);
  return { x, strength: on * flicker };
}

export interface FilmDamage {
  mesh: THREE.Mesh;
  update(t: number): void;
}

/** A `width` by `height` card (it fills the view); `fps` turns clip time into frame numbers. */
export function createFilmDamage(width: number, height: number, seed: number, fps: number): FilmDamage {
  const frame = uniform(0);
  const xs = [0, 1, 2].map(() => uniform(0));
  const strengths = [0, 1, 2].map(() => uniform(0));
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const aspect = width / height;
  const p: N = uv().mul(vec2(aspect, 1));
  // Dust: a grid of cells, each holding a speck on this frame with a small chance, at a random place in
  // it, of a random size; irregular by a second hash.
  const cells = 26;
  const cell: N = floor(p.mul(cells));
  const f: N = frame;
  const key: N = cell.x.mul(97).add(cell.y.mul(57)).add(f.mul(131)).add(seed % 1000);
  const present: N = step(hash(key), 0.035);
  const at: N = vec2(hash(key.add(1.3)), hash(key.add(2.7))).mul(0.7).add(0.15);
  const size: N = hash(key.add(4.1)).mul(hash(key.add(5.9))).pow(1.5).mul(0.5).add(0.04);
  const d: N = length(fract(p.mul(cells)).sub(at));
  const speck: N = float(1).sub(smoothstep(size.mul(0.6), size, d)).mul(present);
  // A hair, on about one frame in five: a thin arc somewhere in the frame.
  const hairKey: N = f.mul(17).add(seed % 997);
  const hairOn: N = step(hash(hairKey), 0.2);
  const centre: N = vec2(hash(hairKey.add(1)).mul(aspect), hash(hairKey.add(2)));
  const radius: N = hash(hairKey.add(3)).mul(0.08).add(0.03);
  const ring: N = abs(length(p.sub(centre)).sub(radius));
  const arcMask: N = step(p.x, centre.x.add(radius.mul(0.3)));
  const hair: N = float(1).sub(smoothstep(0.0012, 0.0028, ring)).mul(arcMask).mul(hairOn).mul(0.8);
  // Scratches: thin vertical lines, a touch wider where the film was gouged deeper.
  let scratch: N = float(0);
  for (let k = 0; k < SCRATCHES; k++) {
    const dx: N = abs(uv().x.sub(xs[k]!)).mul(width);
    const w: N = hash(floor(uv().y.mul(40)).add(k * 13).add(f.mul(3))).mul(0.5).add(0.6).mul(width / 1400);
    scratch = max(scratch, float(1).sub(smoothstep(w, w.mul(2.2), dx)).mul(strengths[k]!));
  }
  const light: N = min(speck.add(hair).add(scratch.mul(0.85)), 1);
  mat.colorNode = vec4(light, light, light, 1) as N;
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(width, height), mat);
  return {
    mesh,
    update(t) {
      const n = Math.floor(t * fps + 1e-6);
      frame.value = n;
      for (let k = 0; k < SCRATCHES; k++) {
        const s = scratchAt(k, n, seed);
        xs[k]!.value = s.x;
        strengths[k]!.value = s.strength;
      }
    },
  };
}
