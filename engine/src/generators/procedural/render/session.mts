/**
 * One clip: build the shot from the plan, then for each output frame advance time, move the camera,
 * render, and stream the pixels out. Frame i shows clip time i * den / num exactly (rational rate), so
 * a clip has exactly `frames` frames at any rate. The generator is pulled by its consumer: it renders
 * ahead only as far as the readback ring allows, so a slow encoder slows rendering instead of filling
 * memory (back-pressure).
 */
import * as THREE from 'three/webgpu';
import { RushesError, type ResolvedRequest } from '@rushes/shared';
import type { ScenePlan } from '../plan/schema.js';
import { cameraPose } from '../sim/camera.js';
import { exposureSeconds, subFrameTimes, type Shutter } from '../sim/shutter.js';
import { stream } from '../sim/rng.js';
import type { GpuHandle } from './dawn.mjs';
import { createRenderHost, ReadbackRing, type ReadbackFrame } from './host.mjs';
import type { FrameLayout } from '../../../media/layout.js';
import type { SceneTier } from '../generator.js';
import { createOutputPipeline } from './output.mjs';
import type { BuildContext, Shot } from '../scene/common.mjs';
import { buildShot } from '../scene/index.mjs';
import { createParticleLayer, type ParticleLayer } from '../scene/particles.mjs';
import { resolveEnvironment } from '../scene/environment.mjs';
import { sortStaticInstances } from '../scene/instance-order.mjs';
import { dropIdleShadows } from '../scene/idle-shadows.mjs';
import { particleBoxFor } from '../scene/particle-box.mjs';
import { createFireworksLayer } from '../scene/fireworks.mjs';
import { createLightningLayer } from '../scene/lightning.mjs';
import { createBalloons } from '../scene/balloons.mjs';
import type { ViewLayerFactory } from '../scene/view-placer.mjs';
import { createBirds } from '../scene/birds.mjs';
import { createAirplane } from '../scene/airplane.mjs';
import { createTrain } from '../scene/train.mjs';
import { createKites } from '../scene/kites.mjs';
import { createFlag } from '../scene/flag.mjs';
import { createShip } from '../scene/ship.mjs';
import { createLanterns } from '../scene/lanterns.mjs';
import { createButterflies } from '../scene/butterflies.mjs';
import { createRocketLaunch } from '../scene/rocket.mjs';
import { createTornado } from '../scene/tornado.mjs';
import { createSunFlare } from '../scene/overlays.mjs';
import { createFerrisWheel } from '../scene/ferris-wheel.mjs';
import type { SubjectKind } from '../plan/schema.js';
import { initRapier } from '../sim/physics.js';

/** Subjects drawn as layers placed in the camera's view rather than built by the shot's own builder. */
const VIEW_LAYERS: Partial<Record<SubjectKind, ViewLayerFactory>> = {
  fireworks: createFireworksLayer,
  lightning: createLightningLayer,
  'hot-air-balloons': createBalloons,
  birds: createBirds,
  airplane: createAirplane,
  train: createTrain,
  kites: createKites,
  flag: createFlag,
  ship: createShip,
  'steam-train': createTrain,
  'freight-train': createTrain,
  butterflies: createButterflies,
  rocket: createRocketLaunch,
  tornado: createTornado,
  'lens-flare': createSunFlare,
  'ferris-wheel': createFerrisWheel,
  lanterns: createLanterns,
};

export type RenderFrame = ReadbackFrame;

/** Turns fog off on every additively blended material of `scene` (see renderClip). */
export function unfogAdditive(scene: THREE.Object3D): void {
  scene.traverse((o) => {
    const m = (o as THREE.Mesh).material as THREE.Material | THREE.Material[] | undefined;
    // (Every node material has `fog`; the Material base type does not declare it.)
    for (const mat of Array.isArray(m) ? m : m ? [m] : []) if (mat.blending === THREE.AdditiveBlending) (mat as THREE.Material & { fog: boolean }).fog = false;
  });
}

/**
 * Compiles Rapier's WASM (about 0.2 s here) in the background, so that it happens while the GPU opens
 * rather than in the first physics job's first frame. Failures surface again in that job.
 */
export function warmUp(): void {
  initRapier().catch(() => undefined);
}

export interface SessionOptions {
  gpu: GpuHandle;
  plan: ScenePlan;
  request: Pick<ResolvedRequest, 'width' | 'height' | 'frames' | 'fps' | 'seed'>;
  signal?: AbortSignal;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Frames in flight between render and readback. */
  readbackDepth?: number;
  /** Scales particle and instance counts; defaults from the frame size. */
  detail?: number;
  /** The class of backend the scene is built for (its shading models and counts); default the device's own. */
  tier?: SceneTier;
  /** 'yuv420p' converts on the GPU (render/yuv.mts; the size must pass yuvSupported); default 'rgba'. */
  layout?: FrameLayout;
}

export async function* renderClip(opts: SessionOptions): AsyncGenerator<RenderFrame> {
  const { gpu, plan, request } = opts;
  const { width, height, frames, fps, seed } = request;
  const t0 = performance.now();
  const host = await createRenderHost(gpu, width, height);
  const ctx: BuildContext = {
    plan,
    seed,
    width,
    height,
    duration: (frames * fps.den) / fps.num,
    frames,
    software: opts.tier === undefined ? gpu.software : opts.tier === 'software',
    detail: opts.detail ?? 1,
    rng: (name) => stream(seed, name),
    renderer: host.renderer,
  };
  let shot: Shot | null = null;
  let ring: ReadbackRing | null = null;
  let output: ReturnType<typeof createOutputPipeline> | null = null;
  try {
    shot = await buildShot(ctx);
    const camera = shot.camera;
    camera.filmGauge = 36;
    camera.setFocalLength(plan.camera.focalLengthMm);
    camera.near = Math.max(0.05, shot.framing.distance / 2000);
    camera.updateProjectionMatrix();

    const layers: ParticleLayer[] = [];
    const path = shot.particleBox ? { box: shot.particleBox, fill: 1 } : particleBoxFor(shot, plan, seed, ctx.duration);
    // A box stretched along the camera's path gets more particles, up to three times, to stay as dense.
    const fill = Math.min(3, path.fill);
    for (const p of plan.particles) {
      if (shot.drawsParticles?.includes(p.kind)) continue;
      const layer = createParticleLayer(ctx, p.kind, p.density * fill, path.box, shot.lighting ?? fallbackLighting(), shot.particleScale ?? 1, shot.particlesFollowCamera);
      shot.scene.add(layer.mesh);
      layers.push(layer);
    }
    // Forests and cities drawn nearest first, as seen from where the camera is halfway through the clip.
    const midway = cameraPose({ framing: shot.framing, move: plan.camera.move, speed: plan.camera.speed, shake: 0, u: 0.5, t: ctx.duration / 2, seed });
    sortStaticInstances(shot.scene, new THREE.Vector3(...midway.position));
    // Fireworks, lightning and balloons go where the camera looks halfway through, and move with time
    // like the shot's own parts.
    const viewLayers = plan.subjects.flatMap((s) => {
      const make = VIEW_LAYERS[s.kind];
      return make ? [make(ctx, shot!, midway, camera.fov, width / height)] : [];
    });
    for (const layer of viewLayers) shot.scene.add(layer.group);
    // A layer that is the subject near the lens takes the focus from the shot's own.
    const focusOn = viewLayers.find((l) => l.focus)?.focus ?? shot.focusPoint;
    const updateShot = (t: number, u: number): void => {
      shot!.update(t, u);
      for (const layer of viewLayers) layer.update(t, camera);
    };
    // Light added on top of the scene (glows, flames, sparks, halos) is not haze: fog mixed into an additive
    // material adds the fog's colour over its whole quad, and a lightning bolt's glow card stood out as a
    // pale rectangle in a sandstorm.
    unfogAdditive(shot.scene);
    // The image-based light, if anything in the finished shot (particles included) reads it.
    resolveEnvironment(shot.scene);
    dropIdleShadows(shot.scene);
    const dofEnabled = plan.camera.shallowDepthOfField;
    output = createOutputPipeline(host.renderer, shot.scene, camera, {
      grade: { ...plan.grade, exposure: plan.grade.exposure + shot.exposureBias },
      msaa: gpu.msaa,
      depthOfField: dofEnabled ? { focusDistance: 10, focalRange: shot.focalRange, bokehScale: gpu.software ? 1.5 : 2.5 } : null,
      overlay: shot.overlay ? { scene: shot.overlay.scene, camera: shot.overlay.camera } : null,
      subFrames: plan.camera.motionBlur?.samples ?? 1,
    });
    ring = new ReadbackRing(gpu.device, width, height, opts.readbackDepth ?? 3, opts.layout ?? 'rgba');
    opts.log?.('procedural: scene built', { ms: Math.round(performance.now() - t0), backend: gpu.backend, archetype: plan.archetype });

    const motionBlur = plan.camera.motionBlur;
    const shutter: Shutter = motionBlur ? { angle: motionBlur.shutterAngle, samples: output.subFrames } : { angle: 180, samples: 1 };
    // Particles draw their own streaks, as long as the shutter is open: they are placed once a frame.
    const streakSeconds = exposureSeconds(shutter.angle, fps) * plan.motion.speed;
    const lastFrameTime = ((frames - 1) * fps.den) / fps.num;
    /** Puts the camera where the move has it at clip time `t`. */
    const placeCamera = (t: number, u: number): void => {
      const pose = cameraPose({ framing: shot!.framing, move: plan.camera.move, speed: plan.camera.speed, shake: plan.camera.shake, u, t, seed });
      const ground = shot!.groundHeight(pose.position[0], pose.position[2]);
      const clearance = Math.max(0.3, shot!.framing.distance * 0.03);
      if (pose.position[1] < ground + clearance) {
        const lift = ground + clearance - pose.position[1];
        pose.position[1] += lift;
        pose.lookAt[1] += lift * 0.5;
      }
      camera.position.set(...pose.position);
      camera.up.set(0, 1, 0);
      camera.lookAt(...pose.lookAt);
      if (pose.roll) camera.rotateZ(pose.roll);
      camera.updateMatrixWorld();
    };
    const progress = (t: number): number => (lastFrameTime > 0 ? Math.min(1, t / lastFrameTime) : 0);
    /** A frame is passed on only if the device reported no error up to its readback. */
    const checked = (frame: RenderFrame): RenderFrame => {
      const error = host.gpuError();
      if (error) {
        throw new RushesError(
          'E_GENERATOR',
          `The GPU rejected part of the ${plan.archetype} render on ${gpu.backend} (${error}), so its frames would be wrong; the job stops instead. ` +
            'Retry; if it happens again, set RUSHES_GPU_BACKEND to another backend and report this message.',
        );
      }
      return frame;
    };
    for (let i = 0; i < frames; i++) {
      if (opts.signal?.aborted) throw new RushesError('E_CANCELLED', 'The job was cancelled.');
      const t = (i * fps.den) / fps.num;
      const u = frames > 1 ? i / (frames - 1) : 0;
      const instants = subFrameTimes(t, shutter, fps, lastFrameTime);
      const blurred = instants.length > 1;
      // The title and the particles are placed once, at the frame's own time (particles streak by
      // themselves); the camera and the shot's moving parts then go through the shutter's instants, in
      // time order (the simulations only go forward).
      placeCamera(t, u);
      if (!blurred) updateShot(t * plan.motion.speed, u);
      shot.overlay?.update(t, u, i);
      for (const layer of layers) layer.update(t * plan.motion.speed, camera, streakSeconds);
      output.setFrame(i);
      for (let k = 0; k < instants.length; k++) {
        const tk = instants[k]!;
        if (blurred) {
          placeCamera(tk, progress(tk));
          updateShot(tk * plan.motion.speed, progress(tk));
        }
        if (dofEnabled) output.setFocus(camera.position.distanceTo(focusOn));
        host.step(tk * 1000);
        // Frame 0 through three's depth-of-field node came out flat: three's animation loop (and with it
        // the node frame that drives the blur passes) only starts at the first render. One discarded
        // render and a step before the real one make frame 0 a real picture.
        if (i === 0 && k === 0 && dofEnabled) {
          if (blurred) output.renderSubFrame(0);
          else output.render();
          host.step(tk * 1000);
        }
        output.renderSubFrame(k);
      }
      output.render();
      ring.push(host.currentTexture(), i);
      if (ring.full) yield checked(await ring.pop());
    }
    while (ring.pending) yield checked(await ring.pop());
    opts.log?.('procedural: clip rendered', { ms: Math.round(performance.now() - t0), frames });
  } finally {
    await ring?.dispose();
    output?.dispose();
    shot?.dispose();
    host.dispose();
  }
}

function fallbackLighting() {
  return {
    sunDir: new THREE.Vector3(0.3, 0.8, 0.5).normalize(),
    sunColor: new THREE.Color(1, 1, 1),
    sunIntensity: 2,
    zenith: new THREE.Color(0.3, 0.4, 0.6),
    horizon: new THREE.Color(0.7, 0.75, 0.8),
    groundColor: new THREE.Color(0.2, 0.2, 0.2),
    hemiIntensity: 1,
    skyIntensity: 1,
    stars: 0,
    exposure: 0,
  };
}
