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
  /** May modify `frame.rgba` in place. */
  apply(frame: Frame): void;
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
