/**
 * Fills a request's defaults and checks what the schema cannot (consistency between fields, files that
 * must exist). Pure except for the reference-file checks, so the same request always resolves the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomInt } from 'node:crypto';
import {
  RushesError,
  durationForFrames,
  framesForDuration,
  type GenerationRequest,
  type ResolvedRequest,
} from '@rushes/shared';

export const REQUEST_DEFAULTS = {
  durationSeconds: 5,
  fps: { num: 24, den: 1 },
  width: 1280,
  height: 720,
  formats: ['mp4'] as const,
  startTimecode: '00:00:00:00',
};

export function resolveRequest(req: GenerationRequest, defaultGenerator: string, pickSeed = () => randomInt(0, 2 ** 32)): ResolvedRequest {
  const fps = req.fps ?? REQUEST_DEFAULTS.fps;
  let frames: number;
  if (req.frames !== undefined) {
    frames = req.frames;
    if (req.durationSeconds !== undefined && framesForDuration(req.durationSeconds, fps) !== frames) {
      throw new RushesError(
        'E_INVALID',
        `durationSeconds (${req.durationSeconds}) and frames (${frames}) disagree at ${fps.num}/${fps.den} fps; give one of them.`,
        { errors: [{ path: 'params.request.frames', message: 'disagrees with durationSeconds' }] },
      );
    }
  } else {
    frames = framesForDuration(req.durationSeconds ?? REQUEST_DEFAULTS.durationSeconds, fps);
    if (frames < 1) {
      throw new RushesError('E_INVALID', `durationSeconds ${req.durationSeconds} is shorter than one frame at ${fps.num}/${fps.den} fps.`, {
        errors: [{ path: 'params.request.durationSeconds', message: 'shorter than one frame' }],
      });
    }
  }
  if (fps.num / fps.den > 240 || fps.num / fps.den < 1) {
    throw new RushesError('E_INVALID', `A frame rate of ${fps.num}/${fps.den} is outside 1 to 240 fps.`, {
      errors: [{ path: 'params.request.fps', message: 'outside 1..240 fps' }],
    });
  }
  const width = req.width ?? REQUEST_DEFAULTS.width;
  const height = req.height ?? REQUEST_DEFAULTS.height;
  if (width * height > 7680 * 4320) {
    throw new RushesError('E_INVALID', `${width}x${height} is larger than 8K UHD (7680x4320).`);
  }
  if (req.references) {
    for (const [kind, file] of Object.entries(req.references)) {
      if (typeof file !== 'string') continue;
      if (!path.isAbsolute(file)) {
        throw new RushesError('E_INVALID', `references.${kind} must be an absolute path (got "${file}").`);
      }
      let ok = false;
      try {
        ok = fs.statSync(file).isFile();
      } catch {
        ok = false;
      }
      if (!ok) throw new RushesError('E_INVALID', `references.${kind}: "${file}" is not a readable file.`);
    }
  }
  const resolved: ResolvedRequest = {
    prompt: req.prompt,
    seed: req.seed ?? pickSeed(),
    frames,
    durationSeconds: durationForFrames(frames, fps),
    fps: { num: fps.num, den: fps.den },
    width,
    height,
    generator: req.generator ?? defaultGenerator,
    formats: [...(req.formats ?? REQUEST_DEFAULTS.formats)],
    name: slugify(req.name ?? req.prompt),
    startTimecode: req.startTimecode ?? REQUEST_DEFAULTS.startTimecode,
  };
  if (req.references) resolved.references = { ...req.references };
  if (req.plan !== undefined) resolved.plan = req.plan;
  return resolved;
}

/** A file-name-safe, readable base name: "Slow dolly over a misty forest!" -> "slow-dolly-over-a-misty-forest". */
export function slugify(text: string, max = 48): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || 'clip';
}
