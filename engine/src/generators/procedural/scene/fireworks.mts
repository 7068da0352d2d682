/**
 * Draws a fireworks show (sim/fireworks.ts) in the part of the sky the camera sees: each star as a
 * glowing head and a trail of short streaks along the path it just flew (so willows droop in curves),
 * each rising shell as a dim gold tail, each burst as a brief flash. All additive light, in two
 * instanced meshes whose instances are refilled every frame, and a light on the scene that follows the
 * show's brightness and colour (a burst lights the water, the towers, the ground below it).
 */
import * as THREE from 'three/webgpu';
import { createGlowBatch, createStreakBatch } from './light-batch.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';
import {
  FIREWORK_COLOURS,
  planShow,
  peakActiveStars,
  risePosition,
  shellActive,
  starBrightness,
  starColour,
  starOffset,
  type Vec3,
} from '../sim/fireworks.js';

/** Trail streaks per star at most (a willow's long curve needs them; a peony's short tail uses two). */
const MAX_SEGMENTS = 10;
/** A star is never drawn thinner than this many pixels (true to size it would vanish at distance). */
const MIN_STAR_PX = 1.5;
/** Average burst radius in metres (sim/fireworks.ts draws 28 to 48). */
const MEAN_RADIUS_M = 38;
/** Peak brightness of a star's head and of its trail, in linear light before exposure. */
const HEAD_GAIN = 2.2;
const TRAIL_GAIN = 3.2;
/** Irradiance the show casts at its own distance per unit of its brightness (a flash is about 6). */
const LIGHT_GAIN = 0.05;

/** The show, placed in the view of the camera halfway through the clip. */
export const createFireworksLayer: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const { plan } = ctx;
  const subject = plan.subjects.find((s) => s.kind === 'fireworks');
  const inFlight = subject?.count ?? 4;
  const view = viewPlacer(midway, fovDeg, aspect);
  const tanV = view.tanV;
  const depth = shot.framing.distance * 1.15;
  const rng = ctx.rng('fireworks:place');
  const place = (u: number, v: number) => {
    // Across the frame and in its upper part, at a depth that varies a little from shell to shell.
    const d = depth * (0.85 + 0.35 * rng.next());
    const p = view.at(-0.78 + 1.56 * u, 0.02 + 0.62 * v, d);
    // The burst's radius is 14 to 22% of the frame's height at its distance.
    const radius = (0.14 + 0.08 * rng.next()) * 2 * tanV * d;
    const scale = radius / MEAN_RADIUS_M;
    const groundY = shot.groundHeight(p.x, p.z);
    p.y = Math.max(p.y, groundY + radius * 1.6);
    return { burst: [p.x, p.y, p.z] as Vec3, groundY, scale };
  };
  const colours = showColours(subject?.color, subject?.material);
  const shells = planShow({
    seed: ctx.seed,
    from: 0,
    to: ctx.duration * plan.motion.speed,
    inFlight,
    place,
    colours,
    detail: ctx.detail,
    wind: plan.weather.wind * 3,
  });
  const peak = Math.max(1, peakActiveStars(shells));

  const streaks = createStreakBatch(peak * MAX_SEGMENTS);
  const glows = createGlowBatch(peak + shells.length);
  const group = new THREE.Group();
  group.add(streaks.mesh, glows.mesh);
  // The show lights its surroundings: one unshadowed point light at the brightness-weighted centre of
  // the bursts, its colour their mix. Its range reaches the ground below the show.
  const light = new THREE.PointLight(0xffffff, 0, 0, 2);
  group.add(light);

  const a = new THREE.Vector3();
  const b = new THREE.Vector3();
  const lightPos = new THREE.Vector3();
  const pixel = (2 * tanV) / ctx.height;
  const gold = FIREWORK_COLOURS.gold!;

  return {
    group,
    update(t, camera) {
      streaks.begin();
      glows.begin();
      const camPos = camera.position;
      let lightSum = 0;
      const lightColour: Vec3 = [0, 0, 0];
      lightPos.set(0, 0, 0);
      for (const shell of shells) {
        if (!shellActive(shell, t)) continue;
        const sc = shell.scale;
        const burst = new THREE.Vector3(...shell.burst);
        const starWidth = (p: THREE.Vector3) => Math.max(0.9 * sc, MIN_STAR_PX * pixel * camPos.distanceTo(p));
        if (t < shell.burstTime) {
          // The rising shell: a dim gold comet and the tail it leaves, fading below.
          a.set(...risePosition(shell, t));
          const w = starWidth(a) * 0.8;
          for (let j = 0; j < 4; j++) {
            const t0 = Math.max(shell.launchTime, t - j * 0.09);
            const t1 = Math.max(shell.launchTime, t - (j + 1) * 0.09);
            if (t0 <= shell.launchTime) break;
            a.set(...risePosition(shell, t0));
            b.set(...risePosition(shell, t1));
            streaks.push(a, b, w, gold, 0.9 * (1 - j / 4), camPos);
          }
          a.set(...risePosition(shell, t));
          glows.push(a, w * 5, gold, 0.5, camera);
          continue;
        }
        const age = t - shell.burstTime;
        // The burst's flash: bright for a few hundredths of a second, a large soft glow.
        if (age < 0.3) {
          const f = Math.exp(-age / 0.06) * shell.brightness;
          glows.push(burst, MEAN_RADIUS_M * sc * 1.2, [1, 0.93, 0.8], 0.5 * f, camera);
          lightSum += 6 * f;
          lightColour[0] += 6 * f;
          lightColour[1] += 5.7 * f;
          lightColour[2] += 5.1 * f;
          lightPos.addScaledVector(burst, 6 * f);
        }
        const segments = Math.min(MAX_SEGMENTS, Math.max(2, Math.ceil(shell.trail / 0.2)));
        let shellLight = 0;
        const sumColour: Vec3 = [0, 0, 0];
        for (const star of shell.stars) {
          const k = starBrightness(star, age) * shell.brightness;
          if (k <= 0) continue;
          const c = starColour(star, age);
          const head = starOffset(star.v, age, shell.drag, shell.gravity);
          a.set(burst.x + head[0] * sc, burst.y + head[1] * sc, burst.z + head[2] * sc);
          const w = starWidth(a);
          glows.push(a, w * 4.5, c, HEAD_GAIN * k, camera);
          for (let j = 0; j < segments; j++) {
            const a0 = age - (shell.trail * j) / segments;
            if (a0 <= 0) break;
            const a1 = Math.max(0, age - (shell.trail * (j + 1)) / segments);
            const o0 = j === 0 ? head : starOffset(star.v, a0, shell.drag, shell.gravity);
            const o1 = starOffset(star.v, a1, shell.drag, shell.gravity);
            a.set(burst.x + o0[0] * sc, burst.y + o0[1] * sc, burst.z + o0[2] * sc);
            b.set(burst.x + o1[0] * sc, burst.y + o1[1] * sc, burst.z + o1[2] * sc);
            // The trail is the star's own light, cooling along it.
            const fade = (1 - (j + 0.5) / segments) ** 1.6;
            const kt = starBrightness(star, a0) * shell.brightness * fade;
            if (kt > 0) streaks.push(a, b, w, starColour(star, a0), TRAIL_GAIN * kt, camPos);
          }
          shellLight += k;
          sumColour[0] += c[0] * k;
          sumColour[1] += c[1] * k;
          sumColour[2] += c[2] * k;
        }
        if (shellLight > 0) {
          // A hundred stars light the ground about as much as one flash.
          const w = shellLight / 60;
          lightSum += w;
          for (let i = 0; i < 3; i++) lightColour[i] = lightColour[i]! + (sumColour[i]! / shellLight) * w;
          lightPos.addScaledVector(burst, w);
        }
      }
      streaks.end();
      glows.end();
      if (lightSum > 0) {
        light.position.copy(lightPos.divideScalar(lightSum));
        const max = Math.max(lightColour[0]!, lightColour[1]!, lightColour[2]!, 1e-6);
        light.color.setRGB(lightColour[0]! / max, lightColour[1]! / max, lightColour[2]! / max);
        // Physical falloff (1/d^2), so the irradiance at the show's distance is lightSum x LIGHT_GAIN.
        light.intensity = lightSum * depth * depth * LIGHT_GAIN;
      } else {
        light.intensity = 0;
      }
    },
  };
};

/** The show's colours: around the colour the prompt named, or all of them. */
function showColours(hex: string | undefined, material: string | undefined): Vec3[] | undefined {
  if (material === 'gold') return [FIREWORK_COLOURS.gold!, FIREWORK_COLOURS.gold!, FIREWORK_COLOURS.orange!, FIREWORK_COLOURS.silver!];
  // The planner's '#ffffff' is "no colour named": every colour.
  if (!hex || hex === '#ffffff') return undefined;
  const c = new THREE.Color(hex);
  // A dark colour word is the background's ("on a black background"), not the show's.
  if (c.r * 0.2126 + c.g * 0.7152 + c.b * 0.0722 < 0.05) return undefined;
  const max = Math.max(c.r, c.g, c.b, 1e-6);
  const named: Vec3 = [c.r / max, c.g / max, c.b / max];
  // Mostly the named colour, with silver and gold as real shows mix them in.
  return [named, named, named, FIREWORK_COLOURS.silver!, FIREWORK_COLOURS.gold!];
}
