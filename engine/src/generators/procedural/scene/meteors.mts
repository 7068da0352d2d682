/**
 * Shooting stars: meteors streaking down the night sky in front of the lens, each for under a second, a
 * bright head with a fading train, at moments spread over the clip. They live on a sphere at sky distance
 * round the camera (so they stay at infinity as it moves), laid out in the frame the camera first looks in.
 * When and where each one burns is a pure function (`meteorAt`).
 */
import * as THREE from 'three/webgpu';
import { pow, uv } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

type Vec3 = [number, number, number];

export interface Meteor {
  /** Clip seconds it appears, and how long it burns. */
  start: number;
  duration: number;
  /** Unit directions (camera-forward frame: -Z ahead, +Y up) where it starts and where it would end. */
  from: Vec3;
  to: Vec3;
  brightness: number;
}

function direction(azimuth: number, elevation: number): Vec3 {
  return [Math.sin(azimuth) * Math.cos(elevation), Math.sin(elevation), -Math.cos(azimuth) * Math.cos(elevation)];
}

/**
 * `count` meteors over `duration` seconds, from `rand` (uniform in [0, 1)): each starts 20 to 50 degrees up
 * and within 30 degrees of straight ahead, and falls 8 to 16 degrees down and sideways (a shower's meteors
 * all lean the same way, away from its radiant). The first burns within the first second (a lone one a
 * third of the way in).
 */
export function layMeteors(rand: () => number, count: number, duration: number): Meteor[] {
  const lean = rand() < 0.5 ? -1 : 1;
  return Array.from({ length: count }, (_, i) => {
    // (A lone one a third of the way in, once the shot has settled.)
    const start = count === 1 ? duration * (0.25 + rand() * 0.15) : i === 0 ? rand() * 0.6 : ((i + rand() * 0.8) / count) * Math.max(0.5, duration - 0.8);
    const az = (rand() - 0.5) * (60 * Math.PI) / 180;
    const el = ((20 + rand() * 30) * Math.PI) / 180;
    const fall = ((8 + rand() * 8) * Math.PI) / 180;
    return {
      start,
      duration: 0.45 + rand() * 0.5,
      from: direction(az, el),
      to: direction(az + lean * fall * 0.8, el - fall),
      brightness: 0.6 + rand() * 0.8,
    };
  });
}

function slerp(a: Vec3, b: Vec3, t: number): Vec3 {
  const d = Math.min(1, Math.max(-1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const w = Math.acos(d);
  if (w < 1e-6) return [...a];
  const sa = Math.sin((1 - t) * w) / Math.sin(w);
  const sb = Math.sin(t * w) / Math.sin(w);
  return [a[0] * sa + b[0] * sb, a[1] * sa + b[1] * sb, a[2] * sa + b[2] * sb];
}

/**
 * Meteor m at clip time t: where its head and the end of its train are (unit directions) and how bright it
 * is (0 when not burning): it flares up and dies away over its life, the train a third of its path long.
 */
export function meteorAt(m: Meteor, t: number): { head: Vec3; tail: Vec3; brightness: number } {
  const p = (t - m.start) / m.duration;
  if (p <= 0 || p >= 1) return { head: m.from, tail: m.from, brightness: 0 };
  return { head: slerp(m.from, m.to, p), tail: slerp(m.from, m.to, Math.max(0, p - 0.35)), brightness: m.brightness * Math.sqrt(Math.sin(Math.PI * p)) };
}

export interface Meteors {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** Meteors at `distance` from the camera (inside the sky dome). */
export function createMeteors(meteors: Meteor[], distance: number): Meteors {
  const group = new THREE.Group();
  // A unit streak along +y, its head at y = 0 (uv.y = 1), the train behind it.
  const bar = new THREE.CylinderGeometry(1, 0.25, 1, 4, 1, true).translate(0, -0.5, 0);
  const material = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  // Brightest at the head; the instance colour carries the meteor's brightness now.
  material.colorNode = pow(uv().y, 1.8).mul(2.2) as N;
  const mesh = new THREE.InstancedMesh(bar, material, meteors.length);
  mesh.instanceColor = new THREE.InstancedBufferAttribute(new Float32Array(meteors.length * 3), 3);
  mesh.frustumCulled = false;
  mesh.renderOrder = 2;
  group.add(mesh);
  let yaw: number | null = null;
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const up = new THREE.Vector3(0, 1, 0);
  const head = new THREE.Vector3();
  const along = new THREE.Vector3();
  const scale = new THREE.Vector3();
  const forward = new THREE.Vector3();
  // A faint blue-green tint of burning metal.
  const tint = new THREE.Color(0.85, 0.95, 1);
  return {
    group,
    update(t, camera) {
      if (yaw === null) {
        camera.getWorldDirection(forward);
        yaw = Math.atan2(-forward.x, -forward.z);
      }
      group.position.copy(camera.position);
      group.rotation.y = yaw;
      meteors.forEach((m, i) => {
        const now = meteorAt(m, t);
        head.set(...now.head).multiplyScalar(distance);
        along.set(now.head[0] - now.tail[0], now.head[1] - now.tail[1], now.head[2] - now.tail[2]).multiplyScalar(distance);
        const length = along.length();
        if (now.brightness <= 0 || length < 1e-3) {
          m4.makeScale(0, 0, 0);
        } else {
          q.setFromUnitVectors(up, along.divideScalar(length));
          m4.compose(head, q, scale.set(distance * 0.0016, length, distance * 0.0016));
        }
        mesh.setMatrixAt(i, m4);
        mesh.setColorAt(i, tint.clone().multiplyScalar(now.brightness));
      });
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor!.needsUpdate = true;
    },
  };
}
