/**
 * Reads a reference image (PNG, JPEG, anything ffmpeg decodes) as RGB bytes at the clip's size: scaled
 * to cover the frame and centre-cropped, so the aspect ratio is kept and nothing is letterboxed.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { RushesError } from '@rushes/shared';
import { mediaTools } from '../../../media';

export async function readImageRgb(file: string, width: number, height: number, signal?: AbortSignal): Promise<Uint8Array> {
  if (!fs.existsSync(file)) {
    throw new RushesError('E_INVALID', `The reference image ${file} does not exist; check the path (it must be absolute and readable by the engine).`);
  }
  const { ffmpeg } = await mediaTools();
  const filter = `scale=${width}:${height}:force_original_aspect_ratio=increase:flags=lanczos,crop=${width}:${height}`;
  const args = ['-v', 'error', '-nostdin', '-i', file, '-frames:v', '1', '-vf', filter, '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'];
  const bytes: Buffer = await new Promise((resolve, reject) => {
    execFile(ffmpeg.path, args, { encoding: 'buffer', maxBuffer: width * height * 3 + 1024, ...(signal ? { signal } : {}) }, (err, stdout, stderr) => {
      if (err) {
        const why = String(stderr || err.message).trim().split('\n').pop();
        reject(new RushesError('E_INVALID', `The reference image ${file} could not be decoded: ${why}`));
      } else resolve(stdout);
    });
  });
  if (bytes.length !== width * height * 3) {
    throw new RushesError('E_INVALID', `The reference image ${file} decoded to ${bytes.length} bytes, not ${width}x${height} RGB.`);
  }
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
