/**
 * Neurons firing: nerve cells in the dark, each a lumpy cell body with dendrites branching out of it and
 * an axon reaching to a neighbour, all glowing faintly at their edges (as a translucent cell lit from
 * behind does), and impulses, bright beads of light, running along the fibres now and then, the cell
 * bodies flaring as they fire. The cells are grown once from the seed by a branching random walk
 * (growNeurons, the pure part); the impulses are worked out in the shader from time and each fibre's own
 * rate and phase, so any frame draws alone.
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { abs, attribute, dot, exp, float, floor, fract, hash, instanceIndex, mix, normalView, positionViewDirection, pow, sin, step, uniform, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

type V3 = [number, number, number];

export interface Fibre {
  /** Which cell it belongs to, and for an axon the cell it reaches. */
  cell: number;
  to?: number;
  /** Points from the cell body outwards (an axon's end at the other cell's body). */
  points: V3[];
  /** Its thickness where it leaves the body. */
  radius: number;
}

export interface NeuronField {
  bodies: Array<{ at: V3; radius: number }>;
  fibres: Fibre[];
}

const add = (a: V3, b: V3, k = 1): V3 => [a[0] + b[0] * k, a[1] + b[1] * k, a[2] + b[2] * k];
const len = (a: V3) => Math.hypot(a[0], a[1], a[2]);
const unit = (a: V3): V3 => {
  const l = len(a) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};

/**
 * `count` cells scattered through a `size` box (centred on the origin), no two bodies nearer than a fifth
 * of its width; five to seven dendrites each, forking once or twice; one axon from each to a near
 * neighbour, sagging on the way.
 */
export function growNeurons(rand: () => number, count: number, size: V3): NeuronField {
  const bodies: NeuronField['bodies'] = [];
  const spacing = size[0] / 5;
  for (let tries = 0; bodies.length < count && tries < count * 200; tries++) {
    const at: V3 = [(rand() - 0.5) * size[0], (rand() - 0.5) * size[1], (rand() - 0.5) * size[2]];
    if (bodies.every((b) => len(add(b.at, at, -1)) > spacing)) bodies.push({ at, radius: size[0] * (0.012 + 0.008 * rand()) });
  }
  const fibres: Fibre[] = [];
  const randomDir = (): V3 => unit([rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1]);
  const grow = (cell: number, from: V3, dir: V3, stepLength: number, steps: number, radius: number, depth: number) => {
    const points: V3[] = [from];
    let d = dir;
    let p = from;
    for (let s = 0; s < steps; s++) {
      d = unit(add(d, randomDir(), 0.45));
      p = add(p, d, stepLength);
      points.push(p);
      // Forks part way along, thinner, at an angle.
      if (depth < 2 && s >= 2 && s < steps - 2 && rand() < 0.22) grow(cell, p, unit(add(d, randomDir(), 0.9)), stepLength * 0.8, Math.max(3, steps - s - 1), radius * 0.6, depth + 1);
    }
    fibres.push({ cell, points, radius });
  };
  bodies.forEach((b, cell) => {
    const dendrites = 5 + Math.floor(rand() * 3);
    for (let k = 0; k < dendrites; k++) {
      const dir = randomDir();
      grow(cell, add(b.at, dir, b.radius * 0.8), dir, size[0] * 0.022, 6 + Math.floor(rand() * 5), b.radius * 0.32, 0);
    }
  });
  // Axons: each cell to one of its two nearest neighbours, through a point pushed off the straight line.
  bodies.forEach((b, cell) => {
    const near = bodies.map((o, j) => ({ j, d: j === cell ? Infinity : len(add(o.at, b.at, -1)) })).sort((x, y) => x.d - y.d);
    const target = near[Math.min(near.length - 1, Math.floor(rand() * 2))];
    if (!target || !Number.isFinite(target.d)) return;
    const to = bodies[target.j]!.at;
    const points: V3[] = [];
    const bend = randomDir();
    for (let s = 0; s <= 8; s++) {
      const u = s / 8;
      const sag = Math.sin(Math.PI * u) * target.d * 0.18;
      points.push(add(add(b.at, add(to, b.at, -1), u), bend, sag));
    }
    fibres.push({ cell, to: target.j, points, radius: b.radius * 0.22 });
  });
  return { bodies, fibres };
}

/** Impulses a second along a fibre, at most (each fibre fires at its own rate). */
export const PULSE_RATE = 0.9;

export interface Neurons {
  group: THREE.Group;
  update(t: number): void;
}

/** A tube along `points`, tapering from `radius` to half of it, with per-vertex impulse data. */
function fibreGeometry(fibre: Fibre, index: number, rand: () => number): THREE.BufferGeometry {
  const curve = new THREE.CatmullRomCurve3(fibre.points.map((p) => new THREE.Vector3(...p)));
  const segments = Math.max(8, fibre.points.length * 4);
  const radial = 5;
  const tube = new THREE.TubeGeometry(curve, segments, fibre.radius, radial, false);
  // Taper: pull each ring towards its centre line.
  const pos = tube.attributes.position!;
  const centre = new THREE.Vector3();
  const v = new THREE.Vector3();
  for (let i = 0; i <= segments; i++) {
    curve.getPointAt(i / segments, centre);
    // (Not to a point: a fibre thinner than a pixel breaks up into dots.)
    const k = 1 - 0.5 * (i / segments) * (fibre.to === undefined ? 1 : 0.4);
    for (let j = 0; j <= radial; j++) {
      const n = i * (radial + 1) + j;
      v.fromBufferAttribute(pos, n).sub(centre).multiplyScalar(k).add(centre);
      pos.setXYZ(n, v.x, v.y, v.z);
    }
  }
  tube.computeVertexNormals();
  // Each fibre's impulse: a phase, a rate (axons faster), its own number for whether it fires, and
  // whether it is an axon (the impulse runs outwards) or a dendrite (inwards).
  const data = new Float32Array(pos.count * 4);
  const phase = rand();
  const rate = PULSE_RATE * (fibre.to === undefined ? 0.35 + 0.35 * rand() : 0.6 + 0.4 * rand());
  const axon = fibre.to === undefined ? 0 : 1;
  for (let n = 0; n < pos.count; n++) data.set([phase, rate, index, axon], n * 4);
  tube.setAttribute('pulse', new THREE.BufferAttribute(data, 4));
  return tube;
}

/** Cells in a `size` box; `colour` their glow (the impulses run white-hot in it). */
export function createNeurons(seed: number, rand: () => number, count: number, size: V3, colour: THREE.Color): Neurons {
  const field = growNeurons(rand, count, size);
  const group = new THREE.Group();
  const time = uniform(0);
  const c = vec3(colour.r, colour.g, colour.b);
  // A translucent cell lit from behind: its edges glow, its face is dim.
  const rim: N = pow(float(1).sub(abs(dot(normalView, positionViewDirection))), 2);

  const fibres = mergeGeometries(field.fibres.map((f, i) => fibreGeometry(f, i, rand)));
  const fibreMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const pulse: N = attribute('pulse', 'vec4');
  // Signals run inwards along a dendrite (to the body) and outwards along an axon; uv.x runs from the
  // body out.
  const run: N = time.mul(pulse.y).add(pulse.x);
  const cycle: N = floor(run);
  // (The fibre's number is rounded: interpolated across a triangle it can come out a hair under itself,
  // and hash() truncates, which speckled the fibres.)
  const fires: N = step(0.45, hash(cycle.add(floor(pulse.z.add(0.5)).mul(131)).add(seed % 997)));
  const along: N = mix(float(1).sub(uv().x), uv().x, pulse.w);
  const dx: N = along.sub(fract(run).mul(1.3).sub(0.15)).mul(14);
  const bead: N = exp(dx.mul(dx).negate()).mul(fires);
  fibreMat.colorNode = vec4(c.mul(rim.mul(0.9).add(0.12)).add(mix(c, vec3(1, 1, 1), 0.55).mul(bead.mul(3.2))), 1) as N;
  const fibreMesh = new THREE.Mesh(fibres, fibreMat);
  fibreMesh.frustumCulled = false;
  group.add(fibreMesh);

  // The bodies, one lumpy shape instanced, each flaring now and then.
  const lumpy = new THREE.IcosahedronGeometry(1, 3);
  const p = lumpy.attributes.position!;
  const w = new THREE.Vector3();
  for (let n = 0; n < p.count; n++) {
    w.fromBufferAttribute(p, n);
    const k = 1 + 0.12 * Math.sin(w.x * 5.1 + seed) * Math.sin(w.y * 4.3) + 0.08 * Math.sin(w.z * 7.7);
    w.multiplyScalar(k);
    p.setXYZ(n, w.x, w.y, w.z);
  }
  lumpy.computeVertexNormals();
  const bodyMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const beat: N = time.mul(0.5).add(hash(instanceIndex.add(7)).mul(10));
  const flare: N = pow(sin(beat.mul(Math.PI)).abs(), 12).mul(step(0.4, hash(floor(beat).add(instanceIndex.mul(17)))));
  bodyMat.colorNode = vec4(c.mul(rim.mul(1.3).add(0.25)).add(mix(c, vec3(1, 1, 1), 0.5).mul(flare.mul(2.5))), 1) as N;
  const bodies = new THREE.InstancedMesh(lumpy, bodyMat, Math.max(1, field.bodies.length));
  const m = new THREE.Matrix4();
  field.bodies.forEach((b, i) => bodies.setMatrixAt(i, m.compose(new THREE.Vector3(...b.at), new THREE.Quaternion().setFromEuler(new THREE.Euler(i, i * 2, 0)), new THREE.Vector3(b.radius, b.radius * 0.85, b.radius))));
  bodies.count = field.bodies.length;
  bodies.frustumCulled = false;
  group.add(bodies);
  return {
    group,
    update(t) {
      time.value = t;
    },
  };
}
