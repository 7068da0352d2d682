/**
 * How fast the engine's encoder takes frames when nothing else runs: RGBA frames from a raw file (made
 * by ffmpeg, e.g. `testsrc2`) streamed through `startEncoder` with the engine's own arguments, so the
 * render figures of scripts/bench-procedural.ts can be read against the encoder's ceiling.
 *
 *   npx tsx scripts/device/encoder-throughput.ts --input frames.rgba --width 1920 --height 1080 [--preset veryfast]
 *                                                [--layout rgba|yuv420p]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_X264, startEncoder } from '../../engine/src/media/encoder';
import { FRAME_LAYOUTS, frameBytes, isFrameLayout } from '../../engine/src/media/layout';

const { values: args } = parseArgs({
  options: {
    input: { type: 'string' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    preset: { type: 'string', default: DEFAULT_X264.preset },
    layout: { type: 'string', default: 'rgba' },
  },
});

async function main(): Promise<void> {
  if (!args.input) throw new Error('--input FILE (raw RGBA frames) is required');
  const width = Number(args.width);
  const height = Number(args.height);
  const layout = args.layout;
  if (!isFrameLayout(layout)) throw new Error(`--layout ${FRAME_LAYOUTS.join('|')}, not "${layout}"`);
  const size = frameBytes(layout, width, height);
  const frames = Math.floor(fs.statSync(args.input).size / size);
  const data = fs.readFileSync(args.input);
  const out = path.join(os.tmpdir(), `rushes-encoder-throughput-${process.pid}.mp4`);
  const enc = startEncoder({
    width, height, fps: { num: 24, den: 1 }, frames, startTimecode: '00:00:00:00',
    outputs: [{ format: 'mp4', path: out }], x264: { preset: args.preset, crf: DEFAULT_X264.crf }, inputLayout: layout,
  });
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) await enc.write(data.subarray(i * size, (i + 1) * size));
  await enc.end();
  const s = (performance.now() - t0) / 1000;
  console.log(`encoder alone: ${frames} ${layout} frames ${width}x${height} libx264 ${args.preset} CRF ${DEFAULT_X264.crf} in ${s.toFixed(2)} s = ${(frames / s).toFixed(1)} fps (${os.cpus().length} CPUs)`);
  fs.rmSync(out, { force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
