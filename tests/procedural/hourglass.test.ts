/**
 * Hourglasses (subject 'hourglass', scene/hourglass.mts): "an hourglass with sand falling" was a desert.
 * Now a product on the turntable: glass bulbs in a turned frame, the sand running from the top bulb into a
 * mound in the bottom one over the clip, its volume kept.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type HourglassModule = typeof import('../../engine/src/generators/procedural/scene/hourglass.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/hourglass: sand running through an hourglass', function () {
  this.timeout(60000);

  it('plans an hourglass for hourglasses and sand timers; sand alone is still the desert', () => {
    for (const prompt of ['an hourglass with sand falling', 'sand timer on a table', 'egg timer close up', 'hourglass, sand running out']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.equal(plan.archetype, 'product', prompt);
      assert.deepEqual([plan.subjects[0]!.kind, plan.subjects[0]!.material, plan.subjects[0]!.color], ['hourglass', 'wood', '#a06c34'], `${prompt}: a wooden frame, tan sand`);
      assert.ok(!ignoredWords.includes('sand'), prompt);
    }
    assert.equal(planPrompt({ prompt: 'gold hourglass', seed: 1 }).plan.subjects[0]!.material, 'gold', 'a material named is the frame\'s');
    assert.equal(planPrompt({ prompt: 'sand dunes in the desert', seed: 1 }).plan.setting, 'desert');
  });

  it('runs the sand down over the clip and keeps its volume', async () => {
    const { hourglassSand, bulbRadius, bulbVolume } = await importProcedural<HourglassModule>('scene/hourglass.mts');
    assert.ok(Math.abs(bulbRadius(0) - 0.045) < 1e-9, 'the neck');
    assert.ok(Math.abs(Math.max(...Array.from({ length: 101 }, (_, i) => bulbRadius(i / 100))) - 0.5) < 1e-6, 'the widest');
    const start = hourglassSand(0);
    const total = start.topVolume + start.bottomVolume;
    assert.ok(Math.abs(start.topVolume / total - 0.92) < 1e-9, 'nearly all the sand is in the top at the start');
    let last = start;
    for (let i = 1; i <= 20; i++) {
      const s = hourglassSand(i / 20);
      assert.ok(Math.abs(s.topVolume + s.bottomVolume - total) < 1e-9 * total, `volume kept at u = ${i / 20}`);
      assert.ok(s.top < last.top, `the top sinks (u = ${i / 20}: ${s.top.toFixed(3)})`);
      assert.ok(s.bottom <= last.bottom && s.mound >= last.mound, `the bottom rises (u = ${i / 20})`);
      // The levels are where the volumes say: the top bulb filled from the neck to its level.
      assert.ok(Math.abs(bulbVolume(0, s.top) / s.topVolume - 1) < 0.005, `top level for its volume (u = ${i / 20})`);
      last = s;
    }
    assert.ok(last.topVolume / total < 0.25 && last.top > 0, 'some sand is left at the end');
  });

  describe('render', () => {
    const gen = procedural();

    it('moves sand-coloured pixels from the upper half of the frame to the lower', async () => {
      const balance: number[] = [];
      for (const px of await renderRgba(gen(), smallRequest('an hourglass with sand falling', 6))) {
        let upper = 0;
        let lower = 0;
        for (let y = 0; y < 108; y++) {
          for (let x = 0; x < 192; x++) {
            const i = (y * 192 + x) * 4;
            const [r, gg, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
            if (r > gg && gg > b && r - b > 25) y < 54 ? upper++ : lower++;
          }
        }
        balance.push(upper - lower);
      }
      // Measured when written: -26, -2, -76, -183, -302, -365; with the sand held at its start (the camera
      // still orbiting), -26, 69, 76, 32, -34, -9.
      assert.ok(balance[5]! < balance[0]! - 20, `the sand moves down (upper minus lower sand-coloured pixels: ${balance.join(', ')})`);
    });
  });
});
