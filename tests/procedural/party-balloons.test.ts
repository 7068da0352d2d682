/**
 * Party balloons (subject 'party-balloons', scene/party-balloons.mts): "balloons floating up" was a bare
 * gradient with "balloons" ignored. Glossy balloons on ribbons now rise through the frame into a clear sky,
 * entering from below all clip long.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type BalloonsModule = typeof import('../../engine/src/generators/procedural/scene/party-balloons.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/party balloons: balloons rising into the sky', function () {
  this.timeout(60000);

  it('plans party balloons for balloons; hot-air balloons are still their own', () => {
    for (const prompt of ['balloons floating up', 'colorful party balloons', 'helium balloons rising']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind, plan.subjects[0]!.count, plan.palette.name], ['abstract', 'party-balloons', 30, 'vibrant'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: '12 balloons', seed: 1 }).plan.subjects[0]!.count, 12);
    assert.equal(planPrompt({ prompt: 'red balloons rising', seed: 1 }).plan.subjects[0]!.color, '#c8202a');
    assert.ok(planPrompt({ prompt: 'hot air balloons over hills', seed: 1 }).plan.subjects.some((s) => s.kind === 'hot-air-balloons'));
  });

  it('spreads balloons across the frame and lifts each at its pace, swaying', async () => {
    const { balloonPaths, balloonAt } = await importProcedural<BalloonsModule>('scene/party-balloons.mts');
    const rng = stream(4, 'balloons');
    const paths = balloonPaths(() => rng.next(), 20, 20, 8, -10, 4);
    const xs = paths.map((p) => p.x).sort((a, b) => a - b);
    for (let k = 1; k < xs.length; k++) assert.ok(xs[k]! - xs[k - 1]! < 2, `no wide gap across the frame (${xs[k - 1]!.toFixed(2)} to ${xs[k]!.toFixed(2)})`);
    for (const p of paths) {
      assert.ok(p.y0 >= -10 && p.y0 <= 4 && Math.abs(p.x) <= 10 && Math.abs(p.z) <= 4);
      const a = balloonAt(p, 0);
      const b = balloonAt(p, 5);
      assert.ok(Math.abs(b.y - a.y - 5 * p.speed) < 1e-9, 'rises at its own pace');
      assert.ok(p.speed >= 0.45 && p.speed <= 0.8, `a balloon's pace, 0.45 to 0.8 units a second (${p.speed})`);
      for (let t = 0; t < 10; t += 0.25) assert.ok(Math.abs(balloonAt(p, t).x - p.x) <= p.sway + 1e-9 && Math.abs(balloonAt(p, t).tilt) <= 0.18 + 1e-9, 'sways within bounds');
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('fills the frame with coloured balloons over a blue sky, rising', async () => {
      const frames = await renderRgba(gen(), smallRequest('balloons floating up, static shot', 2, { num: 1, den: 2 }));
      const share = (px: Uint8Array, test: (r: number, g: number, b: number) => boolean) => {
        let n = 0;
        for (let i = 0; i < px.length; i += 4) if (test(px[i]!, px[i + 1]!, px[i + 2]!)) n++;
        return n / (px.length / 4);
      };
      const saturated = (r: number, gg: number, b: number) => Math.max(r, gg, b) - Math.min(r, gg, b) > 80;
      const sky = (r: number, gg: number, b: number) => b > r + 15 && b > 150 && !saturated(r, gg, b);
      const [balloons0, balloons1] = frames.map((f) => share(f, saturated));
      const skyShare = share(frames[0]!, sky);
      // Measured when written: 12.4% of the frame saturated balloon colours, 9.4% 4 s later; 58% blue sky.
      assert.ok(balloons0! > 0.1 && balloons1! > 0.05, `balloons in the frame (${balloons0!.toFixed(3)}, then ${balloons1!.toFixed(3)})`);
      assert.ok(skyShare > 0.3, `a blue sky behind them (${skyShare.toFixed(3)})`);
      const moved = meanAbsDiff(frames[0]!, frames[1]!);
      assert.ok(moved > 5, `they rise (${moved.toFixed(1)} mean change over 4 s)`);
    });
  });
});
