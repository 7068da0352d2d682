/**
 * A birthday cake (subject 'cake', scene/cake.mts): "birthday cake with candles" was a pillar candle, the
 * cake ignored. Now a two-tier cake on a stand, its candles lit.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type CakeModule = typeof import('../../engine/src/generators/procedural/scene/cake.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/cake', function () {
  this.timeout(60000);

  it('plans the cake with five candles, or the number named; its candles are used, not another product', () => {
    const cases: Array<[string, number]> = [['birthday cake with candles', 5], ['a cake with 3 candles', 3], ['a pink birthday cake', 5], ['birthday cake with 40 candles', 12]];
    for (const [prompt, count] of cases) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind, plan.subjects[0]!.count], ['product', 'cake', count], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'a candle in the dark', seed: 1 }).plan.subjects[0]!.kind, 'candle');
  });

  it('stands one candle in the middle, more in a ring inside the top', async () => {
    const { candlePlaces, MAX_CANDLES } = await importProcedural<CakeModule>('scene/cake.mts');
    assert.deepEqual(candlePlaces(1, 1), [[0, 0]]);
    assert.equal(candlePlaces(40, 1).length, MAX_CANDLES);
    for (const n of [2, 5, 12]) {
      const places = candlePlaces(n, 0.85);
      assert.equal(places.length, n);
      for (const [x, z] of places) assert.ok(Math.abs(Math.hypot(x, z) - 0.85 * 0.7) < 1e-9, 'on the ring');
      const gaps = places.map(([x, z], i) => Math.hypot(x - places[(i + 1) % n]![0], z - places[(i + 1) % n]![1]));
      assert.ok(Math.min(...gaps) > 0.2, `apart (${Math.min(...gaps).toFixed(2)})`);
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('is a low-key shot, its flames the brightest things, flickering', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('birthday cake with candles, locked off', 3, { num: 8, den: 1 }), width: 320, height: 180 });
      const f = frames[0]!;
      let bright = 0;
      let sum = 0;
      for (let i = 0; i < f.length; i += 4) {
        const y = 0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]!;
        sum += y;
        if (y > 230) bright++;
      }
      const mean = sum / (320 * 180);
      let flicker = 0;
      for (let i = 0; i < f.length; i += 4) if (Math.abs(frames[1]![i]! - f[i]!) > 3) flicker++;
      // Measured: mean level 69, 68 pixels near white (the five flames), 27,215 pixels change between frames.
      assert.ok(mean < 90, `low key (mean ${mean.toFixed(0)})`);
      assert.ok(bright > 15 && bright < 2000, `flames (${bright} pixels near white)`);
      assert.ok(flicker > 100, `the light flickers (${flicker} pixels changed)`);
    });

    it('backs off in a portrait frame to hold the whole cake stand, not just its height', async () => {
      const [w, h] = [108, 192];
      const frames = await renderRgba(gen(), { ...smallRequest('birthday cake with candles, locked off', 1), width: w, height: h });
      const f = frames[0]!;
      // The candles' flames (near white): how far apart across the frame the outermost two stand. Measured:
      // 27% of the width; framed by the height alone, with three's film gauge taken as the frame's width
      // where it is its height, 56% (the stand ran off both sides).
      const cols: number[] = [];
      for (let i = 0; i < f.length; i += 4) if (0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]! > 230) cols.push((i / 4) % w);
      const spread = (Math.max(...cols) - Math.min(...cols)) / w;
      assert.ok(cols.length > 3, 'the flames are in the frame');
      assert.ok(spread < 0.45, `the candles span ${(spread * 100).toFixed(0)}% of the frame's width`);
    });
  });
});
