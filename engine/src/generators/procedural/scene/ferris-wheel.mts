/**
 * A Ferris wheel turning slowly: a steel rim on spokes from a hub held up by an A-frame of legs each side,
 * gondolas hanging level from the rim as it turns, and lights along the rim and spokes that chase round it
 * after dark. Standing on the ground ahead of the camera, about half the frame's height. Gondola places are
 * a pure function of the wheel's turn.
 */
import * as THREE from 'three/webgpu';
import { float, fract, hash, instanceIndex, sin, smoothstep, uniform, vec3 } from 'three/tsl';
import { mergeParts, paintVertices, perInstanceColour } from './common.mjs';
import { groundAhead, viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The wheel's radius and its hub's height over the ground (m), its gondolas, a turn's length (s). */
export const WHEEL_RADIUS = 28;
export const HUB_HEIGHT = 33;
export const GONDOLAS = 16;
const TURN_SECONDS = 90;

/** Where gondola k hangs (relative to the hub, in the wheel's plane) when the wheel has turned `angle`. Pure. */
export function gondolaAt(k: number, angle: number): [number, number] {
  const a = angle + (k / GONDOLAS) * Math.PI * 2;
  // Hung from the rim: its centre a little below the rim point, level whatever the wheel's angle.
  return [Math.cos(a) * WHEEL_RADIUS, Math.sin(a) * WHEEL_RADIUS - 2.2];
}

function wheelGeometry(): THREE.BufferGeometry {
  const steel = new THREE.Color('#c9ccd1');
  const parts: THREE.BufferGeometry[] = [];
  // Two rims a little apart, and spokes to the hub.
  for (const z of [-1.2, 1.2]) parts.push(paintVertices(new THREE.TorusGeometry(WHEEL_RADIUS, 0.35, 6, 96).translate(0, 0, z), steel));
  for (let k = 0; k < GONDOLAS; k++) {
    const a = (k / GONDOLAS) * Math.PI * 2;
    for (const z of [-1.2, 1.2]) {
      const spoke = new THREE.CylinderGeometry(0.12, 0.12, WHEEL_RADIUS, 4).translate(0, WHEEL_RADIUS / 2, 0).rotateZ(a - Math.PI / 2).translate(0, 0, z);
      parts.push(paintVertices(spoke, steel));
    }
  }
  parts.push(paintVertices(new THREE.CylinderGeometry(1.6, 1.6, 3.4, 16).rotateX(Math.PI / 2), new THREE.Color('#8d9096')));
  return mergeParts(parts);
}

function legsGeometry(): THREE.BufferGeometry {
  const parts: THREE.BufferGeometry[] = [];
  const steel = new THREE.Color('#a9adb3');
  for (const z of [-3, 3]) {
    for (const side of [-1, 1]) {
      const len = Math.hypot(HUB_HEIGHT, 14);
      const leg = new THREE.CylinderGeometry(0.5, 0.7, len, 8).translate(0, len / 2, 0).rotateZ(side * Math.atan2(14, HUB_HEIGHT)).translate(-side * 14, 0, z);
      parts.push(paintVertices(leg, steel));
    }
  }
  return mergeParts(parts);
}

export const createFerrisWheel: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const group = new THREE.Group();
  const night = ctx.plan.timeOfDay === 'night' || ctx.plan.timeOfDay === 'dusk';
  // On the ground straight ahead, where the whole wheel is about half the frame's height.
  const distance = (HUB_HEIGHT + WHEEL_RADIUS) / (0.55 * 2 * view.tanV);
  const { at: foot, ahead } = groundAhead(view, distance, shot.groundHeight);
  group.position.copy(foot);
  // Face the camera a little obliquely (a wheel seen edge-on is a line).
  group.rotation.y = Math.atan2(-ahead.x, -ahead.z) + 0.35;
  const steelMat = new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.4, metalness: 0.6 });
  group.add(new THREE.Mesh(legsGeometry(), steelMat));
  const hub = new THREE.Group();
  hub.position.y = HUB_HEIGHT;
  group.add(hub);
  const wheel = new THREE.Mesh(wheelGeometry(), steelMat);
  hub.add(wheel);
  // Lights along the rim: bulbs that chase round after dark, in warm white and the palette's colours.
  const bulbs = 96;
  const time = uniform(0);
  const bulbMat = new THREE.MeshBasicNodeMaterial({ fog: false });
  const chase: N = smoothstep(0.5, 0.9, sin(float(instanceIndex).mul(0.4).sub(time.mul(3))).mul(0.5).add(0.5));
  const palette = ctx.plan.palette.colors.map((c) => new THREE.Color(c));
  const colours = Array.from({ length: bulbs }, (_, i) => (i % 3 === 0 ? palette[i % palette.length]! : new THREE.Color('#ffe2a8')));
  bulbMat.colorNode = perInstanceColour(colours).mul(chase.mul(0.7).add(0.5)).mul(night ? 2.6 : 0.6) as N;
  const lights = new THREE.InstancedMesh(new THREE.SphereGeometry(0.6, 8, 6), bulbMat, bulbs);
  const m = new THREE.Matrix4();
  for (let i = 0; i < bulbs; i++) {
    const a = (i / bulbs) * Math.PI * 2;
    m.makeTranslation(Math.cos(a) * (WHEEL_RADIUS + 0.5), Math.sin(a) * (WHEEL_RADIUS + 0.5), 1.3);
    lights.setMatrixAt(i, m);
  }
  hub.add(lights);
  // Gondolas: boxes hanging level, in the palette's colours, their windows lit after dark.
  const cabinMat = new THREE.MeshStandardNodeMaterial({ roughness: 0.5, metalness: 0.2 });
  cabinMat.colorNode = perInstanceColour(Array.from({ length: GONDOLAS }, (_, k) => palette[k % palette.length]!)) as N;
  if (night) cabinMat.emissiveNode = vec3(1.0, 0.7, 0.35).mul(fract(hash(instanceIndex)).mul(0.3).add(0.25)) as N;
  const cabins = new THREE.InstancedMesh(new THREE.BoxGeometry(3.2, 3.0, 2.6), cabinMat, GONDOLAS);
  cabins.frustumCulled = false;
  group.add(cabins);
  const p = new THREE.Vector3();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3(1, 1, 1);
  return {
    group,
    update(t) {
      time.value = t;
      const angle = (t / TURN_SECONDS) * Math.PI * 2;
      hub.rotation.z = angle;
      for (let k = 0; k < GONDOLAS; k++) {
        const [x, y] = gondolaAt(k, angle);
        m.compose(p.set(x, HUB_HEIGHT + y, 0), q, s);
        cabins.setMatrixAt(k, m);
      }
      cabins.instanceMatrix.needsUpdate = true;
    },
  };
};
