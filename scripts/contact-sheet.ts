/**
 * Renders prompts with the procedural generator and tiles chosen frames into one image, so a person can
 * look at many scenes at once (and compare backends: lavapipe here, a real GPU through scripts/device/).
 * Prints, per prompt, the render time and a SHA-256 of every frame rendered, so two runs on the same
 * backend can be compared for determinism.
 *
 *   npx tsx scripts/contact-sheet.ts --prompts FILE --out sheet.jpg [--width 480 --height 270]
 *        [--seconds 3 --fps 4 --times 0.5,2.5] [--seed 1] [--cols 4] [--hashes hashes.txt] [--tier hardware]
 * FILE: one prompt a line; blank lines and lines starting with '#' are skipped.
 * --times: the instants (seconds) whose frames go on the sheet, each a multiple of 1/fps.
 * --tier hardware|software: build the scenes as for that class of backend (default: this device's own),
 *   e.g. a GPU's scenes on lavapipe.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { ResolvedRequest } from '@rushes/shared';
import { createProceduralGenerator, type SceneTier } from '../engine/src/generators/procedural';
import { mediaTools } from '../engine/src/media/ffmpeg';

const { values: args } = parseArgs({
  options: {
    prompts: { type: 'string' },
    out: { type: 'string' },
    width: { type: 'string', default: '480' },
    height: { type: 'string', default: '270' },
    seconds: { type: 'string', default: '3' },
    fps: { type: 'string', default: '4' },
    times: { type: 'string', default: '0.5,2.5' },
    seed: { type: 'string', default: '1' },
    cols: { type: 'string' },
    hashes: { type: 'string' },
    tier: { type: 'string' },
  },
});

async function main(): Promise<void> {
  if (!args.prompts || !args.out) throw new Error('--prompts FILE and --out IMAGE are required');
  const width = Number(args.width);
  const height = Number(args.height);
  const fps = Number(args.fps);
  const seconds = Number(args.seconds);
  const seed = Number(args.seed);
  const frames = Math.round(seconds * fps);
  // Frame indices, not float instants, so 0.5 s at 4 fps is frame 2 whatever the rounding.
  const wanted = new Set(args.times.split(',').map((t) => Math.round(Number(t) * fps)));
  for (const i of wanted) if (!(i >= 0 && i < frames)) throw new Error(`--times: frame ${i} is outside the clip's ${frames} frames`);
  const prompts = fs
    .readFileSync(args.prompts, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  const tier = args.tier as SceneTier | undefined;
  if (tier !== undefined && tier !== 'software' && tier !== 'hardware') throw new Error(`--tier software|hardware, not "${tier}"`);
  const gen = await createProceduralGenerator(tier ? { tier } : {});
  if (gen.unavailableReason) throw new Error(`No WebGPU backend: ${gen.unavailableReason}`);
  console.log(`backend ${gen.info.backend}${tier ? `, scenes built for ${tier}` : ''}`);
  const tiles: Buffer[] = [];
  const hashLines: string[] = [];
  for (const prompt of prompts) {
    const request: ResolvedRequest = {
      prompt, seed, frames, durationSeconds: seconds, fps: { num: fps, den: 1 }, width, height,
      generator: 'procedural', formats: ['mp4'], name: 'sheet', startTimecode: '00:00:00:00',
    };
    const t0 = performance.now();
    const digest = crypto.createHash('sha256');
    let i = 0;
    for await (const frame of gen.render({ request, signal: new AbortController().signal, log: () => undefined, layout: 'rgba' })) {
      if (frame.layout === 'yuv420p') throw new Error('asked for RGBA frames, got YUV');
      digest.update(frame.rgba);
      if (wanted.has(i)) tiles.push(Buffer.from(frame.rgba));
      i++;
    }
    const line = `${digest.digest('hex').slice(0, 16)}  ${((performance.now() - t0) / 1000).toFixed(1)} s  ${prompt}`;
    hashLines.push(line);
    console.log(line);
  }
  await gen.dispose();
  if (args.hashes) fs.writeFileSync(args.hashes, hashLines.map((l) => l.replace(/ {2}[\d.]+ s {2}/, '  ')).join('\n') + '\n');

  const cols = args.cols ? Number(args.cols) : wanted.size * 2;
  const rows = Math.ceil(tiles.length / cols);
  // Empty cells opaque black (a zero alpha reads as white in some viewers).
  while (tiles.length < rows * cols) tiles.push(Buffer.alloc(width * height * 4).fill(Buffer.from([0, 0, 0, 255])));
  const { ffmpeg } = await mediaTools();
  const r = spawnSync(
    ffmpeg.path,
    ['-y', '-loglevel', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-i', '-',
      '-vf', `tile=${cols}x${rows}:padding=4`, '-frames:v', '1', '-q:v', '3', args.out],
    { input: Buffer.concat(tiles), maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`ffmpeg could not write the sheet: ${r.stderr.toString()}`);
  console.log(`${prompts.length} prompts, ${tiles.length} tiles -> ${args.out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
