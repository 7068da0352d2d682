/**
 * Particle systems (rain, snow, leaves, petals, confetti, money, embers, dust, bokeh, sparks, bubbles) integrated on the CPU at a fixed
 * step, independent of the output frame rate: gravity, wind with gusts, and quadratic drag towards
 * each kind's terminal velocity. Particles live in a box around the shot and wrap or respawn inside
 * it, so the density stays constant however long the clip is. Deterministic from the seed.
 */
import { stream, type Rng } from './rng';
import type { ParticleKind } from '../plan/schema';

export interface ParticleBox {
  center: [number, number, number];
  size: [number, number, number];
}

export interface ParticleKindSpec {
  /** Count at density 1 for a 1280x720 shot's box. */
  maxCount: number;
  /** Multiplier on gravity (negative rises, e.g. embers). */
  gravity: number;
  /** Quadratic drag coefficient: terminal speed = sqrt(g / drag). */
  drag: number;
  /** How strongly the wind moves it (0..1). */
  windResponse: number;
  /** Random accelerations (turbulence), m/s^2. */
  turbulence: number;
  /** Lifetime in seconds (0: lives until it leaves the box). */
  life: number;
  size: [number, number];
  /** Flat cards that spin as they fall (leaves, petals), drawn in 3D instead of as billboards or streaks. */
  tumbles?: true;
  /** Where in the box's height they start, as fractions from its floor (fireflies keep low). */
  band?: [number, number];
}

export const PARTICLE_SPECS: Record<ParticleKind, ParticleKindSpec> = {
  rain: { maxCount: 2600, gravity: 1, drag: 0.11, windResponse: 0.35, turbulence: 0.2, life: 0, size: [0.012, 0.018] },
  // Heavy snow is thick: at 2,600 flakes the near box read as a few stray ones.
  snow: { maxCount: 6000, gravity: 1, drag: 9, windResponse: 0.9, turbulence: 0.6, life: 0, size: [0.05, 0.1] },
  leaves: { maxCount: 600, gravity: 1, drag: 4, windResponse: 1, turbulence: 2.2, life: 0, size: [0.2, 0.34], tumbles: true },
  // Lighter than leaves: they drift more than they fall.
  // Larger than life (a real petal is 1 to 2 cm): at B-roll distances that size would not read.
  petals: { maxCount: 1400, gravity: 0.7, drag: 6, windResponse: 1.2, turbulence: 2.6, life: 0, size: [0.14, 0.24], tumbles: true },
  // Paper squares: they flutter down slower than leaves and catch the light as they turn. Larger than life
  // (1 to 2 cm) for the same reason as petals.
  confetti: { maxCount: 1600, gravity: 0.8, drag: 7, windResponse: 1, turbulence: 3, life: 0, size: [0.09, 0.15], tumbles: true },
  embers: { maxCount: 500, gravity: -0.25, drag: 2.5, windResponse: 0.6, turbulence: 2.5, life: 3.2, size: [0.012, 0.03] },
  dust: { maxCount: 900, gravity: 0.01, drag: 30, windResponse: 0.4, turbulence: 0.15, life: 0, size: [0.006, 0.018] },
  bokeh: { maxCount: 110, gravity: 0, drag: 40, windResponse: 0.15, turbulence: 0.08, life: 0, size: [0.15, 0.5] },
  // Soap bubbles: nearly weightless, they drift and rise a little on the air. Larger than life (a real one
  // is 3 to 9 cm) for the same reason as petals.
  bubbles: { maxCount: 140, gravity: -0.04, drag: 14, windResponse: 0.8, turbulence: 0.35, life: 0, size: [0.28, 0.75] },
  // Fireflies wander slowly near the ground, each blinking on its own rhythm (scene/particles.mts). Larger
  // than life for the same reason as petals.
  fireflies: { maxCount: 420, gravity: 0, drag: 2.5, windResponse: 0.05, turbulence: 1.1, life: 0, size: [0.2, 0.34], band: [0.02, 0.35] },
  // Banknotes: paper as confetti is, but larger sheets that sail and flutter down more slowly. Larger than
  // life (a dollar bill is 16 cm) for the same reason as petals.
  money: { maxCount: 700, gravity: 0.6, drag: 9, windResponse: 1, turbulence: 2.4, life: 0, size: [0.3, 0.42], tumbles: true },
  sparks: { maxCount: 700, gravity: 1, drag: 0.6, windResponse: 0.1, turbulence: 0.3, life: 1.4, size: [0.015, 0.03] },
};

export const PARTICLE_STEP = 1 / 60;

export class ParticleSystem {
  readonly kind: ParticleKind;
  readonly count: number;
  readonly spec: ParticleKindSpec;
  /** x,y,z per particle. */
  readonly pos: Float32Array;
  readonly vel: Float32Array;
  /** Age in seconds, and per-particle random (size, spin, colour pick). */
  readonly age: Float32Array;
  readonly rand: Float32Array;
  /** Spin angle (leaves) in radians. */
  readonly spin: Float32Array;
  private readonly rng: Rng;
  private time = 0;
  /** Bursts waiting to be emitted (sparks from splashes). */
  private readonly bursts: Array<{ at: number; origin: [number, number, number]; strength: number }> = [];
  private nextBurstSlot = 0;

  constructor(
    kind: ParticleKind,
    density: number,
    readonly box: ParticleBox,
    readonly wind: number,
    readonly gravity: number,
    seed: number,
    /** Scales the count, e.g. for small test renders. */
    countScale = 1,
    /** Particles whose life ends start again anywhere in the box, not at its edge (a field of embers). */
    readonly respawnAnywhere = false,
  ) {
    this.kind = kind;
    this.spec = PARTICLE_SPECS[kind];
    this.count = Math.max(1, Math.round(this.spec.maxCount * density * countScale));
    this.pos = new Float32Array(this.count * 3);
    this.vel = new Float32Array(this.count * 3);
    this.age = new Float32Array(this.count);
    this.rand = new Float32Array(this.count);
    this.spin = new Float32Array(this.count);
    this.rng = stream(seed, `particles:${kind}`);
    for (let i = 0; i < this.count; i++) this.spawn(i, true);
    if (kind === 'sparks') for (let i = 0; i < this.count; i++) this.age[i] = this.spec.life + 1; // dormant until a burst
  }

  /** Terminal fall speed for this kind under gravity. */
  terminalSpeed(): number {
    return Math.sqrt((Math.abs(this.spec.gravity) * this.gravity) / this.spec.drag);
  }

  private spawn(i: number, anywhere: boolean): void {
    const { center, size } = this.box;
    const r = this.rng;
    const o = i * 3;
    this.pos[o] = center[0] + (r.next() - 0.5) * size[0];
    this.pos[o + 2] = center[2] + (r.next() - 0.5) * size[2];
    const band = this.spec.band;
    const yFrac = band ? band[0] + r.next() * (band[1] - band[0]) : anywhere ? r.next() : this.spec.gravity >= 0 ? 1 : 0;
    this.pos[o + 1] = center[1] + (yFrac - 0.5) * size[1];
    const vt = this.spec.gravity !== 0 ? this.terminalSpeed() : 0;
    this.vel[o] = this.wind * this.spec.windResponse * 6;
    this.vel[o + 1] = -Math.sign(this.spec.gravity) * vt * (0.8 + 0.2 * r.next());
    this.vel[o + 2] = 0;
    this.age[i] = this.spec.life > 0 ? r.next() * this.spec.life : 0;
    this.rand[i] = r.next();
    this.spin[i] = r.next() * Math.PI * 2;
  }

  /** Queue a burst of sparks/droplets at a time (clip seconds) and place. */
  burst(at: number, origin: [number, number, number], strength: number): void {
    this.bursts.push({ at, origin, strength });
    this.bursts.sort((a, b) => a.at - b.at);
  }

  /** Advance to clip time `t` in fixed steps. */
  advanceTo(t: number): void {
    while (this.time + PARTICLE_STEP <= t + 1e-9) {
      this.step(PARTICLE_STEP);
      this.time += PARTICLE_STEP;
    }
  }

  private step(dt: number): void {
    const { spec } = this;
    const g = this.gravity * spec.gravity;
    const half = this.box.size.map((s) => s / 2) as [number, number, number];
    const c = this.box.center;
    // Gusts: the wind breathes slowly, the same for every particle.
    const gust = 1 + 0.35 * Math.sin(this.time * 0.7) + 0.2 * Math.sin(this.time * 1.9 + 1.3);
    const windX = this.wind * 6 * spec.windResponse * gust;
    while (this.bursts.length && this.bursts[0]!.at <= this.time) this.emitBurst(this.bursts.shift()!);
    for (let i = 0; i < this.count; i++) {
      const o = i * 3;
      if (spec.life > 0 && this.age[i]! > spec.life) {
        if (this.kind === 'sparks') continue; // dormant
        this.spawn(i, this.respawnAnywhere);
        if (this.respawnAnywhere) this.age[i] = 0;
      }
      this.age[i]! += dt;
      const vx = this.vel[o]! - windX;
      const vy = this.vel[o + 1]!;
      const vz = this.vel[o + 2]!;
      const speed = Math.hypot(vx, vy, vz);
      const k = spec.drag * speed;
      const r = this.rng;
      const turb = spec.turbulence;
      this.vel[o] = this.vel[o]! + (-k * vx + (r.next() - 0.5) * turb * 2) * dt;
      this.vel[o + 1] = this.vel[o + 1]! + (-g - k * vy + (r.next() - 0.5) * turb * 2) * dt;
      this.vel[o + 2] = this.vel[o + 2]! + (-k * vz + (r.next() - 0.5) * turb * 2) * dt;
      this.pos[o] = this.pos[o]! + this.vel[o]! * dt;
      this.pos[o + 1] = this.pos[o + 1]! + this.vel[o + 1]! * dt;
      this.pos[o + 2] = this.pos[o + 2]! + this.vel[o + 2]! * dt;
      this.spin[i] = this.spin[i]! + dt * (1 + this.rand[i]! * 3) * (this.spec.tumbles ? 1.5 : 0.3);
      if (this.kind === 'sparks') continue;
      // Wrap horizontally, respawn at the top (or bottom for rising kinds) when leaving vertically.
      for (const axis of [0, 2]) {
        const d = this.pos[o + axis]! - c[axis]!;
        if (d > half[axis]!) this.pos[o + axis] = this.pos[o + axis]! - 2 * half[axis]!;
        else if (d < -half[axis]!) this.pos[o + axis] = this.pos[o + axis]! + 2 * half[axis]!;
      }
      const dy = this.pos[o + 1]! - c[1];
      if (dy < -half[1] || dy > half[1]) this.spawn(i, false);
    }
  }

  private emitBurst(b: { origin: [number, number, number]; strength: number }): void {
    const n = Math.min(this.count, Math.round(60 * b.strength));
    for (let k = 0; k < n; k++) {
      const i = this.nextBurstSlot;
      this.nextBurstSlot = (this.nextBurstSlot + 1) % this.count;
      const o = i * 3;
      const a = this.rng.next() * Math.PI * 2;
      const up = 2.5 + this.rng.next() * 3.5 * b.strength;
      const out = 0.6 + this.rng.next() * 1.6;
      this.pos[o] = b.origin[0];
      this.pos[o + 1] = b.origin[1];
      this.pos[o + 2] = b.origin[2];
      this.vel[o] = Math.cos(a) * out;
      this.vel[o + 1] = up;
      this.vel[o + 2] = Math.sin(a) * out;
      this.age[i] = 0;
    }
  }

  /** Whether particle i should be drawn now. */
  alive(i: number): boolean {
    if (this.kind === 'sparks') return this.age[i]! <= this.spec.life && this.pos[i * 3 + 1]! > this.box.center[1] - this.box.size[1] / 2;
    return true;
  }
}
