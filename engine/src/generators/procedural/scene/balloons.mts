/**
 * Hot-air balloons drifting over the landscape: envelopes turned from a teardrop profile, painted in
 * vertical gores of two or three bright colours each, a basket below, a burner's glow under the mouth.
 * Placed across the camera's view at many distances (big and near, small and far), they rise slowly and
 * drift with the wind, each turning a little. One instanced mesh for the envelopes, one for the baskets.
 */
import * as THREE from 'three/webgpu';
import { positionGeometry, instanceIndex, hash, atan, floor, fract, mix, vec3, step, float } from 'three/tsl';
import { roughMaterial } from './common.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Envelope height in metres (a typical balloon is 20 to 25 m tall). */
const ENVELOPE_M = 22;
/** Bright balloon colours, sRGB. */
const COLOURS = ['#e0312b', '#f3b51f', '#2a6fd1', '#f4f1ea', '#2e9d57', '#8d3fc4', '#f07f1f', '#d92d7a'];

function envelopeGeometry(): THREE.LatheGeometry {
  // Radius by height (metres): the mouth, the widening skirt, the round crown.
  const profile: Array<[number, number]> = [
    [1.6, 0], [2.4, 2], [4.6, 5.5], [7.4, 10], [8.6, 13.5], [8.7, 15.5], [8.0, 18.2], [6.2, 20.5], [3.4, 21.7], [0.01, 22],
  ];
  return new THREE.LatheGeometry(profile.map(([r, y]) => new THREE.Vector2(r, y)), 48);
}

export const createBalloons: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('balloons');
  const n = Math.max(1, Math.min(24, ctx.plan.subjects.find((s) => s.kind === 'hot-air-balloons')?.count ?? 9));
  // Gores: the envelope's angle cut into 16 panels; each balloon picks two colours from the list by its
  // own hash and alternates them (a third on every fourth panel).
  // positionGeometry, not positionLocal: instancing rewrites the local position to the placed one.
  const gore: N = floor(atan(positionGeometry.z, positionGeometry.x).div(Math.PI * 2).add(0.5).mul(16));
  const pick = (k: number): N => floor(hash(instanceIndex.add(k * 7)).mul(COLOURS.length));
  const colourOf = (index: N): N => {
    let c: N = vec3(...new THREE.Color(COLOURS[0]).toArray());
    COLOURS.forEach((hex, i) => {
      if (i === 0) return;
      c = mix(c, vec3(...new THREE.Color(hex).toArray()), step(i - 0.5, index).mul(step(index, i + 0.5)));
    });
    return c;
  };
  const a: N = colourOf(pick(1));
  const b: N = colourOf(pick(2));
  const third: N = colourOf(pick(3));
  const alternate: N = step(0.5, fract(gore.mul(0.5)));
  let body: N = mix(a, b, alternate);
  body = mix(body, third, step(0.5, fract(gore.mul(0.25).add(0.125))).mul(step(8, positionGeometry.y)).mul(step(positionGeometry.y, 12)));
  const envMat = roughMaterial(ctx, { roughness: 0.6, side: THREE.DoubleSide });
  envMat.colorNode = body.mul(float(0.85)) as N;
  const envelopes = new THREE.InstancedMesh(envelopeGeometry(), envMat, n);
  const basketMat = roughMaterial(ctx, { roughness: 0.9, color: new THREE.Color('#6b4a2c') });
  const baskets = new THREE.InstancedMesh(new THREE.BoxGeometry(1.5, 1.2, 1.5).translate(0, -3.2, 0), basketMat, n);
  const group = new THREE.Group();
  group.add(envelopes, baskets);
  for (const m of [envelopes, baskets]) {
    m.castShadow = false;
    m.receiveShadow = false;
    m.frustumCulled = false;
  }
  // Each balloon: a place in the view, a distance, a climb rate and a drift. True to size (the scene is
  // in metres), so the near ones are large and the far ones specks; the nearest is far enough away to be
  // seen whole.
  const tanV = view.tanV;
  const nearest = (ENVELOPE_M * 1.6) / (2 * tanV * 0.35);
  const items = Array.from({ length: n }, (_, i) => {
    const u = (i + rng.range(0.15, 0.85)) / n;
    // Between the nearest and a little past what the shot looks at (beyond it, hills would hide them), but
    // over the valley, not among peaks 2 km off, where they were specks.
    const d = nearest + (Math.max(nearest * 3, Math.min(shot.framing.distance * 1.2, 400)) - nearest) * Math.pow(rng.next(), 1.5);
    const p = view.at(-0.9 + 1.8 * u, rng.range(-0.1, 0.45), d);
    p.y = Math.max(p.y, shot.groundHeight(p.x, p.z) + ENVELOPE_M * 1.2);
    return { p, climb: rng.range(0.2, 0.7), drift: (0.6 + ctx.plan.weather.wind * 3) * rng.range(0.5, 1.2), spin: rng.range(-0.05, 0.05), turn: rng.range(0, Math.PI * 2) };
  });
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const at = new THREE.Vector3();
  const up = new THREE.Vector3(0, 1, 0);
  return {
    group,
    update(t) {
      items.forEach((it, i) => {
        at.set(it.p.x + it.drift * t, it.p.y + it.climb * t, it.p.z);
        q.setFromAxisAngle(up, it.turn + it.spin * t);
        s.setScalar(1);
        m4.compose(at, q, s);
        envelopes.setMatrixAt(i, m4);
        baskets.setMatrixAt(i, m4);
      });
      envelopes.instanceMatrix.needsUpdate = true;
      baskets.instanceMatrix.needsUpdate = true;
    },
  };
};
