/**
 * Icebergs on the sea: blocks of ice tens of metres across, their sides cliffs cut by noise, their tops
 * flat (tabular) or peaked, white with blue in their hollows and a turquoise band where the sea washes
 * them. Each one rides the swell a little (a berg that size barely moves: a tenth of the water's heave, a
 * degree or so of roll). Vertex-coloured; one mesh each (there are a handful).
 */
import * as THREE from 'three/webgpu';
import { ValueNoise2D } from '../sim/noise.js';
import { type BuildContext, roughMaterial } from './common.mjs';
import type { BoatPlacement, Surface } from './boats.mjs';

export interface Icebergs {
  group: THREE.Group;
  update(t: number): void;
}

/**
 * One berg, about 1 unit across, its waterline at y = 0: a prism whose outline wanders with noise (the same
 * at every height, so its sides are sheer cliffs), 0.3 high above the water and 0.5 below. A tabular berg
 * keeps a flat top with a little relief; the other kind rises to a ridge of peaks.
 */
function bergGeometry(noise: ValueNoise2D, seed: number, tabular: boolean): THREE.BufferGeometry {
  const g = new THREE.CylinderGeometry(0.5, 0.62, 0.8, 64, 6, false).translate(0, -0.1, 0);
  const p = g.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    const y = p.getY(i);
    const z = p.getZ(i);
    const a = Math.atan2(z, x);
    const r = Math.hypot(x, z);
    // The outline: lobes and notches, the same all the way down (cliffs); the top's edge a little ragged.
    // (ValueNoise2D varies over a unit of its input: the circle is walked at radius 5 for a handful of lobes.)
    const k = 0.45 + 1.1 * noise.fbm(Math.cos(a) * 5 + seed * 7, Math.sin(a) * 5 - seed * 3, 4) + 0.08 * (noise.sample(a * 24 + seed, 0.5) - 0.5) + (y > 0.25 ? 0.06 * noise.sample(a * 9 + seed, y * 8) : 0);
    let top = y;
    if (y > 0.29) {
      // The top: flat with gentle relief, or peaks along a ridge, highest near the middle.
      const d = r / 0.5;
      // (The peaks: ridged noise over the top, so a berg rises to several summits, not one cone.)
      const ridge = 1 - Math.abs(noise.fbm(x * 9 + seed * 5, z * 9 - seed, 4) * 2 - 1);
      top = tabular ? 0.3 + 0.025 * noise.sample(x * 6 + seed, z * 6) : 0.3 + Math.max(0, 1 - d) ** 0.5 * ridge ** 2 * 0.55;
    }
    p.setXYZ(i, x * k, top, z * k);
  }
  // Faceted: ice breaks in planes, and smooth shading made a berg look like a moulded tank.
  const faceted = g.toNonIndexed();
  faceted.computeVertexNormals();
  return colourIce(faceted, noise, seed);
}

function colourIce(g: THREE.BufferGeometry, noise: ValueNoise2D, seed: number): THREE.BufferGeometry {
  const p = g.attributes.position as THREE.BufferAttribute;
  // Colours by place and slope: hollows and steep faces take the ice's blue, the band the sea washes is
  // turquoise, the rest white.
  const n = g.attributes.normal as THREE.BufferAttribute;
  const white = new THREE.Color('#f2f7fa');
  const blue = new THREE.Color('#8fbdd6');
  const waterline = new THREE.Color('#5fb3c4');
  const colours = new Float32Array(p.count * 3);
  const c = new THREE.Color();
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    const y = p.getY(i);
    const z = p.getZ(i);
    c.copy(white).lerp(blue, Math.min(1, Math.max(0, 0.55 - n.getY(i)) * 0.9 + noise.sample(x * 9 + seed, z * 9) * 0.15));
    c.lerp(waterline, Math.max(0, 1 - Math.abs(y + 0.01) / 0.04) * 0.7);
    c.toArray(colours, i * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colours, 3));
  return g;
}

export function createIcebergs(ctx: BuildContext, placements: BoatPlacement[], surface: Surface): Icebergs {
  const rng = ctx.rng('icebergs');
  const noise = new ValueNoise2D(ctx.seed, 'icebergs');
  const material = roughMaterial(ctx, { vertexColors: true, roughness: 0.6 });
  const group = new THREE.Group();
  const bergs = placements.map((b, i) => {
    const geometry = bergGeometry(noise, i * 3.7 + ctx.seed * 0.01, rng.next() < 0.55);
    const mesh = new THREE.Mesh(geometry, material);
    // The nearest the largest and in front; 25 to 90 m across, up to a third as high.
    const size = (i === 0 ? 70 : 25 + rng.next() * 55) * (0.85 + rng.next() * 0.3);
    mesh.scale.set(size, size * (0.55 + rng.next() * 0.5), size * (0.7 + rng.next() * 0.6));
    mesh.rotation.y = b.heading;
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    group.add(mesh);
    return { mesh, x: b.x, z: b.z, phase: rng.next() * 6.28 };
  });
  return {
    group,
    update(t) {
      for (const b of bergs) {
        const s = surface(b.x, b.z, t);
        b.mesh.position.set(b.x, s.y * 0.1, b.z);
        b.mesh.rotation.x = Math.atan(s.dydz) * 0.05;
        b.mesh.rotation.z = -Math.atan(s.dydx) * 0.05;
      }
    },
  };
}
