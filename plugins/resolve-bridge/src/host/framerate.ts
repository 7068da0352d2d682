/**
 * Resolve's `timelineFrameRate` setting ("23.976", "24", "29.97 DF", "59.94") as an exact rate plus the
 * drop-frame flag. Resolve documents the " DF" suffix: "29.97 DF" enables drop frame, "29.97" disables it.
 */
import { parseRational, type Rational } from '@rushes/shared';
import { timecodeRate, type TimecodeRate } from './timecode';

export interface TimelineRate {
  fps: Rational;
  dropFrame: boolean;
  /** The setting as Resolve returned it, for messages. */
  label: string;
  timecode: TimecodeRate;
}

export class FrameRateError extends Error {
  readonly code = 'E_RESOLVE_FRAME_RATE';
  constructor(message: string) {
    super(message);
    this.name = 'FrameRateError';
  }
}

export function parseTimelineFrameRate(setting: unknown): TimelineRate {
  const label = typeof setting === 'number' ? String(setting) : typeof setting === 'string' ? setting : '';
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s*(DF|NDF)?\s*$/i.exec(label);
  const fps = m ? parseRational(m[1]!) : null;
  if (!m || !fps) {
    throw new FrameRateError(
      `Could not read the timeline frame rate ("${label}"). Check Timeline Settings > Timeline Frame Rate, or use a timeline whose rate Resolve reports.`,
    );
  }
  const dropFrame = (m[2] ?? '').toUpperCase() === 'DF';
  try {
    return { fps, dropFrame, label, timecode: timecodeRate(fps, dropFrame) };
  } catch (e) {
    throw new FrameRateError(`Timeline frame rate "${label}": ${(e as Error).message}`);
  }
}
