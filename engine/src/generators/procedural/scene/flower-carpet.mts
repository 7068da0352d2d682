/**
 * A meadow's flowers as the ground sees them: specks of the flowers' colours over the grass, so that a
 * flower field still reads as one from a drone, where the stalks' heads are too few and too small. The
 * specks blend into the field's average tint with distance (specks smaller than a pixel would shimmer).
 */
import * as THREE from 'three/webgpu';
import { cameraPosition, distance, float, floor, fract, hash, length, mix, positionWorld, smoothstep, step, vec2, vec3 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Clumps of flowers are this far apart on the ground (m): a cell of this size holds one or none. (Seen
 * from a drone's height a clump a little under half a metre across is a few pixels at 720p.) */
const CELL = 0.5;

/** The ground's colour with the flowers over `grass` (a colour node): `share` of the cells carry one. */
export function flowerCarpet(grass: N, colours: readonly THREE.Color[], share: number, seed: number): N {
  const cell: N = floor(positionWorld.xz.div(CELL));
  // Positive and under 2^24 (hash() takes an unsigned integer: negative cells all hashed alike, and a
  // float holds integers exactly only that far): the terrain is 700 m across, 1,400 cells.
  const key: N = cell.x.add(1200).add(cell.y.add(1200).mul(2411)).add(seed % 97);
  // A round flower in the cell, off its centre a little (a square cell read as a tile near the lens).
  const local: N = fract(positionWorld.xz.div(CELL)).sub(0.5).sub(vec2(hash(key.add(5)), hash(key.add(9))).sub(0.5).mul(0.3));
  const radius: N = hash(key.add(13)).mul(0.14).add(0.14);
  const has: N = step(hash(key), float(share)).mul(float(1).sub(smoothstep(radius.sub(0.06), radius, length(local))));
  // Which colour: a chain of mixes by a second hash (a handful of colours; no lookup texture needed).
  const pick: N = hash(key.add(17));
  let flower: N = vec3(colours[0]!.r, colours[0]!.g, colours[0]!.b);
  colours.slice(1).forEach((c, i) => {
    flower = mix(flower, vec3(c.r, c.g, c.b), step(float((i + 1) / colours.length), pick));
  });
  let average = new THREE.Color(0, 0, 0);
  for (const c of colours) average.add(c.clone().multiplyScalar(1 / colours.length));
  // (A clump covers about a sixth of its cell.)
  const cover = share * Math.PI * 0.21 * 0.21;
  average = average.multiplyScalar(cover);
  const far: N = smoothstep(20, 70, distance(cameraPosition, positionWorld));
  const near: N = mix(grass, flower, has);
  const tinted: N = grass.mul(1 - cover).add(vec3(average.r, average.g, average.b));
  return mix(near, tinted, far);
}
