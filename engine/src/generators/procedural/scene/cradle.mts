/**
 * A Newton's cradle on the desk, facing the lens: five steel balls, each hung by two threads from a pair
 * of rails so that it swings only along the row. An end ball swings in, strikes, and the ball at the
 * other end swings out, and back, and so on; each strike loses a little, so the swing shrinks over the
 * clip. The motion is worked out, not simulated (a rigid-body engine passes the blow through touching
 * balls as a shove of the whole row, not as the wave a cradle shows): cradleAngles is the pure part.
 *
 * Sizes are a desk cradle's (balls 30 mm across on threads 11 cm long, the frame about 18 cm tall) in
 * scene units of 7.5 cm, so that the swing keeps real time: a half swing lasts about a third of a second.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { makeMaterial, partAdder } from './common.mjs';
import type { Material } from '../plan/schema.js';
import { largeSwingFactor } from './pendulum.mjs';

/** Metres per scene unit. */
const METRES = 0.075;
export const CRADLE_BALLS = 5;
/** A ball's radius and a thread's reach (pivot to ball centre), in scene units. */
export const BALL_RADIUS = 0.2;
export const THREAD_LENGTH = 1.5;
/** How far out the first ball is pulled (radians, about 32 degrees). */
export const RELEASE = 0.56;
/** What one strike keeps of the swing's amplitude (steel on steel and air together). */
export const KEEP = 0.985;
/** How much of the swing the ball next to the moving one makes: the blow does not pass through perfectly. */
export const NEIGHBOUR = 0.035;
const G = 9.81 / METRES;

/** The period of a pendulum of THREAD_LENGTH swinging to `amplitude` radians. */
export function swingPeriod(amplitude: number): number {
  const small = 2 * Math.PI * Math.sqrt(THREAD_LENGTH / G);
  return small * largeSwingFactor(amplitude);
}

/**
 * Every ball's angle (radians; positive swings towards +x, the right) at `t` seconds of the cradle's own
 * time. Swing k (from 0) is the left ball's when k is even and the right ball's when odd: out from rest
 * and back to the strike, in half a period, to an amplitude RELEASE * KEEP^k. `phase` (0 to 1) is where in
 * the first swing the clip starts.
 */
export function cradleAngles(t: number, phase = 0): number[] {
  const angles = new Array<number>(CRADLE_BALLS).fill(0);
  let amplitude = RELEASE;
  let local = t + phase * (swingPeriod(RELEASE) / 2);
  let k = 0;
  // Bounded: after this many strikes the swing is a millionth of a degree.
  while (k < 20000) {
    const half = swingPeriod(amplitude) / 2;
    if (local < half) break;
    local -= half;
    amplitude *= KEEP;
    k++;
  }
  const swing = amplitude * Math.sin((Math.PI * local) / (swingPeriod(amplitude) / 2));
  const side = k % 2 === 0 ? -1 : 1;
  const end = side < 0 ? 0 : CRADLE_BALLS - 1;
  angles[end] = side * swing;
  angles[end - side] = side * swing * NEIGHBOUR;
  return angles;
}

/** Where ball i hangs from (its pivot's x), the row centred on x = 0 and the balls just touching. */
export function pivotX(i: number): number {
  return (i - (CRADLE_BALLS - 1) / 2) * 2 * BALL_RADIUS;
}

export interface NewtonsCradle {
  group: THREE.Group;
  height: number;
  /** Across its base. */
  width: number;
  /** Sets the balls' swing for `t` seconds into the clip (scene time: slow motion has already slowed it). */
  update(t: number): void;
}

/** `material` is the balls' (chrome unless named), `baseColour` the base's. */
export function createNewtonsCradle(material: Material, baseColour: THREE.Color, seed: number): NewtonsCradle {
  const group = new THREE.Group();
  const steel = makeMaterial(material, new THREE.Color('#ffffff'));
  const frameMetal = makeMaterial('chrome', new THREE.Color('#ffffff'));
  // Satin lacquer: standard, not clear-coated (a second specular lobe over the base's area costs on software).
  const base = new THREE.MeshStandardNodeMaterial({ color: baseColour, roughness: 0.32, metalness: 0 });
  const thread = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#e8e6e0'), roughness: 0.6 });
  const add = partAdder(group);

  const baseHeight = 0.18;
  const halfLength = 1.9;
  const halfDepth = 0.55;
  const ballY = baseHeight + 0.38 + BALL_RADIUS;
  const pivotY = ballY + THREAD_LENGTH;
  add(new RoundedBoxGeometry(2 * halfLength + 0.45, baseHeight, 2 * halfDepth + 0.5, 3, 0.04), base).position.y = baseHeight / 2;
  // Four posts and the two rails the threads hang from.
  const postHeight = pivotY - baseHeight;
  for (const x of [-halfLength, halfLength]) {
    for (const z of [-halfDepth, halfDepth]) {
      add(new THREE.CylinderGeometry(0.035, 0.035, postHeight, 16), frameMetal).position.set(x, baseHeight + postHeight / 2, z);
      add(new THREE.SphereGeometry(0.05, 16, 12), frameMetal).position.set(x, pivotY, z);
    }
  }
  for (const z of [-halfDepth, halfDepth]) {
    add(new THREE.CylinderGeometry(0.03, 0.03, 2 * halfLength, 16).rotateZ(Math.PI / 2), frameMetal).position.set(0, pivotY, z);
  }

  // Each pendulum: a group pivoting about the line through its two anchor points (the z axis), the ball
  // below it and a thread from each rail down to the ball's eye.
  const ball = new THREE.SphereGeometry(BALL_RADIUS, 48, 32);
  const eyeY = -THREAD_LENGTH + BALL_RADIUS * 0.96;
  const threadLength = Math.hypot(halfDepth, eyeY);
  const threadGeometry = new THREE.CylinderGeometry(0.007, 0.007, threadLength, 6);
  const pendulums: THREE.Group[] = [];
  for (let i = 0; i < CRADLE_BALLS; i++) {
    const pendulum = new THREE.Group();
    pendulum.position.set(pivotX(i), pivotY, 0);
    add(ball, steel, pendulum).position.y = -THREAD_LENGTH;
    add(new THREE.TorusGeometry(0.03, 0.008, 8, 16), frameMetal, pendulum).position.y = eyeY + 0.02;
    for (const z of [-halfDepth, halfDepth]) {
      const strand = add(threadGeometry, thread, pendulum);
      strand.castShadow = false;
      // From (0, 0, z) to (0, eyeY, 0): tilted about x towards the middle.
      strand.position.set(0, eyeY / 2, z / 2);
      strand.rotation.x = Math.atan2(z, -eyeY);
    }
    group.add(pendulum);
    pendulums.push(pendulum);
  }

  const phase = (Math.abs(seed) % 97) / 97;
  return {
    group,
    height: pivotY + 0.06,
    width: 2 * halfLength + 0.45,
    update(t) {
      const angles = cradleAngles(t, phase);
      for (let i = 0; i < CRADLE_BALLS; i++) pendulums[i]!.rotation.z = angles[i]!;
    },
  };
}
