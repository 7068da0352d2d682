/**
 * A mechanical metronome facing the lens: a tapering wooden case on a plinth, its front cut away to a
 * brass tempo scale, the pendulum rod pivoting low in the case with a sliding weight on it, swinging from
 * side to side, one beat a swing. metronomeAngle is the pure part: a pendulum's motion at the tempo set,
 * which is the prompt's number of beats a minute (96 unless one is named, 40 to 208 as on the scale).
 */
import * as THREE from 'three/webgpu';
import { makeMaterial, partAdder } from './common.mjs';
import type { Material } from '../plan/schema.js';

/** The tempo scale's ends (beats a minute), as printed on a Maelzel metronome. */
export const TEMPO_RANGE: [number, number] = [40, 208];
/** How far the rod swings to each side (radians, about 28 degrees). */
export const SWING = 0.49;

/**
 * The rod's angle (radians, positive towards -x, the viewer's left) at `t` seconds for `bpm` beats a
 * minute: a beat is one swing from side to side, so a full period is two beats. It passes the centre
 * at the start of each beat, swinging left first.
 */
export function metronomeAngle(t: number, bpm: number): number {
  const beat = 60 / bpm;
  return SWING * Math.sin((Math.PI * t) / beat);
}

export interface Metronome {
  group: THREE.Group;
  height: number;
  update(t: number): void;
}

/** `caseColour` and `material` are the case's (walnut wood unless named). */
export function createMetronome(caseColour: THREE.Color, material: Material, bpm: number): Metronome {
  const tempo = Math.min(TEMPO_RANGE[1], Math.max(TEMPO_RANGE[0], bpm));
  const group = new THREE.Group();
  const wood = makeMaterial(material, caseColour);
  const brass = makeMaterial('gold', '#ffffff');
  const steel = makeMaterial('metal', '#d0d2d6');
  const cream = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#efe6d2'), roughness: 0.6 });
  const dark = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#1b1612'), roughness: 0.5 });
  const add = partAdder(group);

  // The plinth, then the case: a square frustum (a four-sided cylinder turned 45 degrees), flattened front
  // to back.
  const plinth = 0.16;
  add(new THREE.BoxGeometry(1.5, plinth, 1.15), wood).position.y = plinth / 2;
  const caseHeight = 2.35;
  const frustum = new THREE.CylinderGeometry(0.27, 0.92, caseHeight, 4, 1).rotateY(Math.PI / 4);
  frustum.scale(1, 1, 0.75);
  frustum.computeVertexNormals();
  const body = add(frustum, wood);
  body.position.y = plinth + caseHeight / 2;
  add(new THREE.BoxGeometry(0.42, 0.12, 0.34), wood).position.y = plinth + caseHeight + 0.06;

  // The front: a cream panel set in the slope with the brass scale's marks, the pendulum in front of it.
  // The front face runs from z = 0.75 * 0.65 at the foot to 0.75 * 0.19 at the top (the frustum's
  // half-depths), so it leans back by this angle.
  const footZ = 0.92 * Math.SQRT1_2 * 0.75;
  const topZ = 0.27 * Math.SQRT1_2 * 0.75;
  const lean = Math.atan2(footZ - topZ, caseHeight);
  const face = new THREE.Group();
  face.position.set(0, plinth + caseHeight / 2, (footZ + topZ) / 2 + 0.006);
  face.rotation.x = -lean;
  group.add(face);
  add(new THREE.PlaneGeometry(0.34, caseHeight * 0.82), cream, face).position.y = 0.05;
  const marks = 13;
  for (let k = 0; k < marks; k++) {
    const y = -0.7 + (k / (marks - 1)) * 1.55;
    add(new THREE.PlaneGeometry(k % 3 === 0 ? 0.16 : 0.09, 0.012), dark, face).position.set(0.06, y, 0.002);
  }

  // The pendulum: pivoting low on the face; a steel rod up the front with a brass weight on it, its
  // height the tempo (lower is faster, as on the real thing).
  const pivot = new THREE.Group();
  const pivotY = plinth + 0.42;
  pivot.position.set(0, pivotY, footZ - ((pivotY - plinth) / caseHeight) * (footZ - topZ) + 0.07);
  group.add(pivot);
  const rodLength = 2.05;
  const rod = add(new THREE.CylinderGeometry(0.018, 0.018, rodLength, 12), steel, pivot);
  rod.position.y = rodLength / 2 - 0.15;
  // The rod leans back with the face, so it stays in front of it as it swings.
  pivot.rotation.order = 'XZY';
  const share = (tempo - TEMPO_RANGE[0]) / (TEMPO_RANGE[1] - TEMPO_RANGE[0]);
  const weight = add(new THREE.CylinderGeometry(0.09, 0.13, 0.2, 4).rotateY(Math.PI / 4), brass, pivot);
  weight.position.y = 1.75 - share * 1.05;
  add(new THREE.SphereGeometry(0.05, 16, 12), brass, pivot);
  // The key on its side, for winding.
  add(new THREE.CylinderGeometry(0.03, 0.03, 0.2, 12).rotateZ(Math.PI / 2), brass).position.set(0.62, plinth + 0.6, 0);
  add(new THREE.BoxGeometry(0.04, 0.22, 0.14), brass).position.set(0.74, plinth + 0.6, 0);

  return {
    group,
    height: plinth + caseHeight + 0.2,
    update(t) {
      pivot.rotation.set(-lean, 0, metronomeAngle(t, tempo));
    },
  };
}
