/**
 * A container ship at sea (logistics and shipping B-roll): a long dark hull with a raked bow and a red
 * boot-topping at the waterline, containers stacked in bays along the deck in the colours lines paint
 * them, the bridge and its funnel at the stern; far out, steaming slowly across the view. At night its
 * deck lights and the bridge's windows are lit. The stacks' layout is pure (tested without a GPU).
 */
import * as THREE from 'three/webgpu';
import { mergeParts, paintVertices, roughMaterial } from './common.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/** A feeder-to-Panamax ship's size, metres: 180 m long, 30 m beam. */
export const SHIP_LENGTH = 180;
const BEAM = 30;
/** A forty-foot container: 12.2 x 2.6 x 2.4 m. */
const BOX: [number, number, number] = [12.2, 2.6, 2.44];
const LINE_COLOURS = ['#b8322a', '#1f5fa8', '#2f7d4a', '#d9a13b', '#7a7f86', '#e2e0da', '#8a3a7a', '#0f6e79', '#c2561f'];

/**
 * Containers on deck: bays of forty-footers along the ship ahead of the bridge, rows across the beam, tiers
 * stacked to a height that varies a little bay to bay (a loaded ship is never level). Pure: centres in the
 * ship's frame (x along it, y up from the deck, z across) and a colour index.
 */
export function stackContainers(rand: () => number): Array<{ at: [number, number, number]; colour: number }> {
  const out: Array<{ at: [number, number, number]; colour: number }> = [];
  const rows = 11;
  // Nine bays: a tenth stood over the bow's taper, its outer rows overhanging the hull.
  const bays = 9;
  for (let b = 0; b < bays; b++) {
    const x = -SHIP_LENGTH / 2 + 38 + b * (BOX[0] + 0.8);
    const tiers = 3 + Math.floor(rand() * 3);
    for (let r = 0; r < rows; r++) {
      const z = (r - (rows - 1) / 2) * BOX[2] * 1.02;
      // Outer rows a tier lower, the stack's shoulders.
      const here = r === 0 || r === rows - 1 ? tiers - 1 : tiers;
      for (let t = 0; t < here; t++) out.push({ at: [x, BOX[1] / 2 + t * BOX[1], z], colour: Math.floor(rand() * LINE_COLOURS.length) });
    }
  }
  return out;
}

function hullGeometry(): THREE.BufferGeometry {
  // The hull's plan: straight sides, a pointed bow at +x, a square transom at -x; 14 m deep, 4 m of it
  // above the water (the rest is under it and not drawn).
  const half = BEAM / 2;
  const shape = new THREE.Shape([
    new THREE.Vector2(-SHIP_LENGTH / 2, -half),
    new THREE.Vector2(SHIP_LENGTH / 2 - 28, -half),
    new THREE.Vector2(SHIP_LENGTH / 2, 0),
    new THREE.Vector2(SHIP_LENGTH / 2 - 28, half),
    new THREE.Vector2(-SHIP_LENGTH / 2, half),
  ]);
  const g = new THREE.ExtrudeGeometry(shape, { depth: 9, bevelEnabled: false }).rotateX(-Math.PI / 2).translate(0, -5, 0);
  const dark = new THREE.Color('#1d2430');
  const red = new THREE.Color('#8e2a22');
  return paintVertices(g, (p) => (p.y < -3.2 ? red : dark));
}

function bridgeGeometry(): THREE.BufferGeometry {
  const white = new THREE.Color('#e6e4de');
  const x = -SHIP_LENGTH / 2 + 16;
  return mergeParts([
    paintVertices(new THREE.BoxGeometry(14, 22, BEAM - 4).translate(x, 15, 0), white),
    // The bridge wings, wider than the house.
    paintVertices(new THREE.BoxGeometry(8, 2, BEAM + 2).translate(x + 2, 25, 0), white),
    paintVertices(new THREE.BoxGeometry(6, 12, 5).translate(x - 6, 24, 0), new THREE.Color('#1b1c1f')),
  ]);
}

export const createShip: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('ship');
  const night = ctx.plan.timeOfDay === 'night' || ctx.plan.timeOfDay === 'dusk';
  const tanH = view.tanV * aspect;
  // Far out, where the ship is about a third of the frame's width.
  const d = SHIP_LENGTH / (0.34 * 2 * tanH);
  const ahead = view.at(0, 0, 1).sub(view.camera).setY(0).normalize();
  const right = new THREE.Vector3(-ahead.z, 0, ahead.x);
  const direction = rng.next() < 0.5 ? 1 : -1;
  const centre = view.camera.clone().addScaledVector(ahead, d).addScaledVector(right, -direction * 0.12 * 2 * tanH * d);
  centre.y = shot.groundHeight(centre.x, centre.z);
  const group = new THREE.Group();
  const ship = new THREE.Group();
  ship.position.copy(centre);
  // Seen a little from its bow quarter, not flat side on.
  ship.rotation.y = Math.atan2(-(right.z * direction), right.x * direction) + direction * 0.18;
  group.add(ship);
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.7 });
  ship.add(new THREE.Mesh(hullGeometry(), mat));
  ship.add(new THREE.Mesh(bridgeGeometry(), mat));
  const boxes = stackContainers(() => rng.next());
  const containers = new THREE.InstancedMesh(new THREE.BoxGeometry(...BOX), roughMaterial(ctx, { roughness: 0.8 }), boxes.length);
  const m = new THREE.Matrix4();
  boxes.forEach((b, i) => {
    containers.setMatrixAt(i, m.makeTranslation(b.at[0], 4 + b.at[1], b.at[2]));
    containers.setColorAt(i, new THREE.Color(LINE_COLOURS[b.colour]!).multiplyScalar(0.8 + 0.2 * rng.next()));
  });
  ship.add(containers);
  if (night) {
    // The bridge's windows and the deck lights: unlit, warm.
    const lit = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#ffd89a').multiplyScalar(2.5) });
    const windows = new THREE.Mesh(new THREE.BoxGeometry(14.2, 1.4, BEAM - 3.6).translate(-SHIP_LENGTH / 2 + 16, 22.5, 0), lit);
    ship.add(windows);
    const lamps = new THREE.InstancedMesh(new THREE.SphereGeometry(0.9, 8, 6), lit, 8);
    for (let i = 0; i < 8; i++) lamps.setMatrixAt(i, m.makeTranslation(-SHIP_LENGTH / 2 + 40 + i * 16, 20, 0));
    ship.add(lamps);
  }
  for (const o of ship.children) {
    o.castShadow = false;
    o.receiveShadow = false;
  }
  // Steaming at about 7 m/s (14 knots): across a few per cent of the frame in a clip, as a ship far out does.
  const speed = 7;
  const along = new THREE.Vector3(1, 0, 0).applyQuaternion(ship.quaternion);
  return {
    group,
    update(t) {
      ship.position.copy(centre).addScaledVector(along, speed * t);
      // A slow roll and pitch in the swell.
      ship.rotation.x = 0.006 * Math.sin(t * 0.5);
      ship.rotation.z = 0.004 * Math.sin(t * 0.37 + 1);
    },
  };
};
