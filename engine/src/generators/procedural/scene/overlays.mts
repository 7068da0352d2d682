/**
 * Light overlays on black, the kind editors lay over footage with a screen or add blend: light leaks (soft
 * warm blooms of orange, red, gold and magenta drifting in from the frame's edges, swelling and fading, as
 * light leaking into a film camera) and a lens flare (a bright source crossing the top of the frame with a
 * starburst and an anamorphic streak, and a chain of ghosts along the line from it through the frame's
 * centre). Each is one card filling the view, the whole picture a shader, drawn additively on a black field.
 */
import * as THREE from 'three/webgpu';
import { abs, atan, cos, exp, float, length, max, pow, sin, smoothstep, uniform, uv, vec2, vec3 } from 'three/tsl';
import { facingCard, type FacingCard } from './common.mjs';
import type { ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Warm leak colours (linear light, past 1 for the bloom's core): orange, red, gold, magenta. */
const LEAKS: Array<[number, number, number]> = [
  [1.6, 0.45, 0.06],
  [1.5, 0.12, 0.04],
  [1.6, 1.0, 0.28],
  [1.3, 0.12, 0.45],
];

/** Where leak k's bloom is at time t, in the card's aspect-corrected uv (x from 0 to aspect): near an edge. Pure. */
export function leakCentre(k: number, t: number, aspect: number, phase: number): [number, number] {
  // Each hugs one edge (left, right, top, bottom in turn), drifting along it and in and out.
  const along = 0.5 + 0.42 * Math.sin(t * (0.23 + k * 0.07) + phase);
  const depth = 0.05 + 0.12 * (0.5 + 0.5 * Math.sin(t * (0.31 + k * 0.05) + phase * 1.7));
  switch (k % 4) {
    case 0:
      return [depth * aspect, along];
    case 1:
      return [aspect - depth * aspect, 1 - along];
    case 2:
      return [along * aspect, 1 - depth];
    default:
      return [(1 - along) * aspect, depth];
  }
}

export function createLightLeaks(width: number, height: number, seed: number): FacingCard {
  const time = uniform(0);
  const aspect = width / height;
  const p: N = vec2(uv().x.mul(aspect), uv().y);
  let light: N = vec3(0, 0, 0);
  const leaks = 4;
  for (let k = 0; k < leaks; k++) {
    const phase = ((seed * 7919 + k * 104729) % 6283) / 1000;
    // The centre as in leakCentre, in TSL.
    const along: N = sin(time.mul(0.23 + k * 0.07).add(phase)).mul(0.42).add(0.5);
    const depth: N = sin(time.mul(0.31 + k * 0.05).add(phase * 1.7)).mul(0.5).add(0.5).mul(0.12).add(0.05);
    const c: N =
      k % 4 === 0
        ? vec2(depth.mul(aspect), along)
        : k % 4 === 1
          ? vec2(float(aspect).sub(depth.mul(aspect)), float(1).sub(along))
          : k % 4 === 2
            ? vec2(along.mul(aspect), float(1).sub(depth))
            : vec2(float(1).sub(along).mul(aspect), depth);
    // A broad bloom, stretched along its edge, swelling and fading at its own pace.
    const d: N = p.sub(c).mul(k % 4 < 2 ? vec2(1.3, 0.7) : vec2(0.7, 1.3));
    const r2: N = d.dot(d);
    // (Squared: each is strong for a while and faint for longer, so the frame is seldom all light.)
    const wave: N = sin(time.mul(0.5 + k * 0.13).add(phase * 2.3)).mul(0.5).add(0.5);
    const swell: N = wave.mul(wave);
    const [cr, cg, cb] = LEAKS[k % LEAKS.length]!;
    light = light.add(vec3(cr, cg, cb).mul(exp(r2.mul(-14)).mul(swell.mul(0.95).add(0.05))));
  }
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  material.colorNode = light.mul(0.9) as N;
  return facingCard(new THREE.PlaneGeometry(width, height), material, time);
}

/** Where the flare's source is at progress u of the clip: across the frame's upper part, in uv. Pure. */
export function flareSource(u: number): [number, number] {
  return [0.18 + 0.64 * u, 0.74 + 0.06 * Math.sin(u * Math.PI)];
}

/**
 * The flare's light at point p (aspect-corrected uv, x from 0 to aspect) for a source at `src`: the source's
 * core and glow, a six-pointed starburst slowly turning, a blue anamorphic streak, a halo ring, and ghosts
 * along the line from the source through the frame's centre.
 */
function flareLight(aspect: number, src: N, time: N): N {
  const p: N = vec2(uv().x.mul(aspect), uv().y);
  const centre = vec2(aspect / 2, 0.5);
  const d: N = p.sub(src);
  const r: N = length(d);
  const core: N = exp(r.mul(r).mul(-1500)).mul(6).add(exp(r.mul(r).mul(-120)).mul(0.7)).add(exp(r.mul(-12)).mul(0.1));
  const angle: N = atan(d.y, d.x).add(time.mul(0.05));
  const rays: N = pow(abs(cos(angle.mul(3))), 120).mul(exp(r.mul(-9))).mul(0.6);
  const streak: N = exp(abs(d.y).mul(-220)).mul(exp(abs(d.x).mul(-1.6))).mul(0.7);
  let light: N = vec3(1.6, 1.3, 0.95).mul(core.add(rays)).add(vec3(0.35, 0.6, 1.4).mul(streak));
  const axis: N = centre.sub(src);
  const ghosts: Array<[number, number, [number, number, number], number]> = [
    [0.55, 0.05, [0.5, 0.9, 0.6], 0.16],
    [0.95, 0.09, [0.9, 0.5, 0.25], 0.12],
    [1.25, 0.035, [0.4, 0.6, 1.0], 0.25],
    [1.55, 0.14, [0.7, 0.35, 0.9], 0.08],
    [1.9, 0.06, [1.0, 0.7, 0.3], 0.14],
  ];
  for (const [at, size, [gr, gg, gb], strength] of ghosts) {
    const g: N = length(p.sub(src.add(axis.mul(at))));
    const disc: N = float(1).sub(smoothstep(size * 0.8, size, g)).mul(0.6).add(smoothstep(size * 0.75, size * 0.95, g).mul(float(1).sub(smoothstep(size * 0.95, size * 1.05, g))));
    light = light.add(vec3(gr, gg, gb).mul(disc.mul(strength)));
  }
  const halo: N = exp(abs(r.sub(0.32)).mul(-60)).mul(0.08);
  return max(light.add(vec3(0.6, 0.8, 1.0).mul(halo)), vec3(0, 0, 0));
}

export function createLensFlare(width: number, height: number): FacingCard & { progress: { value: number } } {
  const time = uniform(0);
  const progress = uniform(0);
  const aspect = width / height;
  // The source, as flareSource, in the same aspect-corrected space.
  const src: N = vec2(progress.mul(0.64).add(0.18).mul(aspect), sin(progress.mul(Math.PI)).mul(0.06).add(0.74));
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  material.colorNode = flareLight(aspect, src, time) as N;
  const card = facingCard(new THREE.PlaneGeometry(width, height), material, time);
  return { ...card, progress };
}

/** Where the sun is in the frame (uv, 0..1 across and up) and how strongly it flares (0 off screen or behind). Pure maths on a projected point. */
export function sunInFrame(ndc: { x: number; y: number; z: number }, behind: boolean): { u: number; v: number; strength: number } {
  const u = (ndc.x + 1) / 2;
  const v = (ndc.y + 1) / 2;
  if (behind) return { u, v, strength: 0 };
  // Full inside the frame, fading out over a fifth of a frame beyond its edges.
  const out = Math.max(0, -u, u - 1, -v, v - 1);
  return { u, v, strength: Math.max(0, 1 - out / 0.2) };
}

/**
 * A lens flare over a landscape or a city: the same picture on a card held in front of the lens, its
 * source wherever the sun is in the frame (faded out as the sun leaves it). Abstract shots draw their own.
 */
export const createSunFlare: ViewLayerFactory = (_ctx, shot, _midway, _fov, aspect) => {
  const group = new THREE.Group();
  const sunDir = shot.lighting?.sunDir;
  if (!sunDir) return { group, update: () => undefined };
  const time = uniform(0);
  const src = uniform(new THREE.Vector2(0.5, 0.5));
  const strength = uniform(0);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, depthTest: false, blending: THREE.AdditiveBlending, fog: false });
  material.colorNode = flareLight(aspect, src, time).mul(strength) as N;
  const card = new THREE.Mesh(new THREE.PlaneGeometry(1, 1), material);
  card.renderOrder = 50;
  card.frustumCulled = false;
  group.add(card);
  const at = new THREE.Vector3();
  const forward = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      time.value = t;
      const cam = camera as THREE.PerspectiveCamera;
      // A card exactly filling the view one unit in front of the lens.
      camera.getWorldDirection(forward);
      card.position.copy(camera.position).add(forward);
      card.quaternion.copy(camera.quaternion);
      const h = 2 * Math.tan(((cam.fov ?? 40) * Math.PI) / 360);
      card.scale.set(h * (cam.aspect ?? aspect), h, 1);
      // (The sun is 1000 units along its direction: behind the lens when that direction is.)
      const behind = sunDir.dot(forward) <= 0;
      at.copy(camera.position).addScaledVector(sunDir, 1000).project(camera);
      const s = sunInFrame(at, behind);
      (src.value as THREE.Vector2).set(s.u * aspect, s.v);
      strength.value = s.strength;
    },
  };
};
