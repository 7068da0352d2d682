/**
 * YUV 4:2:0 made on the GPU (render/yuv.mts, WGSL) against the same frame converted on the CPU from
 * its RGBA (media/layout.ts: BT.709, limited range, 2x2 mean chroma): every sample within one code value.
 */
import { strict as assert } from 'node:assert';
import type { ResolvedRequest } from '@rushes/shared';
import type { ProceduralGenerator } from '../../engine/src/generators/procedural';
import { proceduralOrSkip } from '../helpers/gpu';
import { yuvSupported } from '../../engine/src/generators/procedural/yuv-size';
import type { Frame, RenderContext } from '../../engine/src/generators/types';
import { rgbaToYuv420 } from '../../engine/src/media/layout';

const W = 256;
const H = 144;

function request(): ResolvedRequest {
  return {
    prompt: 'teal and orange ribbons motion background', seed: 5, frames: 3, durationSeconds: 0.125, fps: { num: 24, den: 1 },
    width: W, height: H, generator: 'procedural', formats: ['mp4'], name: 'yuv', startTimecode: '00:00:00:00',
  };
}

async function collect(g: ProceduralGenerator, layout: RenderContext['layout']): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of g.render({ request: request(), signal: new AbortController().signal, log: () => undefined, ...(layout ? { layout } : {}) })) out.push(f);
  return out;
}

describe('procedural: YUV 4:2:0 on the GPU', function () {
  this.timeout(60000);
  let g: ProceduralGenerator;

  before(async function () {
    g = await proceduralOrSkip(this);
  });
  after(async () => g?.dispose());

  it('matches the BT.709 limited-range conversion of the RGBA frame within one code value', async () => {
    const rgb = await collect(g, undefined);
    const yuv = await collect(g, 'yuv420p');
    assert.equal(yuv.length, 3);
    for (let i = 0; i < 3; i++) {
      const a = rgb[i]!;
      const b = yuv[i]!;
      assert.ok(a.layout !== 'yuv420p' && b.layout === 'yuv420p');
      assert.equal(b.yuv.length, (W * H * 3) / 2);
      const ref = rgbaToYuv420(a.rgba, W, H);
      let worst = 0;
      let worstAt = -1;
      for (let k = 0; k < ref.length; k++) {
        const d = Math.abs(ref[k]! - b.yuv[k]!);
        if (d > worst) [worst, worstAt] = [d, k];
      }
      assert.ok(worst <= 1, `frame ${i}: sample ${worstAt} differs by ${worst}`);
      // Not a degenerate picture: the chroma planes carry colour (the prompt is teal and orange).
      const cb = b.yuv.subarray(W * H, W * H + (W * H) / 4);
      assert.ok(Math.max(...cb) - Math.min(...cb) > 20, 'the Cb plane varies');
    }
  });

  it('offers YUV to jobs only on a hardware GPU and only for sizes it can pack', () => {
    const offered = g.layouts?.(request()) ?? [];
    // On lavapipe the compute pass cost more CPU than ffmpeg's conversion (docs/BENCHMARKS.md).
    assert.deepEqual(offered, g.info.device === 'gpu' ? ['yuv420p'] : []);
    assert.equal(yuvSupported(1920, 1080), true);
    assert.equal(yuvSupported(854, 480), false);
    assert.equal(yuvSupported(640, 361), false);
  });
});
