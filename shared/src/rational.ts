import type { Rational } from './schemas';

/** Frames for a duration at an exact rate: round(seconds * num / den), the rule every package uses. */
export function framesForDuration(seconds: number, fps: Rational): number {
  return Math.round((seconds * fps.num) / fps.den);
}

/** Seconds spanned by a frame count at an exact rate. */
export function durationForFrames(frames: number, fps: Rational): number {
  return (frames * fps.den) / fps.num;
}

export function fpsToNumber(fps: Rational): number {
  return fps.num / fps.den;
}

/** Parses "24", "23.976", "29.97", "24000/1001" into an exact rational; the NTSC decimals map to x/1001. */
export function parseRational(text: string): Rational | null {
  const t = text.trim();
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (frac) {
    const num = Number(frac[1]);
    const den = Number(frac[2]);
    return num > 0 && den > 0 ? { num, den } : null;
  }
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const v = Number(t);
  if (!(v > 0)) return null;
  if (Number.isInteger(v)) return { num: v, den: 1 };
  // NTSC family: 23.976, 29.97, 47.952, 59.94, 119.88 are n*1000/1001.
  const ntsc = Math.round(v * 1.001);
  if (Math.abs((ntsc * 1000) / 1001 - v) < 0.005) return { num: ntsc * 1000, den: 1001 };
  const den = 1000;
  return reduce({ num: Math.round(v * den), den });
}

export function reduce(r: Rational): Rational {
  const g = gcd(r.num, r.den);
  return { num: r.num / g, den: r.den / g };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function formatRational(r: Rational): string {
  return r.den === 1 ? `${r.num}` : `${r.num}/${r.den}`;
}
