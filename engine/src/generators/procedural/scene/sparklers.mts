/**
 * Sparklers burning in the dark: a wire stick held at a slant, waved a little, its burning head creeping
 * down it and throwing sparks all round, each a short bright streak along its flight (as a camera's
 * shutter draws it) that fades from white-hot to orange; some sparks burst into a few smaller ones at the
 * end of their flight, the sparkler's forked look. Spark flights are planned by a pure function; the
 * streaks are drawn additively, velocity-aligned cards turned to the lens.
 */
import * as THREE from 'three/webgpu';
import { exp, float, length, mix, smoothstep, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Gravity and air drag on a spark, in the scene's units (a sparkler is 2 units long). */
const GRAVITY = 5;
const DRAG = 2.2;

export interface Spark {
  /** Birth time, s; how long it flies, s. */
  birth: number;
  life: number;
  /** Launch velocity (units a second). */
  v: [number, number, number];
  /** A burst's spark starts where its parent ended: the parent's index, or -1 from the head. */
  parent: number;
  /** Width of its streak, units. */
  width: number;
}

/** Where a spark is `age` seconds into its flight, relative to where it started: drag, then gravity. Pure. */
export function sparkOffset(v: readonly [number, number, number], age: number): [number, number, number] {
  // Velocity decays as exp(-DRAG t): the distance is v (1 - exp(-DRAG t)) / DRAG; gravity pulls down.
  const k = (1 - Math.exp(-DRAG * age)) / DRAG;
  return [v[0] * k, v[1] * k - 0.5 * GRAVITY * age * age, v[2] * k];
}

/**
 * The sparks one sparkler throws over `duration` seconds (and the half second before it, so the first
 * frame is already alight), about `rate` a second, a third of them bursting into three at the end. Pure.
 */
export function planSparks(rand: () => number, duration: number, rate: number): Spark[] {
  const out: Spark[] = [];
  const n = Math.round((duration + 0.5) * rate);
  for (let i = 0; i < n; i++) {
    const birth = -0.5 + rand() * (duration + 0.5);
    // A direction all round (a little more outward than up or down), a speed, a short life.
    const z = rand() * 2 - 1;
    const a = rand() * Math.PI * 2;
    const r = Math.sqrt(1 - z * z);
    const speed = 3 + rand() * 5;
    const life = 0.12 + rand() * 0.26;
    const parent = out.length;
    out.push({ birth, life, v: [r * Math.cos(a) * speed, z * speed, r * Math.sin(a) * speed], parent: -1, width: 0.012 + rand() * 0.01 });
    if (rand() < 0.33) {
      for (let k = 0; k < 3; k++) {
        const bz = rand() * 2 - 1;
        const ba = rand() * Math.PI * 2;
        const br = Math.sqrt(1 - bz * bz);
        const bs = 1.2 + rand() * 1.8;
        out.push({ birth: birth + life, life: 0.05 + rand() * 0.08, v: [br * Math.cos(ba) * bs, bz * bs, br * Math.sin(ba) * bs], parent, width: 0.008 });
      }
    }
  }
  return out;
}

export interface Sparklers {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** `count` sparklers about the origin (one in the middle; more spread across and in depth). */
export function createSparklers(count: number, duration: number, rand: () => number, software: boolean): Sparklers {
  const group = new THREE.Group();
  // Each sparkler: where its handle is, its slant, its own sparks.
  const sticks = Array.from({ length: count }, (_, i) => ({
    // (Leaning right: the head stands about 0.8 units right of the handle.)
    base: count === 1 ? new THREE.Vector3(-0.5, -1.6, 0) : new THREE.Vector3((i - (count - 1) / 2) * 1.9 - 0.7 + (rand() - 0.5) * 0.4, -1.7 + (rand() - 0.5) * 0.5, -rand() * 2.5),
    lean: -0.45 + (rand() - 0.5) * 0.3,
    wave: rand() * 6.283,
    sparks: planSparks(rand, duration, software ? 600 : 900),
  }));
  const LENGTH = 2.0;
  const stickMat = new THREE.MeshStandardNodeMaterial({ color: 0x3a3634, roughness: 0.5, metalness: 0.6 });
  const stickGeo = new THREE.CylinderGeometry(0.012, 0.012, LENGTH, 5).translate(0, LENGTH / 2, 0);
  // The burning head: a white-hot core in an orange glow.
  const headMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const hd: N = length(uv().sub(0.5)).mul(2);
  headMat.colorNode = vec4(mix(vec3(2.2, 0.9, 0.25), vec3(6, 5, 3.5), exp(hd.mul(hd).mul(-40))).mul(exp(hd.mul(hd).mul(-6))), 1) as N;
  // A streak: bright at its head (uv.x = 1), fading along its tail, soft across; white-hot to orange.
  const sparkMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const across: N = uv().y.sub(0.5).mul(2);
  const along: N = uv().x;
  const core: N = exp(across.mul(across).mul(-6)).mul(smoothstep(0.0, 0.7, along)).mul(float(1).sub(smoothstep(0.93, 1.0, along)));
  sparkMat.colorNode = vec4(mix(vec3(1.8, 0.55, 0.12), vec3(3.2, 2.6, 1.6), smoothstep(0.5, 1.0, along)).mul(core), 1) as N;
  const total = sticks.reduce((a, s) => a + s.sparks.length, 0);
  const streaks = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), sparkMat, total);
  streaks.frustumCulled = false;
  streaks.renderOrder = 4;
  group.add(streaks);
  const parts = sticks.map((s) => {
    const stick = new THREE.Mesh(stickGeo, stickMat);
    const head = new THREE.Mesh(new THREE.PlaneGeometry(0.5, 0.5), headMat);
    head.renderOrder = 5;
    group.add(stick, head);
    return { stick, head };
  });
  // A light at each head: the sparkler lights its own stick (and a hand, were there one).
  const light = new THREE.PointLight(0xffb060, 3, 6, 2);
  group.add(light);

  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3();
  const a = new THREE.Vector3();
  const b = new THREE.Vector3();
  const dir = new THREE.Vector3();
  const toCam = new THREE.Vector3();
  const side = new THREE.Vector3();
  const normal = new THREE.Vector3();
  const basis = new THREE.Matrix4();
  const tip = new THREE.Vector3();
  // One 30th of a second: a streak is as long as the spark travels while the shutter is open (sparklers
  // are shot with it open long, for the spiky look).
  const shutter = 1 / 30;
  return {
    group,
    update(t, camera) {
      let k = 0;
      sticks.forEach((st, i) => {
        // Waved a little; the head burns down the wire over the clip.
        const lean = st.lean + Math.sin(t * 1.3 + st.wave) * 0.12;
        const { stick, head } = parts[i]!;
        stick.position.copy(st.base);
        stick.rotation.set(0, 0, lean);
        const burnt = 0.92 - 0.3 * Math.min(1, t / Math.max(duration, 1));
        tip.set(-Math.sin(lean) * LENGTH * burnt, Math.cos(lean) * LENGTH * burnt, 0).add(st.base);
        head.position.copy(tip);
        head.quaternion.copy(camera.quaternion);
        if (i === 0) light.position.copy(tip);
        // Where each spark began: the head when it was thrown (the head barely moves in a spark's life),
        // or its parent's end.
        st.sparks.forEach((sp) => {
          const age = t - sp.birth;
          // Only the sparks in flight are drawn (a few hundred of the thousands planned).
          if (age < 0 || age > sp.life) return;
          let origin = tip;
          if (sp.parent >= 0) {
            const par = st.sparks[sp.parent]!;
            const [ox, oy, oz] = sparkOffset(par.v, par.life);
            origin = a.set(ox, oy, oz).add(tip);
          }
          const [x1, y1, z1] = sparkOffset(sp.v, age);
          const [x0, y0, z0] = sparkOffset(sp.v, Math.max(0, age - shutter));
          b.set(x1, y1, z1).add(origin);
          p.set(x0, y0, z0).add(origin);
          dir.subVectors(b, p);
          const len = Math.max(dir.length(), 0.02);
          dir.normalize();
          // The card lies along the flight, turned about it to face the lens.
          toCam.subVectors(camera.position, b).normalize();
          side.crossVectors(toCam, dir).normalize();
          normal.crossVectors(dir, side);
          basis.makeBasis(dir, side, normal);
          q.setFromRotationMatrix(basis);
          // Dimming and thinning as it cools.
          const cool = 1 - 0.5 * (age / sp.life);
          m.compose(p.add(b).multiplyScalar(0.5), q, s.set(len, sp.width * cool * 3, 1));
          streaks.setMatrixAt(k++, m);
        });
      });
      streaks.count = k;
      streaks.instanceMatrix.needsUpdate = true;
    },
  };
}
