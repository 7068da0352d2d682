/**
 * An audio visualizer (subjects 'equalizer' and 'waveform', scene/equalizer.mts): "equalizer bars bouncing
 * to music" was balls bouncing, "sound waves" the sea. Now a spectrum analyser's bars to a 120 bpm beat,
 * or a waveform line pulsing with it.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, smallRequest } from '../helpers/render';

type EqModule = typeof import('../../engine/src/generators/procedural/scene/equalizer.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/equalizer: an audio visualizer', function () {
  this.timeout(60000);

  it('plays at the tempo named, 120 beats a minute if none', async () => {
    const slow = planPrompt({ prompt: 'equalizer at 90 bpm', seed: 1 });
    assert.deepEqual([slow.plan.subjects[0]!.kind, slow.plan.subjects[0]!.count], ['equalizer', 90]);
    assert.ok(!slow.ignoredWords.includes('bpm') && !slow.ignoredWords.includes('90'));
    assert.equal(planPrompt({ prompt: 'audio waveform', seed: 1 }).plan.subjects[0]!.count, 120);
    const { spectrumAt, songFrom } = await importProcedural<EqModule>('scene/equalizer.mts');
    const song = songFrom(() => 0.5);
    // At 90 bpm the kick lands every 2/3 s, not every half second.
    const beat = 60 / 90;
    assert.ok(spectrumAt(beat + 0.01, 36, song, 90)[1]! > spectrumAt(beat + 0.01, 36, song, 120)[1]! + 0.2, 'on the 90 bpm beat, between the 120 bpm ones');
  });

  it('plans bars or a waveform for their names', () => {
    assert.deepEqual(planPrompt({ prompt: 'equalizer bars bouncing to music', seed: 1 }).plan.subjects.map((s) => s.kind), ['equalizer']);
    assert.deepEqual(planPrompt({ prompt: 'music visualizer on black', seed: 1 }).plan.subjects.map((s) => s.kind), ['equalizer']);
    for (const prompt of ['audio waveform visualizer', 'sound waves abstract', 'an oscilloscope waveform']) {
      const { plan } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(',')], ['abstract', 'waveform'], `${prompt}: it was the sea`);
    }
  });

  it('hits the low bands on the beat and lets them fall between; levels stay in 0..1; peak caps hold above', async () => {
    const { spectrumAt, peaksAt, songFrom, BPM } = await importProcedural<EqModule>('scene/equalizer.mts');
    let s = 9;
    const song = songFrom(() => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648));
    const beat = 60 / BPM;
    for (let k = 2; k < 10; k++) {
      const on = spectrumAt(k * beat + 0.01, 36, song);
      const between = spectrumAt(k * beat + beat * 0.45, 36, song);
      assert.ok(on[1]! > between[1]! + 0.2, `beat ${k}: the kick (${on[1]!.toFixed(2)} on, ${between[1]!.toFixed(2)} between)`);
      for (const l of [...on, ...between]) assert.ok(l >= 0 && l < 1);
      const peaks = peaksAt(k * beat + beat * 0.45, 36, song);
      peaks.forEach((p, i) => assert.ok(p >= between[i]! - 1e-12, 'a cap is never below its bar'));
      assert.ok(peaks[1]! > between[1]! + 0.05, 'the kick\'s cap still up while its bar falls');
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('dances: the bars change from frame to frame on a still shot', async () => {
      const frames = await renderRgba(gen(), smallRequest('equalizer bars, static', 3, { num: 6, den: 1 }));
      const a = changedPixels(frames[0]!, frames[1]!, 192, 40);
      const b = changedPixels(frames[1]!, frames[2]!, 192, 40);
      // Measured: 5545 and 3993 pixels, centred on the bars.
      assert.ok(a.n > 80 && b.n > 80, `the bars move (${a.n}, ${b.n} pixels)`);
    });
  });
});
