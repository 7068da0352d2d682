/**
 * A country road through a landscape (mountains, desert, meadow, forest): a centre line that winds as
 * it runs away from the camera (towards -z), the terrain levelled under it and its verges, a strip of
 * asphalt with its markings laid on top, and cars driving on it. The terrain is carved through its
 * height function (carveRoad), so trees, the camera and the cars all see the same ground.
 */
import * as THREE from 'three/webgpu';
import { RoundedBoxGeometry } from 'three/addons/geometries/RoundedBoxGeometry.js';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { vec3, float, uv, fwidth, max, mix, positionWorld, texture } from 'three/tsl';
import { type BuildContext, filteredPulse, noiseTexture, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface RoadPath {
  /** x of the centre line at z. */
  centre(z: number): number;
  /** Half the paved width, metres. */
  halfWidth: number;
  /** Nearest and farthest z of the road (near > far: it runs towards -z). */
  near: number;
  far: number;
}

/** The road's direction of travel at z, away from the camera: a unit vector in the ground plane. */
export function roadHeading(path: RoadPath, z: number): { x: number; z: number; yaw: number } {
  const slope = (path.centre(z + 0.5) - path.centre(z - 0.5)) / 1;
  const len = Math.hypot(slope, 1);
  // Going towards -z, x changes by -slope per metre.
  return { x: -slope / len, z: -1 / len, yaw: Math.atan2(slope, 1) };
}

/**
 * The terrain with the road's bed levelled into it: across the paved width and a verge of `verge`
 * metres the ground is at the bed height (the terrain's own height along the centre line, averaged over
 * `smooth` metres so the road does not follow every bump), blending back to the terrain beyond.
 * `weight(z)` (0 to 1) fades the levelling out, where the road gives way to terrain it should not cut.
 */
export function carveRoad(
  height: (x: number, z: number) => number,
  path: RoadPath,
  opts: { verge?: number; blend?: number; smooth?: number; weight?: (z: number) => number } = {},
): (x: number, z: number) => number {
  const verge = opts.verge ?? 3;
  const blend = opts.blend ?? 10;
  const smooth = opts.smooth ?? 12;
  const bed = (z: number): number => {
    let sum = 0;
    for (const dz of [-1, -0.5, 0, 0.5, 1]) sum += height(path.centre(z + dz * smooth), z + dz * smooth);
    return sum / 5;
  };
  const carved = (x: number, z: number): number => {
    const h = height(x, z);
    if (z > path.near + blend || z < path.far - blend) return h;
    const off = Math.abs(x - path.centre(z)) - path.halfWidth - verge;
    if (off > blend) return h;
    const along = Math.min(1, Math.max(0, (path.near + blend - z) / blend), Math.max(0, (z - path.far + blend) / blend));
    const t = off <= 0 ? 1 : 1 - smoothstep01(off / blend);
    const w = t * along * (opts.weight ? opts.weight(z) : 1);
    return h + (bed(z) - h) * w;
  };
  return carved;
}

function smoothstep01(t: number): number {
  const c = Math.min(1, Math.max(0, t));
  return c * c * (3 - 2 * c);
}

/** Whether (x, z) is clear of the road and its verges (for trees and rocks). */
export function offRoad(path: RoadPath, x: number, z: number, margin = 4): boolean {
  if (z > path.near + margin || z < path.far - margin) return true;
  return Math.abs(x - path.centre(z)) > path.halfWidth + margin;
}

/**
 * The paved strip, following the carved ground 6 cm above it (and drawn with a depth bias, so it never
 * flickers against the terrain under it): asphalt with a dashed centre line and solid edge lines, each
 * line box-filtered by the pixel's footprint so it stays a line into the distance.
 */
export function buildRoadMesh(ctx: BuildContext, path: RoadPath, ground: (x: number, z: number) => number, opts: { night: boolean }): THREE.Mesh {
  const step = 2;
  const rows = Math.max(2, Math.ceil((path.near - path.far) / step) + 1);
  const positions = new Float32Array(rows * 2 * 3);
  const uvs = new Float32Array(rows * 2 * 2);
  let along = 0;
  let prev: [number, number] | null = null;
  for (let i = 0; i < rows; i++) {
    const z = path.near - ((path.near - path.far) * i) / (rows - 1);
    const cx = path.centre(z);
    const h = roadHeading(path, z);
    // Right of the direction of travel.
    const rx = -h.z;
    const rz = h.x;
    if (prev) along += Math.hypot(cx - prev[0], z - prev[1]);
    prev = [cx, z];
    for (let k = 0; k < 2; k++) {
      const side = k === 0 ? -1 : 1;
      const x = cx + rx * side * path.halfWidth;
      const zz = z + rz * side * path.halfWidth;
      positions.set([x, ground(x, zz) + 0.06, zz], (i * 2 + k) * 3);
      uvs.set([k, along], (i * 2 + k) * 2);
    }
  }
  const index: number[] = [];
  for (let i = 0; i < rows - 1; i++) {
    const a = i * 2;
    // Counter-clockwise seen from above (rows run towards -z, left before right).
    index.push(a, a + 1, a + 2, a + 1, a + 3, a + 2);
  }
  const geo = new THREE.BufferGeometry();
  geo.setAttribute('position', new THREE.BufferAttribute(positions, 3));
  geo.setAttribute('uv', new THREE.BufferAttribute(uvs, 2));
  geo.setIndex(index);
  geo.computeVertexNormals();

  const mat = roughMaterial(ctx, { roughness: 0.75 });
  const across: N = uv().x;
  const metres: N = uv().y;
  const w: N = max(fwidth(across), 1e-5);
  const wm: N = max(fwidth(metres), 1e-4);
  const widthUnits = 1 / (2 * path.halfWidth); // metres -> across units
  const lineWidth = 0.15 * widthUnits;
  const centreLine: N = filteredPulse(0.5 - lineWidth / 2, 0.5 + lineWidth / 2, across, w).mul(filteredPulse(0, 0.5, metres.div(12), wm.div(12)));
  const edge = 0.35 * widthUnits;
  const edges: N = filteredPulse(edge, edge + lineWidth, across, w).add(filteredPulse(1 - edge - lineWidth, 1 - edge, across, w));
  const grit: N = texture(noiseTexture(ctx.seed, 256, 8, 5), positionWorld.xz.mul(0.21)).b.mul(0.35).add(0.82);
  const asphalt: N = vec3(0.055, 0.056, 0.06).mul(grit);
  const paint: N = vec3(0.78, 0.76, 0.7);
  mat.colorNode = mix(asphalt, paint, centreLine.add(edges).clamp(0, 1)) as N;
  // At night the lines catch the headlights' glow faintly.
  if (opts.night) mat.emissiveNode = paint.mul(centreLine.add(edges).clamp(0, 1)).mul(0.02) as N;
  mat.polygonOffset = true;
  mat.polygonOffsetFactor = -2;
  mat.polygonOffsetUnits = -2;
  const mesh = new THREE.Mesh(geo, mat);
  mesh.receiveShadow = true;
  return mesh;
}

/**
 * One car as a single geometry for instancing (the city's traffic by day): body and glasshouse as rounded
 * boxes and four wheels, front towards -z, with vertex colours that a material's colour and the
 * instance's colour multiply: 1 on the paintwork, near black on glass and tyres.
 */
export function carBodyGeometry(): THREE.BufferGeometry {
  const part = (geo: THREE.BufferGeometry, x: number, y: number, z: number, shade: number) => {
    const g = (geo.index ? geo.toNonIndexed() : geo).translate(x, y, z);
    const n = g.getAttribute('position').count;
    g.setAttribute('color', new THREE.Float32BufferAttribute(new Array(n * 3).fill(shade), 3));
    g.deleteAttribute('uv');
    return g;
  };
  const parts = [part(new RoundedBoxGeometry(1.86, 0.62, 4.4, 2, 0.18), 0, 0.62, 0, 1), part(new RoundedBoxGeometry(1.58, 0.52, 2.3, 2, 0.2), 0, 1.14, 0.2, 0.04)];
  for (const [x, z] of [[-0.86, -1.38], [0.86, -1.38], [-0.86, 1.42], [0.86, 1.42]] as const) parts.push(part(new THREE.CylinderGeometry(0.34, 0.34, 0.26, 14).rotateZ(Math.PI / 2), x, 0.34, z, 0.03));
  const merged = mergeGeometries(parts)!;
  for (const g of parts) g.dispose();
  return merged;
}

export interface Car {
  group: THREE.Group;
  /** Places the car at clip time t (seconds). */
  update(t: number): void;
}

/**
 * A car (carBodyGeometry, with lamps) driving along the
 * road in the right-hand lane at `speed` m/s from `startZ` (towards -z; oncoming cars towards +z). It
 * casts no shadow map (that would be re-rendered every frame): a soft dark patch under it grounds it.
 */
export function createCar(
  path: RoadPath,
  ground: (x: number, z: number) => number,
  opts: { color: THREE.Color; startZ: number; speed: number; oncoming?: boolean; lightsOn: boolean },
): Car {
  const group = new THREE.Group();
  // Paint (the vertex colours keep glass and tyres near black under it).
  group.add(new THREE.Mesh(carBodyGeometry(), new THREE.MeshStandardNodeMaterial({ vertexColors: true, color: opts.color, roughness: 0.28, metalness: 0.45 })));
  // Lamps: the front is -z (the direction of travel).
  const head = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color(1, 0.96, 0.86).multiplyScalar(opts.lightsOn ? 6 : 0.9) });
  const tail = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color(1, 0.08, 0.05).multiplyScalar(opts.lightsOn ? 4 : 0.6) });
  for (const side of [-1, 1]) {
    const h = new THREE.Mesh(new THREE.BoxGeometry(0.38, 0.12, 0.05), head);
    h.position.set(side * 0.62, 0.72, -2.21);
    const r = new THREE.Mesh(new THREE.BoxGeometry(0.42, 0.1, 0.05), tail);
    r.position.set(side * 0.6, 0.76, 2.21);
    group.add(h, r);
  }
  // Contact shadow: darkest under the car, fading out past its footprint.
  const shadowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false });
  const d: N = uv().sub(0.5).mul(2).length();
  shadowMat.colorNode = vec3(0, 0, 0) as N;
  shadowMat.opacityNode = float(1).sub(d).clamp(0, 1).pow(1.5).mul(0.55) as N;
  const shadow = new THREE.Mesh(new THREE.PlaneGeometry(2.8, 5.6).rotateX(-Math.PI / 2), shadowMat);
  shadow.position.y = 0.03;
  group.add(shadow);
  group.traverse((o) => {
    o.castShadow = false;
    o.receiveShadow = false;
  });
  const lane = path.halfWidth / 2;
  return {
    group,
    update(t: number) {
      const z = opts.startZ + (opts.oncoming ? 1 : -1) * opts.speed * t;
      const h = roadHeading(path, z);
      // Right-hand lane of its own direction of travel.
      const side = opts.oncoming ? -1 : 1;
      const x = path.centre(z) + -h.z * side * lane;
      const zz = z + h.x * side * lane;
      group.position.set(x, ground(x, zz) + 0.06, zz);
      group.rotation.set(0, h.yaw + (opts.oncoming ? Math.PI : 0), 0);
    },
  };
}
