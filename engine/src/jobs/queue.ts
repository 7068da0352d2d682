/**
 * The scheduler: takes queued jobs from the store in order, runs up to N at once, turns pipeline
 * progress into throttled progress events, and owns every state change of a running job. Listeners
 * (the socket server) are told of a change only after the store committed it.
 */
import { EventEmitter } from 'node:events';
import {
  RushesError,
  isFinalState,
  type GenerationRequest,
  type Job,
  type JobState,
} from '@rushes/shared';
import { JobStore } from './store';
import { resolveRequest } from './resolve-request';
import { runPipeline, type PipelineProgress } from './pipeline';
import type { GeneratorRegistry } from '../generators/registry';
import type { FrameTransformFactory, OutputFinisher } from '../provenance/types';
import type { HomePaths } from '../home';
import type { Logger } from '../log';

export interface ProgressEvent {
  jobId: string;
  state: JobState;
  progress: number;
  etaSeconds: number | null;
  message: string;
}

export interface JobQueueOptions {
  store: JobStore;
  generators: GeneratorRegistry;
  paths: HomePaths;
  installId: string;
  maxConcurrent: number;
  maxQueued: number;
  transforms?: readonly FrameTransformFactory[];
  finishers?: readonly OutputFinisher[];
  /** Runs before a job is queued; throws E_POLICY to refuse. */
  gate?: (request: GenerationRequest) => void;
  log: Logger;
  /** Minimum milliseconds between progress events for one job. */
  progressIntervalMs?: number;
}

/** Why a running job is being stopped; decides its next state. */
type StopReason = 'cancel' | 'shutdown';

interface Running {
  controller: AbortController;
  promise: Promise<void>;
}

export declare interface JobQueue {
  on(event: 'progress', fn: (e: ProgressEvent) => void): this;
  on(event: 'finished', fn: (job: Job) => void): this;
}

export class JobQueue extends EventEmitter {
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private readonly opts: Required<Omit<JobQueueOptions, 'gate'>> & Pick<JobQueueOptions, 'gate'>;

  constructor(options: JobQueueOptions) {
    super();
    this.opts = { transforms: [], finishers: [], progressIntervalMs: 100, ...options };
  }

  /** Re-queues what a dead daemon left running, then starts pulling work. */
  start(): string[] {
    const requeued = this.opts.store.requeueInterrupted();
    for (const id of requeued) this.opts.log.warn({ jobId: id }, 'job was interrupted by a restart; re-queued');
    this.pump();
    return requeued;
  }

  submit(request: GenerationRequest, idempotencyKey: string): { job: Job; deduplicated: boolean } {
    const { store, generators } = this.opts;
    // An idempotent retry must get its job back even if the queue filled up since, so look first.
    const seen = store.findByKey(idempotencyKey, request);
    if (seen) {
      if (!seen.sameRequest) throw reusedKey(idempotencyKey, seen.job.id);
      return { job: seen.job, deduplicated: true };
    }
    // Policy first: a refused request must not reach a generator, not even its checks.
    this.opts.gate?.(request);
    const resolved = resolveRequest(request, generators.defaultId());
    const generator = generators.get(resolved.generator);
    generator.check(resolved);
    if (store.queuedCount() >= this.opts.maxQueued) {
      throw new RushesError('E_BUSY', `The queue is full (${this.opts.maxQueued} jobs waiting). Try again when some have finished.`);
    }
    const { job, existed, sameRequest } = store.insertOrGet(idempotencyKey, request, resolved);
    if (existed && !sameRequest) throw reusedKey(idempotencyKey, job.id);
    if (!existed) {
      this.opts.log.info({ jobId: job.id, generator: resolved.generator, frames: resolved.frames }, 'job queued');
      this.emitProgress(job);
      this.pump();
    }
    return { job, deduplicated: existed };
  }

  get(jobId: string): Job {
    const job = this.opts.store.get(jobId);
    if (!job) throw new RushesError('E_NOT_FOUND', `No job with id "${jobId}".`);
    return job;
  }

  list(states?: JobState[], limit?: number): Job[] {
    return this.opts.store.list(states, limit);
  }

  /** Cancels in any state; a final job is returned as it is. */
  async cancel(jobId: string): Promise<Job> {
    const job = this.get(jobId);
    if (isFinalState(job.state)) return job;
    const run = this.running.get(jobId);
    if (run) {
      run.controller.abort(stopError('cancel'));
      await run.promise;
      return this.get(jobId);
    }
    const cancelled = this.opts.store.transition(jobId, ['queued'], 'cancelled', {
      message: 'Cancelled',
      error: { code: 'E_CANCELLED', message: 'Cancelled before it started.' },
    });
    if (cancelled) {
      this.emitProgress(cancelled);
      this.emit('finished', cancelled);
      return cancelled;
    }
    // It started between our read and our write: cancel the run instead.
    return this.cancel(jobId);
  }

  /** Stops taking work; running jobs go back to the queue so the next start resumes them. */
  async stop(): Promise<void> {
    this.stopping = true;
    const runs = [...this.running.values()];
    for (const r of runs) r.controller.abort(stopError('shutdown'));
    await Promise.all(runs.map((r) => r.promise));
    for (const g of this.opts.generators.all()) await g.dispose?.().catch(() => undefined);
  }

  get activeCount(): number {
    return this.running.size;
  }

  private pump(): void {
    while (!this.stopping && this.running.size < this.opts.maxConcurrent) {
      const next = this.opts.store.nextQueued();
      if (!next) return;
      const job = this.opts.store.transition(next.id, ['queued'], 'running', {
        started: true,
        progress: 0,
        etaSeconds: null,
        message: 'Rendering',
      });
      if (!job) continue;
      const controller = new AbortController();
      const promise = this.execute(job, controller.signal).finally(() => {
        this.running.delete(job.id);
        this.pump();
      });
      this.running.set(job.id, { controller, promise });
    }
  }

  private async execute(job: Job, signal: AbortSignal): Promise<void> {
    const { store, log } = this.opts;
    this.emitProgress(job);
    const started = Date.now();
    let lastEmit = 0;
    let state: JobState = 'running';
    const onProgress = (p: PipelineProgress): void => {
      // Rendering is 95% of the bar; muxing, provenance and hashing the rest.
      const progress = p.phase === 'encoding' ? 0.95 : 0.95 * p.fraction;
      const elapsed = (Date.now() - started) / 1000;
      const eta = progress > 0.02 ? Math.max(0, (elapsed / progress) * (1 - progress)) : null;
      const message =
        p.phase === 'encoding' ? 'Finishing the file' : p.framesDone === 0 ? `Preparing (${Math.round(p.fraction * 100)}%)` : `Frame ${p.framesDone} of ${p.frames}`;
      if (p.phase === 'encoding' && state !== 'encoding') {
        const moved = store.transition(job.id, ['running'], 'encoding', { progress, etaSeconds: eta, message });
        if (moved) {
          state = 'encoding';
          this.emitProgress(moved);
        }
        return;
      }
      const now = Date.now();
      if (now - lastEmit < this.opts.progressIntervalMs && (p.framesDone !== p.frames || p.framesDone === 0)) return;
      lastEmit = now;
      store.setProgress(job.id, progress, eta, message);
      this.emit('progress', { jobId: job.id, state, progress, etaSeconds: eta, message } satisfies ProgressEvent);
    };
    try {
      const generator = this.opts.generators.get(job.request.generator);
      const result = await runPipeline(job, {
        generator,
        paths: this.opts.paths,
        transforms: this.opts.transforms.map((make) => make()),
        finishers: this.opts.finishers,
        identity: {
          jobId: job.id,
          installId: this.opts.installId,
          request: job.request,
          generatorId: generator.info.id,
          generatorVersion: generator.info.version,
          digitalSourceType: generator.info.id === 'onnx' ? 'trainedAlgorithmicMedia' : 'algorithmicMedia',
        },
        log: (msg, fields) => log.info({ jobId: job.id, ...fields }, msg),
        onProgress,
        signal,
      });
      const done = store.transition(job.id, ['running', 'encoding'], 'done', {
        progress: 1,
        etaSeconds: 0,
        message: 'Done',
        outputs: result.outputs,
        report: result.report,
        error: null,
      });
      if (done) {
        log.info({ jobId: job.id, seconds: (Date.now() - started) / 1000 }, 'job done');
        this.finish(done);
      }
    } catch (e) {
      const reason = signal.aborted ? stopReasonOf(signal.reason) : null;
      if (reason === 'shutdown') {
        // Not the job's fault: it runs again when the engine comes back.
        store.transition(job.id, ['running', 'encoding'], 'queued', { progress: 0, etaSeconds: null, message: 'Waiting for the engine to restart' });
        return;
      }
      if (reason === 'cancel') {
        const c = store.transition(job.id, ['running', 'encoding'], 'cancelled', {
          message: 'Cancelled',
          error: { code: 'E_CANCELLED', message: 'Cancelled while rendering.' },
        });
        if (c) this.finish(c);
        return;
      }
      const err = e instanceof RushesError ? e : new RushesError('E_INTERNAL', `Unexpected error: ${(e as Error)?.message ?? String(e)}`);
      if (!(e instanceof RushesError)) log.error({ jobId: job.id, err: e }, 'job crashed');
      else log.warn({ jobId: job.id, code: err.code, msg: err.message }, 'job failed');
      const failed = store.transition(job.id, ['running', 'encoding'], 'failed', {
        message: err.message,
        error: { code: err.code, message: err.message },
      });
      if (failed) this.finish(failed);
    }
  }

  private finish(job: Job): void {
    this.emitProgress(job);
    this.emit('finished', job);
  }

  private emitProgress(job: Job): void {
    this.emit('progress', {
      jobId: job.id,
      state: job.state,
      progress: job.progress,
      etaSeconds: job.etaSeconds,
      message: job.message,
    } satisfies ProgressEvent);
  }
}

function reusedKey(key: string, jobId: string): RushesError {
  return new RushesError(
    'E_INVALID',
    `idempotencyKey "${key}" was already used for a different request (job ${jobId}). Use a new key for a new request.`,
    { jobId },
  );
}

class StopSignal extends Error {
  constructor(readonly reason: StopReason) {
    super(reason === 'cancel' ? 'Cancelled' : 'Engine shutting down');
  }
}
function stopError(reason: StopReason): StopSignal {
  return new StopSignal(reason);
}
function stopReasonOf(r: unknown): StopReason | null {
  return r instanceof StopSignal ? r.reason : null;
}
