/**
 * Outer space: a field of stars, a nebula of glowing gas split by dark dust, and a planet turning in the
 * sun. The far sky is a dome (stars as cells of a hashed grid, the nebula as 3D fractal noise on the view
 * direction); nearer stars are sprites scattered through the volume the camera moves in, so a push in
 * flies past them. The planet's continents, ice and clouds are noise on its own surface, so they turn
 * with it; a thin atmosphere glows round its lit limb and cities light its night side.
 */
import * as THREE from 'three/webgpu';
import {
  vec3,
  vec4,
  float,
  positionLocal,
  positionWorld,
  normalize,
  mix,
  smoothstep,
  step,
  abs,
  dot,
  max,
  pow,
  floor,
  uv,
  length,
  normalView,
  positionViewDirection,
  normalWorld,
  instanceIndex,
  texture,
  vec2,
  sin,
  cos,
  atan,
  asin,
  clamp,
  hash,
  mx_cell_noise_float,
  mx_fractal_noise_float,
} from 'three/tsl';
import type { Framing } from '../sim/camera.js';
import { createLightStreaks, layStreaks, type StreakField } from './light-streaks.mjs';
import { createAsteroids } from './asteroids.mjs';
import { createBlackHole } from './black-hole.mjs';
import { createGalaxy } from './galaxy.mjs';
import { createEclipse } from './eclipse.mjs';
import { createSolarSystem } from './solar-system.mjs';
import { createGlobeLinks } from './globe-links.mjs';
import { type BuildContext, type Shot, disposeScene, lightColors } from './common.mjs';
import { EARTH_BLUE, SATURN_GOLD } from '../plan/palettes.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const PLANET_RADIUS = 10;
/** Where the sun is, seen from the planet: to the left and a little in front, so the limb and terminator show. */
const SUN_DIR = new THREE.Vector3(-0.8, 0.28, 0.55).normalize();

/** The nebula's light over the sphere of directions: glowing gas in the palette's bright colours, dark dust. */
function nebulaLight(p0: N, colors: THREE.Color[]): N {
  const p: N = p0.mul(1.8);
  // Gas: a fractal cloud; colour: a second, broader noise between the palette's bright colours; dust: a
  // third cloud that eats the light in lanes.
  const gas: N = smoothstep(-0.15, 0.75, mx_fractal_noise_float(p, 5, 2.0, 0.55, 1.0));
  const hue: N = smoothstep(-0.4, 0.4, mx_fractal_noise_float(p.mul(0.6).add(7.1), 2, 2.0, 0.5, 1.0));
  const dust: N = smoothstep(0.05, 0.45, mx_fractal_noise_float(p.mul(2.3).add(3.7), 3, 2.0, 0.5, 1.0));
  const [a, b, c] = colors as [THREE.Color, THREE.Color, THREE.Color];
  const col: N = mix(mix(vec3(a.r, a.g, a.b), vec3(b.r, b.g, b.b), hue), vec3(c.r, c.g, c.b), gas.mul(gas).mul(0.35));
  return vec4(col.mul(gas.mul(gas).mul(float(1).sub(dust.mul(0.85)))).mul(0.55), gas);
}

/**
 * The far sky: stars of several brightnesses (cells of a hashed grid, live: they must stay sharp) and,
 * when asked for, a nebula (baked once: ten octaves of noise a pixel cost about 80 ms a frame at 720p).
 */
function spaceDome(nebula: THREE.Texture | null): THREE.Mesh {
  const dir: N = normalize(positionLocal);
  const starsAt = (scale: number, threshold: number, gain: number): N => smoothstep(threshold, 1.0, mx_cell_noise_float(floor(dir.mul(scale)))).mul(gain);
  const tintPick: N = mx_cell_noise_float(floor(dir.mul(420)).add(17.3));
  const starTint: N = mix(vec3(0.75, 0.82, 1.0), vec3(1.0, 0.86, 0.7), step(0.6, tintPick));
  let sky: N = starTint.mul(starsAt(420, 0.996, 2.2).add(starsAt(900, 0.993, 0.9)));
  if (nebula) {
    const glow: N = texture(nebula, sphereUv(dir));
    // Young stars shine through the brightest gas.
    sky = sky.add(glow.rgb).add(starTint.mul(starsAt(650, 0.985, 1.4)).mul(glow.a));
  }
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false, fog: false });
  mat.colorNode = vec4(sky, 1) as N;
  const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 48, 24), mat);
  mesh.scale.setScalar(1500);
  mesh.renderOrder = 10; // after the opaque scene, depth-tested: shaded only where it shows
  mesh.frustumCulled = false;
  return mesh;
}

/** Stars near enough to pass: sprites through the volume around the camera's path. */
function nearStars(count: number, center: THREE.Vector3, size: THREE.Vector3, rng: { next(): number }): { mesh: THREE.InstancedMesh; update(camera: THREE.Camera): void } {
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const d: N = length(uv().sub(0.5)).mul(2);
  const glow: N = pow(float(1).sub(smoothstep(0.0, 1.0, d)), 3).add(float(1).sub(smoothstep(0.0, 0.18, d)));
  const warm: N = step(0.7, hash(instanceIndex.add(3)));
  mat.colorNode = vec4(mix(vec3(0.8, 0.87, 1.0), vec3(1.0, 0.85, 0.68), warm).mul(glow).mul(hash(instanceIndex.add(11)).mul(1.2).add(0.4)), 1) as N;
  const mesh = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), mat, count);
  mesh.frustumCulled = false;
  mesh.renderOrder = 4;
  const at = Array.from({ length: count }, () => new THREE.Vector3(center.x + (rng.next() - 0.5) * size.x, center.y + (rng.next() - 0.5) * size.y, center.z + (rng.next() - 0.5) * size.z));
  const m = new THREE.Matrix4();
  const s = new THREE.Vector3();
  return {
    mesh,
    update(camera) {
      // A star is a point: its sprite keeps about the same size on screen at any distance.
      at.forEach((p, i) => {
        s.setScalar(Math.max(0.05, p.distanceTo(camera.position) * 0.0045));
        m.compose(p, camera.quaternion, s);
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
}

/**
 * Paints `paint(direction)` over a sphere once, into an equirectangular half-float texture (longitude
 * across, latitude up). The planet's fractal noise is a dozen octaves of 3D Perlin noise a pixel:
 * evaluated live it cost about 150 ms a frame at 640x360 on lavapipe; looked up, a texture fetch.
 */
function bakeSphere(renderer: THREE.WebGPURenderer, width: number, height: number, paint: (dir: N) => N): THREE.RenderTarget {
  const rt = new THREE.RenderTarget(width, height, { type: THREE.HalfFloatType, depthBuffer: false, generateMipmaps: false });
  rt.texture.wrapS = THREE.RepeatWrapping;
  rt.texture.minFilter = THREE.LinearFilter;
  rt.texture.magFilter = THREE.LinearFilter;
  const lon: N = uv().x.sub(0.5).mul(2 * Math.PI);
  const lat: N = uv().y.sub(0.5).mul(Math.PI);
  const dir: N = vec3(sin(lon).mul(cos(lat)), sin(lat), cos(lon).mul(cos(lat)));
  const mat = new THREE.MeshBasicNodeMaterial();
  mat.colorNode = paint(dir);
  const quad = new THREE.QuadMesh(mat);
  const previous = renderer.getRenderTarget();
  renderer.setRenderTarget(rt);
  quad.render(renderer);
  renderer.setRenderTarget(previous);
  mat.dispose();
  return rt;
}

/** Where a unit direction falls in a texture made by bakeSphere. */
function sphereUv(p: N): N {
  return vec2(atan(p.x, p.z).div(2 * Math.PI).add(0.5), asin(clamp(p.y, -1, 1)).div(Math.PI).add(0.5));
}

/**
 * A planet: the earth's oceans, continents, ice caps and clouds when its colour is the earth's, otherwise
 * a world of that colour (rock in two tones, no oceans). Lit by the sun from the left.
 */
function planet(renderer: THREE.WebGPURenderer, color: string, targets: THREE.RenderTarget[]): { group: THREE.Group; ground: THREE.Mesh; clouds: THREE.Mesh | null } {
  const earth = color.toLowerCase() === EARTH_BLUE;
  const saturn = color.toLowerCase() === SATURN_GOLD;
  const tint = new THREE.Color(color);
  const group = new THREE.Group();
  // rgb: the ground's colour; a: land not under ice (where towns are); in the second: cloud cover, and
  // how rough the ground is (sea smooth, land and ice rough).
  const surfaceRt = bakeSphere(renderer, 2048, 1024, (p) => {
    const land: N = mx_fractal_noise_float(p.mul(1.7), 6, 2.0, 0.5, 1.0);
    const lat: N = abs(p.y);
    const ice: N = smoothstep(0.8, 0.86, lat.add(land.mul(0.08)));
    if (saturn) {
      // Bands of cloud by latitude, their edges stirred by a little turbulence; paler at the equator,
      // greyer towards the poles.
      const warp: N = mx_fractal_noise_float(p.mul(vec3(2.5, 9, 2.5)), 4, 2.0, 0.5, 1.0).mul(0.035);
      const y: N = p.y.add(warp);
      const band: N = sin(y.mul(38)).mul(0.5).add(sin(y.mul(91).add(1.3)).mul(0.25)).mul(0.5).add(0.5);
      const pale = new THREE.Color('#e8d7ad');
      const deep = new THREE.Color('#b08a55');
      const pole = new THREE.Color('#9ea39a');
      const c: N = mix(vec3(deep.r, deep.g, deep.b), vec3(pale.r, pale.g, pale.b), band);
      return vec4(mix(c, vec3(pole.r, pole.g, pole.b), smoothstep(0.55, 0.95, lat)), 0);
    }
    if (!earth) {
      const rock: N = smoothstep(-0.4, 0.5, land);
      const dark = tint.clone().multiplyScalar(0.35);
      return vec4(mix(mix(vec3(dark.r, dark.g, dark.b), vec3(tint.r, tint.g, tint.b), rock), vec3(0.8, 0.8, 0.82), ice.mul(0.6)), 0);
    }
    const isLand: N = smoothstep(0.0, 0.04, land);
    const dry: N = smoothstep(-0.2, 0.3, mx_fractal_noise_float(p.mul(3.1).add(5.3), 3, 2.0, 0.5, 1.0)).mul(smoothstep(0.6, 0.2, lat));
    const landCol: N = mix(vec3(0.07, 0.16, 0.05), vec3(0.36, 0.28, 0.15), dry);
    const sea: N = mix(vec3(0.01, 0.04, 0.12), vec3(0.03, 0.13, 0.24), smoothstep(-0.16, 0.0, land));
    return vec4(mix(mix(sea, landCol, isLand), vec3(0.85, 0.88, 0.92), ice), isLand.mul(float(1).sub(ice)));
  });
  const auxRt = bakeSphere(renderer, 1024, 512, (p) => {
    const land: N = mx_fractal_noise_float(p.mul(1.7), 6, 2.0, 0.5, 1.0);
    const ice: N = smoothstep(0.8, 0.86, abs(p.y).add(land.mul(0.08)));
    const cover: N = earth ? smoothstep(0.12, 0.55, mx_fractal_noise_float(p.mul(3.4).add(11.3), 5, 2.0, 0.55, 1.0)) : float(0);
    return vec4(cover, max(smoothstep(0.0, 0.04, land), ice), 0, 1);
  });
  targets.push(surfaceRt, auxRt);

  const p: N = normalize(positionLocal);
  const at: N = sphereUv(p);
  const ground: N = texture(surfaceRt.texture, at);
  const surface = new THREE.MeshStandardNodeMaterial({ roughness: 0.85, metalness: 0 });
  surface.colorNode = ground.rgb as N;
  if (earth) {
    surface.roughnessNode = mix(float(0.32), float(0.9), texture(auxRt.texture, at).g) as N;
    // Cities on the night side: specks on the land, where the sun is not.
    const night: N = smoothstep(0.05, -0.15, dot(normalWorld, vec3(SUN_DIR.x, SUN_DIR.y, SUN_DIR.z)));
    const towns: N = step(0.96, mx_cell_noise_float(floor(p.mul(140)))).mul(ground.a);
    surface.emissiveNode = vec3(1.0, 0.7, 0.35).mul(towns).mul(night).mul(0.6) as N;
  }
  const body = new THREE.Mesh(new THREE.SphereGeometry(PLANET_RADIUS, 128, 64), surface);
  group.add(body);

  let clouds: THREE.Mesh | null = null;
  if (earth) {
    // Clouds on their own shell, turning a little faster than the ground.
    const cloudMat = new THREE.MeshStandardNodeMaterial({ transparent: true, depthWrite: false, roughness: 1 });
    cloudMat.colorNode = vec3(1, 1, 1) as N;
    cloudMat.opacityNode = texture(auxRt.texture, sphereUv(normalize(positionLocal))).r.mul(0.85) as N;
    clouds = new THREE.Mesh(new THREE.SphereGeometry(PLANET_RADIUS * 1.008, 96, 48), cloudMat);
    group.add(clouds);
  }

  if (saturn) group.add(saturnRings());

  // The atmosphere: a glow round the limb, strongest on the side facing the sun.
  const airMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const facing: N = abs(dot(normalView, positionViewDirection));
  const limb: N = pow(float(1).sub(facing), 3.5);
  const sunward: N = smoothstep(-0.35, 0.5, dot(normalWorld, vec3(SUN_DIR.x, SUN_DIR.y, SUN_DIR.z)));
  const air = earth ? new THREE.Color(0.35, 0.6, 1.0) : tint.clone().lerp(new THREE.Color(1, 1, 1), 0.4);
  airMat.colorNode = vec3(air.r, air.g, air.b).mul(limb.mul(sunward).mul(2.2)) as N;
  group.add(new THREE.Mesh(new THREE.SphereGeometry(PLANET_RADIUS * 1.035, 96, 48), airMat));
  return { group, ground: body, clouds };
}

/**
 * Saturn's rings in its equatorial plane, 1.24 to 2.27 of its radius: the C ring faint, the B ring bright
 * and dense, the Cassini division a dark gap, the A ring with the Encke gap, fine ringlets over all of it;
 * lit from the sun's side, dark where the planet's shadow falls across them behind it (the planet sits at
 * the world's origin, so its shadow is read in world space, past the group's tilt).
 */
function saturnRings(): THREE.Mesh {
  const inner = 1.24 * PLANET_RADIUS;
  const outer = 2.27 * PLANET_RADIUS;
  const geometry = new THREE.RingGeometry(inner, outer, 256, 1).rotateX(-Math.PI / 2);
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
  const r: N = length(positionLocal.xz).div(PLANET_RADIUS);
  const c: N = smoothstep(1.24, 1.3, r).mul(0.25);
  const b: N = smoothstep(1.52, 1.56, r).mul(float(1).sub(smoothstep(1.92, 1.95, r))).mul(0.9);
  const a: N = smoothstep(2.02, 2.04, r).mul(float(1).sub(smoothstep(2.25, 2.27, r))).mul(0.7).mul(float(1).sub(step(abs(r.sub(2.21)), 0.006)));
  const ringlets: N = sin(r.mul(420)).mul(0.12).add(sin(r.mul(97)).mul(0.1)).add(0.85);
  const density: N = c.add(b).add(a).mul(ringlets).clamp(0, 1);
  // The planet's shadow: behind it (away from the sun), within its radius of the sun's line.
  const sun: N = vec3(SUN_DIR.x, SUN_DIR.y, SUN_DIR.z);
  const pw: N = positionWorld;
  const along: N = dot(pw, sun);
  const across: N = length(pw.sub(sun.mul(along)));
  const lit: N = float(1).sub(step(along, 0).mul(float(1).sub(smoothstep(PLANET_RADIUS * 0.97, PLANET_RADIUS * 1.03, across))));
  const tint = new THREE.Color('#d8c7a4');
  mat.colorNode = vec3(tint.r, tint.g, tint.b).mul(lit.mul(0.95).add(0.05)).mul(1.6) as N;
  mat.opacityNode = density as N;
  return new THREE.Mesh(geometry, mat);
}

export function buildSpace(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.1, 4000);
  const rng = ctx.rng('space');
  const kinds = new Set(plan.subjects.map((s) => s.kind));
  const planetSubject = plan.subjects.find((s) => s.kind === 'planet');
  const targets: THREE.RenderTarget[] = [];
  const colors = lightColors(plan, 3);
  const nebula = kinds.has('nebula') ? bakeSphere(ctx.renderer, 2048, 1024, (p) => nebulaLight(p, colors)) : null;
  if (nebula) targets.push(nebula);
  const dome = spaceDome(nebula?.texture ?? null);
  scene.add(dome);
  const updaters: Array<(t: number, u: number) => void> = [];

  // A planet fills about half the frame's height from 52 units (three quarters after a push in); without one the camera looks
  // into a deep field, 200 units to its target, through the near stars.
  const ringed = planetSubject?.color.toLowerCase() === SATURN_GOLD;
  // Saturn's rings span 4.5 of its radii: framed from further out, and from a little above their plane.
  const framing: Framing = planetSubject ? (ringed ? { target: [0, 0, 0], distance: 92, azimuth: 8, elevation: 20, travel: 20 } : { target: [0, 0, 0], distance: 52, azimuth: 8, elevation: 6, travel: 16 }) : { target: [0, 0, -200], distance: 200, azimuth: 0, elevation: 0, travel: 160 };
  const stars = nearStars(
    Math.round(900 * Math.max(0.3, ctx.detail)),
    new THREE.Vector3(0, 0, planetSubject ? -150 : -100),
    new THREE.Vector3(600, 360, planetSubject ? 500 : 700),
    rng,
  );
  scene.add(stars.mesh);

  if (planetSubject) {
    const world = planet(ctx.renderer, planetSubject.color, targets);
    // Tilted like the earth's axis, turning a degree every two seconds or so: plainly turning over a clip.
    world.group.rotation.z = 0.41;
    scene.add(world.group);
    const sun = new THREE.DirectionalLight(0xfff4e6, 3.2);
    sun.position.copy(SUN_DIR).multiplyScalar(100);
    scene.add(sun, new THREE.AmbientLight(0x8090b0, 0.04));
    const linkSubject = plan.subjects.find((s) => s.kind === 'globe-links');
    if (linkSubject) {
      // On the ground's mesh, so that they turn with the earth.
      const links = createGlobeLinks(() => rng.next(), linkSubject.count, PLANET_RADIUS, new THREE.Color(linkSubject.color));
      world.ground.add(links.group);
      updaters.push((t) => links.update(t));
    }
    const spin = (2 * Math.PI) / 240;
    updaters.push((t) => {
      const a = t * spin;
      world.ground.rotation.y = a;
      if (world.clouds) world.clouds.rotation.y = a * 1.25;
    });
  }

  const hole = plan.subjects.find((s) => s.kind === 'black-hole');
  let holeFraming: Framing | null = null;
  if (hole) {
    // Its shadow 8 units across, the disk's band about 37: the whole of it in a 35 mm frame from 50 units.
    const bh = createBlackHole(ctx.seed, 4, new THREE.Color(hole.color));
    if (planetSubject) bh.group.position.set(-30, 8, -60);
    scene.add(bh.group);
    updaters.push((t) => bh.update(t, camera));
    if (!planetSubject) holeFraming = { target: [0, 0, 0], distance: 50, azimuth: 0, elevation: 0, travel: 12 };
  }
  const eclipse = plan.subjects.find((s) => s.kind === 'eclipse');
  let eclipseFraming: Framing | null = null;
  if (eclipse) {
    // The sun 8 units across, its corona reaching about three radii: all of it from 50 units, pushing in.
    const fx = createEclipse(ctx.seed, 4, new THREE.Color(eclipse.color));
    if (planetSubject || hole) fx.group.position.set(40, 20, -120);
    scene.add(fx.group);
    updaters.push((t, u) => fx.update(t, u, camera));
    if (!planetSubject && !hole) eclipseFraming = { target: [0, 0, 0], distance: 50, azimuth: 0, elevation: 0, travel: 10 };
  }
  let systemFraming: Framing | null = null;
  if (plan.subjects.some((s) => s.kind === 'solar-system')) {
    // The orbits' plane seen from above at a slant, all of Neptune's orbit in the frame; anything else
    // named in space (a nebula, a galaxy) is behind it.
    const system = createSolarSystem(ctx.seed, () => rng.next());
    scene.add(system.group);
    updaters.push((t) => system.update(t, camera));
    systemFraming = { target: [0, 0, 0], distance: system.extent * 2.3, azimuth: 15, elevation: 32, travel: system.extent * 0.35 };
  }
  const spiral = plan.subjects.find((s) => s.kind === 'galaxy');
  let galaxyFraming: Framing | null = null;
  if (spiral) {
    // 160 units across, its disk tilted 43 degrees to the line of sight so the arms read; alone, it fills
    // most of the frame from 250 units; beside a planet or a black hole, far behind it.
    const galaxy = createGalaxy(ctx.seed, 160, new THREE.Color(spiral.color));
    galaxy.group.rotation.set(0.75, 0, -0.35);
    if (planetSubject || hole || eclipse || systemFraming) galaxy.group.position.set(60, 30, -420);
    scene.add(galaxy.group);
    updaters.push((t) => galaxy.update(t, camera));
    if (!planetSubject && !hole && !eclipse && !systemFraming) galaxyFraming = { target: [0, 0, 0], distance: 250, azimuth: 0, elevation: 0, travel: 30 };
  }
  const rocks = plan.subjects.find((s) => s.kind === 'asteroids');
  if (rocks) {
    // Along the camera's way into the deep field (or round the planet's near side), lit by the sun from the side.
    const field = createAsteroids(ctx.seed, () => rng.next(), planetSubject ? Math.ceil(rocks.count / 2) : rocks.count, planetSubject ? 60 : 180);
    // Round a planet, smaller and from just in front of it back past it: the planet stays the subject.
    if (planetSubject) {
      field.group.position.set(0, 0, 22);
      field.group.scale.setScalar(0.45);
    }
    scene.add(field.group);
    updaters.push((t) => field.update(t));
    if (!planetSubject) {
      const sun = new THREE.DirectionalLight(0xfff4e6, 3.2);
      sun.position.copy(SUN_DIR).multiplyScalar(100);
      scene.add(sun, new THREE.AmbientLight(0x8090b0, 0.06));
    }
  }

  const warp = plan.subjects.find((s) => s.kind === 'warp');
  if (warp) {
    // Streaks rushing past the lens at warp speed, white and pale blue with the palette's light colours,
    // in a tunnel that travels with the camera.
    const field: StreakField = { mode: 'warp', span: 140 };
    const fx = createLightStreaks(layStreaks(() => rng.next(), warp.count, field, 1), field, [new THREE.Color('#ffffff'), new THREE.Color('#cfe0ff'), new THREE.Color('#9fc2ff'), ...lightColors(plan, 2)]);
    scene.add(fx.group);
    updaters.push((t) => {
      fx.group.position.copy(camera.position);
      fx.update(t);
    });
  }

  return {
    scene,
    camera,
    framing: systemFraming ?? holeFraming ?? eclipseFraming ?? galaxyFraming ?? framing,
    focusPoint: new THREE.Vector3(...framing.target),
    focalRange: framing.distance * 0.5,
    exposureBias: 0,
    lighting: null,
    groundHeight: () => -1e9,
    update(t, u) {
      // The sky turns very slowly, so that even a locked-off shot is alive.
      dome.rotation.y = t * 0.004;
      dome.position.copy(camera.position);
      stars.update(camera);
      for (const advance of updaters) advance(t, u);
    },
    dispose() {
      disposeScene(scene);
      for (const t of targets) t.dispose();
    },
  };
}
