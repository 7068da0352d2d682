/**
 * Sunbeams through the trees: shafts of sunlight slanting down through hazy air from gaps in the canopy,
 * the sun ahead of the camera and hidden by the crowns, so the beams fan out towards the lens. Each beam
 * is a long strip turned about its own axis to face the camera (what a lit column of haze looks like from
 * anywhere), drawn additively so the haze glows where it passes: bright and wide near the canopy, thinning
 * and fading towards the forest floor and across its width, breathing slowly as leaves move in the wind.
 */
import * as THREE from 'three/webgpu';
import { float, hash, instanceIndex, smoothstep, uv, vec3, vec4 } from 'three/tsl';
import { type BuildContext, type Lighting, faceAboutAxis } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface SunRays {
  mesh: THREE.InstancedMesh;
  update(t: number, camera: THREE.Camera): void;
}

/** A beam: its foot on the ground, its width in metres, how fast it breathes. */
export interface Beam {
  foot: [number, number, number];
  width: number;
  pace: number;
}

/**
 * Where each beam stands: its foot on the ground and its length up towards the sun, in the band the camera
 * looks across (`near` to `far` metres ahead along -z, within `halfWidth` either side). Pure, for tests.
 */
export function planBeams(
  count: number,
  rand: () => number,
  area: { near: number; far: number; halfWidth: number },
  ground: (x: number, z: number) => number,
): Beam[] {
  const beams: Beam[] = [];
  for (let i = 0; i < count; i++) {
    // Nearer beams spread wider across the frame: x is a fraction of the view's half width at that depth.
    const depth = area.near + (area.far - area.near) * Math.pow(rand(), 0.8);
    const x = (rand() * 2 - 1) * area.halfWidth * (depth / area.far);
    const z = -depth;
    beams.push({ foot: [x, ground(x, z), z], width: 1.2 + rand() * 2.2, pace: 0.5 + rand() * 0.6 });
  }
  return beams;
}

export function createSunRays(ctx: BuildContext, L: Lighting, ground: (x: number, z: number) => number, opts: { count: number; canopy: number; near: number; far: number; halfWidth: number }): SunRays {
  const rng = ctx.rng('sun-rays');
  const beams = planBeams(opts.count, () => rng.next(), opts, ground);
  const sun = L.sunDir.clone().normalize();

  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
  const u: N = uv();
  // Across: a soft core; along (v = 0 at the foot, 1 at the canopy): fading in from the floor, strongest
  // under the canopy, gone at the top where the beam enters the crowns.
  const across: N = float(1).sub(smoothstep(0.0, 0.5, u.x.sub(0.5).abs())).pow(1.6);
  const along: N = smoothstep(0.0, 0.3, u.y).mul(float(1).sub(smoothstep(0.85, 1.0, u.y)));
  const strength: N = hash(instanceIndex.add(7)).mul(0.55).add(0.45);
  const c = L.sunColor.clone().multiplyScalar(0.45 * Math.min(1.6, L.sunIntensity));
  mat.colorNode = vec4(vec3(c.r, c.g, c.b).mul(across).mul(along).mul(strength), 1) as N;
  const mesh = new THREE.InstancedMesh(new THREE.PlaneGeometry(1, 1).translate(0, 0.5, 0), mat, beams.length);
  mesh.frustumCulled = false;
  mesh.castShadow = false;
  mesh.receiveShadow = false;
  mesh.renderOrder = 4;
  const m4 = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const foot = new THREE.Vector3();
  const toCam = new THREE.Vector3();
  // Each beam's length: from its foot up to the canopy's top along the sun's direction.
  const baseY = ground(0, -(opts.near + opts.far) / 2);
  const lengths = beams.map((b) => Math.max(4, (baseY + opts.canopy - b.foot[1]) / Math.max(0.2, sun.y)));
  return {
    mesh,
    update(t, camera) {
      beams.forEach((b, i) => {
        foot.fromArray(b.foot);
        faceAboutAxis(q, sun, toCam.copy(camera.position).sub(foot).normalize());
        // Leaves moving in the wind open and close the gap a beam comes through: it breathes.
        const breath = 0.75 + 0.25 * Math.sin(t * b.pace + i * 2.3);
        s.set(b.width * breath, lengths[i]!, 1);
        m4.compose(foot, q, s);
        mesh.setMatrixAt(i, m4);
      });
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
}
