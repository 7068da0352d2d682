/**
 * Product shots: one object on a seamless studio sweep, lit like a tabletop set (a big soft key, a
 * cool fill, a hard rim from behind) with reflections from a virtual studio of soft boxes. The object
 * turns slowly on a turntable unless the camera itself orbits.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { vec3, uv, mix, smoothstep, positionLocal } from 'three/tsl';
import { createCandleFlame, type CandleFlame } from './candle.mjs';
import { createSteam } from './steam.mjs';
import { createPumpkins } from './pumpkins.mjs';
import { createHourglass } from './hourglass.mjs';
import { createAlarmClock } from './clock.mjs';
import { createNewtonsCradle } from './cradle.mjs';
import { createPendulums } from './pendulum.mjs';
import { createBirthdayCake } from './cake.mjs';
import { createChessSet } from './chess.mjs';
import { createRecordPlayer } from './record-player.mjs';
import { createMetronome } from './metronome.mjs';
import { createRubiksCube } from './rubiks-cube.mjs';
import type { Framing } from '../sim/camera.js';
import type { SubjectKind, Material } from '../plan/schema.js';
import { type BuildContext, type Shot, makeMaterial, paletteColor, disposeScene, softwareShadows, viewHalfSlope } from './common.mjs';
import { ambientNode, useStudioEnvironment, studioHarmonics } from './environment.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/**
 * A seamless backdrop: floor curving up into a wall (a cyclorama), open towards the camera. `studioTint`
 * is the tint of the studio environment it sits in: on a software rasteriser the backdrop is lit by that
 * environment's spherical-harmonics fit (ambientNode) instead of the prefiltered map.
 */
export function studioSweep(
  ctx: BuildContext,
  color: THREE.Color,
  studioTint: THREE.Color,
  size: { width?: number; radius?: number; floorLen?: number } = {},
  /** Scales the studio's light on the backdrop (a candle-lit shot has almost none). */
  ambient = 1,
): THREE.Mesh {
  const { width = 120, radius = 6, floorLen = 30 } = size;
  const wallLen = 40; // wide and tall enough that an orbiting camera never sees past the edges
  const arc = (Math.PI / 2) * radius;
  const total = floorLen + arc + wallLen;
  const rows = 96;
  const geo = new THREE.PlaneGeometry(width, total, 1, rows);
  const p = geo.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const s = (p.getY(i) + total / 2) * 1; // 0 at the front edge
    let y: number;
    let z: number;
    if (s < floorLen) {
      y = 0;
      z = -5 + floorLen - s;
    } else if (s < floorLen + arc) {
      const th = (s - floorLen) / radius;
      y = radius * (1 - Math.cos(th));
      z = -5 - radius * Math.sin(th);
    } else {
      y = radius + (s - floorLen - arc);
      z = -5 - radius;
    }
    p.setXYZ(i, p.getX(i), y, z);
  }
  geo.computeVertexNormals();
  // The plane's winding faces +z before bending; after bending the floor must face up.
  // Standard, not Lambert, even on software rasterisers: Lambert on this bent plane showed a dark disc
  // on the wall (seen on lavapipe), and the backdrop's soft specular sheen is part of the studio look.
  const mat = new THREE.MeshStandardNodeMaterial({ color, roughness: 0.92, metalness: 0, side: THREE.DoubleSide });
  if (ctx.software || ambient !== 1) mat.envNode = ambientNode(studioHarmonics(studioTint).scale(ambient));
  const mesh = new THREE.Mesh(geo, mat);
  mesh.receiveShadow = true;
  return mesh;
}

/**
 * A drink: nearly opaque and glossy, in its own colour, drawn after its glass (renderOrder 1): the
 * transparent meshes share a centre, so three's back-to-front sort left their order to chance, and whisky
 * drawn first under the glass read as grey water.
 */
function drinkMaterial(color: THREE.Color): THREE.MeshPhysicalNodeMaterial {
  const m = new THREE.MeshPhysicalNodeMaterial({ color, roughness: 0.04, metalness: 0, clearcoat: 1, clearcoatRoughness: 0.02, transparent: true, opacity: 0.93 });
  m.depthWrite = false;
  return m;
}

function lathe(points: Array<[number, number]>, segments = 64): THREE.LatheGeometry {
  return new THREE.LatheGeometry(
    points.map(([r, y]) => new THREE.Vector2(r, y)),
    segments,
  );
}

/** Where a vessel's rim is (height, radius), for what rises out of it. */
const RIMS: Partial<Record<SubjectKind, { y: number; radius: number }>> = {
  mug: { y: 1.3, radius: 0.62 },
  tumbler: { y: 1.35, radius: 0.74 },
  'wine-glass': { y: 2.45, radius: 0.6 },
  can: { y: 1.9, radius: 0.5 },
  bottle: { y: 2.65, radius: 0.22 },
  vase: { y: 2.2, radius: 0.36 },
};

/**
 * Builds the product; returns the group (standing on y = 0), its height, a candle's flame if it has one (a
 * jack-o'-lantern's candles inside it), what moves in it over the clip (an hourglass's sand, a clock's
 * hands: `update(t, u)`, t in seconds, u the clip's progress), and whether it must face the lens (a
 * clock's dial: no turntable).
 */
export function buildProduct(
  kind: SubjectKind,
  material: Material,
  color: THREE.Color,
  ctx: BuildContext,
): {
  group: THREE.Group;
  height: number;
  flame?: CandleFlame;
  update?: (t: number, u: number) => void;
  facesLens?: boolean;
  /** For a thing much wider than tall, seen from above: the camera's elevation (degrees) and the extent to frame. */
  view?: { elevation: number; size: number };
  /** How wide it is, where that can matter more than its height: a narrow (portrait) frame backs off to hold it. */
  width?: number;
} {
  const group = new THREE.Group();
  const main = makeMaterial(material, color);
  const metal = makeMaterial('metal', new THREE.Color('#c9ccd1'));
  const dark = new THREE.MeshPhysicalNodeMaterial({ color: new THREE.Color('#0b0c0e'), roughness: 0.08, metalness: 0.1, clearcoat: 1 });
  const add = (g: THREE.BufferGeometry, m: THREE.Material, y = 0) => {
    const mesh = new THREE.Mesh(g, m);
    mesh.position.y = y;
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    group.add(mesh);
    return mesh;
  };
  let height = 2;
  switch (kind) {
    case 'bottle': {
      add(lathe([[0, 0], [0.55, 0], [0.6, 0.05], [0.62, 1.2], [0.6, 1.45], [0.3, 1.85], [0.2, 2.05], [0.2, 2.35], [0, 2.35]]), main);
      if (material === 'glass') {
        const liquid = makeMaterial('plastic', paletteColor(ctx.plan, 1));
        add(lathe([[0, 0.06], [0.52, 0.06], [0.56, 1.15], [0, 1.15]]), liquid);
      }
      add(new THREE.CylinderGeometry(0.22, 0.22, 0.35, 32), metal, 2.5);
      height = 2.7;
      break;
    }
    case 'vase': {
      add(lathe([[0, 0], [0.35, 0], [0.55, 0.3], [0.7, 0.9], [0.55, 1.6], [0.32, 2.0], [0.4, 2.2], [0.36, 2.22], [0.3, 2.02], [0, 2.02]]), main);
      height = 2.2;
      break;
    }
    case 'can': {
      add(new THREE.CylinderGeometry(0.55, 0.55, 1.8, 64), main, 0.95);
      add(lathe([[0, 0], [0.5, 0], [0.56, 0.05], [0.56, 0.1], [0, 0.1]]), metal, 1.85);
      add(lathe([[0, 0.1], [0.5, 0.1], [0.56, 0.05], [0.5, 0], [0, 0]]), metal, -0.0);
      height = 1.95;
      break;
    }
    case 'mug': {
      add(lathe([[0, 0], [0.62, 0], [0.66, 0.05], [0.68, 1.3], [0.62, 1.3], [0.6, 0.12], [0, 0.12]]), main);
      const handle = new THREE.TorusGeometry(0.36, 0.07, 12, 32, Math.PI);
      handle.rotateZ(-Math.PI / 2);
      const h = add(handle, main, 0.68);
      h.position.x = 0.68;
      height = 1.3;
      break;
    }
    case 'phone': {
      const body = add(new RoundedBoxGeometry(1.5, 3.1, 0.16, 6, 0.18), metal, 1.75);
      body.rotation.x = -0.12;
      const screen = new THREE.Mesh(new RoundedBoxGeometry(1.38, 2.96, 0.02, 4, 0.14), dark);
      screen.position.z = 0.08;
      const glow = new THREE.MeshBasicNodeMaterial();
      const c0 = paletteColor(ctx.plan, 0);
      const c1 = paletteColor(ctx.plan, 1);
      glow.colorNode = mix(vec3(c0.r, c0.g, c0.b), vec3(c1.r, c1.g, c1.b), uv().y).mul(0.9) as N;
      const ui = new THREE.Mesh(new THREE.PlaneGeometry(1.3, 2.85), glow);
      ui.position.z = 0.092;
      body.add(screen, ui);
      height = 3.3;
      break;
    }
    case 'box': {
      add(new RoundedBoxGeometry(1.6, 1.6, 1.6, 4, 0.05), main, 0.8);
      const ribbonMat = makeMaterial('plastic', paletteColor(ctx.plan, 1));
      add(new THREE.BoxGeometry(1.62, 1.62, 0.18), ribbonMat, 0.8);
      add(new THREE.BoxGeometry(0.18, 1.62, 1.62), ribbonMat, 0.8);
      height = 1.6;
      break;
    }
    case 'watch': {
      const face = new THREE.Group();
      const caseMesh = new THREE.Mesh(new THREE.TorusGeometry(0.62, 0.12, 24, 64), main);
      const dial = new THREE.Mesh(new THREE.CylinderGeometry(0.6, 0.6, 0.08, 64), makeMaterial('matte', paletteColor(ctx.plan, 3)));
      dial.rotation.x = Math.PI / 2;
      const handMat = makeMaterial('chrome', new THREE.Color('#ffffff'));
      const hourHand = new THREE.Mesh(new THREE.BoxGeometry(0.05, 0.32, 0.02), handMat);
      hourHand.position.set(0.07, 0.12, 0.06);
      hourHand.rotation.z = -0.6;
      const minuteHand = new THREE.Mesh(new THREE.BoxGeometry(0.035, 0.48, 0.02), handMat);
      minuteHand.position.set(-0.12, 0.2, 0.07);
      minuteHand.rotation.z = 0.5;
      const strapMat = makeMaterial('matte', new THREE.Color('#2a211c'));
      const strapA = new THREE.Mesh(new THREE.BoxGeometry(0.62, 1.1, 0.06), strapMat);
      strapA.position.set(0, 1.2, -0.05);
      const strapB = strapA.clone();
      strapB.position.y = -1.2;
      face.add(caseMesh, dial, hourHand, minuteHand, strapA, strapB);
      face.traverse((o) => ((o as THREE.Mesh).castShadow = true));
      face.position.y = 1.9;
      face.rotation.x = -0.25;
      group.add(face);
      const stand = new THREE.Mesh(new THREE.CylinderGeometry(0.5, 0.6, 0.9, 48), makeMaterial('matte', new THREE.Color('#d8d4cc')));
      stand.position.y = 0.45;
      stand.castShadow = stand.receiveShadow = true;
      group.add(stand);
      height = 3.2;
      break;
    }
    case 'tumbler': {
      // A heavy-based rocks glass, a finger of whisky and one ice cube. The glass is clear; the subject's
      // colour is the drink.
      const glass = makeMaterial(material, new THREE.Color('#ffffff'));
      add(lathe([[0, 0], [0.7, 0], [0.74, 0.04], [0.78, 1.35], [0.74, 1.35], [0.7, 0.32], [0, 0.32]]), glass);
      add(lathe([[0, 0.33], [0.69, 0.33], [0.71, 0.8], [0, 0.8]]), drinkMaterial(color)).renderOrder = 1;
      const ice = makeMaterial('glass', new THREE.Color('#dfeef5'));
      ice.opacity = 0.35;
      const cube = add(new RoundedBoxGeometry(0.62, 0.58, 0.6, 3, 0.08), ice, 0.82);
      cube.rotation.set(0.35, 0.6, 0.2);
      cube.renderOrder = 2;
      // Framed with some air above the rim (it is wider than it is tall).
      height = 1.9;
      break;
    }
    case 'wine-glass': {
      // Foot, stem and bowl in one profile, the bowl a third full.
      const glass = makeMaterial(material, new THREE.Color('#ffffff'));
      add(lathe([[0, 0], [0.62, 0], [0.6, 0.04], [0.08, 0.08], [0.06, 1.1], [0.35, 1.3], [0.62, 1.75], [0.6, 2.45], [0.57, 2.45], [0.58, 1.76], [0.34, 1.34], [0, 1.16]], 96), glass);
      add(lathe([[0, 1.18], [0.33, 1.35], [0.56, 1.76], [0.57, 1.9], [0, 1.9]], 96), drinkMaterial(color)).renderOrder = 1;
      height = 2.45;
      break;
    }
    case 'candle': {
      // A pillar candle, its top melted into a shallow pool round the wick, the wax glowing where the
      // flame shines through it (a warm emissive band below the rim stands in for subsurface light).
      const top = 1.75;
      const wax = new THREE.MeshStandardNodeMaterial({ color, roughness: 0.5, metalness: 0 });
      wax.emissiveNode = vec3(1.0, 0.42, 0.12).mul(smoothstep(top - 0.4, top, positionLocal.y).pow(2).mul(0.3)) as N;
      add(lathe([[0, 0], [0.6, 0], [0.62, 0.03], [0.62, top - 0.02], [0.58, top + 0.015], [0.5, top - 0.04], [0.2, top - 0.1], [0, top - 0.11]], 72), wax);
      const wick = add(new THREE.CylinderGeometry(0.012, 0.015, 0.16, 8), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#1b1510'), roughness: 0.9 }), top - 0.03);
      wick.rotation.z = 0.12;
      wick.castShadow = false;
      const flame = createCandleFlame(ctx.seed, 0.5, 7);
      flame.group.position.y = top + 0.02;
      group.add(flame.group);
      return { group, height: 2.3, flame };
    }
    case 'chess': {
      // The starting position, seen from white's side and above, the board not turning (a turntable would
      // spin the game away from its players' sides).
      const set = createChessSet();
      group.add(set.group);
      return { group, height: set.height, facesLens: true, view: { elevation: 26, size: set.width * 0.68 }, width: set.width };
    }
    case 'cake': {
      // A birthday cake, its candles lit (the count is the candles); the colour named is the frosting's.
      const rng = ctx.rng('cake');
      const cake = createBirthdayCake(ctx.seed, color, ctx.plan.subjects[0]?.count ?? 5, () => rng.next());
      group.add(cake.group);
      return { group, height: cake.height, flame: cake.flame, width: cake.width };
    }
    case 'pumpkin': {
      // Jack-o'-lanterns: lit by the candles inside them, a low-key shot as a candle's is.
      const lanterns = createPumpkins(ctx.seed, ctx.plan.subjects[0]?.count ?? 1, color);
      group.add(lanterns.group);
      return { group, height: lanterns.height, flame: lanterns.flame };
    }
    case 'hourglass': {
      // The subject's colour is the sand's, its material the frame's.
      const glass = createHourglass(color, material);
      group.add(glass.group);
      return { group, height: glass.height, update: (_t, u) => glass.update(u) };
    }
    case 'clock': {
      const clock = createAlarmClock(color, material, ctx.seed);
      // Its dial turned to the framing's azimuth (18 degrees), so it faces the lens.
      clock.group.rotation.y = (18 * Math.PI) / 180;
      group.add(clock.group);
      return { group, height: clock.height, update: (t) => clock.update(t), facesLens: true };
    }
    case 'cradle': {
      // The material named is the balls', the colour the base's; the row seen nearly side on (no turntable).
      const cradle = createNewtonsCradle(material, color, ctx.seed);
      group.add(cradle.group);
      return { group, height: cradle.height, update: (t) => cradle.update(t), facesLens: true, width: cradle.width };
    }
    case 'record': {
      // The colour named is the label's, the material the plinth's; the record turns, the deck does not.
      const player = createRecordPlayer(color, material, ctx.seed);
      group.add(player.group);
      return { group, height: player.height, update: (t) => player.update(t), facesLens: true, view: { elevation: 30, size: player.width * 0.7 }, width: player.width };
    }
    case 'metronome': {
      // The subject's count is the tempo (beats a minute); the colour and material are the case's.
      const metronome = createMetronome(color, material, ctx.plan.subjects[0]?.count ?? 96);
      group.add(metronome.group);
      return { group, height: metronome.height, update: (t) => metronome.update(t), facesLens: true };
    }
    case 'pendulum': {
      // The material named is the bobs', the colour the stand's. A wave's row is turned away from the lens
      // so that its swing, across the row, shows.
      const set = createPendulums(ctx.plan.subjects[0]?.count ?? 1, material, color, ctx.seed);
      if (ctx.plan.subjects[0]!.count > 1) set.group.rotation.y = -0.75;
      group.add(set.group);
      return { group, height: set.height, update: (t) => set.update(t), facesLens: true, view: { elevation: 14, size: Math.max(set.height, set.width * 0.5) }, width: set.width };
    }
    case 'rubiks-cube': {
      // Scrambled at the start, solved by the end: its turns fill the clip (in scene time).
      const rng = ctx.rng('rubiks-cube');
      const cube = createRubiksCube(material, ctx.duration * ctx.plan.motion.speed, () => rng.next());
      group.add(cube.group);
      // Seen from a little higher than other products, so its top face shows as well as two sides.
      return { group, height: cube.height, update: (t) => cube.update(t), view: { elevation: 22, size: cube.height * 1.1 } };
    }
    case 'podium': {
      // Two tiers, lit like any product, empty: the framing keeps the room above it a product would take.
      add(new THREE.CylinderGeometry(1.7, 1.72, 0.22, 96), main, 0.11);
      add(new THREE.CylinderGeometry(1.15, 1.15, 0.42, 96), main, 0.22 + 0.21);
      // A fine rim where the top meets the side catches the key: without it the tiers merge in flat light.
      add(new THREE.TorusGeometry(1.15, 0.012, 8, 128).rotateX(Math.PI / 2), makeMaterial('gold', '#ffffff'), 0.64);
      return { group, height: 2.4, view: { elevation: 14, size: 3.1 } };
    }
    case 'orb':
    default: {
      add(new THREE.SphereGeometry(0.9, 64, 32), main, 1.25);
      add(new THREE.CylinderGeometry(0.55, 0.7, 0.4, 48), makeMaterial('matte', new THREE.Color('#d8d4cc')), 0.2);
      height = 2.2;
      break;
    }
  }
  return { group, height };
}

export function buildProductShot(ctx: BuildContext): Shot {
  const { plan } = ctx;
  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(35, ctx.width / ctx.height, 0.05, 400);
  const subject = plan.subjects[0] ?? { kind: 'orb' as const, material: 'chrome' as const, color: plan.palette.colors[0]!, count: 1 };
  const steaming = plan.subjects.some((s) => s.kind === 'steam');
  // Steam is seen by the light it scatters: against a dark backdrop, lit from behind by the rim.
  // A palette built round a near-black ("on a black background", "black bottle") asks for a dark set.
  const lead = paletteColor(plan, 0);
  const darkSet = plan.palette.name === 'custom' && lead.r * 0.2126 + lead.g * 0.7152 + lead.b * 0.0722 < 0.01;
  const backdropColor = paletteColor(plan, 2).lerp(new THREE.Color('#d9d6d0'), 0.55).multiplyScalar(steaming ? 0.16 : darkSet ? 0.015 : 0.75);
  const { group, height: productHeight, flame, update: animate, facesLens, view, width: productWidth } = buildProduct(subject.kind, subject.material, new THREE.Color(subject.color), ctx);
  scene.add(group);
  let height = productHeight;
  const steam = steaming ? createSteam(ctx.seed, RIMS[subject.kind]?.radius ?? 0.5, 2.4) : null;
  if (steam) {
    const rim = RIMS[subject.kind]?.y ?? productHeight;
    steam.group.position.y = rim - 0.05;
    group.add(steam.group);
    if (subject.kind === 'mug') {
      // A hot drink in it: dark coffee (or tea) a little below the rim.
      const drink = new THREE.Mesh(new THREE.CircleGeometry(0.61, 48).rotateX(-Math.PI / 2), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#2a160b'), roughness: 0.3 }));
      drink.position.y = rim - 0.14;
      group.add(drink);
    }
    // Frame the plume too: it rises well above the cup.
    height = Math.max(productHeight, rim + 1.5);
  }
  // A lit candle is a low-key shot: the flame is the light; the studio is a faint fill and reflects
  // nothing (no soft boxes in the wax).
  const studio = flame ? 0.05 : steaming ? 0.45 : 1;
  // On black there is no sweep: its sheen under the key read as grey however dark its colour.
  const onBlack = darkSet && !flame;
  scene.background = onBlack ? new THREE.Color(0.004, 0.004, 0.005) : backdropColor.clone().multiplyScalar(flame ? 0.02 : 0.3);
  if (!onBlack) scene.add(studioSweep(ctx, backdropColor, paletteColor(plan, 0), {}, flame ? 0.03 : steaming ? 0.3 : 1));
  if (!flame) useStudioEnvironment(scene, paletteColor(plan, 0));

  // Soft key (large shadow blur), cool fill, hard warm-white rim.
  const key = new THREE.DirectionalLight(new THREE.Color('#fff4e8'), 2.6 * studio);
  key.position.set(-5, 7, 5);
  // By candlelight the faint key casts no shadow of its own (the flame would cast the real one).
  key.castShadow = !flame;
  key.shadow.mapSize.set(ctx.software ? 1024 : 2048, ctx.software ? 1024 : 2048);
  Object.assign(key.shadow.camera, { left: -5, right: 5, top: 6, bottom: -2, near: 1, far: 30 });
  key.shadow.radius = 6;
  key.shadow.bias = -0.0004;
  softwareShadows(ctx, key);
  const fill = new THREE.DirectionalLight(new THREE.Color('#dfe8ff'), 0.7 * studio);
  fill.position.set(6, 3, 4);
  const rim = new THREE.DirectionalLight(new THREE.Color('#ffffff'), 3.2 * (flame ? 0.06 : 1));
  rim.position.set(2, 5, -7);
  scene.add(key, fill, rim, new THREE.HemisphereLight(0xffffff, backdropColor, 0.35 * studio));

  const orbiting = plan.camera.move === 'orbit';
  const turns = orbiting || facesLens ? 0 : 0.35 * plan.camera.speed;
  const spin = ctx.rng('product').range(-0.6, 0.6);
  const spin0 = facesLens ? 0 : spin;
  const close = plan.camera.shot === 'close';
  // Distance that makes the product fill a set share of the frame height with the plan's lens, so a
  // 135 mm close-up and a 24 mm wide frame it alike.
  const share = close ? 0.95 : 0.72;
  // (Framed by height; in a narrow frame a wide thing by its width, nine tenths of the frame across.)
  const size = Math.max(view?.size ?? Math.max(height, 1.6), ((productWidth ?? 0) * 0.9) / (ctx.width / ctx.height));
  const framing: Framing = {
    target: [0, height * 0.5, 0],
    distance: size / share / (2 * viewHalfSlope(ctx)),
    azimuth: 18,
    elevation: view?.elevation ?? 12,
    minHeight: 0.3,
  };
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(0, height * 0.55, 0),
    focalRange: Math.max(1.2, height * 0.9),
    // Candlelight is kept dim: the flame bright, the room falling away into the dark.
    exposureBias: flame ? -0.4 : 0.1,
    lighting: null,
    groundHeight: () => 0,
    particleBox: { center: [0, height, 0], size: [8, height * 2 + 2, 6] },
    particleScale: 0.35,
    update(t, u) {
      group.rotation.y = spin0 + turns * Math.PI * 2 * u;
      animate?.(t, u);
      group.updateMatrixWorld();
      flame?.update(t, camera);
      steam?.update(t, camera);
    },
    dispose() {
      disposeScene(scene);
    },
  };
}

