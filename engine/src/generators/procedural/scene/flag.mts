/**
 * A flag flying from a pole against the sky: the cloth streams out from the hoist along the wind, waves
 * running from the pole to the fly end and growing along it, the folds shaded by their own slope; the
 * pole runs down out of the frame. Plain in the colour named, or the stars and stripes for "american
 * flag" (its colour US_FLAG). flagWave is the pure part: the cloth's offset and slope at a point and time.
 */
import * as THREE from 'three/webgpu';
import { cos, float, fract, length, mix, positionLocal, sin, smoothstep, step, transformNormalToView, uniform, uv, vec2, vec3, normalize } from 'three/tsl';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A flag's colour meaning the stars and stripes. */
export const US_FLAG = '#b22234';
/** The cloth's length (hoist to fly) and height, metres. */
export const FLAG_LENGTH = 3;
export const FLAG_HEIGHT = 2;

/**
 * The cloth's offset out of its plane (metres) at s (0 at the hoist, 1 at the fly end) and height v (0..1),
 * at time t, for a wind of 0 (still) to 1 (a gale). Waves run from the pole outward, faster in a strong
 * wind, growing along the cloth; the hoist is held to the pole. The shader below computes the same wave
 * (and its slope, for the folds' shading) in TSL.
 */
export function flagWave(s: number, v: number, t: number, wind: number): { offset: number } {
  const a = 0.12 + 0.22 * wind;
  const k = 5.5;
  const w = 5 + 6 * wind;
  const phase = s * k * FLAG_LENGTH * 0.5 - t * w + v * 1.1;
  return { offset: a * Math.pow(s, 1.2) * (Math.sin(phase) + 0.35 * Math.sin(2.3 * phase + v * 2.4)) };
}

export const createFlag: ViewLayerFactory = (ctx, _shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const subject = ctx.plan.subjects.find((s) => s.kind === 'flag')!;
  const wind = Math.max(0.35, ctx.plan.weather.wind);
  const usFlag = subject.color.toLowerCase() === US_FLAG;
  const time = uniform(0);
  const group = new THREE.Group();

  // The cloth: hoist at x = 0, fly end at x = FLAG_LENGTH, waving in z; the same wave as flagWave, in TSL.
  const geometry = new THREE.PlaneGeometry(FLAG_LENGTH, FLAG_HEIGHT, 60, 24).translate(FLAG_LENGTH / 2, -FLAG_HEIGHT / 2, 0);
  const mat = new THREE.MeshStandardNodeMaterial({ roughness: 0.75, metalness: 0, side: THREE.DoubleSide });
  const s: N = uv().x;
  const v: N = uv().y;
  const a = 0.12 + 0.22 * wind;
  const k = 5.5;
  const w = 5 + 6 * wind;
  const grow: N = s.pow(1.2);
  const phase: N = s.mul(k * FLAG_LENGTH * 0.5).sub(time.mul(w)).add(v.mul(1.1));
  const second: N = phase.mul(2.3).add(v.mul(2.4));
  const offset: N = grow.mul(a).mul(sin(phase).add(sin(second).mul(0.35)));
  const slopeX: N = grow.mul(a).mul(cos(phase).add(cos(second).mul(0.35 * 2.3))).mul(k * 0.5);
  const slopeY: N = grow.mul(a).mul(cos(phase).mul(1.1).add(cos(second).mul(0.35 * 2.4))).div(FLAG_HEIGHT);
  // In a light wind the fly end droops a little.
  const droop: N = s.mul(s).mul(0.25 * (1 - wind));
  mat.positionNode = positionLocal.add(vec3(0, droop.negate(), offset)) as N;
  mat.normalNode = transformNormalToView(normalize(vec3(slopeX.negate(), slopeY.negate(), 1))) as N;
  if (usFlag) {
    // Thirteen stripes, red first; the blue canton over the top seven at the hoist, white stars on it.
    const stripe: N = step(0.5, fract(v.mul(6.5)));
    const red = new THREE.Color('#b22234');
    const blue = new THREE.Color('#3c3b6e');
    let colour: N = mix(vec3(0.95, 0.95, 0.95), vec3(red.r, red.g, red.b), stripe);
    const canton: N = step(s, 0.4).mul(step(float(6 / 13), v));
    const starUv: N = vec2(s.div(0.4).mul(6), v.sub(6 / 13).div(7 / 13).mul(5));
    const star: N = float(1).sub(smoothstep(0.18, 0.26, length(fract(starUv).sub(0.5))));
    colour = mix(colour, mix(vec3(blue.r, blue.g, blue.b), vec3(0.95, 0.95, 0.95), star), canton);
    mat.colorNode = colour as N;
  } else {
    const c = new THREE.Color(subject.color);
    mat.colorNode = vec3(c.r, c.g, c.b) as N;
  }
  const cloth = new THREE.Mesh(geometry, mat);
  cloth.frustumCulled = false;

  // Where it flies: right of centre, high in the frame, 14 m off, streaming across the view to the left
  // (so the whole cloth is seen broadside).
  const top = view.at(0.3, 0.42, 14);
  const ahead = view.at(0, 0, 1).sub(view.camera).setY(0).normalize();
  const across = new THREE.Vector3(-ahead.z, 0, ahead.x).negate();
  const pole = new THREE.Mesh(new THREE.CylinderGeometry(0.06, 0.08, 30, 12), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#d9dadc'), roughness: 0.35, metalness: 0.8 }));
  pole.position.copy(top).add(new THREE.Vector3(0, 0.35 - 15, 0));
  const finial = new THREE.Mesh(new THREE.SphereGeometry(0.14, 16, 12), new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#d8b45a'), roughness: 0.3, metalness: 1 }));
  finial.position.copy(top).add(new THREE.Vector3(0, 0.45, 0));
  cloth.position.copy(top).addScaledVector(across, 0.08);
  // Turned about the vertical only (+x onto `across`), so the cloth stays upright.
  cloth.rotation.y = Math.atan2(-across.z, across.x);
  group.add(pole, finial, cloth);
  const start = view.camera.clone();
  return {
    group,
    update(t, camera) {
      time.value = t;
      // Kept in its place in the frame as the camera moves (a push in lost it off the top), as kites are.
      group.position.copy(camera.position).sub(start);
    },
  };
};
