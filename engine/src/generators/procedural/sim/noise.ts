/**
 * Seeded value noise on the CPU: terrain heights, tileable textures (clouds, ground detail) and smooth
 * camera shake. Computed once per clip in JavaScript so the GPU only samples textures, which matters
 * on a software rasteriser where per-pixel fractal noise would dominate the frame time.
 */
import { Rng, stream } from './rng';

export class ValueNoise2D {
  private readonly perm: Uint16Array;
  private readonly values: Float32Array;
  constructor(seed: number, name = 'noise') {
    const rng: Rng = stream(seed, name);
    this.values = new Float32Array(256);
    for (let i = 0; i < 256; i++) this.values[i] = rng.next();
    const p = Array.from({ length: 256 }, (_, i) => i);
    for (let i = 255; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [p[i], p[j]] = [p[j]!, p[i]!];
    }
    this.perm = new Uint16Array(512);
    for (let i = 0; i < 512; i++) this.perm[i] = p[i & 255]!;
  }

  private lattice(ix: number, iy: number, period: number): number {
    const x = ((ix % period) + period) % period;
    const y = ((iy % period) + period) % period;
    return this.values[this.perm[(this.perm[x & 255]! + y) & 511]!]!;
  }

  /** Smooth noise in [0,1]; periodic with `period` lattice cells (for tileable textures). */
  sample(x: number, y: number, period = 256): number {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = x - ix;
    const fy = y - iy;
    const sx = fx * fx * (3 - 2 * fx);
    const sy = fy * fy * (3 - 2 * fy);
    const a = this.lattice(ix, iy, period);
    const b = this.lattice(ix + 1, iy, period);
    const c = this.lattice(ix, iy + 1, period);
    const d = this.lattice(ix + 1, iy + 1, period);
    return a + (b - a) * sx + (c - a) * sy + (a - b - c + d) * sx * sy;
  }

  /** Fractal sum of octaves, normalised to about [0,1]. */
  fbm(x: number, y: number, octaves = 5, period = 256): number {
    let sum = 0;
    let amp = 0.5;
    let norm = 0;
    let f = 1;
    for (let o = 0; o < octaves; o++) {
      sum += amp * this.sample(x * f, y * f, period * f);
      norm += amp;
      amp *= 0.5;
      f *= 2;
    }
    return sum / norm;
  }

  /** Ridged fractal for mountain crests: sharp ridges, rounded valleys. */
  ridged(x: number, y: number, octaves = 6): number {
    let sum = 0;
    let amp = 0.5;
    let norm = 0;
    let f = 1;
    for (let o = 0; o < octaves; o++) {
      const n = 1 - Math.abs(this.sample(x * f, y * f, 1 << 20) * 2 - 1);
      sum += amp * n * n;
      norm += amp;
      amp *= 0.5;
      f *= 2.03;
    }
    return sum / norm;
  }
}

/**
 * A size x size tileable fbm texture as RGBA floats in [0,1] (noise in R, a finer fbm in G, detail in
 * B, A = 1). Floats, not bytes: magnified 8-bit noise shows its quantisation steps as contour bands.
 */
export function tileableNoiseRGBA(seed: number, size: number, cells: number, octaves: number): Float32Array {
  const n1 = new ValueNoise2D(seed, 'tex-a');
  const n2 = new ValueNoise2D(seed, 'tex-b');
  const out = new Float32Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x / size) * cells;
      const v = (y / size) * cells;
      const i = (y * size + x) * 4;
      out[i] = n1.fbm(u, v, octaves, cells);
      out[i + 1] = n2.fbm(u * 2, v * 2, octaves, cells * 2);
      out[i + 2] = n1.sample(u * 4, v * 4, cells * 4);
      out[i + 3] = 1;
    }
  }
  return out;
}

/** Smooth 1-D noise in [-1,1] as a sum of incommensurate sines with seeded phases (camera shake). */
export function shake1D(seed: number, name: string): (t: number) => number {
  const rng = stream(seed, name);
  const waves = [0.31, 0.57, 1.13, 2.29].map((f) => ({ f: f * rng.range(0.8, 1.25), p: rng.range(0, Math.PI * 2) }));
  return (t: number) => waves.reduce((s, w, i) => s + Math.sin(t * w.f * Math.PI * 2 + w.p) / (i + 1.5), 0) / 1.7;
}

/** GLSL's smoothstep, for the JavaScript side of a shape the shader also draws. */
export function smoothstepJs(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}
