/**
 * Premiere time arithmetic. Premiere counts time in ticks, 254016000000 per second, a number chosen so
 * every common frame rate (23.976, 24, 25, 29.97, 30, 50, 59.94, 60 ...) has a whole number of ticks
 * per frame. Tick strings exceed 2^53 for long sequences, so everything here is BigInt.
 */
import { PREMIERE_TICKS_PER_SECOND, reduce, parseRational, type Rational } from '@rushes/shared';

export const TICKS_PER_SECOND: bigint = PREMIERE_TICKS_PER_SECOND;

/** Parses a TickTime's `ticks` string. Throws on anything that is not an integer. */
export function parseTicks(ticks: string): bigint {
  if (!/^-?\d+$/.test(ticks.trim())) throw new Error(`Not a tick count: "${ticks}"`);
  return BigInt(ticks.trim());
}

/** Ticks spanned by `frames` frames at an exact rate, rounded to the nearest tick (exact for NTSC rates). */
export function ticksForFrames(frames: number, fps: Rational): bigint {
  if (!Number.isInteger(frames) || frames < 0) throw new Error(`Not a frame count: ${frames}`);
  const n = BigInt(frames) * TICKS_PER_SECOND * BigInt(fps.den);
  const d = BigInt(fps.num);
  return (n + d / 2n) / d;
}

/** Ticks for a duration in seconds, rounded to the nearest tick. */
export function ticksForSeconds(seconds: number): bigint {
  if (!Number.isFinite(seconds)) throw new Error(`Not a duration: ${seconds}`);
  // Split into whole and fractional seconds so large values keep their precision.
  const whole = Math.trunc(seconds);
  const frac = seconds - whole;
  return BigInt(whole) * TICKS_PER_SECOND + BigInt(Math.round(frac * Number(TICKS_PER_SECOND)));
}

export function secondsForTicks(ticks: bigint): number {
  const whole = ticks / TICKS_PER_SECOND;
  const rest = ticks % TICKS_PER_SECOND;
  return Number(whole) + Number(rest) / Number(TICKS_PER_SECOND);
}

/**
 * The exact frame rate for a sequence timebase (ticks per frame, what `Sequence.getTimebase()` returns):
 * 10594584000 ticks per frame is 24000/1001. Null when the result is not a small rational (then the
 * caller falls back to the decimal rate).
 */
export function rateFromTicksPerFrame(ticksPerFrame: bigint): Rational | null {
  if (ticksPerFrame <= 0n) return null;
  const g = gcd(TICKS_PER_SECOND, ticksPerFrame);
  const num = TICKS_PER_SECOND / g;
  const den = ticksPerFrame / g;
  if (num > 1_000_000n || den > 1_000_000n) return null;
  return reduce({ num: Number(num), den: Number(den) });
}

/** The exact rate for a decimal one (29.97 -> 30000/1001), for hosts that only report `FrameRate.value`. */
export function rateFromDecimal(fps: number): Rational | null {
  if (!(fps > 0) || !Number.isFinite(fps)) return null;
  return parseRational(fps.toFixed(3).replace(/\.?0+$/, ''));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
