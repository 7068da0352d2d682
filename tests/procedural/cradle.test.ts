/**
 * Newton's cradle (subject 'cradle', scene/cradle.mts): "newton's cradle swinging" drew a bare gradient.
 * Now five balls on threads whose end balls swing in turn, the blow passing through the row, each strike
 * keeping a little less of the swing.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, smallRequest } from '../helpers/render';

type CradleModule = typeof import('../../engine/src/generators/procedural/scene/cradle.mjs', { with: { 'resolution-mode': 'import' } });

describe("procedural/cradle: a Newton's cradle", function () {
  this.timeout(60000);

  it("plans the cradle for its names, steel balls unless a material is named; a pendulum alone is not one", () => {
    for (const prompt of ["newton's cradle swinging", 'newtons cradle on a desk, slow motion', 'executive toy clicking balls']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind, plan.subjects[0]!.material], ['product', 'cradle', 'metal'], prompt);
      assert.ok(!ignoredWords.some((w) => /cradle|swinging|clicking/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: "a gold newton's cradle on black", seed: 1 }).plan.subjects[0]!.material, 'gold');
    assert.notEqual(planPrompt({ prompt: 'a pendulum swinging slowly', seed: 1 }).plan.subjects[0]?.kind, 'cradle');
  });

  it('swings one end ball at a time, in turn, never through its neighbour, in real time, each strike keeping KEEP of the swing', async () => {
    const { cradleAngles, pivotX, swingPeriod, BALL_RADIUS, THREAD_LENGTH, RELEASE, KEEP, NEIGHBOUR, CRADLE_BALLS } = await importProcedural<CradleModule>('scene/cradle.mts');
    const centre = (i: number, a: number[]) => [pivotX(i) + THREAD_LENGTH * Math.sin(a[i]!), -THREAD_LENGTH * Math.cos(a[i]!)] as const;
    const half = swingPeriod(RELEASE) / 2;
    // A desk cradle's balls click about three times a second.
    assert.ok(half > 0.28 && half < 0.4, `half a swing takes ${half.toFixed(3)} s`);
    const peaks: number[] = [];
    const dt = 1e-4;
    const speed = (i: number, t: number) => Math.abs(cradleAngles(t + dt)[i]! - cradleAngles(t)[i]!) / dt;
    let side = 0;
    let peak = 0;
    for (let t = dt; t < 8; t += dt) {
      const a = cradleAngles(t);
      // Never more than the end ball and its neighbour away from rest, on one side of the row.
      const moving = a.map((x, i) => (x !== 0 ? i : -1)).filter((i) => i >= 0);
      assert.ok(moving.length <= 2 && (moving.every((i) => i <= 1) || moving.every((i) => i >= CRADLE_BALLS - 2)), `t=${t.toFixed(4)}: balls ${moving} moving`);
      for (let i = 0; i + 1 < CRADLE_BALLS; i++) {
        const [ax, ay] = centre(i, a);
        const [bx, by] = centre(i + 1, a);
        assert.ok(Math.hypot(bx - ax, by - ay) >= 2 * BALL_RADIUS - 1e-9, `t=${t.toFixed(4)}: balls ${i} and ${i + 1} overlap`);
      }
      const now = a[0] !== 0 ? -1 : a[CRADLE_BALLS - 1] !== 0 ? 1 : side;
      if (now !== side) {
        // A strike between t - dt and t: the ball leaving swings out as fast as the one arriving came in,
        // less the loss (speeds taken just either side of the strike).
        if (side !== 0) {
          const arriving = speed(side < 0 ? 0 : CRADLE_BALLS - 1, t - 3 * dt);
          const leaving = speed(now < 0 ? 0 : CRADLE_BALLS - 1, t + dt);
          assert.ok(Math.abs(leaving / arriving - KEEP) < 0.005, `speed kept through the row: ${(leaving / arriving).toFixed(4)}`);
          peaks.push(peak);
        }
        side = now;
        peak = 0;
      }
      const end = side < 0 ? 0 : CRADLE_BALLS - 1;
      peak = Math.max(peak, Math.abs(a[end]!));
      if (a[end] !== 0) assert.ok(Math.abs(Math.abs(a[end - side]!) - NEIGHBOUR * Math.abs(a[end]!)) < 1e-12, 'the neighbour follows a little');
    }
    // Eight seconds: about 24 strikes, alternating ends, each swing KEEP of the one before.
    assert.ok(peaks.length > 20, `${peaks.length} strikes`);
    for (let k = 1; k < peaks.length; k++) assert.ok(Math.abs(peaks[k]! / peaks[k - 1]! - KEEP) < 1e-3, `swing ${k}: ${peaks[k]} after ${peaks[k - 1]}`);
    // The clip starts where the seed says in the first swing, not always at the release.
    assert.notDeepEqual(cradleAngles(0, 0.3), cradleAngles(0, 0.6));
  });

  describe('render', () => {
    const gen = procedural();

    it('swings the left ball and then the right on a still shot', async () => {
      const frames = await renderRgba(gen(), smallRequest("newton's cradle, locked off", 16, { num: 12, den: 1 }));
      // Where consecutive frames differ: about one end ball or the other (both when a strike falls between
      // them), and nothing in the middle of the row.
      const changes = frames.slice(1).map((f, i) => changedPixels(frames[i]!, f, 192, 30));
      const xs = changes.filter((c) => c.n > 4).map((c) => c.x);
      assert.ok(xs.length >= 10, `${xs.length} of 15 frame pairs show a ball moving`);
      assert.ok(xs.some((x) => x < 192 * 0.4), `a ball moves on the left (${xs.map((x) => x.toFixed(0)).join(' ')})`);
      assert.ok(xs.some((x) => x > 192 * 0.6), `a ball moves on the right (${xs.map((x) => x.toFixed(0)).join(' ')})`);
      // Measured: 138 to 413 pixels a pair, centred at 52 to 66 (left), 131 to 144 (right), 92 to 114 (both).
      let middle = 0;
      for (const f of frames.slice(1)) {
        for (let y = 0; y < 108; y++) {
          for (let x = 92; x <= 100; x++) {
            const i = (y * 192 + x) * 4;
            if (Math.abs(f[i]! - frames[0]![i]!) + Math.abs(f[i + 1]! - frames[0]![i + 1]!) + Math.abs(f[i + 2]! - frames[0]![i + 2]!) > 30) middle++;
          }
        }
      }
      assert.equal(middle, 0, 'the middle ball hangs still');
    });
  });
});
