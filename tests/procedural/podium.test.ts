/**
 * An empty podium (subject 'podium'): "empty podium for product display" was a soda can on the sweep. Now
 * a two-tier podium with the room above it left empty, for a product composited in; an object named still
 * stands on the sweep itself, and a product shot of one we do not draw ("headphones rotating") is the
 * empty podium too, not a soda can standing in for it.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

describe('procedural/podium: an empty podium for a product', function () {
  this.timeout(60000);

  it('plans the podium only when nothing else is named, and says so when an object takes its place', () => {
    for (const prompt of ['empty podium for product display', 'pastel pink podium mockup', 'product display stage']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'podium'], prompt);
      assert.ok(!ignoredWords.some((w) => /podium|display|stage/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    const bottle = planPrompt({ prompt: 'perfume bottle on an empty podium', seed: 1 });
    assert.equal(bottle.plan.subjects[0]!.kind, 'bottle');
    assert.ok(bottle.ignoredWords.includes('empty podium'), 'the podium is not drawn under the bottle');
    assert.equal(planPrompt({ prompt: 'perfume bottle on a podium', seed: 1 }).plan.subjects[0]!.kind, 'bottle', '"podium" alone is the setting');
    // A product we do not draw stands on the podium's empty top, not replaced by one we do (it was a soda can).
    for (const prompt of ['headphones rotating', 'a trophy rotating on a pedestal', 'sneakers floating and rotating, product shot']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'podium'], prompt);
      assert.ok(ignoredWords.some((w) => /headphones|trophy|sneakers/.test(w)), `${prompt}: the object is said to be not drawn`);
    }
    assert.deepEqual(planPrompt({ prompt: 'a cup of coffee, steam rising', seed: 1 }).plan.subjects.map((x) => x.kind), ['mug', 'steam'], 'steam still rises from a cup');
  });

  describe('render', () => {
    const gen = procedural();

    it('leaves the upper frame empty and stands the podium low in the middle', async () => {
      const [frame] = await renderRgba(gen(), smallRequest('empty podium for product display, locked off', 1));
      const at = (x: number, y: number) => {
        const i = (y * 192 + x) * 4;
        return [frame![i]!, frame![i + 1]!, frame![i + 2]!];
      };
      const corner = at(4, 4);
      const far = (c: number[]) => Math.abs(c[0]! - corner[0]!) + Math.abs(c[1]! - corner[1]!) + Math.abs(c[2]! - corner[2]!);
      // Above the podium: the sweep's soft gradient only, smooth along each row. Measured: at most 6 levels
      // (summed over RGB) between neighbours 8 pixels apart.
      let above = 0;
      for (let y = 4; y < 54; y++) {
        for (let x = 60; x < 132; x++) {
          const a = at(x, y);
          const b = at(x + 8, y);
          above = Math.max(above, Math.abs(a[0]! - b[0]!) + Math.abs(a[1]! - b[1]!) + Math.abs(a[2]! - b[2]!));
        }
      }
      assert.ok(above < 15, `the room above is empty (${above})`);
      // Below the middle: the podium, in its own colour. Measured: 92 of 96 pixels.
      let podium = 0;
      for (let x = 48; x < 144; x++) if (far(at(x, 86)) > 40) podium++;
      assert.ok(podium > 60, `the podium stands low in the middle (${podium} of 96 pixels on row 86)`);
    });
  });
});
