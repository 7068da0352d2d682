/**
 * Data charts (scene/chart.mts): "data visualization charts growing" and "stock market graph going up" had
 * every chart word ignored (a bare gradient). Bars rise one after another; a rising line draws itself.
 * The series and the growth are pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type ChartModule = typeof import('../../engine/src/generators/procedural/scene/chart.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/chart: data charts growing', () => {
  it('plans bars, a line, or both for the words people use', () => {
    const kinds = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.subjects.map((s) => s.kind).filter((k) => k.endsWith('-chart')).sort().join(',');
    assert.equal(kinds('data visualization charts growing'), 'bar-chart,line-chart');
    assert.equal(kinds('business growth chart'), 'bar-chart,line-chart');
    assert.equal(kinds('stock market graph'), 'line-chart');
    assert.equal(kinds('line graph on a black background'), 'line-chart');
    assert.equal(kinds('bar chart growing, blue'), 'bar-chart');
    assert.equal(kinds('infographic, no chart'), '', 'negated');
    assert.equal(planPrompt({ prompt: 'data visualization charts growing', seed: 1 }).plan.archetype, 'abstract');
  });

  it('makes a series that rises to the top of the scale, with ups and downs on the way', async () => {
    const { risingSeries } = await importProcedural<ChartModule>('scene/chart.mts');
    for (let seed = 1; seed <= 8; seed++) {
      const rng = stream(seed, 'series');
      for (const n of [12, 40]) {
        const v = risingSeries(() => rng.next(), n);
        assert.equal(v.length, n);
        assert.ok(v.every((x) => x > 0 && x <= 1), `seed ${seed}: in (0, 1]`);
        assert.equal(v[n - 1], 1, 'ends at the top');
        const third = Math.floor(n / 3);
        const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
        assert.ok(mean(v.slice(-third)) > mean(v.slice(0, third)) + 0.2, `seed ${seed}, ${n}: rises`);
        if (n === 40) assert.ok(v.some((x, i) => i > 0 && x < v[i - 1]!), `seed ${seed}: some downs`);
      }
    }
  });

  it('grows the bars one after another, each easing to its full height', async () => {
    const { barGrowth } = await importProcedural<ChartModule>('scene/chart.mts');
    for (let i = 0; i < 12; i++) {
      assert.equal(barGrowth(i, 12, 0), 0, `bar ${i} at the start`);
      assert.equal(barGrowth(i, 12, 1), 1, `bar ${i} at the end`);
      let last = 0;
      for (let u = 0; u <= 1; u += 0.05) {
        const g = barGrowth(i, 12, u);
        assert.ok(g >= last, 'never shrinks');
        last = g;
      }
    }
    assert.ok(barGrowth(0, 12, 0.3) > barGrowth(11, 12, 0.3), 'the first before the last');
  });
});
