/**
 * Under the sea: a sandy seabed a few metres down, rippled and strewn with rocks, lit by a sun high above
 * the surface. The water is a blue haze that swallows everything beyond twenty-odd metres; looking up, the
 * surface glows and shimmers (brightest in the window straight overhead). Caustics — the surface's waves
 * focusing the sunlight — play across the sand as a moving net of bright lines, shafts of light slant down
 * through the water, air bubbles rise in streams from the seabed, and a school of fish swims across the
 * view (or a reef's fish among coral when a reef is named).
 */
import * as THREE from 'three/webgpu';
import { float, hash, instanceIndex, mix, normalize, normalView, positionGeometry, positionLocal, pow, sin, smoothstep, texture, uniform, vec2, vec3, vec4 } from 'three/tsl';
import { ValueNoise2D } from '../sim/noise.js';
import type { Framing } from '../sim/camera.js';
import { type BuildContext, type Lighting, type Shot, disposeScene, mergeParts, noiseTexture, roughMaterial, softwareShadows } from './common.mjs';
import { addRocks, buildTerrain } from './nature.mjs';
import { createSunRays } from './sun-rays.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Metres from the seabed (about y = 0) up to the surface. */
const SURFACE = 16;
const DEEP = new THREE.Color('#04263a');
const MID = new THREE.Color('#0b5f7d');
const SHALLOW = new THREE.Color('#4fc0d2');

/** The light under water: a sun high overhead, everything tinted by the water (dimmer at night). */
export function underwaterLighting(night: boolean): Lighting {
  const k = night ? 0.12 : 1;
  return {
    sunDir: new THREE.Vector3(0.22, 0.94, -0.26).normalize(),
    sunColor: new THREE.Color('#cdf2ff'),
    sunIntensity: 2.4 * k,
    zenith: SHALLOW.clone(),
    horizon: MID.clone(),
    groundColor: DEEP.clone(),
    hemiIntensity: 1.1 * k,
    skyIntensity: k,
    stars: 0,
    exposure: night ? 1.2 : 0.1,
  };
}

/**
 * The caustic net at ground point xz and time t: where two scrolling layers of noise are equal, a thin
 * bright line, as the focused light from a wavy surface draws on the sand. About 0 to 1.
 */
export function caustics(tex: THREE.Texture, xz: N, t: N): N {
  const a: N = texture(tex, xz.mul(0.07).add(vec2(t.mul(0.011), t.mul(0.007)))).g;
  const b: N = texture(tex, xz.mul(0.09).sub(vec2(t.mul(0.008), t.mul(-0.012))).add(0.37)).g;
  const line: N = float(1).sub(a.sub(b).abs().mul(7)).max(0);
  return pow(line, 4);
}

/** A fish along +x, head forward: a slim body and a tail fin, in two shades. */
function fishGeometry(): THREE.BufferGeometry {
  const body = new THREE.SphereGeometry(1, 10, 6).scale(0.5, 0.17, 0.08).toNonIndexed();
  const tail = new THREE.BufferGeometry();
  tail.setAttribute('position', new THREE.Float32BufferAttribute([-0.42, 0, 0, -0.72, 0.16, 0, -0.72, -0.16, 0], 3));
  tail.computeVertexNormals();
  return mergeParts([body, tail]);
}

export function buildUnderwater(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(50, ctx.width / ctx.height, 0.1, 400);
  const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
  const L = underwaterLighting(night);
  const noise = new ValueNoise2D(ctx.seed, 'seabed');
  const tex = noiseTexture(ctx.seed, 256, 6, 4);
  const updaters: Array<(t: number) => void> = [];

  // The water all round: deep below, the surface's glow above, brightest in the window overhead, which
  // shimmers with the waves.
  const waterMat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false, fog: false });
  const dir: N = normalize(positionLocal);
  const up: N = dir.y;
  let water: N = mix(vec3(DEEP.r, DEEP.g, DEEP.b), vec3(MID.r, MID.g, MID.b), smoothstep(-0.7, 0.1, up));
  water = mix(water, vec3(SHALLOW.r, SHALLOW.g, SHALLOW.b), smoothstep(0.1, 0.75, up));
  const surfaceUv: N = dir.xz.div(up.max(0.2)).mul(0.35);
  const shimmer: N = texture(tex, surfaceUv.add(vec2(time.mul(0.02), time.mul(0.013)))).g.mul(texture(tex, surfaceUv.mul(1.7).sub(vec2(time.mul(0.015), 0))).r);
  const window: N = smoothstep(0.62, 0.9, up);
  water = water.add(vec3(0.75, 0.95, 1.0).mul(window.mul(shimmer.mul(1.6).add(0.35))));
  waterMat.colorNode = vec4(water.mul(L.skyIntensity * 1.15), 1) as N;
  const dome = new THREE.Mesh(new THREE.SphereGeometry(1, 40, 20), waterMat);
  dome.scale.setScalar(300);
  dome.renderOrder = 10;
  dome.frustumCulled = false;
  scene.add(dome);

  // The seabed: sand in low dunes with ripples across them, patches of darker sediment.
  const height = (x: number, z: number) => noise.fbm(x * 0.02, z * 0.02, 4) * 3.2 - 1.6 + Math.sin(x * 0.9 + noise.fbm(x * 0.05, z * 0.05, 2) * 6) * 0.05;
  const terrain = buildTerrain(ctx, {
    size: 320,
    segments: ctx.software ? 160 : 320,
    height,
    color: (h, _slope, x, z) => new THREE.Color('#b9a983').lerp(new THREE.Color('#8a8062'), noise.fbm(x * 0.06 + 9, z * 0.06, 3) * 0.8).lerp(new THREE.Color('#d3c59c'), Math.max(0, h) * 0.2),
  });
  const sandMat = terrain.mesh.material as N;
  const pw: N = positionLocal;
  sandMat.colorNode = sandMat.colorNode.mul(float(0.72).add(caustics(tex, pw.xz, time).mul(night ? 0.2 : 1.4)));
  scene.add(terrain.mesh);
  addRocks(ctx, scene, terrain, plan.subjects.some((x) => x.kind === 'coral') ? 6 : 14);

  // Coral: clumps across the seabed in front of the camera, each a few rounded heads, a cluster of tubes
  // and a fan or two, in reef colours.
  if (plan.subjects.some((s) => s.kind === 'coral')) {
    const rng = ctx.rng('coral');
    const colours = ['#ff7a5c', '#ffb347', '#d45ac0', '#ffe066', '#8c6cff', '#ff5c8a', '#4fd1c5', '#ff9f1c'].map((h) => new THREE.Color(h));
    // Across the view: as wide as the frame is at each depth.
    const clumps = Array.from({ length: 22 }, () => {
      const z = -rng.range(6, 30);
      return { x: rng.range(-1, 1) * Math.abs(z) * 0.75, z, colour: rng.next() };
    });
    const kinds: Array<{ geo: THREE.BufferGeometry; per: number; spread: number; size: [number, number]; tilt: number }> = [
      { geo: new THREE.IcosahedronGeometry(1, 1).scale(1, 0.65, 1), per: 5, spread: 1.8, size: [0.5, 1.3], tilt: 0 },
      { geo: new THREE.CylinderGeometry(0.08, 0.13, 1, 6).translate(0, 0.5, 0), per: 14, spread: 1.1, size: [0.6, 1.9], tilt: 0.45 },
      { geo: new THREE.CircleGeometry(0.75, 12).translate(0, 0.75, 0), per: 2, spread: 1.5, size: [0.7, 1.5], tilt: 0.2 },
    ];
    for (const k of kinds) {
      const mat = roughMaterial(ctx, { roughness: 0.85, side: THREE.DoubleSide });
      const mesh = new THREE.InstancedMesh(k.geo, mat, clumps.length * k.per);
      const m = new THREE.Matrix4();
      let i = 0;
      for (const c of clumps) {
        const base = colours[Math.floor(c.colour * colours.length)]!;
        for (let j = 0; j < k.per; j++) {
          const x = c.x + rng.range(-1, 1) * k.spread;
          const z = c.z + rng.range(-1, 1) * k.spread;
          const sz = rng.range(k.size[0], k.size[1]);
          const tilt = rng.range(-k.tilt, k.tilt);
          m.compose(new THREE.Vector3(x, height(x, z) - 0.1, z), new THREE.Quaternion().setFromEuler(new THREE.Euler(tilt, rng.range(0, 6.28), tilt * 0.7)), new THREE.Vector3(sz, sz, sz));
          mesh.setMatrixAt(i, m);
          // Mostly the clump's colour, now and then another.
          const colour = rng.next() < 0.75 ? base : colours[Math.floor(rng.next() * colours.length)]!;
          mesh.setColorAt(i, colour.clone().multiplyScalar(rng.range(0.85, 1.2)));
          i++;
        }
      }
      mesh.castShadow = true;
      mesh.receiveShadow = false;
      scene.add(mesh);
    }
  }

  // A school of fish: each keeps its place in the school, which swims across the view on a slow curve;
  // each beats its tail.
  const fish = plan.subjects.find((s) => s.kind === 'fish');
  if (fish) {
    const rng = ctx.rng('fish');
    const reef = plan.subjects.some((s) => s.kind === 'coral');
    const n = Math.max(1, Math.round(fish.count * Math.min(1, ctx.detail * 1.5)));
    const mat = roughMaterial(ctx, { roughness: 0.4 });
    // The tail (x < -0.3) sweeps side to side, the body follows a little.
    const phase: N = hash(instanceIndex).mul(6.283);
    const back: N = positionGeometry.x.negate().max(0);
    const beat: N = sin(time.mul(9).add(phase)).mul(back.mul(back).mul(0.5));
    mat.positionNode = positionLocal.add(vec3(0, 0, beat)) as N;
    const mesh = new THREE.InstancedMesh(fishGeometry(), mat, n);
    const silver = new THREE.Color(fish.color);
    const tropical = ['#f5c518', '#ff7a1a', '#3aa0ff', '#f2f2f2', '#ffdd55'].map((h) => new THREE.Color(h));
    const members = Array.from({ length: n }, (_, i) => {
      mesh.setColorAt(i, reef ? tropical[Math.floor(rng.next() * tropical.length)]! : silver.clone().multiplyScalar(rng.range(0.85, 1.15)));
      return { off: new THREE.Vector3(rng.range(-1, 1) * 5, rng.range(-1, 1) * 1.6, rng.range(-1, 1) * 3), wobble: rng.range(0, 6.28), scale: rng.range(0.8, 1.25) * (reef ? 0.7 : 1) };
    });
    mesh.castShadow = true;
    mesh.frustumCulled = false;
    scene.add(mesh);
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const s = new THREE.Vector3();
    const p = new THREE.Vector3();
    const ahead = new THREE.Vector3();
    // The school's path: across the view from left to right at 1.2 m/s, drifting up and down.
    const centre = (t: number, out: THREE.Vector3) => out.set(-9 + t * 1.2, 3.2 + Math.sin(t * 0.3) * 0.6, -16 + Math.sin(t * 0.21) * 2);
    const now = new THREE.Vector3();
    const soon = new THREE.Vector3();
    const nose = new THREE.Vector3(1, 0, 0);
    updaters.push((t) => {
      // The school's centre now and 0.2 s on, once a frame; each fish heads from its place to its next.
      centre(t, now);
      centre(t + 0.2, soon);
      members.forEach((f, i) => {
        p.copy(now).add(f.off);
        p.y += Math.sin(t * 0.8 + f.wobble) * 0.25;
        ahead.copy(soon).add(f.off);
        ahead.y += Math.sin((t + 0.2) * 0.8 + f.wobble) * 0.25;
        ahead.sub(p).normalize();
        q.setFromUnitVectors(nose, ahead);
        s.setScalar(f.scale);
        m.compose(p, q, s);
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
    });
  }

  // Jellyfish: translucent bells that pulse (the rim drawing in and out) and rise a little with each beat,
  // trailing their arms; drawn additively, so they glow against the water, brighter at their edges.
  const jellies = plan.subjects.find((s) => s.kind === 'jellyfish');
  if (jellies) {
    const rng = ctx.rng('jellyfish');
    const n = jellies.count;
    const colour = new THREE.Color(jellies.color);
    const bellGeo = new THREE.SphereGeometry(1, 18, 8, 0, Math.PI * 2, 0, Math.PI / 2).scale(0.5, 0.42, 0.5);
    const arms = [0, 1, 2, 3].map((k) => new THREE.CylinderGeometry(0.02, 0.008, 1.4, 4, 6).translate(Math.cos(k * 1.57) * 0.14, -0.7, Math.sin(k * 1.57) * 0.14));
    const geo = mergeParts([bellGeo, ...arms]);
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
    const phase: N = hash(instanceIndex.add(3)).mul(6.283);
    const beat: N = sin(time.mul(2.6).add(phase));
    const g: N = positionGeometry;
    // The rim (low on the bell) draws in on the beat; the arms sway behind.
    const rim: N = float(1).sub(g.y.div(0.42).clamp(0, 1));
    const squeeze: N = float(1).sub(beat.mul(0.14).mul(rim).mul(g.y.greaterThanEqual(0).select(1, 0)));
    const sway: N = g.y.lessThan(0).select(sin(time.mul(1.7).add(phase).add(g.y.mul(2.5))).mul(g.y.negate().mul(0.12)), 0);
    mat.positionNode = positionLocal.add(vec3(g.x.mul(squeeze.sub(1)).add(sway), float(0), g.z.mul(squeeze.sub(1)))) as N;
    // Brighter where the bell is seen edge-on (its rim and outline), faint through its middle.
    const facing: N = normalView.z.abs();
    const glow: N = float(0.12).add(float(1).sub(facing).mul(0.6));
    mat.colorNode = vec4(vec3(colour.r, colour.g, colour.b).mul(glow).mul(night ? 1.2 : 0.7), 1) as N;
    const mesh = new THREE.InstancedMesh(geo, mat, n);
    mesh.frustumCulled = false;
    mesh.renderOrder = 4;
    const drifters = Array.from({ length: n }, () => {
      const z = -rng.range(6, 26);
      const p = new THREE.Vector3(rng.range(-0.7, 0.7) * Math.abs(z) * 0.8, rng.range(1.5, 7), z);
      const size = rng.range(0.6, 1.5);
      const lean = rng.range(-0.25, 0.25);
      return { p, size, tilt: new THREE.Quaternion().setFromEuler(new THREE.Euler(lean, 0, lean * 0.6)), rise: rng.range(0.08, 0.18) };
    });
    const m = new THREE.Matrix4();
    const sc = new THREE.Vector3();
    const at = new THREE.Vector3();
    updaters.push((t) => {
      drifters.forEach((d, i) => {
        at.copy(d.p).setY(d.p.y + d.rise * t);
        m.compose(at, d.tilt, sc.setScalar(d.size));
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
    });
    scene.add(mesh);
  }

  // Air bubbles rising in a few streams from the seabed. Named in the prompt ("bubbles rising in water"),
  // they are the shot: more streams, and some close in front of the lens, large and wobbling.
  const namedBubbles = plan.particles.find((p) => p.kind === 'bubbles');
  {
    const rng = ctx.rng('air-bubbles');
    const stream = (x: number, z: number, per: number, sizes: [number, number]) => ({ x, z, floor: height(x, z), per, sizes });
    const streams = Array.from({ length: 6 }, () => stream(rng.range(-14, 14), rng.range(-26, -6), 14, [0.03, 0.09]));
    if (namedBubbles) {
      const near = Math.round(3 + namedBubbles.density * 6);
      for (let i = 0; i < near; i++) streams.push(stream(rng.range(-3.2, 3.2), rng.range(-9, -3.5), 22, [0.04, 0.16]));
    }
    const seeds = streams.flatMap((st, si) =>
      Array.from({ length: st.per }, () => ({ st: si, at: rng.next(), size: rng.range(st.sizes[0], st.sizes[1]), sway: rng.range(0, 6.28) })),
    );
    // Seen through, bright only at the rim where the air's surface turns edge-on and reflects the light,
    // with a glint on top: solid dots read as pebbles, not air.
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
    const facing: N = normalView.z.abs();
    const rim: N = pow(float(1).sub(facing), 2.5);
    const glint: N = smoothstep(0.75, 0.95, normalView.y).mul(smoothstep(0.2, 0.6, facing));
    mat.colorNode = vec4(vec3(0.6, 0.85, 0.95).mul(rim.mul(0.9).add(0.05).add(glint.mul(0.8))).mul(L.skyIntensity), 1) as N;
    const bubbles = new THREE.InstancedMesh(new THREE.SphereGeometry(1, 12, 8), mat, seeds.length);
    bubbles.frustumCulled = false;
    scene.add(bubbles);
    const m = new THREE.Matrix4();
    const q = new THREE.Quaternion();
    const s = new THREE.Vector3();
    const p = new THREE.Vector3();
    updaters.push((t) => {
      seeds.forEach((b, i) => {
        const st = streams[b.st]!;
        // Rising about 0.9 m/s (the larger a little faster), looping from the seabed to 12 m up; large
        // bubbles wobble, flattened as they rise.
        const y = ((b.at * 12 + t * (0.75 + b.size * 2)) % 12) + st.floor;
        p.set(st.x + Math.sin(t * 2.2 + b.sway + y) * (0.05 + b.size * 0.8), y, st.z + Math.cos(t * 1.9 + b.sway) * 0.06);
        const r = b.size * (1 + y * 0.03);
        const wobble = Math.sin(t * 9 + b.sway * 3) * Math.min(0.18, b.size);
        s.set(r * (1 + wobble), r * (0.82 - wobble * 0.5), r * (1 + wobble));
        m.compose(p, q, s);
        bubbles.setMatrixAt(i, m);
      });
      bubbles.instanceMatrix.needsUpdate = true;
    });
  }

  // Light: the sun through the surface and the water's own glow all round; shafts falling through it.
  scene.add(new THREE.HemisphereLight(L.zenith, L.groundColor, L.hemiIntensity));
  const sun = new THREE.DirectionalLight(L.sunColor, L.sunIntensity);
  sun.position.copy(L.sunDir).multiplyScalar(60).add(new THREE.Vector3(0, 0, -18));
  sun.target.position.set(0, 0, -18);
  sun.castShadow = true;
  sun.shadow.mapSize.set(ctx.software ? 1024 : 2048, ctx.software ? 1024 : 2048);
  Object.assign(sun.shadow.camera, { left: -40, right: 40, top: 40, bottom: -40, near: 1, far: 140 });
  sun.shadow.bias = -0.0005;
  softwareShadows(ctx, sun);
  scene.add(sun, sun.target);
  if (!night) {
    const rays = createSunRays(ctx, L, height, { count: 18, canopy: SURFACE, near: 4, far: 40, halfWidth: 18 });
    scene.add(rays.mesh);
    updaters.push((t) => rays.update(t, camera));
  }
  scene.fog = new THREE.FogExp2(MID.clone().multiplyScalar(L.skyIntensity * 0.95), 0.045);

  const framing: Framing = { target: [0, 2.6, -22], distance: 22, azimuth: 0, elevation: 4, travel: 10, minHeight: 1.2 };
  return {
    scene,
    camera,
    framing,
    drawsParticles: ['bubbles'],
    focusPoint: new THREE.Vector3(0, 3, -16),
    focalRange: 11,
    exposureBias: L.exposure,
    lighting: L,
    groundHeight: height,
    particleScale: 1,
    update(t) {
      time.value = t;
      dome.position.copy(camera.position);
      for (const u of updaters) u(t);
    },
    dispose() {
      disposeScene(scene);
    },
  } as Shot;
}
