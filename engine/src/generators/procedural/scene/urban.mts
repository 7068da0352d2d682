/**
 * Urban shots: a procedural city of instanced towers on a street grid, with lit windows at dusk and
 * night, street lights along the avenues, and traffic drawn as long-exposure light trails (white
 * headlights coming, red tail lights going) or as moving cars by day. Windows, lights and trails are
 * all shader work on a handful of draw calls, so a few hundred buildings stay cheap.
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { markStaticInstances } from './instance-order.mjs';
import { carBodyGeometry } from './road.mjs';
import { buildNeonSigns, type Facade } from './neon-signs.mjs';
import {
  uniform,
  vec3,
  vec2,
  float,
  positionWorld,
  normalWorld,
  instanceIndex,
  hash,
  fract,
  floor,
  step,
  abs,
  mix,
  smoothstep,
  uv,
  fwidth,
  cameraPosition,
  attribute,
  max,
} from 'three/tsl';
import { ValueNoise2D } from '../sim/noise.js';
import { lookUp, type Framing } from '../sim/camera.js';
import { type BuildContext, type Shot, lightingFor, addLights, addFog, createSky, disposeScene, paletteColor, filteredPulse, lightColors } from './common.mjs';
import { ambientNode, requestEnvironment, skyEnvironment, skyHarmonics } from './environment.mjs';
import { createSteam } from './steam.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const BLOCK = 34; // metres between street centre lines
const STREET = 12;

/**
 * Past the built blocks the city goes on to the haze as low rises seen from above (it was an empty grid
 * of pavements): each block a patchwork of roofs, at night with lit windows and sodium lights along the
 * streets, busier and quieter districts, some blocks dark. Every pattern is box-filtered by the pixel's
 * footprint (filteredPulse, as the facades' windows are), and every per-cell choice gives way to its
 * mean as its cells shrink below a pixel, so the distance becomes an even glow instead of moire and
 * sparkle. The lights fade out before the sky dome (2 km from the camera) covers the ground, so the
 * carpet ends in haze rather than at an edge.
 */
function outskirts(extent: number, night: boolean): { roofMask: N; roof: N; light: N | null } {
  const x: N = positionWorld.x;
  const z: N = positionWorld.z;
  const built: N = step(abs(x), extent * BLOCK).mul(step(z, 3 * BLOCK)).mul(step(-2 * extent * BLOCK, z));
  const outside: N = float(1).sub(built);
  // Street grid in block units: a block is fract(u) in [6/34, 28/34] (the pavement's isBlock, filtered).
  const u: N = x.div(BLOCK);
  const v: N = z.div(BLOCK);
  const uw: N = max(fwidth(u), 1e-5);
  const vw: N = max(fwidth(v), 1e-5);
  const edge = STREET / 2 / BLOCK;
  const onBlock: N = filteredPulse(edge, 1 - edge, u, uw).mul(filteredPulse(edge, 1 - edge, v, vw));
  /** A per-cell value that gives way to `mean` once a cell of `size` block units is under a pixel. */
  const settle = (value: N, mean: number, size: number): N => mix(value, float(mean), smoothstep(0.4, 1.0, max(uw, vw).div(size)));
  const lot: N = floor(vec2(u, v).mul(4));
  const roofTone: N = settle(hash(lot.x.mul(12.9).add(lot.y.mul(78.2))), 0.5, 0.25);
  const roof: N = mix(vec3(0.07, 0.07, 0.075), vec3(0.17, 0.15, 0.13), roofTone);
  if (!night) return { roofMask: outside.mul(onBlock), roof, light: null };

  const windowCell: N = vec2(x, z).div(3);
  const windowFootprint: N = max(fwidth(windowCell), vec2(1e-4, 1e-4));
  const windows: N = filteredPulse(0.3, 0.7, windowCell.x, windowFootprint.x).mul(filteredPulse(0.3, 0.7, windowCell.y, windowFootprint.y));
  const district: N = floor(vec2(u, v).div(4));
  const block: N = floor(vec2(u, v));
  const busy: N = hash(district.x.mul(5.7).add(district.y.mul(93.1))).mul(0.8).add(0.2).mul(settle(step(0.2, hash(block.x.mul(7.9).add(block.y.mul(61.3)))), 0.8, 1));
  const share: N = settle(hash(lot.x.mul(3.1).add(lot.y.mul(41.7))), 0.5, 0.25).mul(0.5).add(0.05).mul(busy);
  const windowId: N = floor(windowCell);
  const lit: N = mix(step(float(1).sub(share), hash(windowId.x.mul(17.3).add(windowId.y.mul(251.9)))), share, smoothstep(0.5, 1.0, max(windowFootprint.x, windowFootprint.y)));
  const warm = new THREE.Color('#ffc27a');
  const cool = new THREE.Color('#cfe3ff');
  const windowColor: N = mix(vec3(warm.r, warm.g, warm.b), vec3(cool.r, cool.g, cool.b), settle(step(0.8, roofTone), 0.2, 0.25));
  // Street lights 1.2 m across, every 25 m along both kerbs of every street (5.5 m from its centre line).
  const kerb = 5.5 / BLOCK;
  const half = 0.6 / BLOCK;
  const kerbs = (t: N, w: N): N => filteredPulse(kerb - half, kerb + half, t, w).add(filteredPulse(1 - kerb - half, 1 - kerb + half, t, w));
  const every = BLOCK / 25;
  const spaced = (t: N, w: N): N => filteredPulse(0.5 - half * every, 0.5 + half * every, t.mul(every), w.mul(every));
  const lamps: N = kerbs(u, uw).mul(spaced(v, vw)).add(kerbs(v, vw).mul(spaced(u, uw)));
  const fade: N = smoothstep(1950, 1100, positionWorld.sub(cameraPosition).length());
  const light: N = windowColor.mul(windows.mul(lit).mul(onBlock).mul(1.2)).add(vec3(1.0, 0.55, 0.2).mul(lamps.mul(float(1).sub(onBlock)).mul(6)));
  return { roofMask: outside.mul(onBlock), roof, light: light.mul(outside).mul(fade) };
}

/**
 * Long-exposure traffic: a ribbon along each lane (white headlights coming, red tail lights going, a
 * narrower one above each) whose brightness flows with the traffic. All ribbons are one mesh and one
 * shader, each ribbon's speed, phase and direction in vertex attributes: as one material per lane they
 * were 20 shader compiles in the first frame (about half a second on lavapipe) and 40 draw calls a frame.
 */
function lightTrails(avenues: number[], rng: { next(): number }, time: N): THREE.Mesh {
  const parts: THREE.BufferGeometry[] = [];
  const matrix = new THREE.Matrix4();
  for (const a of avenues) {
    for (const lane of [-3, -1.2, 1.2, 3]) {
      const toward = lane > 0;
      const speed = (toward ? 1 : -1) * (0.35 + rng.next() * 0.2);
      const phase = rng.next();
      for (const [lift, width] of [[0, 1], [0.35, 0.6]] as const) {
        const geo = new THREE.PlaneGeometry(0.35, 1400, 1, 1).rotateX(-Math.PI / 2).toNonIndexed();
        geo.applyMatrix4(matrix.compose(new THREE.Vector3(a * BLOCK + lane, 0.7 + (toward ? 0.05 : 0.25) + lift, -600), new THREE.Quaternion(), new THREE.Vector3(width, 1, 1)));
        const n = geo.getAttribute('position').count;
        geo.setAttribute('trail', new THREE.Float32BufferAttribute(Array.from({ length: n }, () => [speed * 0.25, phase, toward ? 1 : 0]).flat(), 3));
        parts.push(geo);
      }
    }
  }
  const trail: N = attribute('trail', 'vec3');
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const flow: N = fract(positionWorld.z.mul(0.004).sub(time.mul(trail.x)).add(trail.y));
  const pulse: N = smoothstep(0.0, 0.4, flow).mul(float(1).sub(smoothstep(0.6, 1.0, flow))).mul(0.6).add(0.4);
  const across: N = float(1).sub(abs(uv().x.sub(0.5)).mul(2)).pow(1.5);
  const color: N = mix(vec3(5, 0.35, 0.2), vec3(5, 4.6, 3.8), trail.z);
  mat.colorNode = color.mul(across).mul(pulse) as N;
  const mesh = new THREE.Mesh(mergeGeometries(parts)!, mat);
  for (const g of parts) g.dispose();
  mesh.frustumCulled = false;
  return mesh;
}

export function buildUrban(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const L = lightingFor(plan);
  // A city's own light hides all but a few stars: its night sky has none unless the stars are asked for.
  if (!plan.subjects.some((s) => s.kind === 'milky-way' || s.kind === 'star-trails')) L.stars = 0;
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.5, 5000);
  const sky = createSky(ctx, L);
  scene.add(sky.mesh);
  requestEnvironment(scene, () => skyEnvironment(ctx, L));
  const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
  const wet = plan.weather.condition === 'rain' || plan.weather.condition === 'storm';
  const subjects = new Set(plan.subjects.map((s) => s.kind));
  const rng = ctx.rng('city');
  const noise = new ValueNoise2D(ctx.seed, 'city');
  // A town is a street of low buildings only: no towers, and no downtown.
  const town = plan.setting === 'town';
  const street = plan.setting === 'street' || town;
  const glowUpdaters: Array<(t: number) => void> = [];

  // ---------------------------------------------------------------- ground and roads
  const groundMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color(wet ? '#1a1c20' : '#2a2c30'), roughness: wet ? 0.18 : 0.85, metalness: 0 });
  // At night on software rasterisers rough surfaces take the sky's light from its spherical-harmonics fit
  // instead of the prefiltered map (see ambientNode); a wet road keeps the map, whose reflections are its
  // look, and so does any sky with a sun in it (too sharp for the fit: 11% off on the ground at dusk).
  const skyAmbient: N = ctx.software && plan.timeOfDay === 'night' ? ambientNode(skyHarmonics(L)) : null;
  if (skyAmbient && !wet) groundMat.envNode = skyAmbient;
  // Lane markings on the avenues running along z (x near a multiple of BLOCK).
  const lx: N = abs(fract(positionWorld.x.div(BLOCK).add(0.5)).sub(0.5)).mul(BLOCK);
  const dash: N = step(0.5, fract(positionWorld.z.mul(0.08)));
  const marking: N = step(lx, 0.12).mul(dash).add(step(abs(lx.sub(STREET / 2 - 0.4)), 0.1));
  const sidewalk: N = step(STREET / 2, lx);
  const lz: N = abs(fract(positionWorld.z.div(BLOCK).add(0.5)).sub(0.5)).mul(BLOCK);
  const isBlock: N = sidewalk.mul(step(STREET / 2, lz));
  const pavement: N = mix(vec3(wet ? 0.02 : 0.035), vec3(0.09, 0.09, 0.095), isBlock).add(vec3(0.5, 0.48, 0.4).mul(marking).mul(float(1).sub(isBlock)));
  const extent = street ? 6 : 14;
  const sprawl = outskirts(extent, night);
  groundMat.colorNode = mix(pavement, sprawl.roof, sprawl.roofMask) as N;
  if (sprawl.light) groundMat.emissiveNode = sprawl.light;
  const ground = new THREE.Mesh(new THREE.PlaneGeometry(4000, 4000), groundMat);
  ground.rotation.x = -Math.PI / 2;
  ground.receiveShadow = true;
  scene.add(ground);

  // ---------------------------------------------------------------- buildings
  const count = town ? 0 : Math.round((plan.subjects.find((s) => s.kind === 'buildings')?.count ?? 140) * (street ? 3 : 8) * Math.max(0.5, ctx.detail));
  const box = new THREE.BoxGeometry(1, 1, 1);
  box.translate(0, 0.5, 0);
  // At night and dusk on a software rasteriser, Blinn-Phong for the facades: the image-based lighting of a
  // dark sky adds almost nothing there (frames compared side by side) and cost a quarter of the city's
  // render time on lavapipe. By day the sky's fill light is the look, so the facades keep PBR.
  const phong = ctx.software && night;
  const facade: THREE.MeshStandardNodeMaterial | THREE.MeshPhongNodeMaterial = phong
    ? new THREE.MeshPhongNodeMaterial({ shininess: 60 })
    : new THREE.MeshStandardNodeMaterial({ roughness: 0.55, metalness: 0.2 });
  // Windows from world position: the facade coordinate runs along x on z-facing walls and along z on x-facing walls.
  const nx: N = abs(normalWorld.x);
  const along: N = mix(positionWorld.x, positionWorld.z, step(0.5, nx));
  const cell: N = vec2(along.div(1.8), positionWorld.y.div(3.2));
  // Window coverage averaged over the pixel's footprint (a box-filtered pulse train): hard steps alias
  // into crawling moire on distant towers, which no post-process AA can repair.
  const footprint: N = max(fwidth(cell), vec2(1e-4, 1e-4));
  const win: N = filteredPulse(0.22, 0.78, cell.x, footprint.x).mul(filteredPulse(0.32, 0.82, cell.y, footprint.y)).mul(step(abs(normalWorld.y), 0.5));
  const id: N = floor(cell);
  const r: N = hash(id.x.mul(7.13).add(id.y.mul(157.3)).add(float(instanceIndex).mul(311.7)));
  const litShare = night ? 0.24 : 0.0;
  const lit: N = step(float(1 - litShare), r).mul(win);
  const warm = new THREE.Color('#ffc27a');
  const cool = new THREE.Color('#cfe3ff');
  const wcol: N = mix(vec3(warm.r, warm.g, warm.b), vec3(cool.r, cool.g, cool.b), step(0.8, hash(id.x.add(id.y.mul(31)))));
  const wall = new THREE.Color(night ? '#4a5060' : '#8d8f93');
  facade.colorNode = mix(vec3(wall.r, wall.g, wall.b), vec3(0.05, 0.06, 0.07), win.mul(0.85)) as N;
  if (facade instanceof THREE.MeshPhongNodeMaterial) {
    // Glass windows: a strong specular highlight; walls: a faint one.
    facade.specularNode = vec3(0.5, 0.5, 0.5).mul(win).add(0.04) as N;
  } else {
    facade.roughnessNode = mix(float(0.8), float(0.08), win) as N;
    facade.metalnessNode = mix(float(0.0), float(0.6), win) as N;
  }
  facade.emissiveNode = wcol.mul(lit).mul(hash(id.y.mul(13.1).add(id.x)).mul(0.8).add(0.35)).mul(night ? 1.4 : 0) as N;
  const extentBlocks = (street ? 12 : 28) * ((street ? 6 : 14) * 2 + 3);
  const buildings = new THREE.InstancedMesh(box, facade, count + extentBlocks);
  const m = new THREE.Matrix4();
  const color = new THREE.Color();
  let placed = 0;
  // The walls that face the street (the blocks either side of it), for its signs.
  const facades: Facade[] = [];
  // Fill blocks nearest the downtown centre first, so any building count makes a full skyline.
  const blocks: Array<[number, number]> = [];
  for (let bx = -extent; bx < extent; bx++) for (let bz = -extent * 2; bz <= 2; bz++) if (!(street && bx === -1)) blocks.push([bx, bz]);
  const centreZ = street ? -120 : -200;
  blocks.sort((a, b) => Math.hypot(a[0] * BLOCK, a[1] * BLOCK - centreZ) - Math.hypot(b[0] * BLOCK, b[1] * BLOCK - centreZ));
  for (const [bx, bz] of blocks) {
    if (placed >= count + extentBlocks) break;
    // Each block holds 1-4 towers; past the requested count, every remaining block gets one low building
    // so the city runs out to the haze instead of ending in empty lots.
    const n = placed >= count ? 1 : rng.int(1, 4);
    const lowRise = placed >= count;
    for (let k = 0; k < n && placed < count + extentBlocks; k++) {
      const cx = bx * BLOCK + BLOCK / 2 + (n > 1 ? (k % 2 ? 1 : -1) * 5.5 : 0);
      const cz = bz * BLOCK + BLOCK / 2 + (n > 2 ? (k < 2 ? 1 : -1) * 5.5 : 0);
      const w = n > 1 ? rng.range(8, 10.5) : rng.range(14, 20);
      const d = n > 2 ? rng.range(8, 10.5) : rng.range(12, 20);
      // Downtown is wider across the view than deep, so that from across the city the skyline has breadth
      // (a round one read as a single mound of towers).
      const downtown = Math.exp(-((cx * cx) / 26000 + ((cz - centreZ) * (cz - centreZ)) / 30000));
      const h = lowRise ? 6 + rng.next() * 14 : 8 + rng.next() * 22 + downtown * (40 + noise.sample(cx * 0.05, cz * 0.05) * 130) * (rng.next() < 0.2 ? 1.45 : 1);
      m.compose(new THREE.Vector3(cx, 0, cz), new THREE.Quaternion(), new THREE.Vector3(w, h, d));
      buildings.setMatrixAt(placed, m);
      if (street && cz > -300 && cz < 10) {
        if (bx === 0 && cx - w / 2 < 14) facades.push({ x: cx - w / 2, z0: cz - d / 2, z1: cz + d / 2, height: h, facing: -1 });
        if (bx === -2 && cx + w / 2 > -48) facades.push({ x: cx + w / 2, z0: cz - d / 2, z1: cz + d / 2, height: h, facing: 1 });
      }
      color.setHSL(0.08 + rng.next() * 0.5, 0.05 + rng.next() * 0.06, 0.35 + rng.next() * 0.35);
      buildings.setColorAt(placed, color);
      placed++;
    }
  }
  buildings.count = placed;
  markStaticInstances(buildings);
  buildings.castShadow = !night;
  buildings.receiveShadow = true;
  scene.add(buildings);

  const neon = plan.subjects.find((s) => s.kind === 'neon-signs');
  if (neon && facades.length) {
    facades.sort((a, b) => b.z1 - a.z1);
    scene.add(...buildNeonSigns(facades, neon.count, lightColors(plan, 4), ctx.rng('neon'), time, wet));
  }

  // ---------------------------------------------------------------- street lights
  const lampCount = subjects.has('street-lights') || night ? (street ? 40 : 120) : 0;
  if (lampCount > 0) {
    const lampMat = new THREE.MeshBasicNodeMaterial();
    const lampCol = new THREE.Color('#ffb860').multiplyScalar(night ? 9 : 1.2);
    lampMat.colorNode = vec3(lampCol.r, lampCol.g, lampCol.b) as N;
    const glowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
    const d: N = uv().sub(0.5).length().mul(2);
    glowMat.colorNode = vec3(1.0, 0.62, 0.28).mul(float(1).sub(smoothstep(0.0, 1.0, d)).pow(3.0)).mul(night ? 0.8 : 0.05) as N;
    const bulbs = new THREE.InstancedMesh(new THREE.SphereGeometry(0.35, 8, 6), lampMat, lampCount);
    const glows = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), glowMat, lampCount);
    const poleMat = new THREE.MeshStandardNodeMaterial({ color: 0x222428, roughness: 0.6, metalness: 0.6 });
    if (skyAmbient) poleMat.envNode = skyAmbient;
    const poles = new THREE.InstancedMesh(new THREE.CylinderGeometry(0.08, 0.12, 7, 6).translate(0, 3.5, 0), poleMat, lampCount);
    for (let i = 0; i < lampCount; i++) {
      const side = i % 2 ? 1 : -1;
      const avenue = street ? 0 : (Math.floor(i / 2) % 5) - 2;
      const z = 10 - Math.floor(i / (street ? 2 : 10)) * 22;
      const x = avenue * BLOCK + side * (STREET / 2 - 0.5);
      m.compose(new THREE.Vector3(x, 7, z), new THREE.Quaternion(), new THREE.Vector3(1, 1, 1));
      bulbs.setMatrixAt(i, m);
      poles.setMatrixAt(i, new THREE.Matrix4().makeTranslation(x, 0, z));
      m.compose(new THREE.Vector3(x, 7, z), new THREE.Quaternion(), new THREE.Vector3(4, 4, 4));
      glows.setMatrixAt(i, m);
    }
    scene.add(bulbs, poles, glows);
    // Billboards: turn the glow quads to the camera each frame.
    glowUpdaters.push(() => {
      const q = camera.quaternion;
      const p = new THREE.Vector3();
      for (let i = 0; i < lampCount; i++) {
        glows.getMatrixAt(i, m);
        p.setFromMatrixPosition(m);
        m.compose(p, q, new THREE.Vector3(4, 4, 4));
        glows.setMatrixAt(i, m);
      }
      glows.instanceMatrix.needsUpdate = true;
    });
  }

  // ---------------------------------------------------------------- steam
  // Rising from manholes down the middle of the street (the plumes are unlit cards, the same pale grey by
  // day and night).
  const steam = plan.subjects.find((s) => s.kind === 'steam');
  if (street && steam) {
    for (let k = 0; k < steam.count; k++) {
      const plume = createSteam(ctx.seed + k * 7, 3, 16);
      plume.group.position.set((k % 2 ? 1.6 : -1.4), 0, -28 - k * 38);
      scene.add(plume.group);
      glowUpdaters.push((t: number) => plume.update(t, camera));
    }
  }

  // ---------------------------------------------------------------- traffic
  // Traffic is what the plan lists: an empty street ("empty street", "no cars") has none.
  const trails = subjects.has('light-trails') || (night && subjects.has('cars'));
  const cars = !trails && subjects.has('cars');
  const avenues = street ? [0] : [-2, -1, 0, 1, 2];
  if (trails) scene.add(lightTrails(avenues, rng, time));
  if (cars) {
    const n = Math.round(60 * Math.max(0.4, ctx.detail));
    const body = new THREE.InstancedMesh(carBodyGeometry(), new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.25, metalness: 0.6 }), n);
    const lanes = Array.from({ length: n }, (_, i) => ({
      x: avenues[i % avenues.length]! * BLOCK + [-3, -1.2, 1.2, 3][Math.floor(i / avenues.length) % 4]!,
      z0: -rng.next() * 700 + 60,
      v: (0.8 + rng.next() * 0.4) * 12,
    }));
    lanes.forEach((_, i) => body.setColorAt(i, paletteColor(plan, i).multiplyScalar(0.8)));
    body.castShadow = true;
    scene.add(body);
    glowUpdaters.push((t: number) => {
      lanes.forEach((c, i) => {
        const dir = c.x - Math.round(c.x / BLOCK) * BLOCK > 0 ? 1 : -1;
        const z = ((((c.z0 + dir * c.v * t + 640) % 700) + 700) % 700) - 640;
        // The car's front is -z: one going towards +z is turned round.
        m.compose(new THREE.Vector3(c.x, 0, z), new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(0, 1, 0), dir > 0 ? Math.PI : 0), new THREE.Vector3(1, 1, 1));
        body.setMatrixAt(i, m);
      });
      body.instanceMatrix.needsUpdate = true;
    });
  }

  // A skyline is the city's outline against the sky: shot from across it, about level with the roofs, with
  // the sky above; so are fireworks, lightning and a sunset over it (from a drone's height the sun's disc is
  // out of the frame). A drone looks down on the grid, and so does a shot of the light trails, which run
  // along avenues the towers hide from roof level.
  const skyShot =
    subjects.has('fireworks') || subjects.has('lightning') || plan.camera.faceSun === true || (plan.camera.move !== 'drone' && !subjects.has('light-trails'));
  const framing: Framing = street
    ? { target: [0, 9, -160], distance: 175, azimuth: 0, elevation: 1.6, travel: 60, minHeight: 2.5 }
    : skyShot
      ? lookUp({ target: [0, 40, -220], distance: 720, azimuth: 10, elevation: 3, travel: 200, minHeight: 20 }, 6)
      : { target: [0, 20, -220], distance: 470, azimuth: 10, elevation: 23, travel: 200, minHeight: 60 };
  addLights(scene, ctx, L, new THREE.Vector3(0, 0, -150), 260, { staticShadows: !cars });
  addFog(scene, plan, L, street ? 3 : 6);
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(...framing.target),
    focalRange: framing.distance * 0.4,
    exposureBias: L.exposure + (night ? 0.2 : 0),
    lighting: L,
    groundHeight: () => 0,
    update(t) {
      time.value = t;
      sky.time.value = t;
      sky.follow(camera);
      for (const u of glowUpdaters) u(t);
    },
    dispose() {
      disposeScene(scene);
    },
  };
}
