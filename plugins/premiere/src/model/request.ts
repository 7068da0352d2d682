/**
 * The request form: defaults from the active sequence, the editor's overrides, and the
 * GenerationRequest sent to the engine. Blank fields take the sequence's values: its size and exact
 * frame rate, and its in/out range for the duration (else 5 s).
 */
import { framesForDuration, formatRational, parseRational, type GenerationRequest, type GeneratorInfo, type Rational } from '@rushes/shared';
import type { EditMode } from '../host/place';

export const DEFAULT_DURATION_SECONDS = 5;
export const MAX_DURATION_SECONDS = 600;
const MAX_SEED = 4294967295;

/** What the fields hold, as typed. */
export interface RequestForm {
  prompt: string;
  duration: string;
  width: string;
  height: string;
  fps: string;
  seed: string;
  /** Id of the chosen generator; empty for the engine's default. */
  generator: string;
  mode: EditMode;
}

/** What the sequence offers as defaults (null fields when no sequence is open). */
export interface SequenceDefaults {
  width: number;
  height: number;
  fps: Rational;
  inOutSeconds: number | null;
}

export type FormField = keyof RequestForm;

export interface FieldError {
  field: FormField;
  message: string;
}

export type BuildResult =
  | { ok: true; request: GenerationRequest; notes: string[] }
  | { ok: false; errors: FieldError[] };

export function emptyForm(): RequestForm {
  return { prompt: '', duration: '', width: '', height: '', fps: '', seed: '', generator: '', mode: 'overwrite' };
}

/** Duration used when the field is blank: the in/out range when marked, else 5 s. */
export function defaultDuration(seq: SequenceDefaults | null): number {
  const io = seq?.inOutSeconds;
  return io && io > 0 ? Math.min(io, MAX_DURATION_SECONDS) : DEFAULT_DURATION_SECONDS;
}

/** Grey hints for blank fields, so the editor sees what will be used. */
export function placeholders(seq: SequenceDefaults | null): Record<'duration' | 'width' | 'height' | 'fps' | 'seed', string> {
  const d = defaultDuration(seq);
  return {
    duration: seq?.inOutSeconds ? `${round3(d)} (in/out)` : `${d}`,
    width: seq ? String(seq.width) : '1280',
    height: seq ? String(seq.height) : '720',
    fps: seq ? fpsLabel(seq.fps) : '24',
    seed: 'random',
  };
}

/** "23.976" for 24000/1001, "25" for 25/1. */
export function fpsLabel(fps: Rational): string {
  if (fps.den === 1) return String(fps.num);
  const decimal = (fps.num / fps.den).toFixed(3).replace(/\.?0+$/, '');
  // NTSC rates read best as decimals (23.976, 29.97); anything else keeps its exact form.
  return fps.den === 1001 ? decimal : formatRational(fps);
}

/** The engine's default generator, else the first. */
export function defaultGenerator(generators: readonly GeneratorInfo[]): GeneratorInfo | null {
  return generators.find((g) => g.isDefault) ?? generators[0] ?? null;
}

export function buildRequest(form: RequestForm, seq: SequenceDefaults | null, generators: readonly GeneratorInfo[]): BuildResult {
  const errors: FieldError[] = [];
  const notes: string[] = [];

  const prompt = form.prompt.trim();
  if (!prompt) errors.push({ field: 'prompt', message: 'Describe the shot you want.' });
  else if (prompt.length > 2000) errors.push({ field: 'prompt', message: 'Keep the prompt under 2000 characters.' });

  const gen = form.generator ? generators.find((g) => g.id === form.generator) ?? null : defaultGenerator(generators);
  if (form.generator && !gen) errors.push({ field: 'generator', message: `The engine has no generator "${form.generator}" any more. Pick another.` });

  // Frame rate
  let fps: Rational = seq?.fps ?? { num: 24, den: 1 };
  if (form.fps.trim()) {
    const parsed = parseRational(form.fps);
    if (!parsed || parsed.num > 1_000_000 || parsed.den > 1_000_000) errors.push({ field: 'fps', message: 'Frame rate: a number like 23.976, 25 or 30000/1001.' });
    else fps = parsed;
  }
  if (gen && fps.num / fps.den > gen.limits.maxFps + 1e-9) {
    errors.push({ field: 'fps', message: `${gen.name} renders at most ${gen.limits.maxFps} fps.` });
  }

  // Duration
  let duration = defaultDuration(seq);
  if (form.duration.trim()) {
    const v = Number(form.duration.trim().replace(/s$/i, '').trim());
    if (!Number.isFinite(v) || v <= 0) errors.push({ field: 'duration', message: 'Duration: seconds, more than 0.' });
    else if (v > MAX_DURATION_SECONDS) errors.push({ field: 'duration', message: `Duration: at most ${MAX_DURATION_SECONDS} s.` });
    else duration = v;
  }
  const frames = framesForDuration(duration, fps);
  if (frames < 1) errors.push({ field: 'duration', message: 'Duration: at least one frame.' });
  if (gen && frames > gen.limits.maxFrames) {
    errors.push({ field: 'duration', message: `${gen.name} makes at most ${gen.limits.maxFrames} frames (${round3((gen.limits.maxFrames * fps.den) / fps.num)} s at this rate).` });
  }

  // Size: typed values must fit; the sequence's own size is scaled down to fit when it is too big.
  const typedW = form.width.trim();
  const typedH = form.height.trim();
  let width = seq?.width ?? 1280;
  let height = seq?.height ?? 720;
  const wParsed = typedW ? parseDimension(typedW) : null;
  const hParsed = typedH ? parseDimension(typedH) : null;
  if (typedW && wParsed === null) errors.push({ field: 'width', message: 'Width: an even number of pixels, 16 to 7680.' });
  if (typedH && hParsed === null) errors.push({ field: 'height', message: 'Height: an even number of pixels, 16 to 4320.' });
  if (wParsed !== null) width = wParsed;
  if (hParsed !== null) height = hParsed;
  if (gen) {
    const { maxWidth, maxHeight } = gen.limits;
    if (wParsed !== null && wParsed > maxWidth) errors.push({ field: 'width', message: `${gen.name} renders at most ${maxWidth} pixels wide.` });
    if (hParsed !== null && hParsed > maxHeight) errors.push({ field: 'height', message: `${gen.name} renders at most ${maxHeight} pixels high.` });
    if (wParsed === null && hParsed === null && (width > maxWidth || height > maxHeight)) {
      const scale = Math.min(maxWidth / width, maxHeight / height);
      const w = even(width * scale);
      const h = even(height * scale);
      notes.push(`Generating at ${w}×${h}, ${gen.name}'s limit; Premiere scales it to the ${width}×${height} sequence.`);
      width = w;
      height = h;
    }
  }
  width = even(width);
  height = even(height);
  if (width < 16 || width > 7680 || height < 16 || height > 4320) {
    if (!errors.some((e) => e.field === 'width' || e.field === 'height')) errors.push({ field: 'width', message: `A ${width}×${height} frame is outside 16×16 to 7680×4320.` });
  }

  // Seed
  let seed: number | undefined;
  if (form.seed.trim()) {
    const s = form.seed.trim();
    if (!/^\d+$/.test(s) || Number(s) > MAX_SEED) errors.push({ field: 'seed', message: `Seed: a whole number from 0 to ${MAX_SEED}, or blank for a random one.` });
    else seed = Number(s);
  }

  if (errors.length) return { ok: false, errors };
  const request: GenerationRequest = {
    prompt,
    durationSeconds: duration,
    fps,
    width,
    height,
    // H.264 MP4 imports everywhere Premiere runs; ProRes is an engine option for finishing.
    formats: ['mp4'],
  };
  if (gen) request.generator = gen.id;
  if (seed !== undefined) request.seed = seed;
  return { ok: true, request, notes };
}

function parseDimension(text: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const v = Number(text);
  if (v < 16 || v > 7680 || v % 2 !== 0) return null;
  return v;
}

function even(v: number): number {
  const r = Math.round(v);
  return r % 2 === 0 ? r : r - 1;
}

function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}
