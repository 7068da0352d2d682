/**
 * Code on a screen (text mode 'code', scene/code-editor.mts): "a computer screen with code" drew a bare
 * gradient. Now a code editor with syntax-coloured source being typed, the view scrolling with it.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type CodeModule = typeof import('../../engine/src/generators/procedural/scene/code-editor.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/code editor', function () {
  this.timeout(60000);

  it('plans code on a screen, in Python when named; the Matrix\'s code is still its rain', () => {
    for (const [prompt, language] of [['a computer screen with code', 'typescript'], ['python code', 'python'], ['programmer typing', 'typescript'], ['lines of code scrolling', 'typescript']] as const) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.text?.mode, plan.text?.title], ['text', 'code', language], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'matrix code rain', seed: 1 }).plan.subjects[0]!.kind, 'code-rain');
    assert.equal(planPrompt({ prompt: 'matrix code rain', seed: 1 }).plan.weather.condition, 'clear', 'the rain of code is not weather');
  });

  it('writes well-formed code: TypeScript braces balanced and indented by depth, no empty blocks; Python blocks indented under their colons', async () => {
    const { writeCode, lineText } = await importProcedural<CodeModule>('scene/code-editor.mts');
    for (let seed = 1; seed <= 20; seed++) {
      const rng = stream(seed, 'code');
      const ts = writeCode(() => rng.next(), 'typescript', 40).map(lineText);
      assert.ok(ts.length >= 40);
      let depth = 0;
      let sinceOpen = -1;
      for (const line of ts) {
        const closes = line.trim() === '}';
        if (closes) {
          depth--;
          assert.ok(sinceOpen !== 0, `seed ${seed}: an empty block`);
        }
        assert.ok(depth >= 0, `seed ${seed}: a brace closed that was not open`);
        if (line.trim()) assert.equal(line.length - line.trimStart().length, 2 * depth, `seed ${seed}: "${line}" at depth ${depth}`);
        if (line.endsWith('{')) {
          depth++;
          sinceOpen = 0;
        } else if (!closes && line.trim()) sinceOpen++;
      }
      assert.equal(depth, 0, `seed ${seed}: every brace closed`);
      const py = writeCode(() => rng.next(), 'python', 40).map(lineText);
      py.forEach((line, i) => {
        if (!line.endsWith(':')) return;
        const indent = line.length - line.trimStart().length;
        const next = py[i + 1] ?? '';
        assert.equal(next.length - next.trimStart().length, indent + 4, `seed ${seed}: the body under "${line}"`);
      });
    }
  });

  it('types at the rate asked, the indentation at once, pausing at each line\'s end', async () => {
    const { typingTimes } = await importProcedural<CodeModule>('scene/code-editor.mts');
    const rng = stream(3, 'typing');
    const lines = ['  const a = 1;', '  return a;', '}'];
    const { chars, lineStart } = typingTimes(lines, 1, 20, () => rng.next());
    const flat = chars.flat();
    for (let i = 1; i < flat.length; i++) assert.ok(flat[i]! >= flat[i - 1]!);
    assert.equal(chars[0]![0], 1);
    assert.equal(chars[0]![1], 1, 'the indentation is there at once');
    const typed = flat.length - 4;
    const span = flat.at(-1)! - 1;
    assert.ok(typed / span > 12 && typed / span < 30, `${(typed / span).toFixed(1)} keys a second`);
    assert.ok(lineStart[1]! > chars[0]!.at(-1)! && lineStart[1]! <= chars[1]![0]!, 'the caret moves to the next line before it is typed');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the editor dark, and more code on it as the clip goes on', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('a computer screen with code', 2, { num: 1, den: 3 }), width: 640, height: 360 });
      const lit = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (f[i]! + f[i + 1]! + f[i + 2]! > 300) n++;
        return n;
      };
      const dark = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (f[i]! + f[i + 1]! + f[i + 2]! < 150) n++;
        return n;
      };
      const [first, last] = [frames[0]!, frames[1]!];
      // Measured: 3,500 lit pixels at the start, 3,857 three seconds on; 94% of the frame dark.
      assert.ok(dark(first) > 0.8 * 640 * 360, 'a dark editor');
      assert.ok(lit(first) > 1000, `code already written (${lit(first)} pixels)`);
      assert.ok(lit(last) > lit(first) * 1.1, `more typed three seconds on (${lit(first)} -> ${lit(last)} pixels)`);
    });
  });
});
