/**
 * A fireworks show as pure functions of time: the shells are scheduled once from the seed, and every star
 * has a closed-form path (gravity with linear air drag), so a frame at any clip time, a motion-blur
 * instant or a trail point in the past is computed, not stepped. Nothing here knows about three.js.
 *
 * Scale: a star's path is worked out in metres for a real shell (a 3-inch shell bursts about 70 m
 * across... up to 150 m for the large ones) and then scaled so the burst has the size asked for on
 * screen, gravity included, so a willow droops in proportion however far away the show is placed.
 */
import { stream, type Rng } from './rng';

export type Vec3 = [number, number, number];

/** Burst patterns: how the stars leave the shell, how long they burn and how long their trails are. */
export const SHELL_TYPES = {
  /** A sphere of stars that burn out quickly with short trails. */
  peony: { stars: 120, drag: 1.7, life: [1.5, 2.1], trail: 0.12, droop: 1, twoColour: 0.25, glitter: 0.15 },
  /** A sphere of stars that leave long streaks. */
  chrysanthemum: { stars: 110, drag: 1.5, life: [1.8, 2.4], trail: 0.45, droop: 1, twoColour: 0.5, glitter: 0.3 },
  /** Long-burning gold stars that hang and droop like willow branches. */
  willow: { stars: 90, drag: 2.4, life: [3.0, 3.8], trail: 2.2, droop: 2.2, twoColour: 0, glitter: 0.5 },
  /** A flat ring of stars, tilted at random. */
  ring: { stars: 64, drag: 1.7, life: [1.5, 2.0], trail: 0.2, droop: 1, twoColour: 0, glitter: 0 },
} as const;
export type ShellType = keyof typeof SHELL_TYPES;

/** Star colours in linear light (HDR: the brightest channel is 1, the renderer scales by brightness). */
export const FIREWORK_COLOURS: Readonly<Record<string, Vec3>> = {
  red: [1, 0.09, 0.05],
  gold: [1, 0.55, 0.12],
  green: [0.2, 1, 0.25],
  blue: [0.15, 0.3, 1],
  purple: [0.65, 0.2, 1],
  silver: [0.85, 0.9, 1],
  orange: [1, 0.32, 0.06],
  cyan: [0.15, 0.85, 1],
  pink: [1, 0.3, 0.6],
};

export interface Star {
  /** Initial velocity in metres a second, relative to the burst. */
  v: Vec3;
  life: number;
  colour: Vec3;
  /** Colour the star turns to halfway through its life (two-colour shells); null keeps its colour. */
  colour2: Vec3 | null;
  /** Flickers as it dies (glitter). */
  glitter: boolean;
  /** Per-star random in [0, 1), for flicker phase. */
  rand: number;
}

export interface Shell {
  type: ShellType;
  launchTime: number;
  burstTime: number;
  /** Where it leaves the ground and where it bursts, in scene units. */
  launch: Vec3;
  burst: Vec3;
  /** Scene units per metre for this shell. */
  scale: number;
  drag: number;
  /** Gravity in metres a second squared, already times the type's droop. */
  gravity: number;
  trail: number;
  stars: Star[];
  /** When its last star burns out (the burst plus the longest star life). */
  endTime: number;
  /** Brightness multiplier (finales are brighter). */
  brightness: number;
}

export interface ShowOptions {
  seed: number;
  /** Clip time range the show must cover, in seconds (the show starts earlier so the clip opens mid-show). */
  from: number;
  to: number;
  /** Shells in the air at once, on average. */
  inFlight: number;
  /**
   * Where bursts go: a function from a random point in the unit square to a burst position and the
   * scene units per metre there; the layer maps it into the camera's view.
   */
  place(u: number, v: number): { burst: Vec3; groundY: number; scale: number };
  /** Palette to draw star colours from (names of FIREWORK_COLOURS or linear RGB); default: all of them. */
  colours?: Vec3[];
  /** 0..1, scales the star count (small test renders). */
  detail?: number;
  /** Metres a second of horizontal wind drift. */
  wind?: number;
}

/** Seconds from launch to burst; the shell decelerates to rest at the burst point. */
const RISE: [number, number] = [1.4, 2.2];
/** Shells whose bursts are over before the show's start are not made; this is how early the show starts. */
const PRE_ROLL = 4.5;

export function planShow(opts: ShowOptions): Shell[] {
  const rng = stream(opts.seed, 'fireworks');
  const colours = opts.colours?.length ? opts.colours : Object.values(FIREWORK_COLOURS);
  // A shell is visible for about its rise plus its stars' life: about 4.5 s.
  const rate = Math.max(0.1, opts.inFlight) / 4.5;
  const shells: Shell[] = [];
  const types = Object.keys(SHELL_TYPES) as ShellType[];
  const weights = [0.34, 0.3, 0.18, 0.18];
  const detail = Math.min(1, Math.max(0.05, opts.detail ?? 1));
  // Launches come at a steady beat with jitter (a show is paced, not a Poisson process: no long gaps).
  for (let t = opts.from - PRE_ROLL + rng.next() / rate; t < opts.to; t += (0.55 + 0.9 * rng.next()) / rate) {
    const type = weightedPick(rng, types, weights);
    const spec = SHELL_TYPES[type];
    const rise = rng.range(RISE[0], RISE[1]);
    const at = opts.place(rng.next(), rng.next());
    const burstTime = t + rise;
    const lifeMax = spec.life[1];
    if (burstTime + lifeMax < opts.from) continue;
    const colour = type === 'willow' ? FIREWORK_COLOURS.gold! : rng.pick(colours);
    const colour2 = rng.chance(spec.twoColour) ? rng.pick(colours) : null;
    // Spread: the stars' launch speed is what carries them to the burst's radius against the drag.
    const radius = rng.range(28, 48);
    const speed = radius * spec.drag;
    const n = Math.max(6, Math.round(spec.stars * detail * rng.range(0.85, 1.15)));
    const tiltA = rng.next() * Math.PI * 2;
    const tiltB = rng.range(0.2, 0.9);
    const stars: Star[] = [];
    for (let i = 0; i < n; i++) {
      let dir: Vec3;
      if (type === 'ring') {
        // A circle in a plane tilted towards the viewer by tiltB about a random axis.
        const a = (i / n) * Math.PI * 2;
        dir = rotateXY([Math.cos(a), Math.sin(a), 0], tiltA, tiltB);
      } else {
        // Even coverage of the sphere (a Fibonacci lattice, jittered), not clumps from uniform draws.
        const y = 1 - (2 * (i + 0.5)) / n;
        const r = Math.sqrt(1 - y * y);
        const phi = i * 2.399963229728653 + tiltA;
        dir = [r * Math.cos(phi) + rng.gauss() * 0.04, y + rng.gauss() * 0.04, r * Math.sin(phi) + rng.gauss() * 0.04];
      }
      const k = speed * rng.range(0.9, 1.08);
      stars.push({
        v: [dir[0] * k + (opts.wind ?? 0), dir[1] * k, dir[2] * k],
        life: rng.range(spec.life[0], spec.life[1]),
        colour,
        colour2,
        glitter: rng.chance(spec.glitter),
        rand: rng.next(),
      });
    }
    shells.push({
      type,
      launchTime: t,
      burstTime,
      launch: [at.burst[0] + rng.gauss() * 2 * at.scale, at.groundY, at.burst[2]],
      burst: at.burst,
      scale: at.scale,
      drag: spec.drag,
      gravity: 9.81 * spec.droop,
      trail: spec.trail,
      stars,
      endTime: burstTime + stars.reduce((m, s) => Math.max(m, s.life), 0),
      brightness: rng.range(0.8, 1.2),
    });
  }
  return shells;
}

/** Where a star is `age` seconds after its burst, relative to the burst, in metres (linear drag, closed form). */
export function starOffset(v: Vec3, age: number, drag: number, gravity: number): Vec3 {
  const a = Math.max(0, age);
  const e = (1 - Math.exp(-drag * a)) / drag;
  // Terminal velocity is straight down at g / drag; the rest of the initial velocity decays.
  const vt = -gravity / drag;
  return [v[0] * e, vt * a + (v[1] - vt) * e, v[2] * e];
}

/** How bright a star is at `age` (0 before the burst and after it burns out): a flash, a plateau, a fade. */
export function starBrightness(star: Star, age: number): number {
  if (age < 0 || age > star.life) return 0;
  const u = age / star.life;
  let b = u < 0.7 ? 1 : 1 - (u - 0.7) / 0.3;
  b *= 1 + 1.5 * Math.exp(-age / 0.06);
  // Glitter: the star strobes on and off as it dies.
  if (star.glitter && u > 0.5) b *= Math.sin(age * (38 + star.rand * 20) + star.rand * 50) > 0.1 ? 1.3 : 0.15;
  return b;
}

/** A star's colour at `age`: white-hot for an instant, its colour, then the second colour if it has one. */
export function starColour(star: Star, age: number): Vec3 {
  const base = star.colour2 && age > star.life * 0.45 ? star.colour2 : star.colour;
  const white = Math.exp(-age / 0.08);
  return [base[0] + (1 - base[0]) * white, base[1] + (1 - base[1]) * white, base[2] + (1 - base[2]) * white];
}

/** The rising shell's position at time t (launch <= t <= burst): it decelerates evenly to rest at the burst. */
export function risePosition(shell: Shell, t: number): Vec3 {
  const T = shell.burstTime - shell.launchTime;
  const u = Math.min(1, Math.max(0, (t - shell.launchTime) / T));
  // Height travelled goes as 1 - (1 - u)^2: full speed at launch, zero at the burst.
  const h = 1 - (1 - u) * (1 - u);
  const l = shell.launch;
  const b = shell.burst;
  return [l[0] + (b[0] - l[0]) * h, l[1] + (b[1] - l[1]) * h, l[2] + (b[2] - l[2]) * h];
}

/** The shell is in the air, burning, or both, at time t. */
export function shellActive(shell: Shell, t: number): boolean {
  return t >= shell.launchTime && t <= shell.endTime;
}

/** The most stars burning or shells rising at once (checked at each launch, where the count can rise), for sizing draw buffers. */
export function peakActiveStars(shells: Shell[]): number {
  let peak = 0;
  for (const a of shells) {
    let n = 0;
    for (const b of shells) if (shellActive(b, a.launchTime)) n += b.stars.length + 1;
    peak = Math.max(peak, n);
  }
  return peak;
}

function weightedPick<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i]!;
    if (x < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

function rotateXY(p: Vec3, about: number, tilt: number): Vec3 {
  // Tilt about the X axis, then turn about Z.
  const [x, y, z] = p;
  const y1 = y * Math.cos(tilt) - z * Math.sin(tilt);
  const z1 = y * Math.sin(tilt) + z * Math.cos(tilt);
  return [x * Math.cos(about) - y1 * Math.sin(about), x * Math.sin(about) + y1 * Math.cos(about), z1];
}
