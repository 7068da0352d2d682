/**
 * Image-based lighting: a prefiltered (PMREM) copy of the sky for outdoor scenes, or of a virtual photo
 * studio (soft boxes, a strip light, a warm bounce card) for product shots. Rendered once per clip;
 * reflections on water, chrome and glass come from here.
 */
import * as THREE from 'three/webgpu';
import { vec3, vec4, positionLocal, normalize, smoothstep, mix, max, dot, pow, clamp } from 'three/tsl';
import type { BuildContext, Lighting } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const requested = new WeakMap<THREE.Scene, () => THREE.Texture | null>();

/**
 * Asks for an image-based light for `scene`, made by `make` only if, once the shot is complete (its
 * particles too), something in it reads `scene.environment` (resolveEnvironment). Only three's PBR
 * materials (Standard, Physical) do; Lambert, Phong and Basic do not. On software backends the terrain,
 * foliage and night facades are Lambert or Phong, so a forest there needs no PMREM, which took about
 * 0.7 s of the first frame on lavapipe (three filters at least 256 px per cube face, 256 GGX samples).
 */
export function requestEnvironment(scene: THREE.Scene, make: () => THREE.Texture | null): void {
  requested.set(scene, make);
}

/** Whether any material in the scene reads `scene.environment`. */
export function readsEnvironment(scene: THREE.Object3D): boolean {
  let reads = false;
  scene.traverse((o) => {
    const m = (o as THREE.Mesh).material as N;
    for (const mat of Array.isArray(m) ? m : m ? [m] : []) if (mat.isMeshStandardNodeMaterial && !mat.envNode && !mat.envMap) reads = true;
  });
  return reads;
}

/** Makes the requested environment if the scene reads it. Call once the scene is complete. */
export function resolveEnvironment(scene: THREE.Scene): void {
  const make = requested.get(scene);
  if (!make) return;
  requested.delete(scene);
  if (!readsEnvironment(scene)) return;
  const env = make();
  if (env) scene.environment = env;
}

function prefilter(ctx: BuildContext, scene: THREE.Scene): THREE.Texture | null {
  const pmrem = new THREE.PMREMGenerator(ctx.renderer as N);
  try {
    const rt = (pmrem as N).fromScene(scene, 0.02, 0.1, 100) as THREE.RenderTarget;
    return rt.texture;
  } finally {
    pmrem.dispose();
  }
}

/** The sky's gradient and sun as an environment map (no clouds: they would need the cloud texture twice). */
export function skyEnvironment(ctx: BuildContext, L: Lighting): THREE.Texture | null {
  const scene = new THREE.Scene();
  const dir: N = normalize(positionLocal);
  const zen = vec3(...L.zenith.toArray()).mul(L.skyIntensity);
  const hor = vec3(...L.horizon.toArray()).mul(L.skyIntensity);
  const gnd = vec3(...L.groundColor.toArray()).mul(0.5);
  let c: N = mix(hor, zen, pow(clamp(dir.y, 0, 1), 0.5));
  c = mix(gnd, c, smoothstep(-0.08, 0.02, dir.y));
  const s = max(dot(dir, vec3(...L.sunDir.toArray())), 0);
  c = c.add(vec3(...L.sunColor.toArray()).mul(pow(s, 200).mul(L.sunIntensity * 12).add(pow(s, 8).mul(L.sunIntensity * 0.3))));
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, fog: false, depthWrite: false });
  mat.colorNode = vec4(c, 1) as N;
  scene.add(new THREE.Mesh(new THREE.SphereGeometry(50, 32, 16), mat));
  return prefilter(ctx, scene);
}

/** A photo studio as seen from the product: big soft boxes key and fill, a strip light for the rim. */
export function studioEnvironment(ctx: BuildContext, tint: THREE.Color): THREE.Texture | null {
  const scene = new THREE.Scene();
  const dir: N = normalize(positionLocal);
  const base = vec3(0.035, 0.036, 0.04).add(vec3(...tint.toArray()).mul(0.02));
  let c: N = mix(vec3(0.012), base, smoothstep(-0.3, 0.3, dir.y));
  const box = (d: [number, number, number], size: number, power: number, color: [number, number, number]) => {
    const k = dot(dir, normalize(vec3(...d)));
    c = c.add(vec3(...color).mul(smoothstep(1 - size, 1 - size * 0.7, k).mul(power)));
  };
  box([-1, 0.7, 0.8], 0.09, 6, [1, 0.97, 0.92]); // key
  box([1, 0.3, 0.9], 0.06, 2.2, [0.92, 0.95, 1]); // fill
  box([0, 1, 0], 0.12, 3, [1, 1, 1]); // overhead
  box([0.3, 0.2, -1], 0.02, 10, [1, 1, 1]); // rim strip
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, fog: false, depthWrite: false });
  mat.colorNode = vec4(c, 1) as N;
  scene.add(new THREE.Mesh(new THREE.SphereGeometry(50, 48, 24), mat));
  return prefilter(ctx, scene);
}
