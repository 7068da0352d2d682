/**
 * Stage lighting in haze: moving-head lights on a truss above the frame throwing beams down through the
 * dark, each sweeping on its own slow figure of pan and tilt, in the palette's colours; or laser beams, thin
 * and bright, fanning and scanning. The beams are open cones drawn additively, bright along the middle of
 * their silhouette and fading with length, as light scattered by haze looks. Where each beam points at a
 * time is a pure function (beamDirection).
 */
import * as THREE from 'three/webgpu';
import { abs, dot, exp, float, normalView, positionViewDirection, pow, uv } from 'three/tsl';
import { perInstanceColour } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** How far a beam reaches (scene units) and its width at that reach, for stage beams and for lasers. */
const BEAM = { length: 22, spread: 1.5 };
const LASER = { length: 30, spread: 0.12 };

/**
 * The unit direction beam k of n points in at time t: down and towards the lens, swept side to side and
 * up and down on its own phase (pan up to about 35 degrees, tilt about 15), lasers faster. Pure.
 */
export function beamDirection(k: number, n: number, t: number, laser = false): [number, number, number] {
  const rate = laser ? 0.55 : 0.32;
  const phase = (k / Math.max(1, n)) * Math.PI * 2;
  // Beams of one side lean outwards at rest, so the rig fans.
  const rest = n > 1 ? ((k / (n - 1)) * 2 - 1) * 0.35 : 0;
  const pan = rest + 0.6 * Math.sin(rate * t + phase);
  const tilt = 0.5 + 0.26 * Math.sin(rate * 0.7 * t + phase * 1.7);
  // Tilt measured from straight down towards the lens (+z); pan about the vertical.
  const x = Math.sin(tilt) * Math.sin(pan);
  const z = Math.sin(tilt) * Math.cos(pan);
  return [x, -Math.cos(tilt), z];
}

export interface StageLights {
  group: THREE.Group;
  update(t: number): void;
}

/** `count` fixtures spread over `width` on a truss at height `top`, in `colours` round the rig. */
export function createStageLights(count: number, colours: THREE.Color[], width: number, top: number, laser: boolean): StageLights {
  const group = new THREE.Group();
  const dims = laser ? LASER : BEAM;
  // A cone with its apex at the origin, opening along -y (rotated onto each beam's direction).
  const cone = new THREE.CylinderGeometry(laser ? 0.02 : 0.12, dims.spread, dims.length, 32, 1, true).translate(0, -dims.length / 2, 0);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  // Brightest through the middle of the silhouette (where the eye looks through most haze), fading along the beam.
  const facing: N = pow(abs(dot(normalView, positionViewDirection)), laser ? 6 : 2.2);
  const along: N = exp(float(1).sub(uv().y).mul(laser ? -1.2 : -3));
  const colour: N = perInstanceColour(Array.from({ length: count }, (_, k) => colours[k % colours.length]!));
  material.colorNode = colour.mul(facing).mul(along).mul(laser ? 2.4 : 0.4) as N;
  const beams = new THREE.InstancedMesh(cone, material, count);
  beams.frustumCulled = false;
  group.add(beams);
  // The fixtures' lenses: small glowing discs at the beams' apexes.
  const lensMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false });
  lensMat.colorNode = colour.mul(laser ? 3 : 2.2) as N;
  const lenses = new THREE.InstancedMesh(new THREE.SphereGeometry(laser ? 0.08 : 0.22, 16, 8), lensMat, count);
  lenses.frustumCulled = false;
  group.add(lenses);
  const anchors = Array.from({ length: count }, (_, k) => new THREE.Vector3(count > 1 ? ((k / (count - 1)) * 2 - 1) * width * 0.5 : 0, top, -2));
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const down = new THREE.Vector3(0, -1, 0);
  const dir = new THREE.Vector3();
  const one = new THREE.Vector3(1, 1, 1);
  for (let k = 0; k < count; k++) {
    m4.makeTranslation(anchors[k]!.x, anchors[k]!.y, anchors[k]!.z);
    lenses.setMatrixAt(k, m4);
  }
  return {
    group,
    update(t) {
      for (let k = 0; k < count; k++) {
        dir.set(...beamDirection(k, count, t, laser));
        q.setFromUnitVectors(down, dir);
        m4.compose(anchors[k]!, q, one);
        beams.setMatrixAt(k, m4);
      }
      beams.instanceMatrix.needsUpdate = true;
    },
  };
}
