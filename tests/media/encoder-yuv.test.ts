/** The encoder and the poster fed YUV 4:2:0 (frames converted on the GPU): no conversion, exact bytes in; the CPU conversion. */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildEncoderArgs, mediaTools, probe, startEncoder, writePoster, type EncoderSpec } from '../../engine/src/media';
import { rgbaToYuv420 } from '../../engine/src/media/layout';

const W = 160;
const H = 96;

/** A moving ramp in Y' and a fixed colour cast in Cb/Cr, limited range. */
function yuvFrame(i: number): Uint8Array {
  const out = new Uint8Array((W * H * 3) / 2);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = 16 + ((x * 2 + y + i * 5) % 219);
  out.fill(100, W * H, W * H + (W * H) / 4);
  out.fill(170, W * H + (W * H) / 4);
  return out;
}

/** Every frame of a file, decoded by ffmpeg to raw pixels of `pixFmt`. */
async function decodeRaw(file: string, pixFmt: string): Promise<Buffer> {
  const { ffmpeg } = await mediaTools();
  return execFileSync(ffmpeg.path, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1'], { maxBuffer: 1 << 26 });
}

const spec = (dir: string, over: Partial<EncoderSpec> = {}): EncoderSpec => ({
  width: W, height: H, fps: { num: 24, den: 1 }, frames: 12, startTimecode: '01:00:00:00',
  outputs: [{ format: 'mp4', path: path.join(dir, 'yuv.mp4') }], inputLayout: 'yuv420p', ...over,
});

describe('media: YUV 4:2:0 input', function () {
  this.timeout(60000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rushes-yuv-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads yuv420p from the pipe and inserts no scaler for MP4', () => {
    const args = buildEncoderArgs(spec(dir));
    assert.equal(args[args.indexOf('-pix_fmt') + 1], 'yuv420p');
    const graph = args[args.indexOf('-filter_complex') + 1]!;
    assert.doesNotMatch(graph, /scale=/);
    const rgba = buildEncoderArgs(spec(dir, { inputLayout: 'rgba' }));
    assert.match(rgba[rgba.indexOf('-filter_complex') + 1]!, /scale=out_color_matrix=bt709/);
  });

  it('refuses YUV input for PNG or ProRes, odd sizes, and frames of the wrong size', async () => {
    assert.throws(() => buildEncoderArgs(spec(dir, { outputs: [{ format: 'prores', path: path.join(dir, 'x.mov') }] })), /MP4/);
    assert.throws(() => buildEncoderArgs(spec(dir, { width: 161 })), /even/);
    const enc = startEncoder(spec(dir, { outputs: [{ format: 'mp4', path: path.join(dir, 'bad.mp4') }] }));
    await assert.rejects(enc.write(new Uint8Array(W * H * 4)), /yuv420p \(23040 bytes\)/);
    await enc.abort();
  });

  it('writes the Y\' plane it is given: decoded back, within x264 CRF 16 error', async () => {
    const enc = startEncoder(spec(dir));
    for (let i = 0; i < 12; i++) await enc.write(yuvFrame(i));
    await enc.end();
    const info = await probe(path.join(dir, 'yuv.mp4'));
    assert.equal(info.frameCount, 12);
    assert.equal(info.width, W);
    const raw = await decodeRaw(path.join(dir, 'yuv.mp4'), 'yuv420p');
    assert.equal(raw.length, 12 * ((W * H * 3) / 2));
    for (const i of [0, 6, 11]) {
      const want = yuvFrame(i);
      const got = raw.subarray(i * want.length, (i + 1) * want.length);
      let err = 0;
      for (let k = 0; k < want.length; k++) err += Math.abs(want[k]! - got[k]!);
      // A wrong matrix or range (a conversion slipped in) moves the mean by several code values.
      assert.ok(err / want.length < 1.5, `frame ${i}: mean error ${(err / want.length).toFixed(2)}`);
    }
  });

  it('makes a poster from a YUV frame in the right colours', async () => {
    const grey = new Uint8Array((W * H * 3) / 2);
    grey.fill(126, 0, W * H); // Y' 126 limited = (126-16)/219 = 0.502 -> ~128 full range
    grey.fill(128, W * H);
    const file = path.join(dir, 'poster.jpg');
    await writePoster(grey, W, H, file, { layout: 'yuv420p' });
    assert.ok(statSync(file).size > 100);
    const px = await decodeRaw(file, 'rgb24');
    const mean = px.reduce((a, v) => a + v, 0) / px.length;
    assert.ok(Math.abs(mean - 128) < 3, `poster mean ${mean.toFixed(1)}, expected ~128`);
    // BT.709 red (R'G'B' 1,0,0) in limited range: Y' 63, Cb 102, Cr 240.
    const red = new Uint8Array((W * H * 3) / 2);
    red.fill(63, 0, W * H);
    red.fill(102, W * H, W * H + (W * H) / 4);
    red.fill(240, W * H + (W * H) / 4);
    await writePoster(red, W, H, file, { layout: 'yuv420p' });
    const rgb = await decodeRaw(file, 'rgb24');
    const channel = (c: number) => rgb.filter((_, k) => k % 3 === c).reduce((a, v) => a + v, 0) / (rgb.length / 3);
    assert.ok(channel(0) > 245 && channel(1) < 8 && channel(2) < 8, `red poster came out ${[0, 1, 2].map((c) => channel(c).toFixed(0)).join(',')}`);
    await assert.rejects(writePoster(grey.subarray(1), W, H, file, { layout: 'yuv420p' }), /yuv420p frame/);
  });
});

describe('media: rgbaToYuv420', () => {
  it('follows BT.709 limited range: white, black, red and a 2x2 chroma mean', () => {
    const px = (r: number, g: number, b: number) => [r, g, b, 255];
    // 4x2: white, black | red, red  over  white, black | red, red
    const rgba = Uint8Array.from([...px(255, 255, 255), ...px(0, 0, 0), ...px(255, 0, 0), ...px(255, 0, 0), ...px(255, 255, 255), ...px(0, 0, 0), ...px(255, 0, 0), ...px(255, 0, 0)]);
    const yuv = rgbaToYuv420(rgba, 4, 2);
    assert.deepEqual([...yuv.subarray(0, 4)], [235, 16, 63, 63]);
    // Left block: mid grey, neutral chroma. Right block: BT.709 red, Cb 102, Cr 240.
    assert.deepEqual([yuv[8], yuv[10]], [128, 128]);
    assert.deepEqual([yuv[9], yuv[11]], [102, 240]);
    assert.throws(() => rgbaToYuv420(rgba, 3, 2), /even/);
  });
});
