/**
 * Physics shots: Rapier drives the bodies (see sim/physics.ts); this file draws them (one instanced
 * mesh per shape), stages the set (studio sweep, outdoor ground, or a pool of water for splashes) and
 * turns water impacts into splash droplets and expanding ripples.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { mergeVertices } from 'three/addons/utils/BufferGeometryUtils.js';
import { uniform, vec3, vec2, float, positionWorld, positionGeometry, mix, sin, smoothstep, length, abs, floor, fract, max, mod, select, step } from 'three/tsl';
import { PhysicsSim, type BodyInfo } from '../sim/physics.js';
import { HEAP_BODIES } from '../plan/schema.js';
import { beanPoint } from '../sim/bean.js';
import { PIN_HEIGHT, PIN_PROFILE, POOL_BED } from '../sim/structures.js';
import type { Framing } from '../sim/camera.js';
import { type BuildContext, type Shot, makeMaterial, paletteColor, disposeScene, lightingFor, addLights, createSky, addFog, softwareShadows, roughMaterial, perInstanceColour } from './common.mjs';
import { requestEnvironment, useStudioEnvironment, skyEnvironment } from './environment.mjs';
import { studioSweep } from './product.mjs';
import { createParticleLayer } from './particles.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export async function buildPhysicsShot(ctx: BuildContext): Promise<Shot> {
  const { plan } = ctx;
  const simDuration = ctx.duration * plan.motion.speed;
  const sim = await PhysicsSim.create({ events: plan.physics.events, gravity: plan.physics.gravity, seed: ctx.seed, simDuration });
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.05, 3000);
  const outdoor = plan.setting !== 'studio' && plan.setting !== 'void';
  const L = lightingFor(plan);
  const floorY = sim.floorY;
  const updaters: Array<(t: number) => void> = [];

  if (outdoor) {
    const sky = createSky(ctx, L);
    scene.add(sky.mesh);
    updaters.push((t) => {
      sky.time.value = t;
      sky.follow(camera);
    });
    requestEnvironment(scene, () => skyEnvironment(ctx, L));
    const groundColor = plan.setting === 'desert' ? '#c9a06c' : plan.setting === 'meadow' ? '#5d7a3a' : '#55585c';
    const ground = new THREE.Mesh(new THREE.CircleGeometry(400, 64), roughMaterial(ctx, { color: new THREE.Color(groundColor), roughness: 0.9 }));
    ground.rotation.x = -Math.PI / 2;
    ground.position.y = floorY;
    ground.receiveShadow = true;
    scene.add(ground);
    addLights(scene, ctx, L, new THREE.Vector3(0, floorY, 0), sim.focus.radius * 2 + 4);
    addFog(scene, plan, L, 3);
  } else {
    // Pearls are shot on a dark ground (velvet), where their lustre shows; on the light sweep they read as white balls.
    const pearls = plan.physics.events.some((e) => e.body === 'pearls');
    // Bowling is a lit lane in a dark hall; pool a table under its lamp in a dark room.
    const bowling = plan.physics.events.some((e) => e.body === 'pins');
    const pool = plan.physics.events.some((e) => e.body === 'billiards');
    // Glass is shot against the dark, where its edges and highlights show (on the light sweep a pane was a
    // white card).
    const glassShot = plan.physics.events.some((e) => e.body === 'glass');
    const backdrop = paletteColor(plan, 4).lerp(new THREE.Color('#cfccc6'), 0.6).multiplyScalar(pearls || glassShot ? 0.08 : bowling || pool ? 0.12 : 0.7);
    scene.background = backdrop.clone().multiplyScalar(0.25);
    // Wide and deep enough that an orbiting camera never sees past its edges.
    const sweep = studioSweep(ctx, backdrop, paletteColor(plan, 0), { width: 240, radius: 12, floorLen: 90 });
    sweep.position.set(0, floorY, -10);
    scene.add(sweep);
    useStudioEnvironment(scene, paletteColor(plan, 0));
    const key = new THREE.DirectionalLight(new THREE.Color('#fff3e6'), 2.8);
    key.position.set(-8, 14, 9);
    key.castShadow = true;
    const r = sim.focus.radius + 3;
    key.shadow.mapSize.set(ctx.software ? 1024 : 2048, ctx.software ? 1024 : 2048);
    Object.assign(key.shadow.camera, { left: -r, right: r, top: r, bottom: -r, near: 1, far: 60 });
    key.shadow.radius = 4;
    key.shadow.bias = -0.0004;
    softwareShadows(ctx, key);
    const rim = new THREE.DirectionalLight(0xffffff, 1.8);
    rim.position.set(4, 6, -10);
    scene.add(key, rim, new THREE.HemisphereLight(0xffffff, backdrop, 0.45));
    if (bowling) scene.add(bowlingLane(floorY));
    if (pool) scene.add(poolTable(floorY, new THREE.Color(plan.subjects[0]?.color ?? '#1d6b3c')));
  }

  // ---------------------------------------------------------------- water for splashes
  let splash: ReturnType<typeof createParticleLayer> | null = null;
  if (sim.waterLevel !== null) {
    const level = sim.waterLevel;
    const poolMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#dfe4e8'), roughness: 0.6 });
    const pool = new THREE.Group();
    const floor = new THREE.Mesh(new THREE.BoxGeometry(8.8, 0.2, 8.8), poolMat);
    // Its top 2 cm above the studio floor: level with it, the two fought in the depth buffer and the
    // pool's floor showed through the water as a patchwork of sweep-grey blocks.
    floor.position.y = floorY - 0.08;
    pool.add(floor);
    for (const [x, z, w, d] of [[4.3, 0, 0.4, 8.8], [-4.3, 0, 0.4, 8.8], [0, 4.3, 8.8, 0.4], [0, -4.3, 8.8, 0.4]] as const) {
      const wall = new THREE.Mesh(new THREE.BoxGeometry(w, 2.4, d), poolMat);
      wall.position.set(x, floorY + 1.2, z);
      wall.castShadow = wall.receiveShadow = true;
      pool.add(wall);
    }
    scene.add(pool);
    // Ripples: rings expanding from each impact, summed in the water's colour and normal-ish shading.
    const maxRipples = 12;
    const ripples = Array.from({ length: maxRipples }, () => ({ pos: uniform(new THREE.Vector2(0, 0)), start: uniform(-100), amp: uniform(0) }));
    let rip: N = float(0);
    for (const r of ripples) {
      const d: N = length(positionWorld.xz.sub(r.pos));
      const age: N = time.sub(r.start);
      const front: N = age.mul(1.6);
      const ring: N = smoothstep(0.25, 0.0, abs(d.sub(front))).mul(sin(d.sub(front).mul(18)).mul(0.5).add(0.5));
      rip = rip.add(ring.mul(r.amp).mul(smoothstep(2.5, 0.0, age)).mul(smoothstep(0.0, 0.05, age)));
    }
    const water = new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#2a7f9e'), roughness: 0.05, transparent: true, opacity: 0.78, clearcoat: 1 });
    water.colorNode = vec3(0.05, 0.32, 0.42).add(vec3(rip.mul(0.5))) as N;
    const surface = new THREE.Mesh(new THREE.PlaneGeometry(8.2, 8.2), water);
    surface.rotation.x = -Math.PI / 2;
    surface.position.y = level;
    scene.add(surface);
    splash = createParticleLayer(ctx, 'sparks', 1, { center: [0, level + 3, 0], size: [12, 6.2, 12] }, L, 0.8);
    scene.add(splash.mesh);
    let seen = 0;
    let next = 0;
    updaters.push(() => {
      while (seen < sim.impacts.length) {
        const im = sim.impacts[seen++]!;
        splash!.system.burst(im.at, im.position, Math.min(1.5, im.speed / 6));
        const r = ripples[next++ % maxRipples]!;
        r.pos.value.set(im.position[0], im.position[2]);
        r.start.value = im.at;
        r.amp.value = Math.min(1, im.speed / 5);
      }
    });
  }

  // ---------------------------------------------------------------- bodies
  const withShape = (shape: BodyInfo['shape']) => sim.bodies.map((b, i) => ({ b, i })).filter((x) => x.b.shape === shape && !x.b.projectile);
  const balls = withShape('ball');
  const pins = withShape('pin');
  const projectiles = sim.bodies.map((b, i) => ({ b, i })).filter((x) => x.b.projectile);
  const boxes = withShape('box');
  const beans = withShape('bean');
  const coins = withShape('coin');
  const bodyMaterial = plan.physics.events[0]?.material ?? 'plastic';
  const subjectColour = new THREE.Color(plan.subjects.find((x) => x.kind === plan.physics.events[0]?.body)?.color ?? '#ffffff');
  // Gold coins are the gold material's own colour; others (silver, copper) the colour named.
  const coinColour = bodyMaterial === 'gold' ? new THREE.Color('#ffffff') : new THREE.Color(plan.subjects.find((x) => x.kind === 'coins')?.color ?? '#c9ccd1');
  const meshes: Array<{ mesh: THREE.InstancedMesh; items: Item[] }> = [];
  type Item = (typeof balls)[number];
  const bodyColour = (it: Item, k: number): THREE.Color =>
    it.b.body === 'dominoes' ? (k % 2 ? new THREE.Color('#f4f1ea') : paletteColor(plan, 0))
    : it.b.body === 'beans' ? roastColour(it.b.index)
    : it.b.body === 'coins' ? coinColour
    : it.b.body === 'pearls' ? pearlColour(it.b.index)
    : it.b.body === 'bricks' || it.b.body === 'blocks' ? pieceShade(subjectColour, it.b.index, it.b.body === 'bricks' ? 0.22 : 0.12)
    : it.b.body === 'pins' ? subjectColour
    : it.b.body === 'billiards' ? new THREE.Color(POOL_COLOURS[it.b.index % 8]!)
    : paletteColor(plan, it.b.index + it.b.event);
  const white = () => new THREE.Color(1, 1, 1);
  const eventMaterial = () => {
    const mat = makeMaterial(bodyMaterial, new THREE.Color('#ffffff'));
    // Small glass bodies (marbles) at the product glass's opacity all but vanish on a light sweep.
    if (bodyMaterial === 'glass') mat.opacity = 0.82;
    return mat;
  };
  /**
   * One instanced mesh for `items`: the event's material unless the bodies have their own, each instance
   * in its body's colour (white where the material carries the colours itself).
   */
  const makeMesh = (geo: THREE.BufferGeometry, items: Item[], material?: THREE.Material, colour: (it: Item, k: number) => THREE.Color = bodyColour) => {
    if (!items.length) return;
    const mesh = new THREE.InstancedMesh(geo, material ?? eventMaterial(), items.length);
    items.forEach((it, k) => mesh.setColorAt(k, colour(it, k)));
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    mesh.frustumCulled = false;
    scene.add(mesh);
    meshes.push({ mesh, items });
  };
  // Pool balls: the solids (1 to 8) in their colours, the stripes (9 to 15) white with a band of them.
  const poolBalls = balls.filter((b) => b.b.body === 'billiards');
  // A pearl's lustre: thin-film iridescence over the clear coat.
  const pearly = balls.some((b) => b.b.body === 'pearls') ? Object.assign(eventMaterial(), { iridescence: 0.8, iridescenceIOR: 1.6 }) : undefined;
  makeMesh(new THREE.SphereGeometry(1, 32, 16), poolBalls.length ? poolBalls.filter((b) => b.b.index < 8) : balls, pearly);
  if (poolBalls.length) {
    const stripes = poolBalls.filter((b) => b.b.index >= 8);
    const mat = new THREE.MeshPhysicalNodeMaterial({ roughness: 0.2, clearcoat: 1, clearcoatRoughness: 0.05 });
    mat.colorNode = mix(vec3(0.95, 0.94, 0.9), perInstanceColour(stripes.map((b) => new THREE.Color(POOL_COLOURS[b.b.index % 8]!))), smoothstep(0.56, 0.5, abs(positionGeometry.y)));
    makeMesh(new THREE.SphereGeometry(1, 32, 16), stripes, mat, white);
  }
  makeMesh(new RoundedBoxGeometry(2, 2, 2, 3, 0.08), boxes, ...boxLook(boxes.map((b) => b.b.body)));
  // Coins: a raised rim round each face.
  makeMesh(coinGeometry(), coins);
  // A roast's oily sheen rather than the event material's (the crease's darkness is in the vertex colours).
  if (beans.length) makeMesh(beanGeometry(), beans, new THREE.MeshStandardNodeMaterial({ roughness: 0.5, metalness: 0, vertexColors: true }));
  if (pins.length) {
    // A pin's lacquer: white with two red neck stripes, under a clear coat.
    const lacquer = new THREE.MeshPhysicalNodeMaterial({ roughness: 0.3, clearcoat: 1, clearcoatRoughness: 0.08 });
    lacquer.colorNode = pinColour();
    makeMesh(pinGeometry(), pins, lacquer);
  }
  // The ball thrown at a structure: a cue ball's white, a bowling ball's deep glossy colour, a wrecking ball's dark steel.
  if (projectiles.length) {
    makeMesh(
      new THREE.SphereGeometry(1, 40, 20),
      projectiles,
      poolBalls.length
      ? new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#f4f1e8'), roughness: 0.2, clearcoat: 1, clearcoatRoughness: 0.05 })
        : pins.length
          ? new THREE.MeshPhysicalNodeMaterial({ color: paletteColor(plan, 1).multiplyScalar(0.55), roughness: 0.18, clearcoat: 1, clearcoatRoughness: 0.05 })
          : new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#3a3c40'), metalness: 1, roughness: 0.45 }),
      white,
    );
  }
  /** The boxes' own material and colours, where their bodies have them (else the event's, in body colours). */
  function boxLook(bodies: BodyInfo['body'][]): [THREE.Material?, ((it: Item, k: number) => THREE.Color)?] {
    // Bricks and blocks in their own shades (instance colours): fired clay, rough; planed wood with a satin finish.
    if (bodies.includes('bricks') || bodies.includes('blocks')) return [new THREE.MeshStandardNodeMaterial({ roughness: bodies.includes('bricks') ? 0.92 : 0.55, metalness: 0 })];
    // Crates get a darker edge so a stack reads as separate boxes.
    if (bodies.includes('crates')) return [makeMaterial('wood', paletteColor(plan, 0).lerp(new THREE.Color('#b07f4f'), 0.7))];
    // Dice: the die's colour with its pips (black, or white on a dark die), under a clear coat.
    if (bodies.includes('dice')) {
      const die = new THREE.Color(plan.subjects.find((x) => x.kind === 'dice')?.color ?? '#f4f2ec');
      const pip = die.getHSL({ h: 0, s: 0, l: 0 }).l > 0.5 ? new THREE.Color('#121212') : new THREE.Color('#f4f2ec');
      const mat = new THREE.MeshPhysicalNodeMaterial({ roughness: 0.25, clearcoat: 0.8, clearcoatRoughness: 0.1 });
      mat.colorNode = mix(vec3(die.r, die.g, die.b), vec3(pip.r, pip.g, pip.b), dicePips());
      return [mat, white];
    }
    return [];
  }
  // Shards of a pane: one mesh whose vertices are moved to each shard's pose every frame (every shard has
  // its own outline, so they cannot share an instanced geometry). Faces nearly clear, edges the green of
  // float glass seen end on.
  const shards = withShape('shard');
  if (shards.length) {
    const glass = shardMesh(shards.map((s) => ({ outline: s.b.outline!, half: s.b.half[2] })));
    scene.add(glass.mesh);
    updaters.push((simT) => glass.update((k, p, q) => sim.pose(shards[k]!.i, simT, p, q)));
    scene.add(windowFrame(sim.walls));
  }
  // A wrecking ball's cable, from its pivot (above the frame) to the top of the ball.
  const cables = sim.cables.map((c) => {
    const mesh = new THREE.Mesh(new THREE.CylinderGeometry(0.025, 0.025, 1, 8).translate(0, 0.5, 0), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#25272a'), metalness: 0.8, roughness: 0.5 }));
    mesh.castShadow = true;
    scene.add(mesh);
    return { ...c, mesh };
  });
  const up = new THREE.Vector3(0, 1, 0);
  const toPivot = new THREE.Vector3();
  const pivotAt = new THREE.Vector3();

  const m4 = new THREE.Matrix4();
  const pos = new THREE.Vector3();
  const quat = new THREE.Quaternion();
  const scl = new THREE.Vector3();
  const zero = new THREE.Matrix4().makeScale(0, 0, 0);
  const c = sim.focus.center;
  const rad = sim.focus.radius;
  // A heap of beans, coins or pearls is a close-up product shot, looking a little down on it: a wide framing
  // made them specks, and a level one cut the heap off at the bottom of the frame.
  const closeUp = sim.bodies.some((b) => HEAP_BODIES.includes(b.body));
  const structure = sim.focus.azimuth !== undefined;
  // Thrown dice are shot close, looking down on where they come to rest.
  const dice = sim.bodies.length > 0 && sim.bodies.every((b) => b.body === 'dice');
  // One body dropped or bounced ("a red ball bouncing") is framed from its drop height to the floor.
  const single = sim.bodies.length === 1 && sim.waterLevel === null;
  const narrow = Math.max(1, ctx.height / ctx.width);
  const framing: Framing = {
    target: dice ? [0.3, floorY + 0.15, 0] : single ? [0, floorY + 1.1, 0] : closeUp || structure ? (structure ? c : [c[0], floorY + 0.45, c[2]]) : [c[0], c[1] + rad * 0.15, c[2]],
    // A structure's radius already frames it (sim/structures.ts), at a 50 mm lens's 27 degrees; loose bodies
    // scatter beyond theirs.
    // In a vertical frame (three's film gauge then spans its height) the lens sees less across: bodies
    // scattered over the floor and a domino chain are held by backing off in proportion; a structure,
    // as tall as it is wide, only by the square root of it.
    distance: (dice ? 3.4 : single ? 6.5 : closeUp ? rad * 1.5 + 1.8 : structure ? rad * 2.6 + 1 : rad * 2.4 + 4) * (structure || single ? Math.sqrt(narrow) : narrow),
    azimuth: sim.focus.azimuth ?? (plan.physics.events[0]?.kind === 'dominoes' ? 35 : 20),
    elevation: sim.focus.elevation ?? (dice ? 30 : sim.waterLevel !== null ? 28 : closeUp ? 24 : single ? 6 : 18),
    minHeight: floorY + 0.4,
  };
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(...c),
    focalRange: rad * 1.2,
    exposureBias: outdoor ? L.exposure : 0.1,
    lighting: outdoor ? L : null,
    groundHeight: () => floorY,
    particleScale: 0.5,
    update(simT) {
      time.value = simT;
      sim.advanceTo(simT);
      for (const { mesh, items } of meshes) {
        items.forEach((it, k) => {
          if (!sim.isVisible(it.i, simT)) {
            mesh.setMatrixAt(k, zero);
            return;
          }
          sim.pose(it.i, simT, pos, quat);
          const h = it.b.half;
          scl.set(h[0], h[1], h[2]);
          m4.compose(pos, quat, scl);
          mesh.setMatrixAt(k, m4);
        });
        mesh.instanceMatrix.needsUpdate = true;
      }
      for (const c of cables) {
        sim.pose(c.body, simT, pos, quat);
        pivotAt.set(...c.pivot);
        toPivot.subVectors(pivotAt, pos);
        const len = toPivot.length();
        c.mesh.position.copy(pos);
        c.mesh.quaternion.setFromUnitVectors(up, toPivot.divideScalar(len));
        c.mesh.scale.set(1, len, 1);
      }
      for (const u of updaters) u(simT);
      if (splash) splash.update(simT, camera, 1 / 48);
    },
    dispose() {
      sim.dispose();
      disposeScene(scene);
    },
  };
}

/** Roasted coffee browns, a bean's own by its index (a roast is never quite even). */
const ROASTS = ['#3d2415', '#4b2c18', '#5a361d', '#442817', '#6a4023'];
function roastColour(index: number): THREE.Color {
  return new THREE.Color(ROASTS[(index * 7 + (index >> 2)) % ROASTS.length]!);
}

/** The bean of sim/bean.ts as a mesh: a sphere moved onto its surface, the crease darkened. */
function beanGeometry(): THREE.BufferGeometry {
  const sphere = new THREE.SphereGeometry(1, 40, 28);
  sphere.deleteAttribute('uv');
  sphere.deleteAttribute('normal');
  const g = mergeVertices(sphere);
  const pos = g.getAttribute('position') as THREE.BufferAttribute;
  const colour = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const { p, crease } = beanPoint(pos.getX(i), pos.getY(i), pos.getZ(i));
    pos.setXYZ(i, p[0], p[1], p[2]);
    const shade = 1 - 0.75 * crease;
    colour.set([shade, shade, shade], i * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colour, 3));
  g.computeVertexNormals();
  return g;
}

/** A unit coin (radius 1, faces at y = +-1; scaled by its body's [r, half thickness, r]) with a raised rim. */
function coinGeometry(): THREE.BufferGeometry {
  const profile: Array<[number, number]> = [[0, -0.75], [0.86, -0.75], [0.9, -1], [1, -1], [1, 1], [0.9, 1], [0.86, 0.75], [0, 0.75]];
  return new THREE.LatheGeometry(profile.map(([r, y]) => new THREE.Vector2(r, y)), 48);
}

/** Pearls: white with a faint warm or cool cast, each its own. */
const PEARLS = ['#f4efe6', '#efe8df', '#f3eef0', '#ece9e2', '#f6f1e8'];
function pearlColour(index: number): THREE.Color {
  return new THREE.Color(PEARLS[(index * 3 + (index >> 1)) % PEARLS.length]!);
}

/** A brick's or block's shade: the body's colour, lighter or darker by up to `spread`, each its own. */
function pieceShade(base: THREE.Color, index: number, spread: number): THREE.Color {
  const h = Math.sin(index * 12.9898 + 4.1414) * 43758.5453;
  const u = h - Math.floor(h);
  return base.clone().multiplyScalar(1 + (u - 0.5) * 2 * spread);
}

/** A tenpin: PIN_PROFILE smoothed and turned on a lathe. */
function pinGeometry(): THREE.BufferGeometry {
  const outline = new THREE.SplineCurve(PIN_PROFILE.map(([r, y]) => new THREE.Vector2(r, y))).getPoints(64);
  return new THREE.LatheGeometry(outline, 32);
}

/** White with two red stripes round the neck (at about 60% and 66% of the height), in the pin's own frame. */
function pinColour(): N {
  const y: N = positionGeometry.y.div(PIN_HEIGHT);
  const band = (a: number, b: number): N => smoothstep(a - 0.004, a + 0.004, y).mul(smoothstep(b + 0.004, b - 0.004, y));
  return mix(vec3(1, 1, 1), vec3(0.58, 0.01, 0.03), band(0.585, 0.615).add(band(0.645, 0.675)));
}

/**
 * A bowling lane under the pins (which stand on its far end, the bowler on +Z): maple boards about 4 cm
 * wide (at the scene's 1.6 scale), each its own shade, with a lane's oiled gloss, and a dark gutter each side.
 */
function bowlingLane(floorY: number): THREE.Group {
  const width = 1.066 * 1.6;
  const [near, far] = [14, -2.4];
  const group = new THREE.Group();
  const boards = new THREE.MeshStandardNodeMaterial({ roughness: 0.45, metalness: 0 });
  const u: N = positionWorld.x.div(width / 39).add(0.5);
  const tint: N = fract(sin(floor(u).mul(12.9898)).mul(43758.5453));
  // Seams only darken a little: 4 cm boards are a few pixels wide in a wide shot, and dark lines would shimmer.
  const seam: N = smoothstep(0, 0.08, fract(u)).mul(smoothstep(1, 0.92, fract(u))).mul(0.12).add(0.88);
  boards.colorNode = vec3(0.36, 0.19, 0.08).mul(tint.mul(0.16).add(0.92)).mul(seam);
  const lane = new THREE.Mesh(new THREE.PlaneGeometry(width, near - far), boards);
  lane.rotation.x = -Math.PI / 2;
  // 2 mm above the floor the pins stand on: level with it, the two fight in the depth buffer.
  lane.position.set(0, floorY + 0.002, (near + far) / 2);
  lane.receiveShadow = true;
  group.add(lane);
  const gutterMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#1b1c1f'), roughness: 0.4, metalness: 0.3 });
  for (const side of [-1, 1]) {
    const gutter = new THREE.Mesh(new THREE.PlaneGeometry(0.37, near - far), gutterMat);
    gutter.rotation.x = -Math.PI / 2;
    gutter.position.set(side * (width / 2 + 0.185), floorY + 0.002, (near + far) / 2);
    gutter.receiveShadow = true;
    group.add(gutter);
  }
  return group;
}

/** Pool balls 1 to 8 (the stripes 9 to 15 take 1 to 7): yellow, blue, red, purple, orange, green, maroon, black. */
const POOL_COLOURS = ['#f2c21b', '#1f4fb5', '#c8202a', '#4b2a8a', '#e8641c', '#1d7a3a', '#7a1f1f', '#141414'];

/**
 * A pool table round the bed the balls roll on (sim/structures.ts POOL_BED; its cushions are the
 * simulation's walls): the cloth in the subject's colour, cushions of the same cloth, a wooden rail with
 * the six pockets as dark mouths at its corners and sides.
 */
function poolTable(floorY: number, cloth: THREE.Color): THREE.Group {
  const { length, width } = POOL_BED;
  const group = new THREE.Group();
  const felt = new THREE.MeshStandardNodeMaterial({ color: cloth, roughness: 0.95, metalness: 0 });
  const bed = new THREE.Mesh(new THREE.PlaneGeometry(width + 0.3, length + 0.3), felt);
  bed.rotation.x = -Math.PI / 2;
  bed.position.y = floorY + 0.002;
  bed.receiveShadow = true;
  group.add(bed);
  const rail = 0.125;
  const h = 0.093;
  const wood = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#4a2614'), roughness: 0.45, metalness: 0 });
  for (const [w, d, x, z] of [[rail * 2, length + rail * 4, -(width / 2 + rail * 2), 0], [rail * 2, length + rail * 4, width / 2 + rail * 2, 0], [width + rail * 6, rail * 2, 0, -(length / 2 + rail * 2)], [width + rail * 6, rail * 2, 0, length / 2 + rail * 2]] as const) {
    const cushion = new THREE.Mesh(new THREE.BoxGeometry(w === rail * 2 ? rail : w - rail * 4, h * 2, d === rail * 2 ? rail : d - rail * 4), felt);
    cushion.position.set(x === 0 ? 0 : Math.sign(x) * (width / 2 + rail / 2), floorY + h, z === 0 ? 0 : Math.sign(z) * (length / 2 + rail / 2));
    cushion.castShadow = cushion.receiveShadow = true;
    group.add(cushion);
    const top = new THREE.Mesh(new THREE.BoxGeometry(w, h * 2.4, d), wood);
    top.position.set(x, floorY + h * 1.2, z);
    top.castShadow = top.receiveShadow = true;
    group.add(top);
  }
  const mouth = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#050505') });
  for (const [x, z] of [[-1, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [1, 1]] as const) {
    const pocket = new THREE.Mesh(new THREE.CircleGeometry(0.15, 24), mouth);
    pocket.rotation.x = -Math.PI / 2;
    pocket.position.set(x * (width / 2 + 0.06), floorY + h * 2.4 + 0.004, z * (length / 2 + 0.06));
    group.add(pocket);
  }
  return group;
}

/**
 * A die's pips as a mask (1 on a pip), from the unit cube's own position (positionGeometry, -1 to 1 a side):
 * 1 on top (+y) and 6 below, 2 and 5 on +x and -x, 3 and 4 on +z and -z (opposite faces sum to seven).
 * Each face's pips are picked from seven places: the centre (odd faces), one diagonal pair (2 and up), the
 * other (4 and up), and the middle pair of the sides (6).
 */
function dicePips(): N {
  const p: N = positionGeometry;
  const [ax, ay, az]: N[] = [abs(p.x), abs(p.y), abs(p.z)];
  const onY: N = ay.greaterThanEqual(ax).and(ay.greaterThanEqual(az));
  const onX: N = ax.greaterThan(ay).and(ax.greaterThanEqual(az));
  const value: N = select(onY, select(p.y.greaterThan(0), float(1), float(6)), select(onX, select(p.x.greaterThan(0), float(2), float(5)), select(p.z.greaterThan(0), float(3), float(4))));
  const face: N = select(onY, vec2(p.x, p.z), select(onX, vec2(p.y, p.z), vec2(p.x, p.y)));
  const pip = (x: number, y: number): N => smoothstep(0.19, 0.15, length(face.sub(vec2(x, y))));
  const centre: N = pip(0, 0).mul(step(0.5, mod(value, 2)));
  const first: N = max(pip(-0.5, -0.5), pip(0.5, 0.5)).mul(step(1.5, value));
  const second: N = max(pip(-0.5, 0.5), pip(0.5, -0.5)).mul(step(3.5, value));
  const middle: N = max(pip(-0.5, 0), pip(0.5, 0)).mul(step(5.5, value));
  return max(max(centre, first), max(second, middle));
}

/**
 * Shards as one non-indexed mesh: each shard's faces (front, back, edges) built once about its centroid,
 * then placed every frame by its pose (position and normals rotated on the CPU: a few thousand vertices).
 */
function shardMesh(shards: Array<{ outline: Array<[number, number]>; half: number }>): { mesh: THREE.Mesh; update(poseOf: (k: number, p: THREE.Vector3, q: THREE.Quaternion) => void): void } {
  const local: number[] = [];
  const localN: number[] = [];
  const colours: number[] = [];
  const ranges: Array<[number, number]> = [];
  const face = new THREE.Color('#cfe6df');
  const edge = new THREE.Color('#a8e0cc');
  const push = (p: [number, number, number], n: [number, number, number], c: THREE.Color) => {
    local.push(...p);
    localN.push(...n);
    colours.push(c.r, c.g, c.b);
  };
  for (const { outline, half } of shards) {
    const start = local.length / 3;
    for (let i = 1; i + 1 < outline.length; i++) {
      const [a, b, c] = [outline[0]!, outline[i]!, outline[i + 1]!];
      push([a[0], a[1], half], [0, 0, 1], face);
      push([b[0], b[1], half], [0, 0, 1], face);
      push([c[0], c[1], half], [0, 0, 1], face);
      push([a[0], a[1], -half], [0, 0, -1], face);
      push([c[0], c[1], -half], [0, 0, -1], face);
      push([b[0], b[1], -half], [0, 0, -1], face);
    }
    for (let i = 0; i < outline.length; i++) {
      const a = outline[i]!;
      const b = outline[(i + 1) % outline.length]!;
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
      const n: [number, number, number] = [(b[1] - a[1]) / len, -(b[0] - a[0]) / len, 0];
      push([a[0], a[1], -half], n, edge);
      push([b[0], b[1], -half], n, edge);
      push([b[0], b[1], half], n, edge);
      push([a[0], a[1], -half], n, edge);
      push([b[0], b[1], half], n, edge);
      push([a[0], a[1], half], n, edge);
    }
    ranges.push([start, local.length / 3]);
  }
  const geometry = new THREE.BufferGeometry();
  const position = new THREE.Float32BufferAttribute(new Float32Array(local.length), 3);
  const normal = new THREE.Float32BufferAttribute(new Float32Array(localN.length), 3);
  geometry.setAttribute('position', position);
  geometry.setAttribute('normal', normal);
  geometry.setAttribute('color', new THREE.Float32BufferAttribute(colours, 3));
  const mat = new THREE.MeshPhysicalNodeMaterial({ vertexColors: true, roughness: 0.04, metalness: 0, transparent: true, opacity: 0.2, side: THREE.DoubleSide, clearcoat: 1, clearcoatRoughness: 0.02, depthWrite: false });
  const mesh = new THREE.Mesh(geometry, mat);
  mesh.frustumCulled = false;
  mesh.castShadow = false;
  mesh.renderOrder = 5;
  const p = new THREE.Vector3();
  const q = new THREE.Quaternion();
  const v = new THREE.Vector3();
  return {
    mesh,
    update(poseOf) {
      const pa = position.array as Float32Array;
      const na = normal.array as Float32Array;
      ranges.forEach(([a, b], k) => {
        poseOf(k, p, q);
        for (let i = a; i < b; i++) {
          v.set(local[i * 3]!, local[i * 3 + 1]!, local[i * 3 + 2]!).applyQuaternion(q).add(p);
          pa[i * 3] = v.x;
          pa[i * 3 + 1] = v.y;
          pa[i * 3 + 2] = v.z;
          v.set(localN[i * 3]!, localN[i * 3 + 1]!, localN[i * 3 + 2]!).applyQuaternion(q);
          na[i * 3] = v.x;
          na[i * 3 + 1] = v.y;
          na[i * 3 + 2] = v.z;
        }
      });
      position.needsUpdate = true;
      normal.needsUpdate = true;
    },
  };
}

/** The window frame round a pane: its walls drawn as painted timber. */
function windowFrame(walls: Array<{ half: [number, number, number]; position: [number, number, number] }>): THREE.Group {
  const group = new THREE.Group();
  const mat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#2b2e33'), roughness: 0.6 });
  for (const w of walls) {
    const mesh = new THREE.Mesh(new THREE.BoxGeometry(w.half[0] * 2, w.half[1] * 2, w.half[2] * 2), mat);
    mesh.position.set(...w.position);
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    group.add(mesh);
  }
  return group;
}
