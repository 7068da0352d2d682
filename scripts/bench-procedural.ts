/**
 * Procedural generator benchmark: one 5 s 1280x720 24 fps clip per archetype, end to end (plan ->
 * physics -> three.js on Dawn -> readback -> the engine's encoder -> MP4), with the backend named.
 * Writes the `procedural-bench` section of docs/BENCHMARKS.md.
 *
 *   npx tsx scripts/bench-procedural.ts [--seconds 5] [--width 1280 --height 720] [--only nature,urban]
 *                                       [--out /tmp/rushes-bench] [--no-doc] [--render-only]
 * --render-only skips the encoder (and the doc): it shows what rendering alone costs.
 * --watermark adds the job's per-frame transform (the invisible watermark on worker threads, overlapped
 * with rendering as in a job; --watermark-workers N sets the pool, 0 embeds on this thread instead).
 * --no-probe counts nothing with ffprobe (for machines that carry ffmpeg alone: scripts/device/).
 * --readback-depth N: frames in flight between render and readback (default 3).
 * --layout rgba|yuv420p: the frames' layout; by default what a job would choose (YUV made on the GPU
 * whenever the generator can, as every output here is MP4).
 * --motion-blur N: every clip with camera motion blur, a 180-degree shutter sampled N times a frame.
 * --preset NAME: libx264's preset instead of the engine's (prints only).
 * --tier software|hardware: scenes built as for that class of backend instead of this device's own.
 * --prompt "..." (repeatable): these prompts instead of the six archetype clips (prints only; the row's
 * label is the archetype the planner chose).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ResolvedRequest } from '@rushes/shared';
import { createProceduralGenerator, planPrompt, type SceneTier } from '../engine/src/generators/procedural';
import { DEFAULT_X264, startEncoder } from '../engine/src/media/encoder';
import { ParallelWatermarkEmbedder, WatermarkEmbedder, makePayload } from '../engine/src/provenance/watermark';
import { transformFrames } from '../engine/src/jobs/transform-frames';
import { chooseLayout } from '../engine/src/jobs/pipeline';
import { framePixels } from '../engine/src/generators/types';
import { FRAME_LAYOUTS, isFrameLayout } from '../engine/src/media/layout';
import { probe } from '../engine/src/media/probe';
import { machineLine, writeSection } from './bench-doc';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '720' },
    only: { type: 'string', default: '' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'rushes-bench-procedural') },
    'render-only': { type: 'boolean', default: false },
    'no-doc': { type: 'boolean', default: false },
    'no-probe': { type: 'boolean', default: false },
    watermark: { type: 'boolean', default: false },
    'watermark-workers': { type: 'string' },
    layout: { type: 'string' },
    'readback-depth': { type: 'string' },
    'motion-blur': { type: 'string' },
    preset: { type: 'string' },
    tier: { type: 'string' },
    prompt: { type: 'string', multiple: true },
  },
});
const seconds = Number(args.seconds);
const width = Number(args.width);
const height = Number(args.height);
const only = args.only.split(',').filter(Boolean);
const outDir = args.out;
const renderOnly = args['render-only'];
const noProbe = args['no-probe'];
const watermark = args.watermark;
const markWorkers = args['watermark-workers'] === undefined ? undefined : Number(args['watermark-workers']);
if (args.layout !== undefined && !isFrameLayout(args.layout)) throw new Error(`--layout ${FRAME_LAYOUTS.join('|')}, not "${args.layout}"`);
const forcedLayout = args.layout;
// The doc's table is the default configuration on this machine; variants print only.
const motionBlurSamples = args['motion-blur'] === undefined ? undefined : Number(args['motion-blur']);
const extraPrompts = args.prompt ?? [];
const preset = args.preset;
if (args.tier !== undefined && args.tier !== 'software' && args.tier !== 'hardware') throw new Error(`--tier software|hardware, not "${args.tier}"`);
const tier = args.tier as SceneTier | undefined;
const writeDoc = !args['no-doc'] && !renderOnly && !watermark && !noProbe && motionBlurSamples === undefined && preset === undefined && tier === undefined && width === 1280 && height === 720 && extraPrompts.length === 0;

const ARCHETYPE_CLIPS: Array<{ archetype: string; prompt: string }> = [
  { archetype: 'nature', prompt: 'slow dolly over a misty pine forest at dawn' },
  { archetype: 'urban', prompt: 'city skyline at night with light trails, drone shot' },
  { archetype: 'abstract', prompt: 'teal and orange ribbons motion background loop' },
  { archetype: 'product', prompt: 'perfume bottle on a studio sweep, turntable, soft box lighting' },
  { archetype: 'text', prompt: 'title card "Rushes" "A procedural B-roll engine"' },
  { archetype: 'physics', prompt: 'dominoes toppling in a chain reaction, orbit' },
];
const CLIPS = extraPrompts.length
  ? extraPrompts.map((prompt) => ({ archetype: planPrompt({ prompt, seed: 1 }).plan.archetype, prompt }))
  : ARCHETYPE_CLIPS;

interface Row {
  archetype: string;
  prompt: string;
  wall: number;
  firstFrame: number;
  render: number;
  encodeWait: number;
  frames: number;
  probedFrames: number;
  bytes: number;
  /** CPU time of this process (JS + Dawn + lavapipe's threads) per frame; ffmpeg is a child and not in it. */
  cpuPerFrame: number;
}

async function main(): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  const t0 = performance.now();
  const depth = args['readback-depth'] === undefined ? undefined : Number(args['readback-depth']);
  const gen = await createProceduralGenerator({ ...(depth ? { readbackDepth: depth } : {}), ...(tier ? { tier } : {}) });
  const openMs = performance.now() - t0;
  if (gen.unavailableReason) throw new Error(`No WebGPU backend: ${gen.unavailableReason}`);
  console.log(`backend ${gen.info.backend} (opened in ${openMs.toFixed(0)} ms)`);
  const fps = { num: 24, den: 1 };
  const frames = Math.round(seconds * 24);
  const rows: Row[] = [];
  for (const clip of CLIPS.filter((c) => only.length === 0 || only.includes(c.archetype))) {
    const plan = planPrompt({ prompt: clip.prompt, seed: 1 }).plan;
    if (plan.archetype !== clip.archetype) throw new Error(`"${clip.prompt}" planned as ${plan.archetype}`);
    if (motionBlurSamples !== undefined) plan.camera.motionBlur = { shutterAngle: 180, samples: motionBlurSamples };
    const request: ResolvedRequest = {
      prompt: clip.prompt,
      seed: 1,
      frames,
      durationSeconds: seconds,
      fps,
      width,
      height,
      generator: 'procedural',
      formats: ['mp4'],
      name: clip.archetype,
      startTimecode: '00:00:00:00',
      ...(motionBlurSamples !== undefined ? { plan } : {}),
    };
    const file = path.join(outDir, `${clip.archetype}.mp4`);
    const start = performance.now();
    const cpu0 = process.cpuUsage();
    const layout = forcedLayout ?? chooseLayout(request, gen);
    const enc = renderOnly
      ? { write: async () => undefined, end: async () => undefined }
      : startEncoder({
          width, height, fps, frames, startTimecode: request.startTimecode, outputs: [{ format: 'mp4', path: file }], inputLayout: layout,
          ...(preset ? { x264: { preset } } : {}),
        });
    const embedder = !watermark ? null : markWorkers === 0 ? new WatermarkEmbedder() : new ParallelWatermarkEmbedder(markWorkers);
    embedder?.beginWithPayload(makePayload(0x12345678, 0x9abcdef0), width, height);
    let render = 0;
    let encodeWait = 0;
    let firstFrame = 0;
    let n = 0;
    const rendered = gen.render({ request, signal: new AbortController().signal, log: () => undefined, layout });
    const it = transformFrames(rendered, embedder ? [embedder] : []);
    for (;;) {
      const a = performance.now();
      const next = await it.next();
      const b = performance.now();
      render += b - a;
      if (next.done) break;
      if (n === 0) firstFrame = b - start;
      n++;
      await enc.write(framePixels(next.value));
      encodeWait += performance.now() - b;
    }
    const e0 = performance.now();
    await enc.end();
    encodeWait += performance.now() - e0;
    if (embedder && 'end' in embedder) await embedder.end();
    const wall = performance.now() - start;
    const cpu = process.cpuUsage(cpu0);
    const info = renderOnly || noProbe ? { frameCount: undefined } : await probe(file);
    const row: Row = {
      archetype: clip.archetype,
      prompt: clip.prompt,
      wall,
      firstFrame,
      render,
      encodeWait,
      frames: n,
      probedFrames: info.frameCount ?? -1,
      bytes: renderOnly ? 0 : fs.statSync(file).size,
      cpuPerFrame: (cpu.user + cpu.system) / 1000 / Math.max(1, n),
    };
    rows.push(row);
    console.log(
      `${clip.archetype.padEnd(9)} wall ${(wall / 1000).toFixed(2)} s  first frame ${(firstFrame / 1000).toFixed(2)} s  ` +
        `render+readback${embedder ? '+watermark' : ''} ${(render / 1000).toFixed(2)} s  encoder waits ${(encodeWait / 1000).toFixed(2)} s  ` +
        `render CPU ${row.cpuPerFrame.toFixed(0)} ms/frame  ${n} frames (probe: ${row.probedFrames})  ${(n / (wall / 1000)).toFixed(1)} fps (${((n - 1) / ((wall - firstFrame) / 1000)).toFixed(1)} after the first)  ${(row.bytes / 1e6).toFixed(1)} MB  -> ${file}`,
    );
  }
  await gen.dispose();
  if (writeDoc && rows.length) {
    const load = os.loadavg()[0]!.toFixed(1);
    const lines = [
      '## Procedural generator (three.js WebGPURenderer on Dawn)',
      '',
      `Machine: ${machineLine()}. Backend: \`${gen.info.backend}\`. Date: ${new Date().toISOString().slice(0, 10)}. ` +
        `Command: \`npx tsx scripts/bench-procedural.ts\`. Load average when it finished: ${load} (other work on the same 2 cores inflates every figure).`,
      '',
      `Each clip: ${seconds} s, ${width}x${height}, 24 fps (${frames} frames), rendered, read back and piped into the engine's encoder (libx264 preset ${DEFAULT_X264.preset}, CRF ${DEFAULT_X264.crf}) as one pipeline. ` +
        '"first frame" includes building the scene and compiling its shaders; "render+readback" is time spent waiting on the generator; "encoder waits" is time spent waiting on ffmpeg to take frames; ' +
        '"render CPU" is this process\'s CPU time per frame (JavaScript, Dawn and lavapipe\'s threads; not ffmpeg), which depends much less on other load than wall time does. ' +
        `For scale: libx264 (preset ${DEFAULT_X264.preset}, CRF ${DEFAULT_X264.crf}) needed about 30 ms of CPU per 1280x720 frame here when encoding alone (preset fast, CRF 18: about 60 ms).`,
      '',
      '| archetype | prompt | wall time | first frame | render+readback | encoder waits | render CPU / frame | frames (probed) | MP4 |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.archetype} | ${r.prompt.replace(/\|/g, '/')} | ${(r.wall / 1000).toFixed(2)} s | ${(r.firstFrame / 1000).toFixed(2)} s | ${(r.render / 1000).toFixed(2)} s | ${(r.encodeWait / 1000).toFixed(2)} s | ${r.cpuPerFrame.toFixed(0)} ms | ${r.frames} (${r.probedFrames}) | ${(r.bytes / 1e6).toFixed(1)} MB |`,
      ),
      '',
      `Target: at most 10 s per clip on this machine. Met by ${rows.filter((r) => r.wall <= 10000).length} of ${rows.length}.`,
      '',
      'Where the time goes: the renderer (lavapipe runs its rasteriser threads inside this process) and libx264 share the same 2 cores, so wall time is ' +
        'about (render CPU + encode CPU) x frames / 2 plus the first frame. `perf` puts about 75% of all CPU time in lavapipe running shaders: per-pixel ' +
        'PBR with image-based lighting (dropping the environment map saved 25 to 38 ms a frame on the city, product and physics scenes), shadow ' +
        'lookups, and the one full-screen output pass. Applied on software backends: fixed-tap FXAA inside the output pass instead of 4x MSAA or ' +
        "three's FXAA node and its extra pass, dawn.node's promise polling paced (it spun a core), x264 veryfast, shadow maps rendered once for " +
        'static scenes, Lambert shading for terrain and foliage, the sky drawn last under the depth test, 3 frames in flight in the readback ring, the image-based light made only when a PBR material reads it, the trees, rocks and towers of one instanced mesh drawn nearest first (so the depth test skips the shading of what they hide: forest 162 -> 124 ms, city 200 -> 121 ms of render CPU a frame), the studio sweep lit by a spherical-harmonics fit of the studio light instead of two cube-map lookups a pixel (physics about 160 -> 120 ms), ' +
        'the studio\'s image-based light evaluated per pixel in closed form instead of a prefiltered cube map (product 10.6 -> 7.7 to 9.3 s, physics ' +
        '10.5 to 10.9 -> 8.8 to 10.3 s; the map took about 0.9 s of the first frame), lights whose shadow nothing casts no longer casting (night city about ' +
        '10 ms a frame), Rapier compiled while the GPU opens, and the city\'s light trails one mesh and shader instead of 20 (first frame about 0.3 s). ' +
        'The machine\'s own speed moves by 10 to 15% between runs (render CPU a frame for identical work), so a clip near 10 s can land either side of it.',
    ];
    writeSection('procedural-bench', lines.join('\n'));
    console.log('wrote the procedural-bench section of docs/BENCHMARKS.md');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
