/**
 * A flag (subject 'flag', scene/flag.mts, a view layer): "a flag waving in the wind" drew a bare gradient.
 * Now a flag flying from a pole against the sky, waves running out along it; the stars and stripes for an
 * American flag; other countries' flags are reported as not drawn.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type FlagModule = typeof import('../../engine/src/generators/procedural/scene/flag.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/flag', function () {
  this.timeout(60000);

  it('plans a flag in the colour named, the stars and stripes for an American one; other flags are said to be not drawn', async () => {
    const { US_FLAG } = await importProcedural<FlagModule>('scene/flag.mts');
    const red = planPrompt({ prompt: 'a red flag on a pole at sunset', seed: 1 });
    assert.deepEqual(red.plan.subjects.find((s) => s.kind === 'flag')?.color, '#c8202a');
    const us = planPrompt({ prompt: 'an american flag waving against a blue sky', seed: 1 });
    assert.equal(us.plan.subjects.find((s) => s.kind === 'flag')?.color, US_FLAG);
    assert.deepEqual(us.ignoredWords, []);
    const uk = planPrompt({ prompt: 'a british flag waving', seed: 1 });
    assert.ok(!uk.plan.subjects.some((s) => s.kind === 'flag') && uk.ignoredWords.includes('british flag'));
    assert.ok(!planPrompt({ prompt: 'a flag under the sea', seed: 1 }).plan.subjects.some((s) => s.kind === 'flag'));
  });

  it('holds the hoist to the pole, waves more towards the fly end and in a stronger wind, the waves running outward', async () => {
    const { flagWave } = await importProcedural<FlagModule>('scene/flag.mts');
    for (let t = 0; t < 3; t += 0.37) assert.ok(Math.abs(flagWave(0, 0.5, t, 0.6).offset) < 1e-12);
    const reach = (s: number, wind: number) => Math.max(...Array.from({ length: 200 }, (_, k) => Math.abs(flagWave(s, 0.5, k * 0.013, wind).offset)));
    assert.ok(reach(0.9, 0.6) > 2 * reach(0.3, 0.6), 'more at the fly end');
    assert.ok(reach(0.9, 1) > reach(0.9, 0.3), 'more in a stronger wind');
    // A crest at s0 now is further out a moment later.
    const crest = (t: number) => {
      let best = 0;
      let at = 0;
      for (let s = 0.2; s < 0.6; s += 0.001) {
        const o = flagWave(s, 0.5, t, 0.6).offset / Math.pow(s, 1.2);
        if (o > best) {
          best = o;
          at = s;
        }
      }
      return at;
    };
    assert.ok(crest(0.02) > crest(0), 'the waves run out from the pole');
  });

  describe('render', () => {
    const gen = procedural();

    it('flies the flag in the sky, rippling from frame to frame', async () => {
      const request = smallRequest('a red flag waving in the wind, static', 2, { num: 6, den: 1 });
      const { shot, bare } = await renderWithoutSubject(gen(), request, 'flag');
      const flag = changedPixels(shot[0]!, bare[0]!, 192, 60);
      const ripple = changedPixels(shot[0]!, shot[1]!, 192, 20);
      // Measured: 809 pixels about row 46 (the pole runs down from it); 345 change between frames.
      assert.ok(flag.n > 150 && flag.y < 54, `a flag high in the frame (${flag.n} pixels about row ${flag.y.toFixed(0)})`);
      assert.ok(ripple.n > 15, `it ripples (${ripple.n} pixels change in a sixth of a second)`);
    });
  });
});
