/**
 * A suspension bridge over open water: two towers with their portal struts, the main cables hanging in a
 * parabola between the tower tops (the shape a cable takes under a deck's even load) and falling to the
 * anchorages either side, suspenders down to the deck every 12 m, traffic both ways. At dusk and night
 * the lamps along the deck, the cables' necklace of lights, the towers' red beacons and the cars' lights
 * come on and the towers are floodlit. cableHeight is the pure part.
 */
import * as THREE from 'three/webgpu';
import { float, positionWorld, smoothstep, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Metres: the main span between the towers, each side span to the anchorage, the deck's and the towers' heights over the water. */
export const MAIN_SPAN = 340;
export const SIDE_SPAN = 150;
export const DECK_HEIGHT = 40;
export const TOWER_HEIGHT = 125;
/** How far the cables are apart (either edge of the deck). */
const HALF_WIDTH = 12;
/** The cable's lowest point over the deck, at mid-span. */
const MID_CLEARANCE = 4;

/**
 * The main cable's height over the water at `x` along the bridge (0 at mid-span): a parabola from tower top
 * to tower top through MID_CLEARANCE over the deck; over each side span a shallower one down to the
 * deck at the anchorage; the deck's height beyond.
 */
export function cableHeight(x: number): number {
  const a = Math.abs(x);
  const half = MAIN_SPAN / 2;
  const low = DECK_HEIGHT + MID_CLEARANCE;
  if (a <= half) return low + (TOWER_HEIGHT - 2 - low) * (a / half) ** 2;
  if (a <= half + SIDE_SPAN) {
    // The side span's cable runs nearly straight, sagging a little below the chord.
    const u = (a - half) / SIDE_SPAN;
    const chord = TOWER_HEIGHT - 2 + (DECK_HEIGHT + 1 - (TOWER_HEIGHT - 2)) * u;
    return chord - 10 * u * (1 - u);
  }
  return DECK_HEIGHT + 1;
}

export interface Bridge {
  group: THREE.Group;
  update(t: number): void;
}

/**
 * The bridge along x through the group's origin (the water at y = 0), `colour` its steel's paint; `lit`
 * turns its lights on; `seed` places the traffic.
 */
export function createBridge(ctx: BuildContext, colour: THREE.Color, lit: boolean, rand: () => number): Bridge {
  const seed = ctx.seed;
  const group = new THREE.Group();
  // Painted steel seen from hundreds of metres: Lambert on a software rasteriser, as the landscape is.
  const steel = roughMaterial(ctx, { color: colour, roughness: 0.55 });
  if (lit) {
    // Floodlights from below: the towers glow brightest low down, fading up them.
    steel.emissiveNode = vec3(colour.r, colour.g, colour.b).mul(float(1).sub(smoothstep(DECK_HEIGHT, TOWER_HEIGHT + 10, positionWorld.y)).mul(0.35).add(0.04)) as N;
  }
  const half = MAIN_SPAN / 2;
  const reach = half + SIDE_SPAN + 400;
  const parts: THREE.BufferGeometry[] = [];
  // The deck and the stiffening truss under it.
  parts.push(new THREE.BoxGeometry(2 * reach, 1.6, 2 * HALF_WIDTH + 3).translate(0, DECK_HEIGHT, 0));
  parts.push(new THREE.BoxGeometry(2 * reach, 5, 2 * HALF_WIDTH).translate(0, DECK_HEIGHT - 3.3, 0));
  for (const x of [-half, half]) {
    for (const z of [-HALF_WIDTH, HALF_WIDTH]) {
      // Each leg tapers a little as it rises, from the pier at the water up to the saddle.
      parts.push(new THREE.CylinderGeometry(2.6, 4.2, TOWER_HEIGHT, 4, 1).rotateY(Math.PI / 4).translate(x, TOWER_HEIGHT / 2, z));
    }
    parts.push(new THREE.BoxGeometry(16, 10, 2 * HALF_WIDTH + 14).translate(x, 3, 0));
    for (const y of [DECK_HEIGHT + 28, DECK_HEIGHT + 58, TOWER_HEIGHT - 6]) parts.push(new THREE.BoxGeometry(4, 6, 2 * HALF_WIDTH).translate(x, y, 0));
  }
  const structure = new THREE.Mesh(mergeParts(parts), steel);
  structure.castShadow = true;
  structure.receiveShadow = true;
  group.add(structure);

  // The main cables, sampled every 5 m, and the suspenders down to the deck every 12 m.
  const end = half + SIDE_SPAN;
  for (const z of [-HALF_WIDTH, HALF_WIDTH]) {
    const points: THREE.Vector3[] = [];
    for (let x = -end; x <= end + 1e-6; x += 5) points.push(new THREE.Vector3(x, cableHeight(x), z));
    const cable = new THREE.Mesh(new THREE.TubeGeometry(new THREE.CatmullRomCurve3(points), points.length * 2, 0.8, 6, false), steel);
    group.add(cable);
  }
  const hangers: number[] = [];
  for (let x = -end + 6; x < end; x += 12) {
    if (Math.abs(Math.abs(x) - half) < 4) continue;
    for (const z of [-HALF_WIDTH, HALF_WIDTH]) hangers.push(x, cableHeight(x), z, x, DECK_HEIGHT + 0.8, z);
  }
  const hangerGeo = new THREE.BufferGeometry();
  hangerGeo.setAttribute('position', new THREE.Float32BufferAttribute(hangers, 3));
  const hangerMat = new THREE.LineBasicNodeMaterial({ color: colour.clone().multiplyScalar(lit ? 0.6 : 0.8) });
  group.add(new THREE.LineSegments(hangerGeo, hangerMat));

  // Lights, when lit: lamps along both edges of the deck, the necklace along the cables, beacons on the towers.
  if (lit) {
    const spots: Array<[number, number, number, THREE.Color]> = [];
    const sodium = new THREE.Color('#ffb35a').multiplyScalar(6);
    const necklace = new THREE.Color('#fff2d8').multiplyScalar(5);
    const beacon = new THREE.Color('#ff2a1a').multiplyScalar(8);
    for (let x = -reach; x <= reach; x += 18) for (const z of [-HALF_WIDTH - 1.2, HALF_WIDTH + 1.2]) spots.push([x, DECK_HEIGHT + 4, z, sodium]);
    for (let x = -end; x <= end; x += 10) for (const z of [-HALF_WIDTH, HALF_WIDTH]) spots.push([x, cableHeight(x) + 0.9, z, necklace]);
    for (const x of [-half, half]) for (const z of [-HALF_WIDTH, HALF_WIDTH]) spots.push([x, TOWER_HEIGHT + 0.8, z, beacon]);
    const lamps = new THREE.InstancedMesh(new THREE.SphereGeometry(0.7, 8, 6), new THREE.MeshBasicNodeMaterial(), spots.length);
    const m = new THREE.Matrix4();
    spots.forEach(([x, y, z, c], i) => {
      lamps.setMatrixAt(i, m.makeTranslation(x, y, z));
      lamps.setColorAt(i, c);
    });
    group.add(lamps);
  }

  // Traffic: cars in two lanes each way, at 20 to 26 m/s, wrapping along the deck; at night their
  // headlights (coming) and tail lights (going).
  const perLane = 14;
  const cars = new THREE.InstancedMesh(new THREE.BoxGeometry(4.4, 1.5, 1.9), lit ? new THREE.MeshBasicNodeMaterial() : roughMaterial(ctx, { roughness: 0.35 }), perLane * 4);
  const traffic: Array<{ lane: number; x0: number; v: number }> = [];
  const dayColours = ['#d8d8d8', '#1c1c1e', '#8a1c1c', '#2b4a7a', '#9aa0a6', '#f0f0ee'];
  for (let lane = 0; lane < 4; lane++) {
    for (let k = 0; k < perLane; k++) {
      const dir = lane < 2 ? 1 : -1;
      traffic.push({ lane, x0: ((k + rand() * 0.6) / perLane) * 2 * reach - reach, v: dir * (20 + 6 * rand()) });
      const c = lit ? new THREE.Color(dir > 0 ? '#ff3b2a' : '#fff4e0').multiplyScalar(dir > 0 ? 3 : 5) : new THREE.Color(dayColours[(k + lane * 3 + seed) % dayColours.length]!);
      cars.setColorAt(traffic.length - 1, c);
    }
  }
  cars.frustumCulled = false;
  group.add(cars);
  const m = new THREE.Matrix4();
  const laneZ = [-7.5, -3.5, 3.5, 7.5];
  return {
    group,
    update(t) {
      traffic.forEach((c, i) => {
        const x = ((((c.x0 + c.v * t + reach) % (2 * reach)) + 2 * reach) % (2 * reach)) - reach;
        cars.setMatrixAt(i, m.makeTranslation(x, DECK_HEIGHT + 1.6, laneZ[c.lane]!));
      });
      cars.instanceMatrix.needsUpdate = true;
    },
  };
}
