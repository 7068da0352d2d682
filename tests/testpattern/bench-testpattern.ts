/**
 * Throughput of the testpattern generator alone and with the mp4 encoder, e.g.
 *   npx tsx tests/testpattern/bench-testpattern.ts 1280x720 240 [preset]
 * Not a test (mocha only runs *.test.ts); numbers depend on the machine.
 */
import { rgbaOf } from '../helpers/frames';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ResolvedRequest } from '@rushes/shared';
import { createTestPatternGenerator } from '../../engine/src/generators/testpattern';
import { mediaTools, probe, startEncoder } from '../../engine/src/media';

async function main(): Promise<void> {
  const [size = '1280x720', framesArg = '240', preset] = process.argv.slice(2);
  const [width, height] = size.split('x').map(Number) as [number, number];
  const frames = Number(framesArg);
  const req: ResolvedRequest = {
    prompt: 'slow dolly over a misty pine forest at dawn, benchmark',
    seed: 1,
    frames,
    durationSeconds: frames / (24000 / 1001),
    fps: { num: 24000, den: 1001 },
    width,
    height,
    generator: 'testpattern',
    formats: ['mp4'],
    name: 'bench',
    startTimecode: '01:00:00:00',
  };
  const gen = createTestPatternGenerator();
  const ctx = { request: req, signal: new AbortController().signal, log: () => undefined };

  let t0 = performance.now();
  let n = 0;
  for await (const f of gen.render(ctx)) n += rgbaOf(f).length > 0 ? 1 : 0;
  const renderS = (performance.now() - t0) / 1000;
  console.log(`render only: ${n} frames ${width}x${height} in ${renderS.toFixed(2)} s = ${(n / renderS).toFixed(1)} fps`);

  const tools = await mediaTools();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rushes-bench-'));
  const file = path.join(dir, 'bench.mp4');
  t0 = performance.now();
  const enc = startEncoder({
    width, height, fps: req.fps, frames, startTimecode: req.startTimecode,
    outputs: [{ format: 'mp4', path: file }],
    ...(preset ? { x264: { preset } } : {}),
  });
  for await (const f of gen.render(ctx)) await enc.write(rgbaOf(f));
  await enc.end();
  const totalS = (performance.now() - t0) / 1000;
  const p = await probe(file);
  console.log(
    `render+encode mp4 (${preset ?? 'default preset'}, ffmpeg ${tools.ffmpeg.version} ${tools.ffmpeg.source}): ${frames} frames in ${totalS.toFixed(2)} s = ${(frames / totalS).toFixed(1)} fps; probed ${p.frameCount} frames ${p.fps.num}/${p.fps.den}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
