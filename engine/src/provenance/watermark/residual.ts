/**
 * Turns each frame into a "residual" that keeps the mark and drops most of the picture, and sums the
 * residuals over frames. The mark is the same in every frame, the picture is not: summing a 2 s
 * stretch raises the mark above the picture by up to sqrt(frames).
 *
 * Residual = luma minus its local mean (a high-pass that removes shading and large shapes), divided by
 * the local residual energy (so a few strong edges cannot outvote the whole frame) and clipped.
 */

export interface ResidualOptions {
  /** Radius of the box mean subtracted from luma (1 = 3x3). */
  radius: number;
  /** Side of the cells over which residual energy is measured. */
  cell: number;
  /** Energy floor, in code values: residuals in flat areas are not blown up to full weight. */
  floor: number;
  /** Clip of the normalised residual. */
  clip: number;
  /** Residuals are divided by max(local RMS, floor)^power (1: unit variance; 2: Wiener-like). */
  power: number;
}

export const DEFAULT_RESIDUAL: ResidualOptions = { radius: 1, cell: 8, floor: 1.5, clip: 3, power: 1.5 };

function boxMean(src: Float32Array, w: number, h: number, r: number, tmp: Float32Array, out: Float32Array): void {
  // Horizontal running sum with edge clamping, then vertical.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let s = 0;
    for (let x = -r; x <= r; x++) s += src[row + Math.min(w - 1, Math.max(0, x))] as number;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = s;
      s += (src[row + Math.min(w - 1, x + r + 1)] as number) - (src[row + Math.max(0, x - r)] as number);
    }
  }
  const norm = 1 / ((2 * r + 1) * (2 * r + 1));
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let y = -r; y <= r; y++) s += tmp[Math.min(h - 1, Math.max(0, y)) * w + x] as number;
    for (let y = 0; y < h; y++) {
      out[y * w + x] = s * norm;
      s += (tmp[Math.min(h - 1, y + r + 1) * w + x] as number) - (tmp[Math.max(0, y - r) * w + x] as number);
    }
  }
}

export class ResidualAccumulator {
  readonly sum: Float32Array;
  frames = 0;
  private readonly tmp: Float32Array;
  private readonly mean: Float32Array;
  private readonly res: Float32Array;
  private readonly cw: number;
  private readonly ch: number;
  private readonly energy: Float32Array;
  private readonly weight: Float32Array;

  constructor(readonly width: number, readonly height: number, private readonly opts: ResidualOptions = DEFAULT_RESIDUAL) {
    const n = width * height;
    this.sum = new Float32Array(n);
    this.tmp = new Float32Array(n);
    this.mean = new Float32Array(n);
    this.res = new Float32Array(n);
    this.cw = Math.ceil(width / opts.cell);
    this.ch = Math.ceil(height / opts.cell);
    this.energy = new Float32Array(this.cw * this.ch);
    this.weight = new Float32Array(this.cw * this.ch);
  }

  add(luma: Float32Array): void {
    const { width: w, height: h, res, energy, weight, cw, ch } = this;
    const { radius, cell, floor, clip, power } = this.opts;
    boxMean(luma, w, h, radius, this.tmp, this.mean);
    energy.fill(0);
    for (let y = 0; y < h; y++) {
      const crow = Math.floor(y / cell) * cw;
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const r = (luma[i] as number) - (this.mean[i] as number);
        res[i] = r;
        const c = crow + Math.floor(x / cell);
        energy[c] = (energy[c] as number) + r * r;
      }
    }
    // Weight per cell: 1 / RMS of the residual over the cell and its neighbours, with a floor.
    for (let j = 0; j < ch; j++) {
      for (let i = 0; i < cw; i++) {
        let e = 0;
        let n = 0;
        for (let jj = Math.max(0, j - 1); jj <= Math.min(ch - 1, j + 1); jj++) {
          for (let ii = Math.max(0, i - 1); ii <= Math.min(cw - 1, i + 1); ii++) {
            e += energy[jj * cw + ii] as number;
            n++;
          }
        }
        const rms = Math.sqrt(e / (n * cell * cell));
        weight[j * cw + i] = 1 / Math.max(rms, floor) ** power;
      }
    }
    const sum = this.sum;
    for (let y = 0; y < h; y++) {
      const crow = Math.floor(y / cell) * cw;
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const wgt = weight[crow + Math.floor(x / cell)] as number;
        let v = (res[i] as number) * wgt;
        const lim = clip * wgt ** ((power - 1) / power); // clip at `clip` local standard deviations
        if (v > lim) v = lim;
        else if (v < -lim) v = -lim;
        sum[i] = (sum[i] as number) + v;
      }
    }
    this.frames++;
  }
}
