/**
 * A head-up display (sci-fi and technology B-roll): a cluster of concentric rings in light, some dashed,
 * some arcs, a ring of ticks, each turning at its own speed and the next one the other way; a radar sweep
 * inside with its fading trail and a few blips; columns of level bars at the sides, rising and falling; a
 * crosshair and corner brackets. One card filling the view, the whole display a shader, drawn additively.
 * The rings' layout is pure (tested without a GPU), and so is what lights a ring at a point.
 */
import * as THREE from 'three/webgpu';
import { abs, atan, clamp, exp, float, floor, fract, hash, length, max, min, smoothstep, step, uniform, uv, vec2, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface HudRing {
  /** Radius and line width, in heights of the card. */
  radius: number;
  width: number;
  /** Dashes round the ring (0: solid), and the share of each dash that is lit. */
  dashes: number;
  duty: number;
  /** Turns a second (signed: the rings alternate). */
  speed: number;
  brightness: number;
}

/** The rings of the cluster, inside to out, clear of each other. Pure. */
export function hudRings(rand: () => number): HudRing[] {
  const rings: HudRing[] = [];
  let r = 0.11;
  let sign = 1;
  while (r < 0.42) {
    const kind = rand();
    const width = kind < 0.3 ? 0.004 : kind < 0.6 ? 0.009 : 0.016;
    // Solid thin lines, fine dashes, or a few long arcs.
    const dashes = kind < 0.3 ? 0 : kind < 0.6 ? 24 + Math.floor(rand() * 48) : 2 + Math.floor(rand() * 4);
    const duty = dashes === 0 ? 1 : dashes > 12 ? 0.45 : 0.35 + rand() * 0.4;
    rings.push({ radius: r, width, dashes, duty, speed: sign * (0.02 + rand() * 0.1), brightness: 0.5 + rand() * 0.5 });
    sign = -sign;
    r += width + 0.018 + rand() * 0.03;
  }
  return rings;
}

/** Whether a ring lights the point at `radius` and `angle` (radians) at time t (its line and its dashes). Pure. */
export function ringLit(ring: HudRing, radius: number, angle: number, t: number): boolean {
  if (Math.abs(radius - ring.radius) > ring.width / 2) return false;
  if (ring.dashes === 0) return true;
  const turn = angle / (2 * Math.PI) - ring.speed * t;
  const f = (turn * ring.dashes) % 1;
  return (f < 0 ? f + 1 : f) < ring.duty;
}

export interface Hud {
  mesh: THREE.Mesh;
  update(t: number): void;
}

/** The display on a card `width` by `height`, in `colour` (a second colour for accents). */
export function createHud(rand: () => number, colour: THREE.Color, accent: THREE.Color, width: number, height: number): Hud {
  const time = uniform(0);
  const aspect = width / height;
  // Card coordinates in heights, the origin at the cluster's centre, a little left of the middle.
  const p: N = vec2(uv().x.sub(0.5).mul(aspect).add(0.12), uv().y.sub(0.5));
  const r: N = length(p);
  const angle: N = atan(p.y, p.x);
  const aa = 1.5 / 720; // about a pixel and a half at 720 lines: soft edges without blur
  const band = (centre: number, w: number): N => float(1).sub(smoothstep(w / 2 - aa, w / 2 + aa, abs(r.sub(centre))));
  let light: N = float(0);
  for (const ring of hudRings(rand)) {
    let lit: N = band(ring.radius, ring.width);
    if (ring.dashes > 0) {
      const f: N = fract(angle.div(2 * Math.PI).sub(time.mul(ring.speed)).mul(ring.dashes));
      lit = lit.mul(step(f, ring.duty));
    }
    light = light.add(lit.mul(ring.brightness));
  }
  // A ring of ticks outside the cluster, every 6 degrees, longer every 30.
  const tickR = 0.455;
  const tickAngle: N = fract(angle.div(2 * Math.PI).mul(60).add(0.5)).sub(0.5).abs();
  const major: N = step(fract(angle.div(2 * Math.PI).mul(12).add(1 / 24)), 1 / 12 / 5);
  const tickLen: N = major.mul(0.018).add(0.01);
  const ticks: N = step(tickAngle, 0.08).mul(step(abs(r.sub(tickR)), tickLen));
  light = light.add(ticks.mul(0.6));
  // The radar sweep inside the innermost ring: a line turning once every 3 s, a fading wedge behind it,
  // and blips that flare as it passes and fade.
  const sweep: N = fract(angle.div(2 * Math.PI).negate().add(time.div(3)));
  const inner: N = step(r, 0.1);
  light = light.add(inner.mul(exp(sweep.mul(-9)).mul(0.55)));
  const blips = Array.from({ length: 4 }, () => [0.02 + rand() * 0.07, rand() * Math.PI * 2] as const);
  for (const [br, ba] of blips) {
    const at = vec2(Math.cos(ba) * br, Math.sin(ba) * br);
    // Turns since the sweep line (at 2 pi t / 3) passed the blip's angle.
    const since: N = fract(time.div(3).sub(ba / (2 * Math.PI)));
    light = light.add(exp(length(p.sub(at)).mul(-320)).mul(exp(since.mul(-3))).mul(1.6));
  }
  // The crosshair: short lines on the axes between the cluster's inner ring and its ticks.
  const hair: N = step(abs(p.y), 0.0012).add(step(abs(p.x), 0.0012)).mul(step(0.115, r)).mul(step(r, 0.16)).add(step(abs(p.y), 0.0012).add(step(abs(p.x), 0.0012)).mul(step(0.47, r)).mul(step(r, 0.5)));
  light = light.add(min(hair, 1).mul(0.7));
  // Level bars at the right: three columns of twelve, each level a new value four times a second.
  const q: N = vec2(uv().x.sub(0.5).mul(aspect), uv().y.sub(0.5)).sub(vec2(aspect / 2 - 0.34, -0.22));
  const col: N = floor(q.x.div(0.05));
  const inBars: N = step(0, q.x).mul(step(q.x, 0.15)).mul(step(0, q.y)).mul(step(q.y, 0.24));
  const level: N = hash(col.add(floor(time.mul(4)).mul(7))).mul(0.7).add(0.3);
  const cell: N = fract(q.y.div(0.02));
  const barOn: N = step(q.y.div(0.24), level).mul(step(cell, 0.7)).mul(step(fract(q.x.div(0.05)), 0.8));
  const bars: N = inBars.mul(barOn);
  // Lines of "readout" at the top right: dashes of random lengths, as text seen too small to read.
  const t2: N = vec2(uv().x.sub(0.5).mul(aspect), uv().y.sub(0.5)).sub(vec2(aspect / 2 - 0.34, 0.16));
  const row: N = floor(t2.y.div(0.028));
  const inText: N = step(0, t2.x).mul(step(t2.x, 0.24)).mul(step(0, t2.y)).mul(step(t2.y, 0.14));
  const lineLen: N = hash(row.add(3.7)).mul(0.18).add(0.05);
  const glyph: N = step(fract(t2.x.div(0.012)), 0.75).mul(step(fract(t2.y.div(0.028)), 0.35));
  // The lines type themselves out over the first seconds, each a little after the one above.
  const typed: N = clamp(time.mul(0.09).sub(row.negate().mul(0.03)), 0, 1).mul(0.24);
  const text: N = inText.mul(glyph).mul(step(t2.x, min(lineLen, typed)));
  // Corner brackets round the frame.
  const e: N = vec2(abs(uv().x.sub(0.5)).mul(aspect), abs(uv().y.sub(0.5)));
  const corner: N = step(aspect / 2 - 0.06, e.x).mul(step(e.x, aspect / 2 - 0.045)).mul(step(0.5 - 0.17, e.y)).mul(step(e.y, 0.5 - 0.045))
    .add(step(0.5 - 0.06, e.y).mul(step(e.y, 0.5 - 0.045)).mul(step(aspect / 2 - 0.17, e.x)).mul(step(e.x, aspect / 2 - 0.045)));
  const c = vec3(colour.r, colour.g, colour.b);
  const a = vec3(accent.r, accent.g, accent.b);
  const glow: N = exp(r.sub(0.28).abs().mul(-6)).mul(0.05);
  const rgb: N = c.mul(light.add(glow).add(min(corner, 1).mul(0.5)).add(text.mul(0.55))).add(a.mul(bars.mul(0.8)));
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  material.colorNode = vec4(max(rgb, vec3(0, 0, 0)), 1) as N;
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(width, height), material);
  mesh.renderOrder = 3;
  return {
    mesh,
    update(t) {
      time.value = t;
    },
  };
}
