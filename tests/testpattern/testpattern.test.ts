import { rgbaOf } from '../helpers/frames';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import type { ResolvedRequest } from '@rushes/shared';
import { createTestPatternGenerator, prepareTestPattern } from '../../engine/src/generators/testpattern';
import { GLYPH_COUNT, glyph, toFontText } from '../../engine/src/generators/testpattern/font';
import { wrapText } from '../../engine/src/generators/testpattern/wrap';
import { barsLayout } from '../../engine/src/generators/testpattern/bars';
import { slateLayout } from '../../engine/src/generators/testpattern/slate';
import { probe, startEncoder } from '../../engine/src/media';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function request(over: Partial<ResolvedRequest> = {}): ResolvedRequest {
  return {
    prompt: 'slow dolly over a misty pine forest at dawn',
    seed: 7,
    frames: 12,
    durationSeconds: 0.5,
    fps: { num: 24000, den: 1001 },
    width: 320,
    height: 180,
    generator: 'testpattern',
    formats: ['mp4'],
    name: 'forest',
    startTimecode: '01:00:00:00',
    ...over,
  };
}

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

async function renderAll(req: ResolvedRequest, signal = new AbortController().signal): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  const gen = createTestPatternGenerator();
  let expected = 0;
  for await (const f of gen.render({ request: req, signal, log: () => undefined })) {
    assert.equal(f.index, expected++);
    out.push(rgbaOf(f));
  }
  return out;
}

function pixel(rgba: Uint8Array, width: number, x: number, y: number): number[] {
  const p = (y * width + x) * 4;
  return [rgba[p]!, rgba[p + 1]!, rgba[p + 2]!, rgba[p + 3]!];
}

/** Bytes that differ between two frames inside a rectangle. */
function diffIn(a: Uint8Array, b: Uint8Array, width: number, box: { x: number; y: number; w: number; h: number }): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) {
    const p = (y * width + x) * 4;
    if (a[p] !== b[p] || a[p + 1] !== b[p + 1] || a[p + 2] !== b[p + 2]) n++;
  }
  return n;
}

describe('testpattern', () => {
  it('has a glyph for all of printable ASCII, 5 columns and up to 9 rows each', () => {
    assert.equal(GLYPH_COUNT, 95);
    for (let c = 33; c <= 126; c++) {
      assert.ok(glyph(String.fromCharCode(c)).some((row) => row !== 0), `glyph ${String.fromCharCode(c)} is empty`);
    }
    assert.ok(glyph(' ').every((row) => row === 0));
    assert.deepEqual(glyph('é'), glyph('?'));
    assert.equal(toFontText('café — ok'), 'caf? ? ok');
    assert.equal(toFontText('😀'), '?', 'a surrogate pair is one character');
    // Distinct glyphs for look-alikes a slate must never confuse.
    for (const [a, b] of [['0', 'O'], ['1', 'l'], [':', ';'], ['5', 'S'], ['8', 'B']] as const) {
      assert.notDeepEqual(glyph(a), glyph(b), `${a} vs ${b}`);
    }
  });

  it('wraps prompt text at words, breaks long words and truncates with an ellipsis', () => {
    assert.deepEqual(wrapText('a b c', 10, 3), { lines: ['a b c'], truncated: false });
    assert.deepEqual(wrapText('  one\ttwo\nthree  ', 9, 3), { lines: ['one two', 'three'], truncated: false });
    assert.deepEqual(wrapText('abcdefghijkl', 5, 3), { lines: ['abcde', 'fghij', 'kl'], truncated: false });
    const long = wrapText('the quick brown fox jumps over the lazy dog again and again', 10, 2);
    assert.equal(long.truncated, true);
    assert.equal(long.lines.length, 2);
    assert.ok(long.lines[1]!.endsWith('...'));
    assert.ok(long.lines.every((l) => l.length <= 10));
    assert.deepEqual(wrapText('hello', 10, 0), { lines: [], truncated: true });
  });

  it('lays out RP 219 bars: side panels of 1/8, seven equal bars, rows of 7/12, 1/12, 1/12, 3/12', () => {
    const b = barsLayout(1920, 1080);
    assert.equal(b.left, 240);
    assert.equal(b.right, 1680);
    assert.deepEqual(b.rowEdges, [0, 630, 720, 810, 1080]);
    const widths = b.barEdges.slice(1).map((e, i) => e - b.barEdges[i]!);
    assert.ok(widths.every((w) => w === 205 || w === 206), widths.join(','));
  });

  it('paints the 75% bars and the lower rows with the right levels', () => {
    const req = request({ width: 1920, height: 1080, prompt: 'x' });
    const job = prepareTestPattern(req);
    const f = job.renderFrame(0);
    const y = 450; // row 1, between the info panel and the prompt
    const at = (x: number): number[] => pixel(f, 1920, x, y).slice(0, 3);
    assert.deepEqual(at(100), [102, 102, 102], '40% grey panel');
    assert.deepEqual(at(240 + 103), [191, 191, 191], '75% white');
    assert.deepEqual(at(240 + 205 * 1 + 103), [191, 191, 0], 'yellow');
    assert.deepEqual(at(240 + 205 * 2 + 103), [0, 191, 191], 'cyan');
    assert.deepEqual(at(240 + 205 * 3 + 103), [0, 191, 0], 'green');
    assert.deepEqual(at(240 + 205 * 4 + 103), [191, 0, 191], 'magenta');
    assert.deepEqual(at(240 + 205 * 5 + 103), [191, 0, 0], 'red');
    assert.deepEqual(at(240 + 205 * 6 + 103), [0, 0, 191], 'blue');
    assert.deepEqual(pixel(f, 1920, 1800, 660).slice(0, 3), [0, 0, 255], 'row 2 right: 100% blue');
    assert.deepEqual(pixel(f, 1920, 300, 700).slice(0, 3), [255, 255, 255], 'row 2: 100% white under bar 1');
    assert.deepEqual(pixel(f, 1920, 1800, 780).slice(0, 3), [255, 0, 0], 'row 3 right: 100% red');
    const rampA = pixel(f, 1920, 400, 790)[0]!;
    const rampB = pixel(f, 1920, 1400, 790)[0]!;
    assert.ok(rampA < rampB, 'row 3 ramps up');
    assert.deepEqual(pixel(f, 1920, 100, 900).slice(0, 3), [38, 38, 38], 'row 4: 15% grey');
    assert.deepEqual(pixel(f, 1920, 240 + 308 + 200, 900).slice(0, 3), [255, 255, 255], 'row 4: 100% white');
    assert.ok(f.every((v, i) => i % 4 !== 3 || v === 255), 'opaque');
  });

  it('is deterministic: the same request gives the same frames', async () => {
    const a = (await renderAll(request())).map(sha);
    const b = (await renderAll(request())).map(sha);
    assert.deepEqual(a, b);
    const c = (await renderAll(request({ seed: 8 }))).map(sha);
    assert.notDeepEqual(a, c, 'the seed is on the slate');
  });

  it('yields exactly `frames` frames, not blank, each different from the one before', async () => {
    const req = request();
    const frames = await renderAll(req);
    assert.equal(frames.length, req.frames);
    for (const f of frames) {
      assert.equal(f.length, req.width * req.height * 4);
      const values = new Set<number>();
      for (let i = 0; i < f.length; i += 4 * 7) values.add(f[i]! * 65536 + f[i + 1]! * 256 + f[i + 2]!);
      assert.ok(values.size > 10, 'many colours');
    }
    for (let i = 1; i < frames.length; i++) assert.notEqual(sha(frames[i]!), sha(frames[i - 1]!), `frame ${i} equals ${i - 1}`);
    assert.equal(new Set(frames.map(sha)).size, frames.length, 'every frame is distinct');
  });

  it('burns in the timecode from the start timecode (drop-frame aware), separately from the frame number', () => {
    // Frame 5 of a job at 00:00:59;28 (29.97 DF) is labelled 00:01:00;05 ... and so is frame 0 of a job starting there.
    const fps = { num: 30000, den: 1001 };
    const a = prepareTestPattern(request({ fps, startTimecode: '00:00:59;28' }));
    const b = prepareTestPattern(request({ fps, startTimecode: '00:01:00;05' }));
    const c = prepareTestPattern(request({ fps, startTimecode: '00:01:00;06' }));
    const fa = a.renderFrame(5);
    const fb = b.renderFrame(0);
    const box = a.layout.tcBox;
    assert.equal(diffIn(fa, fb, 320, box), 0, 'same label, same pixels');
    assert.ok(diffIn(fa, c.renderFrame(0), 320, box) > 0, 'another label, other pixels');
    assert.ok(diffIn(fa, fb, 320, a.layout.infoBox) > 0, 'the frame numbers differ');
  });

  it('writes the prompt on the slate, sized to the frame', () => {
    const small = slateLayout(request({ width: 160, height: 90 }));
    const hd = slateLayout(request({ width: 1920, height: 1080, prompt: 'word '.repeat(400) }));
    assert.ok(small.promptLines.length >= 1);
    assert.ok(hd.tcScale > small.tcScale);
    assert.equal(hd.promptLines.length, 3);
    assert.equal(hd.promptTruncated, true);
    assert.ok(hd.promptLines[2]!.endsWith('...'));
    const gen = createTestPatternGenerator();
    assert.deepEqual(gen.report!(request({ prompt: 'caf\u00e9' })), { promptLinesShown: ['caf?'], promptTruncated: false });
  });

  it('describes itself and refuses what it cannot do with E_UNSUPPORTED', () => {
    const gen = createTestPatternGenerator();
    assert.equal(gen.info.id, 'testpattern');
    assert.equal(gen.info.device, 'cpu');
    assert.deepEqual(gen.info.limits, { maxWidth: 7680, maxHeight: 4320, maxFrames: 36000, maxFps: 120 });
    assert.doesNotThrow(() => gen.check(request()));
    assert.doesNotThrow(() => gen.check(request({ width: 7680, height: 4320 })));
    for (const bad of [
      request({ width: 7682 }),
      request({ height: 4322 }),
      request({ width: 321 }),
      request({ frames: 36001 }),
      request({ fps: { num: 240, den: 1 } }),
      request({ references: { image: '/tmp/a.png' } }),
      request({ plan: { subjects: [] } }),
    ]) {
      assert.throws(() => gen.check(bad), { code: 'E_UNSUPPORTED' });
    }
    assert.throws(() => gen.check(request({ startTimecode: '00:00:00;00' })), { code: 'E_INVALID' }, 'drop-frame at 23.976');
  });

  it('streams into the encoder as a frame-exact 29.97 DF clip', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rushes-tp-'));
    try {
      const req = request({ width: 160, height: 90, frames: 9, fps: { num: 30000, den: 1001 }, startTimecode: '00:09:59;28' });
      const file = path.join(dir, 'tp.mp4');
      const enc = startEncoder({ width: req.width, height: req.height, fps: req.fps, frames: req.frames, startTimecode: req.startTimecode, outputs: [{ format: 'mp4', path: file }] });
      for await (const f of createTestPatternGenerator().render({ request: req, signal: new AbortController().signal, log: () => undefined })) {
        await enc.write(rgbaOf(f));
      }
      await enc.end();
      const p = await probe(file);
      assert.deepEqual([p.width, p.height, p.frameCount, p.fps.num, p.fps.den, p.timecode], [160, 90, 9, 30000, 1001, '00:09:59;28']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with E_CANCELLED when the signal aborts', async () => {
    const ac = new AbortController();
    const gen = createTestPatternGenerator();
    let n = 0;
    await assert.rejects(async () => {
      for await (const _ of gen.render({ request: request({ frames: 100 }), signal: ac.signal, log: () => undefined })) {
        if (++n === 3) ac.abort();
      }
    }, { code: 'E_CANCELLED' });
    assert.equal(n, 3);
  });
});
