/**
 * A hexagon pattern background (honeycomb, "hex tech" motion graphics): a honeycomb of cells outlined in
 * light, tilted a little away from the lens; rings of light spread across it from a point off centre,
 * lighting the cells they cross, and here and there a cell glows and fades on its own. One card, the whole
 * pattern a shader, drawn additively over the field.
 */
import * as THREE from 'three/webgpu';
import { abs, dot, float, hash, length, max, mix, mod, select, sin, smoothstep, uniform, uv, vec2, vec3 } from 'three/tsl';
import type { FacingCard } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Cells across the card. */
const ACROSS = 22;
const ROOT3 = Math.sqrt(3);

/**
 * Which cell of a pointy-topped honeycomb (unit distance between neighbouring centres along x) a point is in,
 * and where in it: the cell's centre and the offset from it. Pure: the shader below does the same in TSL.
 */
export function hexCell(x: number, y: number): { centre: [number, number]; offset: [number, number] } {
  const m = (v: number, d: number) => v - d * Math.floor(v / d);
  const a: [number, number] = [m(x, 1) - 0.5, m(y, ROOT3) - ROOT3 / 2];
  const b: [number, number] = [m(x - 0.5, 1) - 0.5, m(y - ROOT3 / 2, ROOT3) - ROOT3 / 2];
  const offset = a[0] ** 2 + a[1] ** 2 < b[0] ** 2 + b[1] ** 2 ? a : b;
  return { centre: [x - offset[0], y - offset[1]], offset };
}

/** How far a point is towards its cell's edge: 0 at the centre, 0.5 on the edge (hexagonal distance). Pure. */
export function hexEdgeDistance(offset: [number, number]): number {
  const ax = Math.abs(offset[0]);
  const ay = Math.abs(offset[1]);
  return Math.max(ax, ax * 0.5 + ay * (ROOT3 / 2));
}

export function createHexagons(width: number, height: number, colours: [THREE.Color, THREE.Color], seed: number): FacingCard {
  const time = uniform(0);
  const scale = ACROSS / width;
  // Offset well into positive coordinates: mod() on negatives differs between shading languages.
  const p: N = vec2(uv().x.mul(width * scale), uv().y.mul(height * scale)).add(64);
  const r = vec2(1, ROOT3);
  const a: N = mod(p, r).sub(r.mul(0.5));
  const b: N = mod(p.sub(r.mul(0.5)), r).sub(r.mul(0.5));
  const offset: N = select(dot(a, a).lessThan(dot(b, b)), a, b);
  const id: N = p.sub(offset);
  const key: N = id.x.mul(2).add(id.y.mul(37.1)).add(seed % 89).floor();
  const ax: N = abs(offset);
  const edgeDistance: N = max(ax.x, ax.x.mul(0.5).add(ax.y.mul(ROOT3 / 2)));
  // The outline: a thin line at the edge, a softer glow just inside it.
  const line: N = smoothstep(0.445, 0.485, edgeDistance);
  const inner: N = smoothstep(0.3, 0.485, edgeDistance).mul(0.25);
  // Rings of light spreading from a point off centre; each cell lit as a ring passes.
  const origin = vec2(ACROSS * 0.3 + 64, (height * scale) * 0.6 + 64);
  const ring: N = sin(length(id.sub(origin)).mul(0.55).sub(time.mul(2.2)));
  const wave: N = smoothstep(0.75, 1, ring);
  // A few cells glow and fade on their own, each at its own rate.
  const own: N = smoothstep(0.55, 1, sin(time.mul(hash(key.add(3)).mul(1.4).add(0.4)).add(hash(key.add(5)).mul(6.283)))).mul(smoothstep(0.72, 0.8, hash(key.add(7))));
  const glow: N = max(wave, own);
  const [lead, second] = colours;
  const c0 = vec3(lead.r, lead.g, lead.b);
  const c1 = vec3(second.r, second.g, second.b);
  // A lit cell takes the second colour, its outline turning towards it: both colours show.
  const outline: N = mix(c0, c1, glow.mul(0.7)).mul(line.add(inner)).mul(float(0.35).add(glow.mul(0.9)));
  const fill: N = c1.mul(glow.mul(0.3)).mul(float(1).sub(edgeDistance));
  // Fading out towards the card's edges (which a pan or a push in never shows: it is made larger).
  const fade: N = smoothstep(0.72, 0.35, length(uv().sub(0.5).mul(vec2(1, height / width))));
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  material.colorNode = outline.add(fill).mul(fade) as N;
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(width, height), material);
  mesh.renderOrder = 3;
  // Tilted back a little and turned: a wall of cells seen at an angle, not flat on to the lens.
  mesh.rotation.set(-0.32, 0.22, 0);
  return {
    mesh,
    update(t) {
      time.value = t;
    },
  };
}
