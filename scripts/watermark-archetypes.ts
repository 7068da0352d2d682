/**
 * Watermark robustness on what Rushes actually makes: one clip per procedural archetype (and the test
 * pattern), rendered by the engine's generators, marked by the engine's embedder with its defaults,
 * encoded the way the engine encodes (libx264 at DEFAULT_X264), then edited with ffmpeg and read back
 * by the detector from a 2 s stretch. The same clips unmarked go through the same edits to count false
 * positives. Writes the `watermark-archetypes` section of docs/BENCHMARKS.md.
 *
 *   npx tsx scripts/watermark-archetypes.ts [--only product,text] [--seconds 3.5] [--no-doc] [--layout yuv420p]
 *
 * --layout yuv420p marks the frames as a job on a GPU does: converted to YUV 4:2:0 first (here on the
 * CPU, with the GPU pass's definition), the mark on the Y' plane, the encoder fed YUV. It writes the
 * `watermark-archetypes-yuv` section instead.
 *
 * Every stretch is read as `rushes verify` reads it: blind first, then (when no message decodes) matched
 * against the jobs of the install, here the clip's own job among KNOWN_JOBS - 1 others of the same
 * install. Each marked stretch is also read with its own job left out of the list (a clip from a job the
 * install no longer lists): no payload may be named then. Unmarked stretches are read with the full list.
 *
 * scripts/watermark-bench.ts measures the same detector on synthetic content (fractals, cellular
 * automata, noise, gradients) and on a few hundred unmarked stretches; this one answers "does the mark
 * on a Rushes clip survive the edit".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ResolvedRequest } from '@rushes/shared';
import type { Generator } from '../engine/src/generators/types';
import { createProceduralGenerator } from '../engine/src/generators/procedural';
import { createTestPatternGenerator } from '../engine/src/generators/testpattern';
import { DEFAULT_X264, startEncoder } from '../engine/src/media/encoder';
import { FRAME_LAYOUTS, isFrameLayout, rgbaToYuv420 } from '../engine/src/media/layout';
import { DEFAULT_EMBED, WatermarkEmbedder, detectWatermark, payloadFor } from '../engine/src/provenance/watermark';
import { applyAttack, psnr, psnrPlane, type Attack } from '../tests/provenance/watermark-fixtures';
import { machineLine, writeSection } from './bench-doc';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string', default: '' },
    seconds: { type: 'string', default: '3.5' },
    'no-doc': { type: 'boolean', default: false },
    layout: { type: 'string', default: 'rgba' },
  },
});
if (!isFrameLayout(args.layout)) throw new Error(`--layout ${FRAME_LAYOUTS.join('|')}, not "${args.layout}"`);
const YUV = args.layout === 'yuv420p';
const W = 1280;
const H = 720;
const SECONDS = Number(args.seconds);
const FRAMES = Math.round(SECONDS * 24);
const only = args.only.split(',').filter(Boolean);
const writeDoc = !args['no-doc'] && only.length === 0;
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-wm-archetypes-'));

const CLIPS: Array<{ name: string; generator: 'procedural' | 'testpattern'; prompt: string }> = [
  { name: 'nature', generator: 'procedural', prompt: 'slow dolly over a misty pine forest at dawn' },
  { name: 'urban', generator: 'procedural', prompt: 'city skyline at night with light trails, drone shot' },
  { name: 'abstract', generator: 'procedural', prompt: 'teal and orange ribbons motion background loop' },
  { name: 'product', generator: 'procedural', prompt: 'perfume bottle on a studio sweep, turntable, soft box lighting' },
  { name: 'text', generator: 'procedural', prompt: 'title card "Rushes" "A procedural B-roll engine"' },
  { name: 'physics', generator: 'procedural', prompt: 'dominoes toppling in a chain reaction, orbit' },
  { name: 'lower third', generator: 'procedural', prompt: 'lower third "Ana Ruiz" "Director of Photography" over a city at dusk' },
  { name: 'testpattern', generator: 'testpattern', prompt: 'bars' },
];

/** Fixed geometries, so runs compare; the combined edit is tried at two crop offsets and trim points. */
const ATTACKS: Array<{ label: string; attack: Attack | null; detectStart: number }> = [
  { label: 'none (as encoded)', attack: null, detectStart: 0.5 },
  { label: 'H.264 CRF 28', attack: { name: 'crf28', start: 0, seconds: SECONDS, crf: 28 }, detectStart: 0.5 },
  { label: '50% downscale', attack: { name: 'scale50', start: 0, seconds: SECONDS, scale: 0.5, crf: 18 }, detectStart: 0.5 },
  { label: '10% crop', attack: { name: 'crop10', start: 0, seconds: SECONDS, crop: { keep: 0.9, fx: 0.3, fy: 0.7 }, crf: 18 }, detectStart: 0.5 },
  { label: 'trim', attack: { name: 'trim', start: 1.1, seconds: 2.3, crf: 18 }, detectStart: 0 },
  { label: 'all combined (a)', attack: { name: 'comb-a', start: 0.4, seconds: 2.5, crop: { keep: 0.9, fx: 0.6, fy: 0.2 }, scale: 0.5, crf: 28 }, detectStart: 0.1 },
  { label: 'all combined (b)', attack: { name: 'comb-b', start: 0.9, seconds: 2.5, crop: { keep: 0.9, fx: 0.1, fy: 0.9 }, scale: 0.5, crf: 28 }, detectStart: 0.1 },
];

/** Through the engine's own encoder, so the clip is exactly what a job would write. */
async function encode(frames: Uint8Array[], out: string): Promise<void> {
  const enc = startEncoder({
    width: W, height: H, fps: { num: 24, den: 1 }, frames: frames.length, startTimecode: '00:00:00:00',
    outputs: [{ format: 'mp4', path: out }], inputLayout: YUV ? 'yuv420p' : 'rgba',
  });
  for (const f of frames) await enc.write(f);
  await enc.end();
}

interface Cell {
  found: boolean;
  exact: boolean;
  method?: 'decoded' | 'matched';
  /** Sync peak (blind), and the informed match's peak when it ran. */
  z: number;
  matchZ?: number;
  /** A payload other than the clip's was named (with or without its job among the candidates). */
  wrong: boolean;
}

/** Jobs of the install that informed detection compares with (the clip's own and the others). */
const KNOWN_JOBS = 1000;
const otherJobs = Array.from({ length: KNOWN_JOBS - 1 }, (_, k) => payloadFor({ installId: 'bench-install', jobId: `bench-other-${k}` }));

async function main(): Promise<void> {
  const procedural = await createProceduralGenerator();
  if (procedural.unavailableReason) throw new Error(`No WebGPU backend: ${procedural.unavailableReason}`);
  const testpattern = createTestPatternGenerator();
  const rows: Array<{ name: string; prompt: string; psnr: number; minPsnr: number; marked: Cell[]; falsePositives: number }> = [];
  const started = performance.now();
  for (const clip of CLIPS.filter((c) => only.length === 0 || only.includes(c.name))) {
    const gen: Generator = clip.generator === 'procedural' ? procedural : testpattern;
    const request: ResolvedRequest = {
      prompt: clip.prompt, seed: 7, frames: FRAMES, durationSeconds: SECONDS, fps: { num: 24, den: 1 }, width: W, height: H,
      generator: clip.generator, formats: ['mp4'], name: clip.name, startTimecode: '00:00:00:00',
    };
    const frames: Uint8Array[] = [];
    for await (const f of gen.render({ request, signal: new AbortController().signal, log: () => undefined })) {
      if (f.layout === 'yuv420p') throw new Error(`${clip.name}: asked for RGBA, got YUV`);
      frames.push(YUV ? rgbaToYuv420(f.rgba, W, H) : f.rgba.slice());
    }
    const payload = payloadFor({ installId: 'bench-install', jobId: `bench-${clip.name}` });
    const embedder = new WatermarkEmbedder();
    embedder.beginWithPayload(payload, W, H);
    let psnrSum = 0;
    let minPsnr = Infinity;
    const marked = frames.map((f, index) => {
      const copy = f.slice();
      embedder.apply(YUV ? { index, layout: 'yuv420p', yuv: copy } : { index, rgba: copy });
      // For YUV frames, PSNR of the Y' plane (the mark leaves Cb and Cr alone).
      const p = YUV ? psnrPlane(f.subarray(0, W * H), copy.subarray(0, W * H)) : psnr(f, copy);
      psnrSum += p;
      minPsnr = Math.min(minPsnr, p);
      return copy;
    });
    const slug = clip.name.replace(/\W+/g, '-');
    const markedFile = path.join(outDir, `${slug}-marked.mp4`);
    const plainFile = path.join(outDir, `${slug}-plain.mp4`);
    await encode(marked, markedFile);
    await encode(frames, plainFile);
    const cells: Cell[] = [];
    let falsePositives = 0;
    for (const a of ATTACKS) {
      const edited = async (src: string, tag: string) => {
        if (!a.attack) return src;
        const out = path.join(outDir, `${slug}-${tag}-${a.attack.name}.mp4`);
        await applyAttack(src, out, a.attack, W, H);
        return out;
      };
      const known = [...otherJobs.slice(0, 400), payload, ...otherJobs.slice(400)];
      const m = await edited(markedFile, 'm');
      const r = await detectWatermark(m, { start: a.detectStart, duration: 2, knownPayloads: known });
      const unlisted = await detectWatermark(m, { start: a.detectStart, duration: 2, knownPayloads: otherJobs });
      cells.push({
        found: r.found, exact: r.payload?.hex === payload.hex, method: r.method, z: r.syncZ, matchZ: r.match?.z,
        wrong: (r.payload !== undefined && r.payload.hex !== payload.hex) || (unlisted.payload !== undefined && unlisted.payload.hex !== payload.hex),
      });
      const u = await detectWatermark(await edited(plainFile, 'u'), { start: a.detectStart, duration: 2, knownPayloads: known });
      if (u.found) falsePositives++;
    }
    const row = { name: clip.name, prompt: clip.prompt, psnr: psnrSum / frames.length, minPsnr, marked: cells, falsePositives };
    rows.push(row);
    console.log(
      `${clip.name.padEnd(12)} PSNR ${row.psnr.toFixed(1)} dB (min ${minPsnr.toFixed(1)})  ` +
        cells.map((c, i) => `${ATTACKS[i]!.attack?.name ?? 'none'}:${c.wrong ? 'WRONG' : c.exact ? c.method : c.found ? 'found' : 'MISSED'}(z ${c.z.toFixed(1)}${c.matchZ ? `, match ${c.matchZ.toFixed(1)}` : ''})`).join('  ') +
        `  false positives ${falsePositives}/${ATTACKS.length}`,
    );
  }
  await procedural.dispose();
  fs.rmSync(outDir, { recursive: true, force: true });
  const minutes = (performance.now() - started) / 60000;

  const cellText = (c: Cell): string => {
    if (c.wrong) return `**wrong payload** (z ${c.z.toFixed(1)})`;
    if (c.exact && c.method === 'matched') return `payload, matched (blind z ${c.z.toFixed(1)}, match z ${(c.matchZ ?? 0).toFixed(1)})`;
    if (c.exact) return `payload (z ${c.z.toFixed(1)})`;
    return c.found ? `found, payload lost (z ${c.z.toFixed(1)}${c.matchZ ? `, match z ${c.matchZ.toFixed(1)}` : ''})` : `**missed** (z ${c.z.toFixed(1)})`;
  };
  const exactPerAttack = ATTACKS.map((_, i) => rows.filter((r) => r.marked[i]!.exact).length);
  const blindPerAttack = ATTACKS.map((_, i) => rows.filter((r) => r.marked[i]!.exact && r.marked[i]!.method === 'decoded').length);
  const wrong = rows.reduce((s, r) => s + r.marked.filter((c) => c.wrong).length, 0);
  const lines = [
    YUV ? '## Invisible watermark on Rushes clips, per archetype, marked on the Y\' plane (as on a GPU)' : '## Invisible watermark on Rushes clips, per archetype',
    '',
    `Machine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx scripts/watermark-archetypes.ts${YUV ? ' --layout yuv420p' : ''}\` (${minutes.toFixed(1)} min).`,
    '',
    `Each clip: ${SECONDS} s of 1280x720 at 24 fps from the engine's own generators (seed 7), marked by the engine's embedder ` +
      `(minStrength ${DEFAULT_EMBED.minStrength}, maxStrength ${DEFAULT_EMBED.maxStrength}, PSNR floor ${DEFAULT_EMBED.minPsnr} dB), ` +
      `encoded as the engine does (libx264 ${DEFAULT_X264.preset}, CRF ${DEFAULT_X264.crf}). Each edit is one ffmpeg re-encode ` +
      '(libx264 fast; CRF 28 where named, else 18); "all combined" is a trim to 2.5 s + a 10% crop (90% of each side, two offsets) + ' +
      'a 50% bicubic downscale + CRF 28. ' +
      (YUV ? 'Here the frames were converted to YUV 4:2:0 first and marked on the Y\' plane (PSNR of Y\'), as a job does when the GPU makes YUV. ' : '') +
      'The detector reads a 2 s stretch. "payload" = found and all 64 payload bits right, decoded blind; "matched" = the message did not decode blind ' +
      `and the mark matched the clip's job among ${KNOWN_JOBS} jobs of the same install (informed detection, as \`rushes verify\` does with the install's job list); ` +
      'z = blind sync peak (a mark is declared from the sync alone above about 7.1), match z = the informed peak. ' +
      `Each marked stretch is also read with its own job left out of the list: a payload named then would be counted as wrong (${wrong} were). ` +
      `The unmarked encode of every clip goes through the same edits and is read with the ${KNOWN_JOBS} jobs: a detection there is a false positive.`,
    '',
    `| clip | PSNR mean / min | ${ATTACKS.map((a) => a.label).join(' | ')} | false positives |`,
    `| --- | --- | ${ATTACKS.map(() => '---').join(' | ')} | ---: |`,
    ...rows.map((r) => `| ${r.name} | ${r.psnr.toFixed(1)} / ${r.minPsnr.toFixed(1)} dB | ${r.marked.map(cellText).join(' | ')} | ${r.falsePositives} of ${ATTACKS.length} |`),
    `| **payload exact** (of which blind) | | ${exactPerAttack.map((n, i) => `${n} of ${rows.length} (${blindPerAttack[i]})`).join(' | ')} | ${rows.reduce((s, r) => s + r.falsePositives, 0)} of ${rows.length * ATTACKS.length} |`,
  ];
  if (writeDoc) {
    const section = YUV ? 'watermark-archetypes-yuv' : 'watermark-archetypes';
    writeSection(section, lines.join('\n'));
    console.log(`wrote the ${section} section of docs/BENCHMARKS.md`);
  } else {
    console.log(lines.join('\n'));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
