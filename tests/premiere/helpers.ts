/**
 * Shared set-up for the Premiere tests: a simulator whose "disk" knows the clips the tests place, and
 * clip descriptions shaped like engine outputs.
 */
import type { Rational } from '@rushes/shared';
import { ticksForFrames, type ClipInput } from '../../plugins/premiere/src/host';
import { PremiereSim, type SequenceSpec } from './sim/premiere-sim';

export const NTSC_23976: Rational = { num: 24000, den: 1001 };
export const NTSC_2997: Rational = { num: 30000, den: 1001 };
export const TPS = 254016000000n;

export function makeClip(overrides: Partial<ClipInput> = {}): ClipInput {
  return {
    path: '/Users/ed/Rushes/outputs/misty-pines-0001.mp4',
    fps: { num: 24, den: 1 },
    frameCount: 120,
    durationSeconds: 5,
    prompt: 'slow dolly over a misty pine forest at dawn',
    seed: 1234,
    jobId: 'job-0001',
    generator: 'testpattern',
    ...overrides,
  };
}

/** A simulator whose probe knows each registered file's length; unknown files are unreadable. */
export function makeSim(seq: SequenceSpec | null = {}): { sim: PremiereSim; media: Map<string, bigint>; register(c: ClipInput): ClipInput } {
  const media = new Map<string, bigint>();
  const sim = new PremiereSim({
    probe: async (p) => {
      const d = media.get(p);
      return d === undefined ? null : { durationTicks: d };
    },
  });
  if (seq) sim.addSequence(seq);
  return {
    sim,
    media,
    register(c: ClipInput): ClipInput {
      media.set(c.path, ticksForFrames(c.frameCount, c.fps));
      return c;
    },
  };
}

/** Ticks at a frame of a rate. */
export function frameTicks(frame: number, fps: Rational): bigint {
  return ticksForFrames(frame, fps);
}

/** Expects a promise to reject with an error carrying `code`. */
export async function rejectsWithCode(p: Promise<unknown>, code: string): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.code !== code) throw new Error(`Expected error code ${code}, got ${err.code}: ${err.message}`);
    return err;
  }
  throw new Error(`Expected a rejection with code ${code}, but it resolved.`);
}
