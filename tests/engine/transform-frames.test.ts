/**
 * The frame stream between generator and encoder: transforms on several frames at once, frames out
 * in order, back-pressure kept, a failure ends the job with its own error and nothing left running.
 */
import { strict as assert } from 'node:assert';
import type { Frame, RgbaFrame } from '../../engine/src/generators/types';
import type { FrameTransform } from '../../engine/src/provenance/types';
import { framesInFlight, transformFrames } from '../../engine/src/jobs/transform-frames';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A source that records how far it has been pulled and whether it was closed. */
function source(count: number): { frames: AsyncGenerator<RgbaFrame>; pulled: () => number; closed: () => boolean } {
  let pulled = 0;
  let closed = false;
  async function* gen(): AsyncGenerator<RgbaFrame> {
    try {
      for (let i = 0; i < count; i++) {
        pulled++;
        yield { index: i, rgba: new Uint8Array([i, 0, 0, 255]) };
      }
    } finally {
      closed = true;
    }
  }
  return { frames: gen(), pulled: () => pulled, closed: () => closed };
}

/** Marks a frame after a delay that varies, so frames finish out of order. */
function slowMarker(parallelism: number, failAt = -1): FrameTransform & { active: number; maxActive: number } {
  const t = {
    parallelism,
    active: 0,
    maxActive: 0,
    begin() {},
    async apply(frame: Frame) {
      if (frame.layout === 'yuv420p') throw new Error('RGBA only');
      t.active++;
      t.maxActive = Math.max(t.maxActive, t.active);
      await sleep(((frame.index * 7) % 5) * 2);
      t.active--;
      if (frame.index === failAt) throw new Error(`mark failed on ${frame.index}`);
      frame.rgba = Uint8Array.from(frame.rgba, (v, i) => (i === 1 ? 200 : v));
    },
  };
  return t;
}

describe('engine/jobs: transformFrames', () => {
  it('keeps frame order while transforms finish out of order, and works on several at once', async () => {
    const src = source(20);
    const mark = slowMarker(3);
    const out: RgbaFrame[] = [];
    for await (const f of transformFrames(src.frames, [mark])) out.push(f as RgbaFrame);
    assert.deepEqual(out.map((f) => f.index), [...Array(20).keys()]);
    assert.ok(out.every((f) => f.rgba[1] === 200 && f.rgba[0] === f.index), 'every frame marked, its own pixels');
    assert.equal(mark.maxActive, 4, 'parallelism + 1 frames handed to the transform at once');
    assert.ok(src.closed());
  });

  it('asks the generator for at most parallelism + 1 frames ahead of the consumer', async () => {
    const src = source(30);
    const mark = slowMarker(2);
    let consumed = 0;
    let maxAhead = 0;
    for await (const _ of transformFrames(src.frames, [mark])) {
      consumed++;
      maxAhead = Math.max(maxAhead, src.pulled() - consumed);
      await sleep(3); // a slow encoder
    }
    assert.equal(framesInFlight([mark]), 3);
    assert.ok(maxAhead <= 3, `pulled ${maxAhead} frames ahead`);
  });

  it('runs plain synchronous transforms one frame at a time, in order', async () => {
    const seen: number[] = [];
    const t: FrameTransform = { begin() {}, apply: (f) => void seen.push(f.index) };
    const out: number[] = [];
    for await (const f of transformFrames(source(5).frames, [t])) out.push(f.index);
    assert.deepEqual(seen, [0, 1, 2, 3, 4]);
    assert.deepEqual(out, [0, 1, 2, 3, 4]);
    assert.equal(framesInFlight([t]), 2);
  });

  it('ends with the failing frame’s error, closes the generator, and leaves no rejection unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown): void => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const src = source(20);
      // Frame 6 fails while frames 4 and 5 are still in work (parallelism 4).
      const mark = slowMarker(4, 6);
      const got: number[] = [];
      await assert.rejects(
        (async () => {
          for await (const f of transformFrames(src.frames, [mark])) got.push(f.index);
        })(),
        /mark failed on 6/,
      );
      assert.deepEqual(got, [0, 1, 2, 3, 4, 5], 'the frames before the failure were delivered');
      assert.ok(src.closed(), 'the generator was closed');
      assert.equal(mark.active, 0, 'nothing still working on a frame');
      await sleep(20);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('lets every frame in flight settle when the consumer stops early', async () => {
    const src = source(20);
    const mark = slowMarker(4);
    for await (const f of transformFrames(src.frames, [mark])) if (f.index === 2) break;
    assert.equal(mark.active, 0);
    assert.ok(src.closed());
  });
});
