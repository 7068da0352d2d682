/**
 * Real media for the C2PA tests, made with the ffmpeg the engine ships with, plus job identities.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobIdentity } from '../../engine/src/provenance/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const FFMPEG: string = require('@ffmpeg-installer/ffmpeg').path;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const FFPROBE: string = require('@ffprobe-installer/ffprobe').path;

const SOURCE = ['-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=24'];

// The box layout the engine's encoder writes: a timecode track, colour tags, moov first for MP4.
const LIKE_ENGINE = ['-timecode', '01:00:00:00', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'];

export function makeMp4(file: string, frames = 12): string {
  execFileSync(FFMPEG, [
    ...['-v', 'error', '-y', ...SOURCE, '-frames:v', String(frames), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', ...LIKE_ENGINE],
    ...['-movflags', '+faststart+write_colr', '-f', 'mp4', file],
  ]);
  return file;
}

export function makeMov(file: string, frames = 12): string {
  execFileSync(FFMPEG, [
    ...['-v', 'error', '-y', ...SOURCE, '-frames:v', String(frames), '-c:v', 'prores_ks', '-profile:v', '3', '-pix_fmt', 'yuv422p10le', ...LIKE_ENGINE],
    ...['-movflags', '+write_colr', '-f', 'mov', file],
  ]);
  return file;
}

/** `<folder>/<base>.000000.png`... as the engine's encoder names them. */
export function makePngSequence(folder: string, base = 'clip', frames = 3): string {
  fs.mkdirSync(folder, { recursive: true });
  execFileSync(FFMPEG, ['-v', 'error', '-y', ...SOURCE, '-frames:v', String(frames), '-start_number', '0', path.join(folder, `${base}.%06d.png`)]);
  return folder;
}

export interface ProbeSummary {
  codec: string;
  frames: number;
  width: number;
  height: number;
}

export function probeVideo(file: string): ProbeSummary {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-count_frames', '-select_streams', 'v:0', '-show_streams', '-of', 'json', file], { encoding: 'utf8' });
  const s = (JSON.parse(out) as { streams: { codec_name: string; nb_read_frames: string; width: number; height: number }[] }).streams[0]!;
  return { codec: s.codec_name, frames: Number(s.nb_read_frames), width: s.width, height: s.height };
}

/** Each stream as "type/tag@timecode", e.g. "video/avc1@01:00:00:00", "data/tmcd@01:00:00:00". */
export function streamSummary(file: string): string[] {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-show_entries', 'stream=codec_type,codec_tag_string:stream_tags=timecode', '-of', 'json', file], {
    encoding: 'utf8',
  });
  const streams = (JSON.parse(out) as { streams: { codec_type: string; codec_tag_string: string; tags?: { timecode?: string } }[] }).streams;
  return streams.map((s) => `${s.codec_type}/${s.codec_tag_string}@${s.tags?.timecode ?? ''}`);
}

/** Decodes every frame; returns ffmpeg's error output (empty when the file decodes cleanly). */
export function decodeErrors(file: string): string {
  try {
    return execFileSync(FFMPEG, ['-v', 'error', '-i', file, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
}

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Offset and size of the first top-level box of `type` in an ISO BMFF file. */
export function findBox(bytes: Uint8Array, type: string): { offset: number; size: number } | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = 0; o + 8 <= b.length; ) {
    let size = b.readUInt32BE(o);
    if (size === 1) size = Number(b.readBigUInt64BE(o + 8));
    if (size === 0) size = b.length - o;
    if (b.toString('latin1', o + 4, o + 8) === type) return { offset: o, size };
    if (size < 8) return null;
    o += size;
  }
  return null;
}

export function identity(over: Partial<JobIdentity> = {}): JobIdentity {
  return {
    jobId: 'job-0001',
    installId: 'install-abc',
    generatorId: 'procedural',
    generatorVersion: '0.3.1',
    digitalSourceType: 'algorithmicMedia',
    request: {
      prompt: 'slow dolly over a misty pine forest at dawn',
      seed: 1234567,
      frames: 12,
      durationSeconds: 0.5,
      fps: { num: 24, den: 1 },
      width: 160,
      height: 90,
      generator: 'procedural',
      formats: ['mp4'],
      name: 'misty-pines',
      startTimecode: '00:00:00:00',
    },
    ...over,
  };
}
