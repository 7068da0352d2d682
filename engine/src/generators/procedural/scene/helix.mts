/**
 * A DNA double helix: two backbones of beads winding about one axis, a base pair's rung between them at
 * each step (36 degrees a step, ten to a turn, as in B-form DNA, the second strand a little over a third
 * of a turn behind the first so the grooves differ in width), lying across the frame at a slant and
 * turning about its own axis once over the clip, so the loop is seamless. Two instanced meshes.
 */
import * as THREE from 'three/webgpu';
import type { Material } from '../plan/schema.js';
import { makeMaterial } from './common.mjs';

export interface Helix {
  group: THREE.Group;
  update(t: number): void;
}

/** Base pairs along the helix; beads per base pair along each backbone (the backbone reads as a strand). */
const PAIRS = 30;
const BEADS_PER_PAIR = 3;

export function createHelix(length: number, colours: [THREE.Color, THREE.Color, THREE.Color], material: Material, duration: number): Helix {
  const group = new THREE.Group();
  const spin = new THREE.Group();
  group.add(spin);
  const radius = length * 0.07;
  const step = length / PAIRS;
  const turn = (36 * Math.PI) / 180;
  // The second strand trails the first by about 0.4 of a turn (the minor and major grooves).
  const offset = Math.PI * 0.8;
  // One mesh per colour (a material's own colour also drives its glow when it is emissive; an instance
  // colour would not): each strand's beads, and each strand's half of the rungs.
  const sphere = new THREE.SphereGeometry(1, 16, 12);
  const cylinder = new THREE.CylinderGeometry(1, 1, 1, 10, 1);
  const beadMeshes = [0, 1].map((strand) => new THREE.InstancedMesh(sphere, makeMaterial(material, colours[strand as 0 | 1]), PAIRS * BEADS_PER_PAIR));
  const rungMeshes = [colours[2], colours[2].clone().lerp(colours[1], 0.45)].map((c) => new THREE.InstancedMesh(cylinder, makeMaterial(material, c), PAIRS));
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  const strandAt = (u: number, strand: 0 | 1): THREE.Vector3 => {
    const a = u * turn + strand * offset;
    return new THREE.Vector3((u - (PAIRS - 1) / 2) * step, Math.cos(a) * radius, Math.sin(a) * radius);
  };
  for (let i = 0; i < PAIRS; i++) {
    for (const strand of [0, 1] as const) {
      for (let b = 0; b < BEADS_PER_PAIR; b++) {
        const u = i + b / BEADS_PER_PAIR;
        // The bead at a base pair is the larger one (the sugar-phosphate joint), the others smaller links.
        const r = b === 0 ? radius * 0.26 : radius * 0.16;
        m.compose(strandAt(u, strand), q.identity(), s.setScalar(r));
        beadMeshes[strand]!.setMatrixAt(i * BEADS_PER_PAIR + b, m);
      }
    }
    // The rung: two halves (the two bases), each from its strand to the middle, in its own shade.
    const a = strandAt(i, 0);
    const b = strandAt(i, 1);
    const mid = a.clone().add(b).multiplyScalar(0.5);
    for (const [j, end] of [a, b].entries()) {
      const dir = mid.clone().sub(end);
      q.setFromUnitVectors(new THREE.Vector3(0, 1, 0), dir.clone().normalize());
      p.copy(end).add(mid).multiplyScalar(0.5);
      m.compose(p, q, s.set(radius * 0.07, dir.length(), radius * 0.07));
      rungMeshes[j]!.setMatrixAt(i, m);
    }
  }
  spin.add(...beadMeshes, ...rungMeshes);
  // Across the frame at a slant, as it is usually shown.
  group.rotation.z = 0.38;
  group.rotation.y = -0.25;
  const loop = (2 * Math.PI) / Math.max(duration, 0.5);
  return {
    group,
    update(t) {
      spin.rotation.x = t * loop;
    },
  };
}
