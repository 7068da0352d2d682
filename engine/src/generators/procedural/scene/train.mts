/**
 * A train crossing the landscape: a passenger train (a locomotive and five coaches), a steam train (a black
 * locomotive with its boiler, chimney and smoke, and maroon coaches) or a freight train (a locomotive and
 * wagons in many colours), on a track across the view on the ground ahead. The track follows the lie of
 * the land smoothed as a railway's grade is, on a low embankment, with rails and sleepers; the train runs
 * along it from the first frame, across the frame over the clip. Coaches' windows light after dark and
 * the locomotive's headlights shine.
 * The track's profile and where each vehicle sits on it are pure (tested without a GPU).
 */
import * as THREE from 'three/webgpu';
import { isTrainKind } from '../plan/schema.js';
import { mergeParts, paintVertices, roughMaterial, softCards } from './common.mjs';
import { vec3 } from 'three/tsl';
import { crossingDirection, groundAhead, viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/** A coach's length and the coupling gap, metres (a main-line coach is 23 to 26 m). */
export const CAR_LENGTH = 24;
export const CAR_GAP = 1.2;
/** Half the track's length either side of the middle, and the spacing of its profile's samples. */
const HALF_TRACK = 700;
const STEP = 5;

/** A moving average of `v` over `half` samples either side. */
function smooth(v: Float64Array, half: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) {
    let sum = 0;
    let k = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(v.length - 1, i + half); j++) {
      sum += v[j]!;
      k++;
    }
    out[i] = sum / k;
  }
  return out;
}

/**
 * The track's height along its length: the ground sampled every 5 m, smoothed over 120 m (a railway
 * climbs no steeper than a few per cent; the raw ground had hills a train would bounce over), never below
 * the ground itself (over bumps the smoothed grade ran under the land and hid the train: there it rides
 * an embankment instead), smoothed again over 30 m. Sampled between the 5 m samples the land can still
 * rise a little above the rails. Returns heights at s = -HALF_TRACK, -HALF_TRACK + STEP,
 * ... Pure given `ground`.
 */
export function trackProfile(ground: (s: number) => number): Float64Array {
  const n = Math.round((2 * HALF_TRACK) / STEP) + 1;
  const raw = Float64Array.from({ length: n }, (_, i) => ground(-HALF_TRACK + i * STEP));
  const grade = smooth(raw, Math.round(60 / STEP));
  // The highest ground within 15 m: averaged over the same 15 m either side, what comes out is above the
  // ground everywhere (every value averaged at a point is at least the ground there).
  const w = Math.round(15 / STEP);
  const envelope = raw.map((_, i) => {
    let m = -Infinity;
    for (let j = Math.max(0, i - w); j <= Math.min(raw.length - 1, i + w); j++) m = Math.max(m, raw[j]!);
    return m;
  });
  const above = grade.map((g, i) => Math.max(g, envelope[i]! + 0.4));
  return smooth(above, w).map((h) => h + 0.8);
}

/** Height of the track at `s` metres along it (linear between samples, held past the ends). Pure. */
export function heightAt(profile: Float64Array, s: number): number {
  const f = Math.min(profile.length - 1, Math.max(0, (s + HALF_TRACK) / STEP));
  const i = Math.min(profile.length - 2, Math.floor(f));
  return profile[i]! + (profile[i + 1]! - profile[i]!) * (f - i);
}

/** Where the middle of vehicle `k` (0 the locomotive) is along the track when the front is at `front`. Pure. */
export function vehicleCentre(k: number, front: number): number {
  return front - CAR_LENGTH / 2 - k * (CAR_LENGTH + CAR_GAP);
}

type Style = 'passenger' | 'steam' | 'freight';

/** A vehicle's parts: the shaded body, and its windows (drawn unlit: dark glass by day, lit after dark). */
interface VehicleParts {
  body: THREE.BufferGeometry;
  windows: THREE.BufferGeometry | null;
}

/** A coach's body along +x, 3 m wide, its roof rounded; a band of windows along both sides. */
function coachGeometry(body: THREE.Color, band: THREE.Color, windows: THREE.Color | null, length: number): VehicleParts {
  const shape = new THREE.Shape();
  shape.moveTo(-1.5, 0);
  shape.lineTo(1.5, 0);
  shape.lineTo(1.5, 3.0);
  shape.quadraticCurveTo(1.45, 3.8, 0, 3.9);
  shape.quadraticCurveTo(-1.45, 3.8, -1.5, 3.0);
  shape.lineTo(-1.5, 0);
  // Extruded along z, then turned so its length runs along x.
  const shell = new THREE.ExtrudeGeometry(shape, { depth: length, bevelEnabled: false, curveSegments: 6 }).translate(0, 0, -length / 2).rotateY(Math.PI / 2);
  paintVertices(shell, (p) => (p.y > 0.9 && p.y < 1.3 ? band : body));
  const parts: THREE.BufferGeometry[] = [shell];
  const panes = windows ? mergeParts([-1, 1].map((side) => paintVertices(new THREE.BoxGeometry(length - 3, 1.0, 0.06).translate(0, 2.05, side * 1.52), windows))) : null;
  // Bogies and the underframe, dark.
  const dark = new THREE.Color('#1c1d20');
  parts.push(paintVertices(new THREE.BoxGeometry(length - 2, 0.7, 2.6).translate(0, -0.35, 0), dark));
  for (const x of [-length / 2 + 3.5, length / 2 - 3.5]) parts.push(paintVertices(new THREE.BoxGeometry(3, 0.9, 2.4).translate(x, -0.9, 0), dark));
  return { body: mergeParts(parts), windows: panes };
}

/** A modern locomotive: a coach's body with a raked nose at +x, the cab windows dark. */
function locomotiveGeometry(body: THREE.Color, band: THREE.Color): VehicleParts {
  const g = coachGeometry(body, band, null, CAR_LENGTH - 4).body;
  const nose = new THREE.Shape([new THREE.Vector2(0, -0.7), new THREE.Vector2(4, -0.7), new THREE.Vector2(4, 0.6), new THREE.Vector2(0, 3.9)]);
  const n = new THREE.ExtrudeGeometry(nose, { depth: 3, bevelEnabled: false }).translate(0, 0, -1.5).translate((CAR_LENGTH - 4) / 2, 0, 0);
  paintVertices(n, (p) => (p.y > 1.6 && p.x > (CAR_LENGTH - 4) / 2 + 0.6 ? new THREE.Color('#15181c') : p.y > 0.9 && p.y < 1.3 ? band : body));
  return { body: mergeParts([g, n]).translate(-2, 0, 0), windows: null };
}

/** A steam locomotive along +x: a black boiler on its frame, chimney at the front, a cab at the back. */
function steamGeometry(): VehicleParts {
  const black = new THREE.Color('#161616');
  const red = new THREE.Color('#7a1a12');
  const parts = [
    paintVertices(new THREE.CylinderGeometry(1.2, 1.2, 11, 20).rotateZ(Math.PI / 2).translate(1.5, 2.3, 0), black),
    paintVertices(new THREE.CylinderGeometry(0.35, 0.45, 1.4, 12).translate(6.2, 3.9, 0), black),
    paintVertices(new THREE.CylinderGeometry(0.5, 0.5, 0.9, 12).translate(3, 3.7, 0), black),
    paintVertices(new THREE.BoxGeometry(4, 3.4, 3).translate(-6, 2.4, 0), black),
    paintVertices(new THREE.BoxGeometry(4.4, 0.3, 3.2).translate(-6, 4.2, 0), black),
    paintVertices(new THREE.BoxGeometry(17, 0.6, 2.6).translate(0, 0.6, 0), red),
  ];
  // Driving wheels, red rims showing below the running board.
  for (const x of [-2.2, 0.2, 2.6]) for (const z of [-1.25, 1.25]) parts.push(paintVertices(new THREE.CylinderGeometry(0.9, 0.9, 0.25, 18).rotateX(Math.PI / 2).translate(x, 0.2, z), red));
  return { body: mergeParts(parts), windows: null };
}

/** The track: a ballast embankment with two rails, built along the profile as ribbons; sleepers instanced. */
function trackMeshes(ctx: Parameters<ViewLayerFactory>[0], profile: Float64Array, origin: THREE.Vector3, along: THREE.Vector3): THREE.Object3D[] {
  const side = new THREE.Vector3(-along.z, 0, along.x);
  const n = profile.length;
  const strip = (offsets: Array<[number, number]>, colour: THREE.Color): THREE.BufferGeometry => {
    // A cross-section of (across, up) points swept along the track.
    const pos: number[] = [];
    const index: number[] = [];
    const m = offsets.length;
    for (let i = 0; i < n; i++) {
      const s = -HALF_TRACK + i * STEP;
      const h = profile[i]!;
      for (const [a, u] of offsets) {
        const p = origin.clone().addScaledVector(along, s).addScaledVector(side, a);
        pos.push(p.x, h + u, p.z);
      }
      if (i > 0) for (let k = 0; k + 1 < m; k++) index.push((i - 1) * m + k, i * m + k, (i - 1) * m + k + 1, (i - 1) * m + k + 1, i * m + k, i * m + k + 1);
    }
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
    g.setIndex(index);
    g.computeVertexNormals();
    return paintVertices(g, colour);
  };
  const ballast = strip([[-16, -14], [-2.4, -0.15], [2.4, -0.15], [16, -14]], new THREE.Color('#6d675f'));
  const rails = mergeParts([-0.72, 0.72].flatMap((z) => [strip([[z - 0.04, 0.02], [z - 0.04, 0.17], [z + 0.04, 0.17], [z + 0.04, 0.02]], new THREE.Color('#8d8f93'))]));
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.9 });
  const railMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.35 });
  const objects: THREE.Object3D[] = [new THREE.Mesh(ballast, mat), new THREE.Mesh(rails, railMat)];
  // Sleepers every 0.65 m over the stretch the camera can see (a third of the track either side).
  const count = Math.floor((HALF_TRACK * 0.8) / 0.65);
  const sleepers = new THREE.InstancedMesh(new THREE.BoxGeometry(0.25, 0.15, 2.6), roughMaterial(ctx, { roughness: 0.9, color: new THREE.Color('#4a3a2c') }), count);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(1, 0, 0), along);
  for (let i = 0; i < count; i++) {
    const s = -HALF_TRACK * 0.4 + i * 0.65;
    const p = origin.clone().addScaledVector(along, s);
    p.y = heightAt(profile, s) - 0.05;
    sleepers.setMatrixAt(i, m.compose(p, q, new THREE.Vector3(1, 1, 1)));
  }
  objects.push(sleepers);
  for (const o of objects) {
    o.castShadow = false;
    o.receiveShadow = false;
  }
  return objects;
}

/**
 * How far ahead the track runs: from where a coach (4.5 m with its bogies) is an eighth of the frame's
 * height, or where the frame's lower part meets the land if that is further, outwards, the first distance at which the camera sees the train along the frame's width over the
 * land between, and the land along the track stays within 2.5 m of its smoothed grade (else the track
 * ran into hillsides). The clearest distance tried if none passes.
 */
function trackDistance(view: ReturnType<typeof viewPlacer>, aspect: number, ground: (x: number, z: number) => number): number {
  // Not nearer than where the lower part of the frame meets the land: from a camera high over a valley the
  // ground 60 m ahead is far below the frame.
  let seen = 0;
  for (let d = 5; d < 6000; d *= 1.05) {
    const p = view.at(0, -0.55, d);
    if (p.y <= ground(p.x, p.z)) {
      seen = Math.hypot(p.x - view.camera.x, p.z - view.camera.z);
      break;
    }
  }
  const near = Math.max(4.5 / (0.125 * 2 * view.tanV), seen);
  let best = { d: near, score: Infinity };
  for (let d = near; d < near * 6; d *= 1.15) {
    const { at, ahead } = groundAhead(view, d, ground);
    const side = new THREE.Vector3(-ahead.z, 0, ahead.x);
    const half = view.tanV * aspect * d;
    let blocked = 0;
    let rough = 0;
    const heights: number[] = [];
    for (let k = -8; k <= 8; k++) heights.push(ground(at.x + side.x * half * (k / 8), at.z + side.z * half * (k / 8)));
    const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
    for (const h of heights) rough = Math.max(rough, Math.abs(h - mean));
    for (const x of [-0.7, -0.35, 0, 0.35, 0.7]) {
      const target = at.clone().addScaledVector(side, half * x);
      target.y = mean + 3;
      for (let f = 0.1; f < 0.95; f += 0.1) {
        const p = view.camera.clone().lerp(target, f);
        if (ground(p.x, p.z) > p.y - 0.3) blocked++;
      }
    }
    const score = blocked * 10 + Math.max(0, rough - 2.5);
    if (score === 0) return d;
    if (score < best.score) best = { d, score };
  }
  return best.d;
}

/** Seconds between puffs from a steam locomotive's chimney, and how long one lasts. */
const PUFF_EVERY = 0.09;
const PUFF_LIFE = 3.2;

/**
 * A steam locomotive's smoke: soft puffs, each left where the chimney was when it was blown, rising,
 * swelling and thinning as it ages; camera-facing cards with a round soft edge, their opacity per puff.
 */
function createPuffs(): { mesh: THREE.InstancedMesh; update(t: number, camera: THREE.Camera, chimneyAt: (te: number, out: THREE.Vector3) => THREE.Vector3): void } {
  const count = Math.ceil(PUFF_LIFE / PUFF_EVERY);
  // Coal smoke, grey: pale steam was lost against the sky.
  const cards = softCards(count, (r) => ({ rgb: vec3(0.3, 0.29, 0.28), alpha: r.oneMinus().clamp(0, 1).pow(0.9) }));
  const p = new THREE.Vector3();
  return {
    mesh: cards.mesh,
    update(t, camera, chimneyAt) {
      // Puffs on a fixed grid of times, so a frame's smoke depends only on its time.
      const newest = Math.floor(t / PUFF_EVERY);
      for (let i = 0; i < count; i++) {
        const te = (newest - i) * PUFF_EVERY;
        const age = t - te;
        chimneyAt(te, p);
        p.y += 1.8 * Math.sqrt(age) + 0.5 * age;
        cards.place(i, p, 2.4 + 3.2 * age, camera);
        cards.opacity[i] = 0.85 * Math.exp(-age / 1.8) * Math.min(1, age / 0.1 + 0.35);
      }
      cards.commit();
    },
  };
}

export const createTrain: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const plan = ctx.plan;
  const subject = plan.subjects.find((s) => isTrainKind(s.kind))!;
  const style: Style = subject.kind === 'steam-train' ? 'steam' : subject.kind === 'freight-train' ? 'freight' : 'passenger';
  const cars = Math.max(2, Math.min(20, subject.count));
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('train');
  const tanH = view.tanV * aspect;
  const trainLength = cars * (CAR_LENGTH + CAR_GAP);
  // A train passing: near enough that a coach is an eighth of the frame's height, or further out where
  // the line of sight to it is clear of the land and the land along it lies flat enough for a track.
  const distance = trackDistance(view, aspect, shot.groundHeight);
  const { at: middle, ahead } = groundAhead(view, distance, shot.groundHeight);
  // Across the view, the way the camera pans if it pans.
  const direction = crossingDirection(plan.camera.move, () => (rng.next() < 0.5 ? 1 : -1));
  const along = new THREE.Vector3(-ahead.z, 0, ahead.x).multiplyScalar(direction).normalize();
  const origin = middle.clone().setY(0);
  const profile = trackProfile((s) => {
    const p = origin.clone().addScaledVector(along, s);
    return shot.groundHeight(p.x, p.z);
  });
  const group = new THREE.Group();
  for (const o of trackMeshes(ctx, profile, origin, along)) group.add(o);

  const night = plan.timeOfDay === 'night' || plan.timeOfDay === 'dusk';
  // Glass is drawn unlit: dark by day, the warm light of the coaches inside after dark.
  const glass = night ? new THREE.Color('#ffcf8a').multiplyScalar(2.2) : new THREE.Color('#1d2228');
  const livery = new THREE.Color(subject.color);
  const vehicles: THREE.Group[] = [];
  const bodyMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.4 });
  const glassMat = new THREE.MeshBasicNodeMaterial({ vertexColors: true });
  const addVehicle = (parts: VehicleParts) => {
    const vehicle = new THREE.Group();
    vehicle.add(new THREE.Mesh(parts.body, bodyMat));
    if (parts.windows) vehicle.add(new THREE.Mesh(parts.windows, glassMat));
    vehicles.push(vehicle);
    group.add(vehicle);
  };
  const wagonColours = ['#8a3324', '#2f5d8a', '#c9a227', '#3f6b3a', '#7a7f86', '#a8552a'];
  if (style === 'steam') addVehicle(steamGeometry());
  else addVehicle(locomotiveGeometry(style === 'freight' ? new THREE.Color('#d9b21c') : new THREE.Color('#e9ebee'), style === 'freight' ? new THREE.Color('#1c1d20') : livery));
  for (let k = 1; k < cars; k++) {
    if (style === 'freight') addVehicle(coachGeometry(new THREE.Color(wagonColours[Math.floor(rng.next() * wagonColours.length)]!), new THREE.Color('#2a2b2e'), null, CAR_LENGTH - 4));
    else if (style === 'steam') addVehicle(coachGeometry(new THREE.Color('#5a1a16'), new THREE.Color('#c9a227'), glass, CAR_LENGTH - 4));
    else addVehicle(coachGeometry(new THREE.Color('#e9ebee'), livery, glass, CAR_LENGTH));
  }
  // The locomotive's headlights: two bright lamps.
  const lamps = new THREE.InstancedMesh(new THREE.SphereGeometry(0.28, 8, 6), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#fff4dc').multiplyScalar(night ? 8 : 2.5), fog: false }), 2);
  group.add(lamps);
  const puffs = style === 'steam' ? createPuffs() : null;
  if (puffs) group.add(puffs.mesh);

  // A train passing at speed: the locomotive enters a fifth of the way in on the first frame and the whole
  // train runs past over the clip, between 15 and 35 m/s (55 to 125 km/h).
  const frameWidth = 2 * tanH * distance;
  const speed = Math.min(35, Math.max(15, (trainLength + frameWidth * 0.6) / Math.max(ctx.duration, 0.5)));
  const start = -frameWidth * 0.3;
  const axis = new THREE.Vector3(1, 0, 0);
  const dir = new THREE.Vector3();
  const m = new THREE.Matrix4();
  const one = new THREE.Vector3(1, 1, 1);
  const place = (s: number, out: THREE.Vector3) => out.copy(origin).addScaledVector(along, s).setY(heightAt(profile, s));
  const a = new THREE.Vector3();
  const b = new THREE.Vector3();
  // The headlights in the locomotive's frame: low either side of the modern nose; one lamp (both
  // instances) on the steam locomotive's smokebox door.
  const lampsAt = style === 'steam' ? [new THREE.Vector3(7.1, 2.3, 0), new THREE.Vector3(7.1, 2.3, 0)] : [new THREE.Vector3(12.05, 0.4, -0.8), new THREE.Vector3(12.05, 0.4, 0.8)];
  const lampAt = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      const front = start + speed * t;
      vehicles.forEach((v, k) => {
        const c = vehicleCentre(k, front);
        // Sits on the rails between its two bogies, pitched to the grade.
        place(c + CAR_LENGTH * 0.35, a);
        place(c - CAR_LENGTH * 0.35, b);
        v.position.copy(a).add(b).multiplyScalar(0.5);
        v.position.y += 1.35;
        dir.copy(a).sub(b).normalize();
        v.quaternion.setFromUnitVectors(axis, dir);
      });
      const loco = vehicles[0]!;
      lampsAt.forEach((local, i) => lamps.setMatrixAt(i, m.compose(lampAt.copy(local).applyQuaternion(loco.quaternion).add(loco.position), loco.quaternion, one)));
      lamps.instanceMatrix.needsUpdate = true;
      if (puffs) {
        // Each puff left the chimney where the locomotive was when it was blown, so the plume streams back
        // over the train as it runs.
        puffs.update(t, camera, (te, out) => {
          const c = vehicleCentre(0, start + speed * te);
          place(c, out);
          return out.addScaledVector(along, 6.2).setY(heightAt(profile, c) + 1.35 + 4.6);
        });
      }
    },
  };
};
