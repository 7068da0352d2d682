/**
 * SMPTE timecode <-> frame numbers, exactly, for the rates Resolve timelines use: 23.976, 24, 25, 29.97
 * (drop-frame or not), 30, 50, 59.94 (drop-frame or not), 60 and the like. Pure functions, no Resolve.
 *
 * A timecode label counts at the *nominal* integer rate (24 for 23.976, 30 for 29.97, 60 for 59.94).
 * Non-drop labels are plain base-N numbers. Drop-frame labels skip the first 2 (29.97) or 4 (59.94) labels
 * of every minute except every tenth minute, so that the label tracks wall-clock time; the frame count
 * behind a label is what Resolve uses for frame numbers (GetStartFrame, recordFrame).
 */
import type { Rational } from '@rushes/shared';

export interface TimecodeRate {
  /** Frames per timecode second: 24, 25, 30, 60 ... (the rounded real rate). */
  nominal: number;
  /** Drop-frame counting (29.97 DF, 59.94 DF). */
  dropFrame: boolean;
}

export interface TimecodeParts {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
  /** True when the last separator was ';' or ',' (the SMPTE convention for drop-frame). */
  dropSeparator: boolean;
}

export class TimecodeError extends Error {
  readonly code = 'E_RESOLVE_TIMECODE';
  constructor(message: string) {
    super(message);
    this.name = 'TimecodeError';
  }
}

/** The timecode counting for an exact rate. Drop-frame only exists for the 1000/1001 rates whose nominal rate is a multiple of 30. */
export function timecodeRate(fps: Rational, dropFrame: boolean): TimecodeRate {
  const nominal = Math.round(fps.num / fps.den);
  if (nominal < 1) throw new TimecodeError(`Frame rate ${fps.num}/${fps.den} is too low for timecode.`);
  if (dropFrame && !(nominal % 30 === 0 && fps.den === 1001 && fps.num === nominal * 1000)) {
    throw new TimecodeError(`Drop-frame timecode exists only for 29.97 and its multiples (59.94, 119.88), not ${fps.num}/${fps.den}.`);
  }
  return { nominal, dropFrame };
}

/** Labels skipped at the start of each minute (except every tenth) in drop-frame counting. */
function dropPerMinute(rate: TimecodeRate): number {
  return rate.dropFrame ? (rate.nominal / 30) * 2 : 0;
}

export function parseTimecode(text: string): TimecodeParts {
  const m = /^\s*(\d{1,2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})\s*$/.exec(text);
  if (!m) throw new TimecodeError(`"${text}" is not a timecode (HH:MM:SS:FF, or HH:MM:SS;FF for drop-frame).`);
  return {
    hours: Number(m[1]),
    minutes: Number(m[2]),
    seconds: Number(m[3]),
    frames: Number(m[5]),
    dropSeparator: m[4] === ';' || m[4] === ',',
  };
}

/** Frame count for a timecode label. Throws for labels that do not exist (frames past the rate, dropped labels). */
export function timecodeToFrames(text: string, rate: TimecodeRate): number {
  const tc = parseTimecode(text);
  const { nominal } = rate;
  if (tc.minutes > 59 || tc.seconds > 59) throw new TimecodeError(`"${text}": minutes and seconds must be below 60.`);
  if (tc.frames >= nominal) throw new TimecodeError(`"${text}": frame ${tc.frames} does not exist at ${nominal} frames per second.`);
  const drop = dropPerMinute(rate);
  if (drop && tc.seconds === 0 && tc.frames < drop && tc.minutes % 10 !== 0) {
    throw new TimecodeError(`"${text}" is a label drop-frame timecode skips (the first ${drop} of every minute except each tenth).`);
  }
  const totalMinutes = tc.hours * 60 + tc.minutes;
  const labels = (totalMinutes * 60 + tc.seconds) * nominal + tc.frames;
  // Every minute drops `drop` labels, except minutes divisible by ten.
  return labels - drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

/** The timecode label of a frame count. Drop-frame labels use ';' before the frames, as Resolve shows them. */
export function framesToTimecode(frames: number, rate: TimecodeRate): string {
  if (!Number.isInteger(frames) || frames < 0) throw new TimecodeError(`Frame ${frames} has no timecode (whole, non-negative frames only).`);
  const { nominal } = rate;
  const drop = dropPerMinute(rate);
  let labels = frames;
  if (drop) {
    const perMinute = nominal * 60 - drop;
    const perTenMinutes = perMinute * 10 + drop;
    const tens = Math.floor(frames / perTenMinutes);
    const rest = frames % perTenMinutes;
    // The first minute of each ten keeps all its labels; the other nine each skip `drop`.
    const skipped = drop * 9 * tens + (rest < drop ? 0 : drop * Math.floor((rest - drop) / perMinute));
    labels = frames + skipped;
  }
  const ff = labels % nominal;
  const totalSeconds = Math.floor(labels / nominal);
  const ss = totalSeconds % 60;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const hh = Math.floor(totalSeconds / 3600) % 24;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${drop ? ';' : ':'}${pad(ff, nominal > 100 ? 3 : 2)}`;
}
