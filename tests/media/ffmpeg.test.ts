import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isRecent, locateTools } from '../../engine/src/media/ffmpeg';

/** A fake ffmpeg/ffprobe on PATH: prints a version line, and an encoder list for -encoders. */
function fakeTool(dir: string, name: string, version: string, encoders: string[]): void {
  const lines = encoders.map((e) => ` V..... ${e}              fake`).join('\n');
  writeFileSync(
    path.join(dir, name),
    `#!/bin/sh\nif [ "$2" = "-encoders" ]; then printf '%s\\n' "Encoders:" "${lines.replace(/"/g, '')}"; exit 0; fi\necho "${name} version ${version} Copyright (c) 2000-2024 the FFmpeg developers"\n`,
  );
  chmodSync(path.join(dir, name), 0o755);
}

describe('media/ffmpeg', function () {
  this.timeout(10000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'rushes-ffmpeg-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('judges versions: releases from 4.4, dated git builds from 2021-04', () => {
    assert.equal(isRecent('4.4'), true);
    assert.equal(isRecent('6.1.1-3ubuntu5'), true);
    assert.equal(isRecent('n7.0'), true);
    assert.equal(isRecent('4.3.2'), false);
    assert.equal(isRecent('4.1.3-0+deb10u1'), false);
    assert.equal(isRecent('2023-03-05-git-912ac82a3c-full_build-www.gyan.dev'), true);
    assert.equal(isRecent('git-2020-06-01-abc'), false);
    assert.equal(isRecent('N-47683-g0e8eb07980-static', 'ffmpeg version N-47683 Copyright (c) 2000-2018 the FFmpeg developers'), false);
    assert.equal(isRecent('N-113000-gabc', 'Copyright (c) 2000-2023 the FFmpeg developers'), true);
    assert.equal(isRecent('N-1-gabc'), false, 'an undatable build is not trusted');
  });

  it('falls back to the bundled binaries when PATH has none', async () => {
    const tools = await locateTools({ PATH: dir });
    assert.equal(tools.ffmpeg.source, 'bundled');
    assert.equal(tools.ffprobe.source, 'bundled');
    assert.ok(tools.ffmpeg.version.length > 0);
  });

  it('takes a recent system ffmpeg with the needed encoders, and skips old or incomplete ones', async () => {
    const good = path.join(dir, 'good');
    const old = path.join(dir, 'old');
    const thin = path.join(dir, 'thin');
    for (const d of [good, old, thin]) (await import('node:fs')).mkdirSync(d);
    fakeTool(old, 'ffmpeg', '4.1.3', ['libx264', 'prores_ks', 'png', 'mjpeg']);
    fakeTool(thin, 'ffmpeg', '6.0', ['png', 'mjpeg']);
    fakeTool(good, 'ffmpeg', '6.1.1', ['libx264', 'prores_ks', 'png', 'mjpeg']);
    fakeTool(good, 'ffprobe', '6.1.1', []);
    const tools = await locateTools({ PATH: [old, thin, good].join(path.delimiter) });
    assert.equal(tools.ffmpeg.source, 'system');
    assert.equal(tools.ffmpeg.path, path.join(good, 'ffmpeg'));
    assert.equal(tools.ffmpeg.version, '6.1.1');
    assert.equal(tools.ffprobe.path, path.join(good, 'ffprobe'));

    const fallback = await locateTools({ PATH: [old, thin].join(path.delimiter) });
    assert.equal(fallback.ffmpeg.source, 'bundled');
  });

  it('RUSHES_FFMPEG wins, and a broken one is a clear E_ENCODER', async () => {
    const bundled = (await locateTools({ PATH: '' })).ffmpeg.path;
    const chosen = await locateTools({ PATH: '', RUSHES_FFMPEG: bundled });
    assert.equal(chosen.ffmpeg.source, 'env');
    assert.equal(chosen.ffprobe.source, 'bundled');
    await assert.rejects(locateTools({ PATH: '', RUSHES_FFMPEG: path.join(dir, 'nope') }), (e: { code: string; message: string }) => {
      return e.code === 'E_ENCODER' && e.message.includes('RUSHES_FFMPEG');
    });
  });
});
