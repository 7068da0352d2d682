/**
 * Key plates and solid fields (subject 'chroma-key', scene/key-field.mts): "a green screen background" was a
 * flowing green gradient with a vignette and grain, nothing a keyer could pull. Now one flat colour.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

describe('procedural/key field: chroma-key plates and solid fields', function () {
  this.timeout(60000);

  it('plans one flat field, still, with no vignette or grain', () => {
    for (const [prompt, colour] of [['a green screen background', '#00b140'], ['chroma key blue', '#0047bb'], ['a solid black background', '#000000']] as const) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual(plan.subjects.map((s) => `${s.kind}:${s.color}`), [`chroma-key:${colour}`], prompt);
      assert.deepEqual([plan.camera.move, plan.grade.vignette, plan.grade.grain, plan.grade.toneMapping], ['static', 0, 0, 'neutral'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'a black background', seed: 1 }).plan.subjects[0]!.kind, 'gradient', 'a background alone is still the flowing field');
  });

  describe('render', () => {
    const gen = procedural();

    it('renders the key green even across the frame and from frame to frame (within the dither)', async () => {
      const frames = await renderRgba(gen(), smallRequest('a green screen background', 2));
      const lo = [255, 255, 255];
      const hi = [0, 0, 0];
      for (const f of frames) {
        for (let i = 0; i < f.length; i += 4) {
          for (let c = 0; c < 3; c++) {
            lo[c] = Math.min(lo[c]!, f[i + c]!);
            hi[c] = Math.max(hi[c]!, f[i + c]!);
          }
        }
      }
      // Measured: red 0..1, green 180..182, blue 73..75 (#00b140 through the neutral curve, the dither's +-1).
      for (let c = 0; c < 3; c++) assert.ok(hi[c]! - lo[c]! <= 2, `channel ${c} spans ${lo[c]}..${hi[c]}`);
      assert.ok(lo[1]! > 160 && hi[0]! < 10 && hi[2]! < 100, `a key green (${lo.join(',')} .. ${hi.join(',')})`);
    });
  });
});
