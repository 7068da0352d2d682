/**
 * Cells under a fluorescence microscope: a dark field of round cells, their cytoplasm glowing faintly in
 * the stain's colour with a brighter membrane, each nucleus a blue glow (as a DNA stain shows it), the
 * cells drifting and turning in the medium. A few divide during the clip: the cell stretches, pinches in
 * at its waist and parts into two daughters, each with its own nucleus, which drift apart. Cells out of
 * the focal plane are softer. Each cell is a card drawn by its shader from a handful of numbers worked out
 * on the CPU for the frame (cellState and daughters, the pure part), so any frame draws alone.
 */
import * as THREE from 'three/webgpu';
import { abs, float, instancedBufferAttribute, length, max, min, mix, normalize, smoothstep, texture, uv, vec2, vec3, vec4 } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Seconds a division takes, from the first stretch to two cells apart. */
export const DIVISION_SECONDS = 3.5;

export interface CellSeed {
  x: number;
  y: number;
  vx: number;
  vy: number;
  radius: number;
  angle: number;
  spin: number;
  /** When it starts dividing (seconds; beyond the clip for most cells). */
  divideAt: number;
  /** How far from the focal plane (0 sharp, 1 soft). */
  blur: number;
  /** Length over width: cells are rarely quite round. */
  elongation: number;
}

export interface CellState {
  x: number;
  y: number;
  angle: number;
  /** 0: one round cell; 1: two daughters just parted; above 1 they drift further apart. */
  split: number;
}

/** Where cell `c` is at `t` seconds, in a field `width` x `height` (wrapping at its edges), and how far divided. */
export function cellState(c: CellSeed, t: number, width: number, height: number): CellState {
  const wrap = (v: number, span: number) => ((((v + span / 2) % span) + span) % span) - span / 2;
  const split = Math.max(0, (t - c.divideAt) / DIVISION_SECONDS);
  return { x: wrap(c.x + c.vx * t, width), y: wrap(c.y + c.vy * t, height), angle: c.angle + c.spin * t, split };
}

/**
 * The centres of a dividing cell's two halves (along its axis, in cell radii from its centre) and their
 * radius, so that the two together keep the cell's area: each half of the area once parted.
 */
export function daughters(split: number): { offset: number; radius: number } {
  const s = Math.min(split, 1);
  const radius = 1 / Math.sqrt(1 + s);
  // Centres part to just touching at s = 1; beyond, they drift on apart (slowly).
  const offset = s * radius + Math.max(0, split - 1) * 0.4;
  return { offset, radius };
}

export interface Cells {
  mesh: THREE.InstancedMesh;
  update(t: number): void;
}

/** `count` cells in a `width` x `height` field (the view's size at its distance); `stain` the cytoplasm's glow. */
export function createCells(seed: number, rand: () => number, count: number, width: number, height: number, stain: THREE.Color, duration: number): Cells {
  const n = Math.max(1, Math.min(120, count));
  const mean = Math.sqrt((width * height) / n) * 0.32;
  const cells: CellSeed[] = Array.from({ length: n }, () => ({
    x: (rand() - 0.5) * width,
    y: (rand() - 0.5) * height,
    vx: (rand() - 0.5) * mean * 0.12,
    vy: (rand() - 0.5) * mean * 0.12,
    radius: mean * (0.75 + 0.5 * rand()),
    angle: rand() * Math.PI * 2,
    spin: (rand() - 0.5) * 0.15,
    // About one cell in five divides, starting somewhere in the clip's first two thirds.
    divideAt: rand() < 0.22 ? rand() * Math.max(0.1, duration * 0.66 - 0.5) : 1e9,
    blur: rand() < 0.3 ? 0.5 + 0.5 * rand() : rand() * 0.2,
    elongation: 1 + 0.35 * rand(),
  }));
  // Per card: how far it has parted (0..1), its daughters' radius and their centres' offset, from
  // daughters() each frame; its blur and a number for its texture (fixed).
  const division = new Float32Array(n * 3);
  const divisionAttr = new THREE.InstancedBufferAttribute(division, 3).setUsage(THREE.DynamicDrawUsage);
  // The card's span in cell radii: room for two daughters apart for a cell that divides in the clip, a
  // margin round it for one that does not (most of them: their cards cover a third of the area, and the
  // field is drawn additively, every layer of it shaded).
  const spans = cells.map((c) => (c.divideAt < 1e8 ? 4.4 : 3));
  const fixedAttr = new THREE.InstancedBufferAttribute(Float32Array.from(cells.flatMap((c, i) => [c.blur, rand() * 10, spans[i]!])), 3);
  const tex = noiseTexture(seed, 256, 8, 4);
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const halves: N = instancedBufferAttribute(divisionAttr);
  const fx: N = instancedBufferAttribute(fixedAttr);
  // p: the position on the card in cell radii, in the cell's own frame.
  const p: N = uv().sub(0.5).mul(fx.z);
  const s: N = halves.x;
  const r: N = halves.y;
  const off: N = halves.z;
  const d1: N = length(p.sub(vec2(off, 0)));
  const d2: N = length(p.add(vec2(off, 0)));
  // A smooth union of the two halves: a waist that pinches in as they part.
  const k: N = float(0.45).mul(float(1).sub(s)).add(0.02);
  const h: N = max(k.sub(abs(d1.sub(d2))), 0).div(k);
  // The outline wanders a little round the cell (noise read on the direction from the centre: no seam).
  const wobble: N = texture(tex, normalize(p).mul(0.22).add(vec2(fx.y.mul(0.37), fx.y.mul(0.11)))).g.sub(0.5).mul(0.22);
  const dist: N = min(d1, d2).sub(h.mul(h).mul(k).mul(0.25)).div(r).mul(float(1).add(wobble));
  const soft: N = fx.x.mul(0.25).add(0.04);
  const inside: N = float(1).sub(smoothstep(float(1).sub(soft), float(1).add(soft), dist));
  const membrane: N = float(1).sub(smoothstep(0, soft.add(0.04), abs(dist.sub(0.95))));
  // Cytoplasm mottled by noise at two scales; brighter towards the edge (the stain gathers under the membrane).
  const grain: N = texture(tex, p.mul(0.16).add(vec2(fx.y, fx.y.mul(0.7)))).r.mul(0.6).add(texture(tex, p.mul(0.5).add(fx.y)).b.mul(0.4));
  const body: N = inside.mul(smoothstep(0.25, 0.75, grain).mul(0.7).add(0.15)).mul(smoothstep(0.2, 1.0, dist).mul(0.6).add(0.4));
  // Nuclei: one near the centre, two once the cell has begun to part (each going with its daughter),
  // their chromatin mottled.
  const nucleusAt = (sign: number): N => length(p.sub(vec2(off.mul(sign).add(0.12), 0.08)).div(r.mul(0.36)));
  const edge = (d: N): N => float(1).sub(smoothstep(float(1).sub(soft.mul(1.5)), float(1).add(soft.mul(1.5)), d));
  const chromatin: N = texture(tex, p.mul(0.9).add(fx.y.mul(1.3))).r.mul(0.6).add(0.4);
  const nucleus: N = max(edge(nucleusAt(1)), edge(nucleusAt(-1))).mul(inside);
  const c = vec3(stain.r, stain.g, stain.b);
  const dna = vec3(0.12, 0.25, 1.0);
  const blurDim: N = float(1).sub(fx.x.mul(0.45));
  const cytoplasm: N = c.mul(body.mul(0.75).add(membrane.mul(0.45)));
  mat.colorNode = vec4(mix(cytoplasm, dna.mul(chromatin).mul(0.9), nucleus.mul(0.8)).mul(blurDim), 1) as N;
  const mesh = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), mat, n);
  mesh.frustumCulled = false;
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const z = new THREE.Vector3(0, 0, 1);
  const at = new THREE.Vector3();
  const size = new THREE.Vector3();
  return {
    mesh,
    update(t) {
      cells.forEach((cell, i) => {
        // Wrapping a little beyond the view, so that a cell leaves it whole before it comes back.
        const now = cellState(cell, t, width + mean * 4, height + mean * 4);
        m.compose(at.set(now.x, now.y, 0), q.setFromAxisAngle(z, now.angle), size.set(cell.radius * cell.elongation * spans[i]!, cell.radius * spans[i]!, 1));
        mesh.setMatrixAt(i, m);
        const { offset, radius } = daughters(now.split);
        division.set([Math.min(now.split, 1), radius, offset], i * 3);
      });
      mesh.instanceMatrix.needsUpdate = true;
      divisionAttr.needsUpdate = true;
    },
  };
}
