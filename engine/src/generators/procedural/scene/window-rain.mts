/**
 * Rain on a window: a close-up of the pane, in focus, with the world behind it thrown out of focus (after
 * dark a scatter of city lights as bokeh discs, by day soft foliage and sky). Beads of water sit on the
 * glass and each shows the world behind it upside down and magnified, as a drop does (the background is
 * looked up at the point mirrored through the drop's centre, pulled in by the drop's curvature); now and
 * then a drop runs down, leaving a wet trail. Everything is one shader on one quad: the background is a
 * function, so the refraction is a second evaluation of it, not a second render.
 */
import * as THREE from 'three/webgpu';
import { vec2, vec3, float, uv, uniform, hash, floor, fract, smoothstep, mix, max, sqrt, abs, clamp, fwidth, sin, exp } from 'three/tsl';
import type { Framing } from '../sim/camera.js';
import { type BuildContext, type Shot, disposeScene, paletteColor } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The pane's size in metres and its distance from the camera. */
const PANE_W = 16;
const PANE_H = 10;
const PANE_Z = -6;

/** One hashed number per cell and salt, in [0, 1). */
const h1 = (cell: N, salt: number): N => hash(cell.x.mul(127.1).add(cell.y.mul(311.7)).add(salt * 74.7));

/**
 * The world behind the glass, out of focus, at pane position q (metres). After dark: a dim gradient with
 * two layers of bokeh discs (lamps and windows at different distances: larger, fainter discs further
 * back), warm, cool and the palette's colours, drifting slowly as traffic passes. By day: sky over a
 * band of soft foliage, blotched at two scales.
 */
function backdrop(q: N, t: N, night: boolean, tint: THREE.Color): N {
  const y: N = q.y.div(PANE_H).add(0.5);
  if (!night) {
    const sky: N = mix(vec3(0.55, 0.6, 0.62), vec3(0.75, 0.78, 0.8), y);
    const blot: N = sin(q.x.mul(0.9).add(sin(q.y.mul(0.7)).mul(2))).mul(sin(q.y.mul(1.3).sub(q.x.mul(0.4)))).mul(0.5).add(0.5);
    const leaves: N = mix(vec3(0.08, 0.16, 0.06), vec3(0.22, 0.3, 0.12), blot);
    return mix(leaves, sky, smoothstep(0.45, 0.8, y.add(blot.mul(0.15))));
  }
  let c: N = mix(vec3(0.004, 0.005, 0.008), vec3(0.012, 0.013, 0.02), y);
  const layers: Array<[number, number, number]> = [
    [1.3, 0.5, 0.35], // cell size (m), brightness, drift speed (m/s): far lights, larger and fainter
    [0.8, 0.9, 0.2],
    [0.5, 1.3, 0.1],
  ];
  layers.forEach(([size, bright, drift], k) => {
    const p: N = vec2(q.x.add(t.mul(drift)), q.y).div(size);
    const cell: N = floor(p);
    const f: N = fract(p).sub(0.5);
    const on: N = smoothstep(0.55, 0.75, h1(cell, 1 + k));
    const centre: N = vec2(h1(cell, 2 + k), h1(cell, 3 + k)).sub(0.5).mul(0.3);
    const r: N = h1(cell, 4 + k).mul(0.12).add(0.2);
    const d: N = f.sub(centre).length();
    // A bokeh disc: flat with a slightly brighter rim, its edge soft (the lens is far out of focus).
    const disc: N = smoothstep(r, r.sub(0.08), d).mul(smoothstep(r.mul(0.5), r, d).mul(0.3).add(0.7));
    const hue: N = h1(cell, 5 + k);
    const warm = new THREE.Color('#ffb45c');
    const cool = new THREE.Color('#bcd7ff');
    const light: N = mix(mix(vec3(warm.r, warm.g, warm.b), vec3(cool.r, cool.g, cool.b), step01(hue, 0.6)), vec3(tint.r, tint.g, tint.b), step01(hue, 0.85));
    // Lights gather below the middle (streets, windows), fewer above.
    const where: N = smoothstep(1.1, 0.3, y).mul(0.7).add(0.3);
    c = c.add(light.mul(disc.mul(on).mul(where).mul(bright)));
  });
  return c;
}

const step01 = (x: N, edge: number): N => smoothstep(edge - 0.02, edge + 0.02, x);

/**
 * Water on the pane at q: returns the offset to look the backdrop up at (inverted and magnified inside a
 * drop), how much of the pixel is drop, and a highlight. Beads on a cell grid (each cell maybe a bead,
 * at a hashed place and size) at two scales, plus drops running down some columns with a trail.
 */
function water(q: N, t: N, wetness: number): { offset: N; cover: N; glint: N; rim: N } {
  let offset: N = vec2(0, 0);
  let cover: N = float(0);
  let glint: N = float(0);
  let rim: N = float(0);
  const beads = (size: number, share: number, salt: number) => {
    const p: N = q.div(size);
    const cell: N = floor(p);
    const f: N = fract(p).sub(0.5);
    const present: N = smoothstep(1 - share - 0.02, 1 - share + 0.02, h1(cell, salt));
    const centre: N = vec2(h1(cell, salt + 1), h1(cell, salt + 2)).sub(0.5).mul(0.4);
    const r: N = h1(cell, salt + 3).mul(0.22).add(0.12);
    const rel: N = f.sub(centre).div(r);
    const d: N = rel.length();
    const aa: N = max(fwidth(d), 1e-4);
    const inside: N = smoothstep(1, float(1).sub(aa.mul(1.5)), d).mul(present);
    // The cap's slope: steepest at the rim, so the view there bends most.
    const bend: N = rel.mul(float(1).div(sqrt(max(float(1).sub(d.mul(d)), 0.04))));
    offset = mix(offset, bend.mul(r.mul(-size * 1.6)), inside);
    // Towards its rim a drop bends in light from far to the side: its edge reads as a dark ring.
    cover = max(cover, inside);
    rim = max(rim, inside.mul(smoothstep(0.5, 0.95, d)));
    // A bright point up and to the left of each bead's centre (the light behind the camera).
    glint = max(glint, smoothstep(0.3, 0.05, rel.sub(vec2(-0.35, 0.4)).length()).mul(inside).mul(size > 0.3 ? 1 : 0.3));
  };
  beads(0.42, Math.min(0.9, 0.25 + wetness * 0.05), 10);
  beads(0.16, Math.min(0.95, 0.3 + wetness * 0.06), 20);
  // Running drops: in some columns a drop slides down at its own pace, the glass above it wet and clear.
  const colW = 0.5;
  const col: N = floor(q.x.div(colW));
  const runs: N = step01(h1(vec2(col, 7), 30), 0.65 - wetness * 0.03);
  const speed: N = h1(vec2(col, 8), 31).mul(0.5).add(0.35);
  const span = PANE_H + 2;
  const headY: N = fract(t.mul(speed).div(span).add(h1(vec2(col, 9), 32))).oneMinus().mul(span).sub(span / 2);
  const x: N = fract(q.x.div(colW)).sub(0.5).mul(colW);
  const wobble: N = sin(q.y.mul(3.1).add(h1(vec2(col, 3), 33).mul(6))).mul(0.04);
  const dx: N = abs(x.sub(wobble));
  const dy: N = q.y.sub(headY);
  const head: N = vec2(dx.div(0.07), dy.div(0.1)).length();
  const headIn: N = smoothstep(1, 0.85, head).mul(runs);
  const trail: N = smoothstep(0.045, 0.025, dx).mul(step01(dy, 0)).mul(exp(dy.mul(-0.6))).mul(runs);
  offset = mix(offset, vec2(x.sub(wobble).mul(-2.2), dy.mul(-0.6)), headIn);
  cover = max(cover, max(headIn, trail.mul(0.35)));
  glint = max(glint, headIn.mul(smoothstep(0.6, 0.1, vec2(dx.div(0.07).add(0.3), dy.div(0.1).sub(0.4)).length())));
  return { offset, cover, glint, rim };
}

export function buildWindowRain(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.1, 100);
  const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
  const wetness = plan.subjects.find((s) => s.kind === 'raindrops')?.count ?? 5;
  const mat = new THREE.MeshBasicNodeMaterial({ fog: false });
  const q: N = uv().sub(0.5).mul(vec2(PANE_W, PANE_H));
  const w = water(q, time, wetness);
  const tint = paletteColor(plan, 0);
  const behind: N = backdrop(q, time, night, tint);
  const through: N = backdrop(q.add(w.offset), time, night, tint);
  // The glass itself: a faint cool sheen and a film of mist that lifts the blacks a little.
  const mist: N = night ? vec3(0.006, 0.007, 0.01) : vec3(0.03, 0.032, 0.035);
  const lit: N = mix(behind, through.mul(float(1.1).sub(w.rim.mul(0.75))), w.cover).add(mist);
  const glint: N = w.glint.mul(night ? 0.9 : 2.4);
  mat.colorNode = clamp(lit.add(vec3(glint)), 0, 64) as N;
  const pane = new THREE.Mesh(new THREE.PlaneGeometry(PANE_W, PANE_H), mat);
  pane.position.z = PANE_Z;
  scene.add(pane);
  scene.background = new THREE.Color(0, 0, 0);
  const framing: Framing = { target: [0, 0, PANE_Z], distance: -PANE_Z, azimuth: 0, elevation: 0, travel: 1 };
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(0, 0, PANE_Z),
    focalRange: 2,
    exposureBias: 0,
    lighting: null,
    groundHeight: () => -1e6,
    update(t) {
      time.value = t;
    },
    dispose() {
      disposeScene(scene);
    },
  };
}
