/**
 * Dutch windmills: an eight-sided smock tapering up from a brick base, a stage round it, a thatched cap
 * turned into the wind, and four lattice sails turning at a working mill's pace. The sails' lattice is
 * drawn by the shader on one quad each (bars where the stripes cross, cut out elsewhere), so a mill is a
 * few dozen triangles. The sails cast no shadow: a landscape's shadow map is drawn once, and a turning
 * sail's shadow would stand still on the grass. sailAngle is the pure part.
 */
import * as THREE from 'three/webgpu';
import { float, fract, max, smoothstep, uv, abs, fwidth, min } from 'three/tsl';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Turns a minute of the sails (a mill at work in a fair breeze). */
export const SAIL_RPM = 12;
/** The sails' hub: height over the ground and the sail's reach from it (metres). */
export const HUB_HEIGHT = 17;
export const SAIL_REACH = 12;

/** The sails' angle (radians) at `t` seconds for a mill starting at `phase`. */
export function sailAngle(t: number, phase: number): number {
  return phase + (2 * Math.PI * SAIL_RPM * t) / 60;
}

export interface Windmills {
  group: THREE.Group;
  update(t: number): void;
}

/** A sail's stock, the beam from the hub out (its lattice is a quad of its own, beside the outer three quarters). */
function sailGeometry(): THREE.BufferGeometry {
  const stock = new THREE.BoxGeometry(0.35, SAIL_REACH, 0.3).translate(0, SAIL_REACH / 2, 0);
  return paintVertices(stock, new THREE.Color('#4a3a2c'));
}

/**
 * Mills at `places` on the ground `groundAt`, their caps turned towards `towards` (the camera's side, so the
 * sails face it).
 */
export function createWindmills(ctx: BuildContext, places: Array<[number, number]>, groundAt: (x: number, z: number) => number, towards: THREE.Vector3): Windmills {
  const seed = ctx.seed;
  const group = new THREE.Group();
  const parts: THREE.BufferGeometry[] = [];
  const brick = new THREE.Color('#5a3326');
  const smock = new THREE.Color('#34433a');
  const thatch = new THREE.Color('#4b4236');
  const stageWood = new THREE.Color('#3a2f26');
  const trim = new THREE.Color('#e6e1d6');
  // The lattice: a frame 2.6 m wide along the sail, bars every 0.45 m across and three along.
  // (Lambert on a software rasteriser, as the landscape's other matte things: a mill costs a few ms then.)
  const latticeMat = roughMaterial(ctx, { color: new THREE.Color('#ddd6c8'), roughness: 0.8, side: THREE.DoubleSide });
  latticeMat.alphaTest = 0.5;
  const across: N = uv().y.mul(SAIL_REACH * 0.75 / 0.45);
  const along: N = uv().x.mul(3);
  const bar = (v: N, width: number): N => {
    const d: N = abs(fract(v.add(0.5)).sub(0.5));
    const w: N = max(fwidth(v).mul(0.8), width);
    return float(1).sub(smoothstep(w, w.mul(1.6), d));
  };
  const edges: N = max(bar(uv().x, 0.04), bar(uv().y, 0.01));
  latticeMat.opacityNode = min(max(max(bar(across, 0.09), bar(along, 0.05)), edges), 1) as N;
  const latticeGeo = new THREE.PlaneGeometry(2.6, SAIL_REACH * 0.75).translate(1.45, SAIL_REACH * 0.625, 0.05);
  const sailGeo = sailGeometry();
  const stockMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.8 });
  const rotors: Array<{ rotor: THREE.Group; phase: number }> = [];
  places.forEach(([x, z], i) => {
    const y = groundAt(x, z) - 0.3;
    const yaw = Math.atan2(towards.x - x, towards.z - z);
    const base = paintVertices(new THREE.CylinderGeometry(4.6, 5.0, 4.5, 8).translate(0, 2.25, 0), brick);
    const body = paintVertices(new THREE.CylinderGeometry(2.9, 4.5, 10.5, 8).translate(0, 4.5 + 5.25, 0), smock);
    const stage = paintVertices(new THREE.CylinderGeometry(6.2, 6.2, 0.25, 8).translate(0, 4.6, 0), stageWood);
    const door = paintVertices(new THREE.BoxGeometry(1.2, 2.2, 0.2).translate(0, 1.2, 4.75), trim);
    const window = paintVertices(new THREE.BoxGeometry(0.8, 1.0, 0.2).translate(0, 9, 3.95), trim);
    // The cap: a rounded hood, longer front to back, the sails' shaft coming out of its front.
    const cap = paintVertices(new THREE.SphereGeometry(1, 12, 8, 0, Math.PI * 2, 0, Math.PI / 2).scale(3.3, 2.6, 4.0).translate(0, 15, 0), thatch);
    const shaft = paintVertices(new THREE.CylinderGeometry(0.45, 0.45, 3.5, 8).rotateX(Math.PI / 2 - 0.17).translate(0, HUB_HEIGHT - 0.3, 3.6), stageWood);
    const mill = mergeParts([base, body, stage, door, window, cap, shaft]);
    mill.rotateY(yaw).translate(x, y, z);
    parts.push(mill);
    // The sails turn about the shaft, tilted up 10 degrees, in front of the cap.
    const holder = new THREE.Group();
    holder.position.set(x + Math.sin(yaw) * 5.3, y + HUB_HEIGHT, z + Math.cos(yaw) * 5.3);
    holder.rotation.set(0, yaw, 0);
    const tilt = new THREE.Group();
    tilt.rotation.x = -0.17;
    holder.add(tilt);
    const rotor = new THREE.Group();
    tilt.add(rotor);
    for (let k = 0; k < 4; k++) {
      const arm = new THREE.Group();
      arm.rotation.z = (k * Math.PI) / 2;
      const stock = new THREE.Mesh(sailGeo, stockMat);
      const lattice = new THREE.Mesh(latticeGeo, latticeMat);
      arm.add(stock, lattice);
      rotor.add(arm);
    }
    group.add(holder);
    rotors.push({ rotor, phase: ((seed % 97) * 0.37 + i * 1.3) % (Math.PI * 2) });
  });
  const mills = new THREE.Mesh(mergeParts(parts), roughMaterial(ctx, { vertexColors: true, roughness: 0.85 }));
  mills.castShadow = true;
  mills.receiveShadow = true;
  group.add(mills);
  return {
    group,
    update(t) {
      // Turning anticlockwise seen from the front, as Dutch mills do.
      for (const { rotor, phase } of rotors) rotor.rotation.z = sailAngle(t, phase);
    },
  };
}
