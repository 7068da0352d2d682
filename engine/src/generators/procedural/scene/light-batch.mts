/**
 * Batches of additive light refilled every frame: streaks (a soft line between two points, turned to
 * face the camera) and glows (a camera-facing disc with a bright core and a soft falloff), each one
 * instanced mesh with a per-instance colour. Fireworks and lightning draw with these.
 */
import * as THREE from 'three/webgpu';
import { uv, vec4, float, smoothstep, length, exp, max } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface LightBatch {
  mesh: THREE.InstancedMesh;
  /** Start a frame: nothing drawn until pushed again. */
  begin(): void;
  /** Upload what was pushed since begin(). */
  end(): void;
}

export interface StreakBatch extends LightBatch {
  /** A streak from p0 to p1, `width` wide, in linear colour c times k. */
  push(p0: THREE.Vector3, p1: THREE.Vector3, width: number, c: readonly number[], k: number, camPos: THREE.Vector3): void;
}

export interface GlowBatch extends LightBatch {
  /** A glow of diameter `size` at p, in linear colour c times k. */
  push(p: THREE.Vector3, size: number, c: readonly number[], k: number, camera: THREE.Camera): void;
}

function additive(): THREE.MeshBasicNodeMaterial {
  return new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
}

/** An instanced mesh of unit quads with a colour per instance, refilled from index 0 every frame. */
function batch(material: THREE.Material, capacity: number) {
  const cap = Math.max(1, capacity);
  const mesh = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1), material, cap);
  const colours = new Float32Array(cap * 3);
  mesh.instanceColor = new THREE.InstancedBufferAttribute(colours, 3);
  mesh.instanceColor.setUsage(THREE.DynamicDrawUsage);
  mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
  mesh.frustumCulled = false;
  mesh.castShadow = false;
  mesh.receiveShadow = false;
  mesh.renderOrder = 3;
  mesh.count = 0;
  let n = 0;
  return {
    mesh,
    begin: () => void (n = 0),
    end() {
      mesh.count = n;
      mesh.instanceMatrix.needsUpdate = true;
      mesh.instanceColor!.needsUpdate = true;
    },
    /** Places the next instance (false when the batch is full). */
    add(matrix: THREE.Matrix4, c: readonly number[], k: number): boolean {
      if (n >= cap) return false;
      mesh.setMatrixAt(n, matrix);
      colours[n * 3] = c[0]! * k;
      colours[n * 3 + 1] = c[1]! * k;
      colours[n * 3 + 2] = c[2]! * k;
      n++;
      return true;
    },
  };
}

export function createStreakBatch(capacity: number): StreakBatch {
  const m = additive();
  const across = float(1).sub(smoothstep(0.0, 0.5, uv().x.sub(0.5).abs()));
  m.colorNode = vec4(across, across, across, 1) as N;
  const b = batch(m, capacity);
  const axis = new THREE.Vector3();
  const mid = new THREE.Vector3();
  const toCam = new THREE.Vector3();
  const xAxis = new THREE.Vector3();
  const zAxis = new THREE.Vector3();
  const basis = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const m4 = new THREE.Matrix4();
  return {
    mesh: b.mesh,
    begin: b.begin,
    end: b.end,
    push(p0, p1, width, c, k, camPos) {
      axis.subVectors(p0, p1);
      const len = axis.length();
      mid.addVectors(p0, p1).multiplyScalar(0.5);
      toCam.subVectors(camPos, mid).normalize();
      if (len < 1e-9) axis.set(0, 1, 0);
      else axis.divideScalar(len);
      xAxis.crossVectors(axis, toCam);
      if (xAxis.lengthSq() < 1e-12) xAxis.set(1, 0, 0);
      xAxis.normalize();
      zAxis.crossVectors(xAxis, axis).normalize();
      basis.makeBasis(xAxis, axis, zAxis);
      q.setFromRotationMatrix(basis);
      // The quad overlaps its neighbours by its width, so a chain of streaks has no gaps at the joints.
      s.set(width, len + width, 1);
      b.add(m4.compose(mid, q, s), c, k);
    },
  };
}

export function createGlowBatch(capacity: number): GlowBatch {
  const m = additive();
  const r = length(uv().sub(0.5)).mul(2);
  // Both terms reach zero at the quad's edge, so a large glow shows no rim.
  const edge = max(float(1).sub(r), 0);
  const glow = exp(r.mul(r).mul(-9)).add(exp(r.mul(-4)).mul(edge).mul(edge).mul(0.15)).mul(float(1).sub(smoothstep(0.9, 1, r)));
  m.colorNode = vec4(glow, glow, glow, 1) as N;
  const b = batch(m, capacity);
  const s = new THREE.Vector3();
  const m4 = new THREE.Matrix4();
  return {
    mesh: b.mesh,
    begin: b.begin,
    end: b.end,
    push(p, size, c, k, camera) {
      b.add(m4.compose(p, camera.quaternion, s.setScalar(size)), c, k);
    },
  };
}
