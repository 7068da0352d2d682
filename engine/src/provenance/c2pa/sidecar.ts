/**
 * PNG sequences: one signed sidecar manifest store for the whole sequence, `<base>.c2pa` in the
 * sequence's folder (frames are `<base>.NNNNNN.png`), so it travels with the folder and sits next to
 * the frames it describes.
 *
 * Binding: the C2PA hard binding for a set of files, a collection data hash
 * (`c2pa.hash.collection.data`): every frame's file name (relative to the sidecar), SHA-256, size and
 * format. Changing, removing or adding a frame breaks it.
 *
 * Two compromises, both written down in docs/PROVENANCE.md:
 * - `uris` is written as c2pa-rs serialises and reads it (a map keyed by the relative file name); the
 *   2.1 specification's CDDL shows an array of entries carrying a `uri` field. Our reader accepts both.
 * - c2pa-wasm's builder takes assertions as JSON, which has no byte strings, so each `hash` is an array
 *   of byte values rather than a CBOR byte string. c2pa-rs (serde_bytes) decodes either.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { probeSequence } from '../../media/probe';
import type { SignerMaterial } from '../keys';
import { COLLECTION_HASH_LABEL, type ManifestDefinition } from './manifest';
import { signAsset } from './sign';

export const SIDECAR_EXTENSION = '.c2pa';
export const SIDECAR_MIME = 'application/c2pa';

/** The sidecar's name for a sequence whose frames are `<baseName>.NNNNNN.png`. */
export function sidecarName(baseName: string): string {
  return `${baseName}${SIDECAR_EXTENSION}`;
}

export interface CollectionEntry {
  hash: number[];
  size: number;
  'dc:format': string;
}

export async function sha256OfFile(file: string): Promise<{ hash: Buffer; size: number }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { hash: h.digest(), size };
}

/** The collection hash assertion's data for `files` (names inside `folder`). */
export async function collectionHash(folder: string, files: readonly string[]): Promise<{ alg: 'sha256'; uris: Record<string, CollectionEntry> }> {
  const uris: Record<string, CollectionEntry> = {};
  for (const name of files) {
    const { hash, size } = await sha256OfFile(path.join(folder, name));
    uris[name] = { hash: Array.from(hash), size, 'dc:format': 'image/png' };
  }
  return { alg: 'sha256', uris };
}

export interface SidecarResult {
  path: string;
  manifestBytes: number;
  frames: number;
}

/** Writes the signed sidecar for the PNG sequence in `folder`. */
export async function writeSequenceSidecar(folder: string, definition: ManifestDefinition, signer: SignerMaterial): Promise<SidecarResult> {
  const seq = await probeSequence(folder);
  const binding = await collectionHash(folder, seq.files);
  const full: ManifestDefinition = {
    ...definition,
    format: SIDECAR_MIME,
    assertions: [...definition.assertions, { label: COLLECTION_HASH_LABEL, data: binding }],
  };
  const store = await signAsset(full, SIDECAR_MIME, new Uint8Array(0), signer);
  const target = path.join(folder, sidecarName(seq.baseName));
  const staging = `${target}.tmp-${process.pid}`;
  try {
    await fs.writeFile(staging, store, { mode: 0o644 });
    await fs.rename(staging, target);
  } catch (e) {
    await fs.rm(staging, { force: true });
    throw e;
  }
  return { path: target, manifestBytes: store.byteLength, frames: seq.files.length };
}
