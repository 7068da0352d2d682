/**
 * The claim signature: a COSE_Sign1 (RFC 9052) over the claim, as C2PA 2.x defines it.
 *
 * c2pa-wasm's signer hook hands us the claim bytes and expects the whole, tagged COSE_Sign1 back
 * ("direct COSE handling"); it does not pad it. c2pa-rs reserves `reserveSize` bytes for the signature
 * box before it hashes the asset, so the structure we return must be exactly that long, or every box
 * after it moves and the BMFF hash no longer matches (measured: `assertion.bmffHash.mismatch` on every
 * file until the signature was padded). The padding lives where C2PA puts it: a zero-filled `pad`
 * byte string in the unprotected header.
 *
 *   COSE_Sign1 = #6.18([ protected: bstr .cbor { 1: alg, 33: x5chain }, unprotected: { "pad": bstr },
 *                        payload: nil (detached: the claim), signature: bstr (r || s) ])
 */
import { sign as cryptoSign } from 'node:crypto';
import type * as CborX from 'cbor-x' with { 'resolution-mode': 'import' };
import type { SignerMaterial, SigningAlg } from '../keys';

const COSE_SIGN1_TAG = 18;
const HEADER_ALG = 1;
const HEADER_X5CHAIN = 33;

const ALGS: Record<SigningAlg, { cose: number; hash: string; sigBytes: number }> = {
  es256: { cose: -7, hash: 'sha256', sigBytes: 64 },
  es384: { cose: -35, hash: 'sha384', sigBytes: 96 },
};

// cbor-x ships CommonJS for Node, but TypeScript resolves its types to the ES module declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Encoder, Tag } = require('cbor-x') as typeof CborX;

// Plain CBOR: integer map keys stay integers, byte arrays are byte strings (no typed-array tags).
const encoder = new Encoder({ useRecords: false, mapsAsObjects: false, tagUint8Array: false, variableMapSize: true });
/** Encodes into a fresh array: cbor-x may hand back a view of a buffer it reuses on the next call. */
const encode = (value: unknown): Uint8Array => new Uint8Array(encoder.encode(value));

/** Room left for the pad's own header and a margin, on top of the unpadded structure. */
const PAD_MARGIN = 32;

function protectedHeader(signer: SignerMaterial): Uint8Array {
  const x5chain = signer.chain.map((c) => new Uint8Array(c.rawData));
  return encode(new Map<number, unknown>([
    [HEADER_ALG, ALGS[signer.alg].cose],
    [HEADER_X5CHAIN, x5chain],
  ]));
}

function encodeSign1(protectedBytes: Uint8Array, padLength: number, signature: Uint8Array): Uint8Array {
  const unprotected = new Map<string, unknown>([['pad', new Uint8Array(padLength)]]);
  return encode(new Tag([protectedBytes, unprotected, null, signature], COSE_SIGN1_TAG));
}

/** The exact size every signature from this signer will have (what to tell c2pa-wasm as reserveSize). */
export function signatureBoxSize(signer: SignerMaterial): number {
  const probe = encodeSign1(protectedHeader(signer), 0, new Uint8Array(ALGS[signer.alg].sigBytes));
  return probe.byteLength + PAD_MARGIN;
}

/** The to-be-signed Sig_structure of RFC 9052 section 4.4, with the claim as detached payload. */
export function sigStructure(protectedBytes: Uint8Array, claim: Uint8Array): Uint8Array {
  return encode(['Signature1', protectedBytes, new Uint8Array(0), claim]);
}

/** Signs `claim` and returns a COSE_Sign1 of exactly `size` bytes. */
export function signClaim(claim: Uint8Array, signer: SignerMaterial, size: number): Uint8Array {
  const alg = ALGS[signer.alg];
  const protectedBytes = protectedHeader(signer);
  // ECDSA as COSE wants it: the raw r || s, not DER.
  const signature = new Uint8Array(
    cryptoSign(alg.hash, sigStructure(protectedBytes, claim), { key: signer.key, dsaEncoding: 'ieee-p1363' }),
  );
  return padTo(size, (pad) => encodeSign1(protectedBytes, pad, signature));
}

/**
 * Finds the pad length that makes `build(pad)` exactly `size` bytes long. The pad's CBOR length
 * header grows at 24, 256 and 65536 bytes, so a first guess can miss by a byte or two: iterate.
 */
export function padTo(size: number, build: (pad: number) => Uint8Array): Uint8Array {
  let pad = Math.max(0, size - build(0).byteLength);
  for (let i = 0; i < 4; i++) {
    const out = build(pad);
    if (out.byteLength === size) return out;
    pad = Math.max(0, pad + size - out.byteLength);
  }
  // Unreachable sizes exist (a 23-byte pad has a 1-byte header, a 24-byte one a 2-byte header);
  // signatureBoxSize leaves a margin that keeps the pad well inside one header size.
  throw new Error(`Cannot pad the COSE signature to exactly ${size} bytes.`);
}
