/**
 * Streaks of light, the motion-graphics staple: thin bright bars flying across the frame in layers at
 * different speeds and depths ("light streaks background", a logo reveal's streaks), or, at warp speed,
 * streaks rushing out of the dark towards and past the lens in a tunnel round it ("hyperspace", "warp
 * speed"). Each streak is brightest at its head and fades along its tail, drawn additively, its length
 * its speed times a shutter, so faster streaks are longer. Where a streak is at a time is a pure function
 * (`streakAt`): the clip can start anywhere and every frame is the same for the same seed.
 */
import * as THREE from 'three/webgpu';
import { float, pow, uv } from 'three/tsl';
import { perInstanceColour } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Streak {
  /** Flow: x at time 0, y, depth z. Warp: angle round the axis, radius, z at time 0. */
  a: number;
  b: number;
  c: number;
  speed: number;
  length: number;
  thickness: number;
}

export interface StreakField {
  mode: 'flow' | 'warp';
  /** Flow: the span streaks cross (x from -span/2 to span/2) before they come round again. Warp: the tunnel's depth. */
  span: number;
}

/** Where streak s is at time t: its head's position (pure; streaks wrap round the span). */
export function streakAt(s: Streak, field: StreakField, t: number): [number, number, number] {
  const span = field.span + s.length;
  const travel = s.speed * t;
  if (field.mode === 'flow') {
    // Left to right; wrapped so the whole streak has left the span before it re-enters.
    const x = wrap(s.a + travel, span) - span / 2;
    return [x, s.b, s.c];
  }
  // Towards the lens (+z), from -span to a little behind it.
  const z = wrap(s.c + travel, span) - span + 2;
  return [Math.cos(s.a) * s.b, Math.sin(s.a) * s.b, z];
}

function wrap(v: number, m: number): number {
  return ((v % m) + m) % m;
}

/** `count` streaks laid out for the field, from `rand` (uniform in [0, 1)). */
export function layStreaks(rand: () => number, count: number, field: StreakField, height: number): Streak[] {
  return Array.from({ length: count }, () => {
    if (field.mode === 'flow') {
      // Nearer layers faster, longer and thicker: parallax gives the depth.
      const depth = rand();
      const speed = 4 + depth * 14;
      return { a: rand() * field.span, b: (rand() - 0.5) * height * 1.1, c: -6 + depth * 8, speed, length: speed * (0.25 + rand() * 0.3), thickness: 0.012 + depth * 0.035 };
    }
    // Streaks round the lens, none straight ahead (that would be a dot), more towards the edges.
    const speed = 30 + rand() * 40;
    return { a: rand() * Math.PI * 2, b: 1.2 + Math.sqrt(rand()) * 9, c: rand() * field.span, speed, length: speed * (0.12 + rand() * 0.1), thickness: 0.02 + rand() * 0.03 };
  });
}

export interface LightStreaks {
  group: THREE.Group;
  update(t: number): void;
}

export function createLightStreaks(streaks: Streak[], field: StreakField, colours: THREE.Color[]): LightStreaks {
  const group = new THREE.Group();
  // A unit bar along +y with its head at y = 1 (uv.y = 1), turned onto the streak's direction.
  const bar = new THREE.CylinderGeometry(1, 1, 1, 4, 1, true).translate(0, -0.5, 0);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  // Brightest at the head, the tail fading; a white-hot core at the head of every colour.
  const along: N = pow(uv().y, 2.2);
  const colour: N = perInstanceColour(streaks.map((_, k) => colours[k % colours.length]!));
  material.colorNode = colour.mul(along.mul(1.6)).add(pow(uv().y, 12).mul(float(0.9))) as N;
  const mesh = new THREE.InstancedMesh(bar, material, streaks.length);
  mesh.frustumCulled = false;
  group.add(mesh);
  // Flow streaks lie along +x (head first), warp streaks along +z (towards the lens).
  const turn = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 1, 0), field.mode === 'flow' ? new THREE.Vector3(1, 0, 0) : new THREE.Vector3(0, 0, 1));
  const m4 = new THREE.Matrix4();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  return {
    group,
    update(t) {
      streaks.forEach((k, i) => {
        p.set(...streakAt(k, field, t));
        s.set(k.thickness, k.length, k.thickness);
        m4.compose(p, turn, s);
        mesh.setMatrixAt(i, m4);
      });
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
}
