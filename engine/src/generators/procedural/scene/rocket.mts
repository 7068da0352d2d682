/**
 * A rocket launch: a white rocket with black bands, a nose cone and fins beside its launch tower, a few
 * hundred metres off across open ground; its engines light, it holds a moment, then climbs, accelerating,
 * on a white-hot exhaust flame, while the exhaust's smoke billows out sideways along the ground from its
 * pad and climbs after it, lit orange from below by the flame. Its height over time is a pure function.
 */
import * as THREE from 'three/webgpu';
import { exp, float, length, min, mix, smoothstep, texture, uniform, uv, vec2, vec3, vec4 } from 'three/tsl';
import { mergeParts, noiseTexture, paintVertices, yawTowardCamera } from './common.mjs';
import { groundAhead, viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The rocket's height (m), when its engines light and when it lifts off (s), its acceleration (m/s^2). */
export const ROCKET_HEIGHT = 48;
export const IGNITION = 0.4;
export const LIFTOFF = 1.3;
const ACCELERATION = 14;

/** How high the rocket's base is over the pad at time t (metres): still until lift-off, then accelerating. Pure. */
export function rocketAltitude(t: number): number {
  const s = Math.max(0, t - LIFTOFF);
  return 0.5 * ACCELERATION * s * s;
}

/** How strongly the engines burn at time t: off, lighting up, full. Pure. */
export function thrust(t: number): number {
  return Math.min(1, Math.max(0, (t - IGNITION) / 0.5));
}

function rocketGeometry(): THREE.BufferGeometry {
  const white = new THREE.Color('#eceef0');
  const black = new THREE.Color('#1c1d20');
  const r = 2.2;
  const body = paintVertices(new THREE.CylinderGeometry(r, r, ROCKET_HEIGHT * 0.78, 24, 8).translate(0, ROCKET_HEIGHT * 0.39, 0), (p) => (Math.abs(p.y - ROCKET_HEIGHT * 0.3) < 1.4 || Math.abs(p.y - ROCKET_HEIGHT * 0.62) < 0.9 ? black : white));
  const nose = paintVertices(new THREE.ConeGeometry(r, ROCKET_HEIGHT * 0.22, 24).translate(0, ROCKET_HEIGHT * 0.89, 0), white);
  const fins = [0, 1, 2, 3].map((k) => {
    const g = new THREE.BoxGeometry(0.3, 7, 4.2).translate(0, 3.5, r + 1.9);
    g.rotateY((k * Math.PI) / 2);
    return paintVertices(g, black);
  });
  const nozzle = paintVertices(new THREE.CylinderGeometry(1.4, 2.0, 2.2, 16).translate(0, -1.1, 0), new THREE.Color('#3a3a3e'));
  return mergeParts([body, nose, nozzle, ...fins]);
}

/** A lattice tower: four legs and cross-braces, dark steel. */
function towerGeometry(height: number): THREE.BufferGeometry {
  const parts: THREE.BufferGeometry[] = [];
  const w = 7;
  for (const [x, z] of [[-w / 2, -w / 2], [w / 2, -w / 2], [w / 2, w / 2], [-w / 2, w / 2]] as const) parts.push(new THREE.BoxGeometry(0.6, height, 0.6).translate(x, height / 2, z));
  for (let y = 4; y < height; y += 6) {
    parts.push(new THREE.BoxGeometry(w, 0.4, 0.4).translate(0, y, -w / 2), new THREE.BoxGeometry(w, 0.4, 0.4).translate(0, y, w / 2));
    parts.push(new THREE.BoxGeometry(0.4, 0.4, w).translate(-w / 2, y, 0), new THREE.BoxGeometry(0.4, 0.4, w).translate(w / 2, y, 0));
    const brace = new THREE.BoxGeometry(0.3, Math.hypot(w, 6), 0.3).rotateZ(Math.atan2(w, 6)).translate(0, y + 3, -w / 2);
    parts.push(brace);
  }
  return paintVertices(mergeParts(parts), new THREE.Color('#4a4a50'));
}

export const createRocketLaunch: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const group = new THREE.Group();
  // The pad on the ground straight ahead, far enough that the rocket is a quarter of the frame's height.
  const distance = ROCKET_HEIGHT / (0.25 * 2 * view.tanV);
  const pad = groundAhead(view, distance, shot.groundHeight).at;
  group.position.copy(pad);
  const time = uniform(0);
  const burn = uniform(0);
  const rocket = new THREE.Mesh(rocketGeometry(), new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.45, metalness: 0.1 }));
  const towerHeight = ROCKET_HEIGHT * 1.15;
  const tower = new THREE.Mesh(towerGeometry(towerHeight), new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.7, metalness: 0.4 }));
  tower.position.set(-9, 0, -2);
  group.add(rocket, tower);
  // The pad: a concrete apron.
  const apron = new THREE.Mesh(new THREE.CylinderGeometry(30, 32, 1.2, 32), new THREE.MeshStandardNodeMaterial({ color: 0x8a8884, roughness: 0.9 }));
  apron.position.y = -0.4;
  group.add(apron);

  // The flame: a card below the nozzle, white-hot at the nozzle, orange further down, flickering.
  const noise = noiseTexture(ctx.seed + 5, 256, 6, 5);
  const flameMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, fog: false });
  const fu: N = uv().x.sub(0.5).mul(2);
  const fv: N = float(1).sub(uv().y);
  const flick: N = texture(noise, vec2(uv().x.mul(2), uv().y.mul(1.5).add(time.mul(3)))).r;
  const widthAt: N = fv.mul(0.55).add(0.18);
  const core: N = exp(fu.div(widthAt).pow(2).mul(-3)).mul(float(1).sub(smoothstep(0.35, 1, fv.add(flick.mul(0.25)))));
  flameMat.colorNode = vec4(mix(vec3(2.2, 0.7, 0.12), vec3(5, 4.4, 3.4), exp(fv.mul(-5))).mul(core).mul(burn), 1) as N;
  const flameLength = 38;
  const flame = new THREE.Mesh(new THREE.PlaneGeometry(9, flameLength).translate(0, -flameLength / 2 - 2, 0), flameMat);
  flame.renderOrder = 6;
  group.add(flame);

  // Smoke: broad billowing cards along the ground from the pad, spreading and thickening with the burn,
  // and a column following the rocket; grey-white, lit orange low down by the flame.
  const smokeMats: Array<{ mesh: THREE.Mesh; spread: number }> = [];
  for (let i = 0; i < 5; i++) {
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
    const u: N = uv().x;
    const v: N = uv().y;
    const billow: N = texture(noise, vec2(u.mul(1.6).add(i * 0.21), v.mul(1.1).sub(time.mul(0.05 + i * 0.01)))).r;
    const lumps: N = texture(noise, vec2(u.mul(3.4).add(i * 0.13), v.mul(2.4).sub(time.mul(0.09)))).g;
    const shape: N = exp(length(vec2(u.sub(0.5).mul(1.6), v.sub(0.3).mul(1.2))).pow(2).mul(-4));
    const density: N = smoothstep(0.35, 0.75, billow.mul(0.7).add(lumps.mul(0.4)).add(shape.mul(0.5)).sub(0.25)).mul(shape);
    const lit: N = vec3(0.75, 0.74, 0.72).add(vec3(1.6, 0.55, 0.1).mul(exp(v.mul(-6))).mul(burn.mul(0.8)));
    mat.colorNode = vec4(lit.mul(lumps.mul(0.3).add(0.7)), min(density.mul(0.95), 1)) as N;
    const card = new THREE.Mesh(new THREE.PlaneGeometry(90, 60).translate(0, 25, 0), mat);
    card.renderOrder = 5;
    card.position.set((i - 2) * 14, -4, (i % 2) * 6 - 3);
    group.add(card);
    smokeMats.push({ mesh: card, spread: (i - 2) * 14 });
  }
  const at = new THREE.Vector3();
  return {
    group,
    // The rocket is the subject: the lens focuses on it, 20 m up from its pad.
    focus: pad.clone().add(new THREE.Vector3(0, 20, 0)),
    update(t, camera) {
      time.value = t;
      const k = thrust(t);
      burn.value = k;
      const h = rocketAltitude(t);
      rocket.position.y = h;
      flame.position.y = h;
      flame.scale.set(0.7 + 0.3 * k, 0.5 + 0.5 * k + Math.min(0.6, h / 200), 1);
      flame.rotation.y = yawTowardCamera(camera, flame.getWorldPosition(at), group);
      // The smoke grows from nothing as the engines light and rolls outward.
      for (const s of smokeMats) {
        const grow = Math.min(1.4, k * (0.25 + 0.35 * Math.max(0, t - IGNITION)));
        s.mesh.scale.set(grow, grow, 1);
        s.mesh.position.x = s.spread * (1 + 0.25 * Math.max(0, t - LIFTOFF));
        s.mesh.visible = grow > 0.01;
        s.mesh.rotation.y = yawTowardCamera(camera, s.mesh.getWorldPosition(at), group);
      }
    },
  };
};
