/**
 * A television's static (subject 'tv-static', scene/tv-static.mts): "old tv static noise" was a gradient,
 * its "static" read as a locked-off camera. Now a new field of noise on every frame, in scan lines, with a
 * bright band rolling up the screen.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type StaticModule = typeof import('../../engine/src/generators/procedural/scene/tv-static.mjs', { with: { 'resolution-mode': 'import' } });

const luma = (f: Uint8Array, i: number) => 0.2126 * f[i * 4]! + 0.7152 * f[i * 4 + 1]! + 0.0722 * f[i * 4 + 2]!;

describe('procedural/tv static', function () {
  this.timeout(60000);

  it('plans static from a television, a signal or noise, the camera still; "static" alone is still a locked-off camera', () => {
    for (const prompt of ['old tv static noise', 'tv static overlay', 'no signal', 'white noise', 'television static interference']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(','), plan.camera.move], ['abstract', 'tv-static', 'static'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    const forest = planPrompt({ prompt: 'static shot of a misty forest', seed: 1 }).plan;
    assert.deepEqual([forest.archetype, forest.camera.move], ['nature', 'static']);
    // "no" before a phrase of its own is that phrase; before anything else it still negates.
    assert.ok(!planPrompt({ prompt: 'a forest with no people', seed: 1 }).plan.subjects.some((s) => s.kind === 'tv-static'));
    assert.ok(!planPrompt({ prompt: 'city skyline, no rain', seed: 1 }).plan.weather.condition.includes('rain'));
  });

  it('rolls the band up the screen at a steady rate, wrapping from the top to the bottom', async () => {
    const { rollAt, ROLL_RATE } = await importProcedural<StaticModule>('scene/tv-static.mts');
    for (let i = 1; i <= 48; i++) {
      const step = rollAt(i / 24, 3) - rollAt((i - 1) / 24, 3);
      const wrapped = step < 0 ? step + 1 : step;
      assert.ok(Math.abs(wrapped - ROLL_RATE / 24) < 1e-9, `frame ${i}`);
      assert.ok(rollAt(i / 24, 3) >= 0 && rollAt(i / 24, 3) < 1);
    }
    assert.notEqual(rollAt(0, 1), rollAt(0, 2), 'the seed sets where it starts');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws a new field of noise on every frame, grey on average, from dark to bright grains', async () => {
      const request = { ...smallRequest('old tv static noise', 3, { num: 24, den: 1 }), width: 640, height: 360 };
      const frames = await renderRgba(gen(), request);
      const n = 640 * 360;
      const stats = (f: Uint8Array) => {
        let s = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          const y = luma(f, i);
          s += y;
          s2 += y * y;
        }
        const mean = s / n;
        return { mean, sd: Math.sqrt(s2 / n - mean * mean) };
      };
      const corr = (a: Uint8Array, b: Uint8Array, shift: (i: number) => number) => {
        let sab = 0;
        let sa = 0;
        let sb = 0;
        let saa = 0;
        let sbb = 0;
        let m = 0;
        for (let i = 0; i < n; i++) {
          const j = shift(i);
          if (j < 0 || j >= n) continue;
          const x = luma(a, i);
          const y = luma(b, j);
          sab += x * y;
          sa += x;
          sb += y;
          saa += x * x;
          sbb += y * y;
          m++;
        }
        return (sab / m - (sa / m) * (sb / m)) / Math.sqrt((saa / m - (sa / m) ** 2) * (sbb / m - (sb / m) ** 2));
      };
      const [a, b] = [frames[0]!, frames[1]!];
      const { mean, sd } = stats(a);
      // Measured: mean 152, sd 44; consecutive frames correlate 0.11 (the band and the vignette, which stay);
      // neighbours along a line 0.63, two rows down 0.31.
      assert.ok(mean > 70 && mean < 170, `grey on average (mean luma ${mean.toFixed(1)})`);
      assert.ok(sd > 35, `grains from dark to bright (sd ${sd.toFixed(1)})`);
      const across = corr(a, b, (i) => i);
      assert.ok(across < 0.25, `a new field each frame (frames correlate ${across.toFixed(3)})`);
      // Along a line neighbours are alike (the set's bandwidth smears them); across lines much less.
      const along = corr(a, a, (i) => (i % 640 < 639 ? i + 1 : -1));
      const down = corr(a, a, (i) => i + 640 * 2);
      assert.ok(along > down + 0.15, `smeared along the lines (${along.toFixed(3)} along, ${down.toFixed(3)} two rows down)`);
    });
  });
});
