/**
 * Test and benchmark fixtures for the watermark: synthetic clips (ffmpeg lavfi sources and
 * JS-generated frames), marking a clip through the real embedder and an H.264 encode, and the attacks
 * of issue 7 done with ffmpeg. Not shipped: tests and scripts/watermark-bench.ts use it.
 */
import { spawn } from 'node:child_process';
import { WatermarkEmbedder, type WatermarkPayload } from '../../engine/src/provenance/watermark';

export const FFMPEG: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

export type SourceKind = 'testsrc2' | 'mandelbrot' | 'cellauto' | 'life' | 'noise' | 'gradient' | 'scene' | 'flat';
export const SOURCE_KINDS: SourceKind[] = ['testsrc2', 'mandelbrot', 'cellauto', 'life', 'noise', 'gradient', 'scene'];

export interface ClipSpec {
  kind: SourceKind;
  width: number;
  height: number;
  fps: number;
  seconds: number;
  /** Varies the content (lavfi seeds, JS scene parameters). */
  seed: number;
}

function lavfiGraph(s: ClipSpec): string | undefined {
  const size = `${s.width}x${s.height}`;
  const d = `d=${s.seconds}`;
  switch (s.kind) {
    case 'testsrc2':
      return `testsrc2=s=${size}:r=${s.fps}:${d}`;
    case 'mandelbrot':
      // The zoom moves with time; the start scale differs per seed.
      return `mandelbrot=s=${size}:r=${s.fps}:start_scale=${1.5 + 0.3 * (s.seed % 5)}:end_scale=0.3,trim=duration=${s.seconds}`;
    case 'cellauto':
      return `cellauto=s=${Math.round(s.width / 4)}x${Math.round(s.height / 4)}:r=${s.fps}:rule=${[30, 110, 18, 90, 150][s.seed % 5]}:seed=${s.seed}:scroll=1,scale=${s.width}:${s.height}:flags=neighbor,trim=duration=${s.seconds}`;
    case 'life':
      return `life=s=${Math.round(s.width / 4)}x${Math.round(s.height / 4)}:r=${s.fps}:seed=${s.seed}:mold=10:ratio=0.3:death_color=#203040:life_color=#e0c080,scale=${s.width}:${s.height}:flags=bicubic,trim=duration=${s.seconds}`;
    case 'noise':
      return `color=c=0x808080:s=${size}:r=${s.fps}:${d},noise=alls=${20 + 5 * (s.seed % 4)}:allf=t,gblur=sigma=${0.5 + (s.seed % 3) * 0.5}`;
    default:
      return undefined;
  }
}

/** JS-generated frames: a smooth moving gradient, a flat field, or a simple moving "scene". */
function* jsFrames(s: ClipSpec): Generator<Uint8Array> {
  const n = Math.round(s.seconds * s.fps);
  const { width: W, height: H, seed } = s;
  for (let f = 0; f < n; f++) {
    const rgba = new Uint8Array(W * H * 4);
    const t = f / s.fps;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const q = (y * W + x) * 4;
        let r: number, g: number, b: number;
        if (s.kind === 'flat') {
          r = g = b = 96 + 16 * (seed % 5);
        } else if (s.kind === 'gradient') {
          // A slow diagonal sky-like gradient drifting with time.
          const u = (x + 40 * t * (1 + (seed % 3))) / W;
          const v = y / H;
          r = 40 + 150 * v + 30 * u;
          g = 70 + 120 * v + 20 * Math.sin(u * 2 + seed);
          b = 160 + 80 * (1 - v) * (0.6 + 0.4 * u);
        } else {
          // "scene": sky gradient, a textured ground, a few moving discs: like a procedural render.
          const horizon = H * (0.55 + 0.05 * Math.sin(seed));
          if (y < horizon) {
            const v = y / horizon;
            r = 90 + 100 * v; g = 130 + 80 * v; b = 200 + 40 * v;
          } else {
            const gx = x + 30 * t * (1 + (seed % 2));
            const tex = Math.sin(gx * 0.35) * Math.sin(y * 0.41 + gx * 0.05) * 25 + Math.sin(gx * 0.05 + y * 0.02) * 20;
            r = 70 + tex; g = 100 + tex; b = 50 + tex * 0.5;
          }
          for (let k = 0; k < 3; k++) {
            const cx = ((k * 0.3 + 0.15 + 0.1 * t * (k + 1)) % 1) * W;
            const cy = H * (0.3 + 0.15 * k);
            const rad = H * 0.08;
            if ((x - cx) ** 2 + (y - cy) ** 2 < rad * rad) {
              r = 200 - 40 * k; g = 60 + 50 * k; b = 60;
            }
          }
        }
        rgba[q] = r; rgba[q + 1] = g; rgba[q + 2] = b; rgba[q + 3] = 255;
      }
    }
    yield rgba;
  }
}

/** Raw RGBA frames of a clip, in order. */
export async function* clipFrames(s: ClipSpec): AsyncGenerator<Uint8Array> {
  const graph = lavfiGraph(s);
  if (!graph) {
    yield* jsFrames(s);
    return;
  }
  const proc = spawn(FFMPEG, ['-v', 'error', '-f', 'lavfi', '-i', graph, '-frames:v', String(Math.round(s.seconds * s.fps)), '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const frameBytes = s.width * s.height * 4;
  let pending: Buffer = Buffer.alloc(0);
  const closed = new Promise<number | null>((resolve) => proc.on('close', resolve));
  for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= frameBytes) {
      yield new Uint8Array(pending.subarray(0, frameBytes));
      pending = pending.subarray(frameBytes);
    }
  }
  const code = await closed;
  if (code !== 0) throw new Error(`ffmpeg lavfi ${graph} failed: ${stderr}`);
}

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg ${args.join(' ')} failed: ${err}`))));
  });
}

export interface EncodeStats {
  frames: number;
  /** Mean PSNR (RGB, per frame, dB) of marked vs original frames, before encoding. */
  psnr: number;
  /** Worst frame. */
  minPsnr: number;
  /** Mean apply() time. */
  applyMs: number;
}

/** PSNR of one 8-bit plane (a Y' plane), every sample counted. */
export function psnrPlane(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] as number) - (b[i] as number);
    se += d * d;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / a.length));
}

/** PSNR of two RGBA frames over R, G and B (alpha is not counted). */
export function psnr(a: Uint8Array, b: Uint8Array): number {
  let se = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      const d = (a[i + c] as number) - (b[i + c] as number);
      se += d * d;
    }
    n += 3;
  }
  return se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

/**
 * Encodes a clip to H.264 (CRF 18, preset fast, yuv420p: a little harsher than the engine's veryfast CRF 16), marking every frame
 * with `payload` unless it is null. Returns the embedder's visual cost and speed.
 */
export async function encodeClip(spec: ClipSpec, out: string, payload: WatermarkPayload | null, crf = 18): Promise<EncodeStats> {
  const enc = spawn(
    FFMPEG,
    ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${spec.width}x${spec.height}`, '-r', String(spec.fps), '-i', 'pipe:0',
      '-c:v', 'libx264', '-preset', 'fast', '-crf', String(crf), '-pix_fmt', 'yuv420p', out],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let err = '';
  enc.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<number | null>((resolve) => enc.on('close', resolve));
  const emb = new WatermarkEmbedder();
  if (payload) emb.beginWithPayload(payload, spec.width, spec.height);
  let frames = 0;
  let psnrSum = 0;
  let minPsnr = Infinity;
  let ms = 0;
  for await (const rgba of clipFrames(spec)) {
    if (payload) {
      const orig = rgba.slice();
      const t = performance.now();
      emb.apply({ index: frames, rgba });
      ms += performance.now() - t;
      const p = psnr(orig, rgba);
      psnrSum += Math.min(p, 99);
      minPsnr = Math.min(minPsnr, p);
    }
    frames++;
    if (!enc.stdin.write(rgba)) await new Promise((r) => enc.stdin.once('drain', r));
  }
  enc.stdin.end();
  const code = await done;
  if (code !== 0) throw new Error(`x264 encode failed: ${err}`);
  return { frames, psnr: payload ? psnrSum / frames : Infinity, minPsnr, applyMs: payload ? ms / frames : 0 };
}

export interface Attack {
  name: string;
  /** Trim: start and length in seconds (always applied: the detector gets a 2 s stretch). */
  start: number;
  seconds: number;
  scale?: number;
  /** Crop to this fraction of each side, at (fx, fy) of the free margin. */
  crop?: { keep: number; fx: number; fy: number };
  crf: number;
}

/** Applies an attack with ffmpeg (one re-encode with libx264 at `crf`). */
export async function applyAttack(input: string, out: string, a: Attack, srcW: number, srcH: number): Promise<void> {
  const vf: string[] = [];
  if (a.crop) {
    const cw = Math.round((srcW * a.crop.keep) / 2) * 2;
    const ch = Math.round((srcH * a.crop.keep) / 2) * 2;
    vf.push(`crop=${cw}:${ch}:${Math.round((srcW - cw) * a.crop.fx)}:${Math.round((srcH - ch) * a.crop.fy)}`);
  }
  if (a.scale) vf.push(`scale=trunc(iw*${a.scale}/2)*2:trunc(ih*${a.scale}/2)*2`);
  const args = ['-v', 'error', '-y', '-ss', String(a.start), '-t', String(a.seconds), '-i', input];
  if (vf.length) args.push('-vf', vf.join(','));
  args.push('-an', '-c:v', 'libx264', '-preset', 'fast', '-crf', String(a.crf), '-pix_fmt', 'yuv420p', out);
  await run(args);
}
