/**
 * Image-based lighting: a prefiltered (PMREM) copy of the sky for outdoor scenes, rendered once per clip,
 * or a virtual photo studio (soft boxes, a strip light) for product, physics and abstract shots,
 * evaluated per pixel. Reflections on water, chrome and glass come from here.
 */
import * as THREE from 'three/webgpu';
import { vec3, vec4, float, positionLocal, normalize, normalWorld, smoothstep, mix, max, dot, pow, clamp, uniformArray, getShIrradianceAt } from 'three/tsl';
import type { BuildContext, Lighting } from './common.mjs';
import { smoothstepJs } from '../sim/noise.js';

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

/** The sky's radiance in direction `d` (unit length): skyEnvironment's shader, in JavaScript. */
export function skyRadianceAt(d: THREE.Vector3, L: Lighting): [number, number, number] {
  const y = Math.min(1, Math.max(0, d.y)) ** 0.5;
  const g = smoothstepJs(-0.08, 0.02, d.y);
  const s = Math.max(0, d.dot(L.sunDir));
  const sun = s ** 200 * L.sunIntensity * 12 + s ** 8 * L.sunIntensity * 0.3;
  const ch = (k: 'r' | 'g' | 'b') => {
    const sky = L.horizon[k] * L.skyIntensity * (1 - y) + L.zenith[k] * L.skyIntensity * y;
    return L.groundColor[k] * 0.5 * (1 - g) + sky * g + L.sunColor[k] * sun;
  };
  return [ch('r'), ch('g'), ch('b')];
}

/** The studio's lights: soft boxes (direction, angular size as 1 - cos, power, colour). */
const STUDIO_BOXES: ReadonlyArray<{ d: [number, number, number]; size: number; power: number; color: [number, number, number] }> = [
  { d: [-1, 0.7, 0.8], size: 0.09, power: 6, color: [1, 0.97, 0.92] }, // key
  { d: [1, 0.3, 0.9], size: 0.06, power: 2.2, color: [0.92, 0.95, 1] }, // fill
  { d: [0, 1, 0], size: 0.12, power: 3, color: [1, 1, 1] }, // overhead
  { d: [0.3, 0.2, -1], size: 0.02, power: 10, color: [1, 1, 1] }, // rim strip
];

/** The boxes' directions, normalised once (the SH fit evaluates the radiance 18,000 times). */
const STUDIO_BOX_AXES = STUDIO_BOXES.map((b) => new THREE.Vector3(...b.d).normalize());

/** The studio walls' own dim glow (darker below the horizon). */
function studioBase(tint: THREE.Color): [number, number, number] {
  return [0.035 + tint.r * 0.02, 0.036 + tint.g * 0.02, 0.04 + tint.b * 0.02];
}

/**
 * The studio's radiance along `dir` (a unit vector node) as a surface of roughness `roughness` reflects
 * it: the split-sum prefilter (the GGX lobe's mean of the radiance around the reflection) that a PMREM map
 * stores, in closed form. In x = 1 - cos(angle to a soft box's axis), the box (size s) is lit to x = 0.7 s
 * and falls off as 1 / (1 + d / m)^2 past that (d the distance past the core, m = c + 0.15 s): a GGX lobe
 * in the same units falls as c / (x + c)^2, with c = 2 alpha^2 for a narrow lobe. Its light is kept (core
 * 0.7 s plus tail m, against 0.85 s for the box), so the box dims as it spreads; towards roughness 0 the
 * profile turns into the box's own edge (c / (c + 0.002) of the tail). c(roughness) is fitted to a Monte
 * Carlo split-sum prefilter of these boxes (20,000 GGX samples a direction, boxes of size 0.02 to 0.12, 40
 * angles): relative RMS error 1% at roughness 0.05, 5% at 0.1, 13 to 16% from 0.2 to 0.7, 23% at 1
 * (irradiance does not use it). The wall gradient is widened by the lobe's angular reach, sqrt(2 c).
 */
export function studioRadianceNode(dir: N, roughness: N, tint: THREE.Color): N {
  const c: N = roughness.mul(roughness).mul(smoothstep(0, 0.65, roughness)).mul(0.48);
  const reach: N = c.mul(2).sqrt();
  // A mirror sees the box itself, whose edge is sharper than the lobe's tail (chrome showed halos).
  const sharpToSpread: N = c.div(c.add(0.002));
  let radiance: N = mix(vec3(0.012), vec3(...studioBase(tint)), smoothstep(reach.add(0.3).negate(), reach.add(0.3), dir.y));
  STUDIO_BOXES.forEach((b, j) => {
    const x: N = float(1).sub(dot(dir, vec3(...STUDIO_BOX_AXES[j]!.toArray())));
    const past: N = max(x.sub(0.7 * b.size), 0);
    const falloff: N = float(1).add(past.div(c.add(0.15 * b.size)));
    const spread: N = mix(smoothstep(b.size, 0.7 * b.size, x), float(1).div(falloff.mul(falloff)), sharpToSpread);
    const kept: N = float(0.85 * b.size * b.power).div(c.add(0.85 * b.size));
    radiance = radiance.add(vec3(...b.color).mul(spread.mul(kept)));
  });
  return radiance;
}

/**
 * The studio as an image-based light, evaluated per pixel: three's EnvironmentNode asks its node for
 * radiance along the reflection (with the surface's roughness as the level) and for irradiance along the
 * normal (level 1), as it asks a prefiltered map (PMREMNode reads the same context). Irradiance comes
 * from the studio's spherical-harmonics fit (nearly exact for light this smooth), radiance from
 * studioRadianceNode. Glass and chrome see the soft boxes nearly as sharp as they are (a 256-pixel cube
 * map blurred them). Replaces the prefiltered studio map, whose filtering (256 GGX samples a texel) took
 * about 0.9 s of the first frame on lavapipe, and whose two or three cube-map lookups a pixel cost more
 * there than this arithmetic.
 */
class StudioLightNode extends THREE.Node {
  private readonly irradiance: N;

  constructor(private readonly tint: THREE.Color) {
    super('vec3');
    this.irradiance = uniformArray(studioHarmonics(tint).coefficients.map((c) => c.clone()));
  }

  override setup(builder: N): N {
    const context = builder.context;
    const dir: N = context.getUV ? context.getUV(this, builder) : normalWorld;
    const level: N = context.getTextureLevel ? context.getTextureLevel(this) : float(1);
    if (level.isConstNode && level.value === 1) return (getShIrradianceAt as N)(dir, this.irradiance).div(Math.PI);
    return studioRadianceNode(normalize(dir), level, this.tint);
  }
}

/** A photo studio as the scene's image-based light: big soft boxes key and fill, a strip light for the rim. */
export function useStudioEnvironment(scene: THREE.Scene, tint: THREE.Color): void {
  (scene as N).environmentNode = new StudioLightNode(tint.clone());
}

/** The studio's own radiance in direction `d` (unit length), for its spherical-harmonics fit. */
export function studioRadianceAt(d: THREE.Vector3, tint: THREE.Color): [number, number, number] {
  const base = studioBase(tint);
  const w = smoothstepJs(-0.3, 0.3, d.y);
  const c: [number, number, number] = [0, 1, 2].map((i) => 0.012 + (base[i]! - 0.012) * w) as [number, number, number];
  STUDIO_BOXES.forEach((b, j) => {
    const k = smoothstepJs(1 - b.size, 1 - b.size * 0.7, d.dot(STUDIO_BOX_AXES[j]!)) * b.power;
    for (let i = 0; i < 3; i++) c[i] = c[i]! + b.color[i]! * k;
  });
  return c;
}


/**
 * An environment's light on a rough surface without its prefiltered map: the radiance projected on
 * order-2 spherical harmonics (once, on the CPU) and evaluated per pixel at the surface normal, as an
 * environment node (EnvironmentNode takes a non-texture node as the cosine-weighted mean radiance:
 * irradiance / pi). For large rough surfaces on software rasterisers, where the two cube-map lookups of
 * every pixel cost 20 to 40 ms a 720p frame on lavapipe; on a rough surface the specular lobe is nearly
 * as wide as the diffuse one, so it reads the same (frames compared: within half a code value on average).
 * Not for glossy or metallic surfaces: they show the environment's detail, which harmonics do not keep.
 */
export function ambientNode(sh: THREE.SphericalHarmonics3): N {
  const coefficients: N = uniformArray(sh.coefficients.map((c) => c.clone()));
  return (getShIrradianceAt as N)(normalWorld, coefficients).div(Math.PI);
}

/** Fits already made, by tint: a product or physics shot needs the same one for its sweep and its light. */
const studioFits = new Map<string, THREE.SphericalHarmonics3>();

/** The studio's radiance projected on order-2 spherical harmonics (three's convention); a copy, free to scale. */
export function studioHarmonics(tint: THREE.Color): THREE.SphericalHarmonics3 {
  const key = `${tint.r},${tint.g},${tint.b}`;
  let fit = studioFits.get(key);
  if (!fit) {
    // About 20 ms a fit; a daemon sees few distinct tints, but hand-edited plans can bring any.
    if (studioFits.size >= 64) studioFits.clear();
    fit = projectRadiance((d) => studioRadianceAt(d, tint));
    studioFits.set(key, fit);
  }
  return fit.clone();
}

/** The sky's radiance projected on order-2 spherical harmonics. */
export function skyHarmonics(L: Lighting): THREE.SphericalHarmonics3 {
  return projectRadiance((d) => skyRadianceAt(d, L));
}

function projectRadiance(radiance: (d: THREE.Vector3) => [number, number, number]): THREE.SphericalHarmonics3 {
  const sh = new THREE.SphericalHarmonics3();
  const basis = new Array<number>(9).fill(0);
  // 1.9 degree steps: the sun's pow(cos, 200) falls to 1/e over about 5.7 degrees.
  forEachSphereSample(96, 192, (dir, dOmega) => {
    const L = radiance(dir);
    THREE.SphericalHarmonics3.getBasisAt(dir, basis);
    for (let k = 0; k < 9; k++) {
      const w = basis[k]! * dOmega;
      sh.coefficients[k]!.x += L[0] * w;
      sh.coefficients[k]!.y += L[1] * w;
      sh.coefficients[k]!.z += L[2] * w;
    }
  });
  return sh;
}

/** Midpoint rule on the sphere: a rows x cols grid in (theta, phi), each direction with its solid angle. */
export function forEachSphereSample(rows: number, cols: number, visit: (dir: THREE.Vector3, dOmega: number) => void): void {
  const dir = new THREE.Vector3();
  for (let j = 0; j < rows; j++) {
    const theta = ((j + 0.5) / rows) * Math.PI;
    const dOmega = (Math.PI / rows) * ((2 * Math.PI) / cols) * Math.sin(theta);
    for (let i = 0; i < cols; i++) {
      const phi = ((i + 0.5) / cols) * 2 * Math.PI;
      visit(dir.set(Math.sin(theta) * Math.cos(phi), Math.cos(theta), Math.sin(theta) * Math.sin(phi)), dOmega);
    }
  }
}
