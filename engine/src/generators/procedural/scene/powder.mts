/**
 * Bursts of coloured powder (Holi, colour run, powder explosion): each burst throws a cloud of powder out
 * from a point, fast at first and slowed hard by the air, spreading and thinning as it drifts and settles
 * a little; bursts go off one after another across the frame in the palette's bright colours. Soft cards
 * facing the lens, one instanced mesh. Where a puff of powder is at a time is pure (tested without a GPU).
 */
import * as THREE from 'three/webgpu';
import { instancedBufferAttribute, smoothstep, texture, uv } from 'three/tsl';
import { noiseTexture, softCards } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Drag: the air takes a burst's speed down by e every 1/DRAG seconds. */
export const DRAG = 2.6;
/** Powder settles slowly (fine dust in air), metres a second squared of apparent sink. */
const SINK = 0.35;

export interface Puff {
  origin: [number, number, number];
  velocity: [number, number, number];
  /** When its burst goes off, seconds. */
  start: number;
  size: number;
}

/** Where a puff is at time t (its burst's origin before it goes off). Pure. */
export function puffAt(p: Puff, t: number): [number, number, number] {
  const age = Math.max(0, t - p.start);
  const k = (1 - Math.exp(-DRAG * age)) / DRAG;
  return [p.origin[0] + p.velocity[0] * k, p.origin[1] + p.velocity[1] * k - 0.5 * SINK * age * age, p.origin[2] + p.velocity[2] * k];
}

/** Puffs of `bursts` bursts spread across a field `width` wide, going off over the first 60% of the clip. Pure. */
export function layPuffs(rand: () => number, bursts: number, perBurst: number, width: number, duration: number): Puff[] {
  const puffs: Puff[] = [];
  for (let b = 0; b < bursts; b++) {
    const origin: [number, number, number] = [((b + 0.5) / bursts - 0.5) * width * 0.8 + (rand() - 0.5) * width * 0.1, (rand() - 0.5) * width * 0.12 - width * 0.05, (rand() - 0.5) * width * 0.15];
    const start = bursts === 1 ? 0.15 : 0.1 + (b / (bursts - 1)) * duration * 0.5 + rand() * 0.1;
    for (let i = 0; i < perBurst; i++) {
      // A direction over the sphere, thrown more up and sideways than down (the powder is flung).
      const u = rand() * 2 - 1;
      const a = rand() * Math.PI * 2;
      const s = Math.sqrt(1 - u * u);
      const speed = 1.5 + rand() * rand() * 6.5;
      const dir: [number, number, number] = [s * Math.cos(a), u * 0.8 + 0.25, s * Math.sin(a) * 0.6];
      puffs.push({ origin, velocity: [dir[0] * speed, dir[1] * speed, dir[2] * speed], start, size: 0.5 + rand() * 0.7 });
    }
  }
  return puffs;
}

export interface Powder {
  mesh: THREE.InstancedMesh;
  update(t: number, camera: THREE.Camera): void;
}

export function createPowder(rand: () => number, seed: number, colours: THREE.Color[], bursts: number, width: number, duration: number): Powder {
  const perBurst = 420;
  const puffs = layPuffs(rand, bursts, perBurst, width, duration);
  const n = puffs.length;
  const colour = new THREE.InstancedBufferAttribute(new Float32Array(n * 3), 3);
  puffs.forEach((_, i) => {
    // Each burst its own colour, a little of the next mixed in at its edges.
    const b = Math.floor(i / perBurst);
    const c = colours[b % colours.length]!.clone().lerp(colours[(b + 1) % colours.length]!, rand() < 0.15 ? 0.5 : 0);
    colour.setXYZ(i, c.r, c.g, c.b);
  });
  // Billows, not discs: each card a patch of noise (its own part of the texture) inside a soft round edge.
  const noise = noiseTexture(seed, 128, 4, 4);
  noise.wrapS = noise.wrapT = THREE.RepeatWrapping;
  const offset: N = instancedBufferAttribute(new THREE.InstancedBufferAttribute(Float32Array.from({ length: n * 2 }, () => rand()), 2));
  const billow: N = smoothstep(0.3, 0.75, texture(noise, (uv() as N).mul(0.6).add(offset)).r);
  const tint: N = instancedBufferAttribute(colour);
  const cards = softCards(n, (r) => ({ rgb: tint.mul(1.15), alpha: r.oneMinus().clamp(0, 1).pow(1.2).mul(billow.mul(0.8).add(0.2)) }));
  const p = new THREE.Vector3();
  return {
    mesh: cards.mesh,
    update(t, camera) {
      puffs.forEach((puff, i) => {
        const age = t - puff.start;
        const [x, y, z] = puffAt(puff, t);
        // Tight and dense as it bursts, a wide thin cloud a few seconds on.
        cards.place(i, p.set(x, y, z), age < 0 ? 0.001 : puff.size * (0.4 + 1.25 * Math.sqrt(age)), camera);
        cards.opacity[i] = age < 0 ? 0 : 0.7 * Math.min(1, age / 0.05) * Math.exp(-age / 4);
      });
      cards.commit();
    },
  };
}
