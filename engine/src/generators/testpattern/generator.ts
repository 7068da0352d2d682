/**
 * `testpattern`: broadcast colour bars with burnt-in timecode, frame number and the prompt, and marks
 * that move every frame. Needs no model and no GPU; useful as a slate and to check frame-exact
 * placement in a host. Deterministic: the same request gives the same pixels.
 */
import { RushesError, type GeneratorInfo, type ResolvedRequest } from '@rushes/shared';
import { parseTimecode } from '../../media/timecode';
import type { Frame, Generator, RenderContext } from '../types';
import { paintBackground, paintFrame, slateLayout, type SlateLayout } from './slate';
import type { Image } from './raster';

export const TESTPATTERN_VERSION = '1.0.0';

export interface TestPatternOptions {
  /** Whether `info.isDefault` says so (the registry decides which generator is the default). */
  isDefault?: boolean;
}

const LIMITS = { maxWidth: 7680, maxHeight: 4320, maxFrames: 36000, maxFps: 120 } as const;

/** A prepared job: layout and the painted background. Frames are copies of the background plus a few marks. */
export interface TestPatternJob {
  layout: SlateLayout;
  background: Image;
  renderFrame(index: number): Uint8Array;
}

export function prepareTestPattern(req: ResolvedRequest): TestPatternJob {
  const layout = slateLayout(req);
  const background = paintBackground(layout);
  return {
    layout,
    background,
    renderFrame(index: number): Uint8Array {
      // A fresh buffer per frame: the consumer may still hold the previous one (encoder queue, watermark).
      const data = background.data.slice();
      paintFrame({ width: layout.width, height: layout.height, data }, layout, index, req.frames, req.fps.num, req.fps.den);
      return data;
    },
  };
}

export function createTestPatternGenerator(options: TestPatternOptions = {}): Generator {
  const info: GeneratorInfo = {
    id: 'testpattern',
    name: 'Test pattern',
    description:
      'SMPTE RP 219-style 75% colour bars with burnt-in timecode, frame number, prompt text, a sweep and a dial that move every frame. No model needed.',
    version: TESTPATTERN_VERSION,
    inputs: ['text'],
    device: 'cpu',
    backend: 'cpu-js',
    isDefault: options.isDefault ?? false,
    limits: { ...LIMITS },
  };

  return {
    info,

    check(req: ResolvedRequest): void {
      const no = (msg: string): never => {
        throw new RushesError('E_UNSUPPORTED', `testpattern: ${msg}`);
      };
      if (!Number.isInteger(req.width) || !Number.isInteger(req.height) || req.width < 16 || req.height < 16) {
        no(`the frame must be at least 16x16, not ${req.width}x${req.height}.`);
      }
      if (req.width > LIMITS.maxWidth || req.height > LIMITS.maxHeight) {
        no(`${req.width}x${req.height} is larger than ${LIMITS.maxWidth}x${LIMITS.maxHeight}.`);
      }
      if (req.width % 2 || req.height % 2) no(`width and height must be even (H.264 4:2:0 needs it), not ${req.width}x${req.height}.`);
      if (!Number.isInteger(req.frames) || req.frames < 1 || req.frames > LIMITS.maxFrames) {
        no(`${req.frames} frames is outside 1..${LIMITS.maxFrames}.`);
      }
      if (req.fps.num / req.fps.den > LIMITS.maxFps) no(`${req.fps.num}/${req.fps.den} fps is above ${LIMITS.maxFps}.`);
      const refs = Object.entries(req.references ?? {}).filter(([, v]) => v !== undefined).map(([k]) => k);
      if (refs.length) no(`it draws from the prompt only and cannot use ${refs.join(', ')} references; remove them or pick another generator.`);
      if (req.plan !== undefined) no('it does not take a scene plan; remove "plan" or pick the procedural generator.');
      parseTimecode(req.startTimecode, req.fps); // E_INVALID for a malformed or impossible timecode
    },

    async *render(ctx: RenderContext): AsyncIterable<Frame> {
      const req = ctx.request;
      const job = prepareTestPattern(req);
      ctx.log('testpattern: background ready', { width: req.width, height: req.height, frames: req.frames, promptLines: job.layout.promptLines.length });
      for (let index = 0; index < req.frames; index++) {
        if (ctx.signal.aborted) throw new RushesError('E_CANCELLED', 'The job was cancelled.');
        yield { index, rgba: job.renderFrame(index) };
        // Frames are cheap; give sockets and timers a turn so a long render never starves the daemon.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },

    report(req: ResolvedRequest): Record<string, unknown> {
      const layout = slateLayout(req);
      return { promptLinesShown: layout.promptLines, promptTruncated: layout.promptTruncated };
    },
  };
}
