/**
 * The queue as the panel sees it: one entry per job this panel submitted, updated from the engine's
 * notifications (pure reducers), and the rows the queue view shows.
 */
import type { Job, JobState, NotificationParams, Output } from '@rushes/shared';
import type { EditMode } from '../host/place';
import { describeError, type ErrorContext, type ErrorInfo } from './errors';

export type Placement = 'waiting' | 'placing' | 'placed' | 'failed' | 'elsewhere';

export interface JobEntry {
  jobId: string;
  prompt: string;
  seed: number | null;
  generator: string | null;
  mode: EditMode;
  /** The project the clip is for (history and placement go there). */
  projectKey: string;
  state: JobState;
  progress: number;
  etaSeconds: number | null;
  message: string;
  outputs: Output[];
  error: ErrorInfo | null;
  placement: Placement;
  placedTrack: number | null;
  placementError: ErrorInfo | null;
}

const FINAL: readonly JobState[] = ['done', 'failed', 'cancelled'];
export const isFinal = (s: JobState): boolean => FINAL.includes(s);

export function entryFromJob(job: Job, projectKey: string, mode: EditMode): JobEntry {
  return applyJob(
    {
      jobId: job.id,
      prompt: job.request.prompt,
      seed: job.request.seed,
      generator: job.request.generator,
      mode,
      projectKey,
      state: job.state,
      progress: 0,
      etaSeconds: null,
      message: '',
      outputs: [],
      error: null,
      placement: 'waiting',
      placedTrack: null,
      placementError: null,
    },
    job,
  );
}

/** Folds a full job snapshot (submit result, subscribe, resync) into an entry. */
export function applyJob(entry: JobEntry, job: Job): JobEntry {
  return {
    ...entry,
    seed: job.request.seed,
    generator: job.request.generator,
    state: job.state,
    progress: job.progress,
    etaSeconds: job.etaSeconds,
    message: job.message,
    outputs: job.outputs,
    error: job.error ? { code: job.error.code, message: job.error.message, details: job.error.rule ? { rule: job.error.rule } : undefined } : null,
  };
}

export function applyProgress(entry: JobEntry, p: NotificationParams<'jobs.progress'>): JobEntry {
  // A late progress note must not move a finished job back.
  if (isFinal(entry.state)) return entry;
  return { ...entry, state: p.state, progress: p.progress, etaSeconds: p.etaSeconds, message: p.message };
}

export function applyFinished(entry: JobEntry, f: NotificationParams<'jobs.finished'>): JobEntry {
  return {
    ...entry,
    state: f.state,
    progress: f.state === 'done' ? 1 : entry.progress,
    etaSeconds: null,
    outputs: f.outputs,
    error: f.error ? { code: f.error.code, message: f.error.message, details: f.error.rule ? { rule: f.error.rule } : undefined } : null,
  };
}

/** The output Premiere should import: an MP4, else a ProRes MOV; image sequences are not placed. */
export function placeableOutput(outputs: readonly Output[]): Output | null {
  return outputs.find((o) => o.format === 'mp4') ?? outputs.find((o) => o.format === 'prores') ?? null;
}

export interface JobRowView {
  jobId: string;
  title: string;
  status: string;
  /** 0 to 100. */
  percent: number;
  eta: string;
  posterPath: string | null;
  canCancel: boolean;
  /** A finished clip that is not in the timeline yet and can be placed by hand. */
  canPlace: boolean;
  tone: 'active' | 'done' | 'error';
}

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  if (seconds < 60) return `about ${Math.round(seconds)} s left`;
  if (seconds < 3600) return `about ${Math.round(seconds / 60)} min left`;
  return `about ${Math.round(seconds / 360) / 10} h left`;
}

export function jobRow(entry: JobEntry, ctx: ErrorContext = {}): JobRowView {
  const percent = Math.round(Math.max(0, Math.min(1, entry.progress)) * 100);
  const base = {
    jobId: entry.jobId,
    title: entry.prompt,
    percent,
    posterPath: null as string | null,
    eta: '',
    canCancel: !isFinal(entry.state),
    canPlace: false,
  };
  switch (entry.state) {
    case 'queued':
      return { ...base, status: 'Queued', tone: 'active' };
    case 'running':
      return { ...base, status: `Generating ${percent}%`, eta: formatEta(entry.etaSeconds), tone: 'active' };
    case 'encoding':
      return { ...base, status: 'Encoding', eta: formatEta(entry.etaSeconds), tone: 'active' };
    case 'cancelled':
      return { ...base, status: 'Cancelled', tone: 'error' };
    case 'failed':
      return { ...base, status: entry.error ? describeError(entry.error, ctx) : 'Failed.', tone: 'error' };
    case 'done': {
      const poster = placeableOutput(entry.outputs)?.posterPath ?? entry.outputs[0]?.posterPath ?? null;
      const done = { ...base, percent: 100, posterPath: poster };
      switch (entry.placement) {
        case 'placed':
          return { ...done, status: `In the timeline on V${(entry.placedTrack ?? 0) + 1}`, tone: 'done' };
        case 'placing':
        case 'waiting':
          return { ...done, status: 'Placing in the timeline…', tone: 'active' };
        case 'elsewhere':
          return { ...done, status: 'Ready: open its project, then press Place.', canPlace: true, tone: 'active' };
        case 'failed':
          return {
            ...done,
            status: entry.placementError ? describeError(entry.placementError, ctx) : 'Could not place the clip.',
            canPlace: true,
            tone: 'error',
          };
      }
    }
  }
  return { ...base, status: entry.message, tone: 'active' };
}
