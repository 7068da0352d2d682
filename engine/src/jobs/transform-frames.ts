/**
 * Runs the per-frame transforms (the watermark) over a generator's frames with several frames in
 * flight, so a transform that works on other threads marks frame n while the generator renders n+1
 * and the encoder takes n-1. Frames come out in order, each once its transforms are done; a failure
 * ends the stream with that error. Back-pressure is kept: the generator is asked for a frame only
 * while fewer than `inFlight` frames are waiting.
 */
import type { Frame } from '../generators/types';
import type { FrameTransform } from '../provenance/types';

/** Frames in flight for a set of transforms: each one's parallelism, plus the frame being rendered. */
export function framesInFlight(transforms: readonly FrameTransform[]): number {
  return Math.max(1, ...transforms.map((t) => t.parallelism ?? 1)) + 1;
}

export async function* transformFrames(
  frames: AsyncIterable<Frame>,
  transforms: readonly FrameTransform[],
  inFlight = framesInFlight(transforms),
): AsyncGenerator<Frame> {
  if (transforms.length === 0) {
    yield* frames;
    return;
  }
  const run = async (frame: Frame): Promise<Frame> => {
    for (const t of transforms) await t.apply(frame);
    return frame;
  };
  const waiting: Promise<Frame>[] = [];
  try {
    for await (const frame of frames) {
      const done = run(frame);
      // Awaited below, in order. Until then a later frame's failure must not count as unhandled (which
      // would end the process) while an earlier frame is being awaited.
      done.catch(() => undefined);
      waiting.push(done);
      if (waiting.length >= inFlight) yield await waiting.shift()!;
    }
    while (waiting.length) yield await waiting.shift()!;
  } finally {
    // Stopped early (an error, a cancel, the consumer broke off): let the frames still in flight
    // settle, so no thread is still writing into a frame after the caller has moved on.
    await Promise.allSettled(waiting);
  }
}
