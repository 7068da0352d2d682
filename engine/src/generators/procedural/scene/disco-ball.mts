/**
 * A mirror ball turning in a dark room: a sphere of small flat mirror tiles in rings (fewer towards the
 * poles, as real ones are tiled), lit by two pin spots. Each tile throws a spot of its light on the walls
 * and floor; the spots wheel round the room as the ball turns, and faint beams through the haze join the
 * ball to them. Tiles facing a light towards the lens flash.
 *
 * No per-tile geometry and no loop over tiles in a shader: the tile a direction falls in is arithmetic
 * (`tileAt`), and the wall finds the one tile that could light it from the half vector between the
 * direction to the wall point and the direction to the light (a flat mirror reflects the light there only
 * if its normal is that half vector). The same layout, pure, places the beams on the CPU.
 */
import * as THREE from 'three/webgpu';
import { asin, atan, clamp, cos, dot, exp, float, floor, fract, fwidth, length, max, normalize, positionLocal, positionWorld, cameraPosition, pow, reflect, sin, smoothstep, uniform, uv, vec3 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

type Vec3 = [number, number, number];

/** A tile's angular size (radians): about 2 200 tiles over the sphere. */
export const TILE = 0.075;
/** How far (as a share of a tile) each tile's mirror is tipped off true: real balls are hand-tiled. */
const JITTER = 0.28;
/** Angular radius, in half-vector space, of the spot one tile throws (half the spot's size seen from the ball). */
const SPOT = 0.0085;

/**
 * The tile of the ball's surface in object-space direction n: its ring, its index in the ring, the ring's
 * tile count and the unit normal of the tile's mirror (its centre, tipped by the tile's own jitter). Pure;
 * the shaders below do the same arithmetic.
 */
export function tileAt(n: Vec3): { ring: number; index: number; count: number; normal: Vec3 } {
  const lat = Math.asin(Math.max(-1, Math.min(1, n[1])));
  const ring = Math.floor((lat + Math.PI / 2) / TILE);
  const count = ringCount(ring);
  const u = ((Math.atan2(n[2], n[0]) + Math.PI) / (2 * Math.PI)) * count;
  const index = Math.min(count - 1, Math.floor(u));
  return { ring, index, count, normal: tileNormal(ring, index, count) };
}

/** The rings of tiles from the south pole up. */
export const RINGS = Math.ceil(Math.PI / TILE);

/** How many tiles ring `ring` holds: as many as fit round it at its middle latitude (fewer near the poles). */
export function ringCount(ring: number): number {
  const latC = (ring + 0.5) * TILE - Math.PI / 2;
  return Math.max(1, Math.floor(Math.cos(latC) * ((2 * Math.PI) / TILE) + 0.5));
}

/** The mirror normal of tile `index` of `ring` (of `count` tiles), jittered by the tile's own id. */
export function tileNormal(ring: number, index: number, count: number): Vec3 {
  const id = ring * 997 + index;
  const jLat = (frac(id * 0.6180339887) - 0.5) * JITTER * TILE;
  const jLon = (frac(id * 0.7548776662) - 0.5) * JITTER * TILE;
  const lat = (ring + 0.5) * TILE - Math.PI / 2 + jLat;
  const lon = ((index + 0.5) / count) * 2 * Math.PI - Math.PI + jLon;
  return [Math.cos(lat) * Math.cos(lon), Math.sin(lat), Math.cos(lat) * Math.sin(lon)];
}

function frac(x: number): number {
  return x - Math.floor(x);
}

/** The same tile lookup in TSL: the tile's mirror normal (object space) and how far inside it n lies (0 at an edge). */
function tileNode(n: N): { normal: N; inside: N; id: N } {
  const lat: N = asin(clamp(n.y, -1, 1));
  const v: N = lat.add(Math.PI / 2).div(TILE);
  const ring: N = floor(v);
  const latC: N = ring.add(0.5).mul(TILE).sub(Math.PI / 2);
  const count: N = max(1, floor(cos(latC).mul((2 * Math.PI) / TILE).add(0.5)));
  const u: N = atan(n.z, n.x).add(Math.PI).div(2 * Math.PI).mul(count);
  const index: N = floor(u);
  const id: N = ring.mul(997).add(index);
  const jLat: N = fract(id.mul(0.6180339887)).sub(0.5).mul(JITTER * TILE);
  const jLon: N = fract(id.mul(0.7548776662)).sub(0.5).mul(JITTER * TILE);
  const la: N = latC.add(jLat);
  const lo: N = index.add(0.5).div(count).mul(2 * Math.PI).sub(Math.PI).add(jLon);
  const normal: N = vec3(cos(la).mul(cos(lo)), sin(la), cos(la).mul(sin(lo)));
  const fu: N = fract(u);
  const fv: N = fract(v);
  const inside: N = max(float(0), fu.min(fu.oneMinus()).min(fv.min(fv.oneMinus())));
  return { normal, inside, id };
}

/** Turns v about +Y by `angle` (the ball's spin). */
function turnY(v: N, angle: N): N {
  const c: N = cos(angle);
  const s: N = sin(angle);
  return vec3(v.x.mul(c).add(v.z.mul(s)), v.y, v.z.mul(c).sub(v.x.mul(s)));
}

export interface DiscoLight {
  /** Unit direction from the ball towards the light. */
  direction: Vec3;
  colour: THREE.Color;
}

export interface DiscoBall {
  group: THREE.Group;
  /** The ball's centre. */
  center: THREE.Vector3;
  update(t: number): void;
}

/**
 * A ball of `radius` at `center` in a room `halfWidth` either side, `height` high from floor y = 0, turning
 * at `spin` radians a second, lit by `lights`.
 */
export function createDiscoBall(opts: { radius: number; center: Vec3; halfWidth: number; height: number; spin: number; lights: DiscoLight[] }): DiscoBall {
  const group = new THREE.Group();
  const center = new THREE.Vector3(...opts.center);
  const angle = uniform(0);
  const lights = opts.lights.map((l) => ({ dir: vec3(...l.direction), colour: vec3(l.colour.r, l.colour.g, l.colour.b), cpu: l }));

  // ---------------------------------------------------------------- the ball
  const ballMat = new THREE.MeshBasicNodeMaterial({ fog: false });
  {
    const tile = tileNode(normalize(positionLocal));
    const nWorld: N = turnY(tile.normal, angle);
    const view: N = normalize(positionWorld.sub(cameraPosition));
    const r: N = reflect(view, nWorld);
    // A dull grey mirror of the dark room, each tile a little different, the grout black.
    let colour: N = vec3(0.035).add(fract(tile.id.mul(0.3819660113)).mul(0.07)).add(max(r.y, 0).mul(0.05));
    for (const l of lights) {
      // A tile flashes when it sends its light to the lens; the ones near it glow.
      const a: N = dot(r, l.dir);
      colour = colour.add(l.colour.mul(smoothstep(0.988, 0.998, a).mul(5).add(pow(max(a, 0), 60).mul(0.2))));
    }
    ballMat.colorNode = colour.mul(smoothstep(0.02, 0.08, tile.inside));
  }
  const ball = new THREE.Mesh(new THREE.SphereGeometry(opts.radius, 96, 48), ballMat);
  ball.position.copy(center);
  group.add(ball);
  // The rod it hangs from.
  const rodMat = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#0c0c0d'), fog: false });
  const rod = new THREE.Mesh(new THREE.CylinderGeometry(0.015, 0.015, opts.height - center.y, 8), rodMat);
  rod.position.set(center.x, (opts.height + center.y) / 2, center.z);
  group.add(rod);

  // ---------------------------------------------------------------- the room and its spots
  const roomMat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, fog: false });
  {
    const toPoint: N = positionWorld.sub(vec3(center.x, center.y, center.z));
    const dist: N = length(toPoint);
    const w: N = toPoint.div(dist);
    // Barely lit walls: a little light spilled from the spots, lighter towards the floor's middle.
    let colour: N = vec3(0.012, 0.012, 0.016);
    for (const l of lights) {
      const h: N = turnY(normalize(w.add(l.dir)), angle.negate());
      const tile = tileNode(h);
      const off: N = length(h.sub(tile.normal));
      // Far spots (on the floor's far side) shrink below a pixel: dimmed by as much, they fade instead of
      // sparkling.
      // (The footprint of h, which is continuous; `off` jumps at the tiles' edges.)
      const fw: N = length(fwidth(h));
      const spot: N = smoothstep(SPOT, SPOT * 0.45, off).mul(clamp(float(SPOT).div(fw.mul(2)), 0, 1));
      // Spots fade with distance from the ball (each tile's beam spreads) and where the beam grazes the wall.
      const fall: N = float(36).div(dist.mul(dist).add(12));
      colour = colour.add(l.colour.mul(spot.mul(fall).mul(1.6)));
    }
    roomMat.colorNode = colour;
  }
  const w = opts.halfWidth;
  const room = new THREE.Mesh(new THREE.BoxGeometry(2 * w, opts.height, 2 * w), roomMat);
  room.position.set(0, opts.height / 2, 0);
  group.add(room);

  // ---------------------------------------------------------------- beams through the haze
  // One tile in about thirty: all of them would fill the room with a fog of lines.
  const beamTiles: Vec3[] = [];
  for (let ring = 0; ring < RINGS; ring++) {
    const count = ringCount(ring);
    for (let index = 0; index < count; index++) if (frac((ring * 997 + index) * 0.1234567) < 0.035) beamTiles.push(tileNormal(ring, index, count));
  }
  // Short and faint: beams sent towards the lens pass beside it, and at full length they were wedges of light.
  const beamLength = 4;
  const beamGeo = new THREE.CylinderGeometry(0.004, 0.025, beamLength, 6, 1, true).translate(0, beamLength / 2, 0);
  const beamMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  const instances = beamTiles.length * lights.length;
  const beamColour = new THREE.InstancedBufferAttribute(new Float32Array(instances * 3), 3);
  const beams = new THREE.InstancedMesh(beamGeo, beamMat, instances);
  beams.instanceColor = beamColour;
  // Brightest near the ball, fading along the beam.
  beamMat.colorNode = vec3(1).mul(exp(uv().y.oneMinus().mul(-3))).mul(0.07);
  beams.frustumCulled = false;
  group.add(beams);
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const up = new THREE.Vector3(0, 1, 0);
  const r = new THREE.Vector3();
  const n = new THREE.Vector3();
  const L = new THREE.Vector3();
  const one = new THREE.Vector3(1, 1, 1);
  const zero = new THREE.Matrix4().makeScale(0, 0, 0);
  lights.forEach((l, k) => beamTiles.forEach((_, i) => beamColour.setXYZ(k * beamTiles.length + i, l.cpu.colour.r, l.cpu.colour.g, l.cpu.colour.b)));

  return {
    group,
    center,
    update(t) {
      const a = opts.spin * t;
      angle.value = a;
      ball.rotation.y = a;
      const c = Math.cos(a);
      const s = Math.sin(a);
      lights.forEach((l, k) => {
        L.set(...l.cpu.direction);
        beamTiles.forEach((tn, i) => {
          // The tile's normal turned with the ball (as turnY in the shaders), and the light reflected in it.
          n.set(tn[0] * c + tn[2] * s, tn[1], tn[2] * c - tn[0] * s);
          const d = n.dot(L);
          if (d <= 0.05) {
            beams.setMatrixAt(k * beamTiles.length + i, zero);
            return;
          }
          r.copy(n).multiplyScalar(2 * d).sub(L);
          q.setFromUnitVectors(up, r);
          m4.compose(center, q, one);
          beams.setMatrixAt(k * beamTiles.length + i, m4);
        });
      });
      beams.instanceMatrix.needsUpdate = true;
    },
  };
}
