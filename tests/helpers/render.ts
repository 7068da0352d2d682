/**
 * Small renders for the scene tests: a request for a prompt at 192x108, every frame of it as RGBA, and
 * the procedural generator opened for a describe block (the block skipped where there is no adapter).
 */
import type { ResolvedRequest } from '@rushes/shared';
import { planPrompt, type ProceduralGenerator } from '../../engine/src/generators/procedural';
import { rgbaOf } from './frames';
import { proceduralOrSkip } from './gpu';

/** A request for `prompt`: `frames` frames at `fps` (one a second by default), 192x108, seed 1 unless given. */
export function smallRequest(prompt: string, frames: number, fps: { num: number; den: number } = { num: 1, den: 1 }, seed = 1): ResolvedRequest {
  return {
    prompt, seed, frames, durationSeconds: (frames * fps.den) / fps.num, fps, width: 192, height: 108,
    generator: 'procedural', formats: ['mp4'], name: 'test', startTimecode: '00:00:00:00',
  };
}

/** Every frame of `request`, as RGBA. */
export async function renderRgba(g: ProceduralGenerator, request: ResolvedRequest): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  for await (const f of g.render({ request, signal: new AbortController().signal, log: () => undefined })) frames.push(rgbaOf(f));
  return frames;
}

/** The procedural generator for the enclosing describe block: opened before it, closed after it. */
export function procedural(): () => ProceduralGenerator {
  let g: ProceduralGenerator | undefined;
  before(async function () {
    g = await proceduralOrSkip(this);
  });
  after(async () => {
    await g?.dispose();
  });
  return () => {
    if (!g) throw new Error('the procedural generator is not open (used outside a test?)');
    return g;
  };
}

/** Mean absolute difference of two frames' bytes (how much changed between them). */
export function meanAbsDiff(a: Uint8Array, b: Uint8Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i]! - b[i]!);
  return d / a.length;
}

/**
 * Where two frames of `width` differ by more than `threshold` (summed over RGB): how many pixels, and
 * their mean column and row.
 */
export function changedPixels(a: Uint8Array, b: Uint8Array, width: number, threshold = 40): { n: number; x: number; y: number } {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > threshold) {
      n++;
      sx += (i / 4) % width;
      sy += Math.floor(i / 4 / width);
    }
  }
  return { n, x: sx / Math.max(n, 1), y: sy / Math.max(n, 1) };
}

/** Every frame of `request`'s prompt as planned, and of the same plan with its `kind` subject taken out. */
export async function renderWithoutSubject(g: ProceduralGenerator, request: ResolvedRequest, kind: string): Promise<{ shot: Uint8Array[]; bare: Uint8Array[] }> {
  const plan = planPrompt({ prompt: request.prompt, seed: request.seed }).plan;
  const shot = await renderRgba(g, { ...request, plan });
  const bare = await renderRgba(g, { ...request, plan: { ...plan, subjects: plan.subjects.filter((s) => s.kind !== kind) } });
  return { shot, bare };
}
