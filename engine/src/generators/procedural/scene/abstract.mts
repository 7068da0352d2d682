/**
 * Abstract motion backgrounds: flowing colour gradients, floating geometric shapes, tunnels of rings,
 * a wave grid of blocks, glowing ribbons. Every periodic motion completes a whole number of cycles over
 * the clip, so a clip with a static camera loops seamlessly when an editor repeats it.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import {
  uniform,
  vec2,
  vec3,
  vec4,
  float,
  positionLocal,
  normalize,
  texture,
  mix,
  smoothstep,
  sin,
  cos,
  uv,
  abs,
  instanceIndex,
  hash,
} from 'three/tsl';
import type { Framing } from '../sim/camera.js';
import { createSmoke } from './steam.mjs';
import { createInk } from './ink.mjs';
import { createFlames } from './flames.mjs';
import { createHelix } from './helix.mjs';
import { createNetwork } from './network.mjs';
import { createHexagons } from './hexagons.mjs';
import { createSparklers } from './sparklers.mjs';
import { createGears } from './gears.mjs';
import { createChart } from './chart.mjs';
import { createHeartbeat } from './heartbeat.mjs';
import { createEqualizer } from './equalizer.mjs';
import { createCircuit } from './circuit.mjs';
import { createHud } from './hud.mjs';
import { createPowder } from './powder.mjs';
import { createLensFlare, createLightLeaks } from './overlays.mjs';
import { createFilmDamage } from './film-damage.mjs';
import { createAtom, createMolecules } from './molecules.mjs';
import { createVessel } from './blood.mjs';
import { createGlitch, createKaleidoscope } from './patterns.mjs';
import { TREE_HEIGHT, createChristmasTree } from './christmas-tree.mjs';
import { createCodeRain } from './code-rain.mjs';
import { BALLOON_HEIGHT, clearSkyDome, createPartyBalloons } from './party-balloons.mjs';
import { createStageLights } from './stage-lights.mjs';
import { createDiscoBall } from './disco-ball.mjs';
import { createLightStreaks, layStreaks, type StreakField } from './light-streaks.mjs';
import { type BuildContext, type Shot, viewHalfSlope, makeMaterial, noiseTexture, paletteColor, lightColors, isLightColour, disposeScene, softwareShadows } from './common.mjs';
import { useStudioEnvironment } from './environment.mjs';
import { OVERLAY_KINDS } from '../plan/schema.js';
import { createTvStatic } from './tv-static.mjs';
import { createNeurons } from './neurons.mjs';
import { createCells } from './microscope.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A slowly flowing gradient of the palette on a dome around the camera. */
export function gradientDome(ctx: BuildContext, time: N, brightness = 1): THREE.Mesh {
  const plan = ctx.plan;
  const tex = noiseTexture(ctx.seed, 256, 4, 4);
  const dir: N = normalize(positionLocal);
  const loop = (2 * Math.PI) / Math.max(ctx.duration, 0.5);
  const p: N = vec2(dir.x.mul(0.6).add(dir.z.mul(0.2)), dir.y.mul(0.8)).mul(0.5);
  const warp: N = texture(tex, p.add(vec2(sin(time.mul(loop)).mul(0.08), cos(time.mul(loop)).mul(0.06)))).r;
  const k: N = smoothstep(0.25, 0.75, texture(tex, p.mul(0.7).add(vec2(warp.mul(0.6), warp.mul(0.3)))).g);
  // Rich, not muddy: the two lead colours at full saturation over a deep version of the third. A white
  // field stays high key: its greys are faint shading on white, not a dark ground.
  const white = plan.palette.name === 'white';
  // (Past the tone curve's shoulder: white at 1.0 came out light grey.)
  const c0 = paletteColor(plan, 0).multiplyScalar((white ? 2.2 : 0.9) * brightness);
  const c1 = paletteColor(plan, 1).multiplyScalar((white ? 2.0 : 0.5) * brightness);
  const c2 = paletteColor(plan, 2).multiplyScalar((white ? 1.7 : 0.06) * brightness);
  let col: N = mix(vec3(c2.r, c2.g, c2.b), vec3(c1.r, c1.g, c1.b), k);
  col = mix(col, vec3(c0.r, c0.g, c0.b), smoothstep(0.55, 0.95, warp).mul(0.8));
  // Darker towards the bottom, like light falling off a backdrop.
  col = col.mul(smoothstep(-0.9, 0.5, dir.y).mul(white ? 0.25 : 0.7).add(white ? 0.75 : 0.3));
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false, fog: false });
  mat.colorNode = vec4(col, 1) as N;
  const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 48, 24), mat);
  mesh.scale.setScalar(500);
  mesh.renderOrder = 10; // after the opaque scene, depth-tested: shaded only where it shows
  mesh.frustumCulled = false;
  return mesh;
}

/**
 * Light colours for a subject drawn in light (a plexus, a honeycomb, a chart, an atom): the colour named
 * leads when it is bright enough to be a light, else the palette's first bright one; then its second.
 */
function lightsFor(plan: BuildContext['plan'], subjectColour: string): [THREE.Color, THREE.Color] {
  const [l0, l1] = lightColors(plan, 2) as [THREE.Color, THREE.Color];
  const own = new THREE.Color(subjectColour);
  return [isLightColour(own) ? own : l0, l1];
}

/** The height of a card at the framing's target that just fills the lens's view (as the session sets the lens). */
function viewFillingHeight(ctx: BuildContext, distance: number): number {
  return 2 * distance * viewHalfSlope(ctx) * 1.04;
}

export function buildAbstract(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.1, 2000);
  // Lines of light (a honeycomb) read against a deep field, not a bright one.
  // (Sparklers burn in the dark: the field behind them dimmer still; metal gears read on a deep field.)
  // Light overlays are delivered on black, for a screen blend.
  const dimField = plan.subjects.some((s) => OVERLAY_KINDS.includes(s.kind)) ? 0 : plan.palette.name === 'white' ? 1 : plan.subjects.some((s) => s.kind === 'sparklers' || s.kind === 'christmas-tree') ? 0.25 : plan.subjects.some((s) => s.kind === 'stage-lights' || s.kind === 'lasers' || s.kind === 'light-streaks' || s.kind === 'warp') ? 0.12 : plan.subjects.some((s) => s.kind === 'heartbeat' || s.kind === 'circuit' || s.kind === 'hud' || s.kind === 'neurons' || s.kind === 'cells' || s.kind === 'equalizer' || s.kind === 'waveform') ? 0.05 : plan.subjects.some((s) => s.kind === 'powder') ? 0.15 : plan.subjects.some((s) => s.kind === 'hexagons' || s.kind === 'gears' || s.kind === 'bar-chart' || s.kind === 'line-chart') ? 0.4 : 1;
  // Balloons are released into a clear sky, unless a colour or palette was asked for the field.
  const skyForBalloons = plan.subjects.some((s) => s.kind === 'party-balloons') && plan.palette.name === 'vibrant';
  const dome = skyForBalloons ? clearSkyDome() : gradientDome(ctx, time, dimField);
  scene.add(dome);
  useStudioEnvironment(scene, paletteColor(plan, 0));
  const rng = ctx.rng('abstract');
  const loop = (2 * Math.PI) / Math.max(ctx.duration, 0.5);
  const updaters: Array<(t: number, u: number) => void> = [];
  const kinds = new Set(plan.subjects.map((s) => s.kind));
  let framing: Framing = { target: [0, 0, 0], distance: 14, azimuth: 0, elevation: 4 };

  const key = new THREE.DirectionalLight(0xffffff, 2.2);
  key.position.set(-6, 8, 7);
  const rim = new THREE.DirectionalLight(paletteColor(plan, 1), 2.5);
  rim.position.set(5, 3, -8);
  const fill = new THREE.HemisphereLight(paletteColor(plan, 2), paletteColor(plan, 3), 0.5);
  scene.add(key, rim, fill);

  if (kinds.has('shapes')) {
    const s = plan.subjects.find((x) => x.kind === 'shapes')!;
    const geos = [new THREE.IcosahedronGeometry(0.8, 0), new THREE.TorusGeometry(0.65, 0.24, 16, 48), new RoundedBoxGeometry(1.1, 1.1, 1.1, 3, 0.12), new THREE.SphereGeometry(0.7, 32, 16), new THREE.OctahedronGeometry(0.8, 0)];
    const group = new THREE.Group();
    const items: Array<{ mesh: THREE.Mesh; base: THREE.Vector3; axis: THREE.Vector3; k: number; phase: number }> = [];
    for (let i = 0; i < s.count; i++) {
      const mat = makeMaterial(s.material, paletteColor(plan, i));
      const mesh = new THREE.Mesh(geos[i % geos.length]!, mat);
      const base = new THREE.Vector3(rng.range(-9, 9), rng.range(-4.5, 4.5), rng.range(-10, 3));
      mesh.scale.setScalar(rng.range(0.6, 1.4));
      items.push({ mesh, base, axis: new THREE.Vector3(rng.range(-1, 1), rng.range(-1, 1), rng.range(-1, 1)).normalize(), k: rng.int(1, 2), phase: rng.range(0, 6.28) });
      group.add(mesh);
    }
    scene.add(group);
    updaters.push((t) => {
      for (const it of items) {
        it.mesh.position.copy(it.base).add(new THREE.Vector3(0, Math.sin(t * loop * it.k + it.phase) * 0.5, Math.cos(t * loop + it.phase) * 0.3));
        it.mesh.quaternion.setFromAxisAngle(it.axis, t * loop * it.k + it.phase);
      }
    });
  }
  if (kinds.has('rings')) {
    const s = plan.subjects.find((x) => x.kind === 'rings')!;
    const group = new THREE.Group();
    const rings: THREE.Mesh[] = [];
    for (let i = 0; i < s.count; i++) {
      const mat = new THREE.MeshStandardNodeMaterial({ color: paletteColor(plan, i), metalness: 0.8, roughness: 0.25 });
      const c = paletteColor(plan, i);
      mat.emissiveNode = vec3(c.r, c.g, c.b).mul(smoothstep(0.92, 1.0, sin(uv().x.mul(6.283 * 3).add(time.mul(loop * 2)).add(i)))).mul(3) as N;
      const ring = new THREE.Mesh(new THREE.TorusGeometry(4.5, 0.09 + (i % 3) * 0.03, 12, 96), mat);
      ring.position.z = -i * 3.2;
      rings.push(ring);
      group.add(ring);
    }
    scene.add(group);
    framing = { target: [0, 0, -20], distance: 26, azimuth: 0, elevation: 0 };
    updaters.push((t) => {
      rings.forEach((r, i) => {
        r.rotation.z = t * loop * (i % 2 ? 1 : -1) * 0.5 + i * 0.4;
        r.rotation.x = Math.sin(t * loop + i * 0.5) * 0.15;
      });
    });
  }
  if (kinds.has('grid')) {
    const s = plan.subjects.find((x) => x.kind === 'grid')!;
    const side = Math.max(4, Math.round(Math.sqrt(s.count)));
    const mat = new THREE.MeshStandardNodeMaterial({ roughness: 0.35, metalness: 0.1 });
    const c0 = paletteColor(plan, 0);
    const c1 = paletteColor(plan, 1);
    mat.colorNode = mix(vec3(c0.r, c0.g, c0.b), vec3(c1.r, c1.g, c1.b), hash(instanceIndex)) as N;
    const blocks = new THREE.InstancedMesh(new RoundedBoxGeometry(0.9, 1, 0.9, 2, 0.06).translate(0, 0.5, 0), mat, side * side);
    blocks.castShadow = true;
    blocks.receiveShadow = true;
    scene.add(blocks);
    key.castShadow = true;
    key.shadow.mapSize.set(1024, 1024);
    softwareShadows(ctx, key);
    Object.assign(key.shadow.camera, { left: -side, right: side, top: side, bottom: -side, far: 60 });
    framing = { target: [0, 0, 0], distance: side * 1.6, azimuth: 35, elevation: 38 };
    const m = new THREE.Matrix4();
    updaters.push((t) => {
      for (let i = 0; i < side * side; i++) {
        const x = (i % side) - side / 2 + 0.5;
        const z = Math.floor(i / side) - side / 2 + 0.5;
        const d = Math.hypot(x, z);
        const h = 0.6 + 1.6 * (0.5 + 0.5 * Math.sin(d * 0.7 - t * loop * 2));
        m.compose(new THREE.Vector3(x, 0, z), new THREE.Quaternion(), new THREE.Vector3(1, h, 1));
        blocks.setMatrixAt(i, m);
      }
      blocks.instanceMatrix.needsUpdate = true;
    });
  }
  if (kinds.has('smoke')) {
    // Smoke over the field, filling the frame at the framing's distance.
    const s = plan.subjects.find((x) => x.kind === 'smoke')!;
    const smoke = createSmoke(ctx.seed, framing.distance * 1.6, framing.distance * 0.9, new THREE.Color(s.color));
    smoke.group.position.set(...framing.target);
    scene.add(smoke.group);
    updaters.push((t) => smoke.update(t, camera));
  }
  if (kinds.has('helix')) {
    const s = plan.subjects.find((x) => x.kind === 'helix')!;
    // The strands in the colour named (or the palette's lead) and the palette's second, the bases in its
    // third: its bright colours, so that on a dark field the helix is not drawn in the field's own dark.
    const [l0, l1, l2] = lightColors(plan, 3) as [THREE.Color, THREE.Color, THREE.Color];
    const own = new THREE.Color(s.color);
    const bright = isLightColour(own);
    // A grey palette (a plain dark field) has no colours of its own to give: the strands' own colour leads
    // the others then.
    const hsl = { h: 0, s: 0, l: 0 };
    const grey = [l0, l1, l2].every((c) => c.getHSL(hsl).s < 0.2);
    const colours: [THREE.Color, THREE.Color, THREE.Color] = !bright
      ? [l0, l1, l2]
      : grey
        ? [own, own.clone().offsetHSL(0.1, 0, 0.04), own.clone().lerp(new THREE.Color('#ffffff'), 0.55)]
        : [own, l1, l2];
    const helix = createHelix(framing.distance * 1.25, colours, s.material, ctx.duration);
    helix.group.position.set(...framing.target);
    scene.add(helix.group);
    updaters.push((t) => helix.update(t));
  }
  if (kinds.has('code-rain')) {
    const s = plan.subjects.find((x) => x.kind === 'code-rain')!;
    // A card filling the view at the framing's distance, and a little more (for a push in's start).
    const h = 2 * framing.distance * Math.tan((20 * Math.PI) / 180) * 1.15;
    const rain = createCodeRain(h * (ctx.width / ctx.height), h, new THREE.Color(s.color));
    rain.mesh.position.set(...framing.target);
    scene.add(rain.mesh);
    updaters.push((t) => rain.update(t, camera));
  }
  if (kinds.has('cells')) {
    // The microscope's field: cells on a card just filling the view, turned to the lens.
    const s = plan.subjects.find((x) => x.kind === 'cells')!;
    const own = new THREE.Color(s.color);
    const h = viewFillingHeight(ctx, framing.distance);
    const field = createCells(ctx.seed, () => rng.next(), s.count, h * (ctx.width / ctx.height), h, isLightColour(own) ? own : lightColors(plan, 1)[0]!, ctx.duration);
    field.mesh.position.set(...framing.target);
    scene.add(field.mesh);
    updaters.push((t) => {
      field.mesh.quaternion.copy(camera.quaternion);
      field.update(t);
    });
  }
  if (kinds.has('neurons')) {
    // Cells through a box a little wider than the frame and deep, glowing in the subject's colour.
    const s = plan.subjects.find((x) => x.kind === 'neurons')!;
    const own = new THREE.Color(s.color);
    const glow = isLightColour(own) ? own : lightColors(plan, 1)[0]!;
    const d = framing.distance;
    const cells = createNeurons(ctx.seed, () => rng.next(), s.count, [d * 1.5, d * 0.8, d * 0.8], glow);
    cells.group.position.set(framing.target[0], framing.target[1], framing.target[2] - d * 0.1);
    scene.add(cells.group);
    updaters.push((t) => cells.update(t));
  }
  if (kinds.has('network')) {
    const s = plan.subjects.find((x) => x.kind === 'network')!;
    // Lines of light: the palette's bright colours (a colour named leads), never the field's dark ones.
    const [l0, l1] = lightColors(plan, 2) as [THREE.Color, THREE.Color];
    const own = new THREE.Color(s.color);
    const ownBright = isLightColour(own);
    const lead = ownBright ? own : l0;
    // A grey palette (a plain dark field) gives no second colour: a lighter shade of the lead then.
    const second = ownBright && l1.getHSL({ h: 0, s: 0, l: 0 }).s < 0.2 ? own.clone().lerp(new THREE.Color('#ffffff'), 0.5) : l1;
    const d = framing.distance;
    const network = createNetwork(ctx.seed, s.count, [d * 1.7, d * 0.95, d * 0.7], [lead, second], ctx.duration);
    network.group.position.set(framing.target[0], framing.target[1], framing.target[2] - d * 0.1);
    scene.add(network.group);
    updaters.push((t) => network.update(t));
  }
  if (kinds.has('hexagons')) {
    const s = plan.subjects.find((x) => x.kind === 'hexagons')!;
    // Lines of light in the palette's bright colours (a bright colour named leads), as the plexus's.
    const [lead, l1] = lightsFor(plan, s.color);
    // Larger than the view: it is tilted away, and a push in or a pan must not reach its edges.
    const h = 2 * framing.distance * Math.tan((20 * Math.PI) / 180) * 1.8;
    const hex = createHexagons(h * (ctx.width / ctx.height), h, [lead, l1], ctx.seed);
    hex.mesh.position.set(framing.target[0], framing.target[1], framing.target[2] - framing.distance * 0.15);
    scene.add(hex.mesh);
    updaters.push((t) => hex.update(t, camera));
  }
  let particleBox: Shot['particleBox'] | null = null;
  if (kinds.has('gears')) {
    // Seen a little from the side and above, so the teeth show their depth.
    const s = plan.subjects.find((x) => x.kind === 'gears')!;
    const gears = createGears(() => rng.next(), s.material, new THREE.Color(s.color));
    scene.add(gears.group);
    updaters.push((t) => gears.update(t));
    // Aimed between the centre and where the first pair meshes: a close shot sees teeth in mesh.
    const aim = gears.mesh.clone().multiplyScalar(0.85);
    framing = { target: [aim.x, aim.y, 0], distance: 11, azimuth: 16, elevation: 10 };
  }
  if (kinds.has('bar-chart') || kinds.has('line-chart')) {
    // From low and a little to one side, the chart filling the frame's width.
    const s = plan.subjects.find((x) => x.kind === 'bar-chart' || x.kind === 'line-chart')!;
    const chart = createChart(() => rng.next(), lightsFor(plan, s.color), { bars: kinds.has('bar-chart'), line: kinds.has('line-chart'), width: 12, height: 6 });
    scene.add(chart.group);
    updaters.push((t, u) => chart.update(t, u, camera));
    // Aimed a little right of the middle, where the chart ends highest: a push in ends on its growth.
    framing = { target: [1.5, 2.8, 0], distance: 18, azimuth: -16, elevation: 8 };
  }
  if (kinds.has('circuit')) {
    // From above at an angle, the board filling the frame and running out past it.
    const s = plan.subjects.find((x) => x.kind === 'circuit')!;
    const circuit = createCircuit(() => rng.next(), lightsFor(plan, s.color)[0], 120, 68, 0.25);
    scene.add(circuit.group);
    updaters.push((t) => circuit.update(t));
    framing = { target: [0, 0, 0], distance: 11, azimuth: 12, elevation: 52 };
  }
  if (kinds.has('powder')) {
    // On a dark field, straight on: bursts one after another across the frame.
    const s = plan.subjects.find((x) => x.kind === 'powder')!;
    const lights = lightColors(plan, 5);
    // A colour named leads (the subject's colour is the palette's first unless one was).
    const colours = s.color !== plan.palette.colors[0] ? [new THREE.Color(s.color), ...lights] : lights;
    const powder = createPowder(() => rng.next(), ctx.seed, colours, Math.max(1, Math.min(6, s.count)), 9, ctx.duration);
    scene.add(powder.mesh);
    updaters.push((t) => powder.update(t, camera));
    framing = { target: [0, 0.5, 0], distance: 12, azimuth: 0, elevation: 2 };
  }
  // A display and a monitor's screen are read flat: straight on, a card filling the view 10 units out.
  const screen = () => {
    const h = viewFillingHeight(ctx, 10);
    framing = { target: [0, 0, 0], distance: 10, azimuth: 0, elevation: 0 };
    return { width: h * (ctx.width / ctx.height), height: h };
  };
  if (kinds.has('hud')) {
    const s = plan.subjects.find((x) => x.kind === 'hud')!;
    const { width, height } = screen();
    const [lead, second] = lightsFor(plan, s.color);
    const hud = createHud(() => rng.next(), lead, second, width, height);
    scene.add(hud.mesh);
    updaters.push((t) => hud.update(t));
  }
  if (kinds.has('heartbeat')) {
    const s = plan.subjects.find((x) => x.kind === 'heartbeat')!;
    const { width, height } = screen();
    const monitor = createHeartbeat(new THREE.Color(s.color), width, height);
    scene.add(monitor.group);
    updaters.push((t) => monitor.update(t));
  }
  for (const mode of ['equalizer', 'waveform'] as const) {
    if (!kinds.has(mode)) continue;
    const s = plan.subjects.find((x) => x.kind === mode)!;
    const { width, height } = screen();
    const [lead, second] = lightsFor(plan, s.color);
    // The subject's count is the tempo (beats a minute).
    const visualizer = createEqualizer(() => rng.next(), lead, second, width, height, mode === 'equalizer' ? 'bars' : 'wave', s.count);
    scene.add(visualizer.group);
    updaters.push((t) => visualizer.update(t));
  }
  if (kinds.has('molecules')) {
    const s = plan.subjects.find((x) => x.kind === 'molecules')!;
    const molecules = createMolecules(() => rng.next(), s.count, [15, 8, 8]);
    scene.add(molecules.group);
    updaters.push((t) => molecules.update(t, camera));
    framing = { target: [0, 0, 0], distance: 10, azimuth: 0, elevation: 3 };
  }
  if (kinds.has('atom')) {
    const s = plan.subjects.find((x) => x.kind === 'atom')!;
    const atom = createAtom(() => rng.next(), lightsFor(plan, s.color)[0]);
    // Beside molecules, off to one side; alone, in the middle.
    if (kinds.has('molecules')) atom.group.position.set(4.5, 1, -3);
    scene.add(atom.group);
    updaters.push((t) => atom.update(t, camera));
    if (!kinds.has('molecules')) framing = { target: [0, 0, 0], distance: 9, azimuth: 0, elevation: 6 };
  }
  if (kinds.has('blood-cells')) {
    // Inside the vessel, looking along it; a red haze swallows it with depth.
    const s = plan.subjects.find((x) => x.kind === 'blood-cells')!;
    const colour = new THREE.Color(s.color);
    const vessel = createVessel(() => rng.next(), ctx.seed, s.count, colour);
    scene.add(vessel.group);
    updaters.push((t) => vessel.update(t, camera));
    framing = { target: [0, 0, -20], distance: 20, azimuth: 0, elevation: 0 };
    scene.fog = new THREE.FogExp2(colour.clone().multiplyScalar(0.12), 0.05);
    // No sun inside a body: the field's key and rim lights are put out (the vessel brings its own lamp).
    key.intensity = 0;
    rim.intensity = 0;
    fill.intensity = 0;
    // (Nor the studio's softboxes: reflected in the wet wall they read as a pale haze.)
    (scene as { environmentNode?: unknown }).environmentNode = null;
  }
  if (kinds.has('christmas-tree')) {
    // The tree standing in the middle of the frame on the dark festive field, seen from a little below its middle.
    const tree = createChristmasTree(() => rng.next(), plan.palette.colors.map((c) => new THREE.Color(c)));
    tree.group.position.set(0, -TREE_HEIGHT / 2, 0);
    scene.add(tree.group);
    updaters.push((t) => tree.update(t));
    framing = { target: [0, 0.2, 0], distance: 12.5, azimuth: 0, elevation: 4 };
  }
  if (kinds.has('kaleidoscope') || kinds.has('glitch')) {
    // A card exactly filling the view (a push in only comes closer to it), in the palette's colours.
    const h = viewFillingHeight(ctx, framing.distance);
    const colours = plan.palette.colors.map((c) => new THREE.Color(c));
    const card = kinds.has('kaleidoscope') ? createKaleidoscope(h * (ctx.width / ctx.height), h, ctx.seed, colours, ctx.duration) : createGlitch(h * (ctx.width / ctx.height), h, colours);
    card.mesh.position.set(...framing.target);
    scene.add(card.mesh);
    updaters.push((t) => card.update(t, camera));
  }
  if (kinds.has('film-damage') || kinds.has('tv-static')) {
    // Dust, hairs and scratches, white on the black field, or a television's static, on a card just
    // filling the view.
    const h = viewFillingHeight(ctx, framing.distance);
    const make = kinds.has('tv-static') ? createTvStatic : createFilmDamage;
    const damage = make(h * (ctx.width / ctx.height), h, ctx.seed, ctx.frames / Math.max(ctx.duration, 1e-3));
    damage.mesh.position.set(...framing.target);
    scene.add(damage.mesh);
    updaters.push((t) => {
      damage.mesh.quaternion.copy(camera.quaternion);
      damage.update(t);
    });
  }
  if (kinds.has('light-leaks') || kinds.has('lens-flare')) {
    // Overlays: cards just filling the view on the black field (a push in only comes closer to them).
    const h = viewFillingHeight(ctx, framing.distance);
    const w = h * (ctx.width / ctx.height);
    if (kinds.has('light-leaks')) {
      const leaks = createLightLeaks(w, h, ctx.seed);
      leaks.mesh.position.set(...framing.target);
      scene.add(leaks.mesh);
      updaters.push((t) => leaks.update(t, camera));
    }
    if (kinds.has('lens-flare')) {
      const flare = createLensFlare(w, h);
      flare.mesh.position.set(framing.target[0], framing.target[1], framing.target[2] + 0.01);
      scene.add(flare.mesh);
      updaters.push((t, u) => {
        flare.progress.value = u;
        flare.update(t, camera);
      });
    }
  }
  if (kinds.has('stage-lights') || kinds.has('lasers')) {
    // A rig just above the frame's top edge, its beams thrown down through the haze towards the lens, over
    // a dark field; in the palette's colours (the neon palette's unless one was asked for).
    const laser = kinds.has('lasers') && !kinds.has('stage-lights');
    const s = plan.subjects.find((x) => x.kind === 'stage-lights' || x.kind === 'lasers')!;
    framing = { target: [0, 0, 0], distance: 16, azimuth: 0, elevation: 0 };
    const h = viewFillingHeight(ctx, framing.distance);
    const rig = createStageLights(s.count, lightColors(plan, s.count), h * (ctx.width / ctx.height) * 0.9, h / 2 + 0.6, laser);
    scene.add(rig.group);
    updaters.push((t) => rig.update(t));
  }
  if (kinds.has('light-streaks') || kinds.has('warp')) {
    // Streaks across the frame in layers (a motion-graphics background), or at warp speed rushing at the
    // lens down a tunnel round it; in the palette's light colours, on a dark field.
    const warp = kinds.has('warp');
    const s = plan.subjects.find((x) => x.kind === 'light-streaks' || x.kind === 'warp')!;
    framing = warp ? { target: [0, 0, -10], distance: 10, azimuth: 0, elevation: 0 } : { target: [0, 0, 0], distance: 12, azimuth: 0, elevation: 0 };
    const h = viewFillingHeight(ctx, framing.distance);
    const field: StreakField = warp ? { mode: 'warp', span: 140 } : { mode: 'flow', span: h * (ctx.width / ctx.height) * 1.9 };
    const fx = createLightStreaks(layStreaks(() => rng.next(), s.count, field, h * 1.5), field, lightColors(plan, 6));
    scene.add(fx.group);
    updaters.push((t) => fx.update(t));
  }
  if (kinds.has('disco-ball')) {
    // A mirror ball above the lens's line in a dark room, lit by a warm white pin spot and one in the
    // palette's colour; it turns about once a minute, as club balls do (faster, the spots strobe across the
    // far wall between frames).
    const ball = createDiscoBall({
      radius: 0.45,
      center: [0, 2.3, 0],
      halfWidth: 6,
      height: 4.6,
      spin: 0.12,
      lights: [
        { direction: [-0.55, 0.5, 0.67], colour: new THREE.Color(1, 0.93, 0.85) },
        { direction: [0.68, 0.32, 0.66], colour: lightColors(plan, 1)[0]! },
      ],
    });
    scene.add(ball.group);
    framing = { target: [0, 1.95, 0], distance: 5, azimuth: 0, elevation: 2 };
    updaters.push((t) => ball.update(t));
  }
  for (const kind of ['party-balloons', 'hearts'] as const) {
    if (!kinds.has(kind)) continue;
    // Balloons (or hearts) rising through the frame over the field: they enter from below all clip long
    // (spread from a clip's climb under the frame to its top), at several depths, in the palette's colours.
    const s = plan.subjects.find((x) => x.kind === kind)!;
    framing = { target: [0, 0, 0], distance: 13, azimuth: 0, elevation: 2 };
    const h = viewFillingHeight(ctx, framing.distance);
    // (The mean pace: slower balloons started lower would never reach the frame.)
    const climb = 0.62 * ctx.duration * plan.motion.speed;
    // A colour named ("red balloons", a palette built round it) is every balloon's; else the palette's
    // colours but its near-blacks.
    const colours = plan.palette.name === 'custom' ? [new THREE.Color(s.color)] : plan.palette.colors.map((c) => new THREE.Color(c)).filter((c) => c.getHSL({ h: 0, s: 0, l: 0 }).l > 0.12);
    const balloons = createPartyBalloons(() => rng.next(), s.count, colours.length ? colours : [new THREE.Color(s.color)], {
      width: h * (ctx.width / ctx.height) * 1.1,
      depth: 8,
      low: -h / 2 - climb - BALLOON_HEIGHT * 0.5,
      high: h / 2 - 0.5,
    }, kind === 'hearts');
    scene.add(balloons.group);
    updaters.push((t) => balloons.update(t));
  }
  if (kinds.has('sparklers')) {
    // Close on the sparklers in the dark (a sparkler is 2 units long here, about 30 cm): the field dark
    // behind them, any bokeh well behind.
    const s = plan.subjects.find((x) => x.kind === 'sparklers')!;
    const sparklers = createSparklers(s.count, ctx.duration, () => rng.next(), ctx.software);
    scene.add(sparklers.group);
    updaters.push((t) => sparklers.update(t, camera));
    framing = { target: [0, 0.2, 0], distance: 5.2, azimuth: 0, elevation: 0 };
    particleBox = { center: [0, 0, -9], size: [16, 9, 6] };
  }
  if (kinds.has('fire')) {
    // Flames on a dark field ("fire on a black background"), framed to fill the frame's height, embers
    // rising in a column above them.
    const flames = createFlames(ctx.seed, 4.2, 3.4);
    flames.mesh.position.set(0, -1.7, 0);
    scene.add(flames.mesh);
    updaters.push((t) => flames.update(t, camera));
    framing = { target: [0, 0, 0], distance: 5.2, azimuth: 0, elevation: 0 };
    particleBox = { center: [0, 0.6, 0], size: [2.0, 3.8, 1.0] };
  }
  if (kinds.has('ink')) {
    const s = plan.subjects.find((x) => x.kind === 'ink')!;
    const ink = createInk(ctx.seed, framing.distance * 1.6, framing.distance * 0.9, new THREE.Color(s.color), ctx.duration);
    ink.mesh.position.set(...framing.target);
    scene.add(ink.mesh);
    updaters.push((t) => ink.update(t, camera));
  }
  // A bare field gets ribbons of light, unless it is white: added light on white is nothing (a white
  // background, or a title on one, is the clean field itself).
  const bareGradient = kinds.size === 0 || (kinds.size === 1 && kinds.has('gradient') && plan.particles.length === 0);
  if (kinds.has('ribbons') || (bareGradient && plan.palette.name !== 'white')) {
    const n = plan.subjects.find((x) => x.kind === 'ribbons')?.count ?? 5;
    for (let i = 0; i < n; i++) {
      const geo = new THREE.PlaneGeometry(40, 0.5 + rng.next() * 0.8, 240, 1);
      const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
      const ph = rng.range(0, 6.28);
      const amp = rng.range(1.2, 2.6);
      const x: N = positionLocal.x;
      const wave: N = sin(x.mul(0.18).add(time.mul(loop)).add(ph)).mul(amp).add(sin(x.mul(0.41).sub(time.mul(loop * 2)).add(ph * 2)).mul(amp * 0.35));
      const twist: N = cos(x.mul(0.23).add(time.mul(loop)).add(ph)).mul(0.8);
      mat.positionNode = vec3(x, positionLocal.y.mul(cos(twist)).add(wave), positionLocal.y.mul(sin(twist))) as N;
      const c = paletteColor(plan, i);
      const edge: N = float(1).sub(abs(uv().y.sub(0.5)).mul(2));
      const fade: N = smoothstep(0.0, 0.25, uv().x).mul(smoothstep(1.0, 0.75, uv().x));
      mat.colorNode = vec3(c.r, c.g, c.b).mul(edge.pow(0.6).mul(fade).mul(0.9)) as N;
      const ribbon = new THREE.Mesh(geo, mat);
      ribbon.position.set(0, (i - n / 2) * 0.9, -i * 1.5);
      ribbon.rotation.z = rng.range(-0.25, 0.25);
      scene.add(ribbon);
    }
  }
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(...framing.target),
    focalRange: framing.distance * 0.35,
    exposureBias: 0,
    lighting: null,
    groundHeight: () => -1e9,
    particleBox: particleBox ?? { center: [framing.target[0], framing.target[1], framing.target[2] + framing.distance * 0.45], size: [framing.distance * 1.4, framing.distance * 0.8, framing.distance * 0.9] },
    particleScale: Math.max(1, framing.distance / 12),
    // A push in (or a crane) travels through the field; an orbit goes round it, and its box stays put.
    particlesFollowCamera: !particleBox && ['dolly-in', 'dolly-out', 'crane-up', 'crane-down'].includes(plan.camera.move),
    update(t, u) {
      time.value = t;
      dome.position.copy(camera.position);
      for (const f of updaters) f(t, u);
    },
    dispose() {
      disposeScene(scene);
    },
  };
}
