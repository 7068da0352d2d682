/**
 * `rushes unreal add --prompt ...`: one clip, generated at the open sequence's display rate and placed
 * at its playhead on a media track with room for it. Running it again with the same prompt at the same
 * frame reuses the clip and the section.
 */
import { framesForDuration, type GenerationRequest } from '@rushes/shared';
import { BridgeCode, BridgeError } from '../errors';
import { generateGroup, resolveEngine, type EngineSource, type GroupProgress } from '../engine/group';
import { idempotencyKey, pngOutput } from '../plan/layout';
import { FOLDER_PATTERN, NAME_PATTERN } from '../plan/shotList';
import type { PythonHost } from '../python/runner';
import { addClip, checkEditor, probeSequence, type AddClipResult, type OpenSequence } from '../unreal/editor';

export const DEFAULT_CLIP_FOLDER = '/Game/Rushes/Clips';
export const DEFAULT_DURATION_SECONDS = 5;

export interface AddOptions {
  prompt: string;
  durationSeconds?: number;
  frames?: number;
  name?: string;
  folder?: string;
  width?: number;
  height?: number;
  seed?: number;
  generator?: string;
}

export interface AddDeps {
  unreal: PythonHost;
  /** The engine, or a getter called after the editor check. */
  engine: EngineSource;
  progress?: (p: GroupProgress) => void;
}

export interface AddSummary extends AddClipResult {
  sequence: OpenSequence;
  jobId: string;
  seed: number;
  deduplicated: boolean;
  firstFramePath: string;
}

/** Checks what can be checked before connecting to anything. Returns the asset name stem and folder. */
export function checkAddOptions(opts: AddOptions): { name: string; folder: string } {
  if (!opts.prompt?.trim()) throw new BridgeError(BridgeCode.USAGE, '--prompt is required.');
  if (opts.prompt.length > 2000) throw new BridgeError(BridgeCode.USAGE, '--prompt is longer than 2000 characters.');
  const name = opts.name ?? 'Clip';
  if (!new RegExp(NAME_PATTERN).test(name)) {
    throw new BridgeError(BridgeCode.USAGE, `--name "${name}" must start with a letter or _ and hold only letters, digits and _ (at most 60).`);
  }
  const folder = opts.folder ?? DEFAULT_CLIP_FOLDER;
  if (!new RegExp(FOLDER_PATTERN).test(folder)) throw new BridgeError(BridgeCode.USAGE, `--folder "${folder}" must be a content folder like /Game/Rushes/Clips.`);
  if (opts.frames !== undefined && opts.durationSeconds !== undefined) throw new BridgeError(BridgeCode.USAGE, 'Give --duration or --frames, not both.');
  return { name, folder };
}

/** The engine request for a clip in this sequence. Pure. */
export function planAddRequest(opts: AddOptions, seq: OpenSequence): { request: GenerationRequest; name: string; folder: string } {
  const { name, folder } = checkAddOptions(opts);
  const frames = opts.frames ?? framesForDuration(opts.durationSeconds ?? DEFAULT_DURATION_SECONDS, seq.fps);
  if (!Number.isInteger(frames) || frames < 1) throw new BridgeError(BridgeCode.USAGE, 'The clip must be at least one frame long.');
  const request: GenerationRequest = {
    prompt: opts.prompt,
    frames,
    fps: seq.fps,
    width: opts.width ?? 1280,
    height: opts.height ?? 720,
    formats: ['png'],
    name,
  };
  if (opts.seed !== undefined) request.seed = opts.seed;
  if (opts.generator) request.generator = opts.generator;
  return { request, name, folder };
}

export async function runAdd(opts: AddOptions, deps: AddDeps): Promise<AddSummary> {
  checkAddOptions(opts);
  await checkEditor(deps.unreal, 'add');
  const seq = await probeSequence(deps.unreal);
  const { request, name, folder } = planAddRequest(opts, seq);
  const key = idempotencyKey('unreal-add', { v: 1, sequence: seq.sequencePath.toLowerCase(), frame: seq.currentFrame, request });
  const [result] = await generateGroup(await resolveEngine(deps.engine), [{ label: name, key, request }], deps.progress);
  const job = result!.job;
  const out = pngOutput(job.outputs, `"${name}"`);
  const base = `${folder}/${name}_${key.split(':')[1]!.slice(0, 8)}`;
  const placed = await addClip(deps.unreal, {
    sequencePath: seq.sequencePath,
    start: seq.currentFrame,
    frames: out.frameCount,
    fps: seq.fps,
    mediaAssetPath: `${base}_Media`,
    textureAssetPath: `${base}_Tex`,
    firstFramePath: out.sequence.firstPath,
    tags: { Prompt: request.prompt, Seed: String(job.request.seed), JobId: job.id, Sha256: out.sha256 },
  });
  return { ...placed, sequence: seq, jobId: job.id, seed: job.request.seed, deduplicated: result!.deduplicated, firstFramePath: out.sequence.firstPath };
}
