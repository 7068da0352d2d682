/**
 * Tall grass (or wheat) in front of a low camera, swaying in the wind: thousands of tapered blades as one
 * instanced mesh, bent more the higher up each blade, by a steady lean with the wind, a flutter of its own,
 * and gusts that roll across the field as waves (each blade's gust phase is its distance along the wind,
 * so neighbours move together). Wheat carries an ear at the top of each stalk. Blades are spread over the
 * camera's view, densest near the lens where each is large, thinning with distance where the ground's
 * own colour carries the field.
 */
import * as THREE from 'three/webgpu';
import { float, instancedBufferAttribute, positionGeometry, positionLocal, sin, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface GrassField {
  /** The blades. */
  mesh: THREE.InstancedMesh;
  /** The blades and any flowers on them: what goes in the scene. */
  group: THREE.Group;
}

/** Where blades stand: spread over a wedge of the ground ahead of `eye`, looking along -z. Pure, for tests. */
export function placeBlades(count: number, rand: () => number, eye: { x: number; z: number }, halfAngle: number, near: number, far: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    // Uniform per unit of screen height, not per square metre: as many blades a row near as far.
    const d = near * Math.pow(far / near, rand());
    const a = (rand() * 2 - 1) * halfAngle;
    out.push([eye.x + Math.sin(a) * d, eye.z - Math.cos(a) * d]);
  }
  return out;
}

export function createTallGrass(
  ctx: BuildContext,
  opts: {
    wheat: boolean;
    eye: { x: number; z: number };
    ground: (x: number, z: number) => number;
    time: N;
    /** Half the angle of the field round the camera, radians (about the view; pi all round for an orbit). */
    sweep?: number;
    /** Flowers on some of the stalks: their colours (one picked per flower), how many stalks carry one, spikes (lavender) or heads. */
    flowers?: { colours: THREE.Color[]; share: number; spike: boolean };
  },
): GrassField {
  const rng = ctx.rng('tall-grass');
  const wheat = opts.wheat;
  const height = wheat ? 1.0 : 0.9;
  const count = Math.max(200, Math.round((ctx.software ? 5000 : 16000) * Math.min(1, ctx.detail)));
  // A blade: a strip tapering to a point, four rows up; wheat adds an ear (a slim diamond) at the top.
  const blade = new THREE.PlaneGeometry(wheat ? 0.03 : 0.07, height, 1, 2).translate(0, height / 2, 0);
  const p = blade.getAttribute('position') as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const y = p.getY(i) / height;
    p.setX(i, p.getX(i) * (wheat ? 1 - y * 0.4 : 1 - y * 0.92));
  }
  const colours: number[] = [];
  const base = new THREE.Color(wheat ? '#8a6a2c' : '#2f4a1c');
  const tip = new THREE.Color(wheat ? '#e3c470' : '#a8bc55');
  for (let i = 0; i < p.count; i++) {
    const c = base.clone().lerp(tip, p.getY(i) / height);
    colours.push(c.r, c.g, c.b);
  }
  let geometry: THREE.BufferGeometry = blade;
  blade.setAttribute('color', new THREE.Float32BufferAttribute(colours, 3));
  blade.deleteAttribute('uv');
  if (wheat) {
    const ear = new THREE.OctahedronGeometry(1, 0).scale(0.028, 0.1, 0.028).translate(0, height + 0.07, 0);
    ear.deleteAttribute('uv');
    const gold = new THREE.Color('#e0bf6a');
    ear.setAttribute('color', new THREE.Float32BufferAttribute(Array.from({ length: ear.getAttribute('position').count }, () => [gold.r, gold.g, gold.b]).flat(), 3));
    geometry = mergeParts([blade, ear]);
  }

  // Nearest first: the depth test then skips the shading of the many blades they hide (a software
  // rasteriser shades every layer of a field drawn far to near).
  const places = placeBlades(count, () => rng.next(), opts.eye, opts.sweep ?? 0.75, 1.2, 70).sort((a, b) => Math.hypot(a[0] - opts.eye.x, a[1] - opts.eye.z) - Math.hypot(b[0] - opts.eye.x, b[1] - opts.eye.z));
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.8, side: THREE.DoubleSide });
  const mesh = new THREE.InstancedMesh(geometry, mat, places.length);
  // Gusts roll along the wind (+x): a blade's phase is how far along it stands; its flutter has a phase of
  // its own. (Attributes, not the instance index: a flower on a blade sways with it.)
  const gustPhase = new Float32Array(places.length);
  const flutterPhase = new Float32Array(places.length);
  const tips: THREE.Vector3[] = [];
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const colour = new THREE.Color();
  places.forEach(([x, z], i) => {
    const s = 0.65 + rng.next() * 0.7;
    // Mostly facing the camera (a blade seen edge-on is nothing), a little turned each way.
    q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), (rng.next() - 0.5) * 1.2);
    const sy = s * (0.8 + rng.next() * 0.4);
    const y = opts.ground(x, z) - 0.05;
    m.compose(new THREE.Vector3(x, y, z), q, new THREE.Vector3(s, sy, s));
    mesh.setMatrixAt(i, m);
    tips.push(new THREE.Vector3(x, y + height * sy, z));
    flutterPhase[i] = rng.next() * 6.283;
    colour.setRGB(1, 1, 1).multiplyScalar(0.75 + rng.next() * 0.45);
    if (!wheat) colour.g *= 0.95 + rng.next() * 0.15;
    mesh.setColorAt(i, colour);
    gustPhase[i] = x * 0.11 + z * 0.04;
  });
  const wind = 0.25 + ctx.plan.weather.wind * 1.1;
  const t: N = opts.time;
  /** How far a point `bend` of the way up a blade (0 foot, 1 tip, squared) leans, for a blade's phases. */
  const leanAt = (bend: N, gust: N, flutterAt: N): N => {
    const flutter: N = sin(t.mul(3.1).add(flutterAt)).mul(0.06);
    const wave: N = sin(t.mul(1.4).sub(gust)).mul(0.5).add(0.5);
    return float(0.08).add(wave.mul(0.25)).add(flutter).mul(wind).mul(bend).mul(height);
  };
  // The blade's own height (positionGeometry): inside positionNode, positionLocal is already placed by
  // the instance matrix, ground height and all (blades on higher ground bent flat and sank).
  const y: N = positionGeometry.y.div(height);
  const lean: N = leanAt(y.mul(y), instancedBufferAttribute(new THREE.InstancedBufferAttribute(gustPhase, 1)), instancedBufferAttribute(new THREE.InstancedBufferAttribute(flutterPhase, 1)));
  mat.positionNode = positionLocal.add(vec3(lean, lean.mul(lean).mul(-0.5), float(0))) as N;
  mesh.castShadow = false;
  mesh.receiveShadow = false;
  mesh.frustumCulled = false;
  const group = new THREE.Group();
  group.add(mesh);

  if (opts.flowers) {
    // A flower at the tip of every few stalks, leaning with its stalk's tip.
    const f = opts.flowers;
    const carriers = tips.map((_, i) => i).filter(() => rng.next() < f.share);
    const head = f.spike ? new THREE.IcosahedronGeometry(1, 0).scale(0.022, 0.085, 0.022) : new THREE.IcosahedronGeometry(1, 0).scale(0.05, 0.032, 0.05);
    const heads = new THREE.InstancedMesh(head, roughMaterial(ctx, { roughness: 0.7 }), carriers.length);
    const hm = new THREE.Matrix4();
    const one = new THREE.Quaternion();
    const hs = new THREE.Vector3(1, 1, 1);
    carriers.forEach((b, i) => {
      hm.compose(tips[b]!, one, hs.setScalar(0.8 + rng.next() * 0.5));
      heads.setMatrixAt(i, hm);
      heads.setColorAt(i, f.colours[Math.floor(rng.next() * f.colours.length)]!.clone().multiplyScalar(0.85 + rng.next() * 0.3));
    });
    const headMat = heads.material as N;
    const tipLean: N = leanAt(
      float(1),
      instancedBufferAttribute(new THREE.InstancedBufferAttribute(Float32Array.from(carriers, (b) => gustPhase[b]!), 1)),
      instancedBufferAttribute(new THREE.InstancedBufferAttribute(Float32Array.from(carriers, (b) => flutterPhase[b]!), 1)),
    );
    headMat.positionNode = positionLocal.add(vec3(tipLean, tipLean.mul(tipLean).mul(-0.5), float(0)));
    heads.castShadow = false;
    heads.receiveShadow = false;
    heads.frustumCulled = false;
    group.add(heads);
  }
  return { mesh, group };
}
