/**
 * MP4 and MOV: the signed manifest goes inside the file, in the top-level `uuid` box C2PA defines for
 * BMFF (user type d8fec3d6-1b0e-483c-9297-5828877ec481), bound by a `c2pa.hash.bmff.v3` hash.
 *
 * c2pa-wasm works on whole files in memory (input and output both live in the WASM heap), so a file is
 * refused above MAX_EMBED_BYTES with a clear error rather than failing deep inside the WASM module.
 */
import fs from 'node:fs/promises';
import { RushesError } from '@rushes/shared';
import type { SignerMaterial } from '../keys';
import type { ManifestDefinition } from './manifest';
import { signAsset } from './sign';

/**
 * WASM32 heaps stop at 4 GiB and c2pa-rs holds the source and the output at once. Measured: a 613 MB
 * ProRes file signed with a peak process RSS of 3.2 GB (about 5x the file, of which roughly 3x in the
 * WASM heap); 768 MiB keeps the heap well under the ceiling.
 */
export const MAX_EMBED_BYTES = 768 * 1024 * 1024;

export interface EmbedResult {
  /** Bytes the manifest added to the file (the uuid box). */
  manifestBytes: number;
}

/** Rewrites `file` in place (temporary file + rename) with the signed manifest embedded. */
export async function embedInBmff(file: string, mimeType: string, definition: ManifestDefinition, signer: SignerMaterial): Promise<EmbedResult> {
  const stat = await fs.stat(file);
  if (stat.size > MAX_EMBED_BYTES) {
    throw new RushesError(
      'E_UNSUPPORTED',
      `Cannot embed C2PA in ${file}: it is ${Math.round(stat.size / 2 ** 20)} MiB and the C2PA signer handles files up to ${MAX_EMBED_BYTES / 2 ** 20} MiB. Make a shorter clip, or use mp4 (H.264) rather than ProRes.`,
    );
  }
  const source: Uint8Array = await fs.readFile(file); // a Buffer is a Uint8Array: no copy
  const signed = await signAsset(definition, mimeType, source, signer);
  const staging = `${file}.c2pa-${process.pid}`;
  try {
    await fs.writeFile(staging, signed, { mode: stat.mode & 0o777 });
    await fs.rename(staging, file);
  } catch (e) {
    await fs.rm(staging, { force: true });
    throw e;
  }
  return { manifestBytes: signed.byteLength - source.byteLength };
}
