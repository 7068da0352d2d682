/**
 * Streaks of light (scene/light-streaks.mts): "abstract light streaks" and "a logo reveal with light
 * streaks" drew a city at night; "warp speed" and "hyperspace" a nebula. Now bars of light fly across the
 * frame in layers, or rush past the lens at warp speed; on a street or a road, streaks are still its
 * light trails.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type StreakModule = typeof import('../../engine/src/generators/procedural/scene/light-streaks.mjs', { with: { 'resolution-mode': 'import' } });

/** Mean absolute luma step between horizontal neighbours and between vertical ones. */
function gradients(px: Uint8Array, w: number, h: number): { across: number; down: number } {
  const y = (x: number, r: number) => { const i = (r * w + x) * 4; return 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!; };
  let across = 0;
  let down = 0;
  for (let r = 0; r < h - 1; r++) for (let x = 0; x < w - 1; x++) {
    across += Math.abs(y(x + 1, r) - y(x, r));
    down += Math.abs(y(x, r + 1) - y(x, r));
  }
  return { across: across / (w * h), down: down / (w * h) };
}

describe('procedural/light-streaks: streaks of light across the frame, or at warp speed', function () {
  this.timeout(60000);

  it('plans streaks as a motion background, warp speed in space, and a road\'s streaks as its light trails', () => {
    const kinds = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.subjects.map((s) => s.kind);
    assert.deepEqual(kinds('abstract light streaks'), ['light-streaks']);
    assert.deepEqual(kinds('a logo reveal with light streaks'), ['light-streaks']);
    for (const prompt of ['warp speed through stars', 'hyperspace jump']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.setting, plan.subjects.map((s) => s.kind)], ['space', ['warp']], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.ok(kinds('light streaks on a highway at night').includes('light-trails'), 'on a road, streaks are light trails');
    assert.ok(kinds('city skyline at night with light trails').includes('light-trails'));
  });

  it('moves every streak head first at its own speed, wrapping round the span, the same at the same time', async () => {
    const { layStreaks, streakAt } = await importProcedural<StreakModule>('scene/light-streaks.mts');
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (const field of [{ mode: 'flow', span: 30 }, { mode: 'warp', span: 140 }] as const) {
      const streaks = layStreaks(rand, 50, field, 8);
      for (const s of streaks) {
        const a = streakAt(s, field, 1);
        const b = streakAt(s, field, 1.01);
        const axis = field.mode === 'flow' ? 0 : 2;
        const step = b[axis] - a[axis];
        // Forward by speed x dt, or wrapped back by the span plus its length.
        assert.ok(Math.abs(step - s.speed * 0.01) < 1e-6 || step < -field.span * 0.5, `${field.mode} streak stepped ${step}`);
        assert.deepEqual(streakAt(s, field, 2.5), streakAt(s, field, 2.5));
        const lo = field.mode === 'flow' ? -(field.span + s.length) / 2 : -field.span - s.length + 2;
        const hi = field.mode === 'flow' ? (field.span + s.length) / 2 + s.length : 2 + s.length;
        for (const t of [0, 3.3, 17]) {
          const p = streakAt(s, field, t)[axis];
          assert.ok(p >= lo - 1e-9 && p <= hi, `${field.mode} streak at ${p} outside [${lo}, ${hi}]`);
        }
      }
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('draws horizontal bars of light that move, and at warp speed streaks that move', async () => {
      const flow = await renderRgba(gen(), smallRequest('abstract light streaks', 3));
      const g = gradients(flow[1]!, 192, 108);
      // Measured when written: luma steps 1.0 across against 12.2 down; frames 2 s apart 26 code values apart.
      assert.ok(g.down > g.across * 3, `horizontal streaks: luma changes more down the frame (${g.down.toFixed(2)}) than across it (${g.across.toFixed(2)})`);
      assert.ok(meanAbsDiff(flow[0]!, flow[2]!) > 4, 'the streaks move');
      const warp = await renderRgba(gen(), smallRequest('warp speed through stars', 3));
      // Measured when written: frames 2 s apart 7.1 code values apart.
      assert.ok(meanAbsDiff(warp[0]!, warp[2]!) > 3, 'the warp streaks move');
    });
  });
});
