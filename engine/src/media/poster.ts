/** A JPEG poster (or thumbnail) from one RGBA frame, by a one-shot ffmpeg reading the frame from stdin. */
import { spawn } from 'node:child_process';
import { RushesError } from '@rushes/shared';
import { mediaTools } from './ffmpeg';

export interface PosterOptions {
  /** Scale down (keeping the aspect ratio) so the poster is at most this wide. */
  maxWidth?: number;
  /** mjpeg quality, 2 (best) .. 31; default 3. */
  quality?: number;
}

export async function writePoster(rgba: Uint8Array, width: number, height: number, file: string, opts: PosterOptions = {}): Promise<void> {
  if (rgba.byteLength !== width * height * 4) {
    throw new RushesError('E_INTERNAL', `A ${width}x${height} RGBA frame is ${width * height * 4} bytes, got ${rgba.byteLength}.`);
  }
  const { ffmpeg } = await mediaTools();
  const filters: string[] = [];
  if (opts.maxWidth && opts.maxWidth < width) filters.push(`scale=${opts.maxWidth}:-2:flags=area`);
  // JPEG is full-range BT.601 by definition (JFIF), which is what yuvj420p means.
  filters.push('format=yuvj420p');
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-video_size', `${width}x${height}`, '-i', 'pipe:0',
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
    child.stdin.end(rgba);
  });
}
