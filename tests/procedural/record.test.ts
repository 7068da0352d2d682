/**
 * A record player (subject 'record', scene/record-player.mts): "close up of a spinning vinyl record" was a
 * soda can. Now an LP turning at 33 1/3 on a turntable, the tonearm's stylus in the groove.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, smallRequest } from '../helpers/render';

type RecordModule = typeof import('../../engine/src/generators/procedural/scene/record-player.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/record: a record player', function () {
  this.timeout(60000);

  it("plans the record player for vinyl and its names; a product shot's turntable is still the product's", () => {
    for (const prompt of ['close up of a spinning vinyl record', 'record player with vinyl at night', 'dj turntables', 'needle drop on a vinyl record']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'record'], prompt);
      assert.ok(!ignoredWords.some((w) => /vinyl|record|turntable|spinning|needle/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: 'perfume bottle on a studio sweep, turntable, soft box lighting', seed: 1 }).plan.subjects[0]!.kind, 'bottle');
    assert.equal(planPrompt({ prompt: 'vinyl record with a red label', seed: 1 }).plan.subjects[0]!.color, '#c8202a', 'a colour named is the label\'s');
  });

  it('turns at 33 1/3 rpm; the stylus moves in along the groove; the tracks lie in the grooved band, apart', async () => {
    const { recordPlay, trackBands, RECORD_RADIUS } = await importProcedural<RecordModule>('scene/record-player.mts');
    // One turn in 1.8 s, clockwise seen from above (negative about +y).
    assert.ok(Math.abs(recordPlay(1.8, 100).turn + 2 * Math.PI) < 1e-9);
    const start = recordPlay(0, 100).stylusRadius;
    const later = recordPlay(30, 100).stylusRadius;
    assert.ok(later < start && start - later < 0.05, `the stylus moves in slowly (${start.toFixed(4)} -> ${later.toFixed(4)} in 30 s)`);
    assert.ok(recordPlay(0, 0).stylusRadius < RECORD_RADIUS && recordPlay(1e6, 0).stylusRadius > 0.55, 'within the grooves');
    const bands = trackBands();
    assert.equal(bands.length, 5);
    for (let i = 0; i < bands.length; i++) {
      const [outer, inner] = bands[i]!;
      assert.ok(outer > inner && outer <= RECORD_RADIUS, `track ${i}: ${outer} to ${inner}`);
      if (i > 0) assert.ok(bands[i - 1]![1] - outer > 0.015, `a gap before track ${i}`);
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('spins the label on a still shot while the grooves\' highlight stays where the light puts it', async () => {
      const frames = await renderRgba(gen(), smallRequest('vinyl record on a turntable, locked off', 3, { num: 4, den: 1 }));
      // A quarter second is 50 degrees of turn: the label's print moves; the grooves, the same all the way
      // round, look the same (their streak of light does not turn with the record).
      const change = changedPixels(frames[0]!, frames[1]!, 192, 30);
      const again = changedPixels(frames[1]!, frames[2]!, 192, 30);
      // Measured: 60 and 66 pixels, all on the label (6248 when an orbiting camera moved everything).
      assert.ok(change.n > 5 && again.n > 5, `the label turns (${change.n}, ${again.n} pixels)`);
      assert.ok(change.n < 120 && again.n < 120, `and little else changes (${change.n}, ${again.n} pixels)`);
    });
  });
});
