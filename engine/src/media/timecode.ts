/**
 * SMPTE timecode <-> frame count, pure. Timecode counts frames at the *nominal* integer rate
 * (23.976 counts 24 per "second", 29.97 counts 30), so at x/1001 rates it drifts from wall-clock time
 * unless drop-frame numbering is used: at 30000/1001 the frame numbers 00 and 01 (four numbers at
 * 60000/1001) are skipped at the start of every minute except each tenth minute (SMPTE ST 12-1).
 * No frames are dropped, only labels. Drop-frame is written with ";" before the frames field.
 */
import { RushesError, type Rational } from '@rushes/shared';

export interface TimecodeBase {
  /** Frames counted per timecode second: round(num / den). */
  nominal: number;
  dropFrame: boolean;
  /** Frame numbers skipped per minute (0 when not drop-frame). */
  drop: number;
}

const TC_RE = /^(\d{2}):(\d{2}):(\d{2})([:;.,])(\d{2,3})$/;

/** Integer frames per timecode second (the way ffmpeg rounds: (num + den/2) / den). */
export function nominalRate(fps: Rational): number {
  if (!(fps.num > 0 && fps.den > 0)) throw new RushesError('E_INVALID', `Frame rate ${fps.num}/${fps.den} is not positive.`);
  return Math.max(1, Math.floor((fps.num + Math.floor(fps.den / 2)) / fps.den));
}

/** Drop-frame numbering is defined for 30000/1001 and 60000/1001 only (ST 12-1). */
export function supportsDropFrame(fps: Rational): boolean {
  const g = gcd(fps.num, fps.den);
  const num = fps.num / g;
  const den = fps.den / g;
  return den === 1001 && (num === 30000 || num === 60000);
}

export function timecodeBase(fps: Rational, dropFrame: boolean): TimecodeBase {
  const nominal = nominalRate(fps);
  if (dropFrame && !supportsDropFrame(fps)) {
    throw new RushesError(
      'E_INVALID',
      `Drop-frame timecode (";") needs 30000/1001 or 60000/1001 fps, not ${fps.num}/${fps.den}; use ":" for non-drop-frame.`,
    );
  }
  return { nominal, dropFrame, drop: dropFrame ? nominal / 15 : 0 };
}

/** True when the timecode is written drop-frame style (";" before the frames; "." and "," are seen in the wild too). */
export function isDropFrameTimecode(tc: string): boolean {
  const m = TC_RE.exec(tc.trim());
  return !!m && m[4] !== ':';
}

/** Frames in 24 hours of timecode: the count at which timecode wraps to 00:00:00:00. */
export function framesPerDay(base: TimecodeBase): number {
  if (!base.dropFrame) return base.nominal * 86400;
  return framesPer10Minutes(base) * 144;
}

function framesPer10Minutes(base: TimecodeBase): number {
  return base.nominal * 600 - base.drop * 9;
}

/**
 * The frame count a timecode stands for, counted from 00:00:00:00. Drop-frame is taken from the
 * separator; a label that drop-frame skips (e.g. 00:01:00;00) is refused.
 */
export function parseTimecode(tc: string, fps: Rational): number {
  const m = TC_RE.exec(tc.trim());
  if (!m) throw new RushesError('E_INVALID', `"${tc}" is not a timecode; write HH:MM:SS:FF (or HH:MM:SS;FF for drop-frame).`);
  const [hh, mm, ss, ff] = [m[1], m[2], m[3], m[5]].map(Number) as [number, number, number, number];
  const base = timecodeBase(fps, m[4] !== ':');
  if (hh > 23 || mm > 59 || ss > 59 || ff >= base.nominal) {
    throw new RushesError('E_INVALID', `Timecode "${tc}" is out of range at ${base.nominal} frames per second.`);
  }
  const totalMinutes = hh * 60 + mm;
  if (base.dropFrame && ss === 0 && ff < base.drop && mm % 10 !== 0) {
    throw new RushesError('E_INVALID', `Timecode "${tc}" does not exist in drop-frame: frames 00..${pad(base.drop - 1)} are skipped at the start of this minute.`);
  }
  const counted = (totalMinutes * 60 + ss) * base.nominal + ff;
  return counted - base.drop * (totalMinutes - Math.floor(totalMinutes / 10));
}

/** The timecode label of a frame count (wrapping at 24 hours). */
export function formatTimecode(frame: number, fps: Rational, dropFrame: boolean): string {
  if (!Number.isInteger(frame) || frame < 0) throw new RushesError('E_INVALID', `Frame ${frame} is not a whole, non-negative number.`);
  const base = timecodeBase(fps, dropFrame);
  let f = frame % framesPerDay(base);
  if (base.dropFrame) {
    const per10 = framesPer10Minutes(base);
    const perMinute = base.nominal * 60 - base.drop;
    const tens = Math.floor(f / per10);
    const rest = f % per10;
    f += base.drop * 9 * tens;
    if (rest > base.drop) f += base.drop * Math.floor((rest - base.drop) / perMinute);
  }
  const ff = f % base.nominal;
  const totalSeconds = Math.floor(f / base.nominal);
  const ss = totalSeconds % 60;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const hh = Math.floor(totalSeconds / 3600);
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${base.dropFrame ? ';' : ':'}${String(ff).padStart(frameDigits(base.nominal), '0')}`;
}

/** The label `offset` frames after `start` (both in the same numbering as `start`). */
export function addFrames(start: string, offset: number, fps: Rational): string {
  return formatTimecode(parseTimecode(start, fps) + offset, fps, isDropFrameTimecode(start));
}

/** Digits of the frames field: two, or three at 100 fps and above (as ffmpeg writes them). */
export function frameDigits(nominal: number): number {
  return Math.max(2, String(nominal - 1).length);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
