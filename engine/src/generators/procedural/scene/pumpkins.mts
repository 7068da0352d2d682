/**
 * Jack-o'-lanterns (Halloween): ribbed orange pumpkins with curled stems, the front one carved with
 * triangle eyes, a nose and a jagged grin that glow with the candle flickering inside them; the candles'
 * light spills out through the carving onto the floor in front. A low-key shot, as the candle's: the
 * lanterns light it. The carving's outline is a pure function of a point on the pumpkin's face.
 */
import * as THREE from 'three/webgpu';
import { abs, float, max, mix, positionLocal, smoothstep, step, uniform, vec3 } from 'three/tsl';
import type { CandleFlame } from './candle.mjs';
import { shake1D } from '../sim/noise.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/**
 * Whether the point (x, y) of the face (the pumpkin's front seen flat on, radius 1) is cut away: two
 * triangle eyes, a small triangle nose, a wide grin with two teeth. Pure; the shader cuts the same shapes.
 */
export function carved(x: number, y: number): boolean {
  const ax = Math.abs(x);
  // Eyes: triangles pointing up, centred at (+-0.34, 0.22), 0.3 wide, 0.24 tall.
  const ey = y - 0.1;
  const eye = ey >= 0 && ey <= 0.24 && Math.abs(ax - 0.34) <= 0.15 * (1 - ey / 0.24);
  // Nose: a small triangle pointing up under the eyes.
  const ny = y + 0.08;
  const nose = ny >= 0 && ny <= 0.12 && ax <= 0.07 * (1 - ny / 0.12);
  // Grin: a band curving up at its ends, with two square teeth hanging from its top.
  const curve = 0.35 * x * x;
  const top = -0.2 + curve;
  const bottom = -0.46 + curve * 1.3;
  const inMouth = ax <= 0.58 && y <= top && y >= bottom;
  const tooth = (Math.abs(x - 0.17) < 0.06 || Math.abs(x + 0.17) < 0.06) && y > top - 0.09;
  return eye || nose || (inMouth && !tooth);
}

/** A pumpkin's ribbed, squat shape: a sphere pushed in along its ribs, flattened, dimpled at the top. */
function pumpkinGeometry(): THREE.BufferGeometry {
  const g = new THREE.SphereGeometry(1, 64, 40);
  const p = g.getAttribute('position') as THREE.BufferAttribute;
  const v = new THREE.Vector3();
  for (let i = 0; i < p.count; i++) {
    v.fromBufferAttribute(p, i);
    const a = Math.atan2(v.z, v.x);
    const rib = 1 - 0.07 * Math.pow(Math.abs(Math.sin(a * 5)), 0.6);
    const dimple = 1 - 0.18 * Math.pow(Math.max(0, v.y), 8);
    p.setXYZ(i, v.x * rib, v.y * 0.78 * dimple, v.z * rib);
  }
  g.computeVertexNormals();
  return g;
}

export interface Lanterns {
  group: THREE.Group;
  height: number;
  /** The candles inside: the shot's light, as a candle's flame is. */
  flame: CandleFlame;
}

export function createPumpkins(seed: number, count: number, colour: THREE.Color): Lanterns {
  const group = new THREE.Group();
  const flickerA = shake1D(seed, 'pumpkin:flicker');
  const flickerB = shake1D(seed, 'pumpkin:gust');
  const flicker = uniform(1);
  // The carving, in the pumpkin's own space (radius 1 before flattening; the face looks along +z).
  const pl: N = positionLocal;
  const fx: N = pl.x;
  const fy: N = pl.y.div(0.78);
  const front: N = smoothstep(0.25, 0.5, pl.z);
  const ax: N = abs(fx);
  const ey: N = fy.sub(0.1);
  const eye: N = step(0, ey).mul(step(ey, 0.24)).mul(step(abs(ax.sub(0.34)), float(0.15).mul(float(1).sub(ey.div(0.24)))));
  const ny: N = fy.add(0.08);
  const nose: N = step(0, ny).mul(step(ny, 0.12)).mul(step(ax, float(0.07).mul(float(1).sub(ny.div(0.12)))));
  const curve: N = fx.mul(fx).mul(0.35);
  const top: N = curve.sub(0.2);
  const bottom: N = curve.mul(1.3).sub(0.46);
  const mouth: N = step(ax, 0.58).mul(step(fy, top)).mul(step(bottom, fy));
  const tooth: N = max(step(abs(fx.sub(0.17)), 0.06), step(abs(fx.add(0.17)), 0.06)).mul(step(top.sub(0.09), fy));
  const cut: N = max(max(eye, nose), mouth.mul(float(1).sub(tooth))).mul(front);
  // The candle's light: yellow-orange in the cuts, a warm glow through the thin rind around them.
  const flame: N = vec3(2.6, 1.25, 0.3).mul(flicker);
  const carvedMat = new THREE.MeshStandardNodeMaterial({ color: colour, roughness: 0.55 });
  carvedMat.colorNode = mix(vec3(colour.r, colour.g, colour.b), vec3(0.02, 0.01, 0), cut) as N;
  carvedMat.emissiveNode = flame.mul(cut).add(flame.mul(0.04).mul(front)) as N;
  const plainMat = new THREE.MeshStandardNodeMaterial({ color: colour, roughness: 0.55 });
  const stemMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#4a5a2a'), roughness: 0.8 });
  const shape = pumpkinGeometry();
  // The carved lantern in front, the others behind and to the sides (uncarved, as bought), smaller.
  const places: Array<{ x: number; z: number; r: number; carved: boolean; turn: number }> = [
    { x: 0, z: 0, r: 0.9, carved: true, turn: 0 },
    { x: -1.5, z: -1.2, r: 0.7, carved: count > 1, turn: 0.35 },
    { x: 1.4, z: -1.0, r: 0.6, carved: count > 2, turn: -0.4 },
  ].slice(0, Math.max(1, Math.min(3, count)));
  const lights: Array<{ light: THREE.PointLight; strength: number }> = [];
  for (const at of places) {
    const body = new THREE.Mesh(shape, at.carved ? carvedMat : plainMat);
    body.scale.setScalar(at.r);
    body.position.set(at.x, at.r * 0.74, at.z);
    body.rotation.y = at.turn;
    body.castShadow = true;
    body.receiveShadow = true;
    const stem = new THREE.Mesh(new THREE.CylinderGeometry(0.05, 0.08, 0.3, 7).translate(0, 0.15, 0), stemMat);
    stem.rotation.z = 0.3;
    stem.position.set(0, 0.72, 0);
    body.add(stem);
    group.add(body);
    if (at.carved) {
      // Its candle's light, inside it: the shell's outside faces away from it and stays dark, the floor
      // round it is lit (as through the cuts; in front of the face it lit the rind as a bright patch).
      const light = new THREE.PointLight(new THREE.Color('#ff9a3a'), 9 * at.r, 0, 2);
      light.position.set(at.x, at.r * 0.55, at.z);
      group.add(light);
      lights.push({ light, strength: 9 * at.r });
    }
  }
  const candles = new THREE.Group();
  group.add(candles);
  return {
    group,
    height: 1.8,
    flame: {
      group: candles,
      light: lights[0]!.light,
      update(t) {
        const k = 0.88 + 0.1 * flickerA(t * 3) - 0.06 * Math.abs(flickerB(t * 0.8));
        flicker.value = k;
        for (const l of lights) l.light.intensity = l.strength * k;
      },
    },
  };
}
