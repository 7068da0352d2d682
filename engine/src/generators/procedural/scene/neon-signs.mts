/**
 * Neon signs on a street's facades at night: blade signs standing out from the walls (seen edge-on down
 * the street, their faces towards the camera) and long fascia signs over shop fronts, each a glowing tube
 * round its edge and rows of tube "letters" in one of the palette's colours, a halo round it, a few
 * flickering, and on a wet road a streak of its colour reflected towards the camera. The letters are
 * shapes, not text: a sign's words would have to be asked for, and could not be read at this size.
 *
 * Every sign is one merged mesh and one shader (a sign's colour, size and seed in vertex attributes), and
 * so are the halos and the reflections: three draw calls for any number of signs.
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { attribute, abs, float, floor, fract, fwidth, hash, max, min, mix, smoothstep, step, uv, vec2, vec3 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A wall facing the street: the plane x = `x`, from z0 to z1, `height` tall, facing +x (1) or -x (-1). */
export interface Facade {
  x: number;
  z0: number;
  z1: number;
  height: number;
  facing: 1 | -1;
}

interface Rng {
  next(): number;
}

const TUBE_INSET = 0.14; // metres from the sign's edge to its border tube
const TUBE_HALF_WIDTH = 0.035;

/** Per-vertex attributes every part of one sign carries: colour, face size in metres, seed. */
function tag(geo: THREE.BufferGeometry, color: THREE.Color, size: [number, number], seed: number): THREE.BufferGeometry {
  const g = geo.index ? geo.toNonIndexed() : geo;
  const n = g.getAttribute('position').count;
  g.setAttribute('tint', new THREE.Float32BufferAttribute(Array.from({ length: n }, () => [color.r, color.g, color.b]).flat(), 3));
  g.setAttribute('sign', new THREE.Float32BufferAttribute(Array.from({ length: n }, () => [size[0], size[1], seed]).flat(), 3));
  return g;
}

/**
 * The signs for these facades. `colors` are the palette's light colours (lightColors); `time` a uniform
 * in seconds; `wet` adds the reflections on the road.
 */
export function buildNeonSigns(facades: Facade[], count: number, colors: THREE.Color[], rng: Rng, time: N, wet: boolean): THREE.Mesh[] {
  const signs: THREE.BufferGeometry[] = [];
  const halos: THREE.BufferGeometry[] = [];
  const streaks: THREE.BufferGeometry[] = [];
  const m = new THREE.Matrix4();
  const usable = facades.filter((f) => f.z1 - f.z0 > 3 && f.height > 7);
  for (let i = 0; i < count && usable.length; i++) {
    // Round the walls in turn, so both sides of the street get signs all along it.
    const f = usable[i % usable.length]!;
    const color = colors[Math.floor(rng.next() * colors.length)]!.clone();
    const seed = rng.next();
    const blade = rng.next() < 0.7;
    if (blade) {
      // Stands out from the wall: its broad faces look up and down the street.
      const out = 1.6 + rng.next() * 1.2;
      const tall = 4 + rng.next() * 6;
      const y = 3.5 + rng.next() * Math.max(0.5, Math.min(8, f.height - tall - 5));
      const z = f.z0 + 1 + rng.next() * (f.z1 - f.z0 - 2);
      const cx = f.x + f.facing * (out / 2 + 0.3);
      const box = new THREE.BoxGeometry(out, tall, 0.22);
      box.applyMatrix4(m.makeTranslation(cx, y + tall / 2, z));
      signs.push(tag(box, color, [out, tall], seed));
      const halo = new THREE.PlaneGeometry(out + 2.2, tall + 2.2).applyMatrix4(m.makeTranslation(cx, y + tall / 2, z));
      halos.push(tag(halo, color, [out + 2.2, tall + 2.2], seed));
      if (wet) streaks.push(tag(streak(cx, z, out * 0.8, (y + tall / 2) * 2.2), color, [out * 0.8, 1], seed));
    } else {
      // Along the wall over a shop front, facing the street.
      const long = Math.min(f.z1 - f.z0 - 1, 4 + rng.next() * 5);
      const tall = 1.2 + rng.next() * 0.8;
      const y = 3.4 + rng.next() * 1.6;
      const z = f.z0 + 0.5 + rng.next() * (f.z1 - f.z0 - 1 - long) + long / 2;
      const cx = f.x + f.facing * 0.15;
      const box = new THREE.BoxGeometry(0.2, tall, long);
      box.applyMatrix4(m.makeTranslation(cx, y + tall / 2, z));
      signs.push(tag(box, color, [long, tall], seed));
      const halo = new THREE.PlaneGeometry(long + 2, tall + 2).rotateY(Math.PI / 2).applyMatrix4(m.makeTranslation(cx + f.facing * 0.25, y + tall / 2, z));
      halos.push(tag(halo, color, [long + 2, tall + 2], seed));
      if (wet) streaks.push(tag(streak(cx + f.facing * 1.2, z, 1.2, long + y * 1.5), color, [1.2, 1], seed));
    }
  }
  if (signs.length === 0) return [];

  const tint: N = attribute('tint', 'vec3');
  const sign: N = attribute('sign', 'vec3');
  // A few signs flicker: out for a frame or two now and then, as failing tubes do.
  const flickers: N = step(0.8, fract(sign.z.mul(91.7)));
  const dropout: N = step(0.82, hash(floor(time.mul(14)).add(sign.z.mul(1000))));
  const on: N = float(1).sub(flickers.mul(dropout).mul(0.85));

  const meshes: THREE.Mesh[] = [];
  // The sign: a dark panel, a tube round its edge, rows of tube strokes inside (letters, read as such).
  const q: N = uv().mul(sign.xy);
  const edge: N = min(min(q.x, sign.x.sub(q.x)), min(q.y, sign.y.sub(q.y)));
  const aa = (d: N): N => float(1).sub(smoothstep(TUBE_HALF_WIDTH, max(fwidth(d), 1e-4).add(TUBE_HALF_WIDTH), abs(d)));
  const border: N = aa(edge.sub(TUBE_INSET));
  // Letters run along the sign's longer side, one row, cells 0.55 m long.
  const vertical: N = step(sign.x, sign.y);
  const along: N = mix(q.x, q.y, vertical);
  const across: N = mix(q.y, q.x, vertical);
  const acrossSize: N = mix(sign.y, sign.x, vertical);
  const alongSize: N = mix(sign.x, sign.y, vertical);
  const inside: N = step(0.32, along).mul(step(along, alongSize.sub(0.32))).mul(step(0.3, across)).mul(step(across, acrossSize.sub(0.3)));
  const cellId: N = floor(along.div(0.55));
  const c: N = vec2(fract(along.div(0.55)), across.sub(0.3).div(max(acrossSize.sub(0.6), 0.1)));
  const h1: N = hash(cellId.add(sign.z.mul(517)));
  const h2: N = hash(cellId.mul(3.1).add(sign.z.mul(233)));
  // A letter: up to two uprights and up to three bars, chosen per cell.
  const upright = (at: number, pick: N): N => step(0.35, pick).mul(aa(c.x.sub(at).mul(0.55)));
  const bar = (at: number, pick: N): N => step(0.4, pick).mul(aa(c.y.sub(at).mul(acrossSize.sub(0.6))).mul(step(0.2, c.x)).mul(step(c.x, 0.8)));
  const letter: N = max(max(upright(0.25, h1), upright(0.75, fract(h1.mul(7.3)))), max(max(bar(0.1, h2), bar(0.5, fract(h2.mul(5.1)))), bar(0.9, fract(h2.mul(11.7)))));
  const tube: N = max(border, letter.mul(inside));
  const signMat = new THREE.MeshBasicNodeMaterial();
  // The tube's core burns nearly white; its colour is in the glow round it and in the halo.
  const core: N = mix(tint, vec3(1, 1, 1), 0.45).mul(6);
  signMat.colorNode = mix(tint.mul(0.025), core, tube).mul(on) as N;
  meshes.push(merged(signs, signMat));

  const glow = (falloff: N, strength: number): N => tint.mul(falloff).mul(strength).mul(on);
  const haloMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  // Distance from the sign's rectangle (the halo is 1.1 m bigger all round), in metres.
  const hq: N = abs(uv().sub(0.5)).mul(sign.xy);
  const outside: N = max(hq.sub(sign.xy.mul(0.5).sub(1.1)), vec2(0, 0)).length();
  haloMat.colorNode = glow(float(1).sub(smoothstep(0, 1.1, outside)).pow(2.5), 1.2) as N;
  meshes.push(merged(halos, haloMat));

  if (streaks.length) {
    // The sign's colour smeared along the wet road towards the camera, broken up by the rain on it.
    const streakMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
    const s: N = uv();
    const fade: N = s.y.pow(1.5).mul(float(1).sub(smoothstep(0.9, 1, s.y))).mul(float(1).sub(abs(s.x.sub(0.5)).mul(2)).pow(2));
    const ripple: N = hash(floor(s.y.mul(60)).add(floor(time.mul(8)).mul(0.37)).add(sign.z.mul(77))).mul(0.6).add(0.4);
    streakMat.colorNode = glow(fade.mul(ripple), 1.1) as N;
    meshes.push(merged(streaks, streakMat));
  }
  return meshes;
}

/** A flat quad on the road from (x, z) towards the camera (+z), `width` across and `length` long. */
function streak(x: number, z: number, width: number, length: number): THREE.BufferGeometry {
  const g = new THREE.PlaneGeometry(width, length).rotateX(-Math.PI / 2);
  // PlaneGeometry's v runs from its +y edge; after the turn that is -z: v = 1 at the sign, 0 nearest the camera.
  return g.translate(x, 0.03, z + length / 2);
}

function merged(parts: THREE.BufferGeometry[], material: THREE.Material): THREE.Mesh {
  const mesh = new THREE.Mesh(mergeGeometries(parts)!, material);
  for (const g of parts) g.dispose();
  mesh.frustumCulled = false;
  return mesh;
}
