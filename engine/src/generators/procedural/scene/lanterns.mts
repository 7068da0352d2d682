/**
 * Sky lanterns rising into the night: paper lanterns (a tapering box of thin paper, open at the bottom)
 * lit from inside by a flame, glowing warm orange, brightest low where the flame is, each flickering in
 * its own rhythm. Placed across the camera's view at many distances (large and near, specks far off),
 * rising at a metre or so a second and drifting with the wind. Drawn unlit (they are light sources) with a
 * soft halo card each; one instanced mesh for the lanterns, one for the halos.
 */
import * as THREE from 'three/webgpu';
import { float, length, positionGeometry, smoothstep, uv, vec3, vec4 } from 'three/tsl';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A lantern's height, m (real ones are 0.6 to 1 m). */
const LANTERN_M = 0.9;

export const createLanterns: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('lanterns');
  const n = Math.max(1, Math.min(300, ctx.plan.subjects.find((s) => s.kind === 'lanterns')?.count ?? 90));
  // The body: a four-sided paper box, wider at the top, glowing from inside, brightest at the flame (low).
  const body = new THREE.CylinderGeometry(0.34, 0.26, LANTERN_M, 4, 1, true).rotateY(Math.PI / 4).translate(0, LANTERN_M / 2, 0);
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.DoubleSide, transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const h: N = positionGeometry.y.div(LANTERN_M);
  const flame: N = float(1.4).sub(h.mul(0.9));
  mat.colorNode = vec3(1.0, 0.42, 0.09).mul(flame).mul(0.85) as N;
  const lanterns = new THREE.InstancedMesh(body, mat, n);
  // The halo: a soft glow round each one, facing the camera.
  const haloMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const d: N = length(uv().sub(0.5)).mul(2);
  haloMat.colorNode = vec4(vec3(1.0, 0.45, 0.1).mul(float(1).sub(smoothstep(0.0, 1.0, d)).pow(3).mul(0.3)), 1) as N;
  const halos = new THREE.InstancedMesh(new THREE.PlaneGeometry(LANTERN_M * 3, LANTERN_M * 3), haloMat, n);
  const group = new THREE.Group();
  group.add(halos, lanterns);
  for (const m of [lanterns, halos]) {
    m.castShadow = false;
    m.receiveShadow = false;
    m.frustumCulled = false;
  }
  // Each lantern: a place in the view and a distance (the nearest a few metres off, most tens to hundreds
  // of metres), a climb rate, a drift, a flicker.
  // As far as the shot looks (a skyline seen from across the city is hundreds of metres off), no further
  // than 500 m, where a lantern is a speck.
  const far = Math.max(120, Math.min(shot.framing.distance, 500));
  const items = Array.from({ length: n }, () => {
    const d = 14 + far * Math.pow(rng.next(), 1.6);
    const p = view.at(rng.range(-1.15, 1.15), rng.range(-0.9, 0.8), d);
    p.y = Math.max(p.y, shot.groundHeight(p.x, p.z) + 2);
    return { p, climb: rng.range(0.6, 1.4), drift: (0.3 + ctx.plan.weather.wind * 2) * rng.range(0.5, 1.3), rate: rng.range(5, 11), phase: rng.range(0, 6.28), sway: rng.range(0, 6.28) };
  });
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const e = new THREE.Euler();
  const s = new THREE.Vector3();
  const at = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      items.forEach((it, i) => {
        at.set(it.p.x + it.drift * t + Math.sin(t * 0.7 + it.sway) * 0.3, it.p.y + it.climb * t, it.p.z);
        // The flame flickers: the lantern's glow with it.
        const k = 0.85 + 0.15 * Math.sin(t * it.rate + it.phase) * Math.sin(t * it.rate * 0.37 + it.phase * 2);
        q.setFromEuler(e.set(Math.sin(t * 0.9 + it.sway) * 0.06, it.sway, Math.cos(t * 0.8 + it.sway) * 0.06));
        m4.compose(at, q, s.setScalar(k));
        lanterns.setMatrixAt(i, m4);
        // The halo round the lantern's middle, facing the camera.
        at.y += LANTERN_M * 0.45;
        m4.compose(at, camera.quaternion, s.setScalar(k));
        halos.setMatrixAt(i, m4);
      });
      lanterns.instanceMatrix.needsUpdate = true;
      halos.instanceMatrix.needsUpdate = true;
    },
  };
};
