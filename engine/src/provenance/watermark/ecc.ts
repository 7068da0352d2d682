/**
 * Error correction for the watermark message: a CRC-24 check over the 64 payload bits, then a
 * terminated rate-1/2 convolutional code (constraint length 7, generators 133/171 octal, the code of
 * 802.11 and DVB) decoded with a soft-decision Viterbi decoder.
 *
 * The CRC is also the detector's second, distribution-free test: a decode of an unmarked video
 * passes it with probability 2^-24 (the coded bits are scrambled with a fixed sequence, so a flat or
 * structured input does not decode to the all-zero codeword).
 */
export const CRC_BITS = 24;
const CRC24_POLY = 0x864cfb; // CRC-24/OpenPGP
const CRC24_INIT = 0xb704ce;

const K = 7; // constraint length
const STATES = 1 << (K - 1);
const G0 = 0o133;
const G1 = 0o171;

/** CRC-24/OpenPGP of a bit string (MSB-first bytes; the length must be a multiple of 8). */
export function crc24(bits: ArrayLike<number>): number {
  let crc = CRC24_INIT;
  for (let i = 0; i < bits.length; i++) {
    const bit = (bits[i] as number) & 1;
    const top = (crc >>> 23) & 1;
    crc = (crc << 1) & 0xffffff;
    if (top ^ bit) crc ^= CRC24_POLY;
  }
  return crc;
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/** Output pair of the encoder for (register state, input bit). State holds the last K-1 inputs. */
function branchOutputs(state: number, bit: number): [number, number] {
  const reg = (bit << (K - 1)) | state; // newest bit at the top
  return [parity(reg & G0), parity(reg & G1)];
}

/** Appends K-1 zero tail bits and encodes: 2 * (bits.length + 6) coded bits. */
export function convEncode(bits: ArrayLike<number>): Uint8Array {
  const n = bits.length + K - 1;
  const out = new Uint8Array(2 * n);
  let state = 0;
  for (let i = 0; i < n; i++) {
    const b = i < bits.length ? (bits[i] as number) & 1 : 0;
    const [o0, o1] = branchOutputs(state, b);
    out[2 * i] = o0;
    out[2 * i + 1] = o1;
    state = ((b << (K - 2)) | (state >>> 1)) & (STATES - 1);
  }
  return out;
}

/** Number of coded bits for a message of `messageBits` bits. */
export function codedLength(messageBits: number): number {
  return 2 * (messageBits + K - 1);
}

/**
 * Soft-decision Viterbi decoding of a terminated code. `soft[i]` > 0 favours coded bit 1, < 0 bit 0;
 * its magnitude is the confidence. Returns the `messageBits` most likely message bits.
 */
export function viterbiDecode(soft: ArrayLike<number>, messageBits: number): Uint8Array {
  const steps = messageBits + K - 1;
  if (soft.length !== 2 * steps) throw new Error(`viterbiDecode: expected ${2 * steps} soft values, got ${soft.length}`);
  const NEG = -1e300;
  let metric = new Float64Array(STATES).fill(NEG);
  let next = new Float64Array(STATES);
  metric[0] = 0;
  // survivor[step * STATES + state] = previous state (the input bit is recoverable from the state)
  const survivor = new Int16Array(steps * STATES);
  const outs: Array<[number, number]> = [];
  for (let s = 0; s < STATES; s++) {
    outs.push(branchOutputs(s, 0), branchOutputs(s, 1));
  }
  for (let t = 0; t < steps; t++) {
    next.fill(NEG);
    const s0 = soft[2 * t] as number;
    const s1 = soft[2 * t + 1] as number;
    const maxBit = t < messageBits ? 1 : 0; // tail bits are zero
    for (let s = 0; s < STATES; s++) {
      const m = metric[s] as number;
      if (m === NEG) continue;
      for (let b = 0; b <= maxBit; b++) {
        const o = outs[2 * s + b] as [number, number];
        const bm = (o[0] ? s0 : -s0) + (o[1] ? s1 : -s1);
        const ns = ((b << (K - 2)) | (s >>> 1)) & (STATES - 1);
        const cand = m + bm;
        if (cand > (next[ns] as number)) {
          next[ns] = cand;
          survivor[t * STATES + ns] = s;
        }
      }
    }
    const tmp = metric;
    metric = next;
    next = tmp;
  }
  // Terminated: trace back from state 0.
  const bits = new Uint8Array(steps);
  let state = 0;
  for (let t = steps - 1; t >= 0; t--) {
    bits[t] = (state >>> (K - 2)) & 1; // the input bit entered at the top of the register
    state = survivor[t * STATES + state] as number;
  }
  return bits.slice(0, messageBits);
}

/**
 * List Viterbi (the parallel list Viterbi algorithm): the `listSize` most likely messages of a
 * terminated code, best first, all distinct. Each state keeps its `listSize` best paths; at each step
 * a state's list is the best `listSize` of the 2 x `listSize` extensions of its two predecessors' lists.
 * With a CRC, the first candidate that passes is the decode ("CRC-aided list decoding"): it recovers
 * messages a single Viterbi path gets a few bits wrong, at the price of `listSize` CRC checks.
 */
export function listViterbiDecode(soft: ArrayLike<number>, messageBits: number, listSize: number): Uint8Array[] {
  const steps = messageBits + K - 1;
  if (soft.length !== 2 * steps) throw new Error(`listViterbiDecode: expected ${2 * steps} soft values, got ${soft.length}`);
  const L = Math.max(1, Math.floor(listSize));
  const NEG = -Infinity;
  let metric = new Float64Array(STATES * L).fill(NEG);
  let next = new Float64Array(STATES * L);
  metric[0] = 0;
  // For (step, state, rank): the predecessor state and its rank.
  const prevState = new Int16Array(steps * STATES * L);
  const prevRank = new Int16Array(steps * STATES * L);
  const cand: Array<{ m: number; s: number; r: number }> = [];
  for (let t = 0; t < steps; t++) {
    next.fill(NEG);
    const s0 = soft[2 * t] as number;
    const s1 = soft[2 * t + 1] as number;
    const tail = t >= messageBits; // tail bits are zero
    for (let ns = 0; ns < STATES; ns++) {
      const b = (ns >>> (K - 2)) & 1; // the input bit that leads into ns
      if (tail && b === 1) continue;
      cand.length = 0;
      // Predecessors of ns: s with ((b << (K-2)) | (s >>> 1)) === ns, i.e. s = ((ns << 1) & mask) | low.
      for (let low = 0; low <= 1; low++) {
        const s = ((ns << 1) & (STATES - 1)) | low;
        const o = branchOutputs(s, b);
        const bm = (o[0] ? s0 : -s0) + (o[1] ? s1 : -s1);
        for (let r = 0; r < L; r++) {
          const m = metric[s * L + r] as number;
          if (m === NEG) break; // each list is sorted, best first
          cand.push({ m: m + bm, s, r });
        }
      }
      cand.sort((x, y) => y.m - x.m);
      const n = Math.min(L, cand.length);
      for (let r = 0; r < n; r++) {
        const c = cand[r]!;
        const at = (t * STATES + ns) * L + r;
        next[ns * L + r] = c.m;
        prevState[at] = c.s;
        prevRank[at] = c.r;
      }
    }
    const tmp = metric;
    metric = next;
    next = tmp;
  }
  const out: Uint8Array[] = [];
  for (let r0 = 0; r0 < L; r0++) {
    if ((metric[r0] as number) === NEG) break;
    const bits = new Uint8Array(steps);
    let state = 0;
    let rank = r0;
    for (let t = steps - 1; t >= 0; t--) {
      bits[t] = (state >>> (K - 2)) & 1;
      const at = (t * STATES + state) * L + rank;
      state = prevState[at] as number;
      rank = prevRank[at] as number;
    }
    out.push(bits.slice(0, messageBits));
  }
  return out;
}
