/**
 * Synchronisation: finds the tile's period (the scale after any resize) and its offset (the shift
 * after any crop) in a summed residual image.
 *
 * - Fold: for a candidate period the residual is folded into one tile of FOLD_BINS x FOLD_BINS bins
 *   (every tile of the frame lands on the same bins, so the mark adds up and the picture averages
 *   out) and correlated with the known pilot at every cyclic shift (one small FFT). The peak's height
 *   says whether the period is right, its position gives the offset.
 * - Periods to try come from a sweep (sweepPeriods, with the quick foldNearest), from the lattice
 *   peaks of the residual's autocorrelation (autocorrelate, axisPeriodCandidates, refinePeriods), and
 *   are sharpened by refineByHalves.
 * - whitenFold and readChips read the chips' soft values once the geometry is known.
 */
import { fft2d, nextPow2, toComplex } from './fft2d';
import { renderChipField } from './geometry';
import { TILE_CHIPS, pilotChipValues } from './layout';

export const FOLD_BINS = 64;
export const BINS_PER_CHIP = FOLD_BINS / TILE_CHIPS;

export interface Autocorrelation {
  /** Autocorrelation, width x height (the padded FFT size), lag (0,0) at index 0, cyclic. */
  values: Float64Array;
  width: number;
  height: number;
  /** Largest usable lag along each axis. */
  maxLagX: number;
  maxLagY: number;
}

/**
 * Autocorrelation of the residual through one FFT. `codecGrid` is the codec block grid in detection
 * pixels (16 / downsampling factor): H.264 leaves artefacts that repeat every 4, 8 and 16 coded pixels
 * (a smooth gradient is coded as the same staircase in every macroblock), and they would make lattice
 * peaks of their own. They all sit on spectral lines at multiples of 1/16 cycle per coded pixel, so
 * those lines (and one bin each side, the leakage of the window) are removed before the inverse FFT.
 */
export function autocorrelate(img: Float32Array, w: number, h: number, codecGrid = 0): Autocorrelation {
  const W = nextPow2(w + (w >> 2));
  const H = nextPow2(h + (h >> 2));
  const c = toComplex(img, w, h, W, H);
  fft2d(c, W, H);
  const notchX = new Uint8Array(W);
  const notchY = new Uint8Array(H);
  if (codecGrid > 0) {
    for (const [notch, n] of [[notchX, W], [notchY, H]] as const) {
      for (let k = 0; k * (n / codecGrid) <= n; k++) {
        const centre = Math.round(k * (n / codecGrid));
        for (let d = -1; d <= 1; d++) notch[(((centre + d) % n) + n) % n] = 1;
      }
    }
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const re = c[2 * i] as number;
      const im = c[2 * i + 1] as number;
      // |F| rather than |F|^2: a partial whitening that sharpens the lattice peaks against the picture.
      c[2 * i] = notchX[x] || notchY[y] ? 0 : Math.sqrt(re * re + im * im);
      c[2 * i + 1] = 0;
    }
  }
  c[0] = 0; // drop the mean
  fft2d(c, W, H, true);
  const values = new Float64Array(W * H);
  for (let i = 0; i < W * H; i++) values[i] = c[2 * i] as number;
  return { values, width: W, height: H, maxLagX: Math.floor(w / 2), maxLagY: Math.floor(h / 2) };
}

/** Bilinear read of the autocorrelation at a real lag (cyclic). */
function acAt(ac: Autocorrelation, tx: number, ty: number): number {
  const { values, width: W, height: H } = ac;
  const x0 = Math.floor(tx);
  const y0 = Math.floor(ty);
  const fx = tx - x0;
  const fy = ty - y0;
  const xa = ((x0 % W) + W) % W;
  const xb = (xa + 1) % W;
  const ya = ((y0 % H) + H) % H;
  const yb = (ya + 1) % H;
  return (
    (values[ya * W + xa] as number) * (1 - fx) * (1 - fy) +
    (values[ya * W + xb] as number) * fx * (1 - fy) +
    (values[yb * W + xa] as number) * (1 - fx) * fy +
    (values[yb * W + xb] as number) * fx * fy
  );
}

export interface PeriodSearch {
  minPeriod: number;
  maxPeriod: number;
  /** Candidates kept per axis. */
  perAxis: number;
}

/**
 * Ranks periods along one axis by a comb score: the sum of the standardised autocorrelation at the
 * first K multiples of the period, divided by sqrt(K) (a matched filter for a lattice of peaks, which
 * favours the fundamental over its multiples and halves).
 */
export function axisPeriodCandidates(ac: Autocorrelation, axis: 'x' | 'y', search: PeriodSearch): number[] {
  const maxLag = axis === 'x' ? ac.maxLagX : ac.maxLagY;
  const read = (t: number): number => (axis === 'x' ? acAt(ac, t, 0) : acAt(ac, 0, t));
  // Standardise the profile over the searched lags (robust: median and MAD).
  const lo = Math.max(4, Math.floor(search.minPeriod / 2));
  const profile: number[] = [];
  for (let t = lo; t <= maxLag; t++) profile.push(read(t));
  const sorted = [...profile].sort((a, b) => a - b);
  const med = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const mad = [...profile].map((v) => Math.abs(v - med)).sort((a, b) => a - b)[Math.floor(profile.length / 2)] ?? 1;
  const scale = 1 / (1.4826 * mad || 1);
  const z = (t: number): number => (read(t) - med) * scale;
  const maxP = Math.min(search.maxPeriod, maxLag);
  const step = 0.25;
  const scores: Array<{ p: number; s: number }> = [];
  for (let p = search.minPeriod; p <= maxP; p += step) {
    const K = Math.max(1, Math.floor(maxLag / p));
    let s = 0;
    for (let k = 1; k <= K; k++) s += z(k * p);
    scores.push({ p, s: s / Math.sqrt(K) });
  }
  // Local maxima, best first.
  const peaks: Array<{ p: number; s: number }> = [];
  for (let i = 0; i < scores.length; i++) {
    const c = scores[i] as { p: number; s: number };
    const l = scores[i - 1]?.s ?? -Infinity;
    const r = scores[i + 1]?.s ?? -Infinity;
    if (c.s >= l && c.s > r) peaks.push(c);
  }
  peaks.sort((a, b) => b.s - a.s);
  const out: number[] = [];
  for (const pk of peaks) {
    if (out.every((q) => Math.abs(q - pk.p) > 1.5)) out.push(pk.p);
    if (out.length >= search.perAxis) break;
  }
  return out;
}

/** Sum of the autocorrelation over the lattice (k*px, l*py), all lattice points within the usable lags. */
function latticeScore(ac: Autocorrelation, px: number, py: number): number {
  let s = 0;
  const kx = Math.floor(ac.maxLagX / px);
  const ky = Math.floor(ac.maxLagY / py);
  for (let l = 0; l <= ky; l++) {
    for (let k = -kx; k <= kx; k++) {
      if (l === 0 && k <= 0) continue;
      s += acAt(ac, k * px, l * py);
    }
  }
  return s;
}

/** Refines a (px, py) pair to the lattice that best fits the autocorrelation peaks (coordinate ascent). */
export function refinePeriods(ac: Autocorrelation, px: number, py: number): { px: number; py: number } {
  for (const span of [1.0, 0.25, 0.06]) {
    for (let round = 0; round < 2; round++) {
      let best = latticeScore(ac, px, py);
      let bx = px;
      for (let d = -span; d <= span + 1e-9; d += span / 8) {
        const s = latticeScore(ac, px + d, py);
        if (s > best) {
          best = s;
          bx = px + d;
        }
      }
      px = bx;
      let by = py;
      for (let d = -span; d <= span + 1e-9; d += span / 8) {
        const s = latticeScore(ac, px, py + d);
        if (s > best) {
          best = s;
          by = py + d;
        }
      }
      py = by;
    }
  }
  return { px, py };
}

/**
 * Folds the residual into one tile of FOLD_BINS^2 bins for the given periods (bilinear splatting, so
 * any real period works), normalised to zero mean and unit variance.
 */
export function fold(img: Float32Array, w: number, h: number, px: number, py: number): Float64Array {
  return foldAt(img, w, h, px, py, 0, 0);
}

function foldAt(img: Float32Array, w: number, h: number, px: number, py: number, x0: number, y0: number): Float64Array {
  const B = FOLD_BINS;
  const sum = new Float64Array(B * B);
  const wt = new Float64Array(B * B);
  const bx0 = new Int32Array(w);
  const fxs = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const t = ((x + x0 + 0.5) / px) * B - 0.5;
    const f = Math.floor(t);
    bx0[x] = ((f % B) + B) % B;
    fxs[x] = t - f;
  }
  for (let y = 0; y < h; y++) {
    const t = ((y + y0 + 0.5) / py) * B - 0.5;
    const f = Math.floor(t);
    const by0 = ((f % B) + B) % B;
    const by1 = (by0 + 1) % B;
    const fy = t - f;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const v = img[row + x] as number;
      const a = bx0[x] as number;
      const b = (a + 1) % B;
      const fx = fxs[x] as number;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const i00 = by0 * B + a;
      const i01 = by0 * B + b;
      const i10 = by1 * B + a;
      const i11 = by1 * B + b;
      sum[i00] = (sum[i00] as number) + v * w00;
      wt[i00] = (wt[i00] as number) + w00;
      sum[i01] = (sum[i01] as number) + v * w01;
      wt[i01] = (wt[i01] as number) + w01;
      sum[i10] = (sum[i10] as number) + v * w10;
      wt[i10] = (wt[i10] as number) + w10;
      sum[i11] = (sum[i11] as number) + v * w11;
      wt[i11] = (wt[i11] as number) + w11;
    }
  }
  return normaliseFold(sum, wt);
}

let pilotSpectrum: Float64Array | undefined;

/** A chip field sampled on the fold grid (chip i centred at bin 2i + 0.5), as its FFT: a template to correlate. */
export function templateSpectrum(chips: Float32Array): Float64Array {
  const t = renderChipField(chips, FOLD_BINS, FOLD_BINS, BINS_PER_CHIP);
  const T = toComplex(t, FOLD_BINS, FOLD_BINS, FOLD_BINS, FOLD_BINS);
  fft2d(T, FOLD_BINS, FOLD_BINS);
  return T;
}

function pilotTemplateSpectrum(): Float64Array {
  pilotSpectrum ??= templateSpectrum(pilotChipValues());
  return pilotSpectrum;
}

export interface PilotMatch {
  /** Shift (bins) such that fold(k + d) ~ template(k); fractional from a parabolic fit. */
  dx: number;
  dy: number;
  /** Peak height in standard deviations of the correlation surface (peak neighbourhood excluded). */
  z: number;
  /** Number of shifts searched. */
  shifts: number;
}

/**
 * Correlates a fold with the pilot at every cyclic shift. The fold's spectrum is whitened (phase
 * only): the picture's leftovers and codec block edges have a few strong frequencies, the pilot is
 * spread over all of them, so whitening leaves the pilot peak and flattens the rest.
 */
export function matchPilot(folded: Float64Array): PilotMatch {
  return matchTemplate(whitenedSpectrum(folded), pilotTemplateSpectrum());
}

/** The fold's spectrum with every magnitude set to 1 (phase only; see matchPilot). */
export function whitenedSpectrum(folded: Float64Array): Float64Array {
  const B = FOLD_BINS;
  const F = toComplex(folded, B, B, B, B);
  fft2d(F, B, B);
  for (let i = 0; i < B * B; i++) {
    const re = F[2 * i] as number;
    const im = F[2 * i + 1] as number;
    const mag = Math.sqrt(re * re + im * im) || 1;
    F[2 * i] = re / mag;
    F[2 * i + 1] = im / mag;
  }
  return F;
}

/** The correlation of a whitened fold spectrum with a template spectrum at every cyclic shift (interleaved complex; real parts). */
function correlationSurface(whitened: Float64Array, template: Float64Array): Float64Array {
  const B = FOLD_BINS;
  const F = whitened;
  const T = template;
  const C = new Float64Array(2 * B * B);
  for (let i = 0; i < B * B; i++) {
    const fr = F[2 * i] as number;
    const fi = F[2 * i + 1] as number;
    const tr = T[2 * i] as number;
    const ti = T[2 * i + 1] as number;
    // F * conj(T)
    C[2 * i] = fr * tr + fi * ti;
    C[2 * i + 1] = fi * tr - fr * ti;
  }
  C[0] = 0;
  C[1] = 0;
  fft2d(C, B, B, true);
  return C;
}

/**
 * The highest correlation within `radius` bins of a shift (the nearest bin to dx, dy), in standard
 * deviations of the whole surface: a template read where another template's peak put the tile, searching
 * (2 radius + 1)^2 shifts instead of all of them.
 */
export function peakNear(whitened: Float64Array, template: Float64Array, dx: number, dy: number, radius: number): { z: number; dx: number; dy: number } {
  const B = FOLD_BINS;
  const C = correlationSurface(whitened, template);
  const x0 = Math.round(dx);
  const y0 = Math.round(dy);
  // Statistics of the surface outside the searched window (plus a margin: a peak spreads over its
  // neighbours), as matchTemplate leaves out its peak's neighbourhood.
  const outside = radius + 2;
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 0; y < B; y++) {
    const ddy = Math.min(Math.abs(y - (((y0 % B) + B) % B)), B - Math.abs(y - (((y0 % B) + B) % B)));
    for (let x = 0; x < B; x++) {
      const ddx = Math.min(Math.abs(x - (((x0 % B) + B) % B)), B - Math.abs(x - (((x0 % B) + B) % B)));
      if (ddx <= outside && ddy <= outside) continue;
      const v = C[2 * (y * B + x)] as number;
      s += v;
      s2 += v * v;
      n++;
    }
  }
  const mean = s / n;
  const sd = Math.sqrt(Math.max(1e-30, s2 / n - mean * mean));
  let best = { z: -Infinity, dx: 0, dy: 0 };
  for (let oy = -radius; oy <= radius; oy++) {
    for (let ox = -radius; ox <= radius; ox++) {
      const x = (((x0 + ox) % B) + B) % B;
      const y = (((y0 + oy) % B) + B) % B;
      const z = ((C[2 * (y * B + x)] as number) - mean) / sd;
      if (z > best.z) best = { z, dx: x, dy: y };
    }
  }
  return best;
}

/**
 * Correlates a whitened fold spectrum (whitenedSpectrum) with a template spectrum (templateSpectrum)
 * at every cyclic shift: the highest peak, where it is, and its height in standard deviations of the
 * rest of the surface.
 */
export function matchTemplate(whitened: Float64Array, template: Float64Array): PilotMatch {
  const B = FOLD_BINS;
  const C = correlationSurface(whitened, template);
  let best = -Infinity;
  let bi = 0;
  for (let i = 0; i < B * B; i++) {
    const v = C[2 * i] as number;
    if (v > best) {
      best = v;
      bi = i;
    }
  }
  const px = bi % B;
  const py = Math.floor(bi / B);
  const at = (x: number, y: number): number => C[2 * ((((y % B) + B) % B) * B + (((x % B) + B) % B))] as number;
  // Statistics of the surface away from the peak.
  let s = 0;
  let s2 = 0;
  let n = 0;
  for (let y = 0; y < B; y++) {
    for (let x = 0; x < B; x++) {
      const ddx = Math.min(Math.abs(x - px), B - Math.abs(x - px));
      const ddy = Math.min(Math.abs(y - py), B - Math.abs(y - py));
      if (ddx <= 2 && ddy <= 2) continue;
      const v = at(x, y);
      s += v;
      s2 += v * v;
      n++;
    }
  }
  const mean = s / n;
  const sd = Math.sqrt(Math.max(1e-30, s2 / n - mean * mean));
  const parab = (l: number, c: number, r: number): number => {
    const den = l - 2 * c + r;
    return den < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / den)) : 0;
  };
  const dx = px + parab(at(px - 1, py), best, at(px + 1, py));
  const dy = py + parab(at(px, py - 1), best, at(px, py + 1));
  return { dx, dy, z: (best - mean) / sd, shifts: B * B };
}

/**
 * Soft value of every chip of the tile, read from a fold at the pilot's shift: each chip's bilinear
 * footprint (a tent two chips wide) is correlated with the fold around the chip's centre.
 */
export function readChips(folded: Float64Array, dx: number, dy: number): Float64Array {
  const B = FOLD_BINS;
  const chips = new Float64Array(TILE_CHIPS * TILE_CHIPS);
  // Template bin k holds chip coordinate k/BINS_PER_CHIP - 0.25 (see renderChipField); the fold holds
  // at bin k the template's bin k - d.
  for (let j = 0; j < TILE_CHIPS; j++) {
    const cy = (j + 0.25) * BINS_PER_CHIP + dy; // bin position of chip j's centre
    for (let i = 0; i < TILE_CHIPS; i++) {
      const cx = (i + 0.25) * BINS_PER_CHIP + dx;
      let acc = 0;
      for (let by = Math.ceil(cy - BINS_PER_CHIP); by <= Math.floor(cy + BINS_PER_CHIP); by++) {
        const wy = 1 - Math.abs(by - cy) / BINS_PER_CHIP;
        if (wy <= 0) continue;
        const row = ((by % B) + B) % B;
        for (let bx = Math.ceil(cx - BINS_PER_CHIP); bx <= Math.floor(cx + BINS_PER_CHIP); bx++) {
          const wx = 1 - Math.abs(bx - cx) / BINS_PER_CHIP;
          if (wx <= 0) continue;
          acc += wx * wy * (folded[row * B + (((bx % B) + B) % B)] as number);
        }
      }
      chips[j * TILE_CHIPS + i] = acc;
    }
  }
  return chips;
}

/**
 * Whitens a fold: divides its spectrum by the local mean of its magnitude raised to `power` (1 =
 * phase-like, 2 = inverse power spectrum, the matched filter for coloured noise). What is left of the
 * picture after folding is strongly coloured (low frequencies, codec lines), the chips are not.
 */
export function whitenFold(folded: Float64Array, power: number, radius = 2): Float64Array {
  const B = FOLD_BINS;
  const F = toComplex(folded, B, B, B, B);
  fft2d(F, B, B);
  const mag = new Float64Array(B * B);
  for (let i = 0; i < B * B; i++) mag[i] = Math.hypot(F[2 * i] as number, F[2 * i + 1] as number);
  for (let y = 0; y < B; y++) {
    for (let x = 0; x < B; x++) {
      let s = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) s += mag[(((y + dy) % B + B) % B) * B + (((x + dx) % B + B) % B)] as number;
      }
      const m = s / ((2 * radius + 1) ** 2);
      const g = m > 0 ? 1 / m ** power : 0;
      const i = y * B + x;
      F[2 * i] = (F[2 * i] as number) * g;
      F[2 * i + 1] = (F[2 * i + 1] as number) * g;
    }
  }
  F[0] = 0;
  F[1] = 0;
  fft2d(F, B, B, true);
  const out = new Float64Array(B * B);
  for (let i = 0; i < B * B; i++) out[i] = F[2 * i] as number;
  return out;
}

function wrapBins(d: number): number {
  const B = FOLD_BINS;
  return ((((d + B / 2) % B) + B) % B) - B / 2;
}

/**
 * Sharpens a period estimate with the pilot itself: folds two halves of the frame separately (left and
 * right, then top and bottom) at the same period. With a slightly wrong period the tile drifts across
 * the frame, so the two halves find the pilot at shifts that differ in proportion to the error:
 * d_right - d_left = (w/2) * FOLD_BINS * (1/p - 1/p_true). Needs a pilot visible in each half
 * (minHalfZ); otherwise the estimate is returned unchanged.
 */
export function refineByHalves(img: Float32Array, w: number, h: number, px: number, py: number, minHalfZ = 3.5): { px: number; py: number; ok: boolean } {
  const B = FOLD_BINS;
  let ok = false;
  for (let iter = 0; iter < 2; iter++) {
    // Horizontal: left and right halves.
    const hw = Math.floor(w / 2);
    const left = new Float32Array(hw * h);
    const right = new Float32Array(hw * h);
    for (let y = 0; y < h; y++) {
      left.set(img.subarray(y * w, y * w + hw), y * hw);
      right.set(img.subarray(y * w + (w - hw), y * w + w), y * hw);
    }
    // The right half starts at x = w - hw: fold it with its true phase by shifting its pixel origin.
    const mL = matchPilot(fold(left, hw, h, px, py));
    const mR = matchPilot(foldFrom(right, hw, h, px, py, w - hw, 0));
    if (mL.z >= minHalfZ && mR.z >= minHalfZ) {
      const dd = wrapBins(mR.dx - mL.dx);
      const inv = 1 / px - dd / (B * (w - hw));
      if (inv > 0) px = 1 / inv;
      ok = true;
    }
    const hh = Math.floor(h / 2);
    const top = img.subarray(0, hh * w);
    const bottom = img.subarray((h - hh) * w, h * w);
    const mT = matchPilot(fold(top, w, hh, px, py));
    const mB = matchPilot(foldFrom(bottom, w, hh, px, py, 0, h - hh));
    if (mT.z >= minHalfZ && mB.z >= minHalfZ) {
      const dd = wrapBins(mB.dy - mT.dy);
      const inv = 1 / py - dd / (B * (h - hh));
      if (inv > 0) py = 1 / inv;
      ok = true;
    }
  }
  return { px, py, ok };
}

/** fold() of a sub-image whose top-left pixel is (x0, y0) of the frame (so tile phases match). */
export function foldFrom(img: Float32Array, w: number, h: number, px: number, py: number, x0: number, y0: number): Float64Array {
  return foldAt(img, w, h, px, py, x0, y0);
}

/**
 * A quick fold for the period sweep: nearest bin instead of bilinear splatting (about 4x cheaper; the
 * half-bin rounding costs little at 2.7 bins per chip). Same output convention as fold().
 */
export function foldNearest(img: Float32Array, w: number, h: number, px: number, py: number): Float64Array {
  const B = FOLD_BINS;
  const sum = new Float64Array(B * B);
  const cnt = new Float64Array(B * B);
  const bx = new Int32Array(w);
  for (let x = 0; x < w; x++) bx[x] = Math.floor(((x + 0.5) / px) * B) % B;
  for (let y = 0; y < h; y++) {
    const row = (Math.floor(((y + 0.5) / py) * B) % B) * B;
    const src = y * w;
    for (let x = 0; x < w; x++) {
      const i = row + (bx[x] as number);
      sum[i] = (sum[i] as number) + (img[src + x] as number);
      cnt[i] = (cnt[i] as number) + 1;
    }
  }
  return normaliseFold(sum, cnt);
}

function normaliseFold(sum: Float64Array, wt: Float64Array): Float64Array {
  const n = sum.length;
  const out = new Float64Array(n);
  let m = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if ((wt[i] as number) > 0) {
      out[i] = (sum[i] as number) / (wt[i] as number);
      m += out[i] as number;
      k++;
    }
  }
  m /= k || 1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    out[i] = (wt[i] as number) > 0 ? (out[i] as number) - m : 0;
    v += (out[i] as number) ** 2;
  }
  const sd = Math.sqrt(v / n) || 1;
  for (let i = 0; i < n; i++) out[i] = (out[i] as number) / sd;
  return out;
}

/**
 * The periods an isotropic sweep visits: geometric steps small enough that the tile drifts by at most
 * about half a chip across the frame between two steps (step = 0.05 p^2 / w for a 24-chip tile).
 */
export function sweepPeriods(w: number, minPeriod: number, maxPeriod: number): number[] {
  const out: number[] = [];
  for (let p = minPeriod; p <= maxPeriod; p += Math.max(0.05, (1.2 * p * p) / (TILE_CHIPS * w))) out.push(p);
  return out;
}
