/**
 * History: the clips Rushes placed in this project, newest first, kept per project so each project
 * shows its own. Stored as JSON in the panel's key-value storage.
 */
import type { Rational } from '@rushes/shared';

export interface HistoryEntry {
  jobId: string;
  prompt: string;
  seed: number;
  generator: string | null;
  path: string;
  posterPath: string | null;
  fps: Rational;
  frameCount: number;
  durationSeconds: number;
  sequenceName: string;
  videoTrackIndex: number;
  /** ISO 8601. */
  placedAt: string;
}

export const HISTORY_LIMIT = 200;

export function historyKey(projectKey: string): string {
  return `rushes.history.v1.${projectKey}`;
}

/** Adds (or refreshes) an entry, newest first, at most HISTORY_LIMIT. */
export function addToHistory(list: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...list.filter((e) => e.jobId !== entry.jobId)].slice(0, HISTORY_LIMIT);
}

/** Parses stored history, dropping anything malformed rather than failing the panel. */
export function parseHistory(text: string | null): HistoryEntry[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.filter(isEntry).slice(0, HISTORY_LIMIT);
}

function isEntry(v: unknown): v is HistoryEntry {
  if (!v || typeof v !== 'object') return false;
  const e = v as Record<string, unknown>;
  const fps = e.fps as Record<string, unknown> | undefined;
  return (
    typeof e.jobId === 'string' &&
    typeof e.prompt === 'string' &&
    typeof e.seed === 'number' &&
    typeof e.path === 'string' &&
    typeof e.frameCount === 'number' &&
    typeof e.durationSeconds === 'number' &&
    typeof e.placedAt === 'string' &&
    !!fps &&
    typeof fps.num === 'number' &&
    typeof fps.den === 'number'
  );
}

export interface HistoryRowView {
  jobId: string;
  title: string;
  detail: string;
  posterPath: string | null;
}

export function historyRow(e: HistoryEntry): HistoryRowView {
  const secs = Math.round(e.durationSeconds * 10) / 10;
  return {
    jobId: e.jobId,
    title: e.prompt,
    detail: `seed ${e.seed} · ${secs} s · V${e.videoTrackIndex + 1} in ${e.sequenceName}`,
    posterPath: e.posterPath,
  };
}
