/**
 * A volcano erupting: a lone cone of dark rock with concave flanks cut by gullies and a crater at its
 * summit, seen across the plain from a few kilometres; lava glowing in the crater and running down the
 * flanks towards the lens in a few streams (crust carried down on them, cracks of incandescent rock between),
 * a fountain of lava bombs thrown up from the crater on ballistic arcs, and an ash column billowing up and
 * leaning downwind, lit orange from below. The cone's shape and the bombs' arcs are pure functions.
 */
import * as THREE from 'three/webgpu';
import { abs, atan, exp, float, length, max, min, mix, positionWorld, smoothstep, texture, uniform, uv, vec2, vec3, vec4 } from 'three/tsl';
import { type BuildContext, noiseTexture, yawTowardCamera } from './common.mjs';
import { ValueNoise2D, smoothstepJs } from '../sim/noise.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Cone {
  /** Centre of the cone on the ground plane. */
  x: number;
  z: number;
  /** Height of the rim above the plain, m. */
  height: number;
  /** Radius at the foot, m. */
  radius: number;
  /** Radius of the crater at the rim, m, and how deep it is. */
  crater: number;
  craterDepth: number;
}

/** The cone's height over the plain at distance r from its centre: concave flanks, a crater at the top. Pure. */
export function coneHeight(cone: Cone, r: number): number {
  const flank = (d: number) => cone.height * Math.pow(Math.max(0, 1 - (d - cone.crater) / (cone.radius - cone.crater)), 1.7);
  if (r >= cone.crater) return flank(r);
  const k = r / cone.crater;
  return cone.height - cone.craterDepth * (1 - k * k);
}

/** The cone over `ground` (the plain), with gullies running down its flanks. */
export function volcanoHeight(cone: Cone, noise: ValueNoise2D, ground: (x: number, z: number) => number): (x: number, z: number) => number {
  return (x, z) => {
    const dx = x - cone.x;
    const dz = z - cone.z;
    const r = Math.hypot(dx, dz);
    if (r >= cone.radius) return ground(x, z);
    const a = Math.atan2(dx, dz);
    // Gullies: ridged noise round the cone, stretched down the slope, deepest on the middle flanks.
    const along = r / cone.radius;
    const gully = noise.ridged(a * 9 + 40, along * 3, 3) * 38 * Math.sin(Math.PI * Math.min(1, along * 1.25));
    const blend = smoothstepJs(cone.radius, cone.radius * 0.85, r);
    const plain = ground(x, z);
    return plain * (1 - blend) + (coneHeight(cone, r) - (r > cone.crater ? gully : 0) + plain * 0.3) * blend;
  };
}


export interface Bomb {
  /** Launch time in the loop (s), flight time (s), launch velocity (m/s) and its size (m). */
  start: number;
  flight: number;
  v: [number, number, number];
  size: number;
}

/** Lava bombs thrown from the crater: up to `height` m, spread round the vertical, each landing on the flank. Pure. */
export function planBombs(rand: () => number, count: number, height: number, period: number): Bomb[] {
  const g = 9.81;
  return Array.from({ length: count }, () => {
    const up = Math.sqrt(2 * g * height * (0.25 + rand() * 0.75));
    const spread = up * (0.12 + rand() * 0.3);
    const a = rand() * Math.PI * 2;
    // Up and down again, and a little further: they land below the rim.
    const flight = (2 * up) / g * 1.08;
    return { start: rand() * period, flight, v: [Math.sin(a) * spread, up, Math.cos(a) * spread], size: 14 + rand() * 26 };
  });
}

/** Where a bomb is `age` seconds after launch, relative to the vent. Pure. */
export function bombPosition(b: Bomb, age: number): [number, number, number] {
  return [b.v[0] * age, b.v[1] * age - 0.5 * 9.81 * age * age, b.v[2] * age];
}

/** Incandescent lava: yellow-white where hottest, through orange to a dull red (linear light, emissive). */
function lavaColour(heat: N): N {
  return mix(mix(vec3(0.5, 0.03, 0.0), vec3(2.6, 0.55, 0.04), smoothstep(0.0, 0.55, heat)), vec3(4.0, 2.1, 0.55), smoothstep(0.6, 1.0, heat));
}

/** The terrain's emissive light: the crater's lava lake and the streams down the flanks. */
export function lavaEmissive(cone: Cone, seed: number, time: N, streams: number): N {
  const noise = noiseTexture(seed, 256, 8, 5);
  const dx: N = positionWorld.x.sub(cone.x);
  const dz: N = positionWorld.z.sub(cone.z);
  const r: N = length(vec2(dx, dz));
  const a: N = atan(dx, dz);
  const rng = new ValueNoise2D(seed, 'lava-streams');
  let flow: N = float(0);
  let heatAt: N = float(0);
  for (let k = 0; k < streams; k++) {
    // Mostly down the side facing the lens (+z), a little apart.
    const centre = ((k + 0.5) / streams - 0.5) * 2.3 + (rng.sample(k * 3.1, 1.7) - 0.5) * 0.5;
    const reach = cone.radius * (0.3 + rng.sample(k * 5.3, 4.1) * 0.45);
    // A stream winds as it runs down (each its own way), and widens where it slows on the lower flank.
    const bend = (rng.sample(k * 7.7, 2.9) - 0.5) * 0.5;
    const wind: N = float(centre).add(r.mul(0.0035 + k * 0.0011).add(k * 1.7).sin().mul(0.1)).add(r.div(cone.radius).mul(bend));
    const lateral: N = abs(a.sub(wind)).mul(r);
    const width: N = r.mul(0.02 + rng.sample(k * 2.3, 6.1) * 0.03).add(8);
    const inStream: N = float(1).sub(smoothstep(width.mul(0.45), width, lateral)).mul(float(1).sub(smoothstep(reach * 0.8, reach, r)));
    flow = max(flow, inStream);
    // Hotter near the vent, cooling as it goes.
    heatAt = max(heatAt, inStream.mul(float(1).sub(r.div(reach)).clamp(0, 1)));
  }
  // Crust carried down the stream, cracked: the cracks glow, the crust is dark.
  const crust: N = texture(noise, vec2(a.mul(3), r.mul(0.006).sub(time.mul(0.02)))).r;
  const fine: N = texture(noise, vec2(a.mul(11), r.mul(0.02).sub(time.mul(0.05)))).g;
  const cracks: N = float(1).sub(smoothstep(0.0, 0.08, abs(crust.add(fine.mul(0.5)).sub(0.72))));
  const stream: N = flow.mul(cracks.mul(0.75).add(0.25));
  // The crater's lake: bright over its floor, brightest at the vent.
  const lake: N = float(1).sub(smoothstep(cone.crater * 0.55, cone.crater * 0.85, r));
  const heat: N = max(heatAt.mul(0.8).add(cracks.mul(0.25)), lake);
  return lavaColour(heat).mul(max(stream, lake.mul(float(0.7).add(fine.mul(0.6)))));
}

export interface Volcano {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** The eruption over the crater of `cone`: the bombs and the ash column. */
export function createEruption(ctx: BuildContext, cone: Cone, opts: { night: boolean; windX: number }): Volcano {
  const group = new THREE.Group();
  const time = uniform(0);
  const rng = ctx.rng('volcano');
  const vent = new THREE.Vector3(cone.x, cone.height - cone.craterDepth * 0.6, cone.z);
  const period = Math.max(ctx.duration, 4);
  // (A bomb's glow is drawn much larger than the rock: from kilometres off it is the glow that shows.)
  const bombs = planBombs(() => rng.next(), ctx.software ? 220 : 440, cone.height * 0.5, period);

  // The bombs: glowing discs (a hot core, a soft glow), additive, turned to the lens.
  const glow = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false });
  const d: N = length(uv().sub(0.5)).mul(2);
  glow.colorNode = vec4(lavaColour(float(1).sub(d)).mul(exp(d.mul(d).mul(-5))).mul(0.9), 1) as N;
  const cards = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), glow, bombs.length);
  cards.frustumCulled = false;
  cards.renderOrder = 4;
  group.add(cards);

  // The ash column: a few broad cards of billowing cloud, dark grey, lit orange from below by the lava.
  const ashNoise = noiseTexture(ctx.seed + 11, 256, 5, 6);
  const plumeHeight = cone.height * 1.8;
  const plumeWidth = cone.radius * 0.9;
  const plumes: THREE.Mesh[] = [];
  for (let i = 0; i < 3; i++) {
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
    const u: N = uv().x;
    const v: N = uv().y;
    // A column that widens with height and leans downwind.
    const lean: N = v.mul(v).mul(opts.windX * 0.25);
    const across: N = u.sub(0.5).sub(lean).div(v.mul(0.32).add(0.07));
    const column: N = exp(across.mul(across).mul(-2.2));
    const billow: N = texture(ashNoise, vec2(u.mul(1.3).add(i * 0.31), v.mul(0.9).sub(time.mul(0.012 + i * 0.003)))).r;
    const lumps: N = texture(ashNoise, vec2(u.mul(3.1).add(i * 0.17), v.mul(2.2).sub(time.mul(0.03)))).g;
    const density: N = smoothstep(0.25, 0.7, billow.mul(0.75).add(lumps.mul(0.35)).add(column.mul(0.35)).sub(0.2)).mul(column);
    const fade: N = smoothstep(0.0, 0.05, v).mul(float(1).sub(smoothstep(0.75, 1.0, v)));
    // Lit from below by the glow (strongest low down, in the folds), grey ash above; by day lighter.
    // (Night shots are exposed up: the ash there is near black, or it reads as pale smoke.)
    const ash = opts.night ? vec3(0.012, 0.011, 0.011) : vec3(0.2, 0.19, 0.18);
    const underglow: N = vec3(1.2, 0.26, 0.04).mul(exp(v.mul(-9))).mul(lumps.mul(0.6).add(0.4)).mul(opts.night ? 0.8 : 0.5);
    mat.colorNode = vec4(ash.add(underglow), min(density.mul(fade).mul(0.92), 1)) as N;
    const card = new THREE.Mesh(new THREE.PlaneGeometry(plumeWidth, plumeHeight).translate(0, plumeHeight / 2, 0), mat);
    card.position.set(cone.x + (i - 1) * plumeWidth * 0.12, vent.y - 20, cone.z - i * 40);
    card.renderOrder = 3;
    plumes.push(card);
    group.add(card);
  }

  const m = new THREE.Matrix4();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  const at = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      time.value = t;
      for (const card of plumes) card.rotation.y = yawTowardCamera(camera, card.getWorldPosition(at), group.parent);
      bombs.forEach((b, i) => {
        // Each bomb's flight repeats, from its own start; it shrinks as it cools and fades after landing.
        const age = (((t - b.start) % (b.flight + 1.5)) + b.flight + 1.5) % (b.flight + 1.5);
        const [x, y, z] = bombPosition(b, Math.min(age, b.flight));
        const cool = age > b.flight ? Math.max(0, 1 - (age - b.flight) / 1.5) * 0.5 : 1 - 0.4 * (age / b.flight);
        p.set(vent.x + x, vent.y + y, vent.z + z);
        s.setScalar(b.size * cool);
        m.compose(p, camera.quaternion, s);
        cards.setMatrixAt(i, m);
      });
      cards.instanceMatrix.needsUpdate = true;
    },
  };
}

/** A default cone: 700 m high, 2.8 km across at the foot, 1.6 km beyond the origin. */
export function defaultCone(): Cone {
  return { x: 0, z: -1600, height: 700, radius: 1400, crater: 140, craterDepth: 70 };
}
