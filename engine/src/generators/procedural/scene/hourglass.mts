/**
 * An hourglass on the turntable: two glass bulbs joined at a narrow neck in a turned wooden frame, sand
 * running through it over the clip. The top's sand sinks, with a funnel dipping at its centre; the
 * bottom's grows into a mound under a thin falling stream. The sand's volume is kept: what leaves the top
 * is what the bottom gains (hourglassSand, a pure function of the clip's progress).
 */
import * as THREE from 'three/webgpu';
import { makeMaterial } from './common.mjs';
import type { Material } from '../plan/schema.js';
import { smoothstepJs } from '../sim/noise.js';

/** Height of one bulb, its widest inner radius and the neck's, in scene units (the frame is 2.64 tall). */
export const BULB_HEIGHT = 1.2;
const BULB_RADIUS = 0.5;
const NECK_RADIUS = 0.045;
const BASE = 0.12;
const NECK_Y = BASE + BULB_HEIGHT;
/** The sand: this share of one bulb's volume. */
const SAND_SHARE = 0.5;
/** The top's share of the sand at the start and at the end of the clip. */
const TOP_START = 0.92;
const TOP_END = 0.2;
/** The mound's height over the bottom's level, at most. */
const MOUND = 0.2;
const STEPS = 240;

/** Inner radius of a bulb at s (0 at the neck, 1 at its end), rounding into the neck and closing a little at the end. */
export function bulbRadius(s: number): number {
  const swell = Math.sqrt(Math.sin((Math.min(1, Math.max(0, s) / 0.62) * Math.PI) / 2));
  const close = 1 - 0.2 * smoothstepJs(0.8, 1, s);
  return (NECK_RADIUS + (BULB_RADIUS - NECK_RADIUS) * swell) * close;
}

/** Volume of a bulb between s = a and s = b (a < b), by the midpoint rule. */
export function bulbVolume(a: number, b: number): number {
  const n = Math.max(1, Math.ceil((b - a) * STEPS));
  const ds = (b - a) / n;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const r = bulbRadius(a + (i + 0.5) * ds);
    v += Math.PI * r * r * ds * BULB_HEIGHT;
  }
  return v;
}

/** The s at which a bulb filled from `fromEnd` (true: from its end, the bottom bulb; false: from the neck) holds `volume`. */
function levelFor(volume: number, fromEnd: boolean): number {
  let lo = 0;
  let hi = 1;
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const v = fromEnd ? bulbVolume(mid, 1) : bulbVolume(0, mid);
    // From the end, a lower s holds more; from the neck, a higher s does.
    if (fromEnd ? v > volume : v < volume) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface HourglassSand {
  /** The top's sand reaches s = top above the neck (0: empty). */
  top: number;
  /** The bottom's level sits at s = bottom below the neck (1: empty), with a mound `mound` high on it. */
  bottom: number;
  mound: number;
  /** Sand volumes, top and bottom (their sum is the same all clip). */
  topVolume: number;
  bottomVolume: number;
}

/** The sand at clip progress u (0..1). */
export function hourglassSand(u: number): HourglassSand {
  const total = SAND_SHARE * bulbVolume(0, 1);
  const share = TOP_START + (TOP_END - TOP_START) * Math.min(1, Math.max(0, u));
  const topVolume = total * share;
  const bottomVolume = total - topVolume;
  // The mound grows with the first sand to land, then keeps its height (sand piles at its angle of repose).
  const endRadius = bulbRadius(1);
  const mound = MOUND * Math.min(1, bottomVolume / (Math.PI * endRadius * endRadius * MOUND));
  const cone = (Math.PI * endRadius * endRadius * mound) / 3;
  return { top: levelFor(topVolume, false), bottom: levelFor(Math.max(0, bottomVolume - cone), true), mound, topVolume, bottomVolume };
}

const WALL = 18;
const SEGMENTS = 48;

/** A lathe whose profile is rewritten each frame (same number of points, so the same topology). */
class SandLathe {
  readonly geometry: THREE.LatheGeometry;
  constructor(points: number) {
    this.geometry = new THREE.LatheGeometry(Array.from({ length: points }, (_, i) => new THREE.Vector2(0.1, i * 0.01)), SEGMENTS);
  }

  set(profile: Array<[number, number]>): void {
    const pos = this.geometry.getAttribute('position') as THREE.BufferAttribute;
    const n = profile.length;
    if (n * (SEGMENTS + 1) !== pos.count) throw new Error(`hourglass: a sand profile of ${n} points for a lathe of ${pos.count / (SEGMENTS + 1)}`);
    // three's LatheGeometry: for each of segments + 1 meridians, every profile point in order.
    for (let i = 0; i <= SEGMENTS; i++) {
      const phi = (i / SEGMENTS) * Math.PI * 2;
      const sin = Math.sin(phi);
      const cos = Math.cos(phi);
      for (let j = 0; j < n; j++) {
        const [r, y] = profile[j]!;
        pos.setXYZ(i * n + j, r * sin, y, r * cos);
      }
    }
    pos.needsUpdate = true;
    this.geometry.computeVertexNormals();
  }
}

export interface Hourglass {
  group: THREE.Group;
  height: number;
  /** Moves the sand to clip progress u (0..1). */
  update(u: number): void;
}

export function createHourglass(sandColour: THREE.Color, frameMaterial: Material): Hourglass {
  const group = new THREE.Group();
  const wood = makeMaterial(frameMaterial, new THREE.Color('#3f2414'));
  const top = NECK_Y + BULB_HEIGHT;
  const shadowed = (mesh: THREE.Mesh) => {
    mesh.castShadow = mesh.receiveShadow = true;
    group.add(mesh);
    return mesh;
  };
  // Frame: two turned discs and three posts.
  for (const y of [BASE / 2, top + BASE / 2]) shadowed(new THREE.Mesh(new THREE.CylinderGeometry(0.78, 0.8, BASE, 64), wood)).position.y = y;
  for (let k = 0; k < 3; k++) {
    const a = (k / 3) * Math.PI * 2 + Math.PI / 6;
    const post = shadowed(new THREE.Mesh(new THREE.CylinderGeometry(0.045, 0.045, top - BASE, 16), wood));
    post.position.set(0.66 * Math.sin(a), (top + BASE) / 2, 0.66 * Math.cos(a));
  }

  const sand = new THREE.MeshStandardNodeMaterial({ color: sandColour, roughness: 0.95, metalness: 0 });
  // Each profile: the axis, the wall's WALL + 1 points, three to close it: WALL + 5.
  const topSand = new SandLathe(WALL + 5);
  const bottomSand = new SandLathe(WALL + 5);
  const topMesh = shadowed(new THREE.Mesh(topSand.geometry, sand));
  const bottomMesh = shadowed(new THREE.Mesh(bottomSand.geometry, sand));
  const stream = new THREE.Mesh(new THREE.CylinderGeometry(0.012, 0.012, 1, 8).translate(0, -0.5, 0), sand);
  stream.position.y = NECK_Y;
  group.add(stream);

  // The glass last, over the sand: a profile just outside the sand's, both bulbs in one piece.
  const glassProfile: THREE.Vector2[] = [];
  for (let i = WALL; i >= 0; i--) glassProfile.push(new THREE.Vector2(bulbRadius(i / WALL) + 0.02, NECK_Y - (i / WALL) * BULB_HEIGHT));
  for (let i = 1; i <= WALL; i++) glassProfile.push(new THREE.Vector2(bulbRadius(i / WALL) + 0.02, NECK_Y + (i / WALL) * BULB_HEIGHT));
  const glass = makeMaterial('glass', new THREE.Color('#ffffff'));
  glass.opacity = 0.3;
  const bulbs = new THREE.Mesh(new THREE.LatheGeometry(glassProfile, 64), glass);
  bulbs.renderOrder = 2;
  group.add(bulbs);

  return {
    group,
    height: top + BASE,
    update(u) {
      const s = hourglassSand(u);
      // Top: from the neck up the wall to the level, then across with a funnel to the axis.
      const upper: Array<[number, number]> = [[0, NECK_Y]];
      for (let i = 0; i <= WALL; i++) {
        const si = (i / WALL) * s.top;
        upper.push([bulbRadius(si), NECK_Y + si * BULB_HEIGHT]);
      }
      const level = NECK_Y + s.top * BULB_HEIGHT;
      const dip = Math.min(0.12, s.top * BULB_HEIGHT * 0.5);
      upper.push([bulbRadius(s.top) * 0.55, level - dip * 0.3], [bulbRadius(s.top) * 0.2, level - dip * 0.85], [0, level - dip]);
      topSand.set(upper);
      topMesh.visible = s.top > 0.005;
      // Bottom: across the end, up the wall to the level, then the mound to its peak.
      const lower: Array<[number, number]> = [[0, BASE]];
      for (let i = 0; i <= WALL; i++) {
        const si = 1 - (i / WALL) * (1 - s.bottom);
        lower.push([bulbRadius(si), NECK_Y - si * BULB_HEIGHT]);
      }
      const floor = NECK_Y - s.bottom * BULB_HEIGHT;
      const rb = bulbRadius(s.bottom);
      lower.push([rb * 0.5, floor + s.mound * 0.62], [rb * 0.15, floor + s.mound * 0.93], [0, floor + s.mound]);
      bottomSand.set(lower);
      // The stream runs from the neck to the mound's peak while the top has sand to give.
      stream.visible = s.top > 0.005;
      stream.scale.y = Math.max(0.01, NECK_Y - (floor + s.mound));
    },
  };
}
