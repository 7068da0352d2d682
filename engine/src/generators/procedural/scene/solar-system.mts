/**
 * The solar system as an orrery in space: the sun glowing at the centre, the eight planets on their
 * orbits (faint rings marking them), each turning about the sun at its own rate. Distances and sizes
 * are squeezed to fit one frame (the real ones would leave Neptune 80 times as far out as Mercury and
 * the planets specks); the rates are kept in proportion, from the planets' real orbital periods, with
 * the earth going round in EARTH_YEAR seconds: Mercury laps it, Neptune barely moves. Gas giants are
 * banded, Saturn ringed; everything is lit by the sun. planetAngle is the pure part.
 */
import * as THREE from 'three/webgpu';
import { abs, dot, float, mix, normalView, positionLocal, positionViewDirection, pow, sin, smoothstep, texture, uniform, uv, vec2, vec3, vec4, length, normalize, atan } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Seconds for the earth to go round the sun once. */
export const EARTH_YEAR = 24;

export interface PlanetSpec {
  name: string;
  /** Orbital period in earth years (NASA planetary fact sheet). */
  years: number;
  /** Orbit radius and planet radius in scene units (squeezed, not to scale). */
  orbit: number;
  radius: number;
  /** Surface colours: base and band (gas giants) or highlight. */
  colors: [string, string];
  banded?: boolean;
  ringed?: boolean;
}

export const PLANETS: readonly PlanetSpec[] = [
  { name: 'mercury', years: 0.2408, orbit: 7.5, radius: 0.55, colors: ['#8c8680', '#b5afa8'] },
  { name: 'venus', years: 0.6152, orbit: 11, radius: 1.0, colors: ['#d9c08a', '#efe0b8'] },
  { name: 'earth', years: 1, orbit: 14.5, radius: 1.05, colors: ['#2a5fa8', '#dfe9f2'] },
  { name: 'mars', years: 1.8809, orbit: 18, radius: 0.72, colors: ['#b0532c', '#d8875a'] },
  { name: 'jupiter', years: 11.862, orbit: 25, radius: 2.8, colors: ['#c9a57e', '#8f6a4a'], banded: true },
  { name: 'saturn', years: 29.457, orbit: 34, radius: 2.3, colors: ['#e0c98f', '#b89a62'], banded: true, ringed: true },
  { name: 'uranus', years: 84.011, orbit: 41.5, radius: 1.6, colors: ['#9fd8e0', '#bfe8ec'], banded: true },
  { name: 'neptune', years: 164.79, orbit: 48, radius: 1.55, colors: ['#3f66d8', '#5f86ea'], banded: true },
];

/** The sun's radius in scene units. */
export const SUN_RADIUS = 4;

/** Planet i's angle round the sun (radians, counter-clockwise seen from above) at `t` seconds. */
export function planetAngle(i: number, t: number, start: number): number {
  return start + (2 * Math.PI * t) / (EARTH_YEAR * PLANETS[i]!.years);
}

export interface SolarSystem {
  group: THREE.Group;
  /** The whole system's radius, Saturn's rings and Neptune included. */
  extent: number;
  update(t: number, camera: THREE.Camera): void;
}

function planetMaterial(spec: PlanetSpec, tex: THREE.Texture): THREE.Material {
  const mat = new THREE.MeshStandardNodeMaterial({ roughness: 0.9, metalness: 0 });
  const base = new THREE.Color(spec.colors[0]);
  const other = new THREE.Color(spec.colors[1]);
  const p: N = normalize(positionLocal);
  // Noise read on the sphere's longitude and latitude (one tile round: no seam).
  const at: N = vec2(atan(p.x, p.z).div(2 * Math.PI), p.y.mul(0.5));
  const n: N = texture(tex, at).r;
  let c: N;
  if (spec.banded) {
    // Bands of cloud by latitude, their edges stirred by the noise.
    const y: N = p.y.add(n.sub(0.5).mul(0.08));
    const band: N = sin(y.mul(spec.name === 'jupiter' ? 26 : 18)).mul(0.5).add(0.5);
    c = mix(vec3(base.r, base.g, base.b), vec3(other.r, other.g, other.b), band.mul(spec.name === 'jupiter' ? 0.8 : 0.35));
  } else if (spec.name === 'earth') {
    // Oceans, land and cloud, roughly: blue with green-brown patches and white wisps.
    const land: N = smoothstep(0.52, 0.56, n);
    const cloud: N = smoothstep(0.6, 0.72, texture(tex, at.mul(vec2(2, 2)).add(0.37)).g);
    c = mix(mix(vec3(base.r, base.g, base.b), vec3(0.22, 0.3, 0.12), land), vec3(other.r, other.g, other.b), cloud);
  } else {
    c = mix(vec3(base.r, base.g, base.b), vec3(other.r, other.g, other.b), smoothstep(0.35, 0.65, n));
  }
  mat.colorNode = c;
  return mat;
}

/** Saturn's rings in the planet's equatorial plane (the mesh's xy), the Cassini division a dark gap. */
function saturnRing(planetRadius: number): THREE.Mesh {
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
  const r: N = length(positionLocal.xy).div(planetRadius);
  const body: N = smoothstep(1.3, 1.45, r).mul(float(1).sub(smoothstep(2.15, 2.25, r)));
  const cassini: N = float(1).sub(float(1).sub(smoothstep(0.0, 0.03, abs(r.sub(1.95)))).mul(0.8));
  const ringlets: N = sin(r.mul(120)).mul(0.15).add(0.85);
  mat.colorNode = vec3(0.5, 0.45, 0.36) as N;
  mat.opacityNode = body.mul(cassini).mul(ringlets).mul(0.85) as N;
  return new THREE.Mesh(new THREE.RingGeometry(planetRadius * 1.3, planetRadius * 2.25, 128, 1), mat);
}

/** The system centred on the group's origin, the orbits in its xz plane; `seed` sets where each planet starts. */
export function createSolarSystem(seed: number, rng: () => number): SolarSystem {
  const group = new THREE.Group();
  const tex = noiseTexture(seed, 256, 8, 5);
  const time = uniform(0);

  // The sun: a hot disc whose granulation churns, darker towards its limb, in a glow.
  const sunMat = new THREE.MeshBasicNodeMaterial();
  const facing: N = abs(dot(normalView, positionViewDirection));
  const sp: N = normalize(positionLocal);
  const churn: N = texture(tex, vec2(atan(sp.x, sp.z).div(2 * Math.PI).mul(2), sp.y.mul(0.8)).add(vec2(time.mul(0.01), time.mul(0.004)))).r;
  const limb: N = pow(facing, 0.45);
  sunMat.colorNode = vec4(mix(vec3(4.0, 1.5, 0.35), vec3(6.0, 3.6, 1.3), churn).mul(limb), 1) as N;
  group.add(new THREE.Mesh(new THREE.SphereGeometry(SUN_RADIUS, 64, 32), sunMat));
  const glowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const d: N = length(uv().sub(0.5)).mul(2);
  glowMat.colorNode = vec4(vec3(1.0, 0.6, 0.25).mul(pow(float(1).sub(smoothstep(0.2, 1.0, d)), 2.5).mul(1.6)), 1) as N;
  const glow = new THREE.Mesh(new THREE.PlaneGeometry(SUN_RADIUS * 5.5, SUN_RADIUS * 5.5), glowMat);
  glow.renderOrder = 5;
  group.add(glow);
  // Lit from the sun: no falloff with distance (the real one would leave Neptune black at this scale).
  const light = new THREE.PointLight(0xfff1dc, 3.2, 0, 0);
  group.add(light, new THREE.AmbientLight(0x8090b0, 0.05));

  // The orbits: faint lines (a line stays one pixel wide at any distance; a thin ring broke into dots).
  const orbitMat = new THREE.LineBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  orbitMat.colorNode = vec4(0.2, 0.24, 0.32, 1) as N;
  const planets: THREE.Object3D[] = [];
  const starts: number[] = [];
  for (const spec of PLANETS) {
    // A strip closed on its first point (WebGPU draws no line loops).
    const points = Array.from({ length: 257 }, (_, k) => new THREE.Vector3(spec.orbit * Math.cos((k / 256) * Math.PI * 2), 0, spec.orbit * Math.sin((k / 256) * Math.PI * 2)));
    group.add(new THREE.Line(new THREE.BufferGeometry().setFromPoints(points), orbitMat));
    const holder = new THREE.Group();
    const body = new THREE.Mesh(new THREE.SphereGeometry(spec.radius, 48, 24), planetMaterial(spec, tex));
    holder.add(body);
    if (spec.ringed) {
      const ring = saturnRing(spec.radius);
      // Tilted 27 degrees to its orbit (as Saturn's axis is), leaning away from the lens.
      ring.rotation.x = -Math.PI / 2 - 0.47;
      holder.add(ring);
    }
    group.add(holder);
    planets.push(holder);
    starts.push(rng() * Math.PI * 2);
  }
  const extent = PLANETS[PLANETS.length - 1]!.orbit + 2;
  return {
    group,
    extent,
    update(t, camera) {
      time.value = t;
      PLANETS.forEach((spec, i) => {
        const a = planetAngle(i, t, starts[i]!);
        planets[i]!.position.set(spec.orbit * Math.cos(a), 0, -spec.orbit * Math.sin(a));
        // Each turns on its axis too (not to its real day: a few turns a minute, so a surface is seen moving).
        planets[i]!.children[0]!.rotation.y = t * (0.4 + 0.05 * i);
      });
      glow.quaternion.copy(camera.quaternion);
    },
  };
}
