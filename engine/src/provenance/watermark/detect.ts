/**
 * The detector: frames (or a video file) in, a decision with a p-value out.
 *
 * Decision. Two tests are made, each with a false-alarm probability that does not depend on hand
 * tuning, and combined with a Bonferroni correction:
 *  - sync test: the pilot correlation peak, in standard deviations of its own correlation surface,
 *    against a normal tail, multiplied by the number of shifts and candidate periods searched;
 *  - message test: the decoded 88-bit message passes its CRC-24, which an unmarked video does with
 *    probability 2^-24 per decode attempt (every message checked counts: each candidate geometry,
 *    each entry of a list decode, each point of the fine period grid).
 * pValue = min(1, 2 * min(p_sync, p_crc)); the mark is reported found when pValue < alpha (1e-6).
 * The payload is reported only when the CRC passes.
 *
 * Informed detection (match.ts): when the caller knows which payloads to expect (`rushes verify` knows
 * this install's jobs) and blind decoding found no message, each candidate's data chips are correlated
 * as one template, a third test (p_match, Bonferroni over everything compared); pValue is then
 * 3 * min of the three. The matching payload is reported when its job-specific chips pass a test of
 * their own (identity, p < IDENTITY_ALPHA).
 */
import { RushesError } from '@rushes/shared';
import { codedSoftValues, readMessage, readMessageList } from './decode';
import { IDENTITY_ALPHA, matchPayloads } from './match';
import { detectionFactor, lumaFromRgba } from './luma';
import { ResidualAccumulator } from './residual';
import { normalTail } from './stats';
import {
  FOLD_BINS, autocorrelate, axisPeriodCandidates, fold, foldNearest, matchPilot, readChips, refineByHalves, refinePeriods, sweepPeriods, whitenFold,
} from './sync';
import { convEncode } from './ecc';
import { messageBits, payloadToBits, type WatermarkPayload } from './layout';
import { readGrayFrames } from './video';

export const DEFAULT_ALPHA = 1e-6;
/** Candidate periods decoded (each a CRC test). */
const DECODE_ATTEMPTS = 4;
/**
 * When the sync is certain but none of those decodes, the period is usually off by a fraction of a
 * percent (the pilot peak is broad in period after heavy edits): a grid of scales around the best
 * geometry, per axis, each decoded in order of its pilot peak until a CRC passes.
 */
const FINE_STEPS = [-0.01, -0.0075, -0.005, -0.0025, 0, 0.0025, 0.005, 0.0075, 0.01];
/**
 * Before that, still only once the sync is certain: the first round's candidates decoded again as a list
 * of their 32 most likely messages, the first with a passing CRC taken (CRC-aided list Viterbi). On
 * simulated noise at the edge of the code (sigma 0.9 per coded bit) it decoded 289 of 300 messages where
 * Viterbi alone decoded 232. Every list entry counts as a CRC test in the p-value, needed or not.
 */
const LIST_SIZE = 32;
/** Smallest tile period searched, in detection pixels (chips of 1.7 px). */
const MIN_PERIOD = 40;
/** Best periods of the sweep kept as candidates. */
const SWEEP_KEEP = 3;
/** Candidates whose period is sharpened with the pilot (refineByHalves). */
const REFINED_CANDIDATES = 3;
/** Whitening of the fold before the chips are read (see whitenFold). */
const READ_WHITENING = 1.5;
/** H.264 macroblock side in coded pixels; the autocorrelation ignores the block grid's frequencies. */
const CODEC_MACROBLOCK = 16;

export interface DetectFrame {
  rgba: Uint8Array;
  width: number;
  height: number;
}

export interface DetectOptions {
  /** Start of the stretch, seconds (file input only). Default 0. */
  start?: number;
  /** Length of the stretch, seconds (file input only). Default 2. */
  duration?: number;
  /** Stop after this many frames (either input). */
  maxFrames?: number;
  /** Decision level for pValue. Default 1e-6. */
  alpha?: number;
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Payloads to expect (informed detection when blind decoding finds none; see match.ts). */
  knownPayloads?: readonly WatermarkPayload[];
}

export interface DetectionResult {
  found: boolean;
  /** Present when the message decoded and passed its CRC, or when a known payload matched. */
  payload?: WatermarkPayload;
  /** How the payload was read: decoded blind from the mark, or matched against known payloads. */
  method?: 'decoded' | 'matched';
  /** The informed tests, when known payloads were given and blind decoding found no message. */
  match?: { z: number; pValue: number; identityZ: number; identityPValue: number; candidates: number };
  /** Agreement of the coded bits' hard decisions with the re-encoded decoded message (0.5 = chance). */
  bitAgreement: number;
  pValue: number;
  /** 1 - pValue. */
  confidence: number;
  framesUsed: number;
  crcOk: boolean;
  /** Sync peak in standard deviations, and its own p-value (Bonferroni over the search). */
  syncZ: number;
  syncPValue: number;
  /** Tile period found, in input pixels (172.8 px for an untouched 720p clip), and the tile offset in bins. */
  period?: { x: number; y: number };
  offset?: { x: number; y: number };
  /** Internal: coded-bit soft values at the chosen geometry (benchmarks compute raw bit accuracy). */
  codedSoft?: Float64Array;
}

interface Candidate {
  /** Sharpened by refineByHalves: the most precise geometry, decoded first. */
  refined: boolean;
  px: number;
  py: number;
  dx: number;
  dy: number;
  z: number;
  folded: Float64Array;
}

/**
 * Analyses an accumulated residual (pure: no I/O). `factor` maps detection pixels to input pixels;
 * `known` are payloads to match when blind decoding finds no message.
 */
export function analyseResidual(acc: ResidualAccumulator, factor: number, alpha = DEFAULT_ALPHA, known: readonly WatermarkPayload[] = []): DetectionResult {
  const { width: w, height: h } = acc;
  const empty: DetectionResult = {
    found: false, bitAgreement: 0.5, pValue: 1, confidence: 0, framesUsed: acc.frames, crcOk: false, syncZ: 0, syncPValue: 1,
  };
  if (acc.frames === 0 || w < 64 || h < 64) return empty;
  const img = acc.sum;
  const maxPeriod = Math.min(w, h) / 2;
  // Seeds, 1: an isotropic sweep of periods with a quick fold (works at low SNR: it uses the pilot).
  const sweep = sweepPeriods(w, MIN_PERIOD, maxPeriod);
  const zs = sweep.map((p) => matchPilot(foldNearest(img, w, h, p, p)).z);
  const order = zs.map((_, i) => i).sort((a, b) => (zs[b] as number) - (zs[a] as number));
  const seeds: Array<{ px: number; py: number }> = [];
  for (const i of order.slice(0, SWEEP_KEEP)) {
    const p = sweep[i] as number;
    seeds.push({ px: p, py: p });
    // A parabola through the neighbouring steps puts the peak between grid points.
    const l = zs[i - 1];
    const r = zs[i + 1];
    const c = zs[i] as number;
    if (l !== undefined && r !== undefined && l - 2 * c + r < 0) {
      const t = Math.max(-0.5, Math.min(0.5, (0.5 * (l - r)) / (l - 2 * c + r)));
      const q = t < 0 ? p + t * (p - (sweep[i - 1] as number)) : p + t * ((sweep[i + 1] as number) - p);
      seeds.push({ px: q, py: q });
    }
  }
  // Seeds, 2: lattice peaks of the autocorrelation (cheap, and they allow a changed aspect ratio).
  const ac = autocorrelate(img, w, h, CODEC_MACROBLOCK / factor);
  const search = { minPeriod: MIN_PERIOD, maxPeriod, perAxis: 3 };
  const xs = axisPeriodCandidates(ac, 'x', search);
  const ys = axisPeriodCandidates(ac, 'y', search);
  for (const px0 of xs) for (const py0 of ys) seeds.push(refinePeriods(ac, px0, py0));
  const cands: Candidate[] = [];
  /** Folds the residual at one geometry and finds the pilot in it. */
  const candidateAt = (px: number, py: number, refined: boolean): Candidate => {
    const folded = fold(img, w, h, px, py);
    const m = matchPilot(folded);
    return { refined, px, py, dx: m.dx, dy: m.dy, z: m.z, folded };
  };
  const evaluate = (px: number, py: number, refined = false): void => {
    cands.push(candidateAt(px, py, refined));
  };
  /** Period scales around `centre` (FINE_STEPS per axis), strongest pilot peak first. */
  const fineGrid = (centre: Candidate): Candidate[] => {
    const grid: Candidate[] = [];
    for (const ex of FINE_STEPS) {
      for (const ey of FINE_STEPS) {
        if (ex !== 0 || ey !== 0) grid.push(candidateAt(centre.px * (1 + ex), centre.py * (1 + ey), true));
      }
    }
    return grid.sort((a, b) => b.z - a.z);
  };
  for (const { px, py } of seeds) evaluate(px, py);
  cands.sort((a, b) => b.z - a.z);
  // Sharpen the leading candidates with the pilot (each refined one is a further candidate).
  for (const c of cands.slice(0, REFINED_CANDIDATES)) {
    const r = refineByHalves(img, w, h, c.px, c.py);
    if (r.ok) evaluate(r.px, r.py, true);
  }
  cands.sort((a, b) => b.z - a.z);
  // Every period at which a pilot peak was looked for counts as a test.
  const tried = sweep.length + cands.length;
  const shifts = FOLD_BINS * FOLD_BINS;
  const best = cands[0] as Candidate;
  const syncPValue = Math.min(1, shifts * tried * normalTail(best.z));
  // Decode the leading candidates, sharpened ones first (the pilot peak is broad in period, so the
  // highest peak is not always the most precise geometry); keep the first whose CRC passes.
  const decodeOrder = [...cands.filter((c) => c.refined), ...cands.filter((c) => !c.refined)];
  const chipsOf = (c: Candidate) => readChips(whitenFold(c.folded, READ_WHITENING), c.dx, c.dy);
  const decode = (c: Candidate) => readMessage(chipsOf(c));
  /** The first of `list` whose message passes its CRC, and how many were decoded to find it. */
  const firstPassing = (list: Candidate[]): { c: Candidate; r: ReturnType<typeof decode>; tried: number } | null => {
    for (let i = 0; i < list.length; i++) {
      const r = decode(list[i] as Candidate);
      if (r.crcOk) return { c: list[i] as Candidate, r, tried: i + 1 };
    }
    return null;
  };
  const attempts = Math.min(DECODE_ATTEMPTS, decodeOrder.length);
  // The CRC p-value counts every attempt of the first round, whether or not it was needed.
  let decodes = attempts;
  let chosen = decodeOrder[0] as Candidate;
  let read = decode(chosen);
  let hit = read.crcOk ? null : firstPassing(decodeOrder.slice(1, attempts));
  if (!read.crcOk && !hit && syncPValue < alpha) {
    const first = decodeOrder.slice(0, attempts);
    // The Viterbi path of each was checked in the first round; the rest of each list is new.
    decodes += first.length * (LIST_SIZE - 1);
    for (const c of first) {
      const r = readMessageList(chipsOf(c), LIST_SIZE);
      if (r.crcOk) {
        hit = { c, r, tried: 0 };
        break;
      }
    }
  }
  if (!read.crcOk && !hit && syncPValue < alpha) {
    hit = firstPassing(fineGrid(chosen));
    if (hit) decodes += hit.tried;
  }
  if (hit) {
    chosen = hit.c;
    read = hit.r;
  }
  // Every decode is a chance for a wrong message to pass the CRC.
  const crcPValue = read.crcOk ? Math.min(1, decodes * 2 ** -24) : 1;
  // Informed: the first round's geometries against the expected payloads.
  const matched = !read.crcOk && known.length > 0 ? matchPayloads(decodeOrder.slice(0, attempts), known) : null;
  const tests = matched ? 3 : 2;
  const pValue = Math.min(1, tests * Math.min(syncPValue, crcPValue, matched?.pValue ?? 1));
  const useMatch = matched !== null && tests * matched.pValue < alpha && matched.identityPValue < IDENTITY_ALPHA;
  if (useMatch) chosen = decodeOrder[matched.fold] as Candidate;
  const dx = useMatch ? matched.dx : chosen.dx;
  const dy = useMatch ? matched.dy : chosen.dy;
  const codedSoft = codedSoftValues(readChips(whitenFold(chosen.folded, READ_WHITENING), dx, dy));
  const result: DetectionResult = {
    found: pValue < alpha,
    bitAgreement: useMatch ? agreement(codedSoft, convEncode(messageBits(payloadToBits(matched.payload)))) : read.bitAgreement,
    pValue,
    confidence: 1 - pValue,
    framesUsed: acc.frames,
    crcOk: read.crcOk,
    syncZ: best.z,
    syncPValue,
    period: { x: chosen.px * factor, y: chosen.py * factor },
    offset: { x: dx, y: dy },
    codedSoft,
  };
  if (matched) {
    const { z, pValue: p, identityZ, identityPValue, candidates } = matched;
    result.match = { z, pValue: p, identityZ, identityPValue, candidates };
  }
  if (read.crcOk) {
    result.payload = read.payload;
    result.method = 'decoded';
  } else if (useMatch) {
    result.payload = matched.payload;
    result.method = 'matched';
  }
  return result;
}

/** Share of coded bits (unscrambled, as codedSoftValues reads them) whose soft value's sign agrees with `bits`. */
function agreement(soft: Float64Array, bits: Uint8Array): number {
  let agree = 0;
  for (let b = 0; b < bits.length; b++) if (((soft[b] as number) > 0 ? 1 : 0) === bits[b]) agree++;
  return agree / bits.length;
}

function isAsyncIterable(x: unknown): x is AsyncIterable<DetectFrame> {
  return typeof x === 'object' && x !== null && Symbol.asyncIterator in x;
}

/**
 * Looks for the mark in a stretch of video: decoded RGBA frames, or a file path (decoded with ffmpeg,
 * `start`/`duration` seconds, default the first 2 s).
 */
export async function detectWatermark(source: AsyncIterable<DetectFrame> | string, opts: DetectOptions = {}): Promise<DetectionResult> {
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const maxFrames = opts.maxFrames ?? Infinity;
  let acc: ResidualAccumulator | undefined;
  let factor = 1;
  if (isAsyncIterable(source)) {
    let size = '';
    for await (const fr of source) {
      if (!acc) {
        factor = detectionFactor(fr.width, fr.height);
        const l = lumaFromRgba(fr.rgba, fr.width, fr.height, factor);
        acc = new ResidualAccumulator(l.width, l.height);
        size = `${fr.width}x${fr.height}`;
        acc.add(l.luma);
      } else {
        if (`${fr.width}x${fr.height}` !== size) {
          throw new RushesError('E_INVALID', `detectWatermark: frame size changed from ${size} to ${fr.width}x${fr.height} within one stretch.`);
        }
        acc.add(lumaFromRgba(fr.rgba, fr.width, fr.height, factor).luma);
      }
      if (acc.frames >= maxFrames) break;
    }
  } else {
    await readGrayFrames(source, {
      start: opts.start ?? 0,
      duration: opts.duration ?? 2,
      factorFor: detectionFactor,
      ffmpegPath: opts.ffmpegPath,
      ffprobePath: opts.ffprobePath,
      maxFrames,
      onFrame: (luma, w, h, f) => {
        if (!acc) {
          acc = new ResidualAccumulator(w, h);
          factor = f;
        }
        acc.add(luma);
      },
    });
  }
  if (!acc) {
    return { found: false, bitAgreement: 0.5, pValue: 1, confidence: 0, framesUsed: 0, crcOk: false, syncZ: 0, syncPValue: 1 };
  }
  return analyseResidual(acc, factor, alpha, opts.knownPayloads);
}
