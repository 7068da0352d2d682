/**
 * Informed detection: is this stretch marked with one of these payloads, and which?
 *
 * Blind decoding has to read 188 coded bits out of the data chips; after the heaviest edits (trim +
 * crop + 50% downscale + CRF 28) on dense or saturated pictures the chips are too noisy for that, and
 * the pilot's 168 chips alone fall short of the sync's significance level. When the candidates are
 * known (this install's jobs: `rushes verify` reads them from the job database), every data chip's
 * sign is known too, and the question becomes one correlation per candidate: its 408 data chips as
 * one template, correlated with the fold near the pilot's shift (about sqrt(408/168) = 1.6 times the
 * pilot's peak, with nothing to decode).
 *
 * Two tests, as for the sync a peak height z in standard deviations of its correlation surface against
 * a normal tail:
 *  - presence: the best candidate's whole data template, Bonferroni over shifts x geometries x
 *    candidates. The data template leaves out the pilot chips, whose peak chose the geometries and the
 *    shifts.
 *  - identity: a clip from a job that is not among the candidates (older than the list) still agrees
 *    with every candidate of its install wherever their codewords happen to agree: the first coded
 *    pair (it depends on the install hash alone: the message interleaves install and job bits, see
 *    messageBits), stretches where the job hashes coincide, and chance. So the winner is named only if
 *    its job-specific chips, read at its peak's shift, stand out from those of IDENTITY_DECOYS made-up
 *    jobs of the same install read at the same place: z = (winner - mean of decoys) / their spread,
 *    Bonferroni over the candidates, below IDENTITY_ALPHA. Calibrating on decoys, not on the correlation
 *    surface, counts the chance agreement between two codewords, which grows with the mark's strength.
 */
import { chipValues, makePayload, pilotChipValues, tileLayout, type WatermarkPayload } from './layout';
import { mulberry32 } from './prng';
import { normalTail } from './stats';
import { peakNear, templateSpectrum, whitenedSpectrum } from './sync';

/**
 * Coded bits that depend on the install hash alone: the first coded pair (the first message bit). Before
 * the message interleaved install and job bits it was the first 64, a third of the data chips.
 */
export const INSTALL_CODED_BITS = 2;
/**
 * Shifts searched around the pilot's (bins, each way). The pilot's chips are not the data chips, so the
 * pilot's peak places the tile for the data template without biasing it, and the presence test searches
 * 25 shifts a geometry instead of 4096: about 0.8 standard deviations less to clear.
 */
export const SHIFT_RADIUS = 2;
/** Made-up jobs of the winner's install that calibrate the identity test. */
export const IDENTITY_DECOYS = 256;
const DECOY_SEED = 0x4445434f; // "DECO"
/**
 * Level of the identity test: the chance of naming a wrong job when the clip's own job is not among the
 * candidates. That needs a job missing from the list (jobs are never deleted; `rushes verify` lists the
 * newest 10,000) or a mark from another install that blind decoding could not read, and then this. Whether
 * there is a mark at all is decided at the stricter DEFAULT_ALPHA (1e-6) of the presence test.
 */
export const IDENTITY_ALPHA = 1e-4;


export interface PayloadMatch {
  payload: WatermarkPayload;
  /** Peak height of the payload's data template, in standard deviations of its correlation surface. */
  z: number;
  /** Presence: Bonferroni over the shifts searched x geometries x candidates. */
  pValue: number;
  /** Height of the job-specific chips' correlation at the peak's shift, in standard deviations. */
  identityZ: number;
  /** Identity: Bonferroni over the candidates. */
  identityPValue: number;
  /** Index of the geometry (fold) the peak was found in, and the tile's shift there (bins). */
  fold: number;
  dx: number;
  dy: number;
  /** Candidates compared. */
  candidates: number;
}

/** The payload's chip values with the pilot chips (and, with `jobOnly`, the install-only chips) set to 0. */
export function dataChipValues(p: WatermarkPayload, jobOnly = false): Float32Array {
  const chips = chipValues(p);
  const pilot = pilotChipValues();
  for (let i = 0; i < chips.length; i++) if (pilot[i] !== 0) chips[i] = 0;
  if (jobOnly) {
    const { dataChip, dataBit } = tileLayout();
    for (let k = 0; k < dataChip.length; k++) if ((dataBit[k] as number) < INSTALL_CODED_BITS) chips[dataChip[k] as number] = 0;
  }
  return chips;
}

/** A candidate geometry: the residual folded at its period, and where the pilot put the tile in it (bins). */
export interface MatchGeometry {
  folded: Float64Array;
  dx: number;
  dy: number;
}

/**
 * The best of `payloads` against the candidate geometries, near the pilot's shift in each (null without
 * payloads or geometries). Duplicate payloads are compared once.
 */
export function matchPayloads(geometries: readonly MatchGeometry[], payloads: readonly WatermarkPayload[]): PayloadMatch | null {
  const unique = [...new Map(payloads.map((p) => [p.hex, p])).values()];
  if (unique.length === 0 || geometries.length === 0) return null;
  const spectra = geometries.map((g) => whitenedSpectrum(g.folded));
  let best = { payload: unique[0] as WatermarkPayload, z: -Infinity, fold: 0, dx: 0, dy: 0 };
  for (const payload of unique) {
    const T = templateSpectrum(dataChipValues(payload));
    for (let fold = 0; fold < spectra.length; fold++) {
      const g = geometries[fold] as MatchGeometry;
      const { z, dx, dy } = peakNear(spectra[fold] as Float64Array, T, g.dx, g.dy, SHIFT_RADIUS);
      if (z > best.z) best = { payload, z, fold, dx, dy };
    }
  }
  const n = unique.length;
  const identityZ = identityScore(spectra[best.fold] as Float64Array, best.payload, best.dx, best.dy);
  return {
    ...best,
    pValue: Math.min(1, (2 * SHIFT_RADIUS + 1) ** 2 * geometries.length * n * normalTail(best.z)),
    identityZ,
    identityPValue: Math.min(1, n * normalTail(identityZ)),
    candidates: n,
  };
}

/**
 * How far the winner's job-specific chips stand above those of made-up jobs of the same install, read at
 * the same shift, in standard deviations of the made-up ones.
 */
function identityScore(spectrum: Float64Array, winner: WatermarkPayload, dx: number, dy: number): number {
  const read = (p: WatermarkPayload): number => peakNear(spectrum, templateSpectrum(dataChipValues(p, true)), dx, dy, 0).z;
  const rand = mulberry32(DECOY_SEED);
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < IDENTITY_DECOYS; k++) {
    const v = read(makePayload(winner.installHash, Math.floor(rand() * 2 ** 32)));
    s += v;
    s2 += v * v;
  }
  const mean = s / IDENTITY_DECOYS;
  const sd = Math.sqrt(Math.max(1e-12, s2 / IDENTITY_DECOYS - mean * mean));
  return (read(winner) - mean) / sd;
}
