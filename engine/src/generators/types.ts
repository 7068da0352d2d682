/**
 * The generator contract. A generator turns a resolved request into frames; it knows nothing about
 * sockets, queues or encoders (Remotion's split: composition and rendering here, encoding in media/).
 */
import type { GeneratorInfo, ResolvedRequest } from '@rushes/shared';

/** One frame of video: tightly packed 8-bit RGBA, row 0 at the top, width*height*4 bytes. */
export interface Frame {
  index: number;
  rgba: Uint8Array;
}

export interface RenderContext {
  request: ResolvedRequest;
  /** Aborted when the job is cancelled or the engine shuts down; stop promptly and throw. */
  signal: AbortSignal;
  /** The engine's log, scoped to this job. */
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /**
   * For generators that work a long time before the first frame (denoising steps): how far the whole
   * render is, 0..1. Frame counts are reported by the pipeline itself; this only moves the bar earlier.
   */
  progress?: (fraction: number) => void;
}

export interface Generator {
  readonly info: GeneratorInfo;
  /**
   * Checks a request before it is queued (sizes, inputs, plan) and throws a RushesError
   * (E_UNSUPPORTED or E_INVALID) with a message the user can act on. Must be cheap and pure.
   */
  check(request: ResolvedRequest): void;
  /**
   * Yields exactly `request.frames` frames in order. The consumer pulls, so a slow encoder slows the
   * generator down (back-pressure) instead of frames piling up in memory.
   */
  render(ctx: RenderContext): AsyncIterable<Frame>;
  /** What the generator wants recorded on the job (e.g. prompt words used and ignored). Called after planning. */
  report?(request: ResolvedRequest): Record<string, unknown>;
  /** Frees GPU devices or worker threads at shutdown. */
  dispose?(): Promise<void>;
}
