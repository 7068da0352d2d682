/**
 * Saturn (the space scene's planet in SATURN_GOLD): "saturn with its rings" was a tunnel of glowing rings.
 * Now a banded gas giant in its rings, the planet's shadow across them behind it.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { EARTH_BLUE, SATURN_GOLD } from '../../engine/src/generators/procedural/plan/palettes';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

/** The bounding box of the pixels brighter than `level` (luma): width and height. */
function brightBox(f: Uint8Array, width: number, level: number): { w: number; h: number } {
  let x0 = Infinity;
  let x1 = -1;
  let y0 = Infinity;
  let y1 = -1;
  // Stars are single bright pixels: a pixel counts only with a bright neighbour to its right and below.
  const bright = (i: number) => 0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]! > level;
  for (let i = 0; i < f.length - 4 * (width + 1); i += 4) {
    if (!bright(i) || !bright(i + 4) || !bright(i + 4 * width)) continue;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

describe('procedural/saturn', function () {
  this.timeout(60000);

  it('plans Saturn for its names, the earth for a planet', () => {
    for (const prompt of ['saturn with its rings', 'a ringed planet in space', 'gas giant with rings']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.setting, plan.subjects.map((s) => `${s.kind}:${s.color}`).join(',')], ['space', `planet:${SATURN_GOLD}`], prompt);
      assert.ok(!ignoredWords.some((w) => /saturn|ring/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: 'earth from space', seed: 1 }).plan.subjects[0]!.color, EARTH_BLUE);
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the rings: the lit shape is far wider than the planet is tall, as the earth is not', async () => {
      const [saturn] = await renderRgba(gen(), smallRequest('saturn with its rings, static', 1));
      const [earth] = await renderRgba(gen(), smallRequest('earth from space, static', 1));
      const s = brightBox(saturn!, 192, 60);
      const e = brightBox(earth!, 192, 60);
      // Measured: Saturn 86 by 45 pixels, the earth 62 by 75.
      assert.ok(s.w > 1.5 * s.h, `Saturn's rings: ${s.w} by ${s.h} pixels`);
      assert.ok(e.w < 1.2 * e.h, `the earth: ${e.w} by ${e.h} pixels`);
    });
  });
});
