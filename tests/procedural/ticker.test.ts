/**
 * A stock ticker (text mode 'ticker', scene/ticker.mts): "a stock ticker board" drew a bare gradient. Now
 * rows of made-up quotes scrolling right to left: a board when the ticker is the shot, a band over anything
 * else.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type TickerModule = typeof import('../../engine/src/generators/procedural/scene/ticker.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/ticker', function () {
  this.timeout(60000);

  it('plans the ticker alone as the shot, and as a band over a chart or a city; "stock market" alone is still the chart', () => {
    const board = planPrompt({ prompt: 'a stock ticker board', seed: 1 });
    assert.deepEqual([board.plan.archetype, board.plan.text?.mode, board.ignoredWords], ['text', 'ticker', []]);
    const band = planPrompt({ prompt: 'stock market chart with a ticker', seed: 1 });
    assert.deepEqual([band.plan.archetype, band.plan.text?.mode], ['abstract', 'ticker']);
    assert.ok(band.plan.subjects.some((s) => s.kind === 'line-chart'));
    assert.equal(planPrompt({ prompt: 'city skyline at night with a stock ticker', seed: 1 }).plan.text?.mode, 'ticker');
    assert.equal(planPrompt({ prompt: 'stock market', seed: 1 }).plan.text, null);
    // "Ticker tape" was already the confetti of a parade; listed for the ticker too, it drew both.
    assert.equal(planPrompt({ prompt: 'ticker tape', seed: 1 }).plan.text, null);
  });

  it('makes up distinct symbols with plausible prices and moves, written with their signs', async () => {
    const { tickerItems, itemText } = await importProcedural<TickerModule>('scene/ticker.mts');
    const rng = stream(4, 'ticker');
    const items = tickerItems(() => rng.next(), 200);
    assert.equal(new Set(items.map((i) => i.symbol)).size, 200);
    let up = 0;
    for (const item of items) {
      assert.match(item.symbol, /^[A-Z]{3,4}$/);
      assert.ok(item.price >= 4.9 && item.price <= 900, `${item.price}`);
      assert.ok(item.change !== 0 && Math.abs(item.change) <= item.price * 0.05, `${item.change} on ${item.price}`);
      if (item.change > 0) up++;
      const { quote } = itemText(item);
      assert.match(quote, /^\d+\.\d\d [+-]\d+\.\d\d \([+-]\d+\.\d\d%\)$/);
      assert.equal(quote.includes('+'), item.change > 0);
    }
    assert.ok(up > 100 && up < 160, `a little more often up than down (${up} of 200)`);
  });

  describe('render', () => {
    const gen = procedural();

    it('fills a board with green and red quotes that scroll to the left', async () => {
      const [w, h] = [320, 180];
      const frames = await renderRgba(gen(), { ...smallRequest('a stock ticker board', 2, { num: 2, den: 1 }), width: w, height: h });
      const count = (f: Uint8Array, test: (r: number, g: number, b: number) => boolean) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (test(f[i]!, f[i + 1]!, f[i + 2]!)) n++;
        return n;
      };
      const green = count(frames[0]!, (r, g, b) => g > 120 && g > r + 60 && g > b + 20);
      const red = count(frames[0]!, (r, g, b) => r > 150 && r > g + 70);
      // The shift that best lines up the first row half a second later (sum of absolute differences).
      const rowTop = 2;
      const rowBottom = Math.round(h / 7.6);
      let best = { shift: -1, sad: Infinity };
      for (let s = 0; s <= 40; s++) {
        let sad = 0;
        for (let y = rowTop; y < rowBottom; y++) for (let x = 0; x < w - 40; x++) sad += Math.abs(frames[0]![(y * w + x + s) * 4 + 1]! - frames[1]![(y * w + x) * 4 + 1]!);
        if (sad < best.sad) best = { shift: s, sad };
      }
      // Measured: 3,566 green and 983 red pixels; the first row moved 14 px left in half a second (0.2 frame
      // heights a second at its pace of 0.8).
      assert.ok(green > 500 && red > 150, `green and red quotes (${green}, ${red} pixels)`);
      assert.ok(best.shift >= 10 && best.shift <= 24, `scrolled left by ${best.shift} px`);
    });
  });
});
