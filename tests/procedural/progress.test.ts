/**
 * A loading indicator (text mode 'progress', scene/progress.mts): "a loading bar progressing" drew a bare
 * gradient. Now a ring (or a bar) filling to 100% in bursts and stalls, its percentage counting up.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type ProgressModule = typeof import('../../engine/src/generators/procedural/scene/progress.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/progress: a loading indicator', function () {
  this.timeout(60000);

  it('plans a ring, or a bar when one is named, its label the quote or "Loading"', () => {
    const ring = planPrompt({ prompt: 'a progress circle filling', seed: 1 });
    assert.deepEqual([ring.plan.archetype, ring.plan.text?.mode, ring.plan.text?.indicator, ring.plan.text?.title], ['text', 'progress', 'ring', 'Loading']);
    const bar = planPrompt({ prompt: 'a loading bar progressing', seed: 1 });
    assert.equal(bar.plan.text?.indicator, 'bar');
    assert.deepEqual(bar.ignoredWords, []);
    const quoted = planPrompt({ prompt: 'loading screen "Uploading your files" on black', seed: 1 });
    assert.equal(quoted.plan.text?.title, 'Uploading your files');
    assert.equal(planPrompt({ prompt: 'countdown from 5', seed: 1 }).plan.text?.mode, 'countdown');
  });

  it('loads from 0 to 100% in bursts with stalls between, done before the clip ends and holding', async () => {
    const { loadingBursts, loadingProgress, DONE_AT } = await importProcedural<ProgressModule>('scene/progress.mts');
    let s = 5;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const bursts = loadingBursts(next);
    assert.equal(loadingProgress(0, bursts), 0);
    assert.ok(Math.abs(loadingProgress(DONE_AT, bursts) - 1) < 1e-9 && loadingProgress(1, bursts) === 1, 'done, then holding');
    let last = 0;
    let stalled = 0;
    const n = 400;
    for (let k = 1; k <= n; k++) {
      const p = loadingProgress((k / n) * DONE_AT, bursts);
      assert.ok(p >= last - 1e-12, 'never goes back');
      if (p - last < 1e-9) stalled++;
      last = p;
    }
    // Measured: stalled over 165 of 400 steps.
    assert.ok(stalled > n * 0.1 && stalled < n * 0.6, `stalls over ${stalled} of ${n} steps`);
  });

  describe('render', () => {
    const gen = procedural();

    it('fills the ring: more of it lit at the end than near the start', async () => {
      // On black the ring is drawn in the ink (the palette's lead colour is black there).
      const frames = await renderRgba(gen(), smallRequest('a progress circle filling on black, static', 5));
      const lit = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]! > 150) n++;
        return n;
      };
      const counts = frames.map(lit);
      // Measured: 35, 136, 209, 337, 385 lit pixels over the five frames.
      assert.ok(counts[4]! > counts[0]! + 100, `the ring fills (${counts.join(', ')})`);
      for (let k = 1; k < counts.length; k++) assert.ok(counts[k]! >= counts[k - 1]! - 10, `never empties (${counts.join(', ')})`);
    });
  });
});
