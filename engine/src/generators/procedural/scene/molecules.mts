/**
 * Science B-roll: ball-and-stick molecules drifting and turning in a field (atoms as glossy spheres in the
 * usual model-kit colours, carbon grey, oxygen red, nitrogen blue, hydrogen white, joined by bonds), and a
 * Bohr-model atom (a cluster of protons and neutrons with electrons circling on three tilted orbits, each
 * orbit a faint ring of light). Molecules are built by a pure function: a backbone of carbons (a chain or
 * a six-ring) with other atoms bonded on, hydrogens filling the rest.
 */
import * as THREE from 'three/webgpu';
import { exp, length, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export type Element = 'C' | 'O' | 'N' | 'H';

/** Model-kit colours (CPK), and radii in bond lengths. */
export const ELEMENTS: Record<Element, { colour: string; radius: number }> = {
  C: { colour: '#3a3d42', radius: 0.32 },
  O: { colour: '#d8352a', radius: 0.3 },
  N: { colour: '#3057d8', radius: 0.31 },
  H: { colour: '#eef0f2', radius: 0.2 },
};

export interface Molecule {
  atoms: Array<{ element: Element; at: [number, number, number] }>;
  bonds: Array<[number, number]>;
}

/** A small organic-looking molecule: a chain of 2 to 5 carbons or a six-ring, a few O or N, hydrogens round. Pure. */
export function buildMolecule(rand: () => number): Molecule {
  const atoms: Molecule['atoms'] = [];
  const bonds: Molecule['bonds'] = [];
  const ring = rand() < 0.4;
  const n = ring ? 6 : 2 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    // A ring: a hexagon of bond length 1; a chain: a zigzag.
    const at: [number, number, number] = ring ? [Math.cos((i / 6) * Math.PI * 2), Math.sin((i / 6) * Math.PI * 2), 0] : [i * 0.82, i % 2 === 0 ? 0 : 0.58, 0];
    atoms.push({ element: 'C', at });
    if (i > 0) bonds.push([i - 1, i]);
  }
  if (ring) bonds.push([n - 1, 0]);
  // Each backbone atom gets outward neighbours: a heteroatom now and then, else hydrogens.
  const backbone = atoms.length;
  for (let i = 0; i < backbone; i++) {
    const [x, y] = atoms[i]!.at;
    const out = ring ? new THREE.Vector3(x, y, 0).normalize() : new THREE.Vector3(0, i % 2 === 0 ? -1 : 1, 0);
    const slots = ring ? 1 : i === 0 || i === backbone - 1 ? 3 : 2;
    for (let k = 0; k < slots; k++) {
      const spread = slots === 1 ? 0 : (k / (slots - 1) - 0.5) * 2.1;
      const dir = out.clone().applyAxisAngle(new THREE.Vector3(0, 0, 1), ring ? 0 : spread * 0.5).add(new THREE.Vector3(0, 0, slots === 1 ? 0 : spread * 0.6)).normalize();
      const r = rand();
      const element: Element = r < 0.14 ? 'O' : r < 0.22 ? 'N' : 'H';
      const len = element === 'H' ? 0.72 : 0.95;
      atoms.push({ element, at: [x + dir.x * len, y + dir.y * len, dir.z * len] });
      bonds.push([i, atoms.length - 1]);
    }
  }
  // Centred on its middle.
  const c = atoms.reduce<[number, number, number]>((a, t) => [a[0] + t.at[0] / atoms.length, a[1] + t.at[1] / atoms.length, a[2] + t.at[2] / atoms.length], [0, 0, 0]);
  for (const t of atoms) t.at = [t.at[0] - c[0], t.at[1] - c[1], t.at[2] - c[2]];
  return { atoms, bonds };
}

export interface Drift {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** `count` molecules scattered through a box `size` across, drifting and turning slowly. */
export function createMolecules(rand: () => number, count: number, size: [number, number, number]): Drift {
  const group = new THREE.Group();
  const sphere = new THREE.SphereGeometry(1, 24, 16);
  const stick = new THREE.CylinderGeometry(0.09, 0.09, 1, 10, 1, true).translate(0, 0.5, 0);
  const mats = Object.fromEntries((Object.keys(ELEMENTS) as Element[]).map((e) => [e, new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color(ELEMENTS[e].colour), roughness: 0.18, clearcoat: 1, clearcoatRoughness: 0.08 })])) as Record<Element, THREE.MeshPhysicalNodeMaterial>;
  const bondMat = new THREE.MeshStandardNodeMaterial({ color: 0xb9bcc2, roughness: 0.35, metalness: 0.2 });
  const items = Array.from({ length: count }, (_, i) => {
    const mol = buildMolecule(rand);
    const g = new THREE.Group();
    for (const a of mol.atoms) {
      const m = new THREE.Mesh(sphere, mats[a.element]);
      m.position.set(...a.at);
      m.scale.setScalar(ELEMENTS[a.element].radius);
      g.add(m);
    }
    const up = new THREE.Vector3(0, 1, 0);
    for (const [a, b] of mol.bonds) {
      const pa = new THREE.Vector3(...mol.atoms[a]!.at);
      const pb = new THREE.Vector3(...mol.atoms[b]!.at);
      const m = new THREE.Mesh(stick, bondMat);
      m.position.copy(pa);
      m.quaternion.setFromUnitVectors(up, pb.clone().sub(pa).normalize());
      m.scale.set(1, pa.distanceTo(pb), 1);
      g.add(m);
    }
    // The first one large and near the middle, the rest spread through the box.
    const base = i === 0 ? new THREE.Vector3(0, 0, size[2] * 0.15) : new THREE.Vector3((rand() - 0.5) * size[0], (rand() - 0.5) * size[1], (rand() - 0.5) * size[2]);
    g.scale.setScalar(i === 0 ? 1.3 : 0.7 + rand() * 0.5);
    group.add(g);
    return { g, base, axis: new THREE.Vector3(rand() - 0.5, rand() - 0.5, rand() - 0.5).normalize(), spin: 0.15 + rand() * 0.25, phase: rand() * 6.283 };
  });
  return {
    group,
    update(t) {
      for (const it of items) {
        it.g.position.set(it.base.x + Math.sin(t * 0.3 + it.phase) * 0.3, it.base.y + Math.sin(t * 0.23 + it.phase * 2) * 0.25, it.base.z);
        it.g.quaternion.setFromAxisAngle(it.axis, t * it.spin + it.phase);
      }
    },
  };
}

/** Where electron k of an orbit is at time t: the orbit's own plane, turned by its tilt. Pure. */
export function electronAt(radius: number, tilt: [number, number], speed: number, phase: number, t: number): [number, number, number] {
  const a = t * speed + phase;
  const p = new THREE.Vector3(Math.cos(a) * radius, 0, Math.sin(a) * radius);
  p.applyEuler(new THREE.Euler(tilt[0], 0, tilt[1]));
  return [p.x, p.y, p.z];
}

/** A Bohr-model atom: nucleons in a cluster, three tilted orbits with an electron or two each. */
export function createAtom(rand: () => number, colour: THREE.Color): Drift {
  const group = new THREE.Group();
  const sphere = new THREE.SphereGeometry(1, 24, 16);
  const proton = new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#d8352a'), roughness: 0.25, clearcoat: 1 });
  const neutron = new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#8f9aa8'), roughness: 0.25, clearcoat: 1 });
  const nucleus = new THREE.Group();
  // Packed on a sphere's surface and inside it (a golden-angle spiral), alternating kinds.
  const nucleons = 14;
  for (let i = 0; i < nucleons; i++) {
    const y = 1 - (i / (nucleons - 1)) * 2;
    const r = Math.sqrt(1 - y * y);
    const a = i * 2.399963;
    const m = new THREE.Mesh(sphere, i % 2 === 0 ? proton : neutron);
    m.position.set(Math.cos(a) * r * 0.42, y * 0.42, Math.sin(a) * r * 0.42);
    m.scale.setScalar(0.3);
    nucleus.add(m);
  }
  group.add(nucleus);
  const glow = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const d: N = length(uv().sub(0.5)).mul(2);
  glow.colorNode = vec4(vec3(colour.r, colour.g, colour.b).mul(exp(d.mul(d).mul(-6))).mul(2.2).add(vec3(exp(d.mul(d).mul(-40)).mul(2))), 1) as N;
  const orbits = [0, 1, 2].map((k) => ({ radius: 2.4 + k * 0.35, tilt: [0.35 + k * 1.0, 0.5 - k * 0.45] as [number, number], speed: 1.6 - k * 0.3, electrons: k === 0 ? 2 : 1, phase: rand() * 6.283 }));
  const electrons: Array<{ mesh: THREE.Mesh; orbit: (typeof orbits)[number]; phase: number }> = [];
  for (const o of orbits) {
    // The orbit: a thin ring of light in its plane.
    const ringMat = new THREE.MeshBasicNodeMaterial({ color: colour.clone().multiplyScalar(0.55), transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
    const ring = new THREE.Mesh(new THREE.TorusGeometry(o.radius, 0.012, 6, 160), ringMat);
    // (In the xz plane, as electronAt's orbit, then tilted the same way.)
    ring.geometry.rotateX(Math.PI / 2);
    ring.rotation.set(o.tilt[0], 0, o.tilt[1]);
    group.add(ring);
    for (let e = 0; e < o.electrons; e++) {
      const m = new THREE.Mesh(new THREE.PlaneGeometry(0.7, 0.7), glow);
      m.renderOrder = 4;
      group.add(m);
      electrons.push({ mesh: m, orbit: o, phase: o.phase + (e * Math.PI * 2) / o.electrons });
    }
  }
  return {
    group,
    update(t, camera) {
      nucleus.rotation.set(t * 0.2, t * 0.3, 0);
      for (const e of electrons) {
        const [x, y, z] = electronAt(e.orbit.radius, e.orbit.tilt, e.orbit.speed, e.phase, t);
        e.mesh.position.set(x, y, z);
        e.mesh.quaternion.copy(camera.quaternion);
      }
    },
  };
}
