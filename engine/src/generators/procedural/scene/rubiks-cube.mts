/**
 * A Rubik's cube being solved: it starts scrambled and its faces turn, a quarter turn at a time, until it
 * is solved as the clip ends, then holds. The scramble is the seed's sequence of face turns; the clip
 * plays its inverse, so the last turn lands every sticker home. The cube's state after each turn is
 * worked out exactly (integer positions, quarter-turn rotations), so however long the clip, the cubies
 * stay on their grid (cubeStates is the pure part).
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import type { Material } from '../plan/schema.js';

/** A quarter turn of the outer layer at `layer` (-1 or 1) along `axis` (0 x, 1 y, 2 z), `dir` +1 or -1 (right-handed about the axis). */
export interface Turn {
  axis: 0 | 1 | 2;
  layer: -1 | 1;
  dir: 1 | -1;
}

/** Each cubie: where it is (integers -1..1) and how it is turned. */
export interface CubieState {
  position: THREE.Vector3;
  rotation: THREE.Quaternion;
}

/** Seconds a turn takes, and the pause after it. */
export const TURN_SECONDS = 0.45;
export const PAUSE_SECONDS = 0.12;
/** The cube holds solved for this long at the end of the clip. */
export const HOLD_SECONDS = 0.8;

const AXES = [new THREE.Vector3(1, 0, 0), new THREE.Vector3(0, 1, 0), new THREE.Vector3(0, 0, 1)];

/** The solved cube: 27 cubies on the grid, unturned. */
export function solvedCube(): CubieState[] {
  const cubies: CubieState[] = [];
  for (let x = -1; x <= 1; x++) for (let y = -1; y <= 1; y++) for (let z = -1; z <= 1; z++) cubies.push({ position: new THREE.Vector3(x, y, z), rotation: new THREE.Quaternion() });
  return cubies;
}

/** The cubies `turn` moves: those in its layer. */
export function inLayer(c: CubieState, turn: Turn): boolean {
  return Math.round(c.position.getComponent(turn.axis)) === turn.layer;
}

/** `cube` with `turn` applied by `fraction` of a quarter turn (1: the whole turn, snapped to the grid). */
export function applyTurn(cube: CubieState[], turn: Turn, fraction = 1): CubieState[] {
  const q = new THREE.Quaternion().setFromAxisAngle(AXES[turn.axis]!, (turn.dir * Math.PI * fraction) / 2);
  return cube.map((c) => {
    if (!inLayer(c, turn)) return c;
    const position = c.position.clone().applyQuaternion(q);
    const rotation = q.clone().multiply(c.rotation);
    if (fraction === 1) {
      position.set(Math.round(position.x), Math.round(position.y), Math.round(position.z));
      rotation.normalize();
    }
    return { position, rotation };
  });
}

/** The inverse of a turn. */
export const undo = (t: Turn): Turn => ({ axis: t.axis, layer: t.layer, dir: (-t.dir) as 1 | -1 });

/** A scramble of `count` turns from the seed's stream, never turning the same face twice running. */
export function scramble(count: number, next: () => number): Turn[] {
  const turns: Turn[] = [];
  while (turns.length < count) {
    const t: Turn = { axis: Math.floor(next() * 3) as 0 | 1 | 2, layer: next() < 0.5 ? -1 : 1, dir: next() < 0.5 ? -1 : 1 };
    const last = turns[turns.length - 1];
    if (last && last.axis === t.axis && last.layer === t.layer) continue;
    turns.push(t);
  }
  return turns;
}

/** The states before each of `turns` and after the last (turns.length + 1 of them), from `start`. */
export function cubeStates(start: CubieState[], turns: Turn[]): CubieState[][] {
  const states = [start];
  for (const t of turns) states.push(applyTurn(states[states.length - 1]!, t));
  return states;
}

/** How many turns fit a clip of `seconds` with the hold at its end (at least 3, at most 25). */
export function turnsFor(seconds: number): number {
  return Math.max(3, Math.min(25, Math.floor((seconds - HOLD_SECONDS) / (TURN_SECONDS + PAUSE_SECONDS))));
}

/** Which turn is under way at `t` and how far (eased 0..1); past the last, the count of turns and 1. */
export function turnAt(t: number, count: number): { index: number; progress: number } {
  const step = TURN_SECONDS + PAUSE_SECONDS;
  const index = Math.floor(Math.max(0, t) / step);
  if (index >= count) return { index: count, progress: 1 };
  const x = Math.min(1, (t - index * step) / TURN_SECONDS);
  // Eased in and out, as a hand turns a face.
  return { index, progress: x * x * (3 - 2 * x) };
}

export interface RubiksCube {
  group: THREE.Group;
  height: number;
  update(t: number): void;
}

/** Sticker colours by the face they start on: +x, -x, +y, -y, +z, -z. */
const FACE_COLOURS = ['#c41e2a', '#ff6a13', '#f4f4f0', '#ffd21f', '#0f9d48', '#1553b4'];

/** `seconds`: the clip's length in scene time (the cube is solved by its end); `next`: the seed's stream. */
export function createRubiksCube(material: Material, seconds: number, next: () => number): RubiksCube {
  const group = new THREE.Group();
  const pitch = 0.64;
  // Standard, not clear-coated: the cube fills much of the frame, and a second specular lobe over every
  // sticker and edge cost about 100 ms a frame at 720p on lavapipe.
  const body = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#101012'), roughness: 0.35 });
  const cubies = new THREE.InstancedMesh(new RoundedBoxGeometry(0.62, 0.62, 0.62, 3, 0.06), body, 27);
  cubies.castShadow = cubies.receiveShadow = true;
  const stickerMaterial = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#ffffff'), roughness: material === 'matte' ? 0.8 : 0.28 });
  const stickerGeometry = new RoundedBoxGeometry(0.52, 0.52, 0.02, 2, 0.05);
  // The stickers each ride a cubie: (cubie index, local matrix, colour).
  const stickers: Array<{ cubie: number; local: THREE.Matrix4 }> = [];
  const solved = solvedCube();
  const colours: THREE.Color[] = [];
  solved.forEach((c, i) => {
    for (let axis = 0; axis < 3; axis++) {
      for (const side of [1, -1]) {
        if (Math.round(c.position.getComponent(axis)) !== side) continue;
        const normal = AXES[axis]!.clone().multiplyScalar(side);
        const local = new THREE.Matrix4().compose(
          normal.clone().multiplyScalar(0.311),
          new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 0, 1), normal),
          new THREE.Vector3(1, 1, 1),
        );
        stickers.push({ cubie: i, local });
        colours.push(new THREE.Color(FACE_COLOURS[axis * 2 + (side > 0 ? 0 : 1)]!));
      }
    }
  });
  const stickerMesh = new THREE.InstancedMesh(stickerGeometry, stickerMaterial, stickers.length);
  colours.forEach((c, i) => stickerMesh.setColorAt(i, c));
  stickerMesh.castShadow = false;
  // Stickers first: the cubie faces under them then fail the depth test instead of being shaded and
  // painted over (about half the cube's pixels).
  stickerMesh.renderOrder = -1;
  stickerMesh.receiveShadow = true;
  const cube = new THREE.Group();
  cube.add(cubies, stickerMesh);
  // Standing on the floor, turned so a corner leads and three faces show.
  cube.position.y = pitch * 1.5 + 0.01;
  cube.rotation.y = Math.PI / 4;
  group.add(cube);

  const count = turnsFor(seconds);
  const scrambled = scramble(count, next);
  const start = cubeStates(solvedCube(), scrambled)[count]!;
  const solving = scrambled.slice().reverse().map(undo);
  const states = cubeStates(start, solving);

  const m = new THREE.Matrix4();
  const world: THREE.Matrix4[] = Array.from({ length: 27 }, () => new THREE.Matrix4());
  const p = new THREE.Vector3();
  const one = new THREE.Vector3(1, 1, 1);
  return {
    group,
    height: pitch * 3 + 0.4,
    update(t) {
      const { index, progress } = turnAt(t, count);
      const now = index < count ? applyTurn(states[index]!, solving[index]!, progress) : states[count]!;
      now.forEach((c, i) => {
        p.copy(c.position).multiplyScalar(pitch);
        world[i]!.compose(p, c.rotation, one);
        cubies.setMatrixAt(i, world[i]!);
      });
      stickers.forEach((s, i) => stickerMesh.setMatrixAt(i, m.multiplyMatrices(world[s.cubie]!, s.local)));
      cubies.instanceMatrix.needsUpdate = true;
      stickerMesh.instanceMatrix.needsUpdate = true;
    },
  };
}
