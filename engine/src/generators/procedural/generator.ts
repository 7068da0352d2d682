/**
 * The `procedural` generator: prompt -> ScenePlan -> physics -> three.js WebGPURenderer on Dawn -> RGBA.
 * This shell is CommonJS like the rest of the engine; three.js and Dawn are ES modules, so the render
 * side (the .mts files) is loaded with dynamic import() when the generator is created. Creating it
 * opens a WebGPU device (choosing the backend); if none can be had, the generator still exists, names
 * the reason in `info.backend`, and `check()` refuses every request with E_UNSUPPORTED, so the engine
 * keeps running with its other generators.
 */
import { RushesError, type GeneratorInfo, type ResolvedRequest } from '@rushes/shared';
import { frameOf, type Frame, type Generator, type RenderContext } from '../types';
import { plan as planFor, planReport, validatePlan } from './plan';
import { yuvSupported } from './yuv-size';

export interface ProceduralOptions {
  /** Dawn backends to try in order (default: vulkan then opengles on Linux; RUSHES_GPU_BACKEND overrides). */
  backends?: string[];
  /** Frames in flight between rendering and readback. */
  readbackDepth?: number;
  /** Logged once with the backend chosen (or why none was). */
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /**
   * Build scenes as for this class of backend instead of the device's own: 'hardware' renders what a GPU
   * user gets (PBR terrain and foliage, full instance counts, larger shadow maps) on a software
   * rasteriser, so CI and machines without a GPU can test and look at the GPU's scenes.
   */
  tier?: SceneTier;
}

/** Scenes for a software rasteriser (cheaper shading, fewer instances) or for a GPU. */
export type SceneTier = 'software' | 'hardware';

export const PROCEDURAL_VERSION = '1.0.0';

type DawnModule = typeof import('./render/dawn.mjs', { with: { 'resolution-mode': 'import' } });
type SessionModule = typeof import('./render/session.mjs', { with: { 'resolution-mode': 'import' } });
type GpuHandle = Awaited<ReturnType<DawnModule['openGpu']>>;

export interface ProceduralGenerator extends Generator {
  /** Why there is no GPU device, when there is none. */
  readonly unavailableReason: string | null;
  report(request: ResolvedRequest): Record<string, unknown>;
  dispose(): Promise<void>;
}

let tsxEsmRegistered = false;

/**
 * Loads one of the ES-module render files. From compiled output this is a plain import(). When the
 * engine runs from its TypeScript sources under tsx's CommonJS hook (mocha's set-up), import() of a
 * .mts file needs tsx's ES-module hook too, so it is registered once, here, in that case only.
 */
async function importRender<T>(specifier: string): Promise<T> {
  const fromSource = __filename.endsWith('.ts');
  if (fromSource && !tsxEsmRegistered) {
    tsxEsmRegistered = true;
    // Importing tsx's ESM entry registers its module hooks (what `node --import tsx` does).
    await import('tsx/esm' as string).catch(() => undefined);
  }
  return (await import(fromSource ? specifier.replace(/\.mjs$/, '.mts') : specifier)) as T;
}

export async function createProceduralGenerator(options: ProceduralOptions = {}): Promise<ProceduralGenerator> {
  let gpu: GpuHandle | null = null;
  let session: SessionModule | null = null;
  let reason: string | null = null;
  try {
    const dawn = await importRender<DawnModule>('./render/dawn.mjs');
    session = await importRender<SessionModule>('./render/session.mjs');
    session.warmUp();
    gpu = await dawn.openGpu(options.backends ? { backends: options.backends } : {});
    options.log?.('procedural: WebGPU backend chosen', { backend: gpu.backend, adapter: gpu.adapterDescription });
  } catch (e) {
    // Only a missing GPU stack makes the generator "unavailable"; failing to load our own modules is a bug.
    if (!(e instanceof RushesError) || e.code !== 'E_UNSUPPORTED') throw e;
    reason = e.message;
    gpu?.close();
    gpu = null;
    options.log?.('procedural: unavailable', { reason });
  }

  const software = gpu?.software ?? true;
  const info: GeneratorInfo = {
    id: 'procedural',
    name: 'Procedural scenes (three.js + Rapier physics)',
    description:
      'Physics-aware procedural B-roll from a text prompt: nature, city, abstract motion backgrounds, product shots, titles and rigid-body physics. Deterministic from the seed; needs no model weights.',
    version: PROCEDURAL_VERSION,
    inputs: ['text', 'plan'],
    device: gpu && !gpu.software ? 'gpu' : 'cpu',
    backend: gpu ? gpu.backend : 'unavailable',
    isDefault: false,
    limits: software
      ? { maxWidth: 3840, maxHeight: 2160, maxFrames: 36000, maxFps: 240 }
      : { maxWidth: 7680, maxHeight: 4320, maxFrames: 36000, maxFps: 240 },
  };

  // One clip at a time on the device: two software renders would only halve each other's speed, and a
  // GPU is better used by one pipeline at full occupancy than by two contending for it.
  let queue: Promise<void> = Promise.resolve();

  const generator: ProceduralGenerator = {
    info,
    unavailableReason: reason,
    check(request: ResolvedRequest) {
      if (!gpu) {
        throw new RushesError('E_UNSUPPORTED', `The procedural generator cannot run on this machine: ${reason ?? 'no WebGPU device'}`);
      }
      if (request.width > info.limits.maxWidth || request.height > info.limits.maxHeight) {
        throw new RushesError(
          'E_UNSUPPORTED',
          `${request.width}x${request.height} is larger than the procedural generator renders on ${info.backend} (${info.limits.maxWidth}x${info.limits.maxHeight}).`,
        );
      }
      if (request.frames > info.limits.maxFrames) {
        throw new RushesError('E_UNSUPPORTED', `${request.frames} frames is more than the procedural generator renders (${info.limits.maxFrames}).`);
      }
      if (request.plan !== undefined) validatePlan(request.plan);
    },
    render(ctx: RenderContext): AsyncIterable<Frame> {
      return renderFrames(ctx);
    },
    layouts(request: ResolvedRequest) {
      // The conversion is one compute pass (render/yuv.mts): on a GPU it is free, and it took ffmpeg's
      // conversion (the encoder's ceiling, ~99 fps at 1080p) off the CPU. On lavapipe the same pass cost
      // ~10% more CPU per frame than leaving it to ffmpeg, so software backends keep RGBA. A request for
      // 'yuv420p' in render() is honoured on any backend (tests use that).
      return gpu && !gpu.software && yuvSupported(request.width, request.height) ? ['yuv420p'] : [];
    },
    report(request: ResolvedRequest) {
      return { ...planReport(request), backend: info.backend };
    },
    async dispose() {
      await queue.catch(() => undefined);
      gpu?.close();
      gpu = null;
    },
  };

  async function* renderFrames(ctx: RenderContext): AsyncGenerator<Frame> {
    if (!gpu || !session) {
      throw new RushesError('E_UNSUPPORTED', `The procedural generator cannot run on this machine: ${reason ?? 'no WebGPU device'}`);
    }
    const request = ctx.request;
    const scenePlan = planFor(request);
    // Wait for the clip ahead of us, then hold the device until this one is done or abandoned.
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const ahead = queue;
    queue = ahead.then(() => mine);
    await ahead;
    try {
      const frames = session.renderClip({
        gpu,
        plan: scenePlan,
        request,
        signal: ctx.signal,
        log: ctx.log,
        ...(options.readbackDepth ? { readbackDepth: options.readbackDepth } : {}),
        ...(options.tier ? { tier: options.tier } : {}),
        layout: ctx.layout ?? 'rgba',
      });
      for await (const f of frames) yield frameOf(f.index, f.layout, f.pixels);
    } catch (e) {
      if (e instanceof RushesError) throw e;
      throw new RushesError('E_GENERATOR', `The procedural renderer failed: ${(e as Error).message}`);
    } finally {
      release();
    }
  }

  return generator;
}
