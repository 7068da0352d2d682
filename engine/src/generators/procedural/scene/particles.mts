/**
 * Draws a ParticleSystem as one instanced mesh: rain as thin streaks stretched along their velocity
 * (what a 180-degree shutter would record), snow as soft flakes, leaves and petals as tumbling cards, embers and
 * sparks as glowing specks, dust as faint motes, bokeh as large soft discs that always face the camera,
 * soap bubbles as clear discs with an iridescent rim and a window's highlight.
 */
import * as THREE from 'three/webgpu';
import { uv, vec2, vec4, float, smoothstep, step, length, instanceIndex, hash, mix, vec3, cos, exp, min, max, abs, atan, sin } from 'three/tsl';
import { ParticleSystem, type ParticleBox } from '../sim/particles.js';
import type { ParticleKind } from '../plan/schema.js';
import type { BuildContext, Lighting } from './common.mjs';
import { faceAboutAxis, lightColors } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface ParticleLayer {
  system: ParticleSystem;
  mesh: THREE.InstancedMesh;
  update(simTime: number, camera: THREE.Camera, shutter: number): void;
}

/**
 * How much of its size a particle keeps this close to the lens. A leaf or a flake that drifts a hand's
 * width from the lens filled a fifth of the frame as one flat, sharp card (a real lens would show a
 * faint blur, and an editor would cut around it), so a particle shrinks away once it would cover more
 * than 4% of the frame's height and is gone by 8% (over an abstract field, where the particles are the
 * subject and fill a box close to the lens, 10% and 16%). `frameHeightAt1m`: the frame's height, in the
 * particle's units, at unit distance.
 */
export function nearLensScale(size: number, distance: number, frameHeightAt1m: number, full = 0.04, gone = 0.08): number {
  const cover = size / Math.max(distance * frameHeightAt1m, 1e-9);
  if (cover <= full) return 1;
  if (cover >= gone) return 0;
  const u = (gone - cover) / (gone - full);
  return u * u * (3 - 2 * u);
}

export function createParticleLayer(
  ctx: BuildContext,
  kind: ParticleKind,
  density: number,
  box: ParticleBox,
  L: Lighting,
  /** Scene units per metre: particles are sized in metres and scaled to the scene. */
  scale = 1,
  /** Draw the particles wrapped into their box moved with the camera (Shot.particlesFollowCamera). */
  followCamera = false,
): ParticleLayer {
  const plan = ctx.plan;
  // Embers on an abstract field fill it, each glowing up and dying where it is; from a fire they rise
  // from its bed.
  // (Flames on a field have embers of their own, rising from them.)
  const fromFlames = plan.subjects.some((x) => x.kind === 'fire');
  const fieldEmbers = plan.archetype === 'abstract' && kind === 'embers' && !fromFlames;
  // A bokeh background is the lights themselves: twice as many as behind a scene.
  // Snowflakes close up on a field are a few hundred crystals, not a landscape's thousands of flakes.
  const fieldDensity = plan.archetype === 'abstract' && kind === 'bokeh' ? density * 2 : plan.archetype === 'abstract' && kind === 'snow' ? density * 0.05 : density;
  const system = new ParticleSystem(kind, fieldDensity, box, plan.weather.wind, plan.physics.gravity * scale, ctx.seed, ctx.detail, fieldEmbers);
  let geometry: THREE.BufferGeometry;
  let material: THREE.Material;
  const soft = (edge: number) => {
    const d = length(uv().sub(0.5)).mul(2);
    return float(1).sub(smoothstep(edge, 1, d));
  };
  const glowingMotes = kind === 'dust' && plan.archetype === 'abstract';
  // On an abstract field embers and sparks are the subject, seen from metres away: larger than life, as
  // petals are (true to size they were specks that faded before anyone saw them).
  // Leaves and petals falling over a field are the subject too, seen from the field's distance: larger.
  const fieldScale = plan.archetype === 'abstract' ? (glowingMotes ? 16 : (kind === 'embers' && !fromFlames) || kind === 'sparks' ? 14 : kind === 'leaves' || kind === 'petals' ? 1.3 : kind === 'money' ? 2 : kind === 'snow' ? 5 : kind === 'bokeh' ? 1.5 : 1) : 1;
  /** The palette's three light colours, blended by two weights: the first, towards the second, towards the third. */
  const lightMix = (w1: N, w2: N): N => {
    const [c0, c1, c2] = lightColors(plan, 3) as [THREE.Color, THREE.Color, THREE.Color];
    return mix(mix(vec3(c0.r, c0.g, c0.b), vec3(c1.r, c1.g, c1.b), w1), vec3(c2.r, c2.g, c2.b), w2);
  };
  const ambient = L.zenith.clone().lerp(L.horizon, 0.5).multiplyScalar(L.skyIntensity).add(L.sunColor.clone().multiplyScalar(L.sunIntensity * 0.15));
  switch (kind) {
    case 'rain': {
      geometry = new THREE.PlaneGeometry(1, 1);
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, side: THREE.DoubleSide });
      const across = float(1).sub(smoothstep(0.0, 0.5, uv().x.sub(0.5).abs()));
      const c = ambient.clone().multiplyScalar(1.4).add(new THREE.Color(0.12, 0.13, 0.15));
      m.colorNode = vec4(vec3(c.r, c.g, c.b), across.mul(0.5)) as N;
      material = m;
      break;
    }
    case 'snow':
    case 'dust': {
      geometry = new THREE.PlaneGeometry(1, 1);
      if (glowingMotes) {
        // The subject of an abstract field: motes of light in the palette's colours, a bright core in a
        // soft glow (drawn as faint grey dust they were lost on a dark field).
        const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
        const pick: N = hash(instanceIndex.add(23));
        const col: N = lightMix(step(0.45, pick), step(0.8, pick));
        const d = length(uv().sub(0.5)).mul(2);
        const glow = float(1).sub(smoothstep(0.0, 1.0, d)).pow(2.5).add(float(1).sub(smoothstep(0.0, 0.22, d)).mul(0.8));
        m.colorNode = vec4(mix(col, vec3(1, 1, 1), 0.12).mul(glow).mul(1.4), 1) as N;
        material = m;
        break;
      }
      if (kind === 'snow' && plan.archetype === 'abstract') {
        // Snowflakes close up on a field: six-armed crystals, each arm a spine with two pairs of side
        // branches, mirrored into all six (the angle folded into a 30-degree wedge), glinting white-blue.
        const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
        const p: N = uv().sub(0.5).mul(2);
        const r: N = length(p);
        const wedge = Math.PI / 3;
        const a: N = abs(atan(p.y, p.x).add(hash(instanceIndex.add(41)).mul(6.283)).mod(wedge).sub(wedge / 2));
        const along: N = cos(a).mul(r);
        const across: N = sin(a).mul(r);
        const line = (d: N, w: number): N => float(1).sub(smoothstep(w * 0.5, w, d));
        const spine: N = line(across, 0.05).mul(step(along, 0.92));
        // Side branches leave the spine at 60 degrees at two places along it, shorter further out.
        const branch = (at: number, len: number): N => {
          const dx: N = along.sub(at);
          const d: N = abs(across.sub(dx.mul(Math.tan(Math.PI / 3))).mul(Math.cos(Math.PI / 3)));
          return line(d, 0.045).mul(step(0, dx)).mul(step(dx, len * 0.5));
        };
        const crystal: N = max(max(spine, branch(0.35, 0.42)), max(branch(0.6, 0.26), line(r, 0.16)));
        m.colorNode = vec4(vec3(0.85, 0.93, 1.0).mul(crystal).mul(1.3), 1) as N;
        material = m;
        break;
      }
      // Snow is flakes; dust in a landscape is faint motes in the light.
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false });
      const c = kind === 'snow' ? ambient.clone().multiplyScalar(1.6).add(new THREE.Color(0.25, 0.25, 0.27)) : ambient.clone().multiplyScalar(0.9).add(L.sunColor.clone().multiplyScalar(0.3));
      m.colorNode = vec4(vec3(c.r, c.g, c.b), soft(0.2).mul(kind === 'snow' ? 0.9 : 0.45)) as N;
      material = m;
      break;
    }
    case 'confetti': {
      // Paper squares. (Gold foil as a metal went brown: most shots have no environment
      // for it to reflect, so it is a bright yellow paper instead.)
      geometry = new THREE.PlaneGeometry(1, 0.72);
      // Gold confetti when asked for ("gold confetti" is the gold palette), party colours otherwise.
      const hexes = plan.palette.name === 'gold' ? ['#e2b13c', '#f5d77a', '#b8862b', '#fff3cf', '#d9a441', '#f2f2f2'] : ['#e8344e', '#f5c330', '#2fb4e8', '#ffffff', '#8d4fe0', '#3fcf72', '#ff7ab8', '#ffd966'];
      const colors = hexes.map((h) => new THREE.Color(h));
      const pick: N = hash(instanceIndex.add(5));
      let col: N = vec3(colors[0]!.r, colors[0]!.g, colors[0]!.b);
      colors.forEach((c, i) => {
        col = mix(col, vec3(c.r, c.g, c.b), step(i / colors.length, pick));
      });
      const m = new THREE.MeshStandardNodeMaterial({ side: THREE.DoubleSide, roughness: 0.45 });
      m.colorNode = col;
      material = m;
      break;
    }
    case 'money': {
      // Banknotes (2.36 : 1, a dollar bill's shape): pale green-grey paper, a dark green border and an inner
      // frame line, an oval in the middle for the portrait, a darker block in each corner for the numerals.
      geometry = new THREE.PlaneGeometry(1, 0.42);
      const u: N = uv().x;
      const v: N = uv().y;
      const edge: N = min(min(u, float(1).sub(u)).mul(2.36), min(v, float(1).sub(v)));
      const border: N = float(1).sub(smoothstep(0.04, 0.06, edge));
      const frame: N = float(1).sub(smoothstep(0.0, 0.012, abs(edge.sub(0.1))));
      const oval: N = float(1).sub(smoothstep(0.17, 0.2, length(vec2(u.sub(0.5).mul(2.36), v.sub(0.5)).mul(vec2(0.75, 1)))));
      const corner: N = step(abs(u.sub(0.5)), 0.5).mul(step(0.38, abs(u.sub(0.5)))).mul(step(0.3, abs(v.sub(0.5))));
      // (Linear light: the key light on a field is strong, and lighter paper read as white.)
      const paper = vec3(0.3, 0.4, 0.25);
      const ink = vec3(0.04, 0.1, 0.05);
      const m = new THREE.MeshStandardNodeMaterial({ side: THREE.DoubleSide, roughness: 0.7 });
      m.colorNode = mix(paper, ink, max(max(border, frame.mul(0.7)), max(oval.mul(0.45), corner.mul(0.55)))) as N;
      material = m;
      break;
    }
    case 'leaves':
    case 'petals': {
      // Leaves: autumn colours, an ellipse pinched at the ends. Petals: blossom pinks and white, rounder.
      const petals = kind === 'petals';
      geometry = new THREE.PlaneGeometry(1, petals ? 0.8 : 0.7);
      const hexes = petals ? ['#f6c1d0', '#f9d9e3', '#ffffff', '#eea9bf', '#fbe7ee'] : ['#b5532a', '#d9862b', '#a33a1f', '#e0a630', '#7d5a2a'];
      const colors = hexes.map((h) => new THREE.Color(h));
      const pick: N = hash(instanceIndex);
      let col: N = vec3(colors[0]!.r, colors[0]!.g, colors[0]!.b);
      colors.forEach((c, i) => {
        col = mix(col, vec3(c.r, c.g, c.b), smoothstep(i / colors.length - 0.01, i / colors.length, pick));
      });
      const m = new THREE.MeshStandardNodeMaterial({ side: THREE.DoubleSide, roughness: petals ? 0.6 : 0.8, transparent: true });
      m.colorNode = col;
      const q = uv().sub(0.5).mul(vec3(2, petals ? 2.2 : 2.6, 0).xy);
      m.opacityNode = float(1).sub(smoothstep(0.85, 1.0, length(q))) as N;
      m.alphaTest = 0.5;
      material = m;
      break;
    }
    case 'embers':
    case 'sparks': {
      geometry = new THREE.PlaneGeometry(1, 1);
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
      const hot = kind === 'embers' ? new THREE.Color(3.2, 1.1, 0.25) : new THREE.Color(1.6, 1.7, 1.9);
      m.colorNode = vec4(vec3(hot.r, hot.g, hot.b).mul(soft(0.1)), 1) as N;
      material = m;
      break;
    }
    case 'fireflies': {
      // A cold yellow-green light: a bright core in a wide soft glow.
      geometry = new THREE.PlaneGeometry(1, 1);
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
      const d = length(uv().sub(0.5)).mul(2);
      const glow = float(1).sub(smoothstep(0.0, 1.0, d)).pow(3).mul(0.7).add(float(1).sub(smoothstep(0.0, 0.16, d)).mul(2.5));
      m.colorNode = vec4(vec3(0.55, 1.0, 0.12).mul(glow).mul(1.6), 1) as N;
      material = m;
      break;
    }
    case 'bubbles': {
      // A soap film: clear in the middle, bright at the rim where the film is seen edge-on, its colour
      // swirling through thin-film hues; a small highlight of the light it reflects.
      geometry = new THREE.PlaneGeometry(1, 1);
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
      const p: N = uv().sub(0.5).mul(2);
      const d: N = length(p);
      const inside: N = float(1).sub(smoothstep(0.96, 1.0, d));
      const rim: N = smoothstep(0.55, 0.96, d).mul(inside);
      const swirl: N = hash(instanceIndex.add(31)).add(p.x.mul(0.35)).add(p.y.mul(0.6)).add(d.mul(0.8));
      const film: N = vec3(cos(swirl.mul(6.283)), cos(swirl.mul(6.283).add(2.1)), cos(swirl.mul(6.283).add(4.2))).mul(0.5).add(0.5);
      const spot: N = exp(length(p.sub(vec2(-0.38, 0.42))).pow(2).mul(-60));
      m.colorNode = vec4(film.mul(rim.mul(0.55).add(inside.mul(0.03))).add(vec3(spot.mul(1.6))), 1) as N;
      material = m;
      break;
    }
    case 'bokeh': {
      geometry = new THREE.PlaneGeometry(1, 1);
      const m = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
      const pick: N = hash(instanceIndex.add(17));
      const col: N = lightMix(smoothstep(0.3, 0.35, pick), smoothstep(0.7, 0.75, pick));
      // A lens's out-of-focus disc: flat with a slightly brighter rim. Lights at different distances from
      // the focus are blurred by different amounts: some discs crisp-edged, some soft, some dimmer.
      const d = length(uv().sub(0.5)).mul(2);
      const edge: N = float(0.9).sub(hash(instanceIndex.add(23)).mul(0.4));
      const disc = float(1).sub(smoothstep(edge, 1.0, d)).mul(float(0.55).add(smoothstep(edge.sub(0.3), edge.add(0.05), d).mul(0.35)));
      const brightness: N = float(0.55).add(hash(instanceIndex.add(29)).mul(0.45));
      m.colorNode = vec4(col.mul(disc).mul(brightness).mul(0.5), 1) as N;
      material = m;
      break;
    }
  }
  const mesh = new THREE.InstancedMesh(geometry, material, system.count);
  mesh.frustumCulled = false;
  mesh.castShadow = false;
  mesh.receiveShadow = system.spec.tumbles === true;
  mesh.renderOrder = kind === 'bokeh' ? 5 : 2;
  const m4 = new THREE.Matrix4();
  const pos = new THREE.Vector3();
  const vel = new THREE.Vector3();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const toCam = new THREE.Vector3();
  const axis = new THREE.Vector3();
  const zero = new THREE.Matrix4().makeScale(0, 0, 0);
  const [smin, smax] = system.spec.size;
  // A firefly's flash: on for about a third of its own 2 to 4.5 s rhythm, rising and fading smoothly.
  const blink = (i: number, t: number) => {
    const period = 2 + system.rand[i]! * 2.5;
    const s = Math.sin(2 * Math.PI * (t / period + system.spin[i]!));
    return s > 0.45 ? ((s - 0.45) / 0.55) ** 0.7 : 0;
  };
  const flicker = (i: number, t: number) => 0.6 + 0.4 * Math.sin(t * (6 + system.rand[i]! * 9) + system.rand[i]! * 40);
  // A raindrop is a millimetre-wide streak: drawn true to size it is a fraction of a pixel and vanishes,
  // so streaks are at least this many pixels wide wherever they are (what a lens's blur would show).
  const MIN_STREAK_PX = 1.6;
  /** Metres a pixel covers at 1 m from the camera (the lens does not change within a frame). */
  const pixelPerMetre = (camera: THREE.Camera): number => {
    const fov = (camera as THREE.PerspectiveCamera).fov ?? 40;
    return (2 * Math.tan((fov * Math.PI) / 360)) / ctx.height;
  };

  // With followCamera: where the camera was at the first frame; the box moves by the camera's travel since.
  let cameraStart: THREE.Vector3 | null = null;
  const shift = new THREE.Vector3();
  const half = new THREE.Vector3(...box.size).multiplyScalar(0.5);
  const boxCenter = new THREE.Vector3(...box.center);
  const rel = new THREE.Vector3();
  /**
   * Wraps `p` into the box moved by `shift` (the simulation's own box, so a particle's place in it is
   * unchanged) and returns how far it may be drawn (0 at a face, 1 inside): a particle wrapped from the near
   * face to the far one shrinks away there and grows back, instead of popping.
   */
  const wrapIntoMovedBox = (p: THREE.Vector3): number => {
    rel.copy(p).sub(boxCenter).sub(shift);
    let k = 1;
    for (const axisIndex of [0, 1, 2] as const) {
      const h = half.getComponent(axisIndex);
      let d = rel.getComponent(axisIndex);
      d = ((((d + h) % (2 * h)) + 2 * h) % (2 * h)) - h;
      rel.setComponent(axisIndex, d);
      k *= Math.min(1, (h - Math.abs(d)) / (0.15 * h));
    }
    p.copy(boxCenter).add(shift).add(rel);
    return k * k * (3 - 2 * k);
  };

  return {
    system,
    mesh,
    update(simTime, camera, shutter) {
      system.advanceTo(simTime);
      if (followCamera) {
        cameraStart ??= camera.position.clone();
        shift.copy(camera.position).sub(cameraStart);
      }
      const minStreak = MIN_STREAK_PX * pixelPerMetre(camera);
      const frameHeightAt1m = pixelPerMetre(camera) * ctx.height;
      // Bokeh discs and bubbles are meant to be large, the glows of an abstract field are soft and are the
      // subject, and a streak of rain is thin whatever its distance.
      const nearFades = kind !== 'bokeh' && kind !== 'bubbles' && kind !== 'rain' && !(glowingMotes || ((kind === 'embers' || kind === 'sparks') && fieldScale > 1));
      const [full, gone] = plan.archetype === 'abstract' ? [0.1, 0.16] : [0.04, 0.08];
      for (let i = 0; i < system.count; i++) {
        if (!system.alive(i)) {
          mesh.setMatrixAt(i, zero);
          continue;
        }
        pos.fromArray(system.pos, i * 3);
        let size = (smin + (smax - smin) * system.rand[i]!) * scale * fieldScale;
        if (followCamera) size *= wrapIntoMovedBox(pos);
        if (nearFades) size *= nearLensScale(size, camera.position.distanceTo(pos), frameHeightAt1m, full, gone);
        toCam.copy(camera.position).sub(pos).normalize();
        if (kind === 'rain' || kind === 'sparks') {
          const width = kind === 'rain' ? Math.max(size, minStreak * camera.position.distanceTo(pos)) : size;
          vel.fromArray(system.vel, i * 3);
          const speed = vel.length();
          // Streak length: distance travelled while the shutter is open.
          const len = Math.max(size * 3, speed * shutter);
          faceAboutAxis(q, axis.copy(vel).normalize(), toCam);
          s.set(width, len, 1);
        } else if (system.spec.tumbles) {
          const a = system.spin[i]!;
          q.setFromEuler(new THREE.Euler(a * 1.3, a * 0.7 + system.rand[i]! * 6, a * 0.45));
          s.setScalar(size);
        } else {
          // Billboards face the camera.
          q.copy(camera.quaternion);
          let k = size;
          if (kind === 'embers') k *= flicker(i, simTime);
          if (kind === 'fireflies') k *= blink(i, simTime);
          if (glowingMotes) k *= 0.75 + 0.25 * flicker(i, simTime * 0.4);
          if (kind === 'embers' && system.spec.life > 0) k *= Math.max(0, 1 - system.age[i]! / system.spec.life);
          if (fieldEmbers) k *= Math.min(1, system.age[i]! / 0.5);
          s.setScalar(k);
        }
        m4.compose(pos, q, s);
        mesh.setMatrixAt(i, m4);
      }
      mesh.instanceMatrix.needsUpdate = true;
    },
  };
}

