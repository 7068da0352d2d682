/**
 * An airliner crossing the sky: a twin-engined jet of an A320's size (38 m long, 34 m span) flying level
 * across the camera's view, placed where it is about a seventh of the frame wide, in the upper part of the
 * frame. At cruise (the sky above the clouds, or when contrails are asked for) two contrails form a little
 * behind the engines, widen and thin out with age. At dusk and at night its navigation lights show: red on
 * the left wingtip, green on the right, a white strobe on each tip and a red beacon flashing.
 * The flight path and the contrail's profile are pure (tested without a GPU).
 */
import * as THREE from 'three/webgpu';
import { abs, exp, float, positionGeometry, smoothstep, uniform, vec3, vec4 } from 'three/tsl';
import { faceAboutAxis, mergeParts, paintVertices, roughMaterial } from './common.mjs';
import { crossingDirection, viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Nose to tail, metres, of the model as built (then scaled to this). */
export const AIRLINER_LENGTH = 38;
/** The model is built 41.3 m nose to tail (18.3 m of nose ahead of the middle, 23 m of tail behind). */
const MODEL_SCALE = AIRLINER_LENGTH / 41.3;
/** Share of the frame's width the airliner spans where it is placed; at cruise, with its contrails, less. */
const FRAME_SHARE = 0.14;
const CRUISE_SHARE = 0.09;
/** Clear air behind the engines before a contrail forms, and the stretch over which it thickens, metres. */
const CONTRAIL_GAP = AIRLINER_LENGTH * 0.8;
const CONTRAIL_RAMP = AIRLINER_LENGTH;

/** A shape in (x, y) laid flat: x stays, y becomes the span (z), thickness downwards. */
function flat(points: Array<[number, number]>, thickness: number): THREE.BufferGeometry {
  const shape = new THREE.Shape(points.map(([x, y]) => new THREE.Vector2(x, y)));
  return new THREE.ExtrudeGeometry(shape, { depth: thickness, bevelEnabled: false }).rotateX(Math.PI / 2);
}

/** The airliner along +x (nose forward), wings along z, y up; metres. */
function airlinerGeometry(): THREE.BufferGeometry {
  const white = new THREE.Color('#eef0f2');
  const grey = new THREE.Color('#b9bec4');
  const dark = new THREE.Color('#3a4048');
  const tail = new THREE.Color('#1d3f8f');
  const r = 1.95;
  const body = paintVertices(new THREE.CylinderGeometry(r, r, 28, 20, 1, true).rotateZ(-Math.PI / 2), (p) => (p.y < -1.2 ? grey : white));
  const nose = paintVertices(new THREE.SphereGeometry(r, 20, 10, 0, Math.PI * 2, 0, Math.PI / 2).rotateZ(-Math.PI / 2).scale(2.2, 1, 1).translate(14, 0, 0), (p) => (p.x > 17.4 && p.y > 0.2 ? dark : white));
  const tailCone = paintVertices(new THREE.ConeGeometry(r, 9, 20, 1, true).rotateZ(Math.PI / 2).translate(-18.5, 0.5, 0), white);
  // Low, swept wings (about 25 degrees), the tailplane behind, the fin on top.
  const wings = paintVertices(flat([[3.5, 2], [-7, 17], [-9, 17], [-4, 2], [-4, -2], [-9, -17], [-7, -17], [3.5, -2]], 0.4).translate(0, -0.9, 0), grey);
  const stab = paintVertices(flat([[-17.5, 1], [-21.5, 6.5], [-23, 6.5], [-21, 1], [-21, -1], [-23, -6.5], [-21.5, -6.5], [-17.5, -1]], 0.25).translate(0, 0.9, 0), grey);
  const fin = paintVertices(
    new THREE.ExtrudeGeometry(new THREE.Shape([new THREE.Vector2(-14.5, 1.5), new THREE.Vector2(-21, 9.5), new THREE.Vector2(-23.5, 9.5), new THREE.Vector2(-22.5, 1.5)]), { depth: 0.35, bevelEnabled: false }).translate(0, 0, -0.175),
    tail,
  );
  const engines = [-1, 1].map((side) => paintVertices(new THREE.CylinderGeometry(1.0, 0.85, 4.2, 14).rotateZ(-Math.PI / 2).translate(1.6, -1.9, side * 5.8), (p) => (p.x > 3.5 ? dark : grey)));
  const g = mergeParts([body, nose, tailCone, wings, stab, fin, ...engines]);
  g.scale(MODEL_SCALE, MODEL_SCALE, MODEL_SCALE);
  g.computeVertexNormals();
  return g;
}

/**
 * Where the airliner is at clip time t: it starts `startX` of the way across the frame (screen units, -1 at
 * the left edge) and flies `across` frame widths over the clip, level, in `direction` (+1 left to right).
 * Pure: returns the frame fraction and the speed in metres a second for a frame `widthM` metres wide.
 */
export function flightPlan(duration: number, widthM: number, direction: 1 | -1, contrails: boolean): { startX: number; across: number; speed: number } {
  // Starts a fifth in from the edge it comes from and crosses 0.45 of the frame: in the frame from the
  // first frame to the last, as a plane passing overhead is watched, not waited for. With contrails the
  // trail is the picture: the plane starts near the middle, the trail drawn out behind it across the frame.
  const across = contrails ? 0.4 : 0.45;
  return { startX: -direction * (contrails ? 0.05 : 0.6), across, speed: (across * widthM) / Math.max(duration, 0.5) };
}

/**
 * A contrail's opacity `behind` metres behind the engine: clear air for the first 0.8 of a plane length
 * (the exhaust's water condenses as it cools), then dense, thinning over minutes (`age` seconds). Pure;
 * the shader below computes the same along the trail.
 */
export function contrailDensity(behind: number, age: number): number {
  const x = Math.min(1, Math.max(0, (behind - CONTRAIL_GAP) / CONTRAIL_RAMP));
  return x * x * (3 - 2 * x) * Math.exp(-age / 90) * 0.9;
}

/**
 * The lowest height in the frame (screen units, 0 the middle) from which the view across the frame is sky
 * out to a few kilometres (mountains, towers and trees below it), so the plane is seen against the sky.
 */
function skyRow(view: ReturnType<typeof viewPlacer>, d: number, ground: (x: number, z: number) => number): number {
  for (let y = 0.25; y < 0.8; y += 0.05) {
    const clear = [-0.8, -0.4, 0, 0.4, 0.8].every((x) => [d, 2 * d, 4 * d, 8 * d, 16 * d].every((dist) => {
      const p = view.at(x, y, dist);
      return p.y > ground(p.x, p.z) + 15;
    }));
    if (clear) return Math.min(0.7, y + 0.08);
  }
  return 0.7;
}

export const createAirplane: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const plan = ctx.plan;
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('airplane');
  const tanH = view.tanV * aspect;
  // Contrails at cruise: above the clouds, or when asked for.
  const contrails = plan.subjects.some((s) => s.kind === 'contrail') || plan.setting === 'sky';
  const d = AIRLINER_LENGTH / ((contrails ? CRUISE_SHARE : FRAME_SHARE) * 2 * tanH);
  const widthM = 2 * tanH * d;
  const right = view.at(1, 0, d).sub(view.at(-1, 0, d)).setY(0).normalize();
  // Flying the way the camera pans, if it pans (it follows the plane); else either way.
  const direction = crossingDirection(plan.camera.move, () => (rng.next() < 0.5 ? 1 : -1));
  const flight = flightPlan(ctx.duration, widthM, direction, contrails);
  const start = view.at(flight.startX, skyRow(view, d, shot.groundHeight) + rng.range(0, 0.15), d);
  start.y = Math.max(start.y, shot.groundHeight(start.x, start.z) + 15);
  const dir = right.clone().multiplyScalar(direction);
  // A slight climb, as seen after take-off or on a long ascent.
  dir.y = 0.03;
  dir.normalize();

  const group = new THREE.Group();
  const body = new THREE.Mesh(airlinerGeometry(), roughMaterial(ctx, { vertexColors: true, roughness: 0.45 }));
  body.castShadow = false;
  body.receiveShadow = false;
  body.quaternion.setFromUnitVectors(new THREE.Vector3(1, 0, 0), dir);
  group.add(body);

  const trailLength = uniform(1);
  const trails: THREE.Mesh[] = [];
  if (contrails) {
    const L = shot.lighting;
    const lit = (L ? L.sunColor.clone().multiplyScalar(0.55 + 0.15 * L.sunIntensity).add(L.zenith.clone().lerp(L.horizon, 0.5).multiplyScalar(0.5 * L.skyIntensity)) : new THREE.Color(1, 1, 1)).multiplyScalar(1.1);
    // Card from y = 0 (the engine) to y = -1 (scaled to the trail's length), x across its width.
    const geometry = new THREE.PlaneGeometry(1, 1, 1, 96).translate(0, -0.5, 0);
    const behind: N = (positionGeometry as N).y.negate().mul(trailLength);
    const age: N = behind.div(flight.speed);
    const form: N = smoothstep(CONTRAIL_GAP, CONTRAIL_GAP + CONTRAIL_RAMP, behind);
    // Width grows from 3 m as the trail spreads; the edges soft.
    const width: N = float(3).add(behind.mul(0.02));
    const edge: N = float(1).sub(smoothstep(0.15, 0.5, abs((positionGeometry as N).x)));
    const density: N = form.mul(exp(age.div(-90))).mul(0.9).mul(edge);
    // One material for both engines' trails.
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
    const pg: N = positionGeometry;
    mat.positionNode = vec3(pg.x.mul(width), pg.y, pg.z) as N;
    mat.colorNode = vec4(lit.r, lit.g, lit.b, density) as N;
    for (const side of [-1, 1]) {
      const trail = new THREE.Mesh(geometry, mat);
      trail.frustumCulled = false;
      trail.userData.side = side;
      trails.push(trail);
      group.add(trail);
    }
  }

  // Navigation lights: shown from dusk (they are on all day, but only read against a darkening sky).
  const lamps: Array<{ mesh: THREE.Mesh; at: THREE.Vector3; flash?: { period: number; phase: number } }> = [];
  if (plan.timeOfDay === 'dusk' || plan.timeOfDay === 'night') {
    const lamp = (hex: string, at: [number, number, number], flash?: { period: number; phase: number }) => {
      const mat = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color(hex).multiplyScalar(6), fog: false });
      // 1.2 m: a point of light a few pixels across at the distance the plane is placed.
      const mesh = new THREE.Mesh(new THREE.SphereGeometry(1.2, 8, 6), mat);
      group.add(mesh);
      lamps.push({ mesh, at: new THREE.Vector3(...at).multiplyScalar(MODEL_SCALE), ...(flash ? { flash } : {}) });
    };
    // Left is -z when flying along +x with y up (the right-hand rule puts +z on the right: x cross y).
    lamp('#ff2a1a', [-8, -0.9, -17.2]);
    lamp('#22ff6a', [-8, -0.9, 17.2]);
    lamp('#ffffff', [-8.4, -0.9, -17.4], { period: 1.0, phase: 0 });
    lamp('#ffffff', [-8.4, -0.9, 17.4], { period: 1.0, phase: 0 });
    lamp('#ff3320', [-2, 2.2, 0], { period: 1.3, phase: 0.4 });
  }

  const toCam = new THREE.Vector3();
  const follow = new THREE.Vector3();
  const engine = new THREE.Vector3();
  const q = new THREE.Quaternion();
  const side = new THREE.Vector3().crossVectors(dir, new THREE.Vector3(0, 1, 0)).normalize();
  return {
    group,
    update(t, camera) {
      // The camera's travel is added to the flight: a dolly or a drone move over a landscape covers
      // hundreds of metres, and the plane, placed a few hundred metres out, grew to a quarter of the frame
      // or shrank to a speck; against the sky nothing shows the plane keeping pace.
      body.position.copy(start).addScaledVector(dir, flight.speed * t).add(follow.copy(camera.position).sub(view.camera));
      // The trail reaches back to where the plane was well before the clip began (off the frame).
      trailLength.value = flight.speed * (t + 60);
      for (const trail of trails) {
        engine.copy(body.position).addScaledVector(side, trail.userData.side * 5.8 * MODEL_SCALE).addScaledVector(dir, -2);
        trail.position.copy(engine);
        toCam.copy(camera.position).sub(engine).normalize();
        trail.quaternion.copy(faceAboutAxis(q, dir, toCam));
        trail.scale.set(1, trailLength.value, 1);
      }
      for (const l of lamps) {
        l.mesh.position.copy(l.at).applyQuaternion(body.quaternion).add(body.position);
        l.mesh.visible = !l.flash || ((t + l.flash.phase) % l.flash.period) / l.flash.period < 0.06;
      }
    },
  };
};
