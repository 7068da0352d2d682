/**
 * Planning a run, as pure functions: which latent grid a request needs, how many frames the decoder
 * will give, which steps run, and whether the model can do it at all (E_UNSUPPORTED otherwise, with a
 * size the user can ask for instead).
 */
import { RushesError, type ResolvedRequest } from '@rushes/shared';
import type { ModelManifest } from '../manifest/schema';
import { refineStartStep } from '../scheduler';

export type RunMode = 'text' | 'image' | 'refine';

export interface LatentGrid {
  channels: number;
  frames: number;
  height: number;
  width: number;
  layout: 'BCFHW' | 'BFCHW';
}

export interface RunPlan {
  mode: RunMode;
  width: number;
  height: number;
  /** Frames the job yields. */
  frames: number;
  grid: LatentGrid;
  /** Frames the decoder produces from `grid` (>= frames; the extra ones are dropped). */
  decodedFrames: number;
  steps: number;
  /** First step that runs (0, or later for a refine). */
  startStep: number;
  guidance: number;
  /** Whether an unguided pass runs beside the guided one. */
  cfg: boolean;
  negativePrompt: string;
  strength: number | null;
}

export interface PlanOptions {
  mode: RunMode;
  /** Overrides of the manifest's defaults (the generator's options). */
  steps?: number;
  guidance?: number;
  strength?: number;
}

const unsupported = (model: string, msg: string): never => {
  throw new RushesError('E_UNSUPPORTED', `${model}: ${msg}`);
};

/** Latent frames needed for `frames` output frames, and what the decoder then makes. */
export function temporalPlan(frames: number, t: number, causal: boolean): { latentFrames: number; decodedFrames: number } {
  if (t === 1) return { latentFrames: frames, decodedFrames: frames };
  if (causal) {
    const latentFrames = Math.ceil((frames - 1) / t) + 1;
    return { latentFrames, decodedFrames: (latentFrames - 1) * t + 1 };
  }
  const latentFrames = Math.ceil(frames / t);
  return { latentFrames, decodedFrames: latentFrames * t };
}

export function planRun(modelId: string, m: ModelManifest, req: Pick<ResolvedRequest, 'width' | 'height' | 'frames' | 'fps'>, opts: PlanOptions): RunPlan {
  const L = m.limits;
  const unit = m.latent.spatialCompression * (m.latent.sizeMultiple ?? 1);
  if (req.width > L.maxWidth || req.height > L.maxHeight) unsupported(modelId, `${req.width}x${req.height} is larger than this model's ${L.maxWidth}x${L.maxHeight}.`);
  if (req.width % unit || req.height % unit) {
    const near = (v: number): number => Math.max(unit, Math.round(v / unit) * unit);
    unsupported(modelId, `width and height must be multiples of ${unit} for this model, not ${req.width}x${req.height}; try ${near(req.width)}x${near(req.height)}.`);
  }
  if (req.frames > L.maxFrames) unsupported(modelId, `${req.frames} frames is more than this model's ${L.maxFrames}; ask for a shorter clip.`);
  if (L.maxFps && req.fps.num / req.fps.den > L.maxFps) unsupported(modelId, `${req.fps.num}/${req.fps.den} fps is above this model's ${L.maxFps}.`);
  if (opts.mode === 'image' && !(m.imageConditioning && m.vaeEncoder)) {
    unsupported(modelId, 'this model cannot start from an image (its manifest has no imageConditioning and vaeEncoder); remove the image reference or pick another model.');
  }
  if (opts.mode === 'refine' && !m.vaeEncoder) unsupported(modelId, 'render-then-refine needs a vaeEncoder component, which this model does not have.');
  if (opts.mode !== 'image' && m.imageConditioning?.mode === 'concat') {
    // The denoiser's input has the image latent's channels: without an image it has nothing to put there.
    unsupported(modelId, 'this model needs a reference image (its denoiser takes the image latent as extra channels); add references.image.');
  }

  const { latentFrames, decodedFrames } = temporalPlan(req.frames, m.latent.temporalCompression, m.latent.causal ?? false);
  const steps = opts.steps ?? m.defaults.steps;
  const guidance = opts.guidance ?? m.defaults.guidance;
  const strength = opts.mode === 'refine' ? (opts.strength ?? m.defaults.refineStrength ?? 0.6) : null;
  if (!Number.isInteger(steps) || steps < 1 || steps > (m.scheduler.trainSteps ?? 1000)) unsupported(modelId, `steps must be 1..${m.scheduler.trainSteps ?? 1000}, not ${steps}.`);
  if (strength !== null && !(strength > 0 && strength <= 1)) unsupported(modelId, `refine strength must be in (0, 1], not ${strength}.`);
  return {
    mode: opts.mode,
    width: req.width,
    height: req.height,
    frames: req.frames,
    grid: {
      channels: m.latent.channels,
      frames: latentFrames,
      height: req.height / m.latent.spatialCompression,
      width: req.width / m.latent.spatialCompression,
      layout: m.latent.layout,
    },
    decodedFrames,
    steps,
    startStep: strength === null ? 0 : refineStartStep(steps, strength),
    guidance,
    cfg: guidance > 1,
    negativePrompt: m.defaults.negativePrompt ?? '',
    strength,
  };
}

/** Dimensions of a batch-1 latent tensor in the grid's layout, with `channels` overridden if given. */
export function gridDims(g: LatentGrid, batch = 1, channels = g.channels): number[] {
  return g.layout === 'BCFHW' ? [batch, channels, g.frames, g.height, g.width] : [batch, g.frames, channels, g.height, g.width];
}

export function gridSize(g: LatentGrid): number {
  return g.channels * g.frames * g.height * g.width;
}
