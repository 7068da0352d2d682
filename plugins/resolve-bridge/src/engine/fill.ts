/**
 * Fill: the marked gaps of the current timeline become generated clips. Reads the targets from Resolve,
 * asks the engine for one clip per target (at the timeline's rate and size, one idempotency key per
 * marker so a retry never makes a second clip), waits for them, and places them. Generate-at-playhead is
 * the same path with a single target. Runs where the Resolve object and the engine connection live: the
 * plugin's Electron main process, or Node in tests.
 */
import { createHash } from 'node:crypto';
import type { EngineClient, GenerationRequest, Job, NotificationParams, Output, OutputFormat } from '@rushes/shared';
import {
  placeClips,
  readPlayheadTarget,
  scanMarkers,
  type FillTarget,
  type PlaceResult,
  type PlayheadRequest,
  type ResolveApi,
  type ScanOptions,
  type SkippedMarker,
  type TimelineInfo,
} from '../host';

export interface GenerateOptions {
  /** Engine generator id; the engine's default when omitted. */
  generator?: string;
  /** What to place. Default mp4 (H.264), the format every Resolve edition decodes. */
  format?: Extract<OutputFormat, 'mp4' | 'prores'>;
  /** Progress for the UI. */
  onEvent?: (event: FillEvent) => void;
  /** Stop waiting (jobs keep running in the engine; a later Fill picks them up by idempotency key). */
  signal?: AbortSignal;
}

export type FillEvent =
  | { type: 'targets'; timeline: TimelineInfo; targets: FillTarget[]; skipped: SkippedMarker[] }
  | { type: 'submitted'; target: FillTarget; jobId: string; deduplicated: boolean }
  | { type: 'progress'; target: FillTarget; jobId: string; state: string; progress: number; message: string }
  | { type: 'rendered'; target: FillTarget; jobId: string; ok: boolean; error?: string }
  | { type: 'placed'; target: FillTarget; result: PlaceResult };

export interface TargetOutcome {
  target: FillTarget;
  jobId: string | null;
  /** Seed the engine used. */
  seed: number | null;
  output: Output | null;
  placed: PlaceResult | null;
  /** Why it did not land, when it did not. */
  error: string | null;
}

export interface FillReport {
  timeline: TimelineInfo | null;
  outcomes: TargetOutcome[];
  skipped: SkippedMarker[];
}

/** One key per marker and request: re-running Fill on the same markers reuses the engine's jobs. */
export function idempotencyKey(target: FillTarget, generator: string | undefined, format: string): string {
  const h = createHash('sha256')
    .update(JSON.stringify([target.key, target.recordFrame, target.duration, target.fps, target.width, target.height, target.prompt, generator ?? '', format]))
    .digest('hex')
    .slice(0, 32);
  return `resolve:${h}`;
}

export function requestFor(target: FillTarget, options: Pick<GenerateOptions, 'generator' | 'format'> = {}): GenerationRequest {
  const req: GenerationRequest = {
    prompt: target.prompt.slice(0, 2000),
    frames: target.duration,
    fps: target.fps,
    width: target.width,
    height: target.height,
    formats: [options.format ?? 'mp4'],
    name: (target.label || target.prompt).slice(0, 80),
    startTimecode: target.timecode,
  };
  if (options.generator) req.generator = options.generator;
  return req;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Submits one job per target and resolves when every job has reached a final state. Listens before it
 * subscribes, and takes the state `jobs.subscribe` returns, so a job that finished in between is not missed.
 */
export async function renderTargets(client: EngineClient, targets: readonly FillTarget[], options: GenerateOptions = {}): Promise<Map<FillTarget, { jobId: string | null; job: Job | null; error: string | null }>> {
  const format = options.format ?? 'mp4';
  const results = new Map<FillTarget, { jobId: string | null; job: Job | null; error: string | null }>();
  const byJob = new Map<string, FillTarget>();
  const waiting = new Map<string, (job: Job | null, error: string | null) => void>();
  const finals = new Map<string, NotificationParams<'jobs.finished'>>();

  const finish = (jobId: string, fin: NotificationParams<'jobs.finished'>) => {
    finals.set(jobId, fin);
    const done = waiting.get(jobId);
    if (done) {
      waiting.delete(jobId);
      void client
        .call('jobs.get', { jobId })
        .then((job) => done(job, null))
        .catch((e) => done(null, describe(e)));
    }
  };
  const offFinished = client.on('jobs.finished', (p) => finish(p.jobId, p));
  const offProgress = client.on('jobs.progress', (p) => {
    const target = byJob.get(p.jobId);
    if (target) options.onEvent?.({ type: 'progress', target, jobId: p.jobId, state: p.state, progress: p.progress, message: p.message });
  });
  // After a reconnect the client re-subscribes and reports where each job stands: settle the finished ones.
  const offResync = client.on('resync', (jobs) => {
    for (const j of jobs) {
      const done = waiting.get(j.id);
      if (done && (j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')) {
        waiting.delete(j.id);
        done(j, null);
      }
    }
  });

  try {
    const pending: Array<Promise<void>> = [];
    for (const target of targets) {
      let jobId: string;
      try {
        const res = await client.call('jobs.submit', { request: requestFor(target, options), idempotencyKey: idempotencyKey(target, options.generator, format) });
        jobId = res.jobId;
        byJob.set(jobId, target);
        options.onEvent?.({ type: 'submitted', target, jobId, deduplicated: res.deduplicated });
      } catch (e) {
        results.set(target, { jobId: null, job: null, error: describe(e) });
        options.onEvent?.({ type: 'rendered', target, jobId: '', ok: false, error: describe(e) });
        continue;
      }
      pending.push(
        new Promise<void>((resolve) => {
          const done = (job: Job | null, error: string | null) => {
            results.set(target, { jobId, job, error });
            const ok = job?.state === 'done';
            options.onEvent?.({ type: 'rendered', target, jobId, ok, error: ok ? undefined : error ?? job?.error?.message ?? `job ${job?.state ?? 'lost'}` });
            resolve();
          };
          waiting.set(jobId, done);
          if (finals.has(jobId)) finish(jobId, finals.get(jobId)!);
          options.signal?.addEventListener('abort', () => {
            if (waiting.delete(jobId)) done(null, 'Stopped waiting; the job keeps running in the engine.');
          });
        }),
      );
    }
    const ids = [...byJob.keys()];
    if (ids.length) {
      // Catch up on jobs that were already final (deduplicated, or finished before we subscribed).
      const current = await client.subscribe(ids);
      for (const j of current) {
        if (j.state === 'done' || j.state === 'failed' || j.state === 'cancelled') {
          const done = waiting.get(j.id);
          if (done) {
            waiting.delete(j.id);
            done(j, null);
          }
        }
      }
    }
    await Promise.all(pending);
    return results;
  } finally {
    offFinished();
    offProgress();
    offResync();
  }
}

function pickOutput(job: Job | null, format: string): Output | null {
  if (!job || job.state !== 'done') return null;
  return job.outputs.find((o) => o.format === format) ?? null;
}

/** Renders the targets and places every clip that rendered. */
export async function generateAndPlace(resolve: ResolveApi, client: EngineClient, targets: readonly FillTarget[], options: GenerateOptions = {}): Promise<TargetOutcome[]> {
  const format = options.format ?? 'mp4';
  const rendered = await renderTargets(client, targets, options);
  const outcomes: TargetOutcome[] = targets.map((target) => {
    const r = rendered.get(target);
    const output = pickOutput(r?.job ?? null, format);
    const error = output ? null : r?.error ?? r?.job?.error?.message ?? (r?.job ? `The engine gave no ${format} output (job ${r.job.state}).` : 'Not rendered.');
    return { target, jobId: r?.jobId ?? null, seed: r?.job?.request.seed ?? null, output, placed: null, error };
  });
  const ready = outcomes.filter((o) => o.output);
  if (!ready.length) return outcomes;
  const results = await placeClips(
    resolve,
    ready.map((o) => ({
      path: o.output!.path,
      recordFrame: o.target.recordFrame,
      // Never ask for more frames than the file has: endFrame past the media fails the append.
      frames: Math.min(o.target.duration, o.output!.frameCount),
      prompt: o.target.prompt,
      ...(o.seed !== null ? { seed: o.seed } : {}),
      ...(o.jobId ? { jobId: o.jobId } : {}),
      markerFrame: o.target.markerFrame,
    })),
  );
  ready.forEach((o, i) => {
    const r = results[i]!;
    o.placed = r;
    if (!r.ok) o.error = r.error.message;
    options.onEvent?.({ type: 'placed', target: o.target, result: r });
  });
  return outcomes;
}

/** Fill every tagged marker of the current timeline. */
export async function fillMarkers(resolve: ResolveApi, client: EngineClient, options: GenerateOptions & ScanOptions = {}): Promise<FillReport> {
  const scan = await scanMarkers(resolve, options);
  options.onEvent?.({ type: 'targets', timeline: scan.timeline, targets: scan.targets, skipped: scan.skipped });
  const outcomes = scan.targets.length ? await generateAndPlace(resolve, client, scan.targets, options) : [];
  return { timeline: scan.timeline, outcomes, skipped: scan.skipped };
}

/** Generate one clip at the playhead. */
export async function generateAtPlayhead(resolve: ResolveApi, client: EngineClient, request: PlayheadRequest, options: GenerateOptions = {}): Promise<TargetOutcome> {
  const target = await readPlayheadTarget(resolve, request);
  const [outcome] = await generateAndPlace(resolve, client, [target], options);
  return outcome!;
}
