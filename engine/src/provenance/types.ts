/**
 * Hooks through which provenance joins the render pipeline without the pipeline knowing how it works:
 * a per-frame transform before encoding (the invisible watermark) and a finisher that rewrites each
 * encoded file before it is renamed into place (the C2PA manifest).
 */
import type { OutputFormat, ResolvedRequest } from '@rushes/shared';
import type { Frame } from '../generators/types';

export interface JobIdentity {
  jobId: string;
  installId: string;
  request: ResolvedRequest;
  generatorId: string;
  generatorVersion: string;
  /** IPTC digital source type: algorithmicMedia for procedural, trainedAlgorithmicMedia for learned models. */
  digitalSourceType: 'algorithmicMedia' | 'trainedAlgorithmicMedia';
  modelHash?: string;
}

export interface FrameTransform {
  /** Called once per job before the first frame. */
  begin(identity: JobIdentity, width: number, height: number): void;
  /**
   * Modifies `frame.rgba` in place, or replaces it with another array of the same size (a transform
   * that works on another thread hands back the buffer it was given). A transform that returns a
   * promise may be given up to `parallelism + 1` frames before the first one resolves (one to start as
   * soon as a thread is free); it queues what it cannot start at once.
   */
  apply(frame: Frame): void | Promise<void>;
  /** How many frames this transform works on at once (worker threads); 1 when absent. */
  readonly parallelism?: number;
  /** Frees what begin() started (worker threads). Called once per job after the last frame, or on failure. */
  end?(): Promise<void>;
}

/** Makes one transform per job: transforms keep per-job state, and jobs may run concurrently. */
export type FrameTransformFactory = () => FrameTransform;

export interface OutputFinisher {
  /**
   * Rewrites a whole, encoded, not-yet-visible output. `path` is the temporary file (mp4/mov) or the
   * temporary folder of a PNG sequence. Must leave a valid file at the same path.
   */
  finish(path: string, format: OutputFormat, identity: JobIdentity): Promise<void>;
}
