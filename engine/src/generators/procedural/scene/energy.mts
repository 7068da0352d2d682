/**
 * Renewable energy B-roll: wind turbines along a ridge of the landscape, their three-bladed rotors
 * turning (about 15 turns a minute, each in its own phase), all yawed into the same wind; and a solar farm,
 * rows of panels tilted to the sun on posts, dark blue glass with a grid of cells that catches the sky.
 * Static parts are merged (one draw for all towers, one instanced mesh for all panels); each rotor is a
 * group of its own, turned each frame.
 */
import * as THREE from 'three/webgpu';
import { float, fract, mix, smoothstep, uv, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, paintVertices } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface WindFarm {
  group: THREE.Group;
  update(t: number): void;
}

/** Hub height and blade length of a utility-scale turbine, m. */
const HUB = 80;
const BLADE = 42;

/** A blade along +y from the hub: a thin aerofoil-ish slab, widest near its root, tapering to the tip. */
function bladeGeometry(): THREE.BufferGeometry {
  const g = new THREE.BoxGeometry(1, BLADE, 0.35, 1, 6, 1).translate(0, BLADE / 2 + 1.5, 0);
  const p = g.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const y = p.getY(i) / (BLADE + 1.5);
    const chord = 3.2 * (1 - y) ** 1.2 + 0.5 * y;
    p.setX(i, p.getX(i) * chord + (p.getX(i) > 0 ? 0.4 * (1 - y) : 0));
  }
  g.computeVertexNormals();
  return g;
}

/**
 * `places` on the ground (x, z); the rotors face `towards` (a point, usually a little beside the camera),
 * turned into one wind.
 */
export function createWindFarm(places: Array<[number, number]>, ground: (x: number, z: number) => number, towards: THREE.Vector3, seed: number): WindFarm {
  const group = new THREE.Group();
  const white = new THREE.Color('#e9ecee');
  const material = new THREE.MeshStandardNodeMaterial({ color: white, roughness: 0.45, metalness: 0.05 });
  const statics: THREE.BufferGeometry[] = [];
  const rotors: Array<{ rotor: THREE.Object3D; phase: number; rate: number }> = [];
  const blade = bladeGeometry();
  const rotorGeo = mergeParts([0, 1, 2].map((k) => blade.clone().rotateZ((k * 2 * Math.PI) / 3)).concat([new THREE.SphereGeometry(2.2, 12, 8).scale(1, 1, 1.6)]).map((g) => paintVertices(g, white)));
  // One wind for the whole farm: every nacelle turned the same way, towards the camera's side.
  const centre = places.reduce((a, [x, z]) => a.add(new THREE.Vector3(x, 0, z)), new THREE.Vector3()).multiplyScalar(1 / Math.max(1, places.length));
  const yaw = Math.atan2(towards.x - centre.x, towards.z - centre.z);
  places.forEach(([x, z], i) => {
    const y = ground(x, z);
    const tower = new THREE.CylinderGeometry(1.6, 2.8, HUB, 12, 1).translate(0, HUB / 2, 0);
    const nacelle = new THREE.BoxGeometry(4, 4, 11).translate(0, HUB + 1, -2.5);
    const turbine = mergeParts([tower, nacelle].map((g) => paintVertices(g, white)));
    turbine.rotateY(yaw).translate(x, y, z);
    statics.push(turbine);
    const rotor = new THREE.Group();
    rotor.position.set(x + Math.sin(yaw) * 3.5, y + HUB + 1, z + Math.cos(yaw) * 3.5);
    rotor.rotation.y = yaw;
    // (No shadow: a landscape's shadow map is drawn once, and a turning rotor's shadow would stand still.)
    const mesh = new THREE.Mesh(rotorGeo, material);
    rotor.add(mesh);
    group.add(rotor);
    // 13 to 17 turns a minute, each rotor in its own phase.
    rotors.push({ rotor: mesh, phase: ((seed * 7 + i * 2.3) % 6.28), rate: (2 * Math.PI * (13 + ((i * 5 + seed) % 5))) / 60 });
  });
  const towers = new THREE.Mesh(mergeParts(statics), new THREE.MeshStandardNodeMaterial({ vertexColors: true, roughness: 0.5, metalness: 0.05 }));
  towers.castShadow = true;
  towers.receiveShadow = true;
  group.add(towers);
  return {
    group,
    update(t) {
      for (const r of rotors) r.rotor.rotation.z = -(r.phase + r.rate * t);
    },
  };
}

/** Where turbines stand: along a line across the view `distance` ahead, spaced out, nudged by `rand`. Pure. */
export function turbinePlaces(rand: () => number, count: number, distance: number, spread: number): Array<[number, number]> {
  return Array.from({ length: count }, (_, i) => {
    const u = count > 1 ? i / (count - 1) - 0.5 : 0;
    return [u * spread + (rand() - 0.5) * spread * 0.08, -distance - u * distance * 0.5 + (rand() - 0.5) * distance * 0.15] as [number, number];
  });
}

/**
 * A solar farm: `rows` rows of panels in front of the camera, running across the view, each panel 2 x 1.1 m
 * tilted 28 degrees up towards the camera's side (the sun's), on two posts; its glass dark blue with the
 * cells' silver grid, glossy so it mirrors the sky.
 */
export function createSolarFarm(ctx: BuildContext, opts: { ground: (x: number, z: number) => number; near: number; rows: number; halfWidth: number }): THREE.Group {
  const group = new THREE.Group();
  const panel = new THREE.BoxGeometry(2, 0.05, 1.1);
  const material = ctx.software
    ? new THREE.MeshStandardNodeMaterial({ roughness: 0.18, metalness: 0.2 })
    : new THREE.MeshPhysicalNodeMaterial({ roughness: 0.12, metalness: 0.2, clearcoat: 1 });
  // Cells in a thin silver grid (fewer and larger than a real panel's 6 x 10, which only shimmers at range).
  const u: N = uv().x;
  const v: N = uv().y;
  const line = (x: N, n: number): N => float(1).sub(smoothstep(0.02, 0.06, fract(x.mul(n)).sub(0.5).abs().mul(-1).add(0.5)));
  const grid: N = line(u, 6).max(line(v, 3));
  // (Faint: a few pixels wide far off, a strong grid shimmered into moire.)
  material.colorNode = mix(vec3(0.02, 0.05, 0.14), vec3(0.45, 0.48, 0.52), grid.mul(0.28)) as N;
  const posts = new THREE.CylinderGeometry(0.05, 0.05, 1, 5).translate(0, 0.5, 0);
  const places: THREE.Matrix4[] = [];
  const postPlaces: THREE.Matrix4[] = [];
  const tilt = new THREE.Quaternion().setFromEuler(new THREE.Euler((28 * Math.PI) / 180, 0, 0));
  for (let r = 0; r < opts.rows; r++) {
    const z = -opts.near - r * 4.2;
    for (let x = -opts.halfWidth; x <= opts.halfWidth; x += 2.05) {
      const y = opts.ground(x, z) + 1.1;
      places.push(new THREE.Matrix4().compose(new THREE.Vector3(x, y, z), tilt, new THREE.Vector3(1, 1, 1)));
      postPlaces.push(new THREE.Matrix4().compose(new THREE.Vector3(x, y - 1.1, z - 0.2), new THREE.Quaternion(), new THREE.Vector3(1, 1.05, 1)));
    }
  }
  const panels = new THREE.InstancedMesh(panel, material, places.length);
  places.forEach((m, i) => panels.setMatrixAt(i, m));
  panels.castShadow = true;
  panels.receiveShadow = false;
  panels.frustumCulled = false;
  const legs = new THREE.InstancedMesh(posts, new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#8d9296'), roughness: 0.5, metalness: 0.6 }), postPlaces.length);
  postPlaces.forEach((m, i) => legs.setMatrixAt(i, m));
  legs.frustumCulled = false;
  group.add(panels, legs);
  return group;
}
