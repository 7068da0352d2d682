/**
 * Steam and smoke: soft plumes drawn on cards turned about the vertical towards the camera. A plume's
 * density is a rising column that widens with height, cut into wisps by noise that scrolls upwards, and
 * bent sideways more the higher it goes. Steam rises from a hot drink (narrow, faint); smoke fills a dark
 * field (wide, slower, drifting across). Shader work only; deterministic from the seed.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec3, vec4, float, smoothstep, texture, exp, sin, uniform } from 'three/tsl';
import { noiseTexture, yawTowardCamera } from './common.mjs';
import { stream } from '../sim/rng.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Plumes {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

interface PlumeStyle {
  /** Column half-width at the base and its growth to the top, in card widths. */
  width: [number, number];
  /** How far the column bends sideways at the top, in card widths. */
  bend: number;
  /** Upward scroll of the wisps, in texture units a second. */
  rise: [number, number];
  opacity: number;
  colour: THREE.Color;
  /** Height (0..1 of the card) where the plume has faded out. */
  fadeFrom: number;
  /** Noise scale: below 1, larger swirls. */
  scale?: number;
  /** Thin curling filaments (where the noise crosses its middle) instead of soft puffs. */
  filaments?: boolean;
}

/** One plume's material: a noise-cut column on a card whose uv.y runs up the plume. */
function plumeMaterial(noise: THREE.Texture, time: N, phase: number, style: PlumeStyle, rise: number): THREE.MeshBasicNodeMaterial {
  const u: N = uv().x;
  const v: N = uv().y;
  // The column drifts and bends, more with height (the air above a cup is still, then stirs).
  const drift: N = texture(noise, vec2(v.mul(0.35).add(phase), time.mul(0.05).add(phase * 0.37)))
    .r.sub(0.5)
    .mul(style.bend)
    .add(sin(v.mul(4.2).sub(time.mul(0.9)).add(phase)).mul(0.07))
    .mul(v);
  const width: N = float(style.width[0]).add(v.mul(style.width[1]));
  const across: N = u.sub(0.5).sub(drift).div(width);
  const column: N = exp(across.mul(across).mul(-1.6));
  // Wisps: noise that rises with the plume, stretched upwards.
  const k = style.scale ?? 1;
  const wisps: N = texture(noise, vec2(u.mul(0.9 * k).add(drift.mul(0.6)).add(phase), v.mul(0.55 * k).sub(time.mul(rise)))).g;
  const fine: N = texture(noise, vec2(u.mul(1.2 * k).add(phase * 1.3), v.mul(0.8 * k).sub(time.mul(rise * 1.5)))).r;
  const n: N = wisps.mul(0.85).add(fine.mul(0.2));
  const density: N = style.filaments
    ? float(1).sub(smoothstep(0.0, 0.07, n.sub(0.52).abs())).mul(0.8).add(smoothstep(0.5, 0.9, n).mul(0.35))
    : smoothstep(0.38, 0.85, n);
  const fade: N = smoothstep(0.0, 0.14, v).mul(float(1).sub(smoothstep(style.fadeFrom, 1.0, v)));
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
  const c = style.colour;
  mat.colorNode = vec4(vec3(c.r, c.g, c.b), column.mul(density).mul(fade).mul(style.opacity)) as N;
  return mat;
}

function plumes(seed: number, name: string, count: number, style: PlumeStyle, place: (card: THREE.Mesh, i: number, rng: ReturnType<typeof stream>) => void, size: [number, number], drift: (card: THREE.Mesh, t: number, i: number) => void = () => undefined): Plumes {
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 6, 5);
  const rng = stream(seed, name);
  const cards: THREE.Mesh[] = [];
  for (let i = 0; i < count; i++) {
    const card = new THREE.Mesh(new THREE.PlaneGeometry(size[0], size[1]).translate(0, size[1] / 2, 0), plumeMaterial(noise, time, rng.range(0, 10), style, rng.range(style.rise[0], style.rise[1])));
    place(card, i, rng);
    card.renderOrder = 3;
    cards.push(card);
    group.add(card);
  }
  const at = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      time.value = t;
      // Face the camera about the vertical, in the parent's frame (a product turns on its turntable).
      cards.forEach((c, i) => {
        drift(c, t, i);
        c.rotation.y = yawTowardCamera(camera, c.getWorldPosition(at), group.parent);
      });
    },
  };
}

/** Steam over a vessel of this rim radius; it rises about `height` before it fades. */
export function createSteam(seed: number, radius: number, height: number): Plumes {
  const style: PlumeStyle = { width: [0.1, 0.22], bend: 0.9, rise: [0.09, 0.13], opacity: 0.42, colour: new THREE.Color(0.92, 0.93, 0.95), fadeFrom: 0.35 };
  return plumes(seed, 'steam', 3, style, (card, _i, rng) => card.position.set(rng.range(-0.25, 0.25) * radius, 0, rng.range(-0.25, 0.25) * radius), [radius * 2.6, height]);
}

/**
 * Smoke across a field `width` wide and `height` tall centred at the origin: wide plumes at a few depths,
 * rising slowly from below the frame and drifting sideways, tinted `colour`.
 */
export function createSmoke(seed: number, width: number, height: number, colour: THREE.Color): Plumes {
  const style: PlumeStyle = { width: [0.08, 0.16], bend: 1.2, rise: [0.02, 0.035], opacity: 0.5, colour, fadeFrom: 0.6, filaments: true, scale: 0.4 };
  const count = 4;
  const base: number[] = [];
  const speed: number[] = [];
  return plumes(
    seed,
    'smoke',
    count,
    style,
    (card, i, rng) => {
      base[i] = (i / (count - 1) - 0.5) * width * 0.9 + rng.range(-0.1, 0.1) * width;
      speed[i] = rng.range(0.2, 0.5) * (rng.chance(0.7) ? 1 : -1);
      card.position.set(base[i]!, -height * 0.55, -i * 0.6);
    },
    [width * 0.45, height * 1.3],
    (card, t, i) => {
      card.position.x = base[i]! + speed[i]! * t;
    },
  );
}

/** Spray and mist rising from a plunge pool `width` wide, up to about `height`: soft, pale, slow. */
export function createMist(seed: number, width: number, height: number): Plumes {
  const style: PlumeStyle = { width: [0.2, 0.25], bend: 0.6, rise: [0.05, 0.08], opacity: 0.38, colour: new THREE.Color(0.9, 0.92, 0.95), fadeFrom: 0.3 };
  const count = 4;
  return plumes(seed, 'mist', count, style, (card, i, rng) => card.position.set((i / (count - 1) - 0.5) * width * 0.6 + rng.range(-0.05, 0.05) * width, 0, rng.range(-0.1, 0.1) * width), [width * 0.6, height]);
}
