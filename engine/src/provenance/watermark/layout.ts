/**
 * What the watermark carries and where each bit lives in the tile.
 *
 * Payload (64 bits, MSB first):
 *   bits  0..31  installHash = first 4 bytes of SHA-256("rushes-wm/install\0" + installId)
 *   bits 32..63  jobHash     = first 4 bytes of SHA-256("rushes-wm/job\0" + jobId)
 * Message (88 bits) = payload + CRC-24/OpenPGP of the payload.
 * Coded (188 bits)  = rate-1/2, K=7 convolutional code of the message + 6 tail bits, XORed with a fixed
 *                     scrambling sequence.
 *
 * The tile is TILE_CHIPS x TILE_CHIPS chips (24 x 24 = 576). A fixed pseudo-random permutation gives
 * each chip a role: PILOT_CHIPS (168) chips carry a known +-1 sync pattern (found by correlation, it
 * tells the detector the tile's period and where the tile starts after a resize and a crop); the other
 * 408 chips carry the 188 coded bits, 2 or 3 chips per bit (chip k carries bit k mod 188), each chip
 * with its own pseudo-random sign. Nothing here is secret: any copy of Rushes must be able to read any
 * other copy's mark.
 */
import { createHash } from 'node:crypto';
import { CRC_BITS, codedLength, convEncode, crc24 } from './ecc';
import { mulberry32, shuffle } from './prng';

export const TILE_CHIPS = 24;
export const TILE_CHIP_COUNT = TILE_CHIPS * TILE_CHIPS;
export const PAYLOAD_BITS = 64;
export const MESSAGE_BITS = PAYLOAD_BITS + CRC_BITS;
export const CODED_BITS = codedLength(MESSAGE_BITS); // 188
export const PILOT_CHIPS = 168;

/** Data chips per coded bit, at least (some bits get one more). */
export const CHIPS_PER_BIT = Math.floor((TILE_CHIP_COUNT - PILOT_CHIPS) / CODED_BITS);

/** Seeds of the fixed layout: changing any of them makes every existing mark unreadable. */
const LAYOUT_SEED = 0x52555348; // "RUSH"
const SCRAMBLE_SEED = 0x574d4b31; // "WMK1"

export interface WatermarkPayload {
  installHash: number;
  jobHash: number;
  /** 16 hex digits: installHash then jobHash. */
  hex: string;
}

export interface TileLayout {
  /** Chip index of each pilot chip and its sign. */
  pilotChip: Int32Array;
  pilotSign: Int8Array;
  /** For each data chip: its chip index, the coded bit it carries, and its spreading sign. */
  dataChip: Int32Array;
  dataBit: Int32Array;
  dataSign: Int8Array;
  /** XOR mask applied to the coded bits. */
  scramble: Uint8Array;
}

let cachedLayout: TileLayout | undefined;

export function tileLayout(): TileLayout {
  if (cachedLayout) return cachedLayout;
  const rand = mulberry32(LAYOUT_SEED);
  const order = shuffle(Int32Array.from({ length: TILE_CHIP_COUNT }, (_, i) => i), rand);
  const sign = (): 1 | -1 => (rand() < 0.5 ? -1 : 1);
  const pilotChip = order.slice(0, PILOT_CHIPS);
  const pilotSign = Int8Array.from(pilotChip, () => sign());
  const dataChip = order.slice(PILOT_CHIPS);
  const dataBit = Int32Array.from(dataChip, (_, k) => k % CODED_BITS);
  const dataSign = Int8Array.from(dataChip, () => sign());
  const srand = mulberry32(SCRAMBLE_SEED);
  const scramble = Uint8Array.from({ length: CODED_BITS }, () => (srand() < 0.5 ? 0 : 1));
  cachedLayout = { pilotChip, pilotSign, dataChip, dataBit, dataSign, scramble };
  return cachedLayout;
}

function hash32(domain: string, value: string): number {
  return createHash('sha256').update(`rushes-wm/${domain}\0${value}`).digest().readUInt32BE(0);
}

export function makePayload(installHash: number, jobHash: number): WatermarkPayload {
  const hex = (installHash >>> 0).toString(16).padStart(8, '0') + (jobHash >>> 0).toString(16).padStart(8, '0');
  return { installHash: installHash >>> 0, jobHash: jobHash >>> 0, hex };
}

/** The payload a job's frames carry. */
export function payloadFor(identity: { installId: string; jobId: string }): WatermarkPayload {
  return makePayload(hash32('install', identity.installId), hash32('job', identity.jobId));
}

/** The hash a job id maps to, so `rushes verify` can find the local job a mark came from. */
export function jobHashOf(jobId: string): number {
  return hash32('job', jobId);
}

export function installHashOf(installId: string): number {
  return hash32('install', installId);
}

export function payloadToBits(p: WatermarkPayload): Uint8Array {
  const bits = new Uint8Array(PAYLOAD_BITS);
  for (let i = 0; i < 32; i++) {
    bits[i] = (p.installHash >>> (31 - i)) & 1;
    bits[32 + i] = (p.jobHash >>> (31 - i)) & 1;
  }
  return bits;
}

export function bitsToPayload(bits: ArrayLike<number>): WatermarkPayload {
  let a = 0;
  let b = 0;
  for (let i = 0; i < 32; i++) {
    a = ((a << 1) | ((bits[i] as number) & 1)) >>> 0;
    b = ((b << 1) | ((bits[32 + i] as number) & 1)) >>> 0;
  }
  return makePayload(a, b);
}

/**
 * The message the code carries: the install hash and job hash bits interleaved (install bit i, then job
 * bit i), then the CRC-24 of the payload (MSB first). Interleaved because the convolutional code's output
 * at each step depends on the last 7 message bits: with the install hash first, the first 64 coded bits
 * depended on it alone and were the same for every job of an install (a third of the data chips), which
 * is what matching a clip to one of the install's jobs cannot use. Interleaved, only the first coded pair
 * is (INSTALL_CODED_BITS in match.ts).
 */
export function messageBits(payloadBits: ArrayLike<number>): Uint8Array {
  const msg = new Uint8Array(MESSAGE_BITS);
  for (let i = 0; i < 32; i++) {
    msg[2 * i] = payloadBits[i] as number;
    msg[2 * i + 1] = payloadBits[32 + i] as number;
  }
  const crc = crc24(payloadBits);
  for (let i = 0; i < CRC_BITS; i++) msg[PAYLOAD_BITS + i] = (crc >>> (CRC_BITS - 1 - i)) & 1;
  return msg;
}

/** The payload bits (install hash, then job hash) of a message laid out by messageBits. */
export function payloadBitsOfMessage(msg: ArrayLike<number>): Uint8Array {
  const bits = new Uint8Array(PAYLOAD_BITS);
  for (let i = 0; i < 32; i++) {
    bits[i] = msg[2 * i] as number;
    bits[32 + i] = msg[2 * i + 1] as number;
  }
  return bits;
}

/** The scrambled coded bits (0/1) for a payload. */
export function codedBits(p: WatermarkPayload): Uint8Array {
  const coded = convEncode(messageBits(payloadToBits(p)));
  const { scramble } = tileLayout();
  for (let i = 0; i < coded.length; i++) coded[i] = (coded[i] as number) ^ (scramble[i] as number);
  return coded;
}

/** +-1 value of every chip of the tile (row-major, TILE_CHIPS x TILE_CHIPS) for a payload. */
export function chipValues(p: WatermarkPayload): Float32Array {
  const layout = tileLayout();
  const coded = codedBits(p);
  const chips = new Float32Array(TILE_CHIP_COUNT);
  for (let k = 0; k < layout.pilotChip.length; k++) chips[layout.pilotChip[k] as number] = layout.pilotSign[k] as number;
  for (let k = 0; k < layout.dataChip.length; k++) {
    const bit = coded[layout.dataBit[k] as number] as number;
    chips[layout.dataChip[k] as number] = (bit ? 1 : -1) * (layout.dataSign[k] as number);
  }
  return chips;
}

/** Chip values of the pilot alone (data chips 0): the sync template. */
export function pilotChipValues(): Float32Array {
  const layout = tileLayout();
  const chips = new Float32Array(TILE_CHIP_COUNT);
  for (let k = 0; k < layout.pilotChip.length; k++) chips[layout.pilotChip[k] as number] = layout.pilotSign[k] as number;
  return chips;
}
