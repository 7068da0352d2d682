/**
 * Small renders for the scene tests: a request for a prompt at 192x108, every frame of it as RGBA, and
 * the procedural generator opened for a describe block (the block skipped where there is no adapter).
 */
import type { ResolvedRequest } from '@rushes/shared';
import type { ProceduralGenerator } from '../../engine/src/generators/procedural';
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
