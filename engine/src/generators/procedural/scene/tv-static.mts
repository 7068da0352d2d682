/**
 * An analogue television's static ("snow"): a new field of noise on every frame, as a tuner with no
 * station shows it. The noise comes in lines (about 300 down the frame, the picture's scan lines) and is
 * smeared a little along each line, as the set's limited video bandwidth smears it; a faint tint in each
 * channel, as on a colour set; and a soft brighter band rolling up the screen, the set's vertical hold
 * drifting with no sync to lock to. All of it is worked out in the shader from the frame number and
 * hashes, so any frame draws alone and the same frame always comes out the same. rollAt is the pure part.
 */
import * as THREE from 'three/webgpu';
import { float, floor, fract, hash, mix, smoothstep, uniform, uv, vec2, vec3, vec4, abs, min } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Scan lines of noise down the frame, whatever the output's size (a 720p frame: 2.4 pixels each). */
export const STATIC_LINES = 300;
/** Rolls of the bright band up the screen a second. */
export const ROLL_RATE = 0.35;

/** Where the rolling band's centre is at time t (0 the bottom of the frame, 1 the top). */
export function rollAt(t: number, seed: number): number {
  const start = ((seed * 0.618034) % 1 + 1) % 1;
  return (((start + t * ROLL_RATE) % 1) + 1) % 1;
}

export interface TvStatic {
  mesh: THREE.Mesh;
  update(t: number): void;
}

/** A `width` by `height` card (it fills the view); `fps` turns clip time into frame numbers. */
export function createTvStatic(width: number, height: number, seed: number, fps: number): TvStatic {
  const frame = uniform(0);
  const roll = uniform(0);
  const mat = new THREE.MeshBasicNodeMaterial();
  const lines = STATIC_LINES;
  // Grains about as wide as a line is tall, square on the screen.
  const columns = Math.round(lines * (width / height));
  const p: N = uv().mul(vec2(columns, lines));
  const cell: N = floor(p);
  // hash() reads its seed as an unsigned integer from a float: every key stays below 2^24 so that it is
  // exact. A frame's salt is a hash of its number spread over eight million; each grain's key adds its
  // place to it, and the tint's three channels are three more such ranges.
  const salt: N = floor(hash(frame.add(seed % 65521)).mul(8e6));
  const key: N = cell.x.add(cell.y.mul(columns + 8)).add(salt);
  const span = (columns + 8) * (lines + 1);
  const at = (dx: number, channel = 0): N => hash(key.add(dx + channel * span));
  // The set's bandwidth: each grain bleeds into the next along the line.
  const here: N = at(0);
  const before: N = at(-1);
  const v: N = mix(before, here, smoothstep(0, 0.6, fract(p.x))).mul(0.6).add(here.mul(0.4));
  // Static's grey is lumpy: more dark and bright grains than a flat spread gives.
  const shaped: N = v.mul(v).mul(float(3).sub(v.mul(2)));
  // The rolling band: a soft lift of brightness a fifth of the screen tall, wrapping top to bottom.
  const dy: N = abs(fract(uv().y.sub(roll).add(0.5)).sub(0.5));
  const band: N = float(1).sub(smoothstep(0.02, 0.12, dy)).mul(0.22);
  const tint: N = vec3(at(0, 1), at(0, 2), at(0, 3)).sub(0.5).mul(0.1);
  // Worked out as the screen shows it, then made linear for the renderer (which encodes it back).
  const shown: N = min(vec3(shaped.mul(0.85).add(0.04).add(band)).add(tint), 1).max(0);
  mat.colorNode = vec4(shown.pow(2.2), 1) as N;
  const mesh = new THREE.Mesh(new THREE.PlaneGeometry(width, height), mat);
  return {
    mesh,
    update(t) {
      frame.value = Math.floor(t * fps + 1e-6);
      roll.value = rollAt(t, seed);
    },
  };
}
