/**
 * A decorated Christmas tree: a fir of stacked, drooping tiers, a garland of small lights spiralling up it
 * and twinkling (each in its own rhythm, warm white or the festive colours), glossy baubles hung round it,
 * and a gold star glowing on top; it turns slowly, as on a stand. Light and bauble places are pure.
 */
import * as THREE from 'three/webgpu';
import { float, hash, instanceIndex, sin, uniform, vec3 } from 'three/tsl';
import { mergeParts, paintVertices, perInstanceColour } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The tree's height and its radius at the foot of the lowest tier (units). */
export const TREE_HEIGHT = 4.2;
export const TREE_RADIUS = 1.6;

/** The tree's radius at height y (0 at the foot of the tiers, up to the tip): a cone. Pure. */
export function treeRadiusAt(y: number): number {
  return TREE_RADIUS * Math.max(0, 1 - y / TREE_HEIGHT);
}

/** Points on the tree's surface, just outside it: a garland spiralling `turns` times up it. Pure. */
export function garland(count: number, turns: number): Array<[number, number, number]> {
  return Array.from({ length: count }, (_, i) => {
    const u = (i + 0.5) / count;
    const y = 0.15 + u * (TREE_HEIGHT - 0.45);
    const a = u * turns * Math.PI * 2;
    const r = treeRadiusAt(y) + 0.04;
    return [Math.cos(a) * r, y, Math.sin(a) * r];
  });
}

/** Baubles scattered over the surface, none too near another. Pure. */
export function baubles(rand: () => number, count: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let tries = 0; out.length < count && tries < count * 40; tries++) {
    const y = 0.3 + rand() * (TREE_HEIGHT - 1.1);
    const a = rand() * Math.PI * 2;
    const r = treeRadiusAt(y) + 0.02;
    const p: [number, number, number] = [Math.cos(a) * r, y - 0.1, Math.sin(a) * r];
    if (out.every((o) => Math.hypot(o[0] - p[0], o[1] - p[1], o[2] - p[2]) > 0.42)) out.push(p);
  }
  return out;
}

/** The fir: eight tiers of drooping cones, darker inside, on a trunk. */
function firGeometry(): THREE.BufferGeometry {
  const parts: THREE.BufferGeometry[] = [paintVertices(new THREE.CylinderGeometry(0.09, 0.13, 0.6, 8).translate(0, -0.2, 0), new THREE.Color('#3b2a1e'))];
  const tiers = 8;
  for (let k = 0; k < tiers; k++) {
    const y0 = (k / tiers) * TREE_HEIGHT * 0.92;
    const h = TREE_HEIGHT * 0.26;
    const r = treeRadiusAt(y0) * 1.05;
    const cone = new THREE.ConeGeometry(r, h, 28, 3, true);
    // Droop: the skirt's edge pulled down and ragged.
    const p = cone.getAttribute('position') as THREE.BufferAttribute;
    for (let i = 0; i < p.count; i++) {
      const yy = p.getY(i);
      if (yy < -h / 2 + 1e-3) {
        const a = Math.atan2(p.getZ(i), p.getX(i));
        p.setY(i, yy - 0.1 - 0.07 * Math.sin(a * 14 + k));
      }
    }
    cone.computeVertexNormals();
    cone.translate(0, y0 + h / 2, 0);
    parts.push(paintVertices(cone, (v) => new THREE.Color('#0c2414').lerp(new THREE.Color('#1f4a27'), Math.min(1, Math.max(0, (v.y - y0) / h)))));
  }
  return mergeParts(parts);
}

export interface ChristmasTree {
  group: THREE.Group;
  update(t: number): void;
}

export function createChristmasTree(rand: () => number, colours: readonly THREE.Color[]): ChristmasTree {
  const group = new THREE.Group();
  const spin = new THREE.Group();
  group.add(spin);
  const fir = new THREE.Mesh(firGeometry(), new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.85 }));
  spin.add(fir);
  // The lights: small glowing beads, warm white mostly, a share in the festive colours, twinkling.
  const spots = garland(260, 7);
  const time = uniform(0);
  const lightMat = new THREE.MeshBasicNodeMaterial();
  const twinkle: N = sin(time.mul(hash(instanceIndex.add(1)).mul(3).add(1.5)).add(hash(instanceIndex.add(2)).mul(6.283))).mul(0.35).add(0.75);
  const warm = new THREE.Color('#ffd9a0');
  const bulbColours = spots.map(() => (rand() < 0.65 ? warm : colours[Math.floor(rand() * colours.length)]!));
  const bulb: N = perInstanceColour(bulbColours);
  lightMat.colorNode = bulb.mul(twinkle).mul(float(2.4)) as N;
  const lights = new THREE.InstancedMesh(new THREE.SphereGeometry(0.035, 8, 6), lightMat, spots.length);
  const m = new THREE.Matrix4();
  spots.forEach((p, i) => {
    m.makeTranslation(p[0], p[1], p[2]);
    lights.setMatrixAt(i, m);
  });
  spin.add(lights);
  // Baubles: glossy, red and gold (and the palette's first colour).
  const balls = baubles(rand, 34);
  const baubleColours = [new THREE.Color('#b3121b'), new THREE.Color('#d4a537'), colours[0] ?? new THREE.Color('#b3121b')];
  const baubleMesh = new THREE.InstancedMesh(new THREE.SphereGeometry(0.12, 16, 12), new THREE.MeshStandardNodeMaterial({ roughness: 0.15, metalness: 0.7 }), balls.length);
  balls.forEach((p, i) => {
    m.makeTranslation(p[0], p[1], p[2]);
    baubleMesh.setMatrixAt(i, m);
    baubleMesh.setColorAt(i, baubleColours[i % baubleColours.length]!);
  });
  spin.add(baubleMesh);
  // The star on top: five points, gold, glowing.
  const shape = new THREE.Shape();
  for (let i = 0; i < 10; i++) {
    const a = Math.PI / 2 + (i * Math.PI) / 5;
    const r = i % 2 === 0 ? 0.3 : 0.13;
    if (i === 0) shape.moveTo(Math.cos(a) * r, Math.sin(a) * r);
    else shape.lineTo(Math.cos(a) * r, Math.sin(a) * r);
  }
  shape.closePath();
  const starMat = new THREE.MeshStandardNodeMaterial({ color: 0xd9a93a, roughness: 0.3, metalness: 0.8 });
  starMat.emissiveNode = vec3(1.4, 1.0, 0.35).mul(sin(time.mul(1.7)).mul(0.15).add(0.85)) as N;
  const star = new THREE.Mesh(new THREE.ExtrudeGeometry(shape, { depth: 0.06, bevelEnabled: false }).translate(0, 0, -0.03), starMat);
  star.position.set(0, TREE_HEIGHT + 0.15, 0);
  spin.add(star);
  return {
    group,
    update(t) {
      time.value = t;
      // On a turning stand: a full turn in about 40 s.
      spin.rotation.y = t * ((Math.PI * 2) / 40);
    },
  };
}
