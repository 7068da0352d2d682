/**
 * A black hole with its accretion disk, as the well-known renderings show it: a black shadow ringed by a
 * thin bright photon ring; the disk seen nearly edge-on, a flattened band of hot gas crossing in front of the
 * shadow; and the disk's far side, bent by the hole's gravity, arching over the top of the shadow and under
 * its bottom as a second, rounder ring. The gas swirls, faster near the hole, and the side coming towards
 * the lens is brighter (Doppler beaming). A 2D picture on cards turned to the lens (not a ray trace): the
 * geometry of the images is a pure function.
 */
import * as THREE from 'three/webgpu';
import { abs, atan, cos, exp, float, length, max, min, mix, smoothstep, texture, uniform, uv, vec2, vec3, vec4 } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** In units of the shadow's radius: the disk's inner and outer edges, and how flat it looks (sin of the tilt). */
export const DISK_INNER = 1.9;
export const DISK_OUTER = 4.6;
export const FLATTEN = 0.14;
/** The far side's lensed image: a ring round the shadow, a little flattened, between these radii. */
export const HALO_INNER = 1.15;
export const HALO_OUTER = 1.75;

/**
 * What is seen at point (x, y) of the picture (shadow radius 1): the shadow, the disk's near-side band in
 * front of it, the disk behind it (hidden inside the shadow), or the lensed ring. Pure; the shader does the
 * same in TSL.
 */
export function blackHoleAt(x: number, y: number): 'disk-front' | 'disk-back' | 'halo' | 'shadow' | 'space' {
  const r = Math.hypot(x, y);
  const e = Math.hypot(x, y / FLATTEN);
  const inDisk = e >= DISK_INNER && e <= DISK_OUTER;
  // The band's lower half is the near side: in front of the shadow.
  if (inDisk && y <= 0) return 'disk-front';
  if (r < 1) return 'shadow';
  if (inDisk) return 'disk-back';
  const h = Math.hypot(x, y / 0.9);
  if (h >= HALO_INNER && h <= HALO_OUTER) return 'halo';
  return 'space';
}

export interface BlackHole {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** A black hole whose shadow is `radius` units across, at the origin. */
export function createBlackHole(seed: number, radius: number, colour: THREE.Color): BlackHole {
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 6, 5);
  const size = DISK_OUTER * 2.3;
  // (x, y) in shadow radii.
  const p: N = uv().sub(0.5).mul(size);
  const r: N = length(p);
  const e: N = length(vec2(p.x, p.y.div(FLATTEN)));
  const h: N = length(vec2(p.x, p.y.div(0.9)));
  // Gas swirling: angle advancing faster near the hole (Keplerian, as r^-1.5), streaked along the orbit.
  const swirl = (rad: N, ang: N): N => {
    const w: N = time.mul(0.9).div(rad.mul(rad.sqrt()));
    const s: N = texture(noise, vec2(ang.sub(w).mul(0.5), rad.log().mul(1.7))).r;
    return s.mul(0.7).add(texture(noise, vec2(ang.sub(w).mul(1.3), rad.log().mul(5.1))).g.mul(0.5));
  };
  // The disk: hottest at its inner edge, brighter on the approaching (left) side.
  const diskAngle: N = atan(p.y.div(FLATTEN), p.x);
  const band: N = smoothstep(DISK_INNER, DISK_INNER + 0.25, e).mul(float(1).sub(smoothstep(DISK_OUTER - 1.2, DISK_OUTER, e)));
  const heat: N = float(1).sub(e.sub(DISK_INNER).div(DISK_OUTER - DISK_INNER)).clamp(0, 1);
  const doppler: N = float(1).sub(cos(diskAngle).mul(0.55));
  const diskLight: N = band.mul(heat.mul(heat).mul(1.4).add(0.15)).mul(swirl(e, diskAngle).mul(0.8).add(0.4)).mul(doppler);
  // In front of the shadow only on the near (lower) side; hidden inside the shadow on the far side.
  const front: N = smoothstep(0.02, -0.02, p.y);
  const outside: N = smoothstep(0.98, 1.02, r);
  const disk: N = diskLight.mul(max(front, outside));
  // The lensed far side: a ring over the top and under the bottom, brightest at the top.
  const haloAngle: N = atan(p.y.div(0.9), p.x);
  const halo: N = smoothstep(HALO_INNER, HALO_INNER + 0.12, h).mul(float(1).sub(smoothstep(HALO_OUTER - 0.3, HALO_OUTER, h)))
    .mul(swirl(h.mul(2.4), haloAngle).mul(0.6).add(0.5))
    .mul(smoothstep(-0.6, 0.8, p.y.div(h)).mul(0.7).add(0.3))
    .mul(float(1).sub(cos(haloAngle).mul(0.4)))
    .mul(outside)
    .mul(float(1).sub(front.mul(smoothstep(DISK_INNER - 0.1, DISK_INNER + 0.1, e))));
  // The photon ring: a thin bright circle just outside the shadow.
  const ring: N = exp(abs(r.sub(1.03)).mul(-90)).mul(0.9);
  const glow: N = exp(r.mul(-0.9)).mul(0.15).mul(outside);
  const c = vec3(colour.r, colour.g, colour.b);
  const hot = vec3(1.6, 1.4, 1.1);
  const light: N = mix(c, hot, min(heat.mul(heat), 1)).mul(disk.mul(0.9)).add(mix(c, hot, 0.35).mul(halo.mul(1.1))).add(hot.mul(ring.mul(outside.add(0.3).min(1)))).add(c.mul(glow));
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false });
  mat.colorNode = vec4(light, 1) as N;
  const card = new THREE.Mesh(new THREE.PlaneGeometry(size * radius, size * radius), mat);
  card.renderOrder = 6;
  // The shadow: a black disc that hides the stars behind it (drawn before the light added over it).
  const shadow = new THREE.Mesh(new THREE.CircleGeometry(radius * 1.0, 96), new THREE.MeshBasicNodeMaterial({ color: 0x000000, fog: false }));
  shadow.renderOrder = 5;
  group.add(shadow, card);
  return {
    group,
    update(t, camera) {
      time.value = t;
      card.quaternion.copy(camera.quaternion);
      shadow.quaternion.copy(camera.quaternion);
    },
  };
}
