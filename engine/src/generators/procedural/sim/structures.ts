/**
 * Structures that a collision knocks down, laid out as pure functions so their geometry is testable
 * without a physics world: a brick wall in running bond that a wrecking ball swings into, a tower of
 * wooden blocks in crossed layers of three (as the game stacks them) that a ball is thrown at, and ten
 * bowling pins in their triangle with a ball rolled at the pocket.
 *
 * Sizes are a little larger than life (bricks and pins about 1.6 times) so the pieces read in a wide
 * shot; gravity stays 9.81, so they fall a touch slower than the real things, as in a slow-motion shot.
 */
import type { Vec3 } from './camera';
import type { BodyKind, Material } from '../plan/schema';

export type Quat = [number, number, number, number];

export interface Piece {
  shape: 'box' | 'pin' | 'ball' | 'shard';
  /** Box: half extents. Pin: [1, 1, 1] (its geometry is PIN_PROFILE at full size). Shard: [0, 0, half thickness]. */
  half: Vec3;
  /** Shard: its outline in its own plane (x, y about its centroid), convex, anticlockwise. */
  outline?: Array<[number, number]>;
  /** Held fixed (a pane in its frame) until the structure's fracture releases it. */
  held?: boolean;
  position: Vec3;
  rotation: Quat;
}

export interface Projectile {
  radius: number;
  material: Material;
  position: Vec3;
  velocity: Vec3;
  angularVelocity: Vec3;
  /** Clip seconds at which it is released (it hangs or waits out of shot until then). */
  releaseAt: number;
  /** A wrecking ball hangs from this point on a cable (a rigid rod in the simulation). */
  pivot?: Vec3;
}

export interface Structure {
  pieces: Piece[];
  /** Fixed boxes the pieces stay inside (a pool table's cushions): half extents and centres. */
  walls?: Array<{ half: Vec3; position: Vec3 }>;
  /** Restitution of the pieces and the projectile, where it is not their material's. */
  restitution?: number;
  projectile: Projectile;
  /** The centre of the action and a radius that frames it. */
  center: Vec3;
  radius: number;
  /** Degrees around +Y the camera looks from (0: from +Z), for the side that shows the hit best. */
  azimuth: number;
  /** Degrees above level the camera looks down from, where the usual 18 would not show the layout. */
  elevation?: number;
  /**
   * A pane that breaks where the projectile strikes it: when the ball reaches the plane z = `planeZ`, held
   * pieces within `radius` of `center` are let go, thrown on along the ball's path at up to `speed` m/s
   * (less the further out) and outwards; pieces beyond stay in the frame, as a broken window's do.
   */
  fracture?: { center: Vec3; radius: number; speed: number; planeZ: number };
}

const IDENTITY: Quat = [0, 0, 0, 1];
const yaw90: Quat = [0, Math.SQRT1_2, 0, Math.SQRT1_2];

/** A brick: 0.4 x 0.13 x 0.2 m (a standard brick's proportions, scaled up). */
export const BRICK_HALF: Vec3 = [0.2, 0.065, 0.1];
/** A wooden block of the stacking game: 3 x 0.6 x 1 in proportion, 0.75 m long here. */
export const BLOCK_HALF: Vec3 = [0.375, 0.075, 0.125];

/**
 * A wall of about `count` bricks in running bond (every other course starts with a half brick), standing
 * on y = floorY along X, its faces at z = +-0.1. A wrecking ball hangs from a pivot over the wall's back
 * and is let go from 55 degrees out, so it strikes the middle of the wall at the bottom of its swing.
 */
export function brickWall(count: number, floorY: number): Structure {
  const perCourse = 8;
  const courses = Math.max(4, Math.min(16, Math.round(count / perCourse)));
  const [hx, hy, hz] = BRICK_HALF;
  // A hair of clearance between neighbours in a course, so none starts interpenetrating; none between
  // courses (a gap there lets the wall drop by the sum of them as it settles).
  const gap = 0.002;
  const width = perCourse * 2 * hx;
  const pieces: Piece[] = [];
  for (let c = 0; c < courses; c++) {
    const y = floorY + hy + c * 2 * hy;
    // Lengths along the course, half bricks at both ends of the odd ones.
    const lengths = c % 2 === 0 ? Array<number>(perCourse).fill(hx) : [hx / 2, ...Array<number>(perCourse - 1).fill(hx), hx / 2];
    let x = -width / 2;
    for (const half of lengths) {
      pieces.push({ shape: 'box', half: [half - gap / 2, hy, hz], position: [x + half, y, 0], rotation: IDENTITY });
      x += 2 * half;
    }
  }
  const height = courses * 2 * hy;
  const radius = 0.42;
  const cable = 4.5;
  const strikeY = floorY + Math.min(height * 0.5, 1.0);
  // It hangs behind the wall (-Z) and bursts through towards the camera, the bricks flying at the lens.
  const pivot: Vec3 = [0, strikeY + cable, -(hz + radius + 0.02)];
  const angle = (55 * Math.PI) / 180;
  return {
    pieces,
    projectile: {
      radius,
      material: 'metal',
      position: [0, pivot[1] - cable * Math.cos(angle), pivot[2] - cable * Math.sin(angle)],
      velocity: [0, 0, 0],
      angularVelocity: [0, 0, 0],
      releaseAt: 0,
      pivot,
    },
    center: [0, floorY + height * 0.55, 0],
    radius: Math.max(2.4, width * 0.62),
    azimuth: 38,
  };
}

/**
 * A tower of about `count` wooden blocks, three to a layer, each layer across the one below, on y = floorY
 * around the origin. A heavy ball is thrown at its lower third from the side, so the tower buckles there
 * and the top comes down.
 */
export function blockTower(count: number, floorY: number): Structure {
  const layers = Math.max(6, Math.min(24, Math.round(count / 3)));
  const [hx, hy, hz] = BLOCK_HALF;
  const gap = 0.002;
  const pieces: Piece[] = [];
  for (let l = 0; l < layers; l++) {
    const y = floorY + hy + l * 2 * hy;
    for (let k = -1; k <= 1; k++) {
      const offset = k * (2 * hz + gap);
      // Even layers lie along X (side by side in Z); odd layers along Z.
      pieces.push(
        l % 2 === 0
          ? { shape: 'box', half: [hx, hy, hz], position: [0, y, offset], rotation: IDENTITY }
          : { shape: 'box', half: [hx, hy, hz], position: [offset, y, 0], rotation: yaw90 },
      );
    }
  }
  const height = layers * 2 * hy;
  const radius = 0.3;
  const hitY = floorY + height * 0.3;
  const start: Vec3 = [-6, hitY + 1.2, 1.2];
  // Aimed to arrive at the tower's axis at hitY after `flight` seconds of a ballistic arc.
  const flight = 0.7;
  const g = 9.81;
  return {
    pieces,
    projectile: {
      radius,
      material: 'metal',
      position: start,
      velocity: [(0 - start[0]) / flight, (hitY - start[1]) / flight + (g * flight) / 2, (0 - start[2]) / flight],
      angularVelocity: [0, 0, 0],
      releaseAt: 0.5,
    },
    center: [0, floorY + height * 0.45, 0],
    radius: Math.max(2.2, height * 0.95),
    azimuth: 25,
  };
}

/**
 * A tenpin's outline (radius against height, metres, 1.6 times life size): a 38 cm pin swells to 12 cm
 * across at a third of its height, narrows to a neck and ends in a round head.
 */
const PIN_SCALE = 1.6;
export const PIN_PROFILE: ReadonlyArray<readonly [number, number]> = (
  [
    [0, 0], [0.026, 0], [0.035, 0.02], [0.05, 0.06], [0.0595, 0.1], [0.0605, 0.114], [0.058, 0.14], [0.05, 0.18],
    [0.036, 0.22], [0.0235, 0.255], [0.0225, 0.27], [0.027, 0.3], [0.032, 0.33], [0.031, 0.35], [0.025, 0.37], [0.014, 0.379], [0, 0.381],
  ] as const
).map(([r, y]) => [r * PIN_SCALE, y * PIN_SCALE] as const);
export const PIN_HEIGHT = 0.381 * PIN_SCALE;

/**
 * The ten pins in their triangle (12 inches apart, head pin nearest the bowler, who stands on +Z) on y =
 * floorY, and a ball rolled down the lane into the pocket beside the head pin, with spin along its path.
 */
export function bowlingRack(floorY: number): Structure {
  const spacing = 0.305 * PIN_SCALE;
  const pieces: Piece[] = [];
  for (let row = 0; row < 4; row++) {
    for (let j = 0; j <= row; j++) {
      pieces.push({ shape: 'pin', half: [1, 1, 1], position: [(j - row / 2) * spacing, floorY, -row * spacing * Math.cos(Math.PI / 6)], rotation: IDENTITY });
    }
  }
  const radius = 0.109 * PIN_SCALE;
  const speed = 7.5;
  return {
    pieces,
    projectile: {
      radius,
      // A bowling ball is about five times a pin's weight: a urethane shell over a dense core.
      material: 'ceramic',
      // It starts out of shot down the lane and meets the head pin about 0.9 s after release.
      position: [0.16, floorY + radius, speed * 0.9],
      velocity: [-0.02, 0, -speed],
      angularVelocity: [-speed / radius, 0, 0],
      releaseAt: 0.1,
    },
    center: [0, floorY + PIN_HEIGHT * 0.6, -spacing * 1.3],
    radius: 1.5,
    azimuth: 32,
  };
}

/** Pool, 2.5 times life size: a 57 mm ball, a 9 ft table's 2.54 x 1.27 m bed. */
const POOL_SCALE = 2.5;
export const POOL_BALL_RADIUS = 0.028575 * POOL_SCALE;
export const POOL_BED: Readonly<{ length: number; width: number }> = { length: 2.54 * POOL_SCALE, width: 1.27 * POOL_SCALE };

/**
 * A break in pool: fifteen balls racked in a triangle, touching, the apex on the foot spot (a quarter of the
 * bed from its far end), and the cue ball struck from the head string (a quarter from the near end, +Z)
 * straight at the apex. Cushions (walls) round the bed keep the balls on it. Piece i is ball i + 1 (the
 * eight in the middle of the third row, as it is racked).
 */
export function poolBreak(floorY: number): Structure {
  const r = POOL_BALL_RADIUS;
  const { length, width } = POOL_BED;
  const foot = -length / 4;
  const pieces: Piece[] = [];
  // Racked by row, each row a ball's diameter times cos 30 further back; a hair apart so none overlaps.
  const d = 2 * r * 1.001;
  const slots: Vec3[] = [];
  for (let row = 0; row < 5; row++) for (let k = 0; k <= row; k++) slots.push([(k - row / 2) * d, floorY + r, foot - row * d * Math.cos(Math.PI / 6)]);
  // Ball numbers by slot: the 1 at the apex, the 8 in the middle, a solid and a stripe in the back corners.
  const order = [1, 9, 2, 10, 8, 3, 11, 4, 12, 5, 6, 13, 14, 7, 15];
  order.forEach((number, slot) => (pieces[number - 1] = { shape: 'ball', half: [r, r, r], position: slots[slot]!, rotation: IDENTITY }));
  const rail = 0.05 * POOL_SCALE;
  const h = r * 1.3;
  const walls = [
    { half: [rail, h, length / 2 + 2 * rail] as Vec3, position: [-(width / 2 + rail), floorY + h, 0] as Vec3 },
    { half: [rail, h, length / 2 + 2 * rail] as Vec3, position: [width / 2 + rail, floorY + h, 0] as Vec3 },
    { half: [width / 2, h, rail] as Vec3, position: [0, floorY + h, -(length / 2 + rail)] as Vec3 },
    { half: [width / 2, h, rail] as Vec3, position: [0, floorY + h, length / 2 + rail] as Vec3 },
  ];
  // A hard break: about 8 m/s at life size (20 here, the table being 2.5 times larger).
  const speed = 20;
  return {
    pieces,
    walls,
    // A hair off the centre line, as no break is perfectly square.
    projectile: { radius: r, material: 'ceramic', position: [0.012, floorY + r, length / 4], velocity: [0, 0, -speed], angularVelocity: [-speed / r, 0, 0], releaseAt: 0.4 },
    // Phenolic balls are lively off each other (about 0.93), the cushions a little less.
    restitution: 0.93,
    // The far half of the table, where the rack breaks, from above and behind the cue ball.
    center: [0, floorY, foot * 0.9],
    radius: width * 0.58,
    azimuth: 20,
    elevation: 40,
  };
}

/** A window pane: 1.6 x 1.1 m, 10 mm thick (a little over life, so the shards have body to the collider). */
export const PANE = { width: 1.6, height: 1.1, half: 0.005, bottom: 0.55 } as const;

/**
 * A convex polygon clipped to the rectangle [x0, x1] x [y0, y1] (Sutherland-Hodgman): still convex. Pure.
 */
export function clipToRect(poly: Array<[number, number]>, x0: number, x1: number, y0: number, y1: number): Array<[number, number]> {
  const planes: Array<(p: [number, number]) => number> = [(p) => p[0] - x0, (p) => x1 - p[0], (p) => p[1] - y0, (p) => y1 - p[1]];
  let out = poly;
  for (const inside of planes) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const a = input[i]!;
      const b = input[(i + 1) % input.length]!;
      const da = inside(a);
      const db = inside(b);
      if (da >= 0) out.push(a);
      if ((da >= 0) !== (db >= 0)) {
        const t = da / (da - db);
        out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
      }
    }
    if (out.length < 3) return [];
  }
  // A vertex on a clipping edge comes out twice; once is enough.
  out = out.filter((p, i) => {
    const q = out[(i + out.length - 1) % out.length]!;
    return Math.hypot(p[0] - q[0], p[1] - q[1]) > 1e-12;
  });
  return out.length >= 3 ? out : [];
}

/**
 * How a pane breaks about the point it is struck: cracks radiating from it and rings of cracks round it,
 * closer together near the point, so the shards are small there and long and narrow further out; each
 * shard the cell between two radial cracks and two rings, clipped to the pane (convex). Pure: shards in
 * pane coordinates (x across, y up, the pane's middle at the origin).
 */
export function shatter(rand: () => number, width: number, height: number, at: [number, number]): Array<Array<[number, number]>> {
  const rays = 18;
  const angles = Array.from({ length: rays }, (_, k) => ((k + 0.25 + rand() * 0.5) / rays) * Math.PI * 2);
  const far = Math.hypot(width / 2 + Math.abs(at[0]), height / 2 + Math.abs(at[1])) * 1.05;
  const rings: number[] = [0];
  for (let r = 0.035; r < far; r *= 1.55 + rand() * 0.25) rings.push(r);
  rings.push(far * 1.3);
  const shards: Array<Array<[number, number]>> = [];
  for (let k = 0; k < rays; k++) {
    const a0 = angles[k]!;
    const a1 = k + 1 < rays ? angles[k + 1]! : angles[0]! + Math.PI * 2;
    for (let j = 0; j + 1 < rings.length; j++) {
      // Each ring wobbles a little from ray to ray, as cracks do (kept inside the next ring out).
      const r0 = rings[j]!;
      const r1 = rings[j + 1]!;
      const p = (a: number, r: number): [number, number] => [at[0] + Math.cos(a) * r, at[1] + Math.sin(a) * r];
      // Out along one crack, across to the next, back in: anticlockwise, as the cracks go round.
      const cell: Array<[number, number]> = r0 === 0 ? [p(a0, 0), p(a0, r1), p(a1, r1)] : [p(a0, r0), p(a0, r1), p(a1, r1), p(a1, r0)];
      const clipped = clipToRect(cell, -width / 2, width / 2, -height / 2, height / 2);
      if (clipped.length >= 3) shards.push(clipped);
    }
  }
  return shards;
}

/**
 * A window pane in its frame, struck by a steel ball from behind (it flies at the camera side): the pane
 * shatters about the point of impact, the shards there burst out along the ball's path, the rest stay in
 * the frame. The frame's four sides are fixed walls.
 */
export function glassPane(rand: () => number, floorY: number): Structure {
  const { width, height, half, bottom } = PANE;
  const cy = floorY + bottom + height / 2;
  const hit: [number, number] = [(rand() - 0.5) * 0.2, 0.05 + (rand() - 0.5) * 0.1];
  const pieces: Piece[] = shatter(rand, width, height, hit).map((outline) => {
    // Centroid (area-weighted) as the shard's origin.
    let a = 0;
    let cx = 0;
    let cyy = 0;
    for (let i = 0; i < outline.length; i++) {
      const [x0, y0] = outline[i]!;
      const [x1, y1] = outline[(i + 1) % outline.length]!;
      const cross = x0 * y1 - x1 * y0;
      a += cross;
      cx += (x0 + x1) * cross;
      cyy += (y0 + y1) * cross;
    }
    cx /= 3 * a;
    cyy /= 3 * a;
    return {
      shape: 'shard' as const,
      half: [0, 0, half] as Vec3,
      outline: outline.map(([x, y]) => [x - cx, y - cyy] as [number, number]),
      position: [cx, cy + cyy, 0] as Vec3,
      rotation: IDENTITY,
      held: true,
    };
  });
  const frame = 0.05;
  const walls = [
    { half: [width / 2 + 2 * frame, frame, 0.04] as Vec3, position: [0, cy + height / 2 + frame, 0] as Vec3 },
    { half: [width / 2 + 2 * frame, frame, 0.04] as Vec3, position: [0, cy - height / 2 - frame, 0] as Vec3 },
    { half: [frame, height / 2, 0.04] as Vec3, position: [-(width / 2 + frame), cy, 0] as Vec3 },
    { half: [frame, height / 2, 0.04] as Vec3, position: [width / 2 + frame, cy, 0] as Vec3 },
  ];
  const radius = 0.11;
  const speed = 14;
  const start = 2.2;
  // Thrown level from 2.2 m behind: aimed high by the drop it makes on the way.
  const flight = start / speed;
  return {
    pieces,
    walls,
    projectile: { radius, material: 'metal', position: [hit[0], cy + hit[1] + 0.5 * 9.81 * flight * flight, -start], velocity: [0, 0, speed], angularVelocity: [3, 1, 0], releaseAt: 0.35 },
    fracture: { center: [hit[0], cy + hit[1], 0], radius: 0.62, speed: 5.5, planeZ: -(half + radius) },
    center: [0, cy - 0.1, 0.5],
    radius: 1.5,
    azimuth: 28,
    elevation: 6,
  };
}

/** Bodies built into a structure that a ball knocks down or breaks, and how each is built. */
const BUILDERS: Partial<Record<BodyKind, (count: number, floorY: number, rand: () => number) => Structure>> = {
  bricks: (n, floorY) => brickWall(n, floorY),
  blocks: (n, floorY) => blockTower(n, floorY),
  pins: (_n, floorY) => bowlingRack(floorY),
  billiards: (_n, floorY) => poolBreak(floorY),
  glass: (_n, floorY, rand) => glassPane(rand, floorY),
};

/** The bodies that are structures (the planner's and the simulation's one list). */
export const STRUCTURE_BODIES = Object.keys(BUILDERS) as readonly BodyKind[];

/** The structure a collision with `body` knocks down, or null if it is not one. */
export function buildStructure(body: BodyKind, count: number, floorY: number, rand: () => number): Structure | null {
  return BUILDERS[body]?.(count, floorY, rand) ?? null;
}
