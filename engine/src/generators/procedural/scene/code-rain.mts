/**
 * Digital rain ("matrix code"): columns of glyphs falling down the frame, each column a bright head
 * trailing a fading tail, at its own speed. The glyphs are not a font: each is a 5 x 7 dot matrix whose
 * dots a hash turns on (so they read as characters without being any script), and they change now and
 * then. One card facing the camera, the whole pattern a shader; drawn additively on a dark field.
 */
import * as THREE from 'three/webgpu';
import { float, floor, fract, hash, max, mix, smoothstep, step, uniform, uv, vec3 } from 'three/tsl';
import { facingCard, type FacingCard } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export type CodeRain = FacingCard;

/** Columns across the card. */
const COLUMNS = 56;

export function createCodeRain(width: number, height: number, colour: THREE.Color): CodeRain {
  const time = uniform(0);
  const aspect = width / height;
  // A cell is 1.45 times as tall as wide, so there are this many rows.
  const rows = Math.round((COLUMNS / aspect) / 1.45);
  const u: N = uv().x.mul(COLUMNS);
  const v: N = float(1).sub(uv().y).mul(rows);
  const col: N = floor(u);
  const row: N = floor(v);
  const inCell = { x: fract(u), y: fract(v) };
  // Per column: a speed (rows a second), a start and a tail length; the head cycles through the column and
  // a stretch of empty rows, so columns are not all lit at once.
  const speed: N = hash(col.add(3)).mul(9).add(5);
  const tail: N = hash(col.add(11)).mul(18).add(8);
  const period: N = float(rows).add(tail).add(hash(col.add(19)).mul(rows));
  const head: N = fract(time.mul(speed).add(hash(col.add(7)).mul(97)).div(period)).mul(period);
  const behind: N = head.sub(row);
  const lit: N = step(0, behind).mul(float(1).sub(behind.div(tail)).clamp(0, 1));
  const isHead: N = step(0, behind).mul(step(behind, 1));
  // The glyph: which one changes every so often (at its own rate), its dots from a hash of glyph and dot.
  const change: N = floor(time.mul(hash(col.mul(7).add(row)).mul(3).add(0.5)).add(hash(row.add(col.mul(3)))));
  const glyph: N = hash(col.mul(131).add(row.mul(17)).add(change.mul(7)));
  const gx: N = floor(inCell.x.sub(0.15).div(0.7).mul(5));
  const gy: N = floor(inCell.y.sub(0.1).div(0.8).mul(7));
  const inside: N = step(0.15, inCell.x).mul(step(inCell.x, 0.85)).mul(step(0.1, inCell.y)).mul(step(inCell.y, 0.9));
  const dot: N = step(0.52, hash(glyph.mul(1000).add(gy.mul(5)).add(gx))).mul(inside);
  const c = vec3(colour.r, colour.g, colour.b);
  // The head is white-hot, the tail the colour, darkening towards its end.
  const tint: N = mix(c.mul(lit.mul(lit)).mul(1.4), vec3(1.6, 1.8, 1.6), isHead);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  material.colorNode = tint.mul(dot).mul(max(lit, isHead)).mul(smoothstep(0.0, 0.02, uv().y)) as N;
  return facingCard(new THREE.PlaneGeometry(width, height), material, time);
}
