/**
 * A koi pond seen from above: a shallow garden pond, pebbles and silt on its floor under a metre and a
 * bit of greenish water, the sun's caustics playing over them; koi gliding on slow looping courses at
 * different depths, their bodies flexing as they swim, each in the colours of a variety (kohaku's white
 * and red, showa's black over red and white, ogon's gold, yamabuki's yellow, chagoi's bronze) in its own
 * pattern; lily pads floating on the surface, turning a little; the surface itself a faint sky reflection
 * broken by glints. The fish and the pads cast their shadows on the floor, which is what makes the water
 * read as deep. koiCourse is the pure part.
 *
 * Scene units are metres: a koi is 0.45 to 0.7 m long, the view about 8 m across.
 *
 * A swimming pool from above (setting 'pool') is built the same way: a tiled floor with a lane line under
 * clear turquoise water, the caustics' bright net playing over it, the surface's glints; no fish.
 */
import * as THREE from 'three/webgpu';
import { attribute, float, mix, positionGeometry, positionLocal, sin, smoothstep, texture, uniform, vec2, vec3, atan, fract, length, fwidth } from 'three/tsl';
import type { Framing } from '../sim/camera.js';
import { type BuildContext, type Lighting, type Shot, disposeScene, mergeParts, noiseTexture, roughMaterial, softwareShadows } from './common.mjs';
import { caustics } from './underwater.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The pond floor's depth below the surface (m). */
export const POND_DEPTH = 1.3;
/** Half the extent of the water the courses keep to (m): inside what the camera sees. */
const ROAM: [number, number] = [3.3, 1.9];

export interface KoiCourse {
  /** Centre of the loop, its half sizes, the speed round it (radians a second), a phase. */
  cx: number;
  cz: number;
  rx: number;
  rz: number;
  rate: number;
  phase: number;
  /** Depth below the surface (m). */
  depth: number;
}

/**
 * Where a koi on `course` is at `t` seconds, and its heading (radians about +y; 0 swims along +x). An
 * oval loop with a slow weave across it (a third harmonic), so no two loops look alike and the fish
 * never stops or reverses: its speed stays within a koi's unhurried cruise.
 */
export function koiCourse(c: KoiCourse, t: number): { x: number; z: number; heading: number } {
  const a = c.phase + c.rate * t;
  const x = c.cx + c.rx * Math.cos(a);
  const z = c.cz + c.rz * (Math.sin(a) + 0.15 * Math.sin(3 * a));
  const dx = -c.rx * Math.sin(a) * c.rate;
  const dz = c.rz * (Math.cos(a) + 0.45 * Math.cos(3 * a)) * c.rate;
  // Heading such that rotation.y = heading turns +x onto the direction of travel (three: +y turns +x towards -z).
  return { x, z, heading: Math.atan2(-dz, dx) };
}

/** Courses for `count` koi, all inside the roaming area, from the seed's stream. */
export function koiCourses(count: number, rng: { range(a: number, b: number): number; next(): number }): KoiCourse[] {
  return Array.from({ length: count }, () => {
    const rx = rng.range(0.8, 1.6);
    const rz = rng.range(0.5, 0.9);
    // Centred so that the whole loop (x: cx +- rx, z: cz +- 1.15 rz at most) stays inside ROAM.
    const cx = rng.range(-(ROAM[0] - rx), ROAM[0] - rx);
    const cz = rng.range(-(ROAM[1] - 1.15 * rz), ROAM[1] - 1.15 * rz);
    // About 0.12 to 0.3 m/s along the loop, either way round.
    const speed = rng.range(0.12, 0.3);
    const sign = rng.next() < 0.5 ? -1 : 1;
    return { cx, cz, rx, rz, rate: (sign * speed) / Math.max(rx, rz * 1.45), phase: rng.range(0, Math.PI * 2), depth: rng.range(0.22, 0.75) };
  });
}

/** A koi along +x, head forward: a full body tapering to the tail, a broad tail fin, pectoral and dorsal fins. */
function koiGeometry(): THREE.BufferGeometry {
  const body = new THREE.SphereGeometry(1, 20, 12);
  const p = body.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    // Fuller in front of the middle, narrowing to the tail's root.
    const girth = x > 0 ? 1 - 0.35 * x * x : 1 - 0.75 * Math.min(1, -x) ** 1.3;
    p.setXYZ(i, x * 0.3, p.getY(i) * 0.075 * girth, p.getZ(i) * 0.085 * girth);
  }
  body.computeVertexNormals();
  const flat = (pts: number[]) => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pts, 3));
    g.computeVertexNormals();
    return g;
  };
  // Fins in the horizontal plane (seen from above), both faces.
  const fin = (pts: number[]) => {
    const back: number[] = [];
    for (let k = pts.length - 3; k >= 0; k -= 3) back.push(pts[k]!, pts[k + 1]!, pts[k + 2]!);
    return [flat(pts), flat(back)];
  };
  const parts = [
    body.toNonIndexed(),
    // The tail: a wide fork behind the body.
    ...fin([-0.27, 0, 0, -0.48, 0.01, 0.13, -0.42, 0.01, 0, -0.27, 0, 0, -0.42, 0.01, 0, -0.48, 0.01, -0.13]),
    // Pectoral fins, splayed.
    ...fin([0.13, -0.02, 0.06, 0.03, -0.02, 0.17, 0.06, -0.02, 0.06, 0.13, -0.02, -0.06, 0.06, -0.02, -0.06, 0.03, -0.02, -0.17]),
    // The dorsal fin along the back.
    ...fin([0.1, 0.07, 0, -0.12, 0.065, 0.012, -0.12, 0.065, -0.012]),
  ];
  return mergeParts(parts);
}

/** Varieties: base, patch and (showa) ink colours, and how much of the body the patches cover. */
const VARIETIES: Array<{ base: string; patch: string; ink: string; cover: number; inked: number }> = [
  { base: '#f4f1ea', patch: '#d2311c', ink: '#f4f1ea', cover: 0.45, inked: 0 }, // kohaku
  { base: '#f4f1ea', patch: '#d2311c', ink: '#15130f', cover: 0.4, inked: 0.3 }, // showa
  { base: '#e8a33a', patch: '#f2c560', ink: '#e8a33a', cover: 0.3, inked: 0 }, // ogon, a gold sheen
  { base: '#f0d54a', patch: '#f6e27c', ink: '#f0d54a', cover: 0.3, inked: 0 }, // yamabuki
  { base: '#f4f1ea', patch: '#ee7a1e', ink: '#f4f1ea', cover: 0.5, inked: 0 }, // orange and white
  { base: '#8a6640', patch: '#6f5032', ink: '#8a6640', cover: 0.3, inked: 0 }, // chagoi
];

function pondLighting(night: boolean, pool: boolean): Lighting {
  const k = night ? 0.1 : 1;
  return {
    // The sun high and ahead of the lens, so its glints land on the water in view.
    sunDir: new THREE.Vector3(-0.25, 0.88, -0.4).normalize(),
    sunColor: new THREE.Color('#fff3e0'),
    sunIntensity: 2.0 * k,
    // The pond lit by a sky seen through green water: a soft greenish fill, so shadows on the floor are
    // a darker green, not blue; over clear pool water, a pale blue.
    zenith: new THREE.Color(pool ? '#b4dcf2' : '#a9c7b4'),
    horizon: new THREE.Color('#cfe1ea'),
    groundColor: new THREE.Color('#35402a'),
    hemiIntensity: 1.4 * k,
    skyIntensity: k,
    stars: 0,
    exposure: night ? 1.0 : 0,
  };
}

export function buildPond(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(45, ctx.width / ctx.height, 0.1, 200);
  const night = plan.timeOfDay === 'night';
  // A swimming pool is the same look down through water: clear turquoise over tiles, its caustics bright.
  const pool = plan.setting === 'pool';
  const L = pondLighting(night, pool);
  const tex = noiseTexture(ctx.seed, 256, 8, 4);
  const water = new THREE.Color(pool ? '#2aa6c6' : '#2f5a44');
  const updaters: Array<(t: number) => void> = [];
  scene.background = water.clone().multiplyScalar(0.4 * L.skyIntensity);

  // Lambert on software rasterisers (a matt floor under water shows no specular worth its cost).
  const floorMat = roughMaterial(ctx, { roughness: 0.95 });
  const fp: N = positionLocal.xy;
  // The caustics' brightness here, for the glints below (the ripples that focus the light on the floor
  // are the ones that flash at the surface).
  let focus: N;
  if (pool) {
    // Tiles 15 cm square, grout lines antialiased by their screen width (fwidth), and a lane line of dark
    // blue tiles along the middle; the caustics' net bright over them.
    const cell: N = fp.div(0.15);
    const edge: N = fract(cell).sub(0.5).abs().mul(2);
    const aa: N = fwidth(cell).mul(1.5);
    const grout: N = smoothstep(float(0.86).sub(aa.x), float(0.86), edge.x).max(smoothstep(float(0.86).sub(aa.y), float(0.86), edge.y));
    const lane: N = smoothstep(0.16, 0.14, fp.y.abs()).mul(smoothstep(3.2, 3.1, fp.x.abs()));
    const tile: N = mix(vec3(0.16, 0.62, 0.86), vec3(0.03, 0.1, 0.36), lane).mul(float(0.93).add(texture(tex, fp.mul(0.9)).b.mul(0.12)));
    const ground: N = mix(tile, vec3(0.78, 0.92, 0.96), grout.mul(0.5));
    const tinted: N = mix(ground, vec3(0.02, 0.52, 0.78), 0.4);
    // Sunlight focused by the ripples: wider, brighter bands than a pond's, two nets drifting apart.
    const net: N = caustics(tex, fp.mul(2.2), time.mul(7)).add(caustics(tex, fp.mul(1.7).add(3.1), time.mul(-5)).mul(0.7));
    focus = net;
    floorMat.colorNode = tinted.mul(float(0.75).add(net.mul(night ? 0.15 : 1.8))) as N;
  } else {
    // The floor: pebbles and silt, seen through the water (its tint mixed in by depth), caustics over it.
    // Dark silt with paler pebbles showing through it here and there: the water over it is what is seen,
    // and koi are bright against it.
    const mottle: N = texture(tex, fp.mul(0.15)).r;
    const pebbles: N = texture(tex, fp.mul(1.9)).b;
    const silt: N = mix(vec3(0.1, 0.11, 0.07), vec3(0.16, 0.15, 0.1), mottle);
    const ground: N = mix(silt, vec3(0.3, 0.28, 0.22), smoothstep(0.62, 0.8, pebbles).mul(smoothstep(0.35, 0.6, mottle)).mul(0.7));
    const tinted: N = mix(ground, vec3(water.r, water.g, water.b).mul(0.55), 0.5);
    focus = caustics(tex, fp.mul(2.4), time.mul(6));
    floorMat.colorNode = tinted.mul(float(0.8).add(focus.mul(night ? 0.1 : 0.5))) as N;
  }
  // (Rotated as a mesh, not in its geometry: positionLocal.xy is then the floor's own plane.)
  const floor = new THREE.Mesh(new THREE.PlaneGeometry(60, 60), floorMat);
  floor.rotation.x = -Math.PI / 2;
  floor.position.y = -POND_DEPTH;
  floor.receiveShadow = true;
  scene.add(floor);
  // The surface: a faint reflection of the sky and glints where the ripples catch the sun, added to the
  // floor's light (its emissive) rather than drawn as a transparent layer over the whole frame, and read
  // from the caustics already sampled rather than from two more lookups of the noise: the layer cost about
  // 50 ms of CPU a frame at 720p on lavapipe, the two lookups inside the floor's shader still about 40.
  // The fish that pass under a glint do without it.
  const glint: N = smoothstep(0.55, 0.9, focus).mul(night ? 0.04 : pool ? 0.3 : 0.08);
  const sky: N = vec3(L.zenith.r, L.zenith.g, L.zenith.b).mul(0.06 * L.skyIntensity);
  floorMat.emissiveNode = sky.add(vec3(1, 0.97, 0.9).mul(glint)) as N;

  // Koi: an instanced mesh, each instance's variety and pattern seed in attributes; the body flexes in a
  // wave running to the tail, stronger towards it.
  const koi = plan.subjects.find((s) => s.kind === 'koi');
  if (koi) {
    const rng = ctx.rng('koi');
    const n = Math.max(1, koi.count);
    const courses = koiCourses(n, rng);
    const geometry = koiGeometry();
    const variety = new Float32Array(n);
    const patternSeed = new Float32Array(n * 2);
    const sizes = courses.map(() => rng.range(0.75, 1.2));
    for (let i = 0; i < n; i++) {
      variety[i] = Math.floor(rng.next() * VARIETIES.length);
      patternSeed[i * 2] = rng.range(0, 1);
      patternSeed[i * 2 + 1] = rng.range(0, 1);
    }
    const mesh = new THREE.InstancedMesh(geometry, new THREE.MeshStandardNodeMaterial({ roughness: 0.35, metalness: 0.05 }), n);
    geometry.setAttribute('koiVariety', new THREE.InstancedBufferAttribute(variety, 1));
    geometry.setAttribute('koiSeed', new THREE.InstancedBufferAttribute(patternSeed, 2));
    const mat = mesh.material as THREE.MeshStandardNodeMaterial;
    const kind: N = attribute('koiVariety', 'float');
    const seed: N = attribute('koiSeed', 'vec2');
    // A value per variety, chosen in the shader by the instance's variety.
    const byVariety = (of: (v: (typeof VARIETIES)[number]) => N): N => VARIETIES.slice(1).reduce((c: N, v, k) => mix(c, of(v), step01(kind, k + 1)), of(VARIETIES[0]!));
    const colourOf = (key: 'base' | 'patch' | 'ink') => byVariety((v) => vec3(...new THREE.Color(v[key]).toArray()));
    const cover: N = byVariety((v) => float(v.cover));
    const inked: N = byVariety((v) => float(v.inked));
    // Patches: a coarse noise over the body's top, thresholded by how much the variety covers.
    const bodyUv: N = positionGeometry.xz.mul(vec2(2.2, 4)).add(seed.mul(7.3));
    const blot: N = texture(tex, bodyUv.mul(0.18)).r;
    const patch: N = smoothstep(float(0.62).sub(cover.mul(0.35)), float(0.66).sub(cover.mul(0.35)), blot);
    const ink: N = smoothstep(0.68, 0.72, texture(tex, bodyUv.mul(0.23).add(0.5)).g).mul(inked.greaterThan(0).select(1, 0));
    let colour: N = mix(colourOf('base'), colourOf('patch'), patch);
    colour = mix(colour, colourOf('ink'), ink);
    // Deeper fish are seen through more water.
    const depthFade: N = attribute('koiDepth', 'float');
    const depth = new Float32Array(courses.map((c) => c.depth));
    geometry.setAttribute('koiDepth', new THREE.InstancedBufferAttribute(depth, 1));
    mat.colorNode = mix(colour, vec3(water.r, water.g, water.b), depthFade.mul(0.6)) as N;
    // The swimming wave: lateral (z) offset growing towards the tail, travelling backwards along the body.
    const back: N = positionGeometry.x.negate().add(0.1).max(0);
    const wave: N = sin(positionGeometry.x.mul(9).add(time.mul(5.5)).add(seed.x.mul(6.28))).mul(back.mul(back).mul(0.55));
    mat.positionNode = positionLocal.add(vec3(0, 0, wave)) as N;
    mesh.castShadow = true;
    mesh.frustumCulled = false;
    scene.add(mesh);
    const pose = yawedPoser(mesh);
    updaters.push((t) => {
      courses.forEach((c, i) => {
        const at = koiCourse(c, t);
        pose(i, at.x, -c.depth, at.z, at.heading, sizes[i]!);
      });
      mesh.instanceMatrix.needsUpdate = true;
    });
  }

  // Lily pads on the surface: round leaves with the notch to the stem, veined, turning slowly.
  const pads = plan.subjects.find((s) => s.kind === 'lily-pads');
  if (pads) {
    const rng = ctx.rng('lily-pads');
    const n = Math.max(1, pads.count);
    const leaf = new THREE.CircleGeometry(1, 40, 0.12, Math.PI * 2 - 0.24).rotateX(-Math.PI / 2);
    const padMat = new THREE.MeshStandardNodeMaterial({ roughness: 0.45, metalness: 0, side: THREE.DoubleSide });
    const lp: N = positionGeometry.xz;
    const veins: N = smoothstep(0.9, 1.0, fract(atan(lp.y, lp.x).mul(16 / 6.283)).sub(0.5).abs().mul(2).oneMinus()).mul(smoothstep(0.15, 0.5, length(lp)));
    const leafColour = new THREE.Color(pads.color);
    const lc: N = vec3(leafColour.r, leafColour.g, leafColour.b);
    padMat.colorNode = mix(lc, lc.mul(1.35), veins.mul(0.5)).mul(float(0.85).add(texture(tex, lp.mul(0.4)).r.mul(0.3))) as N;
    const mesh = new THREE.InstancedMesh(leaf, padMat, n);
    const placed: Array<{ x: number; z: number; r: number; spin: number; turn: number }> = [];
    for (let i = 0; i < n * 6 && placed.length < n; i++) {
      // Clumped towards the edges of the view, leaving open water in the middle for the fish.
      const side = rng.next() < 0.5 ? -1 : 1;
      const x = side * rng.range(1.8, 4.4);
      const z = rng.range(-2.6, 2.6);
      const r = rng.range(0.22, 0.42);
      if (placed.some((o) => Math.hypot(o.x - x, o.z - z) < o.r + r + 0.03)) continue;
      placed.push({ x, z, r, spin: rng.range(0, Math.PI * 2), turn: rng.range(-0.04, 0.04) });
    }
    mesh.count = placed.length;
    mesh.castShadow = true;
    scene.add(mesh);
    const pose = yawedPoser(mesh);
    updaters.push((t) => {
      placed.forEach((o, i) => pose(i, o.x + Math.sin(t * 0.2 + o.spin) * 0.02, 0.005, o.z + Math.cos(t * 0.17 + o.spin) * 0.02, o.spin + o.turn * t, o.r));
      mesh.instanceMatrix.needsUpdate = true;
    });
  }

  scene.add(new THREE.HemisphereLight(L.zenith, L.groundColor, L.hemiIntensity));
  const sun = new THREE.DirectionalLight(L.sunColor, L.sunIntensity);
  sun.position.copy(L.sunDir).multiplyScalar(20);
  sun.castShadow = true;
  sun.shadow.mapSize.set(ctx.software ? 1024 : 2048, ctx.software ? 1024 : 2048);
  Object.assign(sun.shadow.camera, { left: -8, right: 8, top: 8, bottom: -8, near: 1, far: 40 });
  sun.shadow.bias = -0.0008;
  sun.shadow.radius = 4;
  softwareShadows(ctx, sun);
  scene.add(sun, sun.target);

  const framing: Framing = { target: [0, -0.3, 0], distance: 5.5, azimuth: 0, elevation: 74, travel: 3, minHeight: 2 };
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(0, -0.4, 0),
    focalRange: 2.5,
    exposureBias: L.exposure,
    lighting: L,
    groundHeight: () => 0,
    particleBox: { center: [0, 1.5, 0], size: [10, 3, 7] },
    particleScale: 1,
    update(t) {
      time.value = t;
      for (const u of updaters) u(t);
    },
    dispose() {
      disposeScene(scene);
    },
  } as Shot;
}

/** Sets instance i of `mesh` at (x, y, z), turned `yaw` about +y and scaled evenly: the fish and the pads. */
function yawedPoser(mesh: THREE.InstancedMesh): (i: number, x: number, y: number, z: number, yaw: number, scale: number) => void {
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const up = new THREE.Vector3(0, 1, 0);
  const s = new THREE.Vector3();
  const p = new THREE.Vector3();
  return (i, x, y, z, yaw, scale) => {
    m.compose(p.set(x, y, z), q.setFromAxisAngle(up, yaw), s.setScalar(scale));
    mesh.setMatrixAt(i, m);
  };
}

/** 1 where `kind` is k (kind holds whole numbers), else 0. */
function step01(kind: N, k: number): N {
  return smoothstep(k - 0.5, k - 0.49, kind).mul(float(1).sub(smoothstep(k + 0.49, k + 0.5, kind)));
}
