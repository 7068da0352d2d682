/**
 * A plexus (a network background): points drifting in a box, each pair nearer than a reach joined by a
 * line that fades as they part, nodes glowing where they are. Every point moves on closed loops (a few
 * sines, whole cycles over the clip), so the clip loops seamlessly; the lines are worked out again each
 * frame from the points' places (O(n^2), a few thousand pairs). Drawn additively on the field.
 */
import * as THREE from 'three/webgpu';
import { stream } from '../sim/rng.js';

export interface Network {
  group: THREE.Group;
  update(t: number): void;
}

export function createNetwork(seed: number, count: number, size: [number, number, number], colours: [THREE.Color, THREE.Color], duration: number): Network {
  const rng = stream(seed, 'network');
  const n = Math.max(8, Math.min(240, count));
  const loop = (2 * Math.PI) / Math.max(duration, 0.5);
  const points = Array.from({ length: n }, () => ({
    base: new THREE.Vector3((rng.next() - 0.5) * size[0], (rng.next() - 0.5) * size[1], (rng.next() - 0.5) * size[2]),
    amp: new THREE.Vector3(rng.range(0.03, 0.08) * size[0], rng.range(0.03, 0.08) * size[1], rng.range(0.03, 0.08) * size[2]),
    k: [rng.int(1, 2), rng.int(1, 2), rng.int(1, 2)] as const,
    phase: [rng.range(0, 6.28), rng.range(0, 6.28), rng.range(0, 6.28)] as const,
    mix: rng.next(),
  }));
  // Pairs nearer than this are joined: about a sixth of the box's width.
  const reach = size[0] * 0.16;
  const group = new THREE.Group();
  const nodeMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const nodes = new THREE.InstancedMesh(new THREE.IcosahedronGeometry(size[0] * 0.0045, 1), nodeMat, n);
  nodes.frustumCulled = false;
  points.forEach((p, i) => nodes.setColorAt(i, colours[0].clone().lerp(colours[1], p.mix).multiplyScalar(1.6)));
  group.add(nodes);
  const maxPairs = (n * (n - 1)) / 2;
  const positions = new Float32Array(maxPairs * 6);
  const lineColours = new Float32Array(maxPairs * 6);
  const geometry = new THREE.BufferGeometry();
  geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3).setUsage(THREE.DynamicDrawUsage));
  geometry.setAttribute('color', new THREE.BufferAttribute(lineColours, 3).setUsage(THREE.DynamicDrawUsage));
  const lines = new THREE.LineSegments(geometry, new THREE.LineBasicNodeMaterial({ vertexColors: true, transparent: true, depthWrite: false, blending: THREE.AdditiveBlending }));
  lines.frustumCulled = false;
  group.add(lines);
  const at = points.map(() => new THREE.Vector3());
  const m = new THREE.Matrix4();
  const c = new THREE.Color();
  return {
    group,
    update(t) {
      points.forEach((p, i) => {
        at[i]!.set(
          p.base.x + p.amp.x * Math.sin(t * loop * p.k[0] + p.phase[0]),
          p.base.y + p.amp.y * Math.sin(t * loop * p.k[1] + p.phase[1]),
          p.base.z + p.amp.z * Math.sin(t * loop * p.k[2] + p.phase[2]),
        );
        nodes.setMatrixAt(i, m.makeTranslation(at[i]!));
      });
      nodes.instanceMatrix.needsUpdate = true;
      let k = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const d = at[i]!.distanceTo(at[j]!);
          if (d >= reach) continue;
          // Bright when close, fading to nothing at the reach.
          const w = (1 - d / reach) ** 1.5 * 1.3;
          c.copy(colours[0]).lerp(colours[1], (points[i]!.mix + points[j]!.mix) / 2).multiplyScalar(w);
          at[i]!.toArray(positions, k * 6);
          at[j]!.toArray(positions, k * 6 + 3);
          c.toArray(lineColours, k * 6);
          c.toArray(lineColours, k * 6 + 3);
          k++;
        }
      }
      geometry.setDrawRange(0, k * 2);
      geometry.attributes.position!.needsUpdate = true;
      geometry.attributes.color!.needsUpdate = true;
    },
  };
}
