/**
 * The generator contract. A generator turns a resolved request into frames; it knows nothing about
 * sockets, queues or encoders (Remotion's split: composition and rendering here, encoding in media/).
 */
import type { GeneratorInfo, ResolvedRequest } from '@rushes/shared';
import type { FrameLayout } from '../media/layout';
export { frameBytes, type FrameLayout } from '../media/layout';

/** One frame of video: 8-bit RGBA unless it says otherwise (media/layout.ts). */
export type Frame = RgbaFrame | Yuv420Frame;

export interface RgbaFrame {
  index: number;
  layout?: 'rgba';
  rgba: Uint8Array;
}

export interface Yuv420Frame {
  index: number;
  layout: 'yuv420p';
  yuv: Uint8Array;
}

/** The bytes of a frame, whatever its layout. */
export function framePixels(frame: Frame): Uint8Array {
  return frame.layout === 'yuv420p' ? frame.yuv : frame.rgba;
}

/** A frame's layout ('rgba' when it does not say). */
export function frameLayout(frame: Frame): FrameLayout {
  return frame.layout ?? 'rgba';
}

/** The frame of a layout over `pixels` (the inverse of framePixels and frameLayout). */
export function frameOf(index: number, layout: FrameLayout, pixels: Uint8Array): Frame {
  return layout === 'yuv420p' ? { index, layout, yuv: pixels } : { index, rgba: pixels };
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
  /** The layout to yield; 'rgba' when absent. Asked only for a layout that `layouts()` offered. */
  layout?: FrameLayout;
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
  /** The layouts this generator can yield for a request, besides 'rgba' (which every generator yields). */
  layouts?(request: ResolvedRequest): readonly FrameLayout[];
  /** What the generator wants recorded on the job (e.g. prompt words used and ignored). Called after planning. */
  report?(request: ResolvedRequest): Record<string, unknown>;
  /** Frees GPU devices or worker threads at shutdown. */
  dispose?(): Promise<void>;
}
