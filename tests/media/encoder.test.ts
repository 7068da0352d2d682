import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Rational } from '@rushes/shared';
import {
  buildEncoderArgs,
  defaultBaseName,
  mediaTools,
  probe,
  probeSequence,
  sha256File,
  sha256Sequence,
  startEncoder,
  writePoster,
  type EncoderSpec,
} from '../../engine/src/media';

/** A frame whose content depends on its index, so frame order and count are visible. */
function frame(w: number, h: number, i: number): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) {
    data[p * 4] = (i * 37 + p) & 255;
    data[p * 4 + 1] = (i * 11) & 255;
    data[p * 4 + 2] = (p * 3) & 255;
    data[p * 4 + 3] = 255;
  }
  return data;
}

function solid(w: number, h: number, [r, g, b]: [number, number, number]): Uint8Array {
  const data = new Uint8Array(w * h * 4);
  for (let p = 0; p < w * h; p++) data.set([r, g, b, 255], p * 4);
  return data;
}

async function encode(spec: EncoderSpec, make: (i: number) => Uint8Array = (i) => frame(spec.width, spec.height, i)): Promise<void> {
  const enc = startEncoder(spec);
  for (let i = 0; i < spec.frames; i++) await enc.write(make(i));
  await enc.end();
}

describe('media/encoder', function () {
  this.timeout(20000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rushes-media-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rates: [Rational, string][] = [
    [{ num: 24000, den: 1001 }, '01:00:00:00'],
    [{ num: 30000, den: 1001 }, '00:59:59;28'],
    [{ num: 25, den: 1 }, '10:00:00:00'],
  ];
  for (const [fps, tc] of rates) {
    it(`writes mp4, prores and png in one pass at ${fps.num}/${fps.den}, frame-exact`, async () => {
      const frames = 7;
      const spec: EncoderSpec = {
        width: 64,
        height: 36,
        fps,
        frames,
        startTimecode: tc,
        outputs: [
          { format: 'mp4', path: path.join(dir, 'clip.mp4') },
          { format: 'prores', path: path.join(dir, 'clip.mov') },
          { format: 'png', path: path.join(dir, 'clip_png') },
        ],
        metadata: { title: 'a prompt\nwith a line break', comment: 'rushes test' },
      };
      await encode(spec);
      const duration = (frames * fps.den) / fps.num;

      const mp4 = await probe(path.join(dir, 'clip.mp4'));
      assert.deepEqual([mp4.width, mp4.height, mp4.frameCount], [64, 36, frames]);
      assert.deepEqual(mp4.fps, fps);
      assert.ok(Math.abs(mp4.durationSeconds - duration) < 1e-3, `duration ${mp4.durationSeconds} vs ${duration}`);
      assert.equal(mp4.codec, 'h264');
      assert.equal(mp4.pixFmt, 'yuv420p');
      assert.equal(mp4.timecode, tc);
      assert.deepEqual([mp4.colorSpace, mp4.colorPrimaries, mp4.colorTransfer, mp4.colorRange], ['bt709', 'bt709', 'bt709', 'tv']);

      const mov = await probe(path.join(dir, 'clip.mov'));
      assert.deepEqual([mov.width, mov.height, mov.frameCount], [64, 36, frames]);
      assert.deepEqual(mov.fps, fps);
      assert.ok(Math.abs(mov.durationSeconds - duration) < 1e-3);
      assert.equal(mov.codec, 'prores');
      assert.equal(mov.profile, 'HQ');
      assert.equal(mov.pixFmt, 'yuv422p10le');
      assert.equal(mov.timecode, tc);
      assert.equal(mov.colorSpace, 'bt709');

      const seq = await probeSequence(path.join(dir, 'clip_png'));
      assert.equal(seq.pattern, 'clip.%06d.png');
      assert.deepEqual([seq.firstFrame, seq.lastFrame, seq.frameCount, seq.width, seq.height], [0, frames - 1, frames, 64, 36]);
      assert.deepEqual(seq.files.slice(0, 2), ['clip.000000.png', 'clip.000001.png']);
    });
  }

  it('keeps the moov atom at the front (+faststart)', async () => {
    const file = path.join(dir, 'fast.mp4');
    await encode({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 3, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: file }] });
    const { readFileSync } = await import('node:fs');
    const head = readFileSync(file).subarray(0, 4096).toString('latin1');
    assert.ok(head.indexOf('moov') >= 0 && head.indexOf('moov') < head.indexOf('mdat'), 'moov before mdat');
  });

  it('converts RGB to Y\'CbCr with the BT.709 matrix in limited range', async () => {
    const file = path.join(dir, 'red.mp4');
    // 75% red: BT.709 gives Y' 51, Cb 109, Cr 212 (BT.601 would give Y' 65).
    await encode({ width: 64, height: 36, fps: { num: 25, den: 1 }, frames: 1, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: file }], x264: { crf: 1 } }, () =>
      solid(64, 36, [191, 0, 0]),
    );
    const { ffmpeg } = await mediaTools();
    const yuv = execFileSync(ffmpeg.path, ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1']);
    const n = 64 * 36;
    assert.ok(Math.abs(yuv[n / 2 + 32]! - 51) <= 1, `Y ${yuv[32]}`);
    assert.ok(Math.abs(yuv[n + 100]! - 109) <= 1, `Cb ${yuv[n + 100]}`);
    assert.ok(Math.abs(yuv[n + n / 4 + 100]! - 212) <= 1, `Cr ${yuv[n + n / 4 + 100]}`);
  });

  it('applies back-pressure: a write waits until the pipe has taken the frame', async () => {
    const w = 640;
    const h = 360; // ~0.9 MB a frame, far beyond the pipe's buffer
    const enc = startEncoder({ width: w, height: h, fps: { num: 24, den: 1 }, frames: 4, startTimecode: '00:00:00:00', outputs: [{ format: 'png', path: path.join(dir, 'bp_png') }] });
    let settled = false;
    const p = enc.write(frame(w, h, 0)).then(() => (settled = true));
    // Not resolved synchronously, nor in the same turn: the data has to travel through the pipe first.
    await Promise.resolve();
    assert.equal(settled, false);
    await p;
    for (let i = 1; i < 4; i++) await enc.write(frame(w, h, i));
    await enc.end();
    assert.equal(enc.framesWritten, 4);
    assert.equal((await probeSequence(path.join(dir, 'bp_png'))).frameCount, 4);
  });

  it('abort kills ffmpeg and leaves no partial output', async () => {
    const outputs = [
      { format: 'mp4' as const, path: path.join(dir, 'gone.mp4') },
      { format: 'prores' as const, path: path.join(dir, 'gone.mov') },
      { format: 'png' as const, path: path.join(dir, 'gone_png') },
    ];
    const enc = startEncoder({ width: 160, height: 90, fps: { num: 24, den: 1 }, frames: 100, startTimecode: '00:00:00:00', outputs });
    for (let i = 0; i < 10; i++) await enc.write(frame(160, 90, i));
    await enc.abort();
    assert.deepEqual(readdirSync(dir), []);
    await assert.rejects(enc.write(frame(160, 90, 10)), { code: 'E_CANCELLED' });
  });

  it('an AbortSignal aborts the encode', async () => {
    const ac = new AbortController();
    const file = path.join(dir, 'signal.mp4');
    const enc = startEncoder({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 50, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: file }], signal: ac.signal });
    await enc.write(frame(64, 36, 0));
    ac.abort();
    await assert.rejects(async () => {
      for (let i = 1; i < 50; i++) await enc.write(frame(64, 36, i));
      await enc.end();
    }, { code: 'E_CANCELLED' });
    await enc.abort();
    assert.equal(existsSync(file), false);
  });

  it('an ffmpeg failure surfaces as E_ENCODER with ffmpeg\'s own words', async () => {
    // libx264 refuses 4:2:0 at an odd width.
    const enc = startEncoder({ width: 63, height: 36, fps: { num: 24, den: 1 }, frames: 3, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: path.join(dir, 'odd.mp4') }] });
    const err = await (async () => {
      for (let i = 0; i < 3; i++) await enc.write(new Uint8Array(63 * 36 * 4));
      await enc.end();
    })().then(
      () => assert.fail('expected a failure'),
      (e: unknown) => e as { code: string; message: string },
    );
    assert.equal(err.code, 'E_ENCODER');
    assert.match(err.message, /divisible by 2|width/i);
    assert.equal(existsSync(path.join(dir, 'odd.mp4')), false);
  });

  it('a missing output folder is E_ENCODER, a full disk is E_DISK_FULL', async function () {
    const enc = startEncoder({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 2, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: path.join(dir, 'no', 'such', 'x.mp4') }] });
    await assert.rejects(async () => {
      await enc.write(frame(64, 36, 0));
      await enc.write(frame(64, 36, 1));
      await enc.end();
    }, (e: { code: string; message: string }) => e.code === 'E_ENCODER' && /No such file/i.test(e.message));

    if (process.platform !== 'linux' || !existsSync('/dev/full')) this.skip();
    // /dev/full answers every write with ENOSPC.
    const full = startEncoder({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 2, startTimecode: '00:00:00:00', outputs: [{ format: 'prores', path: '/dev/full' }] });
    await assert.rejects(async () => {
      await full.write(frame(64, 36, 0));
      await full.write(frame(64, 36, 1));
      await full.end();
    }, { code: 'E_DISK_FULL' });
    assert.ok(statSync('/dev/full').isCharacterDevice(), 'cleanup never removes a device');
  });

  it('refuses bad specs before starting anything', () => {
    const base: EncoderSpec = { width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 2, startTimecode: '00:00:00:00', outputs: [{ format: 'mp4', path: path.join(dir, 'a.mp4') }] };
    assert.throws(() => startEncoder({ ...base, outputs: [] }), { code: 'E_INVALID' });
    assert.throws(() => startEncoder({ ...base, outputs: [{ format: 'mp4', path: 'relative.mp4' }] }), { code: 'E_INVALID' });
    assert.throws(() => startEncoder({ ...base, startTimecode: '00:00:00;00' }), { code: 'E_INVALID' });
    assert.throws(() => startEncoder({ ...base, frames: 0 }), { code: 'E_INVALID' });
    assert.throws(() => startEncoder({ ...base, outputs: [base.outputs[0]!, base.outputs[0]!] }), { code: 'E_INVALID' });
  });

  it('rejects frames of the wrong size and more frames than announced', async () => {
    const enc = startEncoder({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 1, startTimecode: '00:00:00:00', outputs: [{ format: 'png', path: path.join(dir, 'one_png') }] });
    await assert.rejects(enc.write(new Uint8Array(10)), { code: 'E_INTERNAL' });
    await enc.write(frame(64, 36, 0));
    await assert.rejects(enc.write(frame(64, 36, 1)), { code: 'E_INTERNAL' });
    await enc.end();
  });

  it('builds one ffmpeg command with exact rates on input and every output', () => {
    const args = buildEncoderArgs({
      width: 64,
      height: 36,
      fps: { num: 24000, den: 1001 },
      frames: 5,
      startTimecode: '01:00:00:00',
      outputs: [
        { format: 'mp4', path: '/x/a.mp4' },
        { format: 'png', path: '/x/a_png', baseName: 'shot' },
      ],
    });
    assert.equal(args.filter((a) => a === '24000/1001').length, 3);
    assert.equal(args.filter((a) => a === 'pipe:0').length, 1);
    assert.ok(args.includes('/x/a_png/shot.%06d.png'));
    assert.ok(args.includes('+faststart+write_colr'));
    assert.equal(defaultBaseName('/t/clip_s7_png'), 'clip_s7');
    assert.equal(defaultBaseName('/t/clip.png.tmp-3'), 'clip');
  });

  it('hashes files and sequences, and writes a JPEG poster', async () => {
    await encode({ width: 64, height: 36, fps: { num: 24, den: 1 }, frames: 3, startTimecode: '00:00:00:00', outputs: [{ format: 'png', path: path.join(dir, 'h_png') }] });
    const seq = await probeSequence(path.join(dir, 'h_png'));
    const whole = await sha256Sequence(path.join(dir, 'h_png'));
    const { createHash } = await import('node:crypto');
    const { readFileSync } = await import('node:fs');
    const expected = createHash('sha256');
    let bytes = 0;
    for (const f of seq.files) {
      const b = readFileSync(path.join(dir, 'h_png', f));
      expected.update(b);
      bytes += b.length;
    }
    assert.deepEqual(whole, { sha256: expected.digest('hex'), bytes });
    const one = await sha256File(path.join(dir, 'h_png', seq.files[0]!));
    assert.equal(one.sha256, createHash('sha256').update(readFileSync(path.join(dir, 'h_png', seq.files[0]!))).digest('hex'));

    const poster = path.join(dir, 'poster.jpg');
    await writePoster(frame(160, 90, 0), 160, 90, poster, { maxWidth: 80 });
    const p = await probe(poster);
    assert.deepEqual([p.codec, p.width, p.height], ['mjpeg', 80, 46]);
  });
});
