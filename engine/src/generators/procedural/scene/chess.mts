/**
 * A chess set in its starting position on a wooden board: the pieces turned on a lathe (the knight a
 * lathe-turned base with a head leaning forward, as a simple Staunton-style knight is), polished ivory and
 * ebony, the board's squares in two woods. Each kind of piece is one instanced mesh per side.
 * startingPosition is the pure part.
 */
import * as THREE from 'three/webgpu';
import { floor, mod, mix, positionLocal, vec3 } from 'three/tsl';
import { mergeParts, partAdder } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export type PieceKind = 'pawn' | 'rook' | 'knight' | 'bishop' | 'queen' | 'king';
/** A square's side (scene units). */
export const SQUARE = 0.5;

/** The 32 pieces of the starting position: file 0..7 (a..h), rank 0..7 (1..8), white on ranks 1 and 2. */
export function startingPosition(): Array<{ kind: PieceKind; white: boolean; file: number; rank: number }> {
  const back: PieceKind[] = ['rook', 'knight', 'bishop', 'queen', 'king', 'bishop', 'knight', 'rook'];
  const out: Array<{ kind: PieceKind; white: boolean; file: number; rank: number }> = [];
  for (let file = 0; file < 8; file++) {
    out.push({ kind: back[file]!, white: true, file, rank: 0 }, { kind: 'pawn', white: true, file, rank: 1 });
    out.push({ kind: 'pawn', white: false, file, rank: 6 }, { kind: back[file]!, white: false, file, rank: 7 });
  }
  return out;
}

/** Lathe profiles (radius, height) per kind, in squares' units (a pawn about 0.9 of a square tall). */
const PROFILES: Record<PieceKind, Array<[number, number]>> = {
  pawn: [[0, 0], [0.36, 0], [0.36, 0.08], [0.3, 0.12], [0.16, 0.2], [0.11, 0.5], [0.2, 0.55], [0.1, 0.6], [0.17, 0.68], [0.19, 0.76], [0.15, 0.86], [0.07, 0.91], [0, 0.92]],
  rook: [[0, 0], [0.38, 0], [0.38, 0.09], [0.31, 0.14], [0.22, 0.24], [0.2, 0.72], [0.27, 0.8], [0.27, 1.04], [0.2, 1.04], [0.2, 0.98], [0, 0.98]],
  knight: [[0, 0], [0.38, 0], [0.38, 0.09], [0.3, 0.14], [0.22, 0.28], [0.24, 0.36], [0, 0.36]],
  bishop: [[0, 0], [0.37, 0], [0.37, 0.09], [0.3, 0.14], [0.17, 0.3], [0.12, 0.82], [0.22, 0.88], [0.12, 0.94], [0.17, 1.08], [0.15, 1.2], [0.08, 1.3], [0.05, 1.34], [0.07, 1.38], [0, 1.42]],
  queen: [[0, 0], [0.4, 0], [0.4, 0.1], [0.32, 0.16], [0.19, 0.34], [0.13, 1.0], [0.25, 1.06], [0.15, 1.12], [0.26, 1.42], [0.2, 1.46], [0.09, 1.5], [0.09, 1.56], [0, 1.6]],
  king: [[0, 0], [0.41, 0], [0.41, 0.1], [0.33, 0.16], [0.2, 0.34], [0.14, 1.08], [0.26, 1.14], [0.16, 1.2], [0.25, 1.48], [0.2, 1.52], [0.08, 1.56], [0, 1.58]],
};

function pieceGeometry(kind: PieceKind): THREE.BufferGeometry {
  const lathe = new THREE.LatheGeometry(PROFILES[kind].map(([r, y]) => new THREE.Vector2(r * SQUARE, y * SQUARE)), 32);
  if (kind === 'knight') {
    // The head: a block leaning forward over the base, a muzzle at its front (towards -z, the other side).
    const neck = new THREE.BoxGeometry(0.26 * SQUARE, 0.62 * SQUARE, 0.4 * SQUARE).rotateX(-0.3).translate(0, 0.64 * SQUARE, 0.02 * SQUARE);
    const muzzle = new THREE.BoxGeometry(0.22 * SQUARE, 0.22 * SQUARE, 0.36 * SQUARE).rotateX(0.35).translate(0, 0.86 * SQUARE, -0.2 * SQUARE);
    return mergeParts([lathe, neck, muzzle]);
  }
  return lathe;
}

export interface ChessSet {
  group: THREE.Group;
  height: number;
  width: number;
}

/** The board centred on the origin, white's side towards +z (the camera's). */
export function createChessSet(): ChessSet {
  const group = new THREE.Group();
  const add = partAdder(group);
  // The board: a frame and the 64 squares, light and dark woods by the square's parity.
  const side = 8 * SQUARE;
  const frame = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#3b2416'), roughness: 0.35 });
  add(new THREE.BoxGeometry(side + 0.5, 0.16, side + 0.5), frame).position.y = 0.08;
  const squares = new THREE.MeshStandardNodeMaterial({ roughness: 0.3, metalness: 0 });
  const p: N = positionLocal;
  const parity: N = mod(floor(p.x.div(SQUARE)).add(floor(p.z.div(SQUARE))), 2);
  squares.colorNode = mix(vec3(0.76, 0.6, 0.4), vec3(0.26, 0.15, 0.08), parity) as N;
  add(new THREE.BoxGeometry(side, 0.02, side).translate(side / 2, 0, side / 2), squares).position.set(-side / 2, 0.17, -side / 2);
  // (The board is centred by the mesh's position; the squares' pattern is read in its local frame, where
  // the board runs from 0 to its side, so the corner square a1 is dark as it should be.)
  // Polished, not clear-coated: a second specular lobe over 32 pieces cost about 50 ms a frame on lavapipe.
  const ivory = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#efe6d2'), roughness: 0.22 });
  const ebony = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#141112'), roughness: 0.22 });
  const pieces = startingPosition();
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const one = new THREE.Vector3(1, 1, 1);
  for (const kind of ['pawn', 'rook', 'knight', 'bishop', 'queen', 'king'] as const) {
    const geometry = pieceGeometry(kind);
    for (const white of [true, false]) {
      const own = pieces.filter((x) => x.kind === kind && x.white === white);
      const mesh = new THREE.InstancedMesh(geometry, white ? ivory : ebony, own.length);
      own.forEach((x, i) => {
        // White's knights face black's side (-z), black's face white's.
        q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), white ? 0 : Math.PI);
        mesh.setMatrixAt(i, m.compose(new THREE.Vector3((x.file - 3.5) * SQUARE, 0.18, (3.5 - x.rank) * SQUARE), q, one));
      });
      mesh.castShadow = mesh.receiveShadow = true;
      group.add(mesh);
    }
  }
  return { group, height: 1.6 * SQUARE + 0.2, width: side + 0.5 };
}
