/**
 * A roasted coffee bean's shape, shared by its collider (sim/physics.ts) and its mesh
 * (scene/physics.mts): a unit ellipsoid cut flat on one side (-y), with the bean's crease running down the
 * flat face along its length (z), bending once as a real bean's does. Scaled by a body's semi-axes, a bean
 * is about 1 : 0.73 : 0.45 in length, width and thickness.
 */
import { smoothstepJs } from './noise';

/** Where the flat face cuts the unit sphere. */
export const BEAN_FLAT = -0.35;
/** Depth of the crease, from the flat face into the bean. */
const CREASE_DEPTH = 0.3;
/** Half-width of the crease at the flat face. */
const CREASE_HALF_WIDTH = 0.16;

/** The crease's centre line across the flat face (x) at a point along the bean (z in -1..1). */
export function creaseX(z: number): number {
  return 0.1 * Math.sin(z * Math.PI);
}

/**
 * A point of the unit sphere moved onto the bean's surface, and how deep in the crease it lies (0 on the
 * rest of the bean, 1 at the bottom of the crease: the mesh darkens it).
 */
export function beanPoint(x: number, y: number, z: number): { p: [number, number, number]; crease: number } {
  if (y > BEAN_FLAT) return { p: [x, y, z], crease: 0 };
  const across = Math.abs(x - creaseX(z)) / CREASE_HALF_WIDTH;
  // Shallower towards the ends, where the crease closes.
  const along = Math.sqrt(Math.max(0, 1 - z * z));
  const crease = (1 - smoothstepJs(0, 1, across)) * along;
  return { p: [x, BEAN_FLAT + CREASE_DEPTH * crease, z], crease };
}

/** Points whose convex hull is the bean's collider (the crease is concave, so the hull ignores it). */
export function beanHullPoints(half: readonly [number, number, number], rings = 6, segments = 12): Float32Array {
  const out: number[] = [];
  for (let i = 0; i <= rings; i++) {
    const theta = (i / rings) * Math.PI;
    for (let j = 0; j < (i === 0 || i === rings ? 1 : segments); j++) {
      const phi = (j / segments) * Math.PI * 2;
      const { p } = beanPoint(Math.sin(theta) * Math.cos(phi), Math.cos(theta), Math.sin(theta) * Math.sin(phi));
      out.push(p[0] * half[0], p[1] * half[1], p[2] * half[2]);
    }
  }
  return Float32Array.from(out);
}
