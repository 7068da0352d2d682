/**
 * A metronome (subject 'metronome', scene/metronome.mts): "a metronome ticking on a piano" was the alarm
 * clock. Now a mechanical metronome whose pendulum swings a beat a swing at the tempo named.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, smallRequest } from '../helpers/render';

type MetronomeModule = typeof import('../../engine/src/generators/procedural/scene/metronome.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/metronome', function () {
  this.timeout(60000);

  it('plans the metronome at the tempo named (96 if none, within the scale); a clock ticking is still the clock', () => {
    const ticking = planPrompt({ prompt: 'a metronome ticking on a piano', seed: 1 });
    assert.deepEqual([ticking.plan.subjects[0]!.kind, ticking.plan.subjects[0]!.count], ['metronome', 96]);
    assert.ok(!ticking.ignoredWords.includes('ticking'));
    assert.equal(planPrompt({ prompt: 'metronome at 160 bpm', seed: 1 }).plan.subjects[0]!.count, 160);
    assert.equal(planPrompt({ prompt: 'metronome at 400 bpm', seed: 1 }).plan.subjects[0]!.count, 208, 'the scale ends at 208');
    assert.equal(planPrompt({ prompt: 'a clock ticking', seed: 1 }).plan.subjects[0]!.kind, 'clock');
    const bottle = planPrompt({ prompt: 'a perfume bottle at 120 bpm', seed: 1 });
    assert.ok(bottle.ignoredWords.includes('bpm') && bottle.ignoredWords.includes('120'), 'a tempo with nothing to keep it sets nothing');
    assert.notEqual(bottle.plan.subjects[0]?.kind, 'metronome');
  });

  it('swings a beat a swing: through the centre on every beat, to SWING either side between', async () => {
    const { metronomeAngle, SWING } = await importProcedural<MetronomeModule>('scene/metronome.mts');
    for (const bpm of [60, 96, 160]) {
      const beat = 60 / bpm;
      for (let k = 0; k < 8; k++) assert.ok(Math.abs(metronomeAngle(k * beat, bpm)) < 1e-9, `${bpm} bpm: centre at beat ${k}`);
      assert.ok(Math.abs(Math.abs(metronomeAngle(beat / 2, bpm)) - SWING) < 1e-9 && Math.sign(metronomeAngle(beat / 2, bpm)) !== Math.sign(metronomeAngle(1.5 * beat, bpm)), `${bpm} bpm: out to one side, then the other`);
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('swings the rod on a still shot, and nothing else moves', async () => {
      // Frames every half second at 60 bpm: the rod at the centre, far left, centre, far right.
      const frames = await renderRgba(gen(), smallRequest('metronome at 60 bpm, locked off', 4, { num: 2, den: 1 }));
      const left = changedPixels(frames[0]!, frames[1]!, 192, 30);
      const right = changedPixels(frames[2]!, frames[3]!, 192, 30);
      // Measured: 265 pixels centred at x 88, then 280 at x 99 (each pair holds the centre and one side).
      assert.ok(left.n > 10 && right.n > 10, `the rod moves (${left.n}, ${right.n} pixels)`);
      assert.ok(left.x < right.x - 5, `left, then right (${left.x.toFixed(0)}, ${right.x.toFixed(0)})`);
      let low = 0;
      for (const f of frames.slice(1)) {
        for (let y = 95; y < 108; y++) {
          for (let x = 0; x < 192; x++) {
            const i = (y * 192 + x) * 4;
            if (Math.abs(f[i]! - frames[0]![i]!) + Math.abs(f[i + 1]! - frames[0]![i + 1]!) > 30) low++;
          }
        }
      }
      assert.equal(low, 0, 'the plinth and the floor stay still');
    });
  });
});
