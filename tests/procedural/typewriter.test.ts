/**
 * Typed titles (scene/typewriter.mts): 'typewriter typing "Chapter One"' faded the title in over a gradient
 * and reported "typewriter typing" ignored. The title is now typed a key at a time in a typewriter's face,
 * a caret after the last key.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type TypewriterModule = typeof import('../../engine/src/generators/procedural/scene/typewriter.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/typewriter: a title typed a key at a time', function () {
  this.timeout(60000);

  it('strikes keys in order at a typist\'s uneven pace, longer after punctuation, squeezed to fit a short clip', async () => {
    const { keystrokeTimes, KEY_INTERVAL } = await importProcedural<TypewriterModule>('scene/typewriter.mts');
    let seed = 5;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const lines = ['The year was 1969. It rained.', 'Houston, Texas'];
    const times = keystrokeTimes(lines, 0.4, 20, rand);
    assert.deepEqual(times.map((l) => l.length), [29, 14]);
    const flat = times.flat();
    assert.equal(flat[0], 0.4, 'the first key at the start');
    assert.ok(flat.every((t, i) => i === 0 || t > flat[i - 1]!), 'in order, one key at a time');
    const gaps = flat.slice(1).map((t, i) => t - flat[i]!);
    const plain = gaps.filter((_, i) => /[a-z]/i.test((lines[0] + lines[1])[i]!));
    assert.ok(new Set(plain.map((g) => g.toFixed(4))).size > plain.length / 2, 'uneven');
    const mean = plain.reduce((a, b) => a + b, 0) / plain.length;
    assert.ok(Math.abs(mean - KEY_INTERVAL) < 0.02, `about twelve keys a second: ${(1 / mean).toFixed(1)}`);
    assert.ok(gaps[18]! > 1.3 * mean, `a beat after the full stop: ${gaps[18]!.toFixed(3)} s`);
    assert.ok(times[1]![0]! - times[0]!.at(-1)! > 3 * mean, 'a pause before the second line');
    const short = keystrokeTimes(lines, 0.1, 1.2, rand).flat();
    assert.ok(Math.abs(short.at(-1)! - 1.2) < 1e-9, `all down by the end of a short window: ${short.at(-1)}`);
  });

  it('keeps the caret lit while typing and half a second after, then blinks each half second', async () => {
    const { caretLit } = await importProcedural<TypewriterModule>('scene/typewriter.mts');
    assert.deepEqual([0.9, 1.0, 1.4, 1.6, 2.1, 2.6, 3.1].map((t) => caretLit(t, 1)), [true, true, true, false, true, false, true]);
  });

  it('plans a typed title; a countdown, a roll or a lower third is not typed, and says so; a typewriter on a desk is not text', () => {
    const typed = planPrompt({ prompt: 'typewriter typing "Chapter One"', seed: 1 });
    assert.deepEqual(typed.plan.text, { mode: 'title', title: 'Chapter One', reveal: 'typewriter' });
    assert.deepEqual(typed.ignoredWords, []);
    assert.deepEqual(planPrompt({ prompt: '"Breaking News" typed out on a white background', seed: 1 }).plan.text, { mode: 'title', title: 'Breaking News', reveal: 'typewriter' });
    const lower = planPrompt({ prompt: 'lower third "Ana Lima" "Editor" typewriter', seed: 1 });
    assert.deepEqual(lower.plan.text, { mode: 'lower-third', title: 'Ana Lima', subtitle: 'Editor' });
    assert.deepEqual(lower.ignoredWords, ['typewriter']);
    assert.deepEqual(planPrompt({ prompt: 'typewriter effect countdown from 5', seed: 1 }).ignoredWords, ['typewriter effect']);
    const desk = planPrompt({ prompt: 'a vintage typewriter on a desk', seed: 1 });
    assert.equal(desk.plan.text, null);
    assert.ok(desk.ignoredWords.includes('typewriter'));
  });

  describe('render', () => {
    const gen = procedural();

    it('types the title: more of it lit each frame while typing, only the caret before the first key, then it holds', async () => {
      const W = 480;
      const H = 270;
      const frames = await renderRgba(gen(), { ...smallRequest('typewriter typing "Chapter One" on black', 12, { num: 4, den: 1 }), width: W, height: H });
      const lit = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]! > 128) n++;
        return n;
      };
      const counts = frames.map(lit);
      // Measured: 42 (the caret alone), 128, 284, 593, 797, 860, 860, 841, 835, 841, 840, 826.
      assert.ok(counts[0]! < 60, `only the caret on the first frame: ${counts.join(', ')}`);
      for (let i = 1; i < 6; i++) assert.ok(counts[i]! >= counts[i - 1]! - 40, `typing adds letters: ${counts.join(', ')}`);
      assert.ok(counts[4]! > counts[1]! + 200, `more typed by the second second: ${counts.join(', ')}`);
      const done = counts.slice(8);
      assert.ok(Math.max(...done) - Math.min(...done) < 60, `then holds (the caret blinking): ${done.join(', ')}`);
    });
  });
});
