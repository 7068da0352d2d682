/**
 * A network over the globe: arcs of light between places on the earth, rising off the surface in
 * proportion to how far apart the places are, pulses running along them from one end to the other, a
 * glowing dot at each end. The arcs turn with the earth (the group goes on its ground). All arcs are one
 * set of line segments and one draw; each vertex carries how far along its arc it is and the arc's phase,
 * so the pulses are worked out in the shader. arcPoint is the pure part.
 */
import * as THREE from 'three/webgpu';
import { attribute, exp, float, fract, mix, uniform, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

type V3 = [number, number, number];

/** A point on the unit sphere at latitude and longitude (radians). */
export function onSphere(lat: number, lon: number): V3 {
  return [Math.cos(lat) * Math.sin(lon), Math.sin(lat), Math.cos(lat) * Math.cos(lon)];
}

/**
 * The point a fraction `u` along the arc from `a` to `b` (unit vectors) over a globe of `radius`: along the
 * great circle between them, lifted off the surface by a sine, highest halfway: by a fifth of the radius
 * for places on opposite sides of the world, a tenth for places a quarter of the way round.
 */
export function arcPoint(a: V3, b: V3, u: number, radius: number): V3 {
  const dot = Math.min(1, Math.max(-1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]));
  const angle = Math.acos(dot);
  const s = Math.sin(angle);
  const wa = s < 1e-6 ? 1 - u : Math.sin((1 - u) * angle) / s;
  const wb = s < 1e-6 ? u : Math.sin(u * angle) / s;
  const lift = 1.012 + ((0.2 * angle) / Math.PI) * Math.sin(Math.PI * u);
  return [(a[0] * wa + b[0] * wb) * radius * lift, (a[1] * wa + b[1] * wb) * radius * lift, (a[2] * wa + b[2] * wb) * radius * lift];
}

export interface GlobeLinks {
  group: THREE.Group;
  update(t: number): void;
}

/** `count` arcs over a globe of `radius`, glowing in `colour`. */
export function createGlobeLinks(rand: () => number, count: number, radius: number, colour: THREE.Color): GlobeLinks {
  const group = new THREE.Group();
  const time = uniform(0);
  // Hubs: a dozen places between 55 S and 65 N; each arc joins two of them, none to itself.
  const hubs = Array.from({ length: 14 }, () => onSphere((rand() * 120 - 55) * (Math.PI / 180), rand() * Math.PI * 2));
  const segments = 48;
  const positions: number[] = [];
  const data: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(rand() * hubs.length) % hubs.length;
    let j = Math.floor(rand() * (hubs.length - 1)) % (hubs.length - 1);
    if (j >= i) j++;
    const phase = rand();
    const rate = 0.25 + 0.35 * rand();
    for (let s = 0; s < segments; s++) {
      for (const u of [s / segments, (s + 1) / segments]) {
        positions.push(...arcPoint(hubs[i]!, hubs[j]!, u, radius));
        data.push(u, phase, rate);
      }
    }
  }
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  geometry.setAttribute('link', new THREE.Float32BufferAttribute(data, 3));
  const mat = new THREE.LineBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const link: N = attribute('link', 'vec3');
  const head: N = fract(time.mul(link.z).add(link.y)).mul(1.4).sub(0.2);
  const d: N = link.x.sub(head).mul(9);
  const pulse: N = exp(d.mul(d).negate());
  const c = vec3(colour.r, colour.g, colour.b);
  mat.colorNode = vec4(mix(c, vec3(1, 1, 1), pulse.mul(0.6)).mul(pulse.mul(2.4).add(float(0.35))), 1) as N;
  const lines = new THREE.LineSegments(geometry, mat);
  lines.frustumCulled = false;
  group.add(lines);
  // A dot of light at each hub.
  const dotMat = new THREE.MeshBasicNodeMaterial({ color: colour.clone().lerp(new THREE.Color('#ffffff'), 0.4).multiplyScalar(2) });
  const dots = new THREE.InstancedMesh(new THREE.SphereGeometry(radius * 0.012, 8, 6), dotMat, hubs.length);
  const m = new THREE.Matrix4();
  hubs.forEach((h, i) => dots.setMatrixAt(i, m.makeTranslation(h[0] * radius * 1.005, h[1] * radius * 1.005, h[2] * radius * 1.005)));
  group.add(dots);
  return {
    group,
    update(t) {
      time.value = t;
    },
  };
}
