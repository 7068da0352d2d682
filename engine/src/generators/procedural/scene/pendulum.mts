/**
 * Pendulums on a wooden stand. One: a brass bob on a rod, swinging side to side across the lens. Several:
 * a pendulum wave, bobs on threads of graded lengths hung in a row from one bar, released together; each
 * makes one more swing than the one before it in a cycle of WAVE_CYCLE seconds, so the row snakes,
 * splits into two and three rows, scrambles and comes back into line at the end of the cycle.
 *
 * The motion is worked out, not simulated (a pendulum's period is known in closed form, and the wave
 * depends on the periods being exactly those): pendulumAngle and wavePeriods are the pure part. Sizes are
 * real (the longest thread about 56 cm, the single pendulum's rod 48 cm) in scene units of 20 cm, so the
 * swings keep real time; each thread's length is worked out from its period, the swing's amplitude
 * included.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { makeMaterial, partAdder } from './common.mjs';
import type { Material } from '../plan/schema.js';

/** Metres per scene unit. */
const METRES = 0.2;
const G = 9.81;
/** Seconds after which the wave's pendulums are all in line again. */
export const WAVE_CYCLE = 30;
/** Swings the longest pendulum makes in one cycle; pendulum i makes WAVE_BASE + i. */
export const WAVE_BASE = 20;
/** Release angles (radians): about 17 degrees for the wave, 23 for the single pendulum. */
export const WAVE_AMPLITUDE = 0.3;
export const SINGLE_AMPLITUDE = 0.4;
/** The single pendulum's period (seconds). */
export const SINGLE_PERIOD = 1.4;
/** Seconds for the swing to fall to 1/e (air on a small bob; a clip loses a few per cent). */
export const DECAY = 150;

/** Periods (seconds) of a wave of `count` pendulums, longest first. */
export function wavePeriods(count: number): number[] {
  return Array.from({ length: count }, (_, i) => WAVE_CYCLE / (WAVE_BASE + i));
}

/**
 * How much longer than the small-swing period (2 pi sqrt(L/g)) a pendulum takes swinging to `amplitude`
 * radians: the first two terms of the elliptic integral's series, within a millionth up to 0.6 rad.
 */
export function largeSwingFactor(amplitude: number): number {
  return 1 + (amplitude * amplitude) / 16 + (11 * amplitude ** 4) / 3072;
}

/** The length (metres) that swings with `period` seconds at `amplitude` radians. */
export function lengthForPeriod(period: number, amplitude: number): number {
  return G * (period / (2 * Math.PI * largeSwingFactor(amplitude))) ** 2;
}

/** A pendulum's angle at `t` seconds after its release from `amplitude`, with its period and the air's drag. */
export function pendulumAngle(period: number, amplitude: number, t: number): number {
  return amplitude * Math.exp(-t / DECAY) * Math.cos((2 * Math.PI * t) / period);
}

export interface Pendulums {
  group: THREE.Group;
  height: number;
  width: number;
  /** Sets every pendulum's angle for `t` seconds into the clip (scene time). */
  update(t: number): void;
}

/**
 * `count` pendulums (1: the single one); `material` is the bobs' (brass unless named), `woodColour` the
 * stand's. `seed` picks how far into the cycle the clip starts: at the release, or some seconds on.
 */
export function createPendulums(count: number, material: Material, woodColour: THREE.Color, seed: number): Pendulums {
  const group = new THREE.Group();
  const add = partAdder(group);
  const bobMaterial = makeMaterial(material, new THREE.Color('#c9a24a'));
  const wood = new THREE.MeshStandardNodeMaterial({ color: woodColour, roughness: 0.45, metalness: 0 });
  const thread = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#dedbd2'), roughness: 0.7 });
  const single = count <= 1;
  const amplitude = single ? SINGLE_AMPLITUDE : WAVE_AMPLITUDE;
  const periods = single ? [SINGLE_PERIOD] : wavePeriods(count);
  const lengths = periods.map((p) => lengthForPeriod(p, amplitude) / METRES);
  const longest = Math.max(...lengths);
  const bobRadius = (single ? 0.045 : 0.022) / METRES;
  const spacing = single ? 0 : 0.056 / METRES;
  const baseHeight = 0.12;
  const pivotY = baseHeight + 0.35 + bobRadius + longest;
  const halfRow = ((count - 1) * spacing) / 2;
  const halfWidth = halfRow + (single ? 0.9 : 0.45);
  // Deep enough for the swing: the single pendulum swings across (along x), the row's along z.
  const reach = longest * Math.sin(amplitude) + bobRadius;
  const halfDepth = single ? 0.45 : reach + 0.2;
  const halfSpan = single ? Math.max(halfWidth, reach + 0.4) : halfWidth;
  add(new RoundedBoxGeometry(2 * halfSpan, baseHeight, 2 * halfDepth, 3, 0.03), wood).position.y = baseHeight / 2;
  // Two uprights and the bar across them.
  for (const x of [-halfSpan + 0.12, halfSpan - 0.12]) {
    add(new RoundedBoxGeometry(0.14, pivotY - baseHeight + 0.1, 0.14, 2, 0.02), wood).position.set(x, (pivotY + baseHeight + 0.1) / 2, 0);
  }
  add(new RoundedBoxGeometry(2 * halfSpan - 0.1, 0.1, 0.12, 2, 0.02), wood).position.set(0, pivotY + 0.05, 0);

  const pendulums: THREE.Group[] = [];
  const bob = new THREE.SphereGeometry(bobRadius, 40, 28);
  for (let i = 0; i < periods.length; i++) {
    const pendulum = new THREE.Group();
    pendulum.position.set(single ? 0 : -halfRow + i * spacing, pivotY, 0);
    const length = lengths[i]!;
    // The single pendulum hangs on a brass rod, the wave's bobs on threads.
    const rod = single ? new THREE.CylinderGeometry(0.025, 0.025, length, 12) : new THREE.CylinderGeometry(0.006, 0.006, length, 6);
    const hanger = add(rod, single ? bobMaterial : thread, pendulum);
    hanger.position.y = -length / 2;
    hanger.castShadow = single;
    add(bob, bobMaterial, pendulum).position.y = -length;
    group.add(pendulum);
    pendulums.push(pendulum);
  }

  // The clip starts at the release, or 3, 6 or 9 seconds into the cycle.
  const start = single ? 0 : (Math.abs(seed) % 4) * 3;
  return {
    group,
    height: pivotY + 0.1,
    width: 2 * halfSpan,
    update(t) {
      for (let i = 0; i < pendulums.length; i++) {
        const angle = pendulumAngle(periods[i]!, amplitude, start + t);
        if (single) pendulums[i]!.rotation.z = angle;
        else pendulums[i]!.rotation.x = angle;
      }
    },
  };
}
