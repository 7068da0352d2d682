/**
 * Clocks (subject 'clock', scene/clock.mts): "a clock ticking" was the wristwatch on a stand with its
 * hands still. Now a twin-bell alarm clock facing the lens, the second hand jumping once a second.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type ClockModule = typeof import('../../engine/src/generators/procedural/scene/clock.mjs', { with: { 'resolution-mode': 'import' } });
const deg = (r: number) => (r * 180) / Math.PI;

describe('procedural/clock: an alarm clock ticking', function () {
  this.timeout(60000);

  it('plans the alarm clock for clocks and ticking; a watch is still the watch, clockwork the gears', () => {
    for (const prompt of ['a clock ticking', 'alarm clock on a table, static', 'ticking clock close up', 'tick tock']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'clock'], prompt);
      assert.ok(!ignoredWords.some((w) => /tick/.test(w)), `${prompt}: the ticking is drawn (ignored: ${ignoredWords.join(', ')})`);
    }
    assert.equal(planPrompt({ prompt: 'red alarm clock', seed: 1 }).plan.subjects[0]!.color, '#c8202a', 'a colour named is the case\'s');
    assert.equal(planPrompt({ prompt: 'luxury wristwatch', seed: 1 }).plan.subjects[0]!.kind, 'watch');
    assert.equal(planPrompt({ prompt: 'clockwork gears turning', seed: 1 }).plan.subjects[0]!.kind, 'gears');
  });

  it('ticks the second hand once a second, with an overshoot; the other hands glide', async () => {
    const { clockHands, TICK_SECONDS } = await importProcedural<ClockModule>('scene/clock.mts');
    // Between ticks the second hand holds still, one sixtieth of a turn past the last.
    assert.equal(clockHands(5.3).second, clockHands(5.95).second, 'still between ticks');
    assert.ok(Math.abs(deg(clockHands(5.5).second - clockHands(4.5).second) - 6) < 1e-9, 'six degrees a second');
    assert.ok(Math.abs(deg(clockHands(15.5).second) - 90) < 1e-9, 'at 15 s it points at 3');
    let peak = 0;
    for (let t = 5; t < 5 + TICK_SECONDS; t += 0.002) peak = Math.max(peak, clockHands(t).second);
    assert.ok(peak > clockHands(5.5).second, 'it overshoots while it ticks');
    assert.ok(Math.abs(deg(clockHands(3 * 3600).hour) - 90) < 1e-9 && Math.abs(deg(clockHands(15 * 60).minute) - 90) < 1e-9, 'hour and minute hands at 3:00 and :15');
    assert.ok(clockHands(600.5).minute > clockHands(600.2).minute, 'the minute hand glides');
  });

  describe('render', () => {
    const gen = procedural();

    it('moves the hands on a still shot, and nothing else', async () => {
      const frames = await renderRgba(gen(), smallRequest('a clock ticking, static shot', 3));
      // Pixels that change by more than the dither between the first and last frame: in the dial's middle
      // (the hands) and none in the frame's outer columns (the studio).
      let dial = 0;
      let outside = 0;
      for (let y = 0; y < 108; y++) {
        for (let x = 0; x < 192; x++) {
          const i = (y * 192 + x) * 4;
          const d = Math.abs(frames[0]![i]! - frames[2]![i]!) + Math.abs(frames[0]![i + 1]! - frames[2]![i + 1]!);
          if (d < 12) continue;
          if (Math.abs(x - 96) < 24 && Math.abs(y - 54) < 24) dial++;
          if (x < 40 || x > 152) outside++;
        }
      }
      // Measured when written: 53 pixels in the dial's middle, 0 outside.
      assert.ok(dial > 15, `the hands moved (${dial} pixels in the dial's middle)`);
      assert.equal(outside, 0, 'nothing else moved');
    });
  });
});
