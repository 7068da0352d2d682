/**
 * What every scene builder shares: the Shot contract, time-of-day lighting, the sky dome (gradient, sun,
 * clouds, stars), fog, physically based materials for the plan's material words, and seeded noise
 * textures. Values are in linear light; colours given as sRGB hex are converted by three.
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import {
  uniform,
  vec2,
  vec3,
  vec4,
  float,
  positionLocal,
  normalize,
  texture,
  max,
  mix,
  pow,
  dot,
  smoothstep,
  clamp,
  mx_cell_noise_float,
  floor as tslFloor,
  fract,
  atan,
  exp,
  Fn,
  cos,
  sin,
  cross,
  acos,
  step,
  mod,
  min,
  instancedBufferAttribute,
  uv,
} from 'three/tsl';
import type { ScenePlan, Material, TimeOfDay } from '../plan/schema.js';
import { tileableNoiseRGBA } from '../sim/noise.js';
import type { Framing } from '../sim/camera.js';
import type { Rng } from '../sim/rng.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface BuildContext {
  plan: ScenePlan;
  seed: number;
  width: number;
  height: number;
  /** Clip length in seconds. */
  duration: number;
  /** Frames in the clip (what a roll that moves whole pixels a frame is timed by). */
  frames: number;
  /** Software rasteriser: keep shadow maps and counts modest. */
  software: boolean;
  /** Scales particle and instance counts (tiny test renders use less). */
  detail: number;
  rng: (name: string) => Rng;
  renderer: THREE.WebGPURenderer;
}

export interface Shot {
  scene: THREE.Scene;
  camera: THREE.PerspectiveCamera;
  framing: Framing;
  /** Where the lens focuses for shallow depth of field (distance from camera updated per frame). */
  focusPoint: THREE.Vector3;
  /** How far from the focus plane things go fully soft, in scene units. */
  focalRange: number;
  /** EV added to the plan's exposure (night scenes are lifted, noon pulled down). */
  exposureBias: number;
  lighting: Lighting | null;
  /** Terrain or floor height under (x, z): the camera never goes below it. */
  groundHeight(x: number, z: number): number;
  /** Box (in scene units) where weather particles live, centred on what the camera sees; null: around the framing target. */
  particleBox?: { center: [number, number, number]; size: [number, number, number] };
  /** Scene units per metre, for particle sizes and speeds. */
  particleScale?: number;
  /**
   * The particles are a field the camera travels through (an abstract background): their box goes with
   * the camera and they are drawn wrapped into it, so a push in passes them by without emptying the frame.
   */
  particlesFollowCamera?: boolean;
  /** Particle kinds of the plan the scene draws itself (air bubbles under the sea): no layer is made for them. */
  drawsParticles?: readonly string[];
  /** Called once per frame with clip time in seconds and progress 0..1, after the camera moved. */
  update(t: number, u: number): void;
  /** Optional overlay (titles) composited after grading. */
  overlay?: { scene: THREE.Scene; camera: THREE.Camera; update(t: number, u: number, frame: number): void };
  dispose(): void;
}

// ------------------------------------------------------------------------------------------ lighting

export interface Lighting {
  sunDir: THREE.Vector3;
  sunColor: THREE.Color;
  sunIntensity: number;
  zenith: THREE.Color;
  horizon: THREE.Color;
  groundColor: THREE.Color;
  hemiIntensity: number;
  /** Multiplies the sky's brightness (night is dark, noon bright). */
  skyIntensity: number;
  stars: number;
  exposure: number;
}

const LIGHTING: Record<TimeOfDay, { elev: number; az: number; sun: string; sunI: number; zen: string; hor: string; gnd: string; hemi: number; sky: number; stars: number; ev: number }> = {
  dawn: { elev: 5, az: 70, sun: '#ffb07a', sunI: 1.7, zen: '#3d5f99', hor: '#f4b08a', gnd: '#3b3140', hemi: 0.7, sky: 0.9, stars: 0.15, ev: 0.35 },
  morning: { elev: 28, az: 55, sun: '#fff0d8', sunI: 2.8, zen: '#3b78c6', hor: '#c2dcf2', gnd: '#5a5348', hemi: 0.9, sky: 1.2, stars: 0, ev: 0 },
  noon: { elev: 62, az: 30, sun: '#fffaf0', sunI: 3.2, zen: '#2f6bcc', hor: '#b3d0ee', gnd: '#5f584c', hemi: 1.0, sky: 1.3, stars: 0, ev: -0.1 },
  'golden-hour': { elev: 8, az: 75, sun: '#ffae55', sunI: 2.8, zen: '#4f77b3', hor: '#ffc585', gnd: '#5a4535', hemi: 0.75, sky: 1.05, stars: 0, ev: 0.15 },
  dusk: { elev: -2, az: 80, sun: '#ff7e5a', sunI: 0.9, zen: '#1c2754', hor: '#e27b5e', gnd: '#2a2230', hemi: 0.55, sky: 0.8, stars: 0.35, ev: 0.6 },
  night: { elev: 38, az: -40, sun: '#9db4ff', sunI: 0.45, zen: '#02050f', hor: '#101a30', gnd: '#07080c', hemi: 0.35, sky: 0.6, stars: 1, ev: 1.0 },
};

export function lightingFor(plan: ScenePlan): Lighting {
  const p = LIGHTING[plan.timeOfDay];
  // A sunset or sunrise shot turns the sun to where the shots look (along -Z, a little to the left) and
  // keeps it just above the horizon, so its disc and glow are in the frame and the scene is backlit.
  const faceSun = plan.camera.faceSun === true;
  // At night that is the moon, a little higher: clear of the haze that reddens a low sun.
  // Over a city higher still, above the towers of a skyline shot from across it.
  // Sunbeams through a forest come from a sun ahead but high enough to slant down through the canopy,
  // above the frame.
  const beams = faceSun && plan.subjects.some((s) => s.kind === 'sun-rays');
  const elevDeg = beams ? 30 : faceSun ? (plan.timeOfDay === 'night' ? (plan.archetype === 'urban' ? 15 : 9) : Math.min(Math.max(p.elev, 1.5), 6)) : p.elev;
  // A rainbow stands opposite the sun, 42 degrees from the point below the horizon straight away from it:
  // the sun goes behind the camera, low enough for the bow's top to clear the land.
  const rainbow = plan.subjects.some((s) => s.kind === 'rainbow') && plan.timeOfDay !== 'night' && !faceSun;
  const el = ((rainbow ? Math.min(Math.max(p.elev, 12), 24) : Math.max(elevDeg, -4)) * Math.PI) / 180;
  const az = ((faceSun ? 192 : rainbow ? 0 : p.az) * Math.PI) / 180;
  const overcast = plan.weather.cloudCover > 0.6 ? (plan.weather.cloudCover - 0.6) / 0.4 : 0;
  const sunColor = new THREE.Color(p.sun);
  const zenith = new THREE.Color(p.zen);
  const horizon = new THREE.Color(p.hor);
  // In a sandstorm the sky is the dust's brown and the sun a dim disc through it.
  const dust = plan.palette.name === 'dust';
  if (dust) {
    zenith.lerp(new THREE.Color('#9a6a3e'), 0.8);
    horizon.lerp(new THREE.Color('#c8935a'), 0.85);
  }
  // Overcast skies go grey and flat: less sun, more sky, colours pulled towards their luminance.
  if (overcast > 0) {
    const grey = (c: THREE.Color, k: number) => {
      const l = luminance(c);
      c.lerp(new THREE.Color(l, l, l), k);
    };
    grey(zenith, overcast * 0.75);
    grey(horizon, overcast * 0.6);
  }
  return {
    sunDir: new THREE.Vector3(Math.cos(el) * Math.sin(az), Math.sin(el), Math.cos(el) * Math.cos(az)).normalize(),
    sunColor,
    sunIntensity: p.sunI * (1 - 0.75 * overcast) * (dust ? 0.45 : 1),
    zenith,
    horizon,
    groundColor: new THREE.Color(p.gnd),
    hemiIntensity: p.hemi * (1 + 0.6 * overcast),
    skyIntensity: p.sky,
    stars: plan.weather.cloudCover > 0.7 ? 0 : p.stars,
    exposure: p.ev,
  };
}

/** Sun and sky lights, with a shadow-casting sun whose shadow box covers `radius` around `center`. */
export function addLights(scene: THREE.Scene, ctx: BuildContext, L: Lighting, center: THREE.Vector3, radius: number, opts: { staticShadows?: boolean } = {}): THREE.DirectionalLight {
  const hemi = new THREE.HemisphereLight(L.zenith.clone().lerp(L.horizon, 0.35), L.groundColor, L.hemiIntensity);
  scene.add(hemi);
  const sun = new THREE.DirectionalLight(L.sunColor, L.sunIntensity);
  const dir = L.sunDir.y < 0.05 ? L.sunDir.clone().setY(0.05).normalize() : L.sunDir;
  sun.position.copy(center).addScaledVector(dir, radius * 2.5);
  sun.target.position.copy(center);
  sun.castShadow = true;
  const size = ctx.software ? 1024 : 2048;
  sun.shadow.mapSize.set(size, size);
  const cam = sun.shadow.camera;
  cam.left = -radius;
  cam.right = radius;
  cam.top = radius;
  cam.bottom = -radius;
  cam.near = 0.5;
  cam.far = radius * 6;
  sun.shadow.bias = -0.0005;
  sun.shadow.normalBias = 0.02;
  softwareShadows(ctx, sun);
  if (opts.staticShadows) {
    // Nothing that casts moves (wind sway aside): render the shadow map once, not every frame.
    sun.shadow.autoUpdate = false;
    sun.shadow.needsUpdate = true;
  }
  scene.add(sun, sun.target);
  return sun;
}

/**
 * On a software rasteriser, one bilinear depth comparison (the sampler's own 2x2 PCF) instead of three's
 * five rotated taps: shadow lookups on every ground pixel were a third of the frame time on lavapipe,
 * and the edges stay soft at a texel's width.
 */
export function softwareShadows(ctx: BuildContext, light: THREE.DirectionalLight): void {
  if (!ctx.software) return;
  (light.shadow as N).filterNode = Fn(({ depthTexture, shadowCoord }: { depthTexture: N; shadowCoord: N }) =>
    texture(depthTexture, shadowCoord.xy).compare(shadowCoord.z),
  );
}

export function addFog(scene: THREE.Scene, plan: ScenePlan, L: Lighting, scale: number): void {
  const density = (0.0015 + plan.weather.fog * plan.weather.fog * 0.032) / scale;
  const color = L.horizon.clone().multiplyScalar(L.skyIntensity * 0.9);
  scene.fog = new THREE.FogExp2(color, density);
}

// ------------------------------------------------------------------------------------------ textures

const noiseCache = new Map<string, THREE.DataTexture>();

/** A seeded tileable noise texture (R: fbm, G: finer fbm, B: detail). */
export function noiseTexture(seed: number, size = 256, cells = 8, octaves = 5): THREE.DataTexture {
  const key = `${seed}:${size}:${cells}:${octaves}`;
  const hit = noiseCache.get(key);
  if (hit) return hit;
  // Half floats: filterable on every backend (32-bit float filtering is optional in WebGPU).
  const data = tileableNoiseRGBA(seed, size, cells, octaves);
  const half = new Uint16Array(data.length);
  for (let i = 0; i < data.length; i++) half[i] = THREE.DataUtils.toHalfFloat(data[i]!);
  const tex = new THREE.DataTexture(half, size, size, THREE.RGBAFormat, THREE.HalfFloatType);
  tex.wrapS = tex.wrapT = THREE.RepeatWrapping;
  tex.magFilter = THREE.LinearFilter;
  tex.minFilter = THREE.LinearMipmapLinearFilter;
  tex.generateMipmaps = true;
  tex.colorSpace = THREE.NoColorSpace;
  tex.needsUpdate = true;
  if (noiseCache.size > 8) noiseCache.clear();
  noiseCache.set(key, tex);
  return tex;
}

// ------------------------------------------------------------------------------------------ sky

export interface Sky {
  mesh: THREE.Mesh;
  time: N;
  follow(camera: THREE.Camera): void;
}

/** A sky dome: zenith-to-horizon gradient, sun disc and glow, drifting clouds, stars at night, an aurora when asked. */
/**
 * The sky dome, centred on the camera. `radius` (2 km unless given) is how far the ground can be seen: the
 * dome is drawn last under the depth test, so it covers whatever lies beyond it; it must stay inside the
 * camera's far plane.
 */
export function createSky(ctx: BuildContext, L: Lighting, opts: { clouds?: number; sunVisible?: boolean; aurora?: boolean; milkyWay?: boolean; starTrails?: boolean; rainbow?: boolean; radius?: number } = {}): Sky {
  const plan = ctx.plan;
  const time = uniform(0);
  const cloudTex = noiseTexture(ctx.seed, 256, 6, 6);
  const dir: N = normalize(positionLocal);
  const h: N = dir.y;
  const zen = vec3(...L.zenith.toArray()).mul(L.skyIntensity);
  const hor = vec3(...L.horizon.toArray()).mul(L.skyIntensity);
  const sunDir = vec3(...L.sunDir.toArray());
  const sunCol = vec3(...L.sunColor.toArray());
  let sky: N = mix(hor, zen, pow(clamp(h, 0, 1), 0.45));
  // Below the horizon: the haze colour, slightly darker, so the edge of terrain never shows a seam.
  sky = mix(hor.mul(0.8), sky, smoothstep(-0.05, 0.02, h));
  const cosSun = max(dot(dir, sunDir), 0);
  const sunUp = L.sunDir.y > -0.03 && opts.sunVisible !== false;
  if (sunUp) {
    const glow = pow(cosSun, 6).mul(0.35).add(pow(cosSun, 64).mul(0.6));
    sky = sky.add(sunCol.mul(glow).mul(L.sunIntensity * 0.35));
    // Near the horizon the disc is dimmed and reddened by the long path through the air: a sunset's sun
    // is orange, not a white hole in the sky.
    const low = L.sunDir.y < Math.sin((7 * Math.PI) / 180) ? 0.22 : 1;
    // At night the disc is the moon: its grey seas mottle it
    const maria: N = plan.timeOfDay === 'night' ? float(1).sub(smoothstep(0.45, 0.7, texture(cloudTex, vec2(dir.x, dir.y).mul(9).add(0.3)).r).mul(0.35)) : float(1);
    // (and it is dimmer than a sun's disc, or the tone curve would clip the seas away).
    const discGain = plan.timeOfDay === 'night' ? 3 : 40 * Math.max(0.2, L.sunIntensity / 3) * low;
    sky = sky.add(sunCol.mul(smoothstep(0.9994, 0.9997, cosSun)).mul(maria).mul(discGain));
  }
  const cover = opts.clouds ?? plan.weather.cloudCover;
  if (cover > 0.02) {
    // Clouds on a virtual plane above the camera, scrolled by the wind.
    const drift = time.mul(0.004 + plan.weather.wind * 0.02);
    const p = dir.xz.div(max(h, 0.03).add(0.12)).mul(0.22);
    const n1: N = texture(cloudTex, p.add(vec2(drift, drift.mul(0.3)))).r;
    const n2: N = texture(cloudTex, p.mul(2.7).add(vec2(drift.mul(1.7), 0.31))).g;
    const n = n1.mul(0.7).add(n2.mul(0.3));
    const threshold = float(1 - cover * 0.85).sub(0.18);
    const density = smoothstep(threshold, threshold.add(0.22), n).mul(smoothstep(0.0, 0.18, h));
    const lit = sunCol.mul(L.sunIntensity * 0.25).add(hor.mul(0.9));
    const shade = mix(lit, zen.mul(0.6).add(hor.mul(0.25)), smoothstep(0.45, 0.9, n2).mul(0.6));
    sky = mix(sky, shade, density.mul(0.92));
  }
  if (L.stars > 0 && opts.starTrails) {
    // Sky time runs at the plan's speed: the trails reach their full length at the clip's last frame.
    // A ring about 4.5 pixels wide at the plan's lens.
    const vfov = 2 * Math.atan(viewHalfSlope(ctx));
    const ringWidth = Math.max(0.0035, (4.5 * vfov) / ctx.height);
    sky = sky.add(starTrailsNode(dir, time.div(Math.max(1e-3, ctx.duration * plan.motion.speed)), ringWidth).mul(L.stars * 3).mul(smoothstep(0.02, 0.3, h)));
  } else if (L.stars > 0) {
    // With the Milky Way the sky turns about the pole in a time lapse (the classic star-trail move).
    const starDir: N = opts.milkyWay ? celestialTurn(dir, time.mul(Math.max(0, plan.motion.speed - 1) * 0.03)) : dir;
    const cell: N = mx_cell_noise_float(tslFloor(starDir.mul(420)));
    const star = smoothstep(0.9975, 1.0, cell).mul(L.stars * 3).mul(smoothstep(0.05, 0.4, h));
    sky = sky.add(vec3(star));
    if (opts.milkyWay) sky = sky.add(milkyWayNode(starDir, cloudTex).mul(smoothstep(0.0, 0.25, h)));
  }
  if (opts.aurora) sky = sky.add(auroraNode(dir, time, cloudTex));
  if (opts.rainbow && sunUp) sky = rainbowNode(sky, dir, sunDir, h);
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false, fog: false });
  mat.colorNode = vec4(sky, 1) as N;
  const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 48, 24), mat);
  mesh.scale.setScalar(opts.radius ?? 2000);
  // Drawn after the opaque scene with the depth test on, so only the pixels where sky shows are shaded.
  mesh.renderOrder = 10;
  mesh.frustumCulled = false;
  return {
    mesh,
    time,
    follow(camera) {
      mesh.position.copy(camera.position);
    },
  };
}

/** The pole the night sky turns about: 40 degrees up, to the north-east of the default view. */
const POLE = new THREE.Vector3(0.45, Math.sin((40 * Math.PI) / 180), -0.55).normalize();
/** The Milky Way's plane: its normal, chosen so the band arches across the default view at about 60 degrees. */
const GALACTIC_NORMAL = new THREE.Vector3(0.82, 0.38, 0.42).normalize();
/** Where along the band its bright core is (in the band's plane), and the band's other in-plane axis. */
const GALACTIC_CORE = new THREE.Vector3(-0.35, 0.42, -0.84).projectOnPlane(GALACTIC_NORMAL).normalize();
const GALACTIC_SIDE = new THREE.Vector3().crossVectors(GALACTIC_NORMAL, GALACTIC_CORE);

/** A direction turned by `angle` radians about the celestial pole (Rodrigues' formula). */
function celestialTurn(dir: N, angle: N): N {
  const k = vec3(POLE.x, POLE.y, POLE.z);
  const c: N = cos(angle);
  const sn: N = sin(angle);
  return dir.mul(c).add(cross(k, dir).mul(sn)).add(k.mul(dot(k, dir)).mul(float(1).sub(c)));
}

/**
 * The pole star trails turn about: 26 degrees up (a latitude of 26 degrees), a little right of the default
 * view, so that with the view pitched up for the sky the circles' centre is in the frame's upper part, as in
 * the classic shot. (The Milky Way's pole is placed for the band's sake; nothing else depends on either.)
 */
const TRAILS_POLE = new THREE.Vector3(0.3, 0.5, -1).normalize();
/** Two axes at right angles to the pole, for angles about it. */
const TRAILS_E1 = new THREE.Vector3(0, 1, 0).projectOnPlane(TRAILS_POLE).normalize();
const TRAILS_E2 = new THREE.Vector3().crossVectors(TRAILS_POLE, TRAILS_E1);
/** A trail's arc at the clip's start and end, radians about the pole (the sky turns 15 degrees an hour). */
const TRAIL_ARC: [number, number] = [0.05, 1.1];

/**
 * Star trails: the stars of a long exposure drawn as arcs about the celestial pole. The sky is cut into
 * thin rings about the pole (`ringWidth` radians: a few pixels, so a trail's line is about a pixel wide);
 * in each ring a hash places up to three stars (more likely the further the ring is from the pole, as the
 * sky there is larger), each with a start angle, a brightness and a colour. A
 * pixel lies on a trail if its angle about the pole is within the arc the star has swept so far, which
 * lengthens with `progress` (0 to 1 over the clip) as the stars move on. Returns linear light.
 */
function starTrailsNode(dir: N, progress: N, ringWidth: number): N {
  const k = vec3(TRAILS_POLE.x, TRAILS_POLE.y, TRAILS_POLE.z);
  const polar: N = acos(clamp(dot(dir, k), -1, 1));
  const around: N = atan(dot(dir, vec3(TRAILS_E2.x, TRAILS_E2.y, TRAILS_E2.z)), dot(dir, vec3(TRAILS_E1.x, TRAILS_E1.y, TRAILS_E1.z)));
  const ring: N = tslFloor(polar.div(ringWidth));
  const inRing: N = fract(polar.div(ringWidth));
  const arc: N = mix(float(TRAIL_ARC[0]), float(TRAIL_ARC[1]), clamp(progress, 0, 1));
  let light: N = vec3(0);
  for (const j of [0, 1, 2]) {
    const h1: N = mx_cell_noise_float(vec2(ring, float(j * 17 + 3)));
    const h2: N = mx_cell_noise_float(vec2(ring, float(j * 17 + 9)));
    const h3: N = mx_cell_noise_float(vec2(ring, float(j * 17 + 13)));
    // Present: rarer near the pole, where a ring is a small circle.
    const present: N = step(h1, min(sin(clamp(polar, 0.0, 1.5)).mul(0.9).add(0.15), 0.9));
    const across: N = inRing.sub(0.5).div(0.2);
    const line: N = exp(across.mul(across).negate());
    // Angle swept since the star's place at the start, through the trail to where it is now.
    const swept: N = mod(around.sub(h2.mul(Math.PI * 2)).add(Math.PI * 4), Math.PI * 2);
    const onArc: N = smoothstep(arc.add(0.004), arc, swept);
    const brightness: N = pow(h3, 3).mul(1.4).add(0.06);
    const tint: N = mix(vec3(0.75, 0.85, 1.1), vec3(1.1, 0.85, 0.6), fract(h3.mul(7.31)));
    light = light.add(tint.mul(line.mul(onArc).mul(present).mul(brightness)));
  }
  return light;
}

/**
 * The Milky Way: a band of unresolved starlight along a great circle, brightest towards the galactic core,
 * mottled by star clouds and split by dark dust lanes, with many more faint stars within it.
 */
function milkyWayNode(dir: N, noise: THREE.Texture): N {
  const b: N = dot(dir, vec3(GALACTIC_NORMAL.x, GALACTIC_NORMAL.y, GALACTIC_NORMAL.z));
  const core: N = max(dot(dir, vec3(GALACTIC_CORE.x, GALACTIC_CORE.y, GALACTIC_CORE.z)), 0);
  // Coordinates along and across the band for the noise (sampled at the top mip: the angle wraps).
  const along: N = atan(dot(dir, vec3(GALACTIC_SIDE.x, GALACTIC_SIDE.y, GALACTIC_SIDE.z)), dot(dir, vec3(GALACTIC_CORE.x, GALACTIC_CORE.y, GALACTIC_CORE.z))).div(Math.PI * 2);
  const at = (u: N, v: N): N => texture(noise, vec2(u, v)).level(float(0));
  const width: N = float(0.1).add(core.mul(core).mul(0.08));
  const band: N = exp(b.div(width).mul(b.div(width)).mul(-1));
  const clouds: N = at(along.mul(5), b.mul(2.5).add(0.5)).r;
  const dust: N = smoothstep(0.45, 0.7, at(along.mul(8).add(0.3), b.mul(4).add(0.2)).g).mul(exp(b.div(0.035).mul(b.div(0.035)).mul(-1)));
  const light: N = band.mul(clouds.mul(clouds).mul(1.6).add(0.15)).mul(float(0.35).add(pow(core, 6).mul(1.4))).mul(float(1).sub(dust.mul(0.85)));
  const tint: N = mix(vec3(0.55, 0.62, 0.85), vec3(1.0, 0.82, 0.6), pow(core, 4));
  // Faint stars that only the band has: a finer cell grid, thresholded by the band's light.
  const faint: N = smoothstep(0.992, 1.0, mx_cell_noise_float(tslFloor(dir.mul(900)))).mul(band).mul(1.6);
  return tint.mul(light.mul(0.16)).add(vec3(faint));
}

/**
 * A rainbow over `sky`: the primary bow 40.5 to 42.5 degrees from the antisolar point, violet inside to red
 * outside, the sky a little brighter inside it and darker just outside (Alexander's band), and a faint
 * secondary bow at 50 to 53.5 degrees with its colours the other way round. Added light, fading towards the
 * horizon, so the land in front of it is untouched.
 */
function rainbowNode(sky: N, dir: N, sunDir: N, h: N): N {
  const angle: N = acos(clamp(dot(dir, sunDir.negate()), -1, 1)).mul(180 / Math.PI);
  const spectrum = (x: N): N =>
    // x from 0 (violet, inside) to 1 (red, outside): a hue ramp through blue, green and yellow.
    clamp(vec3(smoothstep(0.45, 0.85, x).add(smoothstep(0.15, 0.0, x).mul(0.5)), smoothstep(0.15, 0.45, x).mul(smoothstep(1.0, 0.6, x)), smoothstep(0.55, 0.2, x)), 0, 1);
  const band = (from: number, to: number): N => {
    const x: N = angle.sub(from).div(to - from);
    return smoothstep(0.0, 0.12, x).mul(smoothstep(1.0, 0.88, x));
  };
  const primaryX: N = angle.sub(40.5).div(2);
  const secondaryX: N = float(1).sub(angle.sub(50).div(3.5));
  const fade: N = smoothstep(0.0, 0.12, h);
  const inside: N = smoothstep(40.5, 30, angle).mul(0.08);
  const outside: N = smoothstep(42.5, 44, angle).mul(smoothstep(50, 48, angle)).mul(0.06);
  const bows: N = spectrum(primaryX).mul(band(40.5, 42.5)).mul(1.0).add(spectrum(secondaryX).mul(band(50, 53.5)).mul(0.22));
  return sky.mul(float(1).add(inside.sub(outside).mul(fade))).add(bows.mul(fade).mul(sky.dot(vec3(0.3, 0.5, 0.2)).add(0.2)));
}

/**
 * Northern lights: curtains hanging from a wavy lower edge low over the horizon, present on some bearings
 * and not others (folds), made of fine vertical rays that shimmer, green at the lower edge (oxygen at
 * about 100 km) fading upwards into a faint magenta. Everything is looked up by bearing (azimuth) and
 * height above that edge, so the rays stay vertical wherever the camera points. Samples take the top
 * mip level: the bearing jumps from -0.5 to 0.5 behind the camera, and a derivative-chosen level would
 * draw a seam there.
 */
function auroraNode(dir: N, time: N, noise: THREE.Texture): N {
  const bearing: N = atan(dir.x, dir.z).div(Math.PI * 2);
  const at = (u: N, v: N): N => texture(noise, vec2(u, v)).level(float(0));
  /** One curtain: its lower edge's height and waviness, how often it folds away, how fine its rays are. */
  const curtain = (base: number, wave: number, u: number, seed: number, rayScale: number): N => {
    const edge: N = float(base).add(at(bearing.mul(u), time.mul(0.004).add(float(seed))).r.sub(0.5).mul(wave));
    const folds: N = smoothstep(0.42, 0.58, at(bearing.mul(u), time.mul(0.002).add(float(seed + 0.37))).g);
    const rays: N = at(bearing.mul(rayScale), time.mul(0.03).add(float(seed + 0.61))).b;
    const above: N = dir.y.sub(edge);
    // A bright, sharp lower edge, then a long fade upwards; rays from faint to bright.
    const glow: N = smoothstep(0.0, 0.012, above).mul(exp(above.mul(-3.6)).add(exp(above.mul(-40)).mul(1.2)));
    const colour: N = mix(vec3(0.12, 1.0, 0.42), vec3(0.5, 0.12, 0.55), smoothstep(0.06, 0.4, above));
    return colour.mul(glow.mul(folds).mul(rays.mul(rays).mul(1.1).add(0.12)));
  };
  return curtain(0.13, 0.2, 2, 0, 14).add(curtain(0.22, 0.14, 3, 0.5, 23).mul(0.55)).mul(1.3);
}

// ------------------------------------------------------------------------------------------ shots and props

/**
 * The tangent of half the lens's vertical field of view, as the session sets the lens: setFocalLength with
 * three's 36 mm film gauge, which spans the frame's longer side (a landscape frame's width, a portrait
 * frame's height).
 */
export function viewHalfSlope(ctx: BuildContext): number {
  return 36 / Math.max(1, ctx.width / ctx.height) / 2 / ctx.plan.camera.focalLengthMm;
}

/**
 * A shot of something flat seen straight on from 10 units (a title's field, a key plate): no sky light, no
 * ground, focus on the target. `extra` adds or overrides fields (a particle box).
 */
export function frontOnShot(scene: THREE.Scene, camera: THREE.PerspectiveCamera, update: Shot['update'], extra: Partial<Shot> = {}): Shot {
  return {
    scene,
    camera,
    framing: { target: [0, 0, 0], distance: 10, azimuth: 0, elevation: 0 },
    focusPoint: new THREE.Vector3(0, 0, 0),
    focalRange: 4,
    exposureBias: 0,
    lighting: null,
    groundHeight: () => -1e9,
    update,
    dispose() {
      disposeScene(scene);
    },
    ...extra,
  };
}

/**
 * For building a prop out of parts: adds a mesh of `geometry` in `material` to `parent` (the group by
 * default), casting and receiving shadows, and returns it for placing.
 */
export function partAdder(group: THREE.Object3D): (geometry: THREE.BufferGeometry, material: THREE.Material, parent?: THREE.Object3D) => THREE.Mesh {
  return (geometry, material, parent = group) => {
    const mesh = new THREE.Mesh(geometry, material);
    mesh.castShadow = mesh.receiveShadow = true;
    parent.add(mesh);
    return mesh;
  };
}

// ------------------------------------------------------------------------------------------ materials

/**
 * A physically based material for one of the plan's material words. No envMapIntensity anywhere in the
 * scenes: three scales the scene's environment (scene.environment or environmentNode) by
 * scene.environmentIntensity, and a material's envMapIntensity only applies to its own envMap, which
 * none has. (Eleven materials here and seven elsewhere set it, tuned by eye, to no effect.)
 */
export function makeMaterial(material: Material, color: THREE.ColorRepresentation): THREE.MeshStandardNodeMaterial | THREE.MeshPhysicalNodeMaterial {
  const c = new THREE.Color(color);
  switch (material) {
    case 'metal':
      return new THREE.MeshStandardNodeMaterial({ color: c, metalness: 1, roughness: 0.32 });
    case 'chrome':
      return new THREE.MeshStandardNodeMaterial({ color: c.clone().lerp(new THREE.Color(0xffffff), 0.6), metalness: 1, roughness: 0.06 });
    case 'gold':
      return new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#e6b658'), metalness: 1, roughness: 0.22 });
    case 'glass': {
      // Real transmission needs a second scene pass; a clear-coated, partly transparent dielectric reads
      // as glass in motion at a fraction of the cost.
      const m = new THREE.MeshPhysicalNodeMaterial({
        color: c.clone().lerp(new THREE.Color(0xffffff), 0.35),
        metalness: 0,
        roughness: 0.05,
        clearcoat: 1,
        clearcoatRoughness: 0.03,
        transparent: true,
        opacity: 0.55,
      });
      m.depthWrite = false;
      return m;
    }
    case 'wood':
      return new THREE.MeshStandardNodeMaterial({ color: c.clone().lerp(new THREE.Color('#9a6b3f'), 0.6), metalness: 0, roughness: 0.7 });
    case 'stone':
      return new THREE.MeshStandardNodeMaterial({ color: c, metalness: 0, roughness: 0.9 });
    case 'rubber':
      return new THREE.MeshStandardNodeMaterial({ color: c, metalness: 0, roughness: 0.65 });
    case 'ceramic':
      return new THREE.MeshPhysicalNodeMaterial({ color: c, metalness: 0, roughness: 0.35, clearcoat: 0.8, clearcoatRoughness: 0.12 });
    case 'emissive':
      return new THREE.MeshStandardNodeMaterial({ color: c, emissive: c, emissiveIntensity: 2.5, roughness: 0.5 });
    case 'plastic':
      return new THREE.MeshPhysicalNodeMaterial({ color: c, metalness: 0, roughness: 0.3, clearcoat: 0.4, clearcoatRoughness: 0.2 });
    case 'matte':
    default:
      return new THREE.MeshStandardNodeMaterial({ color: c, metalness: 0, roughness: 0.85 });
  }
}


/**
 * Share of [x - w/2, x + w/2] covered by the periodic pulse that is 1 on [a, b) of every unit cell: the
 * difference of the pulse train's running integral, divided by the width. With w the pixel's footprint
 * (fwidth), a box-filtered stripe: it averages out instead of aliasing when stripes get smaller than pixels.
 */
export function filteredPulse(a: number, b: number, x: N, w: N): N {
  const integral = (t: N): N => tslFloor(t).mul(b - a).add(clamp(fract(t), a, b).sub(a));
  return integral(x.add(w.mul(0.5))).sub(integral(x.sub(w.mul(0.5)))).div(w);
}

/**
 * Rough, diffuse surfaces (terrain, foliage, rock, studio backdrops): Lambert on a software rasteriser, at
 * a fraction of the per-pixel cost; the PBR model on a GPU. Both take their sky light from the scene's
 * hemisphere light alone: the PBR one must not also read the scene's image-based light (`scene.environment`,
 * whose strength three takes from `scene.environmentIntensity`, not the material's envMapIntensity), or it
 * counts the sky twice. It did: on an H200 every landscape came out 1.3 to 1.8 times as bright as on
 * lavapipe (a flower meadow's mean luma 113 against 64), washed out, with shadows half gone.
 */
export function roughMaterial(
  ctx: BuildContext,
  params: { vertexColors?: boolean; roughness: number; color?: THREE.Color; side?: THREE.Side },
): THREE.MeshStandardNodeMaterial | THREE.MeshLambertNodeMaterial {
  const common = { vertexColors: params.vertexColors ?? false, side: params.side ?? THREE.FrontSide, ...(params.color ? { color: params.color } : {}) };
  if (ctx.software) return new THREE.MeshLambertNodeMaterial(common);
  const mat = new THREE.MeshStandardNodeMaterial({ ...common, roughness: params.roughness, metalness: 0 });
  mat.envNode = vec3(0, 0, 0); // no image-based light; and with an envNode, readsEnvironment() skips it
  return mat;
}

const axisX = new THREE.Vector3();
const axisZ = new THREE.Vector3();
const axisBasis = new THREE.Matrix4();

/**
 * The turn that lays a card's +y along `axis` and turns it about that axis to face the camera (`toCam`,
 * the unit vector from the card to the camera): a streak of rain, a spark, a shaft of light, seen from
 * anywhere as a strip. Both vectors unit length; writes `out`.
 */
export function faceAboutAxis(out: THREE.Quaternion, axis: THREE.Vector3, toCam: THREE.Vector3): THREE.Quaternion {
  axisX.crossVectors(axis, toCam).normalize();
  axisZ.crossVectors(axisX, axis).normalize();
  axisBasis.makeBasis(axisX, axis, axisZ);
  return out.setFromRotationMatrix(axisBasis);
}

/**
 * The turn about the vertical, in `frame`'s coordinates (a product's turntable), that faces a card at
 * world position `at` towards the camera: flames, steam and mist stay upright as the camera moves.
 */
/** A flat mesh turned about the vertical to face the camera every frame, its shader driven by a time uniform. */
export interface FacingCard {
  mesh: THREE.Mesh;
  update(t: number, camera: THREE.Camera): void;
}

/** A card of `geometry` and `material` (flames, ink, digital rain): sets `time` and turns it to the camera. */
export function facingCard(geometry: THREE.BufferGeometry, material: THREE.Material, time: { value: number }): FacingCard {
  const mesh = new THREE.Mesh(geometry, material);
  mesh.renderOrder = 3;
  const at = new THREE.Vector3();
  return {
    mesh,
    update(t, camera) {
      time.value = t;
      mesh.rotation.y = yawTowardCamera(camera, mesh.getWorldPosition(at), mesh.parent);
    },
  };
}

export function yawTowardCamera(camera: THREE.Camera, at: THREE.Vector3, frame: THREE.Object3D | null): number {
  const frameYaw = frame ? new THREE.Euler().setFromQuaternion(frame.getWorldQuaternion(new THREE.Quaternion()), 'YXZ').y : 0;
  return Math.atan2(camera.position.x - at.x, camera.position.z - at.z) - frameYaw;
}

/**
 * A colour per instance as a shader node, for materials whose colorNode works it into a pattern (three
 * multiplies in an InstancedMesh's own instance colours only when no colorNode is set).
 */
export function perInstanceColour(colours: readonly THREE.Color[]): N {
  return instancedBufferAttribute(new THREE.InstancedBufferAttribute(Float32Array.from(colours.flatMap((c) => c.toArray())), 3));
}

/** Palette colour i (wrapping), as a THREE.Color. */
export function paletteColor(plan: ScenePlan, i: number): THREE.Color {
  const list = plan.palette.colors;
  return new THREE.Color(list[((i % list.length) + list.length) % list.length]!);
}

/** Gives every vertex of `g` a colour (a constant, or one by position), in place, for vertexColors materials. */
/**
 * Parts of one model merged into one geometry, non-indexed, keeping only what every part has of positions,
 * normals and vertex colours (parts' uvs differ, and a model painted by vertex needs none).
 */
export function mergeParts(parts: THREE.BufferGeometry[]): THREE.BufferGeometry {
  return mergeGeometries(
    parts.map((g) => {
      const flat = g.index ? g.toNonIndexed() : g;
      flat.deleteAttribute('uv');
      return flat;
    }),
  )!;
}

export function paintVertices(g: THREE.BufferGeometry, color: THREE.Color | ((p: THREE.Vector3) => THREE.Color)): THREE.BufferGeometry {
  const pos = g.getAttribute('position') as THREE.BufferAttribute;
  const colors = new Float32Array(pos.count * 3);
  const p = new THREE.Vector3();
  for (let i = 0; i < pos.count; i++) {
    const c = color instanceof THREE.Color ? color : color(p.fromBufferAttribute(pos, i));
    colors.set([c.r, c.g, c.b], i * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  return g;
}

/** Rec.709 luminance of a linear colour. */
function luminance(c: THREE.Color): number {
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

/** A colour bright enough to be a light (lightColors keeps these; a palette's darks are for fields). */
export function isLightColour(c: THREE.Color): boolean {
  return luminance(c) >= 0.08;
}

/**
 * `n` colours for things that are lights (bokeh, glowing motes), from the palette in its order but
 * skipping its dark colours: a palette built for a dark field ("gold", "on a dark blue background") leads
 * with its darks, which as lights are invisible. With too few bright ones, the brightest in turn.
 */
export function lightColors(plan: ScenePlan, n: number): THREE.Color[] {
  const all = plan.palette.colors.map((c) => new THREE.Color(c));
  let bright = all.filter(isLightColour);
  if (bright.length === 0) bright = [...all].sort((a, b) => luminance(b) - luminance(a)).slice(0, 1);
  return Array.from({ length: n }, (_, i) => bright[i % bright.length]!.clone());
}

export function disposeScene(scene: THREE.Object3D): void {
  (scene as THREE.Scene).environment?.dispose();
  scene.traverse((o) => {
    const mesh = o as THREE.Mesh;
    mesh.geometry?.dispose();
    const m = mesh.material as THREE.Material | THREE.Material[] | undefined;
    if (Array.isArray(m)) m.forEach((x) => x.dispose());
    else m?.dispose();
  });
}


/** Camera-facing soft cards (a steam locomotive's smoke, powder): see softCards. */
export interface SoftCards {
  mesh: THREE.InstancedMesh;
  /** Card i's opacity, written by the caller each frame (then `commit`). */
  opacity: Float32Array;
  /** Puts card i at `position`, `size` across, turned to the lens. */
  place(i: number, position: THREE.Vector3, size: number, camera: THREE.Camera): void;
  commit(): void;
}

/**
 * `count` unit quads, instanced, each turned to the camera and given its own opacity; `shade` gives the
 * colour and the coverage at a point of a card from its distance from the middle (`r`, 0 to 1 at the edge).
 */
export function softCards(count: number, shade: (r: N) => { rgb: N; alpha: N }): SoftCards {
  const opacity = new THREE.InstancedBufferAttribute(new Float32Array(count), 1);
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false });
  const { rgb, alpha } = shade((uv() as N).sub(0.5).length().mul(2));
  mat.colorNode = vec4(rgb, alpha.mul(instancedBufferAttribute(opacity))) as N;
  const mesh = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), mat, count);
  mesh.frustumCulled = false;
  mesh.renderOrder = 4;
  const m = new THREE.Matrix4();
  const s = new THREE.Vector3();
  return {
    mesh,
    opacity: opacity.array as Float32Array,
    place(i, position, size, camera) {
      mesh.setMatrixAt(i, m.compose(position, camera.quaternion, s.set(size, size, size)));
    },
    commit() {
      mesh.instanceMatrix.needsUpdate = true;
      opacity.needsUpdate = true;
    },
  };
}
