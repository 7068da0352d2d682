/**
 * What a finished output really is, read back with ffprobe (never trusted from what we asked for):
 * size, exact rational rate, exact frame count (packets counted by demuxing, no decode), duration,
 * codec, pixel format, timecode and colour tags. PNG sequences are described from the folder.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RushesError, type Rational } from '@rushes/shared';
import { mediaTools } from './ffmpeg';

export interface ProbeResult {
  width: number;
  height: number;
  fps: Rational;
  frameCount: number;
  durationSeconds: number;
  codec: string;
  pixFmt: string;
  timecode?: string;
  colorSpace?: string;
  colorPrimaries?: string;
  colorTransfer?: string;
  colorRange?: string;
  /** The codec's profile as ffprobe names it, e.g. "High" or "HQ". */
  profile?: string;
  formatName: string;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  nb_frames?: string;
  nb_read_packets?: string;
  duration?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  color_range?: string;
  tags?: Record<string, string>;
}

interface FfprobeJson {
  streams?: FfprobeStream[];
  format?: { duration?: string; format_name?: string; tags?: Record<string, string> };
}

/** Probes a video file (mp4, mov) or a single image. */
export async function probe(file: string): Promise<ProbeResult> {
  const { ffprobe } = await mediaTools();
  const json = await runJson(ffprobe.path, ['-v', 'error', '-count_packets', '-show_streams', '-show_format', '-print_format', 'json', file], file);
  return parseProbe(json, file);
}

/** Turns ffprobe's JSON into a ProbeResult. Pure. */
export function parseProbe(json: FfprobeJson, file = 'file'): ProbeResult {
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video || !video.width || !video.height) throw new RushesError('E_INVALID', `${file} has no video stream.`);
  const fps = parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate);
  if (!fps) throw new RushesError('E_INVALID', `${file} has no frame rate.`);
  const counted = Number(video.nb_read_packets);
  const declared = Number(video.nb_frames);
  const frameCount = Number.isFinite(counted) && counted > 0 ? counted : Number.isFinite(declared) ? declared : 0;
  const duration = Number(video.duration ?? json.format?.duration);
  const tmcd = streams.find((s) => s.codec_type === 'data' && s.tags?.timecode);
  const timecode = video.tags?.timecode ?? tmcd?.tags?.timecode ?? json.format?.tags?.timecode;
  const known = (v?: string): string | undefined => (v && v !== 'unknown' ? v : undefined);
  const result: ProbeResult = {
    width: video.width,
    height: video.height,
    fps,
    frameCount,
    durationSeconds: Number.isFinite(duration) ? duration : (frameCount * fps.den) / fps.num,
    codec: video.codec_name ?? 'unknown',
    pixFmt: video.pix_fmt ?? 'unknown',
    formatName: json.format?.format_name ?? 'unknown',
  };
  if (timecode) result.timecode = timecode;
  if (known(video.color_space)) result.colorSpace = video.color_space;
  if (known(video.color_primaries)) result.colorPrimaries = video.color_primaries;
  if (known(video.color_transfer)) result.colorTransfer = video.color_transfer;
  if (known(video.color_range)) result.colorRange = video.color_range;
  if (video.profile) result.profile = video.profile;
  return result;
}

function parseRate(text?: string): Rational | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  if (!m) return undefined;
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (!(num > 0 && den > 0)) return undefined;
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export interface SequenceInfo {
  folder: string;
  /** printf-style name, e.g. "clip.%06d.png". */
  pattern: string;
  baseName: string;
  firstFrame: number;
  lastFrame: number;
  frameCount: number;
  /** File names (relative to `folder`) in frame order. */
  files: string[];
  width: number;
  height: number;
}

const SEQ_RE = /^(.+)\.(\d{6,})\.png$/;

/**
 * Describes a PNG sequence folder: the frames it holds (numbered, contiguous, one stem) and their size,
 * read from the first file's IHDR chunk (no ffprobe needed).
 */
export async function probeSequence(folder: string): Promise<SequenceInfo> {
  const names = await fs.readdir(folder).catch((e: NodeJS.ErrnoException) => {
    throw new RushesError('E_NOT_FOUND', `Cannot read the sequence folder ${folder}: ${e.code ?? e.message}`);
  });
  const frames = names
    .map((n) => ({ n, m: SEQ_RE.exec(n) }))
    .filter((x): x is { n: string; m: RegExpExecArray } => !!x.m)
    .map(({ n, m }) => ({ name: n, base: m[1]!, digits: m[2]!, index: Number(m[2]) }))
    .sort((a, b) => a.index - b.index);
  if (!frames.length) throw new RushesError('E_NOT_FOUND', `${folder} holds no <name>.NNNNNN.png frames.`);
  const baseName = frames[0]!.base;
  if (frames.some((f) => f.base !== baseName)) throw new RushesError('E_INVALID', `${folder} holds more than one sequence.`);
  const firstFrame = frames[0]!.index;
  frames.forEach((f, i) => {
    if (f.index !== firstFrame + i) throw new RushesError('E_INVALID', `${folder}: frame ${firstFrame + i} is missing.`);
  });
  const files = frames.map((f) => f.name);
  const { width, height } = await pngSize(path.join(folder, files[0]!));
  return {
    folder,
    pattern: `${baseName}.%0${frames[0]!.digits.length}d.png`,
    baseName,
    firstFrame,
    lastFrame: frames[frames.length - 1]!.index,
    frameCount: frames.length,
    files,
    width,
    height,
  };
}

/** Width and height from a PNG's IHDR (bytes 16..23, big-endian). */
export async function pngSize(file: string): Promise<{ width: number; height: number }> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(24);
    const { bytesRead } = await fh.read(buf, 0, 24, 0);
    const signature = '89504e470d0a1a0a';
    if (bytesRead < 24 || buf.subarray(0, 8).toString('hex') !== signature || buf.subarray(12, 16).toString('latin1') !== 'IHDR') {
      throw new RushesError('E_INVALID', `${file} is not a PNG.`);
    }
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
  } finally {
    await fh.close();
  }
}

function runJson(bin: string, args: string[], file: string): Promise<FfprobeJson> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 60_000, maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) {
        const why = String(stderr).trim().split('\n').slice(-3).join(' | ') || err.message;
        reject(new RushesError('E_INVALID', `ffprobe cannot read ${file}: ${why}`));
        return;
      }
      try {
        resolve(JSON.parse(stdout) as FfprobeJson);
      } catch {
        reject(new RushesError('E_INTERNAL', `ffprobe printed something that is not JSON for ${file}.`));
      }
    });
  });
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}
