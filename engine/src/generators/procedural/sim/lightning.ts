/**
 * Lightning as pure functions: when strikes happen (a seeded schedule), the shape of each bolt (a jagged
 * channel from the cloud base to the ground by midpoint displacement, with forks that die out), and how
 * bright it is at any instant (a stepped leader, then two to four return strokes that flicker over a
 * few tenths of a second, as high-speed footage shows). Units are the caller's: a bolt is built in a
 * unit box (x across, y from 1 at the cloud base to 0 at the ground) and placed by the renderer.
 */
import { stream, type Rng } from './rng';

export interface BoltSegment {
  /** Ends in the unit box: x across (about -0.5..0.5), y up (1 cloud base, 0 ground). */
  a: [number, number];
  b: [number, number];
  /** Relative brightness and width: 1 on the main channel, less on forks. */
  weight: number;
}

export interface Strike {
  time: number;
  /** Where across the view (0..1) and how far (0..1, near to far) the bolt lands. */
  across: number;
  depth: number;
  segments: BoltSegment[];
  /** Times of the return strokes after `time`, in seconds. */
  strokes: number[];
}

/** Midpoint displacement of the channel from (x0, 1) to (x1, 0); forks split off on the way down. */
export function buildBolt(rng: Rng, detail = 7): BoltSegment[] {
  const segments: BoltSegment[] = [];
  const channel = (from: [number, number], to: [number, number], weight: number, depth: number, forks: boolean): void => {
    let pts: Array<[number, number]> = [from, to];
    for (let level = 0; level < depth; level++) {
      const next: Array<[number, number]> = [pts[0]!];
      for (let i = 0; i < pts.length - 1; i++) {
        const p = pts[i]!;
        const q = pts[i + 1]!;
        const len = Math.hypot(q[0] - p[0], q[1] - p[1]);
        // Sideways kicks proportional to the segment's length: jagged at every scale.
        next.push([(p[0] + q[0]) / 2 + rng.gauss() * len * 0.22, (p[1] + q[1]) / 2 + rng.gauss() * len * 0.04], q);
      }
      pts = next;
    }
    for (let i = 0; i < pts.length - 1; i++) {
      segments.push({ a: pts[i]!, b: pts[i + 1]!, weight });
      // Forks leave the main channel downwards and sideways and fade out before the ground.
      if (forks && i > 2 && rng.chance(0.09)) {
        const p = pts[i]!;
        const drop = rng.range(0.12, 0.35) * p[1];
        const side = (rng.chance(0.5) ? 1 : -1) * rng.range(0.05, 0.2);
        channel(p, [p[0] + side, p[1] - drop], weight * 0.45, Math.max(3, depth - 3), false);
      }
    }
  };
  const x0 = rng.range(-0.12, 0.12);
  channel([x0, 1], [x0 + rng.range(-0.18, 0.18), 0], 1, detail, true);
  return segments;
}

/** Strikes over [0, duration]: the first within the opening seconds, then every 1.8 to 4.5 s. */
export function planStrikes(seed: number, duration: number, rate = 1): Strike[] {
  const rng = stream(seed, 'lightning');
  const strikes: Strike[] = [];
  for (let t = rng.range(0.3, 1.4) / rate; t < duration; t += rng.range(1.8, 4.5) / rate) {
    const n = rng.int(2, 4);
    const strokes: number[] = [0];
    for (let k = 1; k < n; k++) strokes.push(strokes[k - 1]! + rng.range(0.04, 0.12));
    strikes.push({ time: t, across: rng.range(0.12, 0.88), depth: rng.next(), segments: buildBolt(stream(seed, `lightning:bolt:${strikes.length}`)), strokes });
  }
  return strikes;
}

/** Brightness of a strike at time t (0 outside it): each return stroke flashes and decays in ~40 ms, with an afterglow. */
export function strikeBrightness(strike: Strike, t: number): number {
  const dt = t - strike.time;
  if (dt < 0) return 0;
  let b = 0;
  for (const s of strike.strokes) {
    const d = dt - s;
    if (d >= 0) b = Math.max(b, Math.exp(-d / 0.045));
  }
  // The channel glows faintly between strokes and for a moment after the last.
  const last = strike.strokes[strike.strokes.length - 1]!;
  if (dt <= last + 0.25) b = Math.max(b, 0.12 * Math.exp(-Math.max(0, dt - last) / 0.08));
  return b < 0.01 ? 0 : b;
}
