/**
 * Rigid-body physics for the physics archetype, by Rapier (deterministic WASM build). The world is
 * stepped at a fixed 120 Hz in simulation time, whatever the output frame rate; frames between two
 * steps get interpolated poses, so 23.976, 25 and 59.94 fps all see the same motion. Simulation time
 * is clip time times the plan's motion speed (slow motion runs the same world slower).
 *
 * Each event sets bodies up the way the shot would be staged: dropped objects arrive over the first
 * part of the clip, dominoes stand on an S-curve and the first one is pushed, a stack is built one
 * box at a time, a projectile hits a pyramid, objects splash into a pool (water drag and buoyancy).
 */
import RAPIER from '@dimforge/rapier3d-compat';
import { stream, type Rng } from './rng';
import { HEAP_BODIES, type BodyKind, type Material, type PhysicsEvent } from '../plan/schema';
import { beanHullPoints } from './bean';
import { blockTower, buildStructure, BLOCK_HALF, BRICK_HALF, PIN_PROFILE, POOL_BALL_RADIUS, type Structure } from './structures';
import type { Vec3 } from './camera';

export const PHYSICS_HZ = 120;
/** A die's half size: 20 cm across, a casino die (16 mm) scaled up to read in a close shot. */
export const DIE_HALF = 0.1;
const WATER_DENSITY = 1.1;

export interface BodyInfo {
  shape: 'ball' | 'box' | 'bean' | 'coin' | 'pin' | 'shard';
  /** Shard: its outline about its centroid (sim/structures.ts), half[2] its half thickness. */
  outline?: Array<[number, number]>;
  /** Held fixed until a fracture lets it go (a pane in its frame). */
  held?: boolean;
  /**
   * Ball: [r, r, r]; box: half extents; bean: the semi-axes of its unit shape (sim/bean.ts); coin: [r, half
   * thickness, r]; pin: [1, 1, 1] (sim/structures.ts PIN_PROFILE at full size, its origin at the base).
   */
  half: [number, number, number];
  body: BodyKind;
  material: Material;
  /** Which event it belongs to and its index there (for colouring). */
  event: number;
  index: number;
  /** Clip seconds at which it appears (0 for bodies present from the start). */
  spawnAt: number;
  /** The ball thrown, rolled or swung at a structure (drawn in its own material, not the bodies'). */
  projectile?: boolean;
  /** Restitution other than its material's (bodies asked to bounce are bouncy). */
  restitution?: number;
}

export interface Impact {
  /** Simulation seconds. */
  at: number;
  position: [number, number, number];
  speed: number;
}

export interface PhysicsOptions {
  events: PhysicsEvent[];
  gravity: number;
  seed: number;
  /** The clip's length in simulation seconds (staging spreads drops over it). */
  simDuration: number;
  /** Splash events: the water surface height (the pool floor is 2 m below). */
  waterLevel?: number;
}

const MATERIAL_PHYS: Record<Material, { restitution: number; friction: number; density: number }> = {
  matte: { restitution: 0.3, friction: 0.6, density: 1 },
  plastic: { restitution: 0.45, friction: 0.5, density: 0.9 },
  metal: { restitution: 0.25, friction: 0.4, density: 7 },
  chrome: { restitution: 0.3, friction: 0.3, density: 7 },
  gold: { restitution: 0.2, friction: 0.4, density: 10 },
  glass: { restitution: 0.35, friction: 0.3, density: 2.5 },
  wood: { restitution: 0.25, friction: 0.7, density: 0.6 },
  stone: { restitution: 0.15, friction: 0.8, density: 2.6 },
  rubber: { restitution: 0.82, friction: 0.9, density: 1.1 },
  ceramic: { restitution: 0.2, friction: 0.5, density: 2.2 },
  emissive: { restitution: 0.4, friction: 0.5, density: 1 },
};

let rapierReady: Promise<void> | null = null;
export function initRapier(): Promise<void> {
  if (!rapierReady) {
    // rapier3d-compat inlines its WASM; init() compiles it once per process.
    // It warns about its own deprecated init signature; other warnings meanwhile (it may compile while
    // the GPU opens) still get through.
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!String(args[0]).includes('deprecated parameters for the initialization function')) warn(...args);
    };
    rapierReady = RAPIER.init().finally(() => {
      console.warn = warn;
    });
  }
  return rapierReady;
}

export class PhysicsSim {
  readonly bodies: BodyInfo[] = [];
  readonly impacts: Impact[] = [];
  /** Where the simulation's interesting region is (for framing). */
  readonly focus: { center: [number, number, number]; radius: number; azimuth?: number; elevation?: number };
  /** Bodies hanging on a cable from a fixed point (a wrecking ball): drawn as a line to the pivot. */
  readonly cables: Array<{ body: number; pivot: Vec3 }> = [];
  readonly waterLevel: number | null;
  private readonly world: RAPIER.World;
  private readonly handles: RAPIER.RigidBody[] = [];
  private readonly prev: Float32Array;
  private readonly curr: Float32Array;
  private readonly kicks: Array<{ at: number; body: number; impulse: [number, number, number]; point?: [number, number, number] }> = [];
  /** Panes waiting to break: when their projectile reaches the plane, the held pieces near it go. */
  private readonly fractures: Array<{ center: Vec3; radius: number; speed: number; planeZ: number; projectile: number; first: number; count: number; done: boolean }> = [];
  /** Simulation seconds at which a pane broke (for tests and framing), in order. */
  readonly breaks: number[] = [];
  /** Fixed walls of structures (a pane's frame, a table's cushions), for drawing. */
  readonly walls: Array<{ half: [number, number, number]; position: [number, number, number] }> = [];
  private readonly wet: Uint8Array;
  private steps = 0;
  private readonly spawnStep: Int32Array;

  private constructor(private readonly opts: PhysicsOptions) {
    const rng = stream(opts.seed, 'physics');
    this.waterLevel = opts.events.some((e) => e.kind === 'splash') ? (opts.waterLevel ?? 0) : null;
    this.world = new RAPIER.World({ x: 0, y: -opts.gravity, z: 0 });
    this.world.timestep = 1 / PHYSICS_HZ;
    const floorY = this.waterLevel !== null ? this.waterLevel - 2 : 0;
    // A thick slab as the ground, so nothing tunnels through a zero-thickness plane.
    this.world.createCollider(RAPIER.ColliderDesc.cuboid(60, 1, 60).setTranslation(0, floorY - 1, 0).setFriction(0.7).setRestitution(0.3));
    if (this.waterLevel !== null) {
      // Pool walls keep splashed bodies in the shot.
      for (const [x, z, hx, hz] of [[4.2, 0, 0.2, 4.4], [-4.2, 0, 0.2, 4.4], [0, 4.2, 4.4, 0.2], [0, -4.2, 4.4, 0.2]] as const) {
        this.world.createCollider(RAPIER.ColliderDesc.cuboid(hx, 1.2, hz).setTranslation(x, floorY + 1.2, z));
      }
    }
    const staged = opts.events.map((event, ei) => this.stage(event, ei, rng, floorY));
    const structure = staged.find((s): s is Structure => typeof s !== 'number');
    const extent = Math.max(3, ...staged.filter((s): s is number => typeof s === 'number'));
    // Stiffer contacts for a structure: at Rapier's default (30 Hz) every joint of a wall or tower gives
    // under the load above it and an 18-layer tower sinks 3 cm in its first half second (it looks like
    // settling sand); at the step rate, 4 mm. (More solver iterations, or a smaller allowed error, did not
    // change it; 240 Hz made the top courses slide sideways.)
    if (structure) this.world.integrationParameters.contact_natural_frequency = PHYSICS_HZ;
    // A structure knocked down is the shot: it is framed on its own terms.
    this.focus = structure
      ? { center: structure.center, radius: structure.radius, azimuth: structure.azimuth, elevation: structure.elevation }
      : { center: [0, floorY + 0.8, 0], radius: extent };
    const n = this.handles.length;
    this.prev = new Float32Array(n * 7);
    this.curr = new Float32Array(n * 7);
    this.wet = new Uint8Array(n);
    this.spawnStep = new Int32Array(n);
    this.bodies.forEach((b, i) => (this.spawnStep[i] = Math.round(b.spawnAt * PHYSICS_HZ)));
    this.snapshot(this.curr);
    this.prev.set(this.curr);
  }

  static async create(opts: PhysicsOptions): Promise<PhysicsSim> {
    await initRapier();
    return new PhysicsSim(opts);
  }

  private add(info: BodyInfo, pos: [number, number, number], rot: [number, number, number, number], vel?: [number, number, number], angvel?: [number, number, number]): number {
    const m = MATERIAL_PHYS[info.material];
    const desc = (info.held ? RAPIER.RigidBodyDesc.fixed() : RAPIER.RigidBodyDesc.dynamic())
      .setTranslation(pos[0], pos[1], pos[2])
      .setRotation({ x: rot[0], y: rot[1], z: rot[2], w: rot[3] })
      .setCcdEnabled(true)
      // Rapier has no rolling resistance; angular damping stands in for it so balls settle in seconds (and
      // coins, which roll off on their edges). A projectile keeps its speed to the target.
      // Pool balls roll on for seconds on the cloth.
      .setAngularDamping(info.projectile ? 0.05 : info.body === 'billiards' ? 0.25 : info.shape === 'ball' ? 1.5 : info.shape === 'coin' ? 2 : 0.15)
      .setLinearDamping(info.projectile ? 0 : info.body === 'billiards' ? 0.12 : info.shape === 'ball' ? 0.3 : 0.02);
    if (vel) desc.setLinvel(vel[0], vel[1], vel[2]);
    if (angvel) desc.setAngvel({ x: angvel[0], y: angvel[1], z: angvel[2] });
    if (info.spawnAt > 0) desc.setEnabled(false);
    const body = this.world.createRigidBody(desc);
    const col =
      info.shape === 'ball'
        ? RAPIER.ColliderDesc.ball(info.half[0])
        : info.shape === 'bean'
          ? (RAPIER.ColliderDesc.convexHull(beanHullPoints(info.half)) ?? RAPIER.ColliderDesc.cuboid(info.half[0], info.half[1] * 0.7, info.half[2]))
          : info.shape === 'coin'
            ? RAPIER.ColliderDesc.cylinder(info.half[1], info.half[0])
            : info.shape === 'pin'
              ? (RAPIER.ColliderDesc.convexHull(pinHullPoints()) ?? RAPIER.ColliderDesc.cylinder(PIN_HEIGHT_HALF, 0.06).setTranslation(0, PIN_HEIGHT_HALF, 0))
              : info.shape === 'shard'
                ? (RAPIER.ColliderDesc.convexHull(new Float32Array(info.outline!.flatMap(([x, y]) => [x, y, -info.half[2], x, y, info.half[2]]))) ?? RAPIER.ColliderDesc.cuboid(0.02, 0.02, info.half[2]))
                : RAPIER.ColliderDesc.cuboid(...info.half);
    // A heap of coins holds (milled edges, faces lying flat on faces): with metal's friction it crept for seconds.
    col.setRestitution(info.restitution ?? m.restitution).setFriction(info.shape === 'coin' ? Math.max(m.friction, 0.9) : m.friction).setDensity(m.density);
    // Rapier averages two colliders' restitution: on the floor's 0.3 a bouncy ball's 0.75 would be 0.53.
    if (info.restitution !== undefined) col.setRestitutionCombineRule(RAPIER.CoefficientCombineRule.Max);
    this.world.createCollider(col, body);
    this.bodies.push(info);
    this.handles.push(body);
    return this.handles.length - 1;
  }

  /** A structure's pieces at rest, and its projectile (on its cable, if it has one). */
  private build(built: Structure, event: PhysicsEvent, ei: number): void {
    const restitution = built.restitution;
    built.pieces.forEach((p, i) => {
      this.add({ shape: p.shape, half: [...p.half], body: event.body, material: event.material, event: ei, index: i, spawnAt: 0, restitution, ...(p.outline ? { outline: p.outline } : {}), ...(p.held ? { held: true } : {}) }, [...p.position], [...p.rotation]);
    });
    if (built.fracture) this.fractures.push({ ...built.fracture, projectile: this.handles.length, first: this.handles.length - built.pieces.length, count: built.pieces.length, done: false });
    for (const w of built.walls ?? []) {
      this.walls.push({ half: [...w.half], position: [...w.position] });
      this.world.createCollider(RAPIER.ColliderDesc.cuboid(...w.half).setTranslation(...w.position).setRestitution(0.75).setFriction(0.2));
    }
    const pr = built.projectile;
    const r = pr.radius;
    const ball = this.add(
      { shape: 'ball', half: [r, r, r], body: 'balls', material: pr.material, event: ei, index: built.pieces.length, spawnAt: pr.releaseAt, projectile: true, restitution },
      [...pr.position],
      [0, 0, 0, 1],
      [...pr.velocity],
      [...pr.angularVelocity],
    );
    if (pr.pivot) {
      const anchor = this.world.createRigidBody(RAPIER.RigidBodyDesc.fixed().setTranslation(...pr.pivot));
      const [dx, dy, dz] = [pr.pivot[0] - pr.position[0], pr.pivot[1] - pr.position[1], pr.pivot[2] - pr.position[2]];
      this.world.createImpulseJoint(RAPIER.JointData.spherical({ x: 0, y: 0, z: 0 }, { x: dx, y: dy, z: dz }), anchor, this.handles[ball]!, true);
      this.cables.push({ body: ball, pivot: [...pr.pivot] });
    }
  }

  /**
   * A structure built piece by piece over most of the clip, each piece let down just above its place
   * (a tower of blocks going up layer by layer): no projectile.
   */
  private buildUp(built: Structure, event: PhysicsEvent, ei: number, T: number): Structure {
    const interval = Math.max(0.08, (T * 0.85) / built.pieces.length);
    built.pieces.forEach((p, i) => {
      const at = i < 3 ? 0 : i * interval;
      this.add({ shape: p.shape, half: [...p.half], body: event.body, material: event.material, event: ei, index: i, spawnAt: at }, [p.position[0], p.position[1] + (at > 0 ? 0.12 : 0), p.position[2]], [...p.rotation]);
    });
    return built;
  }

  /** Stages one event; returns the radius of the area it uses, or the structure it built. */
  private stage(event: PhysicsEvent, ei: number, rng: Rng, floorY: number): number | Structure {
    const T = this.opts.simDuration;
    const shapeOf = (body: BodyKind, i: number): { shape: BodyInfo['shape']; half: [number, number, number] } => {
      switch (body) {
        case 'beans': {
          const k = 0.9 + rng.next() * 0.2;
          return { shape: 'bean', half: [0.11 * k, 0.1 * k, 0.15 * k] };
        }
        case 'coins':
          return { shape: 'coin', half: [0.28, 0.035, 0.28] };
        case 'pearls': {
          const r = 0.1 + rng.next() * 0.025;
          return { shape: 'ball', half: [r, r, r] };
        }
        case 'balls': {
          const r = 0.22 + rng.next() * 0.18;
          return { shape: 'ball', half: [r, r, r] };
        }
        case 'marbles': {
          const r = 0.1 + rng.next() * 0.04;
          return { shape: 'ball', half: [r, r, r] };
        }
        case 'crates': {
          const s = 0.3 + (i % 3) * 0.04;
          return { shape: 'box', half: [s, s, s] };
        }
        case 'dominoes':
          return { shape: 'box', half: [0.2, 0.42, 0.05] };
        case 'bricks':
          return { shape: 'box', half: [...BRICK_HALF] };
        case 'blocks':
          return { shape: 'box', half: [...BLOCK_HALF] };
        case 'pins':
          return { shape: 'pin', half: [1, 1, 1] };
        case 'billiards':
          return { shape: 'ball', half: [POOL_BALL_RADIUS, POOL_BALL_RADIUS, POOL_BALL_RADIUS] };
        case 'dice':
          return { shape: 'box', half: [DIE_HALF, DIE_HALF, DIE_HALF] };
        default: {
          const s = 0.2 + rng.next() * 0.12;
          return { shape: 'box', half: [s, s, s] };
        }
      }
    };
    const randomRot = (): [number, number, number, number] => {
      const [a, b, c] = [rng.next(), rng.next(), rng.next()];
      // Uniform random quaternion (Shoemake).
      const s1 = Math.sqrt(1 - a);
      const s2 = Math.sqrt(a);
      return [s1 * Math.sin(2 * Math.PI * b), s1 * Math.cos(2 * Math.PI * b), s2 * Math.sin(2 * Math.PI * c), s2 * Math.cos(2 * Math.PI * c)];
    };
    const info = (body: BodyKind, i: number, spawnAt: number) => ({ ...shapeOf(body, i), body, material: event.material, event: ei, index: i, spawnAt });
    const n = event.count;
    switch (event.kind) {
      case 'fall':
      case 'splash': {
        // Dice are thrown: in from the left, low, spinning, to bounce and tumble to a stop in the middle.
        if (event.body === 'dice' && event.kind === 'fall') {
          for (let i = 0; i < n; i++) {
            const spin = (): number => (rng.next() - 0.5) * 24;
            this.add(info('dice', i, 0.12 * i), [-1.5 + rng.next() * 0.2, floorY + 0.4 + rng.next() * 0.2, (i - (n - 1) / 2) * 0.32 + (rng.next() - 0.5) * 0.1], randomRot(), [2.4 + rng.next() * 0.5, 0.8, (rng.next() - 0.5) * 0.4], [spin(), spin(), spin()]);
          }
          return 1;
        }
        if (n === 1 && event.kind === 'fall') {
          const r = shapeOf(event.body, 0);
          this.add({ ...r, body: event.body, material: event.material, event: ei, index: 0, spawnAt: 0 }, [0, floorY + 2.1, 0], randomRot(), [0, 0, 0], [(rng.next() - 0.5) * 3, (rng.next() - 0.5) * 3, (rng.next() - 0.5) * 3]);
          return 1;
        }
        // Beans, coins and pearls are small and many: they pour onto one heap rather than scattering.
        const small = HEAP_BODIES.includes(event.body);
        const spread = event.kind === 'splash' ? 2.6 : small ? Math.min(2.2, 0.8 + Math.sqrt(n) * 0.13) : Math.min(4.5, 1.6 + Math.sqrt(n) * 0.45);
        const window = Math.max(0.3, T * (event.kind === 'splash' ? 0.7 : 0.55));
        for (let i = 0; i < n; i++) {
          // The first quarter are already in the air when the clip starts (no empty opening frame).
          const at = Math.max(0, (window * (i - n * 0.25)) / n + rng.next() * (window / n) * 0.5);
          // They drop from lower down: their close framing shows about 3 m above the floor.
          const [drop, scatter, pre] = small ? [2.6, 1.4, 2.2] : [event.kind === 'splash' ? 4.5 : 5, 3, 3.5];
          const preroll = at === 0 ? (i / Math.max(1, n * 0.25)) * pre : 0;
          const pos: [number, number, number] = [(rng.next() - 0.5) * spread, floorY + drop + rng.next() * scatter - preroll, (rng.next() - 0.5) * spread];
          this.add(info(event.body, i, at), pos, randomRot(), [0, -2, 0], [(rng.next() - 0.5) * 4, (rng.next() - 0.5) * 4, (rng.next() - 0.5) * 4]);
        }
        return spread;
      }
      case 'bounce': {
        // Asked to bounce, they bounce, as rubber does: with plastic's 0.45 (averaged with the floor's) a ball
        // dropped from 2 m hopped three times and lay still before 2 s.
        const bouncy = Math.max(MATERIAL_PHYS[event.material].restitution, 0.82);
        // One ball is the subject: dropped in the middle of the close framing, from where it stays in shot.
        if (n === 1) {
          const r = shapeOf(event.body, 0);
          this.add({ ...r, body: event.body, material: event.material, event: ei, index: 0, spawnAt: 0, restitution: bouncy }, [0, floorY + 2.1, 0], randomRot(), [0.15, 0, -0.1]);
          return 1;
        }
        const spread = Math.min(4, 1.5 + Math.sqrt(n) * 0.5);
        for (let i = 0; i < n; i++) {
          const at = (Math.max(0.3, T * 0.5) * i) / n;
          const pos: [number, number, number] = [(rng.next() - 0.5) * spread, floorY + 2.5 + rng.next() * 3, (rng.next() - 0.5) * spread];
          this.add({ ...info(event.body, i, at), restitution: bouncy }, pos, randomRot(), [(rng.next() - 0.5) * 1.5, 0, (rng.next() - 0.5) * 1.5]);
        }
        return spread;
      }
      case 'stack': {
        if (event.body === 'blocks') return this.buildUp(blockTower(n, floorY), event, ei, T);
        const interval = Math.max(0.15, (T * 0.85) / n);
        let top = floorY;
        for (let i = 0; i < n; i++) {
          const s = shapeOf(event.body === 'balls' || event.body === 'marbles' ? 'cubes' : event.body, i);
          top += s.half[1] * 2;
          const pos: [number, number, number] = [(rng.next() - 0.5) * 0.08, top + 0.9, (rng.next() - 0.5) * 0.08];
          const yaw = (rng.next() - 0.5) * 0.5;
          if (i === 0) pos[1] = floorY + s.half[1];
          this.add({ ...s, body: event.body, material: event.material, event: ei, index: i, spawnAt: i === 0 ? 0 : i * interval }, pos, [0, Math.sin(yaw / 2), 0, Math.cos(yaw / 2)]);
        }
        return Math.max(2.5, top * 0.7);
      }
      case 'dominoes': {
        const spacing = 0.5;
        const length = spacing * (n - 1);
        const amp = Math.min(1.4, length * 0.12);
        let first: { x: number; z: number; dir: [number, number] } | null = null;
        for (let i = 0; i < n; i++) {
          const s = i * spacing;
          const z = length / 2 - s;
          const x = amp * Math.sin((s / Math.max(length, 1)) * Math.PI * 2);
          const dx = (amp * Math.PI * 2 * Math.cos((s / Math.max(length, 1)) * Math.PI * 2)) / Math.max(length, 1);
          // Thin side (local z) along the path, which runs towards -z.
          const yaw = Math.atan2(dx, -1);
          const half = Math.sin(yaw / 2);
          this.add(info('dominoes', i, 0), [x, floorY + 0.42, z], [0, half, 0, Math.cos(yaw / 2)]);
          if (i === 0) first = { x, z, dir: [Math.sin(yaw), Math.cos(yaw)] };
        }
        // A flick at the top of the first domino, along the path.
        if (first) {
          this.kicks.push({
            at: 0.25,
            body: this.handles.length - n,
            impulse: [first.dir[0] * 0.012, 0, first.dir[1] * 0.012],
            point: [first.x, floorY + 0.8, first.z],
          });
        }
        return Math.max(3, length * 0.55);
      }
      case 'collide': {
        const built = buildStructure(event.body, n, floorY, () => rng.next());
        if (built) {
          this.build(built, event, ei);
          return built;
        }
        // A pyramid of boxes (or balls racked like snooker) and two projectiles thrown into it.
        let placed = 0;
        const base = Math.max(2, Math.ceil((Math.sqrt(8 * Math.max(1, n - 2) + 1) - 1) / 2));
        const s = shapeOf(event.body === 'balls' || event.body === 'marbles' ? event.body : 'cubes', 0);
        const size = s.half[1] * 2 * 1.02;
        for (let row = 0; row < base && placed < n - 2; row++) {
          for (let k = 0; k < base - row && placed < n - 2; k++) {
            const x = (k - (base - row - 1) / 2) * size;
            this.add({ ...s, body: event.body, material: event.material, event: ei, index: placed, spawnAt: 0 }, [x, floorY + s.half[1] + row * size * (s.shape === 'ball' ? 0.87 : 1), 0], [0, 0, 0, 1]);
            placed++;
          }
        }
        const at = Math.min(0.6, T * 0.15);
        for (let p = 0; p < 2; p++) {
          const r = 0.35;
          const side = p === 0 ? 1 : -1;
          const start: [number, number, number] = [side * 1.2, floorY + 0.6 + p * 0.8, 7];
          this.add(
            { shape: 'ball', half: [r, r, r], body: 'balls', material: 'metal', event: ei, index: placed + p, spawnAt: at + p * 0.35 },
            start,
            [0, 0, 0, 1],
            [-side * 0.8, 2.2, -11],
          );
        }
        return Math.max(3, base * size);
      }
    }
  }

  private snapshot(into: Float32Array): void {
    this.handles.forEach((h, i) => {
      const t = h.translation();
      const r = h.rotation();
      into.set([t.x, t.y, t.z, r.x, r.y, r.z, r.w], i * 7);
    });
  }

  /** Simulation seconds reached so far. */
  get time(): number {
    return this.steps / PHYSICS_HZ;
  }

  /** Steps the world until its time is at or past `simTime`. */
  advanceTo(simTime: number): void {
    const target = Math.floor(simTime * PHYSICS_HZ + 1e-6) + 1;
    while (this.steps < target) this.stepOnce();
  }

  private stepOnce(): void {
    const now = this.steps / PHYSICS_HZ;
    this.handles.forEach((h, i) => {
      if (this.steps === this.spawnStep[i] && this.bodies[i]!.spawnAt > 0) h.setEnabled(true);
    });
    for (const k of this.kicks) {
      if (Math.abs(k.at - now) < 0.5 / PHYSICS_HZ) {
        const b = this.handles[k.body]!;
        const imp = { x: k.impulse[0], y: k.impulse[1], z: k.impulse[2] };
        if (k.point) b.applyImpulseAtPoint(imp, { x: k.point[0], y: k.point[1], z: k.point[2] }, true);
        else b.applyImpulse(imp, true);
      }
    }
    if (this.waterLevel !== null) this.applyWater(now);
    for (const f of this.fractures) if (!f.done) this.maybeBreak(f, now);
    this.world.step();
    this.steps++;
    this.prev.set(this.curr);
    this.snapshot(this.curr);
  }

  /**
   * A pane breaks when its ball reaches it: the held pieces within the radius of the point struck turn
   * dynamic, thrown on along the ball's path (fastest at the point, none at the radius's edge) and out from
   * it, spinning; those beyond stay in the frame.
   */
  private maybeBreak(f: PhysicsSim['fractures'][number], now: number): void {
    const ball = this.handles[f.projectile]!;
    if (!ball.isEnabled() || ball.translation().z < f.planeZ) return;
    f.done = true;
    this.breaks.push(now);
    const rng = stream(this.opts.seed, 'fracture');
    for (let i = f.first; i < f.first + f.count; i++) {
      const h = this.handles[i]!;
      const p = h.translation();
      const dx = p.x - f.center[0];
      const dy = p.y - f.center[1];
      const d = Math.hypot(dx, dy);
      if (d > f.radius) continue;
      const k = 1 - d / f.radius;
      h.setBodyType(RAPIER.RigidBodyType.Dynamic, true);
      const out = 0.9 + 1.6 * k;
      h.setLinvel({ x: (dx / (d || 1)) * out + (rng.next() - 0.5) * 0.6, y: (dy / (d || 1)) * out + rng.next() * 0.8, z: f.speed * (0.25 + 0.75 * k) * (0.8 + 0.4 * rng.next()) }, true);
      h.setAngvel({ x: (rng.next() - 0.5) * 14, y: (rng.next() - 0.5) * 14, z: (rng.next() - 0.5) * 10 }, true);
    }
  }

  /** Water: record the first entry of each body (for splashes), then drag and buoyancy below the surface. */
  private applyWater(now: number): void {
    const level = this.waterLevel!;
    this.handles.forEach((h, i) => {
      if (!h.isEnabled()) return;
      h.resetForces(false);
      const p = h.translation();
      const info = this.bodies[i]!;
      const r = info.half[1];
      if (p.y - r >= level) return;
      if (!this.wet[i]) {
        this.wet[i] = 1;
        const v = h.linvel();
        this.impacts.push({ at: now, position: [p.x, level, p.z], speed: Math.hypot(v.x, v.y, v.z) });
        h.setLinearDamping(2.5);
        h.setAngularDamping(1.5);
      }
      // Archimedes with water a little denser than plastic: plastic and wood float, metal and stone sink.
      const depth = Math.min(1, (level - (p.y - r)) / (2 * r));
      const volume = info.shape === 'ball' ? (4 / 3) * Math.PI * r * r * r : 8 * info.half[0] * info.half[1] * info.half[2];
      h.addForce({ x: 0, y: WATER_DENSITY * volume * this.opts.gravity * depth, z: 0 }, true);
    });
  }

  /** Interpolated pose of body i at `simTime` (which should lie within the last step). */
  pose(i: number, simTime: number, pos: { set(x: number, y: number, z: number): unknown }, quat: { set(x: number, y: number, z: number, w: number): unknown }): void {
    const a = Math.min(1, Math.max(0, simTime * PHYSICS_HZ - (this.steps - 1)));
    const o = i * 7;
    const p = this.prev;
    const c = this.curr;
    pos.set(p[o]! + (c[o]! - p[o]!) * a, p[o + 1]! + (c[o + 1]! - p[o + 1]!) * a, p[o + 2]! + (c[o + 2]! - p[o + 2]!) * a);
    // nlerp on the shorter arc: fine for a 1/120 s step.
    let qx = c[o + 3]!;
    let qy = c[o + 4]!;
    let qz = c[o + 5]!;
    let qw = c[o + 6]!;
    const dotq = p[o + 3]! * qx + p[o + 4]! * qy + p[o + 5]! * qz + p[o + 6]! * qw;
    if (dotq < 0) [qx, qy, qz, qw] = [-qx, -qy, -qz, -qw];
    const x = p[o + 3]! + (qx - p[o + 3]!) * a;
    const y = p[o + 4]! + (qy - p[o + 4]!) * a;
    const z = p[o + 5]! + (qz - p[o + 5]!) * a;
    const w = p[o + 6]! + (qw - p[o + 6]!) * a;
    const len = Math.hypot(x, y, z, w) || 1;
    quat.set(x / len, y / len, z / len, w / len);
  }

  isVisible(i: number, simTime: number): boolean {
    return simTime >= this.bodies[i]!.spawnAt;
  }

  /** Current state for tests: position, linear speed, and whether Rapier put it to sleep. */
  state(i: number): { position: [number, number, number]; speed: number; sleeping: boolean; enabled: boolean } {
    const h = this.handles[i]!;
    const t = h.translation();
    const v = h.linvel();
    return { position: [t.x, t.y, t.z], speed: Math.hypot(v.x, v.y, v.z), sleeping: h.isSleeping(), enabled: h.isEnabled() };
  }

  /** Height of the floor bodies rest on. */
  get floorY(): number {
    return this.waterLevel !== null ? this.waterLevel - 2 : 0;
  }

  dispose(): void {
    this.world.free();
  }
}

const PIN_HEIGHT_HALF = PIN_PROFILE[PIN_PROFILE.length - 1]![1] / 2;
let pinHull: Float32Array | null = null;
/** The pin's outline turned round its axis (16 sides): the points of its convex-hull collider. */
function pinHullPoints(): Float32Array {
  if (!pinHull) {
    const pts: number[] = [];
    for (const [r, y] of PIN_PROFILE) {
      if (r === 0) pts.push(0, y, 0);
      else for (let k = 0; k < 16; k++) pts.push(r * Math.cos((k * Math.PI) / 8), y, r * Math.sin((k * Math.PI) / 8));
    }
    pinHull = new Float32Array(pts);
  }
  return pinHull;
}
