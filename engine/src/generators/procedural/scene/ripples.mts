/**
 * Ripples on still water: drops falling on a lake's surface in front of the lens, each setting off a ring
 * of small waves that spreads and dies away (rain on a lake, raindrops in a puddle, a drip on a calm
 * pool). The drops' places and times are a pure plan; the rings are a normal perturbation on the water's
 * shader, from the drops in flight at the frame (the latest few dozen, passed as a uniform array).
 */
import * as THREE from 'three/webgpu';
import { Fn, If, Loop, cos, exp, float, max, positionWorld, uniform, uniformArray, vec2 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** How long a ring lives (s), how fast it spreads (m/s), the ripples' wavelength (m). */
export const RING_LIFE = 1.6;
export const RING_SPEED = 0.45;
const WAVELENGTH = 0.11;
/** Rings drawn at once: the shader's loop. */
export const RING_SLOTS = 24;

export interface Impact {
  x: number;
  z: number;
  t: number;
  /** Size of the drop: the ring's height. */
  size: number;
}

/**
 * Drops falling at `rate` a second over `duration` s (and a ring's life before, so the first frame has
 * rings), spread over a patch of water `half` metres each side of (cx, cz). Pure.
 */
export function planImpacts(rand: () => number, rate: number, duration: number, centre: [number, number], half: [number, number]): Impact[] {
  const n = Math.round((duration + RING_LIFE) * rate);
  const out = Array.from({ length: n }, () => ({ x: centre[0] + (rand() * 2 - 1) * half[0], z: centre[1] + (rand() * 2 - 1) * half[1], t: -RING_LIFE + rand() * (duration + RING_LIFE), size: 0.5 + rand() * 0.5 }));
  return out.sort((a, b) => a.t - b.t);
}

/** The rings alive at time t, newest first, at most `slots` of them. Pure. */
export function liveRings(impacts: readonly Impact[], t: number, slots: number): Impact[] {
  const out: Impact[] = [];
  for (let i = impacts.length - 1; i >= 0 && out.length < slots; i--) {
    const age = t - impacts[i]!.t;
    if (age >= 0 && age < RING_LIFE) out.push(impacts[i]!);
  }
  return out;
}

/** The slope a ring puts on the water at distance r from its centre, age s after the drop (dh/dr). Pure. */
export function ringSlope(r: number, age: number, size: number): number {
  const front = RING_SPEED * age;
  const width = 0.06 + age * 0.09;
  const k = (2 * Math.PI) / WAVELENGTH;
  const d = r - front;
  // A packet of waves at the ring's front, fading as it spreads (energy over a longer ring) and with age.
  return size * Math.exp(-age * 1.6) * Math.exp(-(d * d) / (width * width)) * k * Math.cos(k * d) * 0.06 / (1 + r * 2);
}

export interface RippleField {
  /** The slope the rings put on the water (d height / dx, d height / dz) where the pixel is. */
  slope: N;
  update(t: number): void;
}

export function createRippleField(impacts: readonly Impact[], centre: [number, number], half: [number, number]): RippleField {
  // x, z, drop time, size; unused slots far away with size 0.
  const slots = Array.from({ length: RING_SLOTS }, () => new THREE.Vector4(1e5, 1e5, -100, 0));
  const rings = uniformArray(slots);
  const now = uniform(0);
  const k = (2 * Math.PI) / WAVELENGTH;
  // In TSL, the same sum as ringSlope over the slots.
  const slope: N = Fn(() => {
    const sx = float(0).toVar();
    const sz = float(0).toVar();
    const t: N = now;
    // Only over the patch the drops fall on (and a ring's reach beyond it): elsewhere the loop is skipped,
    // which a software rasteriser does per pixel (it cost 100 ms a frame at 720p run everywhere).
    const reach = RING_SPEED * RING_LIFE + 0.3;
    const inside: N = positionWorld.x.sub(centre[0]).abs().lessThan(half[0] + reach).and(positionWorld.z.sub(centre[1]).abs().lessThan(half[1] + reach));
    If(inside, () => {
    Loop(RING_SLOTS, ({ i }: { i: N }) => {
      const ring: N = rings.element(i);
      const dx: N = positionWorld.x.sub(ring.x);
      const dz: N = positionWorld.z.sub(ring.y);
      const r: N = max(vec2(dx, dz).length(), 0.001);
      const age: N = max(t.sub(ring.z), 0);
      const front: N = age.mul(RING_SPEED);
      const width: N = age.mul(0.09).add(0.06);
      const d: N = r.sub(front);
      const s: N = ring.w.mul(exp(age.mul(-1.6))).mul(exp(d.mul(d).div(width.mul(width)).negate())).mul(cos(d.mul(k))).mul(k * 0.06).div(r.mul(2).add(1));
      sx.addAssign(s.mul(dx.div(r)));
      sz.addAssign(s.mul(dz.div(r)));
    });
    });
    return vec2(sx, sz);
  })();
  return {
    slope,
    update(t) {
      now.value = t;
      const live = liveRings(impacts, t, RING_SLOTS);
      slots.forEach((v, i) => {
        const ring = live[i];
        if (ring) v.set(ring.x, ring.z, ring.t, ring.size);
        else v.set(1e5, 1e5, -100, 0);
      });
    },
  };
}
