/**
 * Medical B-roll: red blood cells flowing through a vessel. The camera is inside the vessel looking along
 * it; its wall is a tube of wet, veined tissue fading into a red haze with depth; the cells are biconcave
 * discs (thick at the rim, dimpled in the middle, as a red cell is), tumbling as they stream past the lens,
 * faster near the vessel's axis than near its wall (as blood flows). Cells are placed and moved by pure
 * functions; the light is the camera's own, as an endoscope's.
 */
import * as THREE from 'three/webgpu';
import { float, mix, positionWorld, smoothstep, texture, vec2, vec3 } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The vessel's radius and the length of it the cells stream through, in scene units (a cell is about 1 across). */
export const VESSEL_RADIUS = 4;
export const VESSEL_LENGTH = 60;

/** Flow speed at distance r from the vessel's axis: fastest on the axis, slow at the wall (laminar). Pure. */
export function flowSpeed(r: number, peak: number): number {
  const k = Math.min(1, r / VESSEL_RADIUS);
  return peak * (1 - 0.8 * k * k);
}

export interface Cell {
  /** Polar place across the vessel, and where along it at t = 0. */
  r: number;
  angle: number;
  z0: number;
  axis: [number, number, number];
  spin: number;
}

/** Cells scattered through the vessel, clear of its wall. Pure. */
export function placeCells(rand: () => number, count: number): Cell[] {
  return Array.from({ length: count }, () => ({
    // Uniform over the cross-section (sqrt), kept a cell's width off the wall.
    r: Math.sqrt(rand()) * (VESSEL_RADIUS - 0.9),
    angle: rand() * Math.PI * 2,
    z0: -rand() * VESSEL_LENGTH,
    axis: [rand() - 0.5, rand() - 0.5, rand() - 0.5],
    spin: 0.3 + rand() * 0.9,
  }));
}

/** Where a cell is along the vessel at time t: streaming towards the lens, wrapping round. Pure. */
export function cellZ(cell: Cell, t: number, peak: number, near: number): number {
  const z = cell.z0 + flowSpeed(cell.r, peak) * t;
  // From VESSEL_LENGTH beyond the lens to just behind it, then round again.
  const span = VESSEL_LENGTH;
  return (((z - near + span) % span) + span) % span - span + near;
}

/** A red cell's profile: a disc of radius 0.4 with a thick rim and a dimpled middle, turned about y. */
function cellGeometry(): THREE.BufferGeometry {
  const pts: THREE.Vector2[] = [];
  const n = 14;
  // Half of the cross-section, from the centre's dimple out to the rim on top, round it, and back
  // underneath (y is the thickness).
  for (let i = 0; i <= n; i++) {
    const u = i / n;
    const x = u * 0.4;
    // Thickness: 0.06 at the centre, 0.2 at the rim.
    const h = 0.03 + 0.07 * Math.pow(u, 1.6);
    pts.push(new THREE.Vector2(x, h));
  }
  // Round the rim.
  for (let i = 1; i < 6; i++) {
    const a = (i / 6) * Math.PI;
    pts.push(new THREE.Vector2(0.4 + Math.sin(a) * 0.1 * 0.9, 0.1 * Math.cos(a)));
  }
  for (let i = n; i >= 0; i--) {
    const u = i / n;
    pts.push(new THREE.Vector2(u * 0.4, -(0.03 + 0.07 * Math.pow(u, 1.6))));
  }
  const g = new THREE.LatheGeometry(pts, 20);
  g.computeVertexNormals();
  return g;
}

export interface Vessel {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

export function createVessel(rand: () => number, seed: number, count: number, colour: THREE.Color): Vessel {
  const group = new THREE.Group();
  const noise = noiseTexture(seed, 256, 6, 5);
  // The wall: the inside of a long tube, wet and veined, in the cells' red darkened.
  const wallMat = new THREE.MeshStandardNodeMaterial({ side: THREE.BackSide, roughness: 0.4 });
  const along: N = positionWorld.z.mul(0.05);
  const n1: N = texture(noise, vec2(positionWorld.x.add(positionWorld.y).mul(0.06), along)).r;
  const veins: N = float(1).sub(smoothstep(0.0, 0.04, n1.sub(0.5).abs()));
  const base = colour.clone().multiplyScalar(0.45);
  wallMat.colorNode = mix(vec3(base.r, base.g, base.b), vec3(base.r * 0.45, base.g * 0.3, base.b * 0.5), veins.mul(0.8)).mul(n1.mul(0.4).add(0.8)) as N;
  const wall = new THREE.Mesh(new THREE.CylinderGeometry(VESSEL_RADIUS, VESSEL_RADIUS, VESSEL_LENGTH + 20, 48, 24, true).rotateX(Math.PI / 2).translate(0, 0, -VESSEL_LENGTH / 2), wallMat);
  // Closed far off, so nothing beyond the vessel shows through its end (the haze swallows the cap).
  // (Its own material: the wall's is back-sided, and the cap faces the lens.)
  const capMat = new THREE.MeshStandardNodeMaterial({ color: colour.clone().multiplyScalar(0.2), roughness: 0.6 });
  const cap = new THREE.Mesh(new THREE.CircleGeometry(VESSEL_RADIUS, 48).translate(0, 0, -VESSEL_LENGTH - 9), capMat);
  group.add(wall, cap);
  // The cells.
  const cells = placeCells(rand, count);
  // (Standard, not physical: clearcoat and sheen on 140 cells doubled a software renderer's cost.)
  const cellMat = new THREE.MeshStandardNodeMaterial({ color: colour, roughness: 0.3 });
  const mesh = new THREE.InstancedMesh(cellGeometry(), cellMat, cells.length);
  mesh.frustumCulled = false;
  group.add(mesh);
  // The camera's own light (an endoscope's), and a dim fill.
  const lamp = new THREE.PointLight(0xfff0e8, 160, 60, 1.5);
  group.add(lamp, new THREE.HemisphereLight(0xff9080, 0x501010, 1.4));
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const p = new THREE.Vector3();
  const s = new THREE.Vector3(1, 1, 1);
  const axes = cells.map((c) => new THREE.Vector3(...c.axis).normalize());
  return {
    group,
    update(t, camera) {
      lamp.position.copy(camera.position);
      cells.forEach((c, i) => {
        const z = cellZ(c, t, 3.2, camera.position.z + 1);
        p.set(Math.cos(c.angle) * c.r, Math.sin(c.angle) * c.r, z);
        q.setFromAxisAngle(axes[i]!, t * c.spin + c.angle);
        m.compose(p, q, s);
        mesh.setMatrixAt(i, m);
      });
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
}
