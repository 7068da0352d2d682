/**
 * `rushes verify FILE`: everything this machine can say about where a clip came from. The C2PA manifest
 * (valid, invalid with the reason, or absent), the invisible watermark (which survives the re-encodes,
 * crops and resizes that strip metadata), and the local job that made it when this install did.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { RushesError } from '@rushes/shared';
import { readC2pa, type C2paReport } from './c2pa';
import { detectWatermark, installHashOf, jobHashOf, payloadFor, type DetectionResult, type WatermarkPayload } from './watermark';
import { homePaths, readInstallId } from '../home';
import { sha256File } from '../media';

export type Verdict = 'marked' | 'unmarked' | 'tampered';

export interface WatermarkReport {
  checked: boolean;
  found: boolean;
  /** installHash and jobHash as 16 hex digits, when the message decoded or matched one of this install's jobs. */
  payload?: string;
  /**
   * 'decoded': read blind from the mark (works for any install's clips). 'matched': blind decoding read
   * no message, but the mark matched one of this install's jobs (informed detection, which holds through
   * heavier edits).
   */
  method?: 'decoded' | 'matched';
  /** How many of this install's jobs the mark was compared with (informed detection), when it was. */
  comparedWith?: number;
  /** The payload's install hash matches this install's id. */
  fromThisInstall?: boolean;
  bitAgreement?: number;
  pValue?: number;
  framesUsed?: number;
  note?: string;
}

export interface LocalJob {
  id: string;
  prompt: string;
  seed: number;
  createdAt: string;
  /** How the job was recognised. */
  matchedBy: 'c2pa' | 'sha256' | 'watermark';
}

export interface VerifyReport {
  file: string;
  verdict: Verdict;
  c2pa: C2paReport;
  watermark: WatermarkReport;
  localJob: LocalJob | null;
}

/**
 * How much of a clip verify reads for the watermark by default. Detection needs any 2 s (that is what the
 * benchmarks measure); the mark is the same in every frame, so a longer stretch only makes it surer, and
 * decoding at the detector's 360 lines is cheap. Shorter clips are read whole.
 */
export const DEFAULT_WATERMARK_SECONDS = 10;
export const MAX_WATERMARK_SECONDS = 60;

export interface VerifyOptions {
  home?: string;
  trustAnchors?: readonly string[];
  /** Where in the clip to look for the watermark (seconds), and for how long. Default 0 and DEFAULT_WATERMARK_SECONDS. */
  watermarkStart?: number;
  watermarkDuration?: number;
}

export async function verifyFile(file: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const target = path.resolve(file);
  if (!fs.existsSync(target)) throw new RushesError('E_INVALID', `${file} does not exist.`);
  const anchors = [...(opts.trustAnchors ?? [])];
  const localRoot = opts.home ? path.join(opts.home, 'provenance', 'root-ca.crt') : null;
  // This install's own root is a trust anchor for its own clips: "trusted" then means "made here".
  if (localRoot && fs.existsSync(localRoot)) anchors.push(fs.readFileSync(localRoot, 'utf8'));
  const c2pa = await readC2pa(target, { trustAnchors: anchors });
  const installId = opts.home ? readInstallId(opts.home) : null;
  const known = opts.home && installId ? localJobPayloads(opts.home, installId) : [];
  const watermark = await checkWatermark(target, opts, known);
  if (installId && watermark.found && watermark.payload) {
    watermark.fromThisInstall = parseInt(watermark.payload.slice(0, 8), 16) === installHashOf(installId);
  }
  const sha256 = fs.statSync(target).isFile() ? (await sha256File(target)).sha256 : null;
  const localJob = opts.home ? findLocalJob(opts.home, target, sha256, c2pa, watermark) : null;
  const verdict: Verdict = c2pa.status === 'invalid' ? 'tampered' : c2pa.status === 'valid' || watermark.found ? 'marked' : 'unmarked';
  return { file: target, verdict, c2pa, watermark, localJob };
}

async function checkWatermark(target: string, opts: VerifyOptions, known: readonly WatermarkPayload[]): Promise<WatermarkReport> {
  if (fs.statSync(target).isDirectory()) {
    return { checked: false, found: false, note: 'Watermark detection reads video files; for a PNG sequence the sidecar manifest is checked.' };
  }
  let r: DetectionResult;
  try {
    r = await detectWatermark(target, { start: opts.watermarkStart ?? 0, duration: opts.watermarkDuration ?? DEFAULT_WATERMARK_SECONDS, knownPayloads: known });
  } catch (e) {
    return { checked: false, found: false, note: `Could not decode the video for watermark detection: ${(e as Error).message}` };
  }
  return {
    checked: true,
    found: r.found,
    ...(r.payload ? { payload: r.payload.hex } : {}),
    ...(r.method ? { method: r.method } : {}),
    ...(r.match ? { comparedWith: r.match.candidates } : {}),
    bitAgreement: r.bitAgreement,
    pValue: r.pValue,
    framesUsed: r.framesUsed,
  };
}

/**
 * The payloads of this install's jobs, newest first, for informed detection: every state, since a job
 * that failed late (after encoding) may still have left a clip somewhere. Capped: each one costs about a
 * millisecond of matching; a clip from an older job can still be decoded blind, and the identity test
 * keeps it from being taken for one on the list (match.ts).
 */
export const MAX_KNOWN_JOBS = 10_000;

function localJobPayloads(home: string, installId: string): WatermarkPayload[] {
  const dbFile = homePaths(home).database;
  if (!fs.existsSync(dbFile)) return [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[number], { id: string }>('SELECT id FROM jobs ORDER BY seq DESC LIMIT ?').all(MAX_KNOWN_JOBS);
    return rows.map((r) => payloadFor({ installId, jobId: r.id }));
  } finally {
    db.close();
  }
}

interface JobRow {
  id: string;
  request: string;
  outputs: string;
  created_at: string;
}

/** Looks the clip up in this install's job database, read-only (a running daemon may hold it). */
function findLocalJob(home: string, target: string, sha256: string | null, c2pa: C2paReport, wm: WatermarkReport): LocalJob | null {
  const dbFile = homePaths(home).database;
  if (!fs.existsSync(dbFile)) return null;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const toJob = (row: JobRow, matchedBy: LocalJob['matchedBy']): LocalJob => {
      const req = JSON.parse(row.request) as { prompt: string; seed: number };
      return { id: row.id, prompt: req.prompt, seed: req.seed, createdAt: row.created_at, matchedBy };
    };
    const byId = db.prepare<[string], JobRow>('SELECT id, request, outputs, created_at FROM jobs WHERE id = ?');
    const jobId = c2pa.status === 'valid' ? c2pa.generation?.job.id : undefined;
    if (jobId) {
      const row = byId.get(jobId);
      if (row) return toJob(row, 'c2pa');
    }
    const done = db.prepare<[], JobRow>("SELECT id, request, outputs, created_at FROM jobs WHERE state = 'done' ORDER BY seq DESC").all();
    for (const row of done) {
      const outputs = JSON.parse(row.outputs) as { path: string; sha256: string }[];
      // The same bytes anywhere (a copy in a project folder), or the engine's own output folder.
      if (outputs.some((o) => (sha256 && o.sha256 === sha256) || path.resolve(o.path) === target)) return toJob(row, 'sha256');
    }
    if (wm.found && wm.payload) {
      const jobHash = parseInt(wm.payload.slice(8), 16);
      const row = done.find((r) => jobHashOf(r.id) === jobHash);
      if (row) return toJob(row, 'watermark');
    }
    return null;
  } finally {
    db.close();
  }
}

/** Exit codes `rushes verify` uses, so scripts can tell the three outcomes apart. */
export const VERIFY_EXIT: Record<Verdict, number> = { marked: 0, unmarked: 4, tampered: 5 };
