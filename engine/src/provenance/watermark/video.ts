/**
 * Decodes a stretch of a video file to reduced-resolution luma frames with ffmpeg (rawvideo on a pipe:
 * nothing touches the disk). ffmpeg does the box downsampling (scale with flags=area) and drops the
 * colour, so the detector receives one byte per detection pixel.
 */
import { execFile, spawn } from 'node:child_process';
import { RushesError } from '@rushes/shared';

export interface GrayReadOptions {
  start: number;
  duration: number;
  /** Chooses the integer downsampling factor from the coded size. */
  factorFor: (width: number, height: number) => number;
  maxFrames: number;
  ffmpegPath?: string | undefined;
  ffprobePath?: string | undefined;
  onFrame: (luma: Float32Array, width: number, height: number, factor: number) => void;
}

export function defaultFfmpegPath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export function defaultFfprobePath(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

export async function probeSize(file: string, ffprobePath = defaultFfprobePath()): Promise<{ width: number; height: number }> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(
      ffprobePath,
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json', file],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) => (err ? reject(new RushesError('E_INVALID', `Cannot read video ${file}: ${stderr.trim() || err.message}`)) : resolve(stdout)),
    );
  });
  const s = (JSON.parse(out) as { streams?: Array<{ width?: number; height?: number }> }).streams?.[0];
  if (!s?.width || !s.height) throw new RushesError('E_INVALID', `${file} has no video stream.`);
  return { width: s.width, height: s.height };
}

/** Streams the frames to `onFrame`; resolves with the number of frames read. */
export async function readGrayFrames(file: string, o: GrayReadOptions): Promise<{ frames: number; factor: number }> {
  const { width, height } = await probeSize(file, o.ffprobePath);
  const factor = o.factorFor(width, height);
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const vf = factor > 1 ? `crop=${w * factor}:${h * factor}:0:0,scale=${w}:${h}:flags=area,format=gray` : 'format=gray';
  const args = ['-v', 'error', '-nostdin'];
  if (o.start > 0) args.push('-ss', String(o.start));
  args.push('-t', String(o.duration), '-i', file, '-an', '-vf', vf, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1');
  const proc = spawn(o.ffmpegPath ?? defaultFfmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const frameBytes = w * h;
  let pending: Buffer = Buffer.alloc(0);
  let frames = 0;
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const luma = new Float32Array(frameBytes);
  await new Promise<void>((resolve, reject) => {
    proc.on('error', (e) => reject(new RushesError('E_INTERNAL', `Cannot run ffmpeg: ${e.message}`)));
    proc.stdout.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= frameBytes && frames < o.maxFrames) {
        for (let i = 0; i < frameBytes; i++) luma[i] = pending[i] as number;
        pending = pending.subarray(frameBytes);
        frames++;
        o.onFrame(luma, w, h, factor);
      }
      if (frames >= o.maxFrames) proc.kill('SIGTERM');
    });
    proc.on('close', (code, signal) => {
      if (code === 0 || frames >= o.maxFrames || (signal && frames > 0)) resolve();
      else reject(new RushesError('E_INVALID', `ffmpeg could not decode ${file}: ${stderr.trim() || `exit ${code}`}`));
    });
  });
  return { frames, factor };
}
