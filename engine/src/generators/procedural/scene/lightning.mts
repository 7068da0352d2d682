/**
 * Draws the strikes of sim/lightning.ts in the camera's view: each bolt as a white-violet channel with a
 * wide faint halo, standing from the cloud base (just above the frame) to the ground at its distance;
 * the cloud around its top lit from inside; and a light from the bolt's direction that flashes the whole
 * scene. Brightness is averaged over the shutter, so a flash of a few hundredths of a second lands in
 * the frame that was exposed while it happened (a frame rate's instants alone would miss most).
 */
import * as THREE from 'three/webgpu';
import { planStrikes, strikeBrightness } from '../sim/lightning.js';
import { createGlowBatch, createStreakBatch } from './light-batch.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

const CHANNEL: readonly number[] = [0.86, 0.88, 1];
const GLOW: readonly number[] = [0.55, 0.6, 1];
/** Shutter used to average a flash: 180 degrees at 24 fps. */
const EXPOSURE = 1 / 48;
/** A channel is drawn at least this many pixels wide. */
const MIN_PX = 1.6;

export const createLightningLayer: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const strikes = planStrikes(ctx.seed, ctx.duration * ctx.plan.motion.speed);
  // Each bolt's end points in the world: the ground under its landing point, the cloud base above the frame.
  const placed = strikes.map((s) => {
    // About as far as what the shot looks at, or a little beyond (strikes far behind hills would be hidden).
    const d = shot.framing.distance * (0.9 + 1.0 * s.depth);
    const foot = view.at(-0.85 + 1.7 * s.across, -0.2, d);
    foot.y = shot.groundHeight(foot.x, foot.z);
    const top = view.at(-0.85 + 1.7 * s.across, 1.15, d);
    const height = Math.max(top.y - foot.y, d * 0.3);
    return { d, foot, height };
  });
  const maxSegments = Math.max(1, ...strikes.map((s) => s.segments.length));
  const streaks = createStreakBatch(maxSegments * 2 * 2);
  const glows = createGlowBatch(4);
  const group = new THREE.Group();
  group.add(streaks.mesh, glows.mesh);
  // The flash on the scene: a light from the bolt's direction (no shadow; it is gone in a frame).
  const light = new THREE.DirectionalLight(new THREE.Color(0.75, 0.8, 1), 0);
  group.add(light, light.target);
  const pixel = (2 * view.tanV) / ctx.height;
  const a = new THREE.Vector3();
  const b = new THREE.Vector3();
  const right = new THREE.Vector3();
  const flashAt = new THREE.Vector3();

  return {
    group,
    update(t, camera) {
      streaks.begin();
      glows.begin();
      let flash = 0;
      for (let i = 0; i < strikes.length; i++) {
        const s = strikes[i]!;
        // The frame's exposure: the mean over the shutter's open time.
        let k = 0;
        for (let j = 0; j < 8; j++) k += strikeBrightness(s, t - EXPOSURE * ((j + 0.5) / 8 - 0.5));
        k /= 8;
        if (k <= 0) continue;
        const p = placed[i]!;
        right.set(camera.matrixWorld.elements[0]!, 0, camera.matrixWorld.elements[2]!).normalize();
        const w = Math.max(MIN_PX * pixel * p.d, p.height * 0.0025);
        const toWorld = (v: THREE.Vector3, x: number, y: number) => v.copy(p.foot).addScaledVector(right, x * p.height * 0.8).setY(p.foot.y + y * p.height);
        for (const seg of s.segments) {
          toWorld(a, seg.a[0], seg.a[1]);
          toWorld(b, seg.b[0], seg.b[1]);
          streaks.push(a, b, w * (0.5 + 0.5 * seg.weight), CHANNEL, 9 * k * seg.weight, camera.position);
          streaks.push(a, b, w * 5, GLOW, 0.12 * k * seg.weight, camera.position);
        }
        // The cloud base lit from inside, round the top of the channel.
        toWorld(flashAt, s.segments[0]!.a[0], 0.95);
        glows.push(flashAt, p.height * 0.9, GLOW, 0.6 * k, camera);
        if (k > flash) {
          flash = k;
          light.position.copy(flashAt);
          light.target.position.copy(p.foot);
        }
      }
      streaks.end();
      glows.end();
      light.intensity = 3.5 * flash;
    },
  };
};
