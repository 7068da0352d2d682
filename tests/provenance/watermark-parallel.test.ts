/** The watermark on worker threads: the same bytes as the single-thread embedder, and a clean stop. */
import { rgbaOf } from '../helpers/frames';
import { strict as assert } from 'node:assert';
import { ParallelWatermarkEmbedder, WatermarkEmbedder, defaultEmbedWorkers, makePayload } from '../../engine/src/provenance/watermark';
import { transformFrames } from '../../engine/src/jobs/transform-frames';
import type { Frame } from '../../engine/src/generators/types';
import { mulberry32 } from '../../engine/src/provenance/watermark/prng';
import { rgbaToYuv420 } from '../../engine/src/media/layout';

const W = 320;
const H = 184;
const payload = makePayload(0x0badcafe, 0x12345678);

/** Textured frames with flat areas (both regimes of the embedder's strength). */
function frame(i: number): Uint8Array {
  const rand = mulberry32(1000 + i);
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = (y * W + x) * 4;
      const flat = x < W / 2;
      const v = flat ? 40 + y / 2 : 60 + rand() * 120 + 30 * Math.sin((x + i * 3) / 5);
      rgba[p] = v;
      rgba[p + 1] = v * 0.9;
      rgba[p + 2] = 255 - v;
      rgba[p + 3] = 255;
    }
  }
  return rgba;
}

/** The single-thread embedder and a pool of `workers`, both set up for the same payload and size. */
function embedders(workers: number): { serial: WatermarkEmbedder; parallel: ParallelWatermarkEmbedder } {
  const serial = new WatermarkEmbedder();
  serial.beginWithPayload(payload, W, H);
  const parallel = new ParallelWatermarkEmbedder(workers);
  parallel.beginWithPayload(payload, W, H);
  return { serial, parallel };
}

describe('provenance/watermark: embedding on worker threads', function () {
  this.timeout(60_000);

  it('marks frames exactly as the single-thread embedder does, in order, copying frames it does not own', async () => {
    const { serial, parallel } = embedders(2);
    try {
      async function* frames(): AsyncGenerator<Frame> {
        for (let i = 0; i < 8; i++) {
          const rgba = frame(i);
          if (i % 3 === 2) {
            // A view into a larger buffer: must be copied, not moved.
            const big = new Uint8Array(rgba.length + 16);
            big.set(rgba, 8);
            yield { index: i, rgba: big.subarray(8, 8 + rgba.length) };
          } else yield { index: i, rgba };
        }
      }
      let n = 0;
      for await (const f of transformFrames(frames(), [parallel])) {
        const expected = frame(f.index);
        serial.apply({ index: f.index, rgba: expected });
        assert.equal(f.index, n++);
        assert.ok(Buffer.from(rgbaOf(f)).equals(Buffer.from(expected)), `frame ${f.index} differs from the single-thread embedder`);
        assert.ok(!Buffer.from(rgbaOf(f)).equals(Buffer.from(frame(f.index))), `frame ${f.index} was not marked`);
      }
      assert.equal(n, 8);
    } finally {
      await parallel.end();
    }
  });

  it('marks YUV 4:2:0 frames on their Y\' plane exactly as the single-thread embedder does, chroma untouched', async () => {
    const { serial, parallel } = embedders(2);
    try {
      const yuvOf = (i: number) => rgbaToYuv420(frame(i), W, H);
      async function* frames(): AsyncGenerator<Frame> {
        for (let i = 0; i < 4; i++) yield { index: i, layout: 'yuv420p', yuv: yuvOf(i) };
      }
      for await (const f of transformFrames(frames(), [parallel])) {
        assert.equal(f.layout, 'yuv420p');
        if (f.layout !== 'yuv420p') continue;
        const expected = yuvOf(f.index);
        serial.apply({ index: f.index, layout: 'yuv420p', yuv: expected });
        assert.ok(Buffer.from(f.yuv).equals(Buffer.from(expected)), `frame ${f.index} differs`);
        const plain = yuvOf(f.index);
        assert.ok(!Buffer.from(f.yuv.subarray(0, W * H)).equals(Buffer.from(plain.subarray(0, W * H))), 'Y\' was marked');
        assert.ok(Buffer.from(f.yuv.subarray(W * H)).equals(Buffer.from(plain.subarray(W * H))), 'Cb and Cr untouched');
        assert.ok(f.yuv.subarray(0, W * H).every((v) => v >= 16 && v <= 235), 'Y\' stays in limited range');
      }
    } finally {
      await parallel.end();
    }
  });

  it('refuses frames of the wrong size and frames after end(); end() can be called twice', async () => {
    const parallel = new ParallelWatermarkEmbedder(1);
    await assert.rejects(parallel.apply({ index: 0, rgba: frame(0) }) as Promise<void>, /before begin/);
    parallel.beginWithPayload(payload, W, H);
    await assert.rejects(parallel.apply({ index: 0, rgba: new Uint8Array(16) }) as Promise<void>, (e: Error & { code?: string }) => e.code === 'E_INTERNAL' && /expected/.test(e.message));
    await parallel.end();
    await parallel.end();
    await assert.rejects(parallel.apply({ index: 1, rgba: frame(1) }) as Promise<void>, /stopped/);
  });

  it('sizes its pool from the CPUs: at least 1, at most 6', () => {
    assert.equal(defaultEmbedWorkers(1), 1);
    assert.equal(defaultEmbedWorkers(2), 1);
    assert.equal(defaultEmbedWorkers(16), 5);
    assert.equal(defaultEmbedWorkers(64), 6);
  });
});
