/**
 * A lighthouse on a rock in the surf: a tapering tower in red and white bands, a gallery round the lantern
 * room, a dark red cap. At dusk and night the lantern burns and its beam sweeps round (one turn every
 * 10 s, as a real light's character repeats): a long cone of light, brightest at the lamp, fading along
 * its length and towards its edge, drawn additively so the haze and the sky glow where it passes.
 */
import * as THREE from 'three/webgpu';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';
import { abs, dot, fract, mix, normalView, positionLocal, positionView, positionViewDirection, pow, smoothstep, step, uv, vec3 } from 'three/tsl';
import { ValueNoise2D } from '../sim/noise.js';
import { type BuildContext, paintVertices, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

const TOWER = 14; // metres to the gallery
const BEAM_LENGTH = 160;
const TURN_SECONDS = 10;

/** The lighthouse standing at `base` (the top of its rock). Returns the group and a per-frame update. */
export function createLighthouse(ctx: BuildContext, base: THREE.Vector3, lit: boolean): { group: THREE.Group; update(t: number): void } {
  const group = new THREE.Group();
  group.position.copy(base);
  // The rock it stands on, rising out of the surf.
  const rock = new THREE.SphereGeometry(1, 18, 10);
  const rp = rock.getAttribute('position') as THREE.BufferAttribute;
  const lumps = new ValueNoise2D(ctx.seed, 'lighthouse-rock');
  for (let i = 0; i < rp.count; i++) {
    const v = new THREE.Vector3().fromBufferAttribute(rp, i);
    const k = 0.8 + 0.4 * lumps.sample(v.x * 1.7 + 3, v.z * 1.7 + v.y * 2);
    rp.setXYZ(i, v.x * 5.5 * k, v.y * 2.6 * k - 1.0, v.z * 4.5 * k);
  }
  rock.computeVertexNormals();
  const stone = new THREE.Mesh(rock, roughMaterial(ctx, { roughness: 0.95, color: new THREE.Color('#4a4540') }));
  stone.castShadow = true;
  stone.receiveShadow = true;
  group.add(stone);
  const white = new THREE.Color('#e9e6df');
  const red = new THREE.Color('#a3221c');
  const dark = new THREE.Color('#2b2b2e');

  // The tower: a tapering lathe, banded red and white; the gallery, the lantern's frame and the cap.
  const profile = [new THREE.Vector2(1.75, 0), new THREE.Vector2(1.65, 1), new THREE.Vector2(1.15, TOWER), new THREE.Vector2(0.01, TOWER)];
  const gallery = paintVertices(new THREE.CylinderGeometry(1.65, 1.65, 0.25, 24).translate(0, TOWER + 0.1, 0), dark);
  const rail = paintVertices(new THREE.TorusGeometry(1.6, 0.04, 4, 32).rotateX(Math.PI / 2).translate(0, TOWER + 1.0, 0), dark);
  const cap = paintVertices(new THREE.ConeGeometry(1.05, 1.3, 24).translate(0, TOWER + 2.6, 0), red.clone().multiplyScalar(0.6));
  const posts = [0, 1, 2, 3, 4, 5].map((k) => {
    const a = (k / 6) * Math.PI * 2;
    return paintVertices(new THREE.CylinderGeometry(0.05, 0.05, 1.7, 4).translate(Math.cos(a) * 0.9, TOWER + 1.1, Math.sin(a) * 0.9), dark);
  });
  const body = new THREE.Mesh(mergeGeometries([gallery, rail, cap, ...posts])!, roughMaterial(ctx, { vertexColors: true, roughness: 0.7 }));
  // The tower's bands are painted by height in its shader (a lathe has too few rows for vertex colours).
  const towerMat = roughMaterial(ctx, { roughness: 0.7 });
  towerMat.colorNode = mix(vec3(white.r, white.g, white.b), vec3(red.r, red.g, red.b), step(0.5, fract(positionLocal.y.div(TOWER).mul(2.5).add(0.5)))) as N;
  const tower = new THREE.Mesh(new THREE.LatheGeometry(profile, 28), towerMat);
  for (const m of [body, tower]) {
    m.castShadow = true;
    m.receiveShadow = true;
    group.add(m);
  }

  // The lantern room's glass: the lamp behind it burns at dusk and night, and is dark glass by day.
  const lanternMat = new THREE.MeshBasicNodeMaterial();
  lanternMat.colorNode = (lit ? vec3(6, 4.6, 2.2) : vec3(0.12, 0.14, 0.16)) as N;
  const lantern = new THREE.Mesh(new THREE.CylinderGeometry(0.85, 0.85, 1.5, 16).translate(0, TOWER + 1.05, 0), lanternMat);
  group.add(lantern);

  let beam: THREE.Object3D | null = null;
  if (lit) {
    // Two opposite beams (a rotating optic has a lens on each side), each an open cone along +x.
    const cone = new THREE.ConeGeometry(9, BEAM_LENGTH, 24, 1, true);
    // The cone's tip at the lamp, opening outwards along +x.
    cone.translate(0, -BEAM_LENGTH / 2, 0).rotateZ(Math.PI / 2);
    // No fog on it: fog would add its colour to an additive beam and turn it into a solid wedge.
    const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide, fog: false });
    // v runs along the cone from its base (0) to its tip (1): brightest near the lamp, fading along the
    // beam. It fades out close to the camera too: swept through the lens it filled the frame with a flat
    // white wedge (haze that near is too thin to light).
    const near: N = smoothstep(10, 45, positionView.z.negate());
    // Its edges are soft: where the cone's surface is seen edge-on (its silhouette) the light path is short.
    const edge: N = pow(abs(dot(normalView, positionViewDirection)), 1.5);
    mat.colorNode = vec3(1.0, 0.85, 0.55).mul(pow(uv().y, 2.2).mul(0.16)).mul(near).mul(edge) as N;
    const pair = new THREE.Group();
    const a = new THREE.Mesh(cone, mat);
    const b = new THREE.Mesh(cone, mat);
    b.rotation.y = Math.PI;
    pair.add(a, b);
    pair.position.set(0, TOWER + 1.05, 0);
    pair.children.forEach((c) => (c.frustumCulled = false));
    group.add(pair);
    beam = pair;
  }
  return {
    group,
    update(t) {
      if (beam) beam.rotation.y = (t / TURN_SECONDS) * Math.PI * 2 + 0.6;
    },
  };
}
