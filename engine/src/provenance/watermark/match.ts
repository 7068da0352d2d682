/**
 * Informed detection: is this stretch marked with one of these payloads, and which?
 *
 * Blind decoding has to read 188 coded bits out of the data chips; after the heaviest edits (trim +
 * crop + 50% downscale + CRF 28) on dense or saturated pictures the chips are too noisy for that, and
 * the pilot's 168 chips alone fall short of the sync's significance level. When the candidates are
 * known (this install's jobs: `rushes verify` reads them from the job database), every data chip's
 * sign is known too, and the question becomes one correlation per candidate: its 408 data chips as
 * one template, at every cyclic shift of the fold (about sqrt(408/168) = 1.6 times the pilot's peak,
 * with nothing to decode).
 *
 * Two tests, as for the sync a peak height z in standard deviations of its correlation surface against
 * a normal tail:
 *  - presence: the best candidate's whole data template, Bonferroni over shifts x geometries x
 *    candidates. The data template leaves out the pilot chips, whose peak chose the geometries.
 *  - identity: candidates of one install share their first 64 coded bits (the convolutional code's
 *    output while it reads the 32-bit install hash), a third of the data chips. A clip from a job that
 *    is not among the candidates (older than the list, or deleted) therefore lifts every candidate of
 *    its install by a third of its own peak. So the winner is named only if its job-specific chips
 *    alone, read at the winner's shift, stand out: Bonferroni over the candidates (the winner is the
 *    maximum of their job-specific parts, since the shared part is the same for all).
 */
import { chipValues, pilotChipValues, tileLayout, type WatermarkPayload } from './layout';
import { normalTail } from './stats';
import { FOLD_BINS, matchTemplate, surfaceZAt, templateSpectrum, whitenedSpectrum } from './sync';

/** Coded bits that depend on the install hash alone (rate 1/2, the first 32 message bits). */
export const INSTALL_CODED_BITS = 64;

export interface PayloadMatch {
  payload: WatermarkPayload;
  /** Peak height of the payload's data template, in standard deviations of its correlation surface. */
  z: number;
  /** Presence: Bonferroni over shifts x geometries x candidates. */
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

/**
 * The best of `payloads` against the folds of the candidate geometries (null without payloads or folds).
 * Duplicate payloads are compared once.
 */
export function matchPayloads(folds: readonly Float64Array[], payloads: readonly WatermarkPayload[]): PayloadMatch | null {
  const unique = [...new Map(payloads.map((p) => [p.hex, p])).values()];
  if (unique.length === 0 || folds.length === 0) return null;
  const spectra = folds.map(whitenedSpectrum);
  let best = { payload: unique[0] as WatermarkPayload, z: -Infinity, fold: 0, dx: 0, dy: 0 };
  for (const payload of unique) {
    const T = templateSpectrum(dataChipValues(payload));
    for (let fold = 0; fold < spectra.length; fold++) {
      const { z, dx, dy } = matchTemplate(spectra[fold] as Float64Array, T);
      if (z > best.z) best = { payload, z, fold, dx, dy };
    }
  }
  const n = unique.length;
  const identityZ = surfaceZAt(spectra[best.fold] as Float64Array, templateSpectrum(dataChipValues(best.payload, true)), best.dx, best.dy);
  return {
    ...best,
    pValue: Math.min(1, FOLD_BINS * FOLD_BINS * folds.length * n * normalTail(best.z)),
    identityZ,
    identityPValue: Math.min(1, n * normalTail(identityZ)),
    candidates: n,
  };
}
