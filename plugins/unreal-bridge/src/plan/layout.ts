/**
 * Pure planning: from a validated shot list to the engine requests (with the idempotency keys that make
 * re-runs free), the asset paths in the Unreal project, and, once the clips exist, the frame layout of
 * the master sequence. No I/O here; the commands do that.
 */
import { createHash } from 'node:crypto';
import { reduce, type GenerationRequest, type Output, type Rational } from '@rushes/shared';
import { BridgeCode, BridgeError } from '../errors';
import { normalizeShots, type NormalizedShot, type ShotList } from './shotList';

/** Sequencer's usual tick resolution: 24000 ticks per second divide 24, 25, 30, 48, 60 and 24000/1001 exactly. */
export const DEFAULT_TICKS_PER_SECOND = 24000;
const INT32_MAX = 2 ** 31 - 1;

/**
 * A tick resolution in which one frame at `fps` is a whole number of ticks, so that integer frame
 * ranges convert to ticks without rounding: 24000/1 when it already works (24, 25, 30, 24000/1001),
 * else `fps` times a whole factor near 24000 ticks/s (30000/1001 -> 801 ticks a frame).
 */
export function tickResolutionFor(fps: Rational): Rational {
  const r = reduce(fps);
  if ((DEFAULT_TICKS_PER_SECOND * r.den) % r.num === 0) return { num: DEFAULT_TICKS_PER_SECOND, den: 1 };
  const perFrame = Math.max(1, Math.round((DEFAULT_TICKS_PER_SECOND * r.den) / r.num));
  if (r.num * perFrame > INT32_MAX) return { num: DEFAULT_TICKS_PER_SECOND, den: 1 };
  return reduce({ num: r.num * perFrame, den: r.den });
}

/** The tick resolution to set, or null when Sequencer's default 24000/1 already holds whole frames. */
export function tickResolutionChange(fps: Rational): Rational | null {
  const t = tickResolutionFor(fps);
  return t.num === DEFAULT_TICKS_PER_SECOND && t.den === 1 ? null : t;
}

/** Stable JSON (sorted keys) so that a key does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `prefix:` + 40 hex of SHA-256 over what defines the clip. Same inputs, same key, same job. */
export function idempotencyKey(prefix: string, parts: unknown): string {
  return `${prefix}:${createHash('sha256').update(canonicalJson(parts)).digest('hex').slice(0, 40)}`;
}

/** Camera hints travel in the prompt: generators read camera moves from the text. */
export function promptWithCamera(prompt: string, camera?: string): string {
  return camera ? `${prompt.trim()}. Camera: ${camera.trim()}` : prompt;
}

export interface PlannedShot extends NormalizedShot {
  /** /Game/.../<Master>_Shots/<Shot> */
  assetPath: string;
  mediaAssetPath: string;
  textureAssetPath: string;
  request: GenerationRequest;
  key: string;
}

export interface ShotsPlan {
  masterAssetPath: string;
  /** Folder holding the shot sequences Rushes owns; sections pointing here are ours to update. */
  shotsFolder: string;
  fps: Rational;
  /** Null: Sequencer's default 24000 ticks/s already holds whole frames of this rate. */
  tickResolution: Rational | null;
  width: number;
  height: number;
  shots: PlannedShot[];
}

/** Splits "/Game/A/B/Name" into folder and name, validating both. */
export function splitAssetPath(assetPath: string): { folder: string; name: string } {
  const m = /^(\/Game(?:\/[A-Za-z0-9_]+)*)\/([A-Za-z_][A-Za-z0-9_]{0,59})$/.exec(assetPath);
  if (!m) {
    throw new BridgeError(BridgeCode.USAGE, `"${assetPath}" is not an asset path like /Game/Rushes/Previs/Master (letters, digits and _ only).`);
  }
  return { folder: m[1]!, name: m[2]! };
}

export function planShots(list: ShotList, masterOverride?: string): ShotsPlan {
  const { folder, name } = masterOverride ? splitAssetPath(masterOverride) : { folder: list.master.path, name: list.master.name };
  const masterAssetPath = `${folder}/${name}`;
  const shotsFolder = `${folder}/${name}_Shots`;
  const { fps, width, height, generator } = list.defaults;
  const shots = normalizeShots(list).map((s): PlannedShot => {
    const request: GenerationRequest = {
      prompt: promptWithCamera(s.prompt, s.camera),
      frames: s.frames,
      fps,
      width,
      height,
      formats: ['png'],
      name: s.name,
    };
    if (generator) request.generator = generator;
    if (s.seed !== undefined) request.seed = s.seed;
    return {
      ...s,
      assetPath: `${shotsFolder}/${s.name}`,
      mediaAssetPath: `${shotsFolder}/${s.name}_Media`,
      textureAssetPath: `${shotsFolder}/${s.name}_Tex`,
      request,
      key: idempotencyKey('unreal-shot', { v: 1, master: masterAssetPath.toLowerCase(), shot: s.name.toLowerCase(), request }),
    };
  });
  return { masterAssetPath, shotsFolder, fps, tickResolution: tickResolutionChange(fps), width, height, shots };
}

/** The PNG sequence among a job's outputs, or a clear error. */
export function pngOutput(outputs: readonly Output[], label: string): Output & { sequence: NonNullable<Output['sequence']> } {
  const out = outputs.find((o) => o.format === 'png' && o.sequence);
  if (!out || !out.sequence) {
    throw new BridgeError(BridgeCode.JOB_FAILED, `The engine made no PNG sequence for ${label}; Unreal's ImgMediaSource needs one.`);
  }
  return out as Output & { sequence: NonNullable<Output['sequence']> };
}

export interface ShotScriptData {
  master: { assetPath: string };
  shotsFolder: string;
  fps: Rational;
  tickResolution: Rational | null;
  totalFrames: number;
  shots: Array<{
    name: string;
    assetPath: string;
    mediaAssetPath: string;
    textureAssetPath: string;
    firstFramePath: string;
    frames: number;
    start: number;
    tags: Record<string, string>;
  }>;
}

export interface ShotClip {
  jobId: string;
  seed: number;
  output: Output;
}

/**
 * Lays the shots end to end on the master, in list order, each as long as the clip the engine made
 * (its frame count, which is the requested one unless the generator capped it).
 */
export function layoutShots(plan: ShotsPlan, clips: ReadonlyMap<string, ShotClip>): ShotScriptData {
  let start = 0;
  const shots = plan.shots.map((s) => {
    const clip = clips.get(s.name);
    if (!clip) throw new BridgeError(BridgeCode.JOB_FAILED, `No clip for shot "${s.name}".`);
    const out = pngOutput([clip.output], `shot "${s.name}"`);
    if (out.fps.num * plan.fps.den !== plan.fps.num * out.fps.den) {
      throw new BridgeError(BridgeCode.JOB_FAILED, `Shot "${s.name}" came back at ${out.fps.num}/${out.fps.den} fps, not ${plan.fps.num}/${plan.fps.den}.`);
    }
    const frames = out.frameCount;
    const entry = {
      name: s.name,
      assetPath: s.assetPath,
      mediaAssetPath: s.mediaAssetPath,
      textureAssetPath: s.textureAssetPath,
      firstFramePath: out.sequence.firstPath,
      frames,
      start,
      tags: { Prompt: s.request.prompt, Seed: String(clip.seed), JobId: clip.jobId, Sha256: out.sha256 },
    };
    start += frames;
    return entry;
  });
  return {
    master: { assetPath: plan.masterAssetPath },
    shotsFolder: plan.shotsFolder,
    fps: plan.fps,
    tickResolution: plan.tickResolution,
    totalFrames: start,
    shots,
  };
}
