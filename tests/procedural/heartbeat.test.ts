/**
 * A heart monitor's trace (scene/heartbeat.mts): "heartbeat line on a monitor" and "ecg monitor" were an
 * abstract gradient with every word ignored. An ECG now sweeps across a monitor's grid.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type HeartbeatModule = typeof import('../../engine/src/generators/procedural/scene/heartbeat.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/heartbeat: an ECG sweeping across a monitor', function () {
  this.timeout(60000);

  it('draws a sinus beat: P, the QRS spike, T, back to the baseline', async () => {
    const { ecgWave } = await importProcedural<HeartbeatModule>('scene/heartbeat.mts');
    const samples = Array.from({ length: 1000 }, (_, i) => ecgWave(i / 1000));
    const peak = samples.indexOf(Math.max(...samples));
    assert.ok(Math.abs(peak / 1000 - 0.27) < 0.005 && samples[peak]! > 0.95, `the R spike: ${samples[peak]} at ${peak / 1000}`);
    assert.ok(Math.min(...samples) < -0.2, 'the S dip below the baseline');
    assert.ok(ecgWave(0.12) > 0.1 && ecgWave(0.5) > 0.25, 'a P wave before, a T wave after');
    assert.ok(Math.abs(ecgWave(0.8)) < 0.01 && Math.abs(ecgWave(0.02)) < 0.01, 'flat between beats');
    assert.equal(ecgWave(1.27), ecgWave(0.27), 'beat after beat');
  });

  it('sweeps: fresh at the head, older behind it, erased just ahead of it', async () => {
    const { traceAt, ecgWave, BPM, SWEEP_SECONDS, ERASE } = await importProcedural<HeartbeatModule>('scene/heartbeat.mts');
    const t = 5; // the head is a quarter of the way across
    const head = (t / SWEEP_SECONDS) % 1;
    assert.equal(traceAt(head, t)!.age, 0);
    assert.ok(Math.abs(traceAt(head, t)!.value - ecgWave((t * BPM) / 60)) < 1e-12, 'the head draws the beat of now');
    assert.equal(traceAt(head + ERASE / 2, t), null, 'erased just ahead of the head');
    const behind = traceAt(head - 0.1, t)!;
    assert.ok(Math.abs(behind.age - 0.1 * SWEEP_SECONDS) < 1e-9, 'drawn 0.4 s ago a tenth of the screen back');
    const wrapped = traceAt(0.9, t)!;
    assert.ok(Math.abs(wrapped.age - (head + 0.1) * SWEEP_SECONDS) < 1e-9, 'the last sweep\'s trace beyond the head');
  });

  it('plans the monitor, green unless a colour is named, held still or pushed in slowly (never orbited)', () => {
    for (const prompt of ['heartbeat line on a monitor', 'ecg monitor', 'ekg pulse line', 'heart rate monitor']) {
      const r = planPrompt({ prompt, seed: 1 });
      const s = r.plan.subjects.find((x) => x.kind === 'heartbeat');
      assert.ok(s, prompt);
      assert.equal(s.color, '#3dff7a', prompt);
      assert.deepEqual(r.ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'red ekg line on black', seed: 1 }).plan.subjects.find((x) => x.kind === 'heartbeat')?.color, '#c8202a', 'the red named');
    for (let seed = 1; seed <= 12; seed++) assert.ok(['static', 'dolly-in'].includes(planPrompt({ prompt: 'ecg monitor', seed }).plan.camera.move));
  });

  describe('render', () => {
    const gen = procedural();

    it('draws a bright green trace over a dark screen, and the head moves on', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('ecg monitor, static', 2, { num: 2, den: 1 }), width: 320, height: 180 });
      let green = 0;
      let dark = 0;
      const px = frames[0]!;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 1]! > 150 && px[i + 1]! > px[i]! + 40) green++;
        if (px[i]! + px[i + 1]! + px[i + 2]! < 90) dark++;
      }
      // Measured: 3225 green pixels, 45729 dark (of 57600), 8.5 mean change over half a second.
      assert.ok(green > 400, `the trace: ${green} green pixels`);
      assert.ok(dark > (320 * 180) / 2, `the screen dark around it: ${dark}`);
      assert.ok(meanAbsDiff(frames[0]!, frames[1]!) > 2, 'it sweeps on');
    });
  });
});
