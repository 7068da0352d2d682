/**
 * A tornado: a funnel of cloud reaching down from the storm's base to the ground a kilometre or two off,
 * narrow at the ground and flaring into the cloud, its surface streaked and turning fast, denser at its
 * edges (seen through more of it), swaying as it moves across the plain; a skirt of dust and debris
 * whirling round its foot. The funnel's outline is a pure function.
 */
import * as THREE from 'three/webgpu';
import { abs, float, min, normalView, positionGeometry, smoothstep, texture, uniform, uv, vec2, vec3, vec4 } from 'three/tsl';
import { noiseTexture } from './common.mjs';
import { groundAhead, viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The funnel's height (m, ground to cloud base) and its radius at the ground and where it meets the cloud. */
export const FUNNEL_HEIGHT = 620;
const FOOT = 14;
const TOP = 150;

/** The funnel's radius at height y over the ground (m): narrow low down, flaring into the cloud. Pure. */
export function funnelRadius(y: number): number {
  const k = Math.min(1, Math.max(0, y / FUNNEL_HEIGHT));
  return FOOT + (TOP - FOOT) * Math.pow(k, 2.4);
}

/** How far the funnel's axis leans off the vertical at height y and time t (m): a slow, rope-like sway. Pure. */
export function funnelSway(y: number, t: number): number {
  const k = y / FUNNEL_HEIGHT;
  return Math.sin(t * 0.35 + k * 2.2) * 40 * k + k * k * 60;
}

export const createTornado: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(ctx.seed + 9, 256, 6, 5);
  // On the ground straight ahead, far enough that the funnel stands about two thirds of the frame's height.
  const distance = FUNNEL_HEIGHT / (0.7 * 2 * view.tanV);
  const { at: foot, ahead } = groundAhead(view, distance, shot.groundHeight, distance * 0.08);
  group.position.copy(foot);
  // The funnel: a lathe by funnelRadius, its shader streaks turning about the axis.
  const rings = 40;
  const profile = Array.from({ length: rings + 1 }, (_, i) => {
    const y = (i / rings) * FUNNEL_HEIGHT;
    return new THREE.Vector2(funnelRadius(y), y);
  });
  const geometry = new THREE.LatheGeometry(profile, 48);
  // (No fog: at a kilometre and more the haze took it; it is the subject, dark against the storm.)
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide, fog: false });
  const v: N = uv().y;
  const turn: N = uv().x.sub(time.mul(0.35));
  const streak: N = texture(noise, vec2(turn.mul(3), v.mul(0.6).sub(time.mul(0.08)))).r;
  const fine: N = texture(noise, vec2(turn.mul(9), v.mul(2.5))).g;
  // Denser at the silhouette, where the eye looks through more of it.
  const edge: N = float(1).sub(abs(normalView.z)).pow(0.6);
  const body: N = smoothstep(0.25, 0.75, streak.mul(0.7).add(fine.mul(0.4))).mul(0.55).add(edge.mul(0.7));
  // Fading into the cloud at the top, and thin at the very foot.
  const fade: N = smoothstep(0.0, 0.04, v).mul(float(1).sub(smoothstep(0.8, 1.0, v)));
  const grey = vec3(0.055, 0.058, 0.062).mul(float(0.8).add(streak.mul(0.5)));
  mat.colorNode = vec4(grey, min(body.mul(fade), 0.95)) as N;
  // Sway: each ring shifted sideways by funnelSway (in the vertex shader, by its height).
  const y: N = positionGeometry.y;
  const k: N = y.div(FUNNEL_HEIGHT);
  const sway: N = k.mul(2.2).add(time.mul(0.35)).sin().mul(k).mul(40).add(k.mul(k).mul(60));
  mat.positionNode = positionGeometry.add(vec3(sway, 0, 0)) as N;
  const funnel = new THREE.Mesh(geometry, mat);
  funnel.renderOrder = 4;
  group.add(funnel);
  // The debris cloud at its foot: a wide, low, churning skirt of dust.
  const dustMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide, fog: false });
  const dv: N = uv().y;
  const dturn: N = uv().x.sub(time.mul(0.6));
  const churn: N = texture(noise, vec2(dturn.mul(4), dv.mul(1.5).sub(time.mul(0.2)))).r;
  dustMat.colorNode = vec4(vec3(0.13, 0.11, 0.09), smoothstep(0.3, 0.8, churn).mul(float(1).sub(dv)).mul(smoothstep(0, 0.15, dv)).mul(0.85)) as N;
  const dust = new THREE.Mesh(new THREE.CylinderGeometry(70, 45, 70, 40, 1, true).translate(0, 35, 0), dustMat);
  dust.renderOrder = 5;
  group.add(dust);
  return {
    group,
    update(t) {
      time.value = t;
      // Crossing the plain slowly.
      group.position.copy(foot).addScaledVector(new THREE.Vector3(-ahead.z, 0, ahead.x), t * 6);
    },
  };
};
