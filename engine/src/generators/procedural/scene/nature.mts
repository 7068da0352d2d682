/**
 * Nature shots: forest, mountains, ocean, sky, meadow, desert, with fire where asked. Terrain is a
 * seeded height field built once on the CPU; trees are instanced and sway in the wind on the GPU;
 * the ocean is a sum of Gerstner waves evaluated in the vertex shader with analytic normals, lit by a
 * prefiltered copy of the sky so it reflects the time of day.
 */
import { createMeteors, layMeteors } from './meteors.mjs';
import * as THREE from 'three/webgpu';
import { markStaticInstances } from './instance-order.mjs';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import {
  uniform,
  vec3,
  float,
  positionLocal,
  positionGeometry,
  positionWorld,
  instanceIndex,
  hash,
  sin,
  cos,
  texture,
  mix,
  normalize,
  smoothstep,
  transformNormalToView,
  cameraPosition,
  abs,
  dot,
  clamp,
  mx_noise_float,
  normalView,
  positionViewDirection,
  attribute,
} from 'three/tsl';
import { ValueNoise2D } from '../sim/noise.js';
import { lookUp, type Framing } from '../sim/camera.js';
import {
  type BuildContext,
  type Shot,
  lightingFor,
  addLights,
  addFog,
  createSky,
  noiseTexture,
  disposeScene,
  type Lighting,
  roughMaterial,
  paintVertices,
} from './common.mjs';
import { requestEnvironment, skyEnvironment } from './environment.mjs';
import { createWaterfall } from './waterfall.mjs';
import { scatterPalms } from './palms.mjs';
import { createLighthouse } from './lighthouse.mjs';
import { createSunRays } from './sun-rays.mjs';
import { createBoats, placeBoats } from './boats.mjs';
import { createIcebergs } from './icebergs.mjs';
import { createCabin } from './cabin.mjs';
import { createPyramids, PYRAMIDS, PYRAMID_SCALE } from './pyramids.mjs';
import { createWindmills } from './windmill.mjs';
import { createBridge } from './bridge.mjs';
import { createTallGrass } from './tall-grass.mjs';
import { createSunflowers } from './sunflowers.mjs';
import { TULIP_COLOURS, createTulips } from './tulips.mjs';
import { flowerCarpet } from './flower-carpet.mjs';
import { createEruption, defaultCone, lavaEmissive, volcanoHeight } from './volcano.mjs';
import { createRippleField, planImpacts } from './ripples.mjs';
import { TULIP_MIX } from '../plan/schema.js';
import { createBamboo } from './bamboo.mjs';
import { createSolarFarm, createWindFarm, turbinePlaces } from './energy.mjs';
import { type RoadPath, carveRoad, offRoad, buildRoadMesh, createCar, roadHeading } from './road.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Terrain {
  mesh: THREE.Mesh;
  height(x: number, z: number): number;
}

interface TerrainStyle {
  size: number;
  segments: number;
  height: (x: number, z: number) => number;
  color: (h: number, slope: number, x: number, z: number) => THREE.Color;
}

export function buildTerrain(ctx: BuildContext, style: TerrainStyle): Terrain {
  const geo = new THREE.PlaneGeometry(style.size, style.size, style.segments, style.segments);
  geo.rotateX(-Math.PI / 2);
  const pos = geo.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < pos.count; i++) pos.setY(i, style.height(pos.getX(i), pos.getZ(i)));
  geo.computeVertexNormals();
  const normals = geo.attributes.normal as THREE.BufferAttribute;
  const colors = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const c = style.color(pos.getY(i), 1 - normals.getY(i), pos.getX(i), pos.getZ(i));
    colors.set([c.r, c.g, c.b], i * 3);
  }
  geo.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.92 });
  // Break up the vertex colours with a tiled noise texture at two scales (cheap: two texture reads).
  const tex = noiseTexture(ctx.seed, 256, 8, 5);
  const n: N = texture(tex, positionWorld.xz.mul(0.045)).r.mul(0.6).add(texture(tex, positionWorld.xz.mul(0.31)).g.mul(0.4));
  // Vertex colours still multiply a custom colorNode in three's node materials.
  mat.colorNode = vec3(1).mul(n.mul(0.5).add(0.75)) as N;
  const mesh = new THREE.Mesh(geo, mat);
  mesh.receiveShadow = true;
  return { mesh, height: style.height };
}

// ------------------------------------------------------------------------------------------ trees

/** A pine of six tiers; under snow each tier is white on top, its skirt's edge still dark green. */
function pineGeometry(snowy = false): THREE.BufferGeometry {
  const parts: THREE.BufferGeometry[] = [];
  const trunk = new THREE.CylinderGeometry(0.12, 0.2, 2.2, 6);
  trunk.translate(0, 1.1, 0);
  paintVertices(trunk, new THREE.Color('#4a3526'));
  parts.push(trunk);
  const tiers = 6;
  for (let k = 0; k < tiers; k++) {
    const r = 1.8 - k * 0.27;
    const h = 2.2 - k * 0.2;
    const cone = new THREE.ConeGeometry(r, h, 10, snowy ? 2 : 1, true); // open: the underside of a tier never shows
    const base = 1.6 + k * 1.05;
    cone.translate(0, base + h / 2, 0);
    const green = new THREE.Color('#2f4a2c').lerp(new THREE.Color('#456b3a'), k / tiers);
    const snow = new THREE.Color('#eef2f6');
    paintVertices(cone, snowy ? (p) => green.clone().lerp(snow, 0.08 + 0.82 * Math.min(1, Math.max(0, ((p.y - base) / h - 0.2) * 1.7))) : green);
    parts.push(cone);
  }
  return mergeGeometries(parts.map((p) => (p.index ? p.toNonIndexed() : p)))!;
}

/** Autumn canopies: orange, rust, red and gold (linear light after three's sRGB conversion). */
const AUTUMN_FOLIAGE = ['#c8631f', '#d98a2b', '#a8401e', '#e0a630'];

/** Cherry blossom in flower: pinks and a pink-white (linear light after three's sRGB conversion). */
const BLOSSOM_FOLIAGE = ['#f2a7bd', '#f8cdda', '#e98aa8', '#fbe3ea'];
/** Per-tree tints over the blossom: as is, paler, pinker. */
const BLOSSOM_TINTS: Array<[number, number, number]> = [
  [1, 1, 1],
  [1.08, 1.1, 1.1],
  [1.05, 0.85, 0.95],
];

/** Per-tree tints under snow: near white, so the snow stays white and the needles dark. */
const SNOW_TINTS: Array<[number, number, number]> = [
  [1, 1, 1],
  [0.92, 0.95, 0.98],
];

type Canopy = 'green' | 'autumn' | 'blossom' | 'snow';

/**
 * Snow lying on a tree: every face that looks up is whitened, by how squarely (a pine's tiers turn white
 * on top and stay dark beneath, a crown is capped). The colours are linear light.
 */
function snowOnTop(g: THREE.BufferGeometry): THREE.BufferGeometry {
  const n = g.getAttribute('normal') as THREE.BufferAttribute;
  const c = g.getAttribute('color') as THREE.BufferAttribute;
  const snow = new THREE.Color('#eef2f6');
  const col = new THREE.Color();
  for (let i = 0; i < n.count; i++) {
    const up = Math.min(1, Math.max(0, (n.getY(i) - 0.15) / 0.5));
    col.fromBufferAttribute(c, i).lerp(snow, up * 0.9);
    c.setXYZ(i, col.r, col.g, col.b);
  }
  c.needsUpdate = true;
  return g;
}

function broadleafGeometry(seed: number, canopy: Canopy = 'green'): THREE.BufferGeometry {
  const noise = new ValueNoise2D(seed, 'leafblob');
  const parts: THREE.BufferGeometry[] = [];
  const trunk = new THREE.CylinderGeometry(0.14, 0.26, 3, 6);
  trunk.translate(0, 1.5, 0);
  paintVertices(trunk, new THREE.Color('#4d3a2a'));
  parts.push(trunk);
  const blobs: Array<[number, number, number, number]> = [
    [0, 4.1, 0, 1.9],
    [0.9, 3.5, 0.4, 1.3],
    [-0.8, 3.6, -0.3, 1.35],
    [0.1, 5.0, -0.2, 1.2],
  ];
  blobs.forEach(([x, y, z, r], b) => {
    const g = new THREE.IcosahedronGeometry(r, 1);
    const p = g.attributes.position as THREE.BufferAttribute;
    for (let i = 0; i < p.count; i++) {
      const v = new THREE.Vector3().fromBufferAttribute(p, i);
      const k = 0.8 + 0.4 * noise.sample(v.x * 1.7 + b * 3, v.y * 1.7 + v.z);
      p.setXYZ(i, v.x * k, v.y * k * 0.9, v.z * k);
    }
    g.computeVertexNormals();
    g.translate(x, y, z);
    const foliage = canopy === 'autumn' ? AUTUMN_FOLIAGE : canopy === 'blossom' ? BLOSSOM_FOLIAGE : null;
    paintVertices(g, foliage ? new THREE.Color(foliage[b % foliage.length]!) : new THREE.Color('#3f6a2e').lerp(new THREE.Color('#5b8a3c'), b / blobs.length));
    parts.push(g);
  });
  return mergeGeometries(parts.map((p) => (p.index ? p.toNonIndexed() : p)))!;
}

/** Per-tree tints over the autumn canopy: as is, redder, yellower, or still partly green. */
const AUTUMN_TINTS: Array<[number, number, number]> = [
  [1, 1, 1],
  [1.15, 0.55, 0.6],
  [1.05, 1.35, 1.1],
  [0.55, 1.5, 0.9],
];

/**
 * Rolling hills: broad folds of ground that grow from a gentle swell at the camera to hills tens of
 * metres high towards the horizon, so each fold shows above the one before it and the haze tells them
 * apart. Smooth (three octaves) so the slopes read as grassland, not rock.
 */
export function rollingHills(noise: { fbm(x: number, y: number, octaves?: number): number }, x: number, z: number): number {
  const far = Math.min(1, Math.max(0, (-z - 10) / 240));
  const folds = (noise.fbm(x * 0.005 + 31.7, z * 0.009 + 12.3, 3) - 0.45) * 2.2;
  return folds * (4 + 34 * far * far * (3 - 2 * far)) + 8 * far;
}

/** Instanced trees on the terrain, swaying with the wind (top moves most, each tree in its own phase). */
export function scatterTrees(
  ctx: BuildContext,
  kind: 'pine-trees' | 'broadleaf-trees',
  count: number,
  area: { cx: number; cz: number; radius: number; clearRadius?: number; keep?: (x: number, z: number) => boolean },
  terrain: Terrain,
  time: N,
  maxSlopeHeight?: number,
  /** No tree below this height (a shoreline). */
  minHeight?: number,
): THREE.InstancedMesh {
  const rng = ctx.rng(`trees:${kind}`);
  // In autumn broadleaf canopies turn (pines stay green); each tree is tinted redder, yellower or still
  // half green, so a hillside is a mix. In blossom they flower pink and white.
  const palette = ctx.plan.palette.name;
  // Under falling snow, or in a winter palette, snow lies on every tree.
  const snowy = ctx.plan.weather.condition === 'snow' || palette === 'winter';
  const canopy: Canopy = snowy ? 'snow' : kind !== 'broadleaf-trees' ? 'green' : palette === 'autumn' ? 'autumn' : palette === 'blossom' ? 'blossom' : 'green';
  const geo = kind === 'pine-trees' ? pineGeometry(canopy === 'snow') : broadleafGeometry(ctx.seed, canopy === 'snow' ? 'green' : canopy);
  if (canopy === 'snow' && kind !== 'pine-trees') snowOnTop(geo);
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.85 });
  const wind = 0.15 + ctx.plan.weather.wind * 0.9;
  const phase: N = hash(instanceIndex).mul(6.283);
  // Bend by height up the tree's own geometry: inside positionNode positionLocal is already placed by the
  // instance matrix, so trees on higher ground swayed metres (the bend grew with the ground's height).
  const bend: N = positionGeometry.y.mul(positionGeometry.y).mul(0.0035 * wind);
  const sway: N = sin(time.mul(1.3).add(phase)).mul(0.7).add(sin(time.mul(2.9).add(phase.mul(1.7))).mul(0.3));
  mat.positionNode = positionLocal.add((vec3 as N)(sway.mul(bend), float(0), cos(time.mul(1.1).add(phase)).mul(bend).mul(0.4))) as N;
  const n = Math.max(1, Math.round(count * Math.min(1, ctx.detail * 1.2)));
  const mesh = new THREE.InstancedMesh(geo, mat, n);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const color = new THREE.Color();
  let placed = 0;
  for (let tries = 0; placed < n && tries < n * 20; tries++) {
    const a = rng.next() * Math.PI * 2;
    const r = Math.sqrt(rng.next()) * area.radius;
    const x = area.cx + Math.cos(a) * r;
    const z = area.cz + Math.sin(a) * r;
    if (area.clearRadius && Math.hypot(x - area.cx, z - area.cz) < area.clearRadius) continue;
    if (area.keep && !area.keep(x, z)) continue;
    const y = terrain.height(x, z);
    if (maxSlopeHeight !== undefined && y > maxSlopeHeight) continue;
    if (minHeight !== undefined && y < minHeight) continue;
    const s = 0.7 + rng.next() * 0.8;
    q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), rng.next() * Math.PI * 2);
    m.compose(new THREE.Vector3(x, y - 0.2, z), q, new THREE.Vector3(s, s * (0.85 + rng.next() * 0.4), s));
    mesh.setMatrixAt(placed, m);
    color.setHSL(0.3 + (rng.next() - 0.5) * 0.08, 0.25 + rng.next() * 0.2, 0.45 + rng.next() * 0.2);
    if (canopy !== 'green') {
      const tints = canopy === 'autumn' ? AUTUMN_TINTS : canopy === 'snow' ? SNOW_TINTS : BLOSSOM_TINTS;
      const tint = tints[Math.floor(rng.next() * tints.length)]!;
      color.setRGB(tint[0], tint[1], tint[2]).multiplyScalar(0.75 + rng.next() * 0.3);
      mesh.setColorAt(placed, color);
    } else mesh.setColorAt(placed, color.multiplyScalar(1.6));
    placed++;
  }
  mesh.count = placed;
  markStaticInstances(mesh);
  mesh.castShadow = true;
  // Self-shadowing foliage costs a shadow lookup on every tree pixel and barely shows; on a software
  // rasteriser only the ground receives.
  mesh.receiveShadow = !ctx.software;
  return mesh;
}

// ------------------------------------------------------------------------------------------ ocean

/**
 * Gerstner waves: positions and analytic normals in the vertex shader. `calm` scales the waves: a lake is
 * an ocean with a small fraction of its swell.
 */
export interface WaveTrain {
  len: number;
  amp: number;
  dir: number;
  steep: number;
  phase: number;
}

/**
 * The water's spectrum, the same for the shader and for what floats on it (the same seed stream): eight
 * trains from 42 m swell down to 1.6 m chop, each about as tall as a fixed fraction of its length, the long
 * ones along the wind and the short ones spread wider around it. (Five hand-placed trains made a visible
 * lattice of dimples near the camera.) Towards a beach the swell runs in to the shore (+z), refracted
 * square to it.
 */
export function waveTrains(ctx: Pick<BuildContext, 'rng' | 'plan'>, calm = 1, shore?: { z: number }): WaveTrain[] {
  const rng = ctx.rng('waves');
  const windDir = rng.range(-0.5, 0.5) * (shore ? 0.3 : 1) + (shore ? Math.PI / 2 : 0);
  const wind = ctx.plan.weather.wind * calm;
  return Array.from({ length: 8 }, (_, i) => {
    const len = 42 * Math.pow(1.6 / 42, i / 7);
    const spread = 0.25 + (i / 7) * 1.1;
    return { len, amp: len * 0.0155 * (0.6 + wind * 1.2) * calm, dir: windDir + rng.range(-spread, spread), steep: 0.55 - (i / 7) * 0.25, phase: rng.range(0, Math.PI * 2) };
  });
}

/**
 * The swell's height at (x, z) and time t, and its slopes along x and z: the trains the vertex shader
 * displaces the water by (those over 8 m), less their small sideways shift. What floats rides this.
 */
export function waveSurface(waves: WaveTrain[], x: number, z: number, t: number): { y: number; dydx: number; dydz: number } {
  let y = 0;
  let dydx = 0;
  let dydz = 0;
  for (const w of waves) {
    if (w.len <= 8) continue;
    const k = (2 * Math.PI) / w.len;
    const c = Math.sqrt(9.81 / k);
    const dx = Math.cos(w.dir);
    const dz = Math.sin(w.dir);
    const f = (x * dx + z * dz) * k - t * c * k + w.phase;
    y += Math.sin(f) * w.amp;
    dydx += Math.cos(f) * w.amp * k * dx;
    dydz += Math.cos(f) * w.amp * k * dz;
  }
  return { y, dydx, dydz };
}

function oceanMaterial(ctx: BuildContext, time: N, L: Lighting, calm = 1, shore?: { z: number }, extraSlope?: N): THREE.MeshStandardNodeMaterial {
  const waves = waveTrains(ctx, calm, shore);
  const wind = ctx.plan.weather.wind * calm;
  // Long waves displace the mesh (vertex stage, sampled finely enough by the grid); all waves shape the
  // normal per pixel, where the short ones fade with distance so the far sea does not alias into noise.
  const p: N = positionLocal;
  let dx: N = float(0);
  let dy: N = float(0);
  let dz: N = float(0);
  const pw: N = positionWorld;
  const dist: N = pw.xz.sub(cameraPosition.xz).length();
  let nx: N = float(0);
  let nz: N = float(0);
  let ny: N = float(1);
  for (const w of waves) {
    const k = (2 * Math.PI) / w.len;
    const c = Math.sqrt(9.81 / k);
    const d = [Math.cos(w.dir), Math.sin(w.dir)] as const;
    const q = w.steep / (k * w.amp * waves.length);
    if (w.len > 8) {
      const f: N = p.x.mul(d[0]).add(p.z.mul(d[1])).mul(k).sub(time.mul(c * k)).add(w.phase);
      dx = dx.add(cos(f).mul(q * w.amp * d[0]));
      dz = dz.add(cos(f).mul(q * w.amp * d[1]));
      dy = dy.add(sin(f).mul(w.amp));
    }
    const fade: N = float(1).sub(smoothstep(w.len * 10, w.len * 40, dist));
    const fw: N = pw.x.mul(d[0]).add(pw.z.mul(d[1])).mul(k).sub(time.mul(c * k)).add(w.phase);
    const wa: N = fade.mul(k * w.amp);
    nx = nx.sub(cos(fw).mul(wa).mul(d[0]));
    nz = nz.sub(cos(fw).mul(wa).mul(d[1]));
    ny = ny.sub(sin(fw).mul(wa).mul(q));
  }
  // On software rasterisers the clear coat's second specular lobe is dropped (the ocean, 720p: 169 -> 153
  // ms a frame, alternated runs; frames look alike side by side).
  const mat = ctx.software
    ? new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#0b2f42'), roughness: 0.06, metalness: 0 })
    : new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#0b2f42'), roughness: 0.06, metalness: 0, clearcoat: 0.3 });
  mat.positionNode = p.add(vec3(dx, dy, dz)) as N;
  // Rings from drops (scene/ripples.mts): their slope tilts the normal as the waves' does.
  if (extraSlope) {
    nx = nx.sub(extraSlope.x);
    nz = nz.sub(extraSlope.y);
  }
  // The mesh has an identity transform (the plane is rotated in its geometry), so local = world here.
  mat.normalNode = transformNormalToView(normalize(vec3(nx, ny, nz))) as N;
  // Crests: the swell's height above still water in units of its RMS height (sum of amp^2 / 2).
  const rms = Math.sqrt(waves.filter((w) => w.len > 8).reduce((a, w) => a + (w.amp * w.amp) / 2, 0));
  const crest: N = smoothstep(0.7, 2.0, pw.y.div(rms));
  const rough = ctx.plan.weather.condition === 'storm' || ctx.plan.weather.condition === 'rain';
  // Rain and spray roughen the surface: a storm sea mirrors the sky less.
  if (rough) mat.roughness = 0.2;
  // Storm water is grey-green and opaque; clear water a deep blue with a lighter tint where it is thin;
  // tropical water (the tropical palette) a lagoon's blue-green, turquoise where it is thin.
  const tropical = ctx.plan.palette.name === 'tropical' && !rough;
  const deep = new THREE.Color(rough ? '#0d2226' : tropical ? '#075a72' : '#06283a').lerp(L.horizon, 0.08);
  const shallow = new THREE.Color(rough ? '#2d4a47' : tropical ? '#1fa3a8' : '#1f6a78');
  let colour: N = mix(vec3(deep.r, deep.g, deep.b), vec3(shallow.r, shallow.g, shallow.b), crest.mul(0.7)).add(vec3(crest.mul(crest).mul(0.12)));
  if (wind > 0.45) {
    // Whitecaps: the windier, the more of each crest breaks, torn up by noise that drifts with the wind.
    const tear: N = mx_noise_float(vec3(pw.x.mul(0.35), pw.z.mul(0.35), time.mul(0.6))).mul(0.5).add(0.5);
    const foam: N = smoothstep(0.45, 0.8, crest.mul(tear.add(0.3))).mul(Math.min(1, (wind - 0.45) * 2.5));
    colour = mix(colour, vec3(0.75, 0.78, 0.78), foam.mul(0.85));
    mat.roughnessNode = mix(float(mat.roughness), float(0.6), foam) as N;
  }
  if (shore) {
    // The shallows: lighter, greener water over the sand, and surf: lines of foam that run in with the
    // swell, break up towards the beach, and a swash line where each wave runs up the sand.
    const off: N = float(shore.z).sub(pw.z);
    // Over tropical sand the shallows are wide and a bright turquoise.
    const shallow2 = new THREE.Color(tropical ? '#4fd1c5' : '#3e8f8a');
    colour = mix(colour, vec3(shallow2.r, shallow2.g, shallow2.b), float(1).sub(smoothstep(2, tropical ? 45 : 22, off)).mul(tropical ? 0.8 : 0.55));
    const tear: N = mx_noise_float(vec3(pw.x.mul(0.18), off.mul(0.25), time.mul(0.35))).mul(0.5).add(0.5);
    const lines: N = sin(off.mul(0.75).add(time.mul(1.7)).add(tear.mul(2.5))).mul(0.5).add(0.5);
    const band: N = float(1).sub(smoothstep(4, 26, off)).mul(smoothstep(-1.5, 1, off));
    const surf: N = smoothstep(0.55, 0.9, lines.mul(tear.add(0.35))).mul(band);
    const swash: N = float(1).sub(smoothstep(0, 2.5, off.abs())).mul(tear.add(0.2));
    const foam: N = clamp(surf.add(swash), 0, 1);
    colour = mix(colour, vec3(0.82, 0.85, 0.85), foam.mul(0.9));
    mat.roughnessNode = mix(float(mat.roughness), float(0.7), foam) as N;
  }
  mat.colorNode = colour as N;
  return mat;
}

/**
 * A lake frozen over: pale blue-grey ice, dark where it froze clear (black ice), crossed by fine white
 * cracks where noise crosses its middle, with drifts of snow lying on it. Still: nothing moves on ice.
 */
function iceMaterial(ctx: BuildContext): THREE.Material {
  const tex = noiseTexture(ctx.seed, 256, 6, 5);
  const p: N = positionWorld.xz;
  const patches: N = texture(tex, p.mul(0.011)).r;
  const drifts: N = texture(tex, p.mul(0.023).add(0.37)).g;
  const fine: N = texture(tex, p.mul(0.09)).b;
  const crackA: N = float(1).sub(smoothstep(0.0, 0.012, texture(tex, p.mul(0.017).add(0.61)).r.sub(0.5).abs()));
  const crackB: N = float(1).sub(smoothstep(0.0, 0.008, texture(tex, p.mul(0.041).add(0.13)).g.sub(0.5).abs()));
  // (Patches of it, not a third of the lake: more read as holes in the ice.)
  const clear = new THREE.Color('#56778a');
  const ice = new THREE.Color('#b9d3de');
  const snow = new THREE.Color('#eef3f6');
  let colour: N = mix(vec3(clear.r, clear.g, clear.b), vec3(ice.r, ice.g, ice.b), smoothstep(0.22, 0.42, patches));
  colour = mix(colour, vec3(0.85, 0.9, 0.93), crackA.mul(0.7).add(crackB.mul(0.4)).clamp(0, 1));
  colour = mix(colour, vec3(snow.r, snow.g, snow.b), smoothstep(0.55, 0.75, drifts.add(fine.mul(0.15))));
  const mat = ctx.software
    ? new THREE.MeshStandardNodeMaterial({ roughness: 0.35, metalness: 0 })
    : new THREE.MeshPhysicalNodeMaterial({ roughness: 0.3, metalness: 0, clearcoat: 0.5 });
  mat.colorNode = colour as N;
  // The snow is matte, the bare ice glossy.
  mat.roughnessNode = mix(float(0.2), float(0.85), smoothstep(0.55, 0.75, drifts)) as N;
  return mat;
}

/** The sea to the horizon: a finely divided plane for the swell (oceanMaterial), at y = 0. */
function openSea(ctx: BuildContext, time: N, L: Lighting, calm = 1, shore?: { z: number }): THREE.Mesh {
  const geo = new THREE.PlaneGeometry(900, 900, ctx.software ? 320 : 640, ctx.software ? 320 : 640);
  geo.rotateX(-Math.PI / 2);
  const water = new THREE.Mesh(geo, oceanMaterial(ctx, time, L, calm, shore));
  water.receiveShadow = false;
  return water;
}

// ------------------------------------------------------------------------------------------ fire

/**
 * A campfire: a teepee of logs whose lower ends glow, a bed of embers, and flames as a few open cones
 * drawn additively. Each cone is brightest where it is seen face on (a soft, volumetric edge instead of a
 * hard silhouette), coloured from a yellow-white core at the base to orange and red at the tips, and cut
 * by rising noise into tongues, so the flame flickers in shape as well as in size.
 */
export function buildFire(ctx: BuildContext, scene: THREE.Object3D, at: THREE.Vector3, time: N, lightScale = 1): (t: number) => void {
  // One flicker for the fire's light and its glowing wood and embers, set each frame by the updater below.
  const flicker = uniform(1);
  const logs = new THREE.Group();
  const wood = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#3a2618'), roughness: 0.9 });
  // The ends in the fire glow: emission fades out over the lowest 40 cm, patchy like charred wood.
  const above: N = positionWorld.y.sub(at.y);
  const char: N = mx_noise_float(positionWorld.mul(9)).mul(0.5).add(0.5);
  wood.emissiveNode = vec3(1.0, 0.22, 0.03).mul(smoothstep(0.35, 0.02, above)).mul(char.mul(char)).mul(flicker).mul(0.9) as N;
  // A teepee: five logs leaning in until their tops meet above the middle, their feet in the embers.
  const lean = 0.45;
  const up = new THREE.Vector3(0, 1, 0);
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 + 0.4;
    const log = new THREE.Mesh(new THREE.CylinderGeometry(0.07, 0.1, 1.2, 7), wood);
    const axis = new THREE.Vector3(-Math.cos(a) * Math.sin(lean), Math.cos(lean), -Math.sin(a) * Math.sin(lean));
    log.quaternion.setFromUnitVectors(up, axis);
    log.position.set(Math.cos(a) * 0.28, 0.5, Math.sin(a) * 0.28);
    log.castShadow = true;
    logs.add(log);
  }
  logs.position.copy(at);
  scene.add(logs);
  // The bed of embers: a glowing disc just above the ground, hottest in the middle, crawling with noise.
  const bedMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, polygonOffset: true, polygonOffsetFactor: -2 });
  const r: N = positionLocal.xy.length().div(0.6);
  const glow: N = mx_noise_float(vec3(positionLocal.x.mul(14), positionLocal.y.mul(14), time.mul(0.8))).mul(0.5).add(0.5);
  bedMat.colorNode = vec3(1.0, 0.28, 0.04).mul(smoothstep(1, 0.2, r)).mul(glow.mul(glow).mul(1.6).add(0.15)).mul(flicker) as N;
  const bed = new THREE.Mesh(new THREE.CircleGeometry(0.6, 24), bedMat);
  bed.rotation.x = -Math.PI / 2;
  bed.position.copy(at).add(new THREE.Vector3(0, 0.04, 0));
  scene.add(bed);

  const flameMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
  const h: N = clamp(positionLocal.y.add(0.5), 0, 1);
  const lick: N = sin(time.mul(9).add(positionLocal.x.mul(7))).mul(0.08).mul(h);
  flameMat.positionNode = positionLocal.add((vec3 as N)(lick, float(0), sin(time.mul(7.3).add(positionLocal.z.mul(6))).mul(0.06).mul(h))) as N;
  // Tongues: noise rising through the cone; the higher up, the more of it is cut away.
  const rising: N = mx_noise_float(vec3(positionLocal.x.mul(5), positionLocal.y.mul(3).sub(time.mul(3.2)), positionLocal.z.mul(5))).mul(0.5).add(0.5);
  const body: N = smoothstep(h.mul(0.9), h.mul(0.9).add(0.25), rising.add(float(0.55).sub(h.mul(0.35))));
  const faceOn: N = abs(dot(normalView, positionViewDirection));
  const heat: N = float(1).sub(h);
  const colour: N = mix(vec3(0.9, 0.16, 0.02), vec3(1.0, 0.62, 0.22), heat.mul(heat)).add(vec3(0.45, 0.4, 0.3).mul(heat.mul(heat).mul(heat)));
  // The cone's open base fades in, so no hard rim shows where it meets the embers.
  flameMat.colorNode = colour.mul(body).mul(faceOn.mul(faceOn)).mul(heat.mul(0.8).add(0.2)).mul(smoothstep(0, 0.12, h)).mul(0.75) as N;
  const flames: THREE.Mesh[] = [];
  for (let i = 0; i < 4; i++) {
    const f = new THREE.Mesh(new THREE.ConeGeometry(0.32 - i * 0.05, 1.3 - i * 0.15, 16, 6, true), flameMat);
    f.position.copy(at).add(new THREE.Vector3((i - 1.5) * 0.1, 0.8, ((i % 2) - 0.5) * 0.12));
    flames.push(f);
    scene.add(f);
  }
  const light = new THREE.PointLight(new THREE.Color('#ff8a3a'), 6, 18, 1.6);
  light.position.copy(at).add(new THREE.Vector3(0, 1, 0));
  scene.add(light);
  const rng = ctx.rng('fire');
  const phases = flames.map(() => rng.next() * 10);
  return (t: number) => {
    flames.forEach((f, i) => {
      const k = 1 + 0.18 * Math.sin(t * (7 + i) + phases[i]!) + 0.1 * Math.sin(t * 13.7 + phases[i]! * 2);
      f.scale.set(1, k, 1);
    });
    flicker.value = 0.85 + 0.15 * Math.sin(t * 11) * Math.sin(t * 5.3 + 1);
    light.intensity = 6 * lightScale * flicker.value;
  };
}

// ------------------------------------------------------------------------------------------ shot

/** Metres the river falls at a waterfall. */
const FALL_HEIGHT = 26;

/** Degrees above level that an aurora shot looks (a 28 mm lens sees about 23 degrees above its centre). */
const AURORA_PITCH = 12;

export function buildNature(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const L = lightingFor(plan);
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.3, 4000);
  const noise = new ValueNoise2D(ctx.seed, 'terrain');
  const aurora = plan.subjects.some((s) => s.kind === 'aurora');
  const fireworks = plan.subjects.some((s) => s.kind === 'fireworks');
  const lightning = plan.subjects.some((s) => s.kind === 'lightning');
  const waterfall = plan.subjects.some((s) => s.kind === 'waterfall');
  const starTrails = plan.subjects.some((s) => s.kind === 'star-trails') && plan.timeOfDay === 'night';
  // The night sky as the subject: the Milky Way, or the stars' trails (the band is smeared out in those).
  const milkyWay = (starTrails || plan.subjects.some((s) => s.kind === 'milky-way')) && plan.timeOfDay === 'night';
  // An aurora needs a clear sky to be seen through.
  // Fireworks read best against a dark, mostly clear sky too.
  const clouds = aurora || milkyWay || plan.subjects.some((s) => s.kind === 'meteors') ? Math.min(plan.weather.cloudCover, 0.08) : fireworks ? Math.min(plan.weather.cloudCover, 0.2) : plan.setting === 'sky' ? Math.max(plan.weather.cloudCover, 0.55) : plan.weather.cloudCover;
  const rainbow = plan.subjects.some((s) => s.kind === 'rainbow');
  // (A volcano is seen from farther than the sky's usual 2 km: its dome goes out to just inside the far plane.)
  const sky = createSky(ctx, L, { clouds, aurora, milkyWay: milkyWay && !starTrails, starTrails, rainbow, radius: plan.subjects.some((s) => s.kind === 'volcano') ? 3950 : undefined });
  scene.add(sky.mesh);
  requestEnvironment(scene, () => skyEnvironment(ctx, L));

  const segs = ctx.software ? 128 : 320;
  let terrain: Terrain | null = null;
  let framing: Framing;
  let focus = new THREE.Vector3();
  let lightCenter = new THREE.Vector3();
  let lightRadius = 40;
  let fogScale = 1;
  let rainBox: Shot['particleBox'] | undefined;
  const updaters: Array<(t: number) => void> = [];
  // Shooting stars in the dark sky, at sky distance from wherever the camera goes (inside the dome).
  const meteorSubject = plan.subjects.find((s) => s.kind === 'meteors');
  if (meteorSubject && (plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk')) {
    const rng = ctx.rng('meteors');
    const meteors = createMeteors(layMeteors(() => rng.next(), meteorSubject.count, ctx.duration * plan.motion.speed), 1500);
    scene.add(meteors.group);
    updaters.push((t) => meteors.update(t, camera));
  }
  const subjects = new Set(plan.subjects.map((s) => s.kind));
  const treeSubject = plan.subjects.find((s) => s.kind === 'pine-trees' || s.kind === 'broadleaf-trees') as { kind: 'pine-trees' | 'broadleaf-trees'; count: number } | undefined;
  // Snow lies on the ground under falling snow, and round a frozen lake (as on the trees there).
  const snowy = plan.weather.condition === 'snow' || subjects.has('ice');
  // A road through the landscape (scene/road.mts): its centre line winds with the setting's character,
  // the terrain is levelled under it, and trees and rocks keep off it.
  const road: RoadPath | null = subjects.has('road') ? roadPathFor(plan.setting, noise) : null;
  const withRoad = (height: (x: number, z: number) => number, opts: Parameters<typeof carveRoad>[2] = {}) => (road ? carveRoad(height, road, opts) : height);
  const clearOfRoad = road ? (x: number, z: number) => offRoad(road, x, z) : undefined;
  const grass = (x: number, z: number, h: number) => {
    const v = noise.fbm(x * 0.02 + 50, z * 0.02, 3);
    const c = new THREE.Color('#4c6b2f').lerp(new THREE.Color('#7a8a3e'), v);
    if (plan.palette.name === 'autumn') c.lerp(new THREE.Color('#8a6a35'), 0.5);
    // A wheat field is gold to the horizon (its stalks stand in front of the camera).
    if (subjects.has('wheat')) c.lerp(new THREE.Color('#a98a3e').lerp(new THREE.Color('#c4a456'), v), 0.85);
    // A sunflower field's far rows are a carpet of yellow over green.
    if (subjects.has('sunflowers')) c.lerp(new THREE.Color('#6f7a22').lerp(new THREE.Color('#c9a21a'), v), 0.8);
    // A tulip field's stripes are drawn over this by the field's own ground colour (scene/tulips.mts).
    if (subjects.has('tulips')) c.setRGB(0.8, 0.8, 0.8).multiplyScalar(0.9 + v * 0.2);
    if (snowy) c.lerp(new THREE.Color('#e8edf2'), 0.85);
    return c.lerp(new THREE.Color('#5b4a36'), Math.max(0, Math.min(1, (h - 8) / 20)) * 0.3);
  };

  /** A river's centre line by z, once the river is laid out (boats float along it). */
  let riverCentre: ((z: number) => number) | null = null;

  /** The cabin in its clearing, and the framing that looks at it across the clearing from near the ground. */
  const addCabin = (ground: (x: number, z: number) => number, at = CABIN_AT): Framing => {
    const gy = ground(at.x, at.z);
    const snowy = plan.weather.condition === 'snow' || plan.palette.name === 'winter';
    const day = (plan.timeOfDay === 'noon' || plan.timeOfDay === 'morning') && !['snow', 'rain', 'storm', 'fog'].includes(plan.weather.condition);
    const hut = createCabin(ctx, new THREE.Vector3(at.x, gy, at.z), { lit: !day, snowy, turn: -0.45 });
    scene.add(hut.group);
    updaters.push((t) => hut.update(t, camera));
    focus.set(at.x, gy + 2, at.z);
    return { target: [at.x - 1, gy + 2.2, at.z], distance: CABIN_SHOT, azimuth: 0, elevation: 6, travel: 12, minHeight: gy + 1.5 };
  };

  switch (plan.setting) {
    case 'mountains': {
      // A valley floor with a range rising a kilometre or more away: peaks read as peaks, not as a wall.
      const range = (x: number, z: number) => {
        const d = Math.min(1, Math.max(0, (-z - 500) / 900));
        const ridge = noise.ridged(x * 0.0021 + 3.1, z * 0.0021, 6);
        const base = noise.fbm(x * 0.006, z * 0.006, 4);
        return base * 14 + ridge * ridge * 780 * d * (0.55 + 0.45 * noise.fbm(x * 0.001, 7, 2)) + d * 60 - 6;
      };
      // A volcano is a lone cone on a plain (the range only a low line far behind it).
      const volcano = subjects.has('volcano');
      let volcanoAir = false;
      const cone = defaultCone();
      const plain = (x: number, z: number) => noise.fbm(x * 0.006, z * 0.006, 4) * 14 - 6 + Math.max(0, -z - 3000) * 0.1;
      const height = volcano ? volcanoHeight(cone, noise, plain) : range;
      const basalt = (h: number, slope: number, x: number, z: number) =>
        new THREE.Color('#2c2826').lerp(new THREE.Color('#4a423c'), noise.sample(x * 0.02, z * 0.02) * 0.7 + slope * 0.4).lerp(new THREE.Color('#3b3a2c'), Math.max(0, 1 - h / 40) * 0.5);
      terrain = buildTerrain(ctx, {
        size: 5000,
        segments: ctx.software ? 256 : 512,
        // The road is levelled through the valley and climbs the slopes where the range begins.
        height: withRoad(height, { weight: (z) => 1 - Math.min(1, Math.max(0, (-z - 380) / 140)) }),
        color: (h, slope, x, z) => {
          if (volcano) return basalt(h, slope, x, z);
          const rock = new THREE.Color('#6a625c').lerp(new THREE.Color('#8a8179'), noise.sample(x * 0.02, z * 0.02));
          const green = grass(x, z, h);
          let c = green.clone().lerp(rock, Math.min(1, Math.max(0, (slope - 0.2) * 3 + (h - 60) / 160)));
          const snowLine = (snowy ? 120 : 330) + noise.sample(x * 0.01, z * 0.01) * 80;
          if (h > snowLine && slope < 0.6) c = c.lerp(new THREE.Color('#f2f5f8'), Math.min(1, (h - snowLine) / 60));
          return c;
        },
      });
      scene.add(terrain.mesh);
      const tree = treeSubject?.kind ?? 'pine-trees';
      const cabin = subjects.has('cabin');
      const keep = cabin ? (x: number, z: number) => (clearOfRoad?.(x, z) ?? true) && !inCabinView(x, z, CABIN_AT, plan.camera.move === 'orbit') : clearOfRoad;
      if (treeSubject || subjects.has('pine-trees')) scene.add(scatterTrees(ctx, tree, treeSubject?.count ?? 120, { cx: 0, cz: -120, radius: 200, clearRadius: 25, keep }, terrain, time, 40));
      // A cabin's own woods round its clearing.
      if (cabin && treeSubject) scene.add(scatterTrees(ctx, tree, 90, { cx: CABIN_AT.x, cz: CABIN_AT.z - 10, radius: 45, keep }, terrain, time, 40));
      framing = { target: [0, 140, -1900], distance: 2000, azimuth: 0, elevation: 1.5, travel: 500, minHeight: 25 };
      focus.set(0, 200, -1900);
      if (volcano) {
        // Lava in the crater and down the flanks, lighting nothing but itself; the eruption over the crater.
        const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
        const ground = terrain.mesh.material as THREE.MeshStandardNodeMaterial;
        ground.emissiveNode = lavaEmissive(cone, ctx.seed, time, 5).mul(night ? 1 : 0.6) as N;
        const eruption = createEruption(ctx, cone, { night, windX: 0.6 + plan.weather.wind });
        scene.add(eruption.group);
        updaters.push((t) => eruption.update(t, camera));
        // From a rise 3.6 km off across the plain: the whole cone in the lower part of the frame, the column
        // rising over it; the air clear enough to see it (the range's haze hid the cone at this distance).
        framing = { target: [0, cone.height * 0.6, cone.z], distance: 3600, azimuth: 0, elevation: 1, travel: 600, minHeight: 25 };
        focus.set(0, cone.height * 0.5, cone.z);
        volcanoAir = true;
      }
      lightCenter.set(0, 0, -150);
      lightRadius = 260;
      // A cabin in the valley, the range rising behind it.
      if (cabin) {
        framing = addCabin(terrain.height);
        lightCenter.set(CABIN_AT.x, 0, CABIN_AT.z - 20);
        lightRadius = 90;
      }
      fogScale = volcanoAir ? 90 : 28;
      break;
    }
    case 'ocean': {
      scene.add(openSea(ctx, time, L));
      framing = { target: [0, 1.2, -40], distance: 46, azimuth: 0, elevation: 5, travel: 60, minHeight: 2.2 };
      const span = plan.subjects.find((x) => x.kind === 'bridge');
      if (span) {
        // Across the water 300 m off, turned so that it recedes to the right; seen from a boat's height
        // (a drone higher), its near tower on the left of the frame.
        const lit = plan.timeOfDay === 'dusk' || plan.timeOfDay === 'night';
        const rng = ctx.rng('bridge');
        const bridge = createBridge(ctx, new THREE.Color(span.color), lit, () => rng.next());
        bridge.group.position.set(0, 0, -300);
        bridge.group.rotation.y = -0.45;
        scene.add(bridge.group);
        updaters.push((t) => bridge.update(t));
        framing = plan.camera.move === 'drone' ? { target: [0, 40, -300], distance: 420, azimuth: -6, elevation: 10, travel: 90, minHeight: 30 } : { target: [0, 55, -300], distance: 380, azimuth: -6, elevation: -3, travel: 40, minHeight: 6 };
      }
      focus.set(0, 0, -30);
      lightCenter.set(0, 0, -20);
      lightRadius = 40;
      fogScale = 4;
      break;
    }
    case 'coast': {
      // A beach: sand rising gently from under the sea towards the camera, the shoreline across the lower
      // part of the frame, the swell running in and breaking into surf (oceanMaterial's shore option).
      const shoreZ = -11;
      const tropicalSand = plan.palette.name === 'tropical';
      // Steep enough near the water that the swell's crests (about a metre here) do not flood the sand.
      const height = (x: number, z: number) => Math.max(-4, (z - shoreZ) * 0.13 + noise.fbm(x * 0.05, z * 0.05, 3) * 0.2 - 0.1);
      terrain = buildTerrain(ctx, {
        // A drone along the shore sees far down the beach: the sand reaches further than the usual 400 m.
        size: plan.camera.move === 'drone' ? 1000 : 400,
        segments: segs,
        height,
        // Tropical sand is pale coral sand, nearly white.
        color: (h, slope, x, z) =>
          (tropicalSand ? new THREE.Color('#eee2c6') : new THREE.Color('#d8bf94'))
            .lerp(new THREE.Color(tropicalSand ? '#d6c29c' : '#b89a70'), Math.max(0, Math.min(1, 0.6 - h * 0.8)))
            .lerp(new THREE.Color(tropicalSand ? '#f8f1e1' : '#e8d6b4'), noise.sample(x * 0.2, z * 0.2) * 0.25 + slope * 0.2),
      });
      scene.add(terrain.mesh);
      if (subjects.has('rocks')) addRocks(ctx, scene, terrain, 10, clearOfRoad);
      const palms = plan.subjects.find((s) => s.kind === 'palm-trees');
      // Palms on the sand either side of the frame, the sea between them.
      if (palms) scene.add(scatterPalms(ctx, palms.count, { x: 17, z0: -10, z1: -3, clear: 5 }, height, time));
      if (subjects.has('lighthouse')) {
        // On a rock in the surf off the left of the beach, its light burning as the day goes.
        const lit = plan.timeOfDay === 'dusk' || plan.timeOfDay === 'night' || plan.weather.condition === 'fog' || plan.weather.condition === 'storm';
        const light = createLighthouse(ctx, new THREE.Vector3(-11, 1.0, -58), lit);
        scene.add(light.group);
        updaters.push((t) => light.update(t));
      }
      scene.add(openSea(ctx, time, L, 0.8, { z: shoreZ }));
      framing = { target: [0, 1.0, -40], distance: 52, azimuth: 0, elevation: 6, travel: 40, minHeight: 2.2 };
      // A close-up is of the water washing up the sand (the long lens on the wide shot's target saw only sea).
      focus.set(0, 0, -25);
      if (plan.camera.shot === 'close') {
        framing = { target: [0, 0.3, shoreZ - 7], distance: 34, azimuth: 0, elevation: 9, travel: 6, minHeight: 1.5 };
        focus.set(0, 0, shoreZ - 4);
      } else if (plan.camera.move === 'drone') {
        // The beach drone shot: high over the surf line, flying along the shore with the beach receding to
        // the horizon (flying out to sea, as a drone does elsewhere, ended on open water with the beach gone).
        framing = { target: [0, 0, shoreZ - 6], distance: 75, azimuth: 60, elevation: 17, travel: 60, minHeight: 12 };
        focus.set(0, 0, shoreZ);
      }
      lightCenter.set(0, 0, -10);
      lightRadius = 50;
      fogScale = 4;
      break;
    }
    case 'lake': {
      // A forest lake: a bowl in wooded hills, filled to y = 0, its shore wandering with noise, and a calm
      // surface (the ocean's waves at a sixth of their height).
      const lakeZ = -70;
      const height = (x: number, z: number) => {
        const r = Math.hypot(x * 0.8, z - lakeZ) / (60 + noise.fbm(x * 0.01, z * 0.01, 3) * 30);
        const bowl = 1 - Math.min(1, Math.max(0, (r - 0.6) / 0.6));
        return 3 + noise.fbm(x * 0.012, z * 0.012, 5) * 9 + Math.max(0, -z - 200) * 0.12 - bowl * bowl * 10;
      };
      terrain = buildTerrain(ctx, { size: 900, segments: segs, height, color: (h, _s, x, z) => (h < 0.6 ? new THREE.Color('#6b6253') : grass(x, z, h)) });
      scene.add(terrain.mesh);
      const geo = new THREE.PlaneGeometry(420, 420, ctx.software ? 128 : 256, ctx.software ? 128 : 256);
      geo.rotateX(-Math.PI / 2);
      geo.translate(0, 0, lakeZ);
      // Ice lies a little above still water's level: over the muddy shallows (bare lake bed up to 0.6 m,
      // which water's swell washes over but flat ice at 0 left showing as brown patches on the lake).
      // Drops on the water in front of the lens (rain on the lake, ripples on a calm surface): the camera
      // low over the water near the shore, looking across it.
      const rippled = subjects.has('ripples') && !subjects.has('ice');
      const RIPPLE_EYE = { x: 0, z: -26 };
      let field: ReturnType<typeof createRippleField> | null = null;
      if (rippled) {
        const rainy = plan.weather.condition === 'rain' || plan.weather.condition === 'storm';
        const rng = ctx.rng('ripples');
        const patch: [number, number] = [RIPPLE_EYE.x, RIPPLE_EYE.z - 8];
        const half: [number, number] = [4.5, 5];
        field = createRippleField(planImpacts(() => rng.next(), rainy ? 14 : 3.5, ctx.duration, patch, half), patch, half);
        updaters.push((t) => field!.update(t));
      }
      const water = subjects.has('ice') ? new THREE.Mesh(new THREE.PlaneGeometry(420, 420).rotateX(-Math.PI / 2).translate(0, 0.62, lakeZ), iceMaterial(ctx)) : new THREE.Mesh(geo, oceanMaterial(ctx, time, L, rippled ? 0.05 : 0.17, undefined, field?.slope));
      scene.add(water);
      const kind = treeSubject?.kind ?? 'pine-trees';
      // A cabin on the near shore, the lake beyond it: a few metres up from where the water ends.
      let cabinAt: { x: number; z: number } | null = null;
      if (subjects.has('cabin')) {
        let z = lakeZ;
        while (z < 60 && height(0, z) < 1.2) z += 1;
        cabinAt = { x: 0, z: z + 6 };
      }
      const keep = cabinAt ? (x: number, z: number) => !inCabinView(x, z, cabinAt!, plan.camera.move === 'orbit') : undefined;
      // Woods down to the water: dense near the shore, the rest of the ring thinner into the haze.
      if (treeSubject || subjects.has('pine-trees')) {
        scene.add(scatterTrees(ctx, kind, Math.max(treeSubject?.count ?? 0, 420), { cx: 0, cz: lakeZ, radius: 120, keep }, terrain, time, undefined, 1.2));
        const far = scatterTrees(ctx, kind, 360, { cx: 0, cz: lakeZ - 60, radius: 230, clearRadius: 120, keep }, terrain, time, undefined, 1.2);
        far.castShadow = false;
        scene.add(far);
      }
      framing = { target: [0, 2, lakeZ], distance: 130, azimuth: 0, elevation: 16, travel: 90, minHeight: 8 };
      focus.set(0, 0, lakeZ);
      if (rippled) {
        // 1.1 m over the water, looking 6 degrees down across it: the rings fill the lower frame, mirroring
        // the far shore and its trees, which stand across the top.
        framing = { target: [RIPPLE_EYE.x, 0, RIPPLE_EYE.z - 10], distance: 10.1, azimuth: 0, elevation: 6, travel: 3, minHeight: 0.8 };
        focus.set(RIPPLE_EYE.x, 0, RIPPLE_EYE.z - 8);
        rainBox = { center: [RIPPLE_EYE.x, 2.5, RIPPLE_EYE.z - 11], size: [14, 5, 12] };
      }
      lightCenter.set(0, 0, lakeZ);
      lightRadius = 160;
      if (cabinAt) {
        framing = addCabin(height, cabinAt);
        lightCenter.set(cabinAt.x, 0, cabinAt.z - 20);
        lightRadius = 90;
      }
      fogScale = 6;
      break;
    }
    case 'river': {
      // A river meandering through wooded hills towards the horizon: a channel carved along a wandering
      // centre line and filled to y = 0 (calm water, the ocean's waves at a sixth of their height). With a
      // waterfall, the land upstream of a cliff stands FALL_HEIGHT higher, the river falling over it.
      const phase = noise.sample(3.1, 7.7) * 6;
      const centre = (z: number) => 38 * Math.sin(z / 70 + phase) + 14 * Math.sin(z / 27 + phase * 1.7);
      riverCentre = centre;
      const fallZ = -150;
      // The cliff line wanders back from the fall on either side (never towards the camera, where it would
      // hide the plunge pool), so it is not a straight wall.
      const cliffZ = (x: number) => fallZ - Math.min(1, Math.abs(x - centre(fallZ)) / 50) * (8 + noise.fbm(x * 0.012, 9.3, 3) * 40);
      const step = (x: number, z: number) => (waterfall ? FALL_HEIGHT * Math.min(1, Math.max(0, (cliffZ(x) - z) / 5 + 0.5)) : 0);
      const channel = (x: number, z: number) => {
        const w = 16 + noise.fbm(z * 0.01, 4.2, 2) * 8;
        return 1 - Math.min(1, Math.max(0, (Math.abs(x - centre(z)) - w) / 18));
      };
      const height = (x: number, z: number) => {
        const carve = channel(x, z);
        return step(x, z) + 3 + noise.fbm(x * 0.012, z * 0.012, 5) * 9 + Math.max(0, -z - 260) * 0.1 - carve * carve * 11;
      };
      terrain = buildTerrain(ctx, { size: 900, segments: segs, height, color: (h, _s, x, z) => (h < step(x, z) + 0.6 ? new THREE.Color('#6b6253') : grass(x, z, h)) });
      scene.add(terrain.mesh);
      // Above and below a fall the same water: one material (one shader to compile) for both stretches.
      const riverWater = oceanMaterial(ctx, time, L, 0.17);
      const water = (z0: number, z1: number, y: number) => {
        const geo = new THREE.PlaneGeometry(240, z1 - z0, ctx.software ? 48 : 96, Math.round((ctx.software ? 192 : 384) * ((z1 - z0) / 900)));
        geo.rotateX(-Math.PI / 2);
        geo.translate(0, y, (z0 + z1) / 2);
        scene.add(new THREE.Mesh(geo, riverWater));
      };
      if (waterfall) {
        water(fallZ, 120, 0);
        water(-780, fallZ, FALL_HEIGHT);
        const lip = new THREE.Vector3(centre(fallZ), FALL_HEIGHT, fallZ);
        const fall = createWaterfall(ctx.seed, lip, 30, FALL_HEIGHT, L);
        scene.add(fall.group);
        updaters.push((t) => fall.update(t, camera));
      } else {
        water(-780, 120, 0);
      }
      const kind = treeSubject?.kind ?? 'broadleaf-trees';
      if (treeSubject || subjects.has('pine-trees') || subjects.has('broadleaf-trees')) {
        // Not in the river (upstream of a fall the water is high, so the height test alone would not do).
        const dry = (x: number, z: number) => channel(x, z) < 0.35;
        scene.add(scatterTrees(ctx, kind, Math.max(treeSubject?.count ?? 0, 460), { cx: 0, cz: -120, radius: 150, keep: dry }, terrain, time, undefined, 1.2));
        const far = scatterTrees(ctx, kind, 380, { cx: 0, cz: -330, radius: 260, clearRadius: 150, keep: dry }, terrain, time, undefined, 1.2);
        far.castShadow = false;
        scene.add(far);
      }
      if (waterfall) {
        // From downstream, looking up at the fall over the plunge pool.
        framing = { target: [centre(fallZ), FALL_HEIGHT * 0.5, fallZ], distance: 95, azimuth: 0, elevation: 6, travel: 40, minHeight: 6 };
        focus.set(centre(fallZ), FALL_HEIGHT * 0.5, fallZ);
      } else {
        // From above the water, looking down the river; a drone follows it.
        const tz = -90;
        framing = { target: [centre(tz), 0, tz], distance: 110, azimuth: 0, elevation: 24, travel: 110, minHeight: 10 };
        focus.set(centre(tz), 0, tz);
      }
      lightCenter.set(0, 0, -100);
      lightRadius = 170;
      fogScale = 6;
      break;
    }
    case 'sky': {
      terrain = buildTerrain(ctx, {
        size: 1200,
        segments: segs,
        height: (x, z) => noise.fbm(x * 0.006, z * 0.006, 5) * 55 * Math.min(1, Math.max(0, (-z - 80) / 300)) - 2,
        color: (h, _s, x, z) => grass(x, z, h).multiplyScalar(0.7),
      });
      scene.add(terrain.mesh);
      framing = { target: [0, 70, -300], distance: 310, azimuth: 0, elevation: -9, travel: 120, minHeight: 4 };
      focus.set(0, 120, -300);
      lightCenter.set(0, 0, -60);
      lightRadius = 120;
      fogScale = 10;
      break;
    }
    case 'desert': {
      if (subjects.has('canyon')) {
        // A canyon: a meandering trench 130 m deep cut into a plateau, its walls in ledges and cliffs.
        const canyon = canyonTerrain(noise, ctx.seed);
        // Cells about 3 m wide: the cliffs between ledges are steep, and coarser cells cut them into teeth.
        terrain = buildTerrain(ctx, { size: 1000, segments: Math.round(segs * 2.5), height: canyon.height, color: canyon.color });
        scene.add(terrain.mesh);
        const along = -140;
        const cx = canyon.centre(along);
        // A drone flies along it, high over the rim, looking down into it; otherwise the view is from
        // the rim, along the canyon as it winds away.
        framing =
          plan.camera.move === 'drone'
            ? { target: [cx, -100, along], distance: 380, azimuth: 6, elevation: 34, travel: 220, minHeight: 60 }
            : { target: [cx, -90, along], distance: 360, azimuth: 10, elevation: 26, travel: 90, minHeight: 40 };
        focus.set(cx, -60, along);
        lightCenter.set(cx, -60, along);
        lightRadius = 260;
        fogScale = 12;
        break;
      }
      // A launch site is a flat plain (the dunes flattened), watched from low across it.
      const launch = subjects.has('rocket');
      // The pyramids stand on a plateau: the dunes die down round each one's footing.
      const giza = subjects.has('pyramids');
      const plateau = (x: number, z: number) => {
        if (!giza) return 1;
        let k = 1;
        for (const p of PYRAMIDS) {
          const side = p.base * PYRAMID_SCALE;
          k = Math.min(k, THREE.MathUtils.smoothstep(Math.hypot(x - p.at[0], z - p.at[1]), side * 0.75, side * 1.6));
        }
        return 0.12 + 0.88 * k;
      };
      // Transverse dunes: ridges across the wind with a sharp crest and a smooth trough (1 - |sin| is a
      // cusp at each crest), meandering with noise, a second, smaller set across them, and ripples.
      const height = (x: number, z: number) => {
        const phase = x * 0.04 + noise.fbm(x * 0.008, z * 0.008, 3) * 7;
        const ridge = 1 - Math.abs(Math.sin(phase));
        const cross = 1 - Math.abs(Math.sin(z * 0.055 + x * 0.02 + noise.fbm(x * 0.02, z * 0.02, 2) * 3));
        const scale = 0.55 + noise.fbm(x * 0.005, z * 0.005, 3);
        return ((ridge * ridge * 7 + cross * cross * 1.5) * scale + noise.fbm(x * 0.05, z * 0.05, 3) * 0.6) * (launch ? 0.1 : 1) * plateau(x, z);
      };
      terrain = buildTerrain(ctx, {
        size: 900,
        segments: segs,
        // A highway runs level over the dunes on a wide, smoothed bed.
        height: withRoad(height, { verge: 5, blend: 16, smooth: 30 }),
        color: (h, slope, x, z) => new THREE.Color('#c99a62').lerp(new THREE.Color('#e2bd86'), noise.sample(x * 0.08, z * 0.08) * 0.5 + h / 24).lerp(new THREE.Color('#a9774a'), slope * 1.5),
      });
      scene.add(terrain.mesh);
      const rocks = plan.subjects.find((s) => s.kind === 'rocks');
      if (rocks) addRocks(ctx, scene, terrain, rocks.count, clearOfRoad);
      // High enough to look over the nearer crests.
      framing = { target: [0, 4, -40], distance: 80, azimuth: 0, elevation: 10, travel: 70, minHeight: 3 };
      if (giza) {
        // From the dunes south-east of them, looking across to the three on the skyline (a drone higher).
        scene.add(createPyramids(ctx, height));
        framing = plan.camera.move === 'drone' ? { target: [35, 15, -290], distance: 380, azimuth: 4, elevation: 9, travel: 70, minHeight: 20 } : { target: [35, 25, -290], distance: 340, azimuth: 4, elevation: 2.5, travel: 40, minHeight: 4 };
      }
      // A solar farm in the desert: its rows over the sand, seen from above their near end.
      if (subjects.has('solar-panels')) framing = addSolarFarm(ctx, scene, height, plan.camera.move === 'drone', 6);
      focus.set(0, 4, -40);
      if (launch) {
        // From 12 m up, looking nearly level across the plain: the pad stands on the horizon ahead.
        // (The lens focuses on the rocket: its layer says where its pad is.)
        framing = { target: [0, 12, -300], distance: 300, azimuth: 0, elevation: 0.3, travel: 40, minHeight: 4 };
      }
      lightCenter.set(0, 0, -20);
      lightRadius = 60;
      fogScale = 3;
      break;
    }
    case 'forest':
    case 'meadow':
    default: {
      const forest = plan.setting === 'forest';
      let bambooHaze = false;
      const beams = forest && subjects.has('sun-rays');
      const cabin = subjects.has('cabin');
      // Tulips grow on the flat (the bulb fields are polders).
      const relief = forest ? 10 : subjects.has('tulips') ? 1.2 : 7;
      const base = (x: number, z: number) => noise.fbm(x * 0.012, z * 0.012, 5) * relief + Math.max(0, -z - 120) * 0.08;
      // A lone tree on a hill stands on a knoll of its own, against the sky.
      const knoll = subjects.has('hills') && !forest && (treeSubject?.count ?? 14) <= 3;
      // (The hills beyond are lower then, so that it stands against the sky, not against them.)
      const rise = (x: number, z: number) => (knoll ? 12 * Math.exp(-((x - 4) ** 2 + (z + 20) ** 2) / (17 * 17)) : 0);
      const height = withRoad(subjects.has('hills') ? (x: number, z: number) => base(x, z) * 0.6 + rollingHills(noise, x, z) * (knoll ? 0.4 : 1) + rise(x, z) : base);
      terrain = buildTerrain(ctx, { size: 700, segments: segs, height, color: (h, _s, x, z) => grass(x, z, h) });
      scene.add(terrain.mesh);
      const kind = treeSubject?.kind ?? 'broadleaf-trees';
      if (treeSubject || !forest) {
        const count = forest ? Math.max(treeSubject?.count ?? 0, 320) : (treeSubject?.count ?? 14);
        // A lone tree, or two or three, stand in the middle distance where the camera looks: the subject.
        const few = !forest && count <= 3;
        // Under sunbeams the camera walks the forest floor: no trunk in the lens along its path. A cabin
        // stands in its own clearing.
        const keep =
          beams || cabin
            ? (x: number, z: number) =>
                (clearOfRoad?.(x, z) ?? true) && !(beams && Math.abs(x) < 3.5 && z > -22 && z < 8) && !(cabin && inCabinView(x, z, CABIN_AT, plan.camera.move === 'orbit'))
            : clearOfRoad;
        scene.add(scatterTrees(ctx, kind, count, few ? { cx: 4, cz: -20, radius: 5, keep: clearOfRoad } : { cx: 0, cz: -30, radius: forest ? 70 : 90, clearRadius: forest ? 0 : subjects.has('tulips') ? 75 : 12, keep }, terrain, time));
        if (forest) {
          // The far forest is lost in the haze: it casts no shadow.
          const far = scatterTrees(ctx, kind, Math.round(count * 0.8), { cx: 0, cz: -170, radius: 130, keep: clearOfRoad }, terrain, time);
          far.castShadow = false;
          scene.add(far);
        }
      }
      if (subjects.has('rocks')) addRocks(ctx, scene, terrain, 10, clearOfRoad);
      framing = forest
        ? { target: [0, 7, -30], distance: 62, azimuth: 0, elevation: 14, travel: 50, minHeight: 4 }
        : { target: [0, 3, -35], distance: 48, azimuth: 0, elevation: 6, travel: 40, minHeight: 2 };
      // On hills the camera stands on the near slope and looks across the folds, over the ground where it
      // looks (not at a point inside the hill).
      if (subjects.has('hills')) framing = { ...framing, target: [0, framing.target[1] + height(0, framing.target[2]), framing.target[2]] };
      const flowers = plan.subjects.find((x) => x.kind === 'flowers');
      const stalks = !forest && (subjects.has('tall-grass') || subjects.has('wheat') || !!flowers);
      // A drone flies over a field of stalks or sunflowers, looking down on it from the field's near edge
      // (from among them it flew into the heads); an orbit or a pan sweeps round, so the field is all round.
      const overField = plan.camera.move === 'drone';
      const sweep = plan.camera.move === 'orbit' ? Math.PI : plan.camera.move.startsWith('pan') ? 1.2 : 0.75;
      const fieldEye = overField ? { x: 0, z: 4 } : { x: 0, z: 0 };
      if (!forest && subjects.has('sunflowers')) {
        // Among the sunflowers, at the height of their heads.
        const gy = height(0, 0);
        // A drone skims just over the heads (from higher, the field's edges showed): the rows start behind it.
        framing = overField
          ? { target: [0, gy + 2, -25], distance: 34, azimuth: 0, elevation: 9, travel: 24, minHeight: gy + 3.4 }
          : { target: [0, gy + 1.75, -30], distance: 30, azimuth: 0, elevation: 0.5, travel: 8, minHeight: gy + 1.5 };
        focus.set(0, gy + 1.7, -8);
        scene.add(createSunflowers(ctx, { eye: overField ? { x: 0, z: 14 } : fieldEye, ground: height, time }));
      }
      const tulips = forest ? undefined : plan.subjects.find((x) => x.kind === 'tulips');
      if (tulips) {
        // Low in a furrow, looking along the stripes a little down; a drone flies over the field.
        const gy = height(0, 0);
        framing = overField ? aerial(gy) : { target: [0, gy + 0.05, -20], distance: 20, azimuth: 0, elevation: 2.6, travel: 8, minHeight: gy + 0.6 };
        focus.set(0, gy + 0.4, -8);
        const colours = tulips.color === TULIP_MIX ? TULIP_COLOURS : [new THREE.Color(tulips.color)];
        const field = createTulips(ctx, { eye: overField ? { x: 0, z: 6 } : fieldEye, ground: height, time, sweep, colours });
        scene.add(field.group);
        const ground = terrain.mesh.material as THREE.MeshStandardNodeMaterial;
        ground.colorNode = (ground.colorNode as N).mul(field.groundColour);
      }
      if (flowers && !tulips && overField) {
        // From a drone the stalks' heads are lost: the flowers are drawn on the ground as well. (From the
        // stalks' height they are not: flat discs on the ground read as coins there.)
        const style = flowerStyle(flowers.color);
        const ground = terrain.mesh.material as THREE.MeshStandardNodeMaterial;
        ground.vertexColors = false;
        // (Its vertex colours read as an attribute: the carpet replaces them rather than multiplying them.)
        ground.colorNode = flowerCarpet(attribute('color', 'vec3').mul(ground.colorNode as N), style.colours, style.share, ctx.seed);
      }
      if (stalks && !tulips) {
        // Down in the grass: the camera just above the tops of the stalks, looking across the field.
        const gy = height(0, 0);
        framing = overField ? aerial(gy) : { target: [0, gy + 1.6, -30], distance: 30, azimuth: 0, elevation: 1, travel: 8, minHeight: gy + 1.3 };
        focus.set(0, gy + 1, -12);
        // Round the camera: the knoll's, when a lone tree stands on one.
        const eye = knoll ? KNOLL_EYE : fieldEye;
        scene.add(createTallGrass(ctx, { wheat: subjects.has('wheat'), eye, ground: height, time, sweep, flowers: flowers ? flowerStyle(flowers.color) : undefined }).group);
      }
      // Looking up the knoll at its tree, from low on its slope.
      // (Above the stalks when it stands in tall grass.)
      if (knoll) framing = { target: [3, height(4, -20) + 3.5, -20], distance: 30, azimuth: 0, elevation: -7, travel: 8, minHeight: height(KNOLL_EYE.x, KNOLL_EYE.z) + (stalks ? 2.2 : 1.4) };
      if (!forest && subjects.has('solar-panels')) {
        // Along the rows of a solar farm from just above them; a drone looks down on them.
        framing = addSolarFarm(ctx, scene, height, overField, 5);
        focus.set(0, height(0, 0) + 1, -20);
      }
      const turbines = plan.subjects.find((x) => x.kind === 'wind-turbines');
      if (!forest && turbines) {
        // Along a ridge a few hundred metres off, seen from the near ground looking up at them a little.
        const rng = ctx.rng('turbines');
        const places = turbinePlaces(() => rng.next(), turbines.count, 280, Math.min(900, 120 * turbines.count));
        const farm = createWindFarm(places, height, new THREE.Vector3(-160, 0, 120), ctx.seed);
        scene.add(farm.group);
        updaters.push((t) => farm.update(t));
        // (In a tulip field they stand beyond it: the shot stays low among the flowers.)
        if (!subjects.has('solar-panels') && !tulips) {
          // Aimed at the hubs' height over the ground they stand on (on hills, higher than the camera's).
          const gy = places.reduce((a, [x, z]) => a + height(x, z), 0) / places.length;
          framing = overField
            ? { target: [0, gy + 60, -260], distance: 260, azimuth: 0, elevation: 8, travel: 120, minHeight: height(0, 0) + 20 }
            : { target: [0, gy + 45, -240], distance: 250, azimuth: 0, elevation: 2, travel: 40, minHeight: height(0, 0) + 2 };
        }
      }
      const windmills = plan.subjects.find((x) => x.kind === 'windmill');
      if (!forest && windmills) {
        // One mill 80 m off, or a row of them receding along a dyke to the left, sails turned to the camera.
        const n = windmills.count;
        const places: Array<[number, number]> = Array.from({ length: n }, (_, i) => [n === 1 ? -12 : -30 + i * 26, n === 1 ? -80 : -80 - i * 70]);
        const mills = createWindmills(ctx, places, height, new THREE.Vector3(0, 0, 60));
        scene.add(mills.group);
        updaters.push((t) => mills.update(t));
        // (In a tulip field they stand beyond it: the shot stays low among the flowers.)
        if (!tulips && !subjects.has('solar-panels') && !turbines) {
          const [fx, fz] = places[0]!;
          const gy = height(fx, fz);
          framing = overField
            ? { target: [fx + 10, gy + 12, fz - 20], distance: 110, azimuth: 10, elevation: 12, travel: 50, minHeight: height(0, 0) + 15 }
            : { target: [fx + 6, gy + 13, fz], distance: 80, azimuth: 8, elevation: 3, travel: 20, minHeight: height(0, 0) + 1.6 };
        }
      }
      if (cabin) framing = addCabin(height);
      if (forest && subjects.has('bamboo')) {
        // On a path through the grove at eye height, looking a little up along it; an orbit goes round a
        // clearing 7 m ahead.
        const eye = height(0, 4) + 1.7;
        framing = { target: [0, eye + 30 * Math.tan((14 * Math.PI) / 180), -26], distance: 30, azimuth: 0, elevation: -14, travel: 14, minHeight: eye - 0.4 };
        const orbit = plan.camera.move === 'orbit' ? { x: 0, z: -3, radius: 6.5 } : undefined;
        if (orbit) framing = { target: [0, eye + 1.5, orbit.z], distance: 5, azimuth: 0, elevation: -6, minHeight: eye - 0.4 };
        scene.add(createBamboo(ctx, { eye: { x: 0, z: 4 }, ground: height, time, orbit }));
        focus.set(0, eye, -10);
        // A grove is hazy within: the path's far end, and the open ground beyond the grove, fade out.
        bambooHaze = true;
      }
      if (beams) {
        // From the forest floor at eye height, looking a little up between the trunks towards the hidden
        // sun, the beams slanting down through the haze towards the lens.
        const eye = height(0, -2) + 1.8;
        framing = { target: [0, eye + 38 * Math.sin((2 * Math.PI) / 180), -40], distance: 38, azimuth: 0, elevation: -2, travel: 14, minHeight: eye - 0.5 };
        const rays = createSunRays(ctx, L, height, { count: plan.subjects.find((x) => x.kind === 'sun-rays')!.count, canopy: 13, near: 5, far: 50, halfWidth: 20 });
        scene.add(rays.mesh);
        updaters.push((t) => rays.update(t, camera));
      }
      focus.set(0, 4, -30);
      lightCenter.set(0, 0, -30);
      lightRadius = forest ? 75 : 60;
      fogScale = bambooHaze ? 0.12 : forest ? 1.5 : 2.5;
      break;
    }
  }
  const bergSubject = plan.subjects.find((x) => x.kind === 'icebergs');
  if (bergSubject && plan.setting === 'ocean') {
    // Icebergs ride the sea's swell, a little: the first large and in front, the rest across the view.
    const waves = waveTrains(ctx, 1);
    const places = ctx.rng('iceberg-places');
    const placements = placeBoats(bergSubject.count, () => places.next(), { x: -15, z: -150 }, 0.55, 700);
    const bergs = createIcebergs(ctx, placements, (x, z, t) => waveSurface(waves, x, z, t));
    scene.add(bergs.group);
    updaters.push((t) => bergs.update(t));
  }
  const boatSubject = plan.subjects.find((x) => x.kind === 'boats' || x.kind === 'sailboats');
  const water = BOAT_WATER[plan.setting];
  if (boatSubject && water) {
    // Boats ride the water's own swell: the trains its shader draws, from the same seed stream.
    const waves = waveTrains(ctx, water.calm, water.shore);
    const lake = terrain;
    const places = ctx.rng('boat-places');
    const along = riverCentre;
    const placements = along
      ? // On a river, one behind another down its middle, heading downstream towards the camera.
        // (Below a waterfall only: above it the river runs 26 m higher.)
        Array.from({ length: boatSubject.count }, (_, i) => {
          const z = -60 - i * 24;
          return { x: along(z), z, heading: Math.atan2(1, along(z + 1) - along(z)) * -1 };
        }).filter((b) => !subjects.has('waterfall') || b.z > -138)
      : placeBoats(boatSubject.count, () => places.next(), water.at, water.spread, water.maxDepth).filter((b, i) => i === 0 || !lake || plan.setting !== 'lake' || lake.height(b.x, b.z) < -1.5);
    const boats = createBoats(ctx, boatSubject.kind === 'sailboats', placements, (x, z, t) => waveSurface(waves, x, z, t), boatSubject.color);
    scene.add(boats.group);
    updaters.push((t) => boats.update(t));
  }
  // A drone over open land or water looks down on it (an aerial), not along the ground: the settings'
  // framings are eye-level views of the landscape, so a drone move raises them to 20 degrees at least.
  // Mountains keep theirs (from that far, looking down would lose the peaks), and so do a meadow (flat and
  // bare from above: its sky and trees on the horizon are the picture), a forest (its framing already
  // looks down over the canopy, at 14 degrees) and a waterfall.
  if (plan.camera.move === 'drone' && AERIAL_SETTINGS.includes(plan.setting) && !waterfall) framing = { ...framing, elevation: Math.max(framing.elevation, 20) };
  if (road && terrain) {
    const ground = terrain.height;
    const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
    scene.add(buildRoadMesh(ctx, road, ground, { night }));
    const cars = plan.subjects.find((s) => s.kind === 'cars');
    // Look along the road from behind and above where it passes the frame's centre; with a car, close
    // behind it, and a drone keeps pace with it (its travel is the car's distance over the clip).
    const tz = ROAD_TARGET_Z[plan.setting] ?? -60;
    const heading = roadHeading(road, tz);
    const speed = 16;
    // The carved ground along the centre line is the road's bed.
    const bed = (z: number) => ground(road.centre(z), z);
    // The cars drive in simulation time (slow motion slows them); the camera moves in clip time.
    const driven = speed * ctx.duration * plan.motion.speed;
    // Into a low sun the camera drops closer to the road, so the sky and the sun stay in the frame.
    const elevation = plan.camera.faceSun ? 4 : 11;
    framing = cars
      ? { target: [road.centre(tz), bed(tz) + 1.2, tz], distance: 24, azimuth: (heading.yaw * 180) / Math.PI, elevation, travel: driven, minHeight: 1.5 }
      : { target: [road.centre(tz), bed(tz) + 1, tz], distance: 70, azimuth: (heading.yaw * 180) / Math.PI, elevation: 22, travel: 60, minHeight: 3 };
    focus.set(road.centre(tz), bed(tz) + 1, tz);
    if (cars) {
      const rng = ctx.rng('cars');
      // The lead car passes the target halfway through a drone shot; otherwise it starts just past it and
      // drives away. Any others follow it, and every second one comes the other way.
      const lead = plan.camera.move === 'drone' ? tz + driven / 2 : tz + 3;
      for (let i = 0; i < cars.count; i++) {
        const oncoming = i % 2 === 1;
        const color = i === 0 ? new THREE.Color(cars.color) : new THREE.Color().setHSL(rng.next(), 0.15 + rng.next() * 0.5, 0.15 + rng.next() * 0.6);
        const startZ = oncoming ? lead - 60 - rng.next() * 50 : lead + 14 * Math.ceil(i / 2) + rng.next() * 6;
        const car = createCar(road, ground, { color, startZ, speed: speed * (oncoming ? 0.9 + rng.next() * 0.3 : 1), oncoming, lightsOn: night });
        scene.add(car.group);
        updaters.push((t) => car.update(t));
        car.update(0);
      }
    }
  }
  if (subjects.has('fire')) {
    const at = new THREE.Vector3(0, terrain ? terrain.height(0, -12) : 0, -12);
    updaters.push(buildFire(ctx, scene, at, time));
    framing = { target: [at.x, at.y + 0.9, at.z], distance: 7, azimuth: 0, elevation: 10, minHeight: at.y + 0.6 };
    focus.copy(at);
    lightCenter.copy(at);
    lightRadius = 15;
  } else if (rainbow && plan.timeOfDay !== 'night') {
    // Look up at the bow: its top stands 42 degrees over the point straight away from the sun (behind the
    // camera), less the sun's height; the view pitched up holds the whole arc over the land.
    framing = lookUp(framing, 10);
  } else if (subjects.has('tornado') || subjects.has('ferris-wheel')) {
    // Looking up at the funnel (or the wheel) across the plain: the horizon low, all of it standing in frame.
    framing = lookUp(framing, 14);
  } else if (aurora || fireworks || lightning || milkyWay || subjects.has('lanterns') || subjects.has('meteors')) {
    // Look up into the sky, as aurora, fireworks and lightning photographs do: the camera where it was, the view
    // pitched up so the horizon sits in the lower third. Over a lake, less: the water below stays in the
    // frame to reflect the sky's glow.
    framing = lookUp(framing, plan.setting === 'lake' || plan.setting === 'river' ? 4 : AURORA_PITCH);
  }
  addLights(scene, ctx, L, lightCenter, lightRadius, { staticShadows: true });
  addFog(scene, plan, L, fogScale);

  const ground = terrain;
  return {
    scene,
    camera,
    framing,
    focusPoint: focus,
    focalRange: framing.distance * 0.5,
    // A night lifted for its own sake would grey the sky behind a show that lights itself.
    exposureBias: L.exposure - ((fireworks || milkyWay) && plan.timeOfDay === 'night' ? 0.8 : 0),
    lighting: L,
    groundHeight: ground ? (x, z) => ground.height(x, z) : () => (plan.setting === 'ocean' ? 0.8 : 0),
    particleScale: plan.setting === 'mountains' || plan.setting === 'sky' ? 1 : 1,
    // Rain over rippling water falls a few metres out, over the rings (near the lens a streak was a bar).
    ...(rainBox ? { particleBox: rainBox } : {}),
    update(t) {
      time.value = t;
      sky.time.value = t;
      sky.follow(camera);
      for (const u of updaters) u(t);
    },
    dispose() {
      disposeScene(scene);
    },
  } as Shot;
}

/**
 * The water boats float on, by setting: its swell (calm, shore, as the setting's water is drawn), where
 * the first boat floats (near the frame's centre, clear of a beach's surf and a lighthouse), and how far
 * the others spread across and into the view.
 */
const BOAT_WATER: Partial<Record<string, { calm: number; shore?: { z: number }; at: { x: number; z: number }; spread: number; maxDepth: number }>> = {
  ocean: { calm: 1, at: { x: 3, z: -34 }, spread: 0.45, maxDepth: 160 },
  coast: { calm: 0.8, shore: { z: -11 }, at: { x: 8, z: -62 }, spread: 0.4, maxDepth: 120 },
  lake: { calm: 0.17, at: { x: 6, z: -64 }, spread: 0.35, maxDepth: 30 },
  // (On a river they float down its centre line: see buildNature.)
  river: { calm: 0.17, at: { x: 0, z: -60 }, spread: 0, maxDepth: 0 },
};

/** Wildflowers: a meadow's mix of yellows, whites, violets and a few reds (the planner's colour for them). */
export const WILDFLOWERS = '#f0d04a';
const WILDFLOWER_MIX = ['#f0d04a', '#f7f4ea', '#9b6fd0', '#f2a0c4', '#d8342c', '#f5e27a'].map((h) => new THREE.Color(h));
/** Lavender grows in spikes. */
const LAVENDER = '#8a6bc9';

/** How a meadow's flowers look for the subject's colour: the wildflower mix, lavender spikes, or one colour. */
function flowerStyle(colour: string): { colours: THREE.Color[]; share: number; spike: boolean } {
  if (colour === WILDFLOWERS) return { colours: WILDFLOWER_MIX, share: 0.35, spike: false };
  if (colour === LAVENDER) return { colours: [new THREE.Color(LAVENDER), new THREE.Color('#7a5cbf'), new THREE.Color('#9d82d6')], share: 0.7, spike: true };
  const c = new THREE.Color(colour);
  return { colours: [c, c.clone().offsetHSL(0.02, 0, 0.06), c.clone().offsetHSL(-0.02, 0, -0.05)], share: 0.5, spike: false };
}

/** Where the camera stands below a lone tree's knoll (its framing: 30 m out from the tree, 7 degrees down). */
const KNOLL_EYE = { x: 3, z: 10 };

/** Where a cabin stands in a forest or a meadow, and the camera that looks at it (see buildNature). */
const CABIN_AT = { x: 4, z: -26 };
/** The cabin's camera stands this far out along +z from it (see addCabin's framing). */
const CABIN_SHOT = 30;

/**
 * Trees kept out of a cabin's shot: its clearing, the ground round the camera (a pan sweeps it), and a lane
 * from the camera to the cabin, so no trunk stands between them.
 */
function inCabinView(x: number, z: number, at = CABIN_AT, orbit = false): boolean {
  const eye = { x: at.x - 1, z: at.z + CABIN_SHOT };
  // An orbit circles the cabin at the camera's distance: the clearing reaches past it.
  if (Math.hypot(x - at.x, z - at.z) < (orbit ? CABIN_SHOT + 8 : 11)) return true;
  if (Math.hypot(x - eye.x, z - eye.z) < 14) return true;
  const dx = at.x - eye.x;
  const dz = at.z - eye.z;
  const u = Math.max(0, Math.min(1, ((x - eye.x) * dx + (z - eye.z) * dz) / (dx * dx + dz * dz)));
  return Math.hypot(x - (eye.x + u * dx), z - (eye.z + u * dz)) < 6;
}

/** Settings a drone move shows from above (see buildNature). */
const AERIAL_SETTINGS: string[] = ['coast', 'ocean', 'lake', 'river', 'desert'];

/** Where a road's shot looks (z of the frame's centre on the road), by setting. */
const ROAD_TARGET_Z: Partial<Record<string, number>> = { mountains: -150, desert: -60, meadow: -50, forest: -40 };

/**
 * The road's centre line by setting: a highway nearly straight to the horizon across the desert, a road
 * winding up a valley towards the range, a lane meandering over meadow or through forest.
 */
function roadPathFor(setting: string, noise: ValueNoise2D): RoadPath {
  const phase = noise.sample(11.3, 5.9) * 6;
  switch (setting) {
    case 'desert':
      return { centre: (z) => 5 * Math.sin(z / 260 + phase), halfWidth: 3.8, near: 60, far: -440 };
    case 'mountains':
      return { centre: (z) => 22 * Math.sin(z / 85 + phase) + 7 * Math.sin(z / 31 + 2 * phase), halfWidth: 3.6, near: 60, far: -560 };
    case 'forest':
      return { centre: (z) => 12 * Math.sin(z / 48 + phase) + 4 * Math.sin(z / 19 + phase), halfWidth: 2.9, near: 50, far: -330 };
    default:
      return { centre: (z) => 16 * Math.sin(z / 55 + phase) + 5 * Math.sin(z / 21 + phase), halfWidth: 3, near: 50, far: -330 };
  }
}

/** A drone over a field of stalks, flowers or panels: from its near edge, looking down on it (ground at gy). */
function aerial(gy: number): Framing {
  return { target: [0, gy + 1, -36], distance: 42, azimuth: 0, elevation: 18, travel: 30, minHeight: gy + 6 };
}

/**
 * A solar farm's rows laid over `ground` in front of the camera (scene/energy.mts) and the shot of them:
 * from a drone, the aerial; otherwise along the rows from just above their near end, `elevation` degrees down.
 */
function addSolarFarm(ctx: BuildContext, scene: THREE.Scene, ground: (x: number, z: number) => number, drone: boolean, elevation: number): Framing {
  const gy = ground(0, 0);
  scene.add(createSolarFarm(ctx, { ground, near: 6, rows: ctx.software ? 22 : 34, halfWidth: ctx.software ? 44 : 70 }));
  return drone ? aerial(gy) : { target: [0, gy + 1, -40], distance: 44, azimuth: 0, elevation, travel: 14, minHeight: gy + 2.6 };
}

/** Canyon depth below the plateau, m. */
const CANYON_DEPTH = 130;
/** Half the canyon's width at the rim and at its floor, m. */
const CANYON_RIM = 170;
const CANYON_FLOOR = 22;

/**
 * A canyon cut into a plateau (y = 0): a trench meandering along z whose walls drop in ledges and cliffs
 * (the profile is a staircase softened at each riser), the rim's line wavering with noise; coloured in
 * the banded strata of the south-west's sandstones, darker on the cliffs, sandy on the ledges and floor.
 * Pure functions of the noise and seed.
 */
export function canyonTerrain(noise: ValueNoise2D, seed: number): { centre: (z: number) => number; height: (x: number, z: number) => number; color: (h: number, slope: number, x: number, z: number) => THREE.Color } {
  const phase = (seed % 97) * 0.13;
  const centre = (z: number) => 70 * Math.sin(z / 190 + phase) + 25 * Math.sin(z / 71 + 2 * phase);
  const steps = 4;
  const height = (x: number, z: number): number => {
    const wobble = noise.fbm(x * 0.008, z * 0.008, 2) * 24 - 12;
    const d = Math.abs(x - centre(z)) + wobble;
    const u = Math.min(1, Math.max(0, (d - CANYON_FLOOR) / (CANYON_RIM - CANYON_FLOOR)));
    // A staircase: each step a ledge (flat) then a cliff (steep), k of them from the floor to the rim.
    const k = u * steps;
    const f = k - Math.floor(k);
    const riser = Math.min(1, Math.max(0, (f - 0.5) / 0.4));
    const stair = (Math.floor(k) + riser * riser * (3 - 2 * riser)) / steps;
    const plateau = noise.fbm(x * 0.004, z * 0.004, 3) * 10;
    return -CANYON_DEPTH * (1 - stair) + (u >= 1 ? plateau : plateau * stair) + noise.fbm(x * 0.06, z * 0.06, 2) * 1.2;
  };
  const strata = ['#9c4222', '#b9592c', '#cf7a45', '#a84a26', '#dcaa78', '#c26a3a', '#8a3a1e', '#d89260'].map((c) => new THREE.Color(c));
  const color = (h: number, slope: number, x: number, z: number): THREE.Color => {
    // Bands of rock by height (tilted a little, and broken by noise), sand on the ledges.
    const band = Math.floor((h + CANYON_DEPTH + x * 0.02 + noise.sample(x * 0.03, z * 0.03) * 6) / 9);
    const rock = strata[((band % strata.length) + strata.length) % strata.length]!.clone();
    const sand = new THREE.Color('#d3a26a');
    return rock.lerp(sand, Math.max(0, 0.55 - slope * 1.6)).multiplyScalar(1 - Math.min(0.35, slope * 0.4));
  };
  return { centre, height, color };
}

export function addRocks(ctx: BuildContext, scene: THREE.Scene, terrain: Terrain, count: number, keep?: (x: number, z: number) => boolean): void {
  const rng = ctx.rng('rocks');
  const noise = new ValueNoise2D(ctx.seed, 'rockshape');
  const geo = new THREE.IcosahedronGeometry(1, 2);
  const p = geo.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const v = new THREE.Vector3().fromBufferAttribute(p, i);
    const k = 0.75 + 0.45 * noise.fbm(v.x * 1.3 + 7, v.y * 1.3 + v.z * 0.7, 3);
    p.setXYZ(i, v.x * k, v.y * k * 0.7, v.z * k);
  }
  geo.computeVertexNormals();
  const mat = roughMaterial(ctx, { color: new THREE.Color('#7b6f64'), roughness: 0.95 });
  const mesh = new THREE.InstancedMesh(geo, mat, count);
  const m = new THREE.Matrix4();
  for (let i = 0; i < count; i++) {
    let x = rng.range(-40, 40);
    const z = rng.range(-70, 5);
    // Off the road: moved out to the side it was on.
    for (let k = 0; keep && !keep(x, z) && k < 8; k++) x += x >= 0 ? 3 : -3;
    const s = rng.range(0.6, 2.6);
    m.compose(new THREE.Vector3(x, terrain.height(x, z) + s * 0.2, z), new THREE.Quaternion().setFromEuler(new THREE.Euler(0, rng.next() * 6, rng.next() * 0.3)), new THREE.Vector3(s, s, s));
    mesh.setMatrixAt(i, m);
  }
  markStaticInstances(mesh);
  mesh.castShadow = true;
  mesh.receiveShadow = true;
  scene.add(mesh);
}

