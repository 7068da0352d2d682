/**
 * Streams RGBA frames into ONE ffmpeg process that writes every requested output at once (the frames
 * are split inside ffmpeg's filter graph, so each frame crosses the pipe once and nothing touches the
 * disk in between). Outputs:
 *   mp4    H.264 (libx264) yuv420p, BT.709 matrix/primaries/transfer, limited range, +faststart, timecode track
 *   prores ProRes 422 HQ (prores_ks profile 3) yuv422p10le .mov, BT.709, timecode track
 *   png    a numbered sequence `<base>.%06d.png` in a folder, first frame 0
 * The caller owns naming: it passes temporary paths and renames them when `end()` resolves.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RushesError, formatRational, type OutputFormat, type Rational } from '@rushes/shared';
import { mediaTools, type ToolInfo } from './ffmpeg';
import { nominalRate, parseTimecode } from './timecode';
import { frameBytes, isFrameLayout, type FrameLayout } from './layout';

export interface EncoderOutput {
  format: OutputFormat;
  /** The file to write (mp4, prores), or the folder that will hold the sequence (png). */
  path: string;
  /** png only: the file names' stem, `<baseName>.000000.png`. Defaults to the folder's name up to its first dot. */
  baseName?: string;
}

export interface EncoderSpec {
  width: number;
  height: number;
  fps: Rational;
  /** Exactly this many frames must be written before `end()`. */
  frames: number;
  /** SMPTE start timecode, HH:MM:SS:FF or HH:MM:SS;FF (drop-frame). */
  startTimecode: string;
  outputs: EncoderOutput[];
  /** Container metadata for mp4/mov (e.g. title, comment). */
  metadata?: Record<string, string>;
  /** Aborting it is the same as calling `abort()`. */
  signal?: AbortSignal;
  /** libx264 speed/quality trade-off; defaults to DEFAULT_X264. */
  x264?: { preset?: string; crf?: number };
  /**
   * What `write()` is given: 'rgba' (default), or 'yuv420p' already in BT.709 limited range (frames made
   * on the GPU), which goes to x264 with no conversion at all. yuv420p is for MP4 outputs only.
   */
  inputLayout?: FrameLayout;
}

export interface Encoder {
  /** Resolves when ffmpeg's stdin has taken the frame (drained); rejects if ffmpeg has failed. */
  write(pixels: Uint8Array): Promise<void>;
  /** Closes stdin and resolves when ffmpeg exited 0 with every frame written. */
  end(): Promise<void>;
  /** Kills ffmpeg and removes partial outputs. Safe to call at any time, more than once. */
  abort(): Promise<void>;
  readonly framesWritten: number;
  /** The ffmpeg doing the work, once it has started. */
  readonly ffmpeg: ToolInfo | undefined;
}

/**
 * veryfast at CRF 16 rather than fast at CRF 18: on a 1280x720 night-city clip it needs half the CPU
 * (3.6 s against 7.0 s for 120 frames on this project's 2-core machine) for an SSIM within 0.6 dB of it
 * (17.9 against 18.5 dB) and files about a quarter larger. Where the renderer is itself on the CPU
 * (lavapipe), that CPU is the renderer's; on a GPU machine the encoder is the pipeline's bottleneck.
 */
export const DEFAULT_X264 = { preset: 'veryfast', crf: 16 } as const;

/** The file-name pattern of a PNG sequence (ffmpeg's image2 and the ImageSequence schema both use it). */
export function pngPattern(baseName: string): string {
  return `${baseName}.%06d.png`;
}

/**
 * Default sequence stem: the folder name up to its first dot, less a trailing "_png"
 * ("clip.png.tmp-1" -> "clip", "clip_s7_png" -> "clip_s7").
 */
export function defaultBaseName(folder: string): string {
  const stem = (path.basename(folder).split('.')[0] ?? '').replace(/[_-]png$/i, '');
  return stem.length ? stem : 'frame';
}

const BT709_TAGS = ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv'];
/** RGB -> Y'CbCr with the BT.709 matrix into limited ("tv") range; without it swscale uses BT.601. */
const TO_BT709 = 'scale=out_color_matrix=bt709:out_range=tv:flags=bicubic+accurate_rnd';

/** The whole ffmpeg command line for a spec. Pure, so tests can read it. */
export function buildEncoderArgs(spec: EncoderSpec): string[] {
  validateSpec(spec);
  const rate = formatRational(spec.fps);
  const n = spec.outputs.length;
  const filters: string[] = [];
  if (n > 1) {
    filters.push(`[0:v]split=${n}${spec.outputs.map((_, i) => `[s${i}]`).join('')}`);
  }
  const yuvIn = spec.inputLayout === 'yuv420p';
  spec.outputs.forEach((out, i) => {
    const from = n > 1 ? `[s${i}]` : '[0:v]';
    // YUV input is already what the file stores: the format filter only states it (no scaler is inserted).
    const chain =
      out.format === 'mp4' ? (yuvIn ? 'format=yuv420p' : `${TO_BT709},format=yuv420p`) : out.format === 'prores' ? `${TO_BT709},format=yuv422p10le` : 'format=rgb24';
    filters.push(`${from}${chain}[o${i}]`);
  });

  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', spec.inputLayout ?? 'rgba', '-video_size', `${spec.width}x${spec.height}`, '-r', rate,
    ...(yuvIn ? BT709_TAGS : []),
    '-i', 'pipe:0',
    '-filter_complex', filters.join(';'),
  ];
  // Control characters (a prompt's line breaks) become spaces: metadata values are single lines.
  const meta = Object.entries(spec.metadata ?? {}).flatMap(([k, v]) => ['-metadata', `${k}=${v.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()}`]);
  const gop = String(nominalRate(spec.fps));
  spec.outputs.forEach((out, i) => {
    args.push('-map', `[o${i}]`, '-r', rate, '-frames:v', String(spec.frames));
    if (out.format === 'mp4') {
      const preset = spec.x264?.preset ?? DEFAULT_X264.preset;
      const crf = spec.x264?.crf ?? DEFAULT_X264.crf;
      args.push(
        '-c:v', 'libx264', '-preset', preset, '-crf', String(crf), '-profile:v', 'high', '-pix_fmt', 'yuv420p',
        // A key frame every second keeps scrubbing in an editor responsive.
        '-g', gop,
        ...BT709_TAGS,
        '-timecode', spec.startTimecode, ...meta,
        '-movflags', '+faststart+write_colr', '-f', 'mp4', out.path,
      );
    } else if (out.format === 'prores') {
      args.push(
        '-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le', '-vendor', 'apl0',
        ...BT709_TAGS,
        '-timecode', spec.startTimecode, ...meta,
        '-movflags', '+write_colr', '-f', 'mov', out.path,
      );
    } else {
      const base = out.baseName ?? defaultBaseName(out.path);
      // image2 reads "%" as a format directive: a literal one in the stem is written "%%".
      const target = path.join(out.path, pngPattern(base.replace(/%/g, '%%')));
      args.push('-c:v', 'png', '-pix_fmt', 'rgb24', '-start_number', '0', '-f', 'image2', target);
    }
  });
  return args;
}

function validateSpec(spec: EncoderSpec): void {
  const bad = (msg: string): never => {
    throw new RushesError('E_INVALID', msg);
  };
  if (!Number.isInteger(spec.width) || !Number.isInteger(spec.height) || spec.width < 1 || spec.height < 1) bad(`Bad frame size ${spec.width}x${spec.height}.`);
  if (!Number.isInteger(spec.frames) || spec.frames < 1) bad(`Bad frame count ${spec.frames}.`);
  if (!Number.isInteger(spec.fps.num) || !Number.isInteger(spec.fps.den) || spec.fps.num < 1 || spec.fps.den < 1) bad(`Bad frame rate ${spec.fps.num}/${spec.fps.den}.`);
  if (!spec.outputs.length) bad('No outputs requested.');
  const formats = spec.outputs.map((o) => o.format);
  if (new Set(formats).size !== formats.length) bad(`Each format may appear once: ${formats.join(', ')}.`);
  for (const o of spec.outputs) {
    if (!['mp4', 'prores', 'png'].includes(o.format)) bad(`Unknown output format "${o.format}".`);
    if (!path.isAbsolute(o.path)) bad(`Output path must be absolute: ${o.path}`);
    if (o.baseName !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(o.baseName)) bad(`Bad sequence base name "${o.baseName}".`);
  }
  for (const [k, v] of Object.entries(spec.metadata ?? {})) {
    if (!/^[A-Za-z0-9_.-]+$/.test(k) || typeof v !== 'string') bad(`Bad metadata entry "${k}".`);
  }
  if (spec.inputLayout !== undefined && spec.inputLayout !== 'rgba') {
    if (!isFrameLayout(spec.inputLayout)) bad(`Unknown input layout "${spec.inputLayout}".`);
    if (spec.width % 2 || spec.height % 2) bad(`YUV 4:2:0 input needs an even frame size, not ${spec.width}x${spec.height}.`);
    if (spec.outputs.some((o) => o.format !== 'mp4')) bad('YUV 4:2:0 input can only be written to MP4 (PNG and ProRes are made from RGBA).');
  }
  parseTimecode(spec.startTimecode, spec.fps); // throws E_INVALID with a clear message
}

const STDERR_LINES = 30;

/**
 * Starts the encode. Validation errors throw at once (E_INVALID); finding ffmpeg and spawning it happen
 * in the background and any failure there surfaces from the first `write()` or `end()` (E_ENCODER).
 */
export function startEncoder(spec: EncoderSpec): Encoder {
  const args = buildEncoderArgs(spec);
  if (spec.signal?.aborted) throw new RushesError('E_CANCELLED', 'The encode was cancelled before it started.');
  const session = launch(spec, args);
  let aborting: Promise<void> | undefined;
  return {
    get framesWritten() {
      return session.current?.framesWritten ?? 0;
    },
    get ffmpeg() {
      return session.current?.ffmpeg;
    },
    async write(pixels) {
      return (await session.ready).write(pixels);
    },
    async end() {
      return (await session.ready).end();
    },
    abort() {
      // Every caller waits for the same kill-and-clean-up.
      return (aborting ??= session.ready.then(
        (enc) => enc.abort(),
        () => undefined,
      ));
    },
  };
}

/** Creates PNG folders; returns those it created, so that a cleanup may remove them whole. */
async function makeSequenceFolders(spec: EncoderSpec): Promise<Set<string>> {
  const created = new Set<string>();
  for (const out of spec.outputs) {
    if (out.format !== 'png') continue;
    const existed = await fs.stat(out.path).then((st) => st.isDirectory(), () => false);
    await fs.mkdir(out.path, { recursive: true });
    if (!existed) created.add(out.path);
  }
  return created;
}

interface Launch {
  ready: Promise<Encoder>;
  current?: Encoder;
}

function launch(spec: EncoderSpec, args: string[]): Launch {
  const l: Launch = { ready: Promise.resolve(undefined as unknown as Encoder) };
  l.ready = spawnEncoder(spec, args).then((enc) => (l.current = enc));
  l.ready.catch(() => undefined); // surfaced by write/end
  return l;
}

async function spawnEncoder(spec: EncoderSpec, args: string[]): Promise<Encoder> {
  const tools = await mediaTools();
  const createdDirs = await makeSequenceFolders(spec).catch((e: NodeJS.ErrnoException) => {
    const code = e.code === 'ENOSPC' ? 'E_DISK_FULL' : 'E_ENCODER';
    throw new RushesError(code, `Cannot create the sequence folder: ${e.message}`);
  });

  const layout = spec.inputLayout ?? 'rgba';
  const frameSize = frameBytes(layout, spec.width, spec.height);
  const child: ChildProcess = spawn(tools.ffmpeg.path, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
  const stdin = child.stdin!;
  const stderrTail: string[] = [];
  let partial = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.trim()) pushLine(l);
  });
  const pushLine = (l: string): void => {
    stderrTail.push(l.trim());
    if (stderrTail.length > STDERR_LINES) stderrTail.shift();
  };

  let stdinError: Error | undefined;
  stdin.on('error', (e) => (stdinError = e)); // EPIPE when ffmpeg died first; the exit tells why

  type Exit = { code: number | null; signal: NodeJS.Signals | null; spawnError?: Error };
  let exitInfo: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    const finish = (e: Exit): void => {
      if (exitInfo) return;
      if (partial.trim()) pushLine(partial);
      partial = '';
      exitInfo = e;
      resolve(e);
    };
    child.once('error', (e) => finish({ code: null, signal: null, spawnError: e }));
    child.once('close', (code, signal) => finish({ code, signal }));
  });

  let framesWritten = 0;
  let state: 'open' | 'ending' | 'done' | 'failed' | 'aborted' = 'open';
  let failure: RushesError | undefined;
  let cleaned: Promise<void> | undefined;

  const failureFrom = (exit: Exit): RushesError => {
    if (exit.spawnError) return new RushesError('E_ENCODER', `Could not start ffmpeg (${tools.ffmpeg.path}): ${exit.spawnError.message}`);
    const lines = stderrTail.filter((l) => !/^Conversion failed!?$/.test(l)).slice(-8);
    const text = lines.join(' | ') || (stdinError ? stdinError.message : 'no error output');
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
    if (/No space left on device|ENOSPC/i.test(text) || (stdinError as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC') {
      return new RushesError(
        'E_DISK_FULL',
        `The disk is full: ffmpeg could not write ${spec.outputs.map((o) => o.path).join(', ')}. Free some space and retry. (${text})`,
        { stderr: lines },
      );
    }
    return new RushesError('E_ENCODER', `ffmpeg ${how}: ${text}`, { stderr: lines, exitCode: exit.code, signal: exit.signal });
  };

  const removeOutputs = async (): Promise<void> => {
    for (const out of spec.outputs) {
      if (out.format === 'png') {
        if (createdDirs.has(out.path)) {
          await fs.rm(out.path, { recursive: true, force: true });
        } else {
          // A folder that was there before: remove only our frames.
          const base = out.baseName ?? defaultBaseName(out.path);
          const names = await fs.readdir(out.path).catch(() => [] as string[]);
          const ours = names.filter((n) => n.startsWith(`${base}.`) && /^\.\d{6,}\.png$/.test(n.slice(base.length)));
          await Promise.all(ours.map((n) => fs.rm(path.join(out.path, n), { force: true })));
        }
      } else {
        // Only ever remove a regular file: never a device (/dev/null, /dev/full) or a folder given by mistake.
        const st = await fs.lstat(out.path).catch(() => undefined);
        if (st?.isFile()) await fs.rm(out.path, { force: true });
      }
    }
  };
  const cleanup = (): Promise<void> => (cleaned ??= removeOutputs().catch(() => undefined));

  // ffmpeg may die while frames are still coming (bad option, full disk): remember why, clean up.
  void exited.then((exit) => {
    if (state !== 'open') return;
    state = 'failed';
    failure = exit.code === 0 && !exit.spawnError ? new RushesError('E_ENCODER', 'ffmpeg stopped before all frames were written.') : failureFrom(exit);
    void cleanup();
  });

  const onAbort = (): void => void encoder.abort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  if (spec.signal?.aborted) onAbort();

  const closedError = async (): Promise<RushesError> => {
    if (state === 'aborted') return new RushesError('E_CANCELLED', 'The encode was cancelled.');
    if (state === 'failed') {
      await cleanup();
      return failure!;
    }
    return new RushesError('E_INTERNAL', `The encoder is ${state}; it takes no more frames.`);
  };

  /** Resolves on 'drain', or as soon as ffmpeg or its stdin is gone. */
  const drained = (): Promise<void> =>
    new Promise<void>((resolve) => {
      if (exitInfo || stdin.destroyed) return resolve();
      const done = (): void => {
        stdin.off('drain', done);
        stdin.off('close', done);
        child.off('close', done);
        child.off('error', done);
        resolve();
      };
      stdin.on('drain', done);
      stdin.on('close', done);
      child.on('close', done);
      child.on('error', done);
    });

  const encoder: Encoder = {
    get framesWritten() {
      return framesWritten;
    },
    ffmpeg: tools.ffmpeg,

    async write(pixels: Uint8Array): Promise<void> {
      if (state !== 'open') throw await closedError();
      if (pixels.byteLength !== frameSize) {
        throw new RushesError('E_INTERNAL', `A frame must be ${spec.width}x${spec.height} ${layout} (${frameSize} bytes), got ${pixels.byteLength} bytes.`);
      }
      if (framesWritten >= spec.frames) throw new RushesError('E_INTERNAL', `More than the ${spec.frames} announced frames were written.`);
      framesWritten++;
      // Back-pressure: when the stream's buffer is over its mark, wait until the pipe has taken it.
      if (!stdin.write(pixels)) await drained();
      if (state !== 'open') {
        // ffmpeg is gone: wait for its exit status so that the error says why.
        await exited;
        throw await closedError();
      }
    },

    async end(): Promise<void> {
      if (state !== 'open') throw await closedError();
      state = 'ending';
      stdin.end();
      const exit = await exited;
      spec.signal?.removeEventListener('abort', onAbort);
      if ((state as string) === 'aborted') throw await closedError();
      if (exit.code === 0 && !exit.spawnError && framesWritten === spec.frames) {
        state = 'done';
        return;
      }
      state = 'failed';
      failure =
        exit.code === 0 && !exit.spawnError
          ? new RushesError('E_INTERNAL', `Only ${framesWritten} of the ${spec.frames} announced frames were written.`)
          : failureFrom(exit);
      throw await closedError();
    },

    async abort(): Promise<void> {
      spec.signal?.removeEventListener('abort', onAbort);
      if (state === 'done') return; // whole outputs belong to the caller now
      state = 'aborted';
      if (!exitInfo) child.kill('SIGKILL');
      stdin.destroy();
      await exited;
      await cleanup();
    },
  };
  return encoder;
}
