/**
 * Steam rising from a hot drink: a few soft plumes, each a card turned about the vertical towards the
 * camera, whose density is a rising, height-widening column cut into wisps by scrolling noise and bent
 * sideways more the higher it goes. Lit from behind by the studio's rim (steam is seen by the light it
 * scatters, so it reads against a dark backdrop). Shader work only; deterministic from the seed.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec3, vec4, float, smoothstep, texture, exp, sin, uniform } from 'three/tsl';
import { noiseTexture } from './common.mjs';
import { stream } from '../sim/rng.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Steam {
  group: THREE.Group;
  update(t: number, camera: THREE.Camera): void;
}

/** Plumes over a vessel of this rim radius; they rise about `height` before they fade. */
export function createSteam(seed: number, radius: number, height: number): Steam {
  const group = new THREE.Group();
  const time = uniform(0);
  const noise = noiseTexture(seed, 256, 6, 5);
  const rng = stream(seed, 'steam');
  const cards: THREE.Mesh[] = [];
  const plumes = 3;
  for (let i = 0; i < plumes; i++) {
    const phase = rng.range(0, 10);
    const speed = rng.range(0.09, 0.13);
    const u: N = uv().x;
    const v: N = uv().y;
    // The column drifts and bends, more with height (the air above a cup is still, then stirs).
    const drift: N = texture(noise, vec2(v.mul(0.35).add(phase), time.mul(0.05).add(phase * 0.37))).r.sub(0.5).mul(0.9)
      .add(sin(v.mul(4.2).sub(time.mul(0.9)).add(phase)).mul(0.07))
      .mul(v);
    const width: N = float(0.1).add(v.mul(0.22));
    const across: N = u.sub(0.5).sub(drift).div(width);
    const column: N = exp(across.mul(across).mul(-1.6));
    // Wisps: noise that rises with the steam, stretched upwards.
    const wisps: N = texture(noise, vec2(u.mul(0.9).add(drift.mul(0.6)).add(phase), v.mul(0.55).sub(time.mul(speed)))).g;
    const fine: N = texture(noise, vec2(u.mul(1.2).add(phase * 1.3), v.mul(0.8).sub(time.mul(speed * 1.5)))).r;
    const density: N = smoothstep(0.38, 0.85, wisps.mul(0.85).add(fine.mul(0.2)));
    const fade: N = smoothstep(0.0, 0.14, v).mul(float(1).sub(smoothstep(0.35, 1.0, v)));
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
    mat.colorNode = vec4(vec3(0.92, 0.93, 0.95), column.mul(density).mul(fade).mul(0.42)) as N;
    const card = new THREE.Mesh(new THREE.PlaneGeometry(radius * 2.6, height).translate(0, height / 2, 0), mat);
    card.position.set(rng.range(-0.25, 0.25) * radius, 0, rng.range(-0.25, 0.25) * radius);
    card.renderOrder = 3;
    cards.push(card);
    group.add(card);
  }
  const at = new THREE.Vector3();
  const parentQ = new THREE.Quaternion();
  return {
    group,
    update(t, camera) {
      time.value = t;
      // Face the camera about the vertical, in the parent's frame (the product turns on its turntable).
      group.getWorldPosition(at);
      const yaw = Math.atan2(camera.position.x - at.x, camera.position.z - at.z);
      const parentYaw = group.parent ? new THREE.Euler().setFromQuaternion(group.parent.getWorldQuaternion(parentQ), 'YXZ').y : 0;
      for (const c of cards) c.rotation.y = yaw - parentYaw;
    },
  };
}
