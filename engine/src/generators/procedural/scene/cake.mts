/**
 * A birthday cake on a cake stand: two round tiers under frosting, a piped border round each top edge,
 * sprinkles over the top, and birthday candles, striped and lit, in a ring (one in the middle for a
 * single one); a low-key shot, the candles' flames its light. candlePlaces is the pure part.
 */
import * as THREE from 'three/webgpu';
import { createCandleFlame, type CandleFlame } from './candle.mjs';
import { partAdder } from './common.mjs';

/** Tier radii and heights, the lower first (scene units of about 10 cm). */
const TIERS: Array<{ radius: number; height: number }> = [
  { radius: 1.25, height: 0.75 },
  { radius: 0.85, height: 0.6 },
];
const STAND = 0.28;
export const MAX_CANDLES = 12;

/** Where `count` candles stand on a top of `radius`: one in the middle, else a ring 70% of the way out. */
export function candlePlaces(count: number, radius: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(MAX_CANDLES, Math.round(count)));
  if (n === 1) return [[0, 0]];
  return Array.from({ length: n }, (_, i) => {
    const a = (i / n) * Math.PI * 2 + 0.3;
    return [Math.cos(a) * radius * 0.7, Math.sin(a) * radius * 0.7];
  });
}

export interface Cake {
  group: THREE.Group;
  height: number;
  /** Across the cake stand. */
  width: number;
  /** All the candles' flames as one: the shot's light. */
  flame: CandleFlame;
}

/** `frosting` the frosting's colour; `candles` how many. */
export function createBirthdayCake(seed: number, frosting: THREE.Color, candles: number, rand: () => number): Cake {
  const group = new THREE.Group();
  const cream = new THREE.MeshStandardNodeMaterial({ color: frosting, roughness: 0.55, metalness: 0 });
  const standMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#e9e6e1'), roughness: 0.25, metalness: 0 });
  const add = partAdder(group);
  // The stand: a plate on a short foot.
  add(new THREE.CylinderGeometry(1.55, 1.6, 0.06, 64), standMat).position.y = STAND;
  add(new THREE.CylinderGeometry(0.35, 0.6, STAND, 48), standMat).position.y = STAND / 2;
  let y = STAND + 0.03;
  for (const tier of TIERS) {
    add(new THREE.CylinderGeometry(tier.radius, tier.radius, tier.height, 72), cream).position.y = y + tier.height / 2;
    y += tier.height;
    // The piped border: a ring of little beads of frosting round the top edge.
    const beads = Math.round(tier.radius * 30);
    const bead = new THREE.SphereGeometry(0.07, 10, 8);
    const ring = new THREE.InstancedMesh(bead, cream, beads);
    const m = new THREE.Matrix4();
    for (let i = 0; i < beads; i++) {
      const a = (i / beads) * Math.PI * 2;
      ring.setMatrixAt(i, m.makeTranslation(Math.cos(a) * (tier.radius - 0.04), y + 0.02, Math.sin(a) * (tier.radius - 0.04)));
    }
    ring.castShadow = true;
    group.add(ring);
  }
  const top = y;
  const topRadius = TIERS[TIERS.length - 1]!.radius;
  // Sprinkles: little rods in bright colours, scattered over the top.
  const colours = ['#ff4f7b', '#ffd23f', '#3ec1ff', '#7cf08a', '#ffffff', '#b77bff'].map((c) => new THREE.Color(c));
  const sprinkles = new THREE.InstancedMesh(new THREE.CapsuleGeometry(0.012, 0.05, 2, 6), new THREE.MeshStandardNodeMaterial({ roughness: 0.4 }), 140);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  for (let i = 0; i < 140; i++) {
    const r = Math.sqrt(rand()) * (topRadius - 0.12);
    const a = rand() * Math.PI * 2;
    q.setFromEuler(new THREE.Euler(Math.PI / 2, 0, rand() * Math.PI));
    sprinkles.setMatrixAt(i, m.compose(new THREE.Vector3(Math.cos(a) * r, top + 0.012, Math.sin(a) * r), q, new THREE.Vector3(1, 1, 1)));
    sprinkles.setColorAt(i, colours[i % colours.length]!);
  }
  group.add(sprinkles);

  // The candles: slim, spiral-striped, each with its own flame; one of them lights the shot.
  const stripe = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#f4f1ea'), roughness: 0.5 });
  const places = candlePlaces(candles, topRadius);
  const candleHeight = 0.5;
  const flames: CandleFlame[] = [];
  places.forEach(([x, z], i) => {
    const body = new THREE.Mesh(new THREE.CylinderGeometry(0.035, 0.035, candleHeight, 12), i % 2 ? stripe : new THREE.MeshStandardNodeMaterial({ color: colours[i % 4]!, roughness: 0.5 }));
    body.position.set(x, top + candleHeight / 2, z);
    body.castShadow = true;
    group.add(body);
    // (One light for all of them, brighter for more candles: a point light each costs a shading pass.)
    const flame = createCandleFlame(seed + i * 13, 0.2, i === 0 ? 5 + places.length * 0.8 : 0);
    flame.group.position.set(x, top + candleHeight + 0.01, z);
    if (i > 0) flame.group.remove(flame.light);
    group.add(flame.group);
    flames.push(flame);
  });
  // The room gives back some of the candles' light: a faint warm fill from the camera's side, without
  // which the cake's sides, facing away from the flames, were black against the lit backdrop.
  const fill = new THREE.PointLight(new THREE.Color('#ffb26b'), 2.2, 0, 2);
  fill.position.set(0.4, top + 0.4, 2.6);
  group.add(fill);
  return {
    group,
    height: top + candleHeight + 0.3,
    width: 3.2,
    flame: {
      group: flames[0]!.group,
      light: flames[0]!.light,
      update(t, camera) {
        for (const f of flames) f.update(t, camera);
      },
    },
  };
}
