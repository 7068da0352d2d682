/**
 * A total solar eclipse: the moon's black disc over the sun, the corona round it (pearly streamers
 * reaching out two or three radii, brightest at the limb, longer along the sun's equator than at its
 * poles), a thin pink chromosphere and a few prominences at the limb; and the diamond ring as totality
 * ends, the last bead of sunlight flaring at the limb while the moon slides off. A picture on a card
 * turned to the lens, not a simulation; eclipsePhase is the pure part (where the moon is, how bright the
 * bead is, at each moment of the clip).
 */
import * as THREE from 'three/webgpu';
import { atan, exp, length, pow, smoothstep, texture, uniform, uv, vec2, vec3, vec4, abs, cos } from 'three/tsl';
import { noiseTexture } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** The moon's disc a little larger than the sun's (a total eclipse), in sun radii. */
export const MOON_RADIUS = 1.04;

/**
 * The moon's centre (in sun radii, along the direction of its travel from the sun's centre) at the clip's
 * progress u, and the diamond ring's strength (0..1). Totality holds for most of the clip; over its last
 * fifth the moon moves off until its edge uncovers a sliver of the limb, the bead flaring as it does.
 */
export function eclipsePhase(u: number): { offset: number; bead: number } {
  const end = 0.78;
  // At `end` the moon's edge touches the sun's limb from inside (offset MOON_RADIUS - 1); by the clip's
  // end it has moved on a little more.
  const base = (MOON_RADIUS - 1) * 0.2;
  const offset = u < end ? base + (MOON_RADIUS - 1 - base) * (u / end) : MOON_RADIUS - 1 + 0.05 * ((u - end) / (1 - end));
  // The bead: nothing while the limb is covered, flaring up once the edge passes it.
  const uncovered = offset - (MOON_RADIUS - 1);
  const bead = uncovered <= 0 ? 0 : Math.min(1, uncovered / 0.03);
  return { offset, bead };
}

export interface Eclipse {
  group: THREE.Group;
  update(t: number, u: number, camera: THREE.Camera): void;
}

/** `radius`: the sun's radius in scene units; `tint`: the corona's colour (pearly white unless named). */
export function createEclipse(seed: number, radius: number, tint: THREE.Color): Eclipse {
  const group = new THREE.Group();
  const tex = noiseTexture(seed, 256, 8, 4);
  const offset = uniform(0);
  const bead = uniform(0);
  const time = uniform(0);
  // The moon travels towards the upper right; the bead shows at the limb on the side it leaves.
  const dir = new THREE.Vector2(0.8, 0.6);
  const span = 6; // the card spans +-6 sun radii
  const mat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const p: N = uv().sub(0.5).mul(2 * span);
  const r: N = length(p);
  const angle: N = atan(p.y, p.x);
  // Corona: a falloff from the limb, modulated by streamers (noise along the angle, stretched radially)
  // and longer along the equator (x) than over the poles. The noise is read a whole number of tiles round
  // the circle, so there is no seam where the angle wraps.
  const equator: N = abs(cos(angle)).mul(0.6).add(0.4);
  const streamers: N = texture(tex, vec2(angle.mul(1.5).div(Math.PI), r.mul(0.05).add(time.mul(0.002)))).r;
  const fine: N = texture(tex, vec2(angle.mul(6).div(Math.PI), r.mul(0.02))).g;
  const reach: N = equator.mul(streamers.mul(1.6).add(0.4)).mul(fine.mul(0.6).add(0.7));
  // Most of its light within half a radius of the limb, the streamers fading out by two or three radii;
  // the card's own edge never shows.
  const corona: N = exp(r.sub(1).negate().div(reach.mul(0.32).add(0.06)))
    .add(exp(r.sub(1).negate().div(reach.mul(0.9).add(0.2))).mul(0.12))
    .mul(smoothstep(0.98, 1.02, r))
    .mul(smoothstep(span, span * 0.6, r));
  const limb: N = exp(r.sub(1).abs().mul(-28)).mul(0.8);
  // The moon's disc, slid along its path: black, covering what is behind it.
  const moonCentre: N = vec2(dir.x, dir.y).mul(offset);
  const moonR: N = length(p.sub(moonCentre));
  const moon: N = smoothstep(MOON_RADIUS - 0.004, MOON_RADIUS + 0.004, moonR);
  // Chromosphere and prominences: a pink rim showing past the moon's edge, with a few tongues.
  const prom: N = pow(texture(tex, vec2(angle.mul(2).div(Math.PI), 0.37)).b, 3).mul(2.5);
  const chromo: N = exp(r.sub(1).abs().mul(-90)).add(exp(r.sub(1).mul(-22)).mul(prom)).mul(smoothstep(1.0, 1.012, r));
  const c = tint;
  const pearl: N = vec3(c.r, c.g, c.b);
  const light: N = pearl.mul(corona.mul(1.3).add(limb)).mul(moon)
    .add(vec3(1.0, 0.32, 0.42).mul(chromo.mul(1.4)).mul(moon));
  mat.colorNode = vec4(light, 1) as N;
  const card = new THREE.Mesh(new THREE.PlaneGeometry(2 * span * radius, 2 * span * radius), mat);
  group.add(card);
  // The moon itself: an opaque black disc just in front of the card, so the stars behind it are hidden.
  const disc = new THREE.Mesh(new THREE.CircleGeometry(MOON_RADIUS * radius * 0.998, 96), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color(0, 0, 0) }));
  disc.position.z = 0.01 * radius;
  card.add(disc);
  // The diamond ring: a bead where the moon's trailing edge uncovers the limb, a flare round it and two
  // short spikes, on its own card in front of the disc (the flare spills over the moon's edge).
  const beadMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const q: N = uv().sub(0.5).mul(6);
  const d: N = length(q);
  const spikes: N = exp(abs(q.x).mul(-30)).mul(exp(abs(q.y).mul(-1.4))).add(exp(abs(q.y).mul(-30)).mul(exp(abs(q.x).mul(-1.4))));
  const glow: N = exp(d.mul(-10)).mul(4).add(exp(d.mul(-2.2)).mul(0.6)).add(spikes.mul(0.8)).mul(smoothstep(3, 2.2, d));
  beadMat.colorNode = vec4(vec3(1.0, 0.97, 0.9).mul(glow).mul(bead), 1) as N;
  const beadCard = new THREE.Mesh(new THREE.PlaneGeometry(6 * radius, 6 * radius), beadMat);
  beadCard.position.set(-dir.x * radius, -dir.y * radius, 0.02 * radius);
  card.add(beadCard);
  return {
    group,
    update(t, u, camera) {
      const phase = eclipsePhase(u);
      offset.value = phase.offset;
      disc.position.x = dir.x * phase.offset * radius;
      disc.position.y = dir.y * phase.offset * radius;
      bead.value = phase.bead;
      time.value = t;
      card.quaternion.copy(camera.quaternion);
    },
  };
}
