/**
 * Butterflies (scene/butterflies.mts): "butterflies flying over a flower meadow" and "a butterfly landing on
 * a flower" had the butterflies ignored. They flutter through the view a metre or a few from the lens; a
 * lone one is followed by the lens and focused on. Flights are pure and tested here; the render test is in
 * render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { BUTTERFLY_MIX } from '../../engine/src/generators/procedural/plan/schema';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

/** The planner's yellow (vocabulary.ts). */
const YELLOW = '#f2c12e';

type ButterfliesModule = typeof import('../../engine/src/generators/procedural/scene/butterflies.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/butterflies', () => {
  it('plans butterflies among flowers: one or a few, a kind named as its colour', () => {
    const b = (prompt: string) => {
      const p = planPrompt({ prompt, seed: 1 });
      const s = p.plan.subjects.find((x) => x.kind === 'butterflies');
      return { setting: p.plan.setting, count: s?.count, color: s?.color, flowers: p.plan.subjects.some((x) => x.kind === 'flowers'), ignored: p.ignoredWords };
    };
    const meadow = b('butterflies flying over a flower meadow');
    assert.deepEqual([meadow.setting, meadow.count, meadow.color, meadow.flowers], ['meadow', 7, BUTTERFLY_MIX, true]);
    assert.deepEqual(meadow.ignored, []);
    const one = b('a butterfly');
    assert.deepEqual([one.setting, one.count, one.flowers], ['meadow', 1, true], 'a lone one, among flowers');
    assert.equal(b('monarch butterfly in a garden').color, '#e8791a');
    assert.equal(b('blue butterfly').color, '#2f74e0');
    const yellow = b('yellow butterflies in a forest');
    assert.deepEqual([yellow.setting, yellow.color], ['forest', YELLOW], 'a colour named');
    assert.equal(b('12 butterflies').count, 12);
    assert.equal(b('a meadow, no butterflies').count, undefined);
    assert.equal(b('butterflies underwater').count, undefined, 'not under the sea');
  });

  it('flies a lone butterfly near the lens, several at a few distances, wandering a little', async () => {
    const { planFlights, wander } = await importProcedural<ButterfliesModule>('scene/butterflies.mts');
    const rng = stream(4, 'flights');
    const one = planFlights(1, () => rng.next(), 4);
    assert.ok(one[0]!.distance < 0.6 && Math.abs(one[0]!.x) <= 0.2, `alone: ${JSON.stringify(one[0])}`);
    const many = planFlights(30, () => rng.next(), 4);
    const d = many.map((f) => f.distance);
    assert.ok(Math.min(...d) >= 0.8 && Math.max(...d) <= 3.5 && Math.max(...d) - Math.min(...d) > 1.5, `distances ${Math.min(...d)} to ${Math.max(...d)}`);
    assert.ok(many.every((f) => Math.abs(f.x) <= 0.9 && Math.abs(f.y) <= 0.5), 'in the frame');
    assert.ok(new Set(many.map((f) => f.kind)).size >= 2, 'mostly one kind, some others');
    // The wander stays within about a third of a metre and keeps moving.
    let moved = 0;
    for (let t = 0; t < 4; t += 0.1) {
      const [x, y, z] = wander(many[0]!, t);
      assert.ok(Math.abs(x) < 0.34 && Math.abs(y) < 0.21 && Math.abs(z) < 0.21, `wander at ${t}: ${x}, ${y}, ${z}`);
      const [px, py] = wander(many[0]!, t + 0.1);
      moved += Math.hypot(px - x, py - y);
    }
    assert.ok(moved > 0.5, `path length over 4 s: ${moved}`);
  });
});
