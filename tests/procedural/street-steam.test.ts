/**
 * Steam from the street's manholes: "a dark alley with steam" drew the street and reported the steam
 * ignored (steam rose only from a hot drink).
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

describe('procedural/street steam', function () {
  this.timeout(60000);

  it('plans steam in a street for the steam or the manholes named, and nowhere else it cannot rise from', () => {
    for (const prompt of ['a dark alley with steam at night', 'steam rising from a manhole', 'steaming manholes on a city street']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting, plan.subjects.some((s) => s.kind === 'steam')], ['urban', 'street', true], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    // A skyline has no street level to rise from: reported ignored.
    assert.ok(planPrompt({ prompt: 'city skyline with steam', seed: 1 }).ignoredWords.includes('steam'));
    assert.equal(planPrompt({ prompt: 'a cup of coffee with steam', seed: 1 }).plan.subjects[0]!.kind, 'mug');
  });

  describe('render', () => {
    const gen = procedural();

    it('rises in the street, moving', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('steam rising from manholes on a city street at night, locked off', 2, { num: 4, den: 1 }), 'steam');
      const drawn = changedPixels(bare[0]!, shot[0]!, 192, 20);
      const moved = changedPixels(shot[0]!, shot[1]!, 192, 12).n - changedPixels(bare[0]!, bare[1]!, 192, 12).n;
      // Measured: 1,060 pixels of steam centred at (90, 68) of 192 x 108; 289 more change a frame than without it.
      assert.ok(drawn.n > 100, `steam drawn (${drawn.n} pixels)`);
      assert.ok(drawn.y > 40, `low in the frame, rising from the street (${drawn.y.toFixed(0)})`);
      assert.ok(moved > 20, `it moves (${moved} more pixels change than without it)`);
    });
  });
});
