/**
 * Shooting stars (scene/meteors.mts): "a meteor shower over the desert" was the desert at night with the
 * meteors reported as ignored. Meteors now streak down the sky in front of the lens, a shower's all leaning
 * the same way.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type MeteorModule = typeof import('../../engine/src/generators/procedural/scene/meteors.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/meteors: shooting stars across a clear night sky', function () {
  this.timeout(60000);

  it('plans a shower as many meteors, "a shooting star" as one, at night under a clear sky', () => {
    const meteors = (prompt: string) => {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual(ignoredWords, [], prompt);
      return [plan.subjects.find((s) => s.kind === 'meteors')?.count, plan.timeOfDay, plan.weather.condition];
    };
    assert.deepEqual(meteors('a meteor shower over the desert'), [10, 'night', 'clear']);
    assert.deepEqual(meteors('a shooting star over the mountains'), [1, 'night', 'clear']);
    assert.deepEqual(meteors('shooting stars over a lake at night'), [5, 'night', 'clear']);
  });

  it('lays meteors in the sky ahead, falling and leaning one way, each burning once for under a second', async () => {
    const { layMeteors, meteorAt } = await importProcedural<MeteorModule>('scene/meteors.mts');
    let seed = 11;
    const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const ms = layMeteors(rand, 10, 5);
    const leans = new Set<number>();
    for (const m of ms) {
      assert.ok(m.start >= 0 && m.start + m.duration <= 5.2, `burns within the clip (${m.start.toFixed(2)} + ${m.duration.toFixed(2)})`);
      assert.ok(m.duration < 1);
      const el = (Math.asin(m.from[1]) * 180) / Math.PI;
      assert.ok(el >= 20 && el <= 50 && m.from[2] < 0, `starts ${el.toFixed(1)} degrees up, ahead`);
      assert.ok(m.to[1] < m.from[1], 'falls');
      leans.add(Math.sign(Math.atan2(m.to[0], -m.to[2]) - Math.atan2(m.from[0], -m.from[2])));
      assert.equal(meteorAt(m, m.start - 0.01).brightness, 0);
      assert.equal(meteorAt(m, m.start + m.duration + 0.01).brightness, 0);
      const a = meteorAt(m, m.start + m.duration * 0.3);
      const b = meteorAt(m, m.start + m.duration * 0.6);
      assert.ok(a.brightness > 0 && b.head[1] < a.head[1], 'the head moves down while it burns');
    }
    assert.equal(leans.size, 1, 'a shower leans one way');
    const lone = layMeteors(rand, 1, 6)[0]!;
    assert.ok(lone.start > 1.4 && lone.start < 2.5, `a lone shooting star comes once the shot has settled (${lone.start.toFixed(2)} s)`);
  });

  describe('render', () => {
    const gen = procedural();

    it('draws streaks of light that come and go over the stars', async () => {
      const frames = await renderRgba(gen(), smallRequest('a meteor shower over the desert', 24, { num: 8, den: 1 }));
      // Bright pixels in the sky (the upper half): stars are single dots, a meteor a streak of them.
      const bright = frames.map((px) => {
        let n = 0;
        for (let i = 0; i < (px.length / 2); i += 4) if (0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]! > 150) n++;
        return n;
      });
      const [lo, hi] = [Math.min(...bright), Math.max(...bright)];
      // Measured when written: 7 to 16 bright sky pixels a frame over 3 s; with the meteors left out, the stars
      // alone 7 or 8.
      assert.ok(hi - lo >= 4, `meteors come and go: ${bright.join(' ')}`);
    });
  });
});
