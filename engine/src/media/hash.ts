/** SHA-256 of outputs, streamed so that a multi-gigabyte ProRes file never sits in memory. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { probeSequence } from './probe';

export interface Digest {
  sha256: string;
  /** Bytes hashed: the file's size, or the sum of a sequence's frame files. */
  bytes: number;
}

export async function sha256File(file: string): Promise<Digest> {
  const hash = createHash('sha256');
  const bytes = await feed(hash, file);
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * SHA-256 of a sequence: its frames' bytes concatenated in frame order (what `Output.sha256` means for
 * png). `files` are names inside `folder` in order (as `probeSequence` lists them); read from the folder when omitted.
 */
export async function sha256Sequence(folder: string, files?: readonly string[]): Promise<Digest> {
  const names = files ?? (await probeSequence(folder)).files;
  const hash = createHash('sha256');
  let bytes = 0;
  for (const name of names) bytes += await feed(hash, path.resolve(folder, name));
  return { sha256: hash.digest('hex'), bytes };
}

async function feed(hash: Hash, file: string): Promise<number> {
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return bytes;
}
