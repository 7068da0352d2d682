/**
 * A waterfall: a sheet of falling water over a cliff lip, streaked by noise that scrolls down faster
 * towards the bottom (the water accelerates as it falls), white where it breaks up, with mist rising
 * from the plunge pool. The sheet curves out over the lip like a real fall's crest. Shader work and a
 * few plume cards (steam.mts), deterministic from the seed.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec3, vec4, float, smoothstep, texture, mix, uniform, pow } from 'three/tsl';
import { noiseTexture, type Lighting } from './common.mjs';
import { createMist, type Plumes } from './steam.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Waterfall {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** A fall `width` wide and `height` tall whose lip is at `lip` (the top centre), facing +z. */
export function createWaterfall(seed: number, lip: THREE.Vector3, width: number, height: number, L: Lighting): Waterfall {
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(seed + 17, 256, 8, 5);
  // The sheet: rows follow the fall's arc, out over the lip and down (a parabola, then straight).
  const rows = 24;
  const geo = new THREE.PlaneGeometry(width, height, 8, rows);
  const p = geo.attributes.position as THREE.BufferAttribute;
  for (let i = 0; i < p.count; i++) {
    const v = (p.getY(i) + height / 2) / height; // 1 at the lip, 0 at the pool
    const drop = 1 - v;
    p.setXYZ(i, p.getX(i) * (1 + drop * 0.15), lip.y - drop * height, Math.sqrt(drop) * height * 0.12);
  }
  geo.computeVertexNormals();
  geo.translate(lip.x, 0, lip.z);
  const u: N = uv().x;
  const v: N = uv().y;
  const fall: N = float(1).sub(v);
  // Scroll speed grows with the distance fallen; the streaks stretch with it.
  const scroll: N = time.mul(fall.mul(1.4).add(0.35));
  const streaks: N = texture(noise, vec2(u.mul(5), fall.mul(0.6).sub(scroll))).r;
  const breakup: N = texture(noise, vec2(u.mul(9).add(0.3), fall.mul(1.4).sub(scroll.mul(1.3)))).g;
  const white: N = smoothstep(0.45, 0.75, streaks.mul(0.7).add(breakup.mul(0.4)).add(fall.mul(0.25)));
  const ambient = L.zenith.clone().lerp(L.horizon, 0.5).multiplyScalar(L.skyIntensity).add(L.sunColor.clone().multiplyScalar(L.sunIntensity * 0.25));
  const base = vec3(0.32, 0.42, 0.45).mul(vec3(ambient.r, ambient.g, ambient.b).mul(0.9).add(0.1));
  const foam = vec3(ambient.r, ambient.g, ambient.b).mul(1.1).add(0.12);
  const colour: N = mix(base, foam, white);
  // Thin at the sides of the sheet, solid in the middle; a little see-through where it is not white.
  const edge: N = smoothstep(0.0, 0.12, u).mul(smoothstep(1.0, 0.88, u));
  const alpha: N = edge.mul(mix(float(0.55), float(0.95), white)).mul(smoothstep(0.0, 0.04, v).mul(0.5).add(0.5));
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide, fog: true });
  mat.colorNode = vec4(colour, pow(alpha, float(0.8))) as N;
  const sheet = new THREE.Mesh(geo, mat);
  sheet.renderOrder = 2;
  group.add(sheet);
  // Mist from the plunge pool, drifting up in front of the lower fall.
  const mist: Plumes = createMist(seed, width * 1.8, height * 0.7);
  mist.group.position.set(lip.x, lip.y - height - height * 0.05, lip.z + height * 0.18);
  group.add(mist.group);
  return {
    group,
    update(t, camera) {
      time.value = t;
      mist.update(t, camera);
    },
  };
}
