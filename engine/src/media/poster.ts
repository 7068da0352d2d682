/** A JPEG poster (or thumbnail) from one frame, by a one-shot ffmpeg reading the frame from stdin. */
import { spawn } from 'node:child_process';
import { RushesError } from '@rushes/shared';
import { mediaTools } from './ffmpeg';
import { frameBytes, type FrameLayout } from './layout';

export interface PosterOptions {
  /** Scale down (keeping the aspect ratio) so the poster is at most this wide. */
  maxWidth?: number;
  /** mjpeg quality, 2 (best) .. 31; default 3. */
  quality?: number;
  /** The frame's layout (media/layout.ts); 'rgba' by default. */
  layout?: FrameLayout;
}

export async function writePoster(pixels: Uint8Array, width: number, height: number, file: string, opts: PosterOptions = {}): Promise<void> {
  const layout = opts.layout ?? 'rgba';
  const size = frameBytes(layout, width, height);
  if (pixels.byteLength !== size) {
    throw new RushesError('E_INTERNAL', `A ${width}x${height} ${layout} frame is ${size} bytes, got ${pixels.byteLength}.`);
  }
  const { ffmpeg } = await mediaTools();
  const filters: string[] = [];
  if (opts.maxWidth && opts.maxWidth < width) filters.push(`scale=${opts.maxWidth}:-2:flags=area`);
  // JPEG is full-range BT.601 by definition (JFIF), which is what yuvj420p means. A YUV frame is
  // BT.709 limited range: it goes through RGB, because this ffmpeg's (2018) direct YUV -> YUV with both a
  // matrix and a range change came out wrong (mid grey 123 instead of 128, BT.709 red as 236,14,13).
  if (layout === 'yuv420p') filters.push('scale=in_color_matrix=bt709:in_range=tv', 'format=rgb24', 'scale=out_range=pc');
  filters.push('format=yuvj420p');
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', layout, '-video_size', `${width}x${height}`, '-i', 'pipe:0',
    '-vf', filters.join(','), '-frames:v', '1', '-q:v', String(opts.quality ?? 3), '-f', 'image2', '-c:v', 'mjpeg', file,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpeg.path, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.stdin.on('error', () => undefined); // the exit code tells
    child.once('error', (e) => reject(new RushesError('E_ENCODER', `Could not start ffmpeg for the poster: ${e.message}`)));
    child.once('close', (code) => {
      if (code === 0) return resolve();
      const text = stderr.trim().split('\n').slice(-4).join(' | ');
      const code_ = /No space left on device/i.test(text) ? 'E_DISK_FULL' : 'E_ENCODER';
      reject(new RushesError(code_, `ffmpeg could not write the poster ${file} (exit ${code}): ${text}`));
    });
    child.stdin.end(pixels);
  });
}
