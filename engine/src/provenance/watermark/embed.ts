/**
 * The embedder: a FrameTransform that adds the job's tile pattern to the luma of every frame.
 *
 * - Luma only: the same value is added to R, G and B, which moves Y and leaves the colour alone.
 * - Static: every frame carries the same pattern, so a detector can average any stretch of frames.
 * - Perceptual masking: the strength follows the local activity of the frame, measured on a 1/4
 *   resolution grid (so it is cheap): flat areas and smooth gradients get minStrength (1 code
 *   value, dithered into sparse single-pixel steps), busy texture up to maxStrength (7), and a frame
 *   is scaled down as a whole if its expected PSNR would fall below minPsnr.
 * - Speed: the per-pixel loop runs in a WebAssembly SIMD kernel (simd-kernel.ts), with a JS loop of
 *   the same integer arithmetic for widths that are not a multiple of 8 (of 16 for a Y' plane).
 * - Frames made as YUV 4:2:0 on the GPU get the same mark on their Y' plane: +d on R, G and B is
 *   +d * 219/255 on limited-range Y' (the BT.709 weights sum to 1), and Cb, Cr are left alone.
 *
 * One instance serves one job at a time: begin() resets it for the next job.
 */
import { RushesError } from '@rushes/shared';
import { frameBytes, frameLayout, framePixels, type Frame } from '../../generators/types';
import type { FrameTransform, JobIdentity } from '../types';
import { chipSizeFor, renderChipField } from './geometry';
import { chipValues, payloadFor, type WatermarkPayload } from './layout';
import { mulberry32 } from './prng';
import { PATTERN_SCALE, STRENGTH_SCALE, createSimdKernel, type SimdKernel } from './simd-kernel';

export interface EmbedOptions {
  /** Strength (code values per unit of pattern) on flat areas. */
  minStrength: number;
  /** Strength on busy texture. */
  maxStrength: number;
  /** Activity (sum of two 8-px luma differences on the 1/4 grid, smoothed) at which MAX is reached. */
  activityForMax: number;
  /** Strengths are scaled down on frames whose expected PSNR would fall below this (dB). */
  minPsnr: number;
}

/**
 * minStrength 1.0 (was 0.4): one code value is the most a flat gradient changes by (the dithered rounding
 * makes it sparse +-1 steps), and it is what Rushes' own flat-background clips (product on a sweep,
 * titles over a gradient) need to keep their mark through trim + 10% crop + 50% downscale + CRF 28
 * (scripts/watermark-archetypes.ts). 0.4 lost it there.
 */
export const DEFAULT_EMBED: EmbedOptions = { minStrength: 1.0, maxStrength: 7, activityForMax: 10, minPsnr: 40.5 };

/** Mean square of the bilinear chip field with +-1 chips: (2/3)^2 per axis. */
const PATTERN_MEAN_SQ = 4 / 9;
const DITHER_SEED = 0x44495448; // "DITH"
/** Side of the square cells of the masking grid, in pixels. */
const MASK_CELL = 4;

export class WatermarkEmbedder implements FrameTransform {
  private width = 0;
  private height = 0;
  private gridW = 0;
  private gridH = 0;
  /** pattern * PATTERN_SCALE, rounded; lives in the SIMD kernel's memory when there is one. */
  private pattern: Int8Array = new Int8Array(0);
  /** strength * STRENGTH_SCALE per masking cell, rounded (ditto). */
  private strength16: Int16Array = new Int16Array(0);
  private rgbaIn: Uint8Array = new Uint8Array(0);
  private kernel: SimdKernel | null = null;
  private offsets = { rgba: 0, pattern: 0, strength: 0, dither: 0 };
  /** Per-pixel rounding thresholds 0..255 (fixed white noise). */
  private dither: Uint8Array = new Uint8Array(0);
  private luma: Float32Array = new Float32Array(0);
  private activity: Float32Array = new Float32Array(0);
  /** Strength above minStrength per masking cell, before the frame's PSNR budget scales it. */
  private excess: Float32Array = new Float32Array(0);
  payload: WatermarkPayload | undefined;

  constructor(private readonly opts: EmbedOptions = DEFAULT_EMBED) {}

  begin(identity: JobIdentity, width: number, height: number): void {
    this.beginWithPayload(payloadFor(identity), width, height);
  }

  /** begin() for a payload chosen directly (benchmarks, tests). */
  beginWithPayload(payload: WatermarkPayload, width: number, height: number, useSimd = true): void {
    this.payload = payload;
    this.width = width;
    this.height = height;
    this.gridW = Math.ceil(width / MASK_CELL);
    this.gridH = Math.ceil(height / MASK_CELL);
    const n = this.gridW * this.gridH;
    this.luma = new Float32Array(n);
    this.activity = new Float32Array(n);
    this.excess = new Float32Array(n);
    const field = renderChipField(chipValues(payload), width, height, chipSizeFor(width, height));
    this.kernel = useSimd && width % 8 === 0 ? createSimdKernel() : null;
    const px = width * height;
    if (this.kernel) {
      const o = { rgba: 0, pattern: px * 4, strength: px * 5 + 16, dither: px * 5 + 32 + n * 2 };
      const need = o.dither + px + 64;
      const mem = this.kernel.memory;
      if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
      this.offsets = o;
      this.rgbaIn = new Uint8Array(mem.buffer, o.rgba, px * 4);
      this.pattern = new Int8Array(mem.buffer, o.pattern, px);
      this.strength16 = new Int16Array(mem.buffer, o.strength, n);
      this.dither = new Uint8Array(mem.buffer, o.dither, px);
    } else {
      this.pattern = new Int8Array(px);
      this.strength16 = new Int16Array(n);
      this.dither = new Uint8Array(px);
    }
    const rand = mulberry32(DITHER_SEED);
    for (let i = 0; i < px; i++) this.dither[i] = Math.floor(rand() * 256);
    for (let i = 0; i < px; i++) this.pattern[i] = Math.round((field[i] as number) * PATTERN_SCALE);
  }

  apply(frame: Frame): void {
    const { width, height } = this;
    if (!this.payload) throw new RushesError('E_INTERNAL', 'WatermarkEmbedder.apply() was called before begin().');
    const layout = frameLayout(frame);
    const pixels = framePixels(frame);
    if (pixels.length !== frameBytes(layout, width, height)) {
      throw new RushesError('E_INTERNAL', `WatermarkEmbedder: a frame is ${pixels.length} bytes, expected ${width}x${height} ${layout}.`);
    }
    if (layout === 'yuv420p') {
      sampleLumaY(pixels, width, height, this.gridW, this.gridH, this.luma);
      this.computeStrength(LIMITED_Y_PER_CODE);
      if (this.kernel && width % 16 === 0) {
        // The Y' plane goes through the kernel's memory, where the RGBA frames would (it is 1/4 of that).
        const plane = pixels.subarray(0, width * height);
        const inKernel = this.rgbaIn.subarray(0, width * height);
        inKernel.set(plane);
        const o = this.offsets;
        this.kernel.applyY(o.rgba, o.pattern, o.strength, width, height, this.gridW, o.dither);
        plane.set(inKernel);
      } else {
        this.applyLuma(pixels);
      }
      return;
    }
    sampleLumaRgba(pixels, width, height, this.gridW, this.gridH, this.luma);
    this.computeStrength(1);
    if (this.kernel) {
      this.rgbaIn.set(pixels);
      const o = this.offsets;
      this.kernel.apply(o.rgba, o.pattern, o.strength, width, height, this.gridW, o.dither);
      pixels.set(this.rgbaIn);
    } else {
      this.applyJs(pixels);
    }
  }

  /**
   * The pattern on a Y' plane (limited range): the same integer arithmetic as applyJs with the strength
   * already scaled to Y' code values, clamped to the nominal 16..235 as an RGB frame's Y' would be.
   */
  private applyLuma(plane: Uint8Array): void {
    const { width, height, gridW, pattern, strength16, dither } = this;
    for (let y = 0; y < height; y++) {
      const srow = (y >> 2) * gridW;
      const rowEnd = (y + 1) * width;
      // One masking cell (4 pixels of the row) at a time, its strength read once.
      for (let c = 0, p = y * width; p < rowEnd; c++) {
        const s = strength16[srow + c] as number;
        for (const end = Math.min(p + MASK_CELL, rowEnd); p < end; p++) {
          const v = (plane[p] as number) + (((pattern[p] as number) * s + ((dither[p] as number) << 2)) >> 10);
          plane[p] = v < 16 ? 16 : v > 235 ? 235 : v;
        }
      }
    }
  }

  /** The same integer arithmetic as the SIMD kernel, for widths that are not a multiple of 8. */
  private applyJs(rgba: Uint8Array): void {
    const { width, height, gridW, pattern, strength16, dither } = this;
    for (let y = 0; y < height; y++) {
      const srow = (y >> 2) * gridW;
      for (let x = 0, p = y * width, q = p * 4; x < width; x++, p++, q += 4) {
        const d = ((pattern[p] as number) * (strength16[srow + (x >> 2)] as number) + ((dither[p] as number) << 2)) >> 10;
        for (let c = 0; c < 3; c++) {
          const v = (rgba[q + c] as number) + d;
          rgba[q + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      }
    }
  }

  /**
   * Strength per masking cell from the luma activity around it (`luma`, sampled by sampleLumaRgba or
   * sampleLumaY), written to strength16 (fixed point), times `scale` (code values of the plane the
   * pattern goes into per RGB code value).
   * Everything here runs on the 1/4-resolution grid: 1/16 of the pixels.
   */
  private computeStrength(scale: number): void {
    const { gridW, gridH, luma, activity, excess: excessOf } = this;
    const n = gridW * gridH;
    // Activity: per axis, the smallest of the two one-sided 4-pixel differences of the sampled luma and
    // their sum, summed over both axes. Texture differs on both sides; next to a lone edge (a horizon, the rim of
    // a flat object) one side is flat, so the flat side of an edge gets no halo of pattern.
    for (let j = 0; j < gridH; j++) {
      const up = (j > 0 ? j - 1 : j) * gridW;
      const down = (j < gridH - 1 ? j + 1 : j) * gridW;
      const row = j * gridW;
      for (let i = 0; i < gridW; i++) {
        const c = luma[row + i] as number;
        const l = (luma[row + (i > 0 ? i - 1 : i)] as number) - c;
        const r = (luma[row + (i < gridW - 1 ? i + 1 : i)] as number) - c;
        const u = (luma[up + i] as number) - c;
        const d = (luma[down + i] as number) - c;
        // |l + r| is the second difference: zero on a linear ramp, so a smooth gradient counts as
        // flat (it is where a pattern shows most), while a peak or a dip of texture keeps its size.
        activity[row + i] = Math.min(Math.abs(l), Math.abs(r), Math.abs(l + r)) + Math.min(Math.abs(u), Math.abs(d), Math.abs(u + d));
      }
    }
    // Smooth (3x3 mean, separable) so the strength changes gradually.
    const tmp = luma; // the luma samples are no longer needed
    rowPass(activity, tmp, gridW, gridH);
    colPass(tmp, activity, gridW, gridH);
    const { minStrength, maxStrength, activityForMax } = this.opts;
    const span = maxStrength - minStrength;
    const inv = 1 / activityForMax;
    // strength = minStrength + excess; sums for the frame's expected squared error.
    let sumExcess = 0;
    let sumExcessSq = 0;
    for (let c = 0; c < n; c++) {
      const a = (activity[c] as number) * inv;
      const excess = span * (a < 1 ? a : 1);
      excessOf[c] = excess;
      sumExcess += excess;
      sumExcessSq += excess * excess;
    }
    // Keep the frame's PSNR at or above the bound: the pattern's mean square is PATTERN_MEAN_SQ, so the
    // expected squared error is PATTERN_MEAN_SQ * mean(s^2). Busy frames are scaled down, but only in
    // their excess over minStrength: flat areas of a busy frame (a night sky over a lit city) keep the
    // floor strength, which is where an edited, downscaled copy still carries the mark. mean(s^2) with
    // s = min + k * excess is a quadratic in k, solved for the largest k <= 1 that meets the bound.
    const maxMeanSq = (255 * 255) / 10 ** (this.opts.minPsnr / 10) / PATTERN_MEAN_SQ;
    const m = minStrength;
    const qa = sumExcessSq / n;
    const qb = (2 * m * sumExcess) / n;
    const qc = m * m - maxMeanSq;
    let k = 1;
    if (qa + qb + qc > 0) {
      // qc < 0 whenever minStrength alone meets the bound, so the positive root exists.
      k = qa > 0 ? Math.max(0, (-qb + Math.sqrt(qb * qb - 4 * qa * qc)) / (2 * qa)) : 0;
    }
    const s16 = this.strength16;
    for (let c = 0; c < n; c++) s16[c] = Math.round((m + k * (excessOf[c] as number)) * STRENGTH_SCALE * scale);
  }
}

/** Limited-range Y' code values per full-range RGB code value. */
const LIMITED_Y_PER_CODE = 219 / 255;

/** The pixel a masking cell samples along one axis: one in from its corner, inside the frame. */
const cellSample = (k: number, size: number): number => Math.min(size - 1, k * MASK_CELL + 1);

/** Luma 0..255 of each masking cell's sample of an RGBA frame (BT.601 weights, as the detector measures it). */
function sampleLumaRgba(rgba: Uint8Array, width: number, height: number, gridW: number, gridH: number, luma: Float32Array): void {
  for (let j = 0; j < gridH; j++) {
    const row = cellSample(j, height) * width;
    for (let i = 0; i < gridW; i++) {
      const q = (row + cellSample(i, width)) * 4;
      luma[j * gridW + i] = 0.299 * (rgba[q] as number) + 0.587 * (rgba[q + 1] as number) + 0.114 * (rgba[q + 2] as number);
    }
  }
}

/**
 * Luma 0..255 of each masking cell's sample of a YUV 4:2:0 frame, measured as for an RGBA frame: R'G'B'
 * back from Y' and the pixel's chroma (BT.709, limited range), then the BT.601 weights, so that a frame
 * marked on its Y' plane gets the strength map it would have had as RGBA. (Y' alone weights red and blue
 * less, which moved the strength on the night city's warm windows: its mark was weaker after the
 * combined edit.)
 */
function sampleLumaY(yuv: Uint8Array, width: number, height: number, gridW: number, gridH: number, luma: Float32Array): void {
  const plane = width * height;
  const cw = width / 2;
  const crOffset = plane + plane / 4;
  for (let j = 0; j < gridH; j++) {
    const y = cellSample(j, height);
    const yRow = y * width;
    const cRow = (y >> 1) * cw;
    for (let i = 0; i < gridW; i++) {
      const x = cellSample(i, width);
      const c = cRow + (x >> 1);
      const yl = ((yuv[yRow + x] as number) - 16) / 219;
      const pb = ((yuv[plane + c] as number) - 128) / 224;
      const pr = ((yuv[crOffset + c] as number) - 128) / 224;
      const r = clamp01(yl + 1.5748 * pr);
      const b = clamp01(yl + 1.8556 * pb);
      const g = clamp01((yl - 0.2126 * (yl + 1.5748 * pr) - 0.0722 * (yl + 1.8556 * pb)) / 0.7152);
      luma[j * gridW + i] = 255 * (0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
}

const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/** 3-tap mean along rows, edges clamped. */
function rowPass(src: Float32Array, dst: Float32Array, w: number, h: number): void {
  for (let j = 0; j < h; j++) {
    const row = j * w;
    for (let i = 0; i < w; i++) {
      dst[row + i] = ((src[row + (i > 0 ? i - 1 : i)] as number) + (src[row + i] as number) + (src[row + (i < w - 1 ? i + 1 : i)] as number)) / 3;
    }
  }
}

/** 3-tap mean along columns, edges clamped. */
function colPass(src: Float32Array, dst: Float32Array, w: number, h: number): void {
  for (let j = 0; j < h; j++) {
    const up = (j > 0 ? j - 1 : j) * w;
    const row = j * w;
    const down = (j < h - 1 ? j + 1 : j) * w;
    for (let i = 0; i < w; i++) dst[row + i] = ((src[up + i] as number) + (src[row + i] as number) + (src[down + i] as number)) / 3;
  }
}
