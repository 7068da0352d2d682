/**
 * 2-D FFTs on interleaved complex arrays (re, im, re, im, ...), rows then columns, built on fft.js.
 * Sizes must be powers of two.
 */
import FFT from 'fft.js';

const plans = new Map<number, FFT>();
function plan(n: number): FFT {
  let p = plans.get(n);
  if (!p) {
    p = new FFT(n);
    plans.set(n, p);
  }
  return p;
}

export function nextPow2(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}

/** In-place 2-D transform of `data` (width*height complex values, row-major). */
export function fft2d(data: Float64Array, width: number, height: number, inverse = false): void {
  const rowPlan = plan(width);
  const colPlan = plan(height);
  const rowIn = new Float64Array(2 * width);
  const rowOut = new Float64Array(2 * width);
  for (let y = 0; y < height; y++) {
    const off = 2 * y * width;
    rowIn.set(data.subarray(off, off + 2 * width));
    if (inverse) rowPlan.inverseTransform(rowOut, rowIn);
    else rowPlan.transform(rowOut, rowIn);
    data.set(rowOut, off);
  }
  const colIn = new Float64Array(2 * height);
  const colOut = new Float64Array(2 * height);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      colIn[2 * y] = data[2 * (y * width + x)] as number;
      colIn[2 * y + 1] = data[2 * (y * width + x) + 1] as number;
    }
    if (inverse) colPlan.inverseTransform(colOut, colIn);
    else colPlan.transform(colOut, colIn);
    for (let y = 0; y < height; y++) {
      data[2 * (y * width + x)] = colOut[2 * y] as number;
      data[2 * (y * width + x) + 1] = colOut[2 * y + 1] as number;
    }
  }
}

/** A real image (w*h) placed at the top-left of a zeroed complex array of size W*H. */
export function toComplex(real: Float32Array | Float64Array, w: number, h: number, W: number, H: number): Float64Array {
  const out = new Float64Array(2 * W * H);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[2 * (y * W + x)] = real[y * w + x] as number;
  }
  return out;
}
