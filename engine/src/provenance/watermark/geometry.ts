/**
 * How the tile sits on a frame. The chip size scales with the frame's short side (7.2 px at 720p,
 * 10.8 px at 1080p), so the mark has the same relative size at every resolution: it survives a 50%
 * downscale (3.6 px chips) and a detector can work at a reduced resolution.
 *
 * The tile period (24 chips: 172.8 px at 720p, 259.2 px at 1080p, 86.4 px after a 50% downscale) is
 * deliberately not a multiple of the 8 and 16 px blocks of H.264: compression artefacts then fold
 * incoherently into the detector's tile instead of piling up on it.
 */
import { TILE_CHIPS } from './layout';

export const CHIP_DIVISOR = 100;
export const MIN_CHIP_PX = 3;

export function chipSizeFor(width: number, height: number): number {
  return Math.max(MIN_CHIP_PX, Math.min(width, height) / CHIP_DIVISOR);
}

export function tilePeriodFor(width: number, height: number): number {
  return TILE_CHIPS * chipSizeFor(width, height);
}

/**
 * Samples the tile's chip field at `count` positions along one axis. Position k is pixel (or bin)
 * k, whose centre sits at chip coordinate (k + 0.5) / chipPx - 0.5 + offset (chip i has its centre at
 * coordinate i). Returns, per position, the lower chip index (mod TILE_CHIPS) and the bilinear weight of
 * the upper one.
 */
export function axisSamples(count: number, chipPx: number, offsetChips = 0): { lo: Int32Array; frac: Float32Array } {
  const lo = new Int32Array(count);
  const frac = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const u = (k + 0.5) / chipPx - 0.5 + offsetChips;
    const i0 = Math.floor(u);
    lo[k] = ((i0 % TILE_CHIPS) + TILE_CHIPS) % TILE_CHIPS;
    frac[k] = u - i0;
  }
  return { lo, frac };
}

/**
 * Renders a chip field (TILE_CHIPS^2 values, row-major) as a smooth periodic image: bilinear
 * interpolation between chip centres, so the pattern has no edges for the eye or a codec to catch.
 */
export function renderChipField(chips: Float32Array, width: number, height: number, chipPx: number, offsetX = 0, offsetY = 0): Float32Array {
  const xs = axisSamples(width, chipPx, offsetX);
  const ys = axisSamples(height, chipPx, offsetY);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const j0 = ys.lo[y] as number;
    const j1 = (j0 + 1) % TILE_CHIPS;
    const fv = ys.frac[y] as number;
    const r0 = j0 * TILE_CHIPS;
    const r1 = j1 * TILE_CHIPS;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const i0 = xs.lo[x] as number;
      const i1 = (i0 + 1) % TILE_CHIPS;
      const fu = xs.frac[x] as number;
      const top = (chips[r0 + i0] as number) * (1 - fu) + (chips[r0 + i1] as number) * fu;
      const bot = (chips[r1 + i0] as number) * (1 - fu) + (chips[r1 + i1] as number) * fu;
      out[row + x] = top * (1 - fv) + bot * fv;
    }
  }
  return out;
}
