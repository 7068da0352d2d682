/**
 * Gears (scene/gears.mts): "spinning metal gears close up" was a can on a studio sweep with "gears" ignored.
 * A train of meshing spur gears: the layout and the angles that keep their teeth interleaved are pure and
 * tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type GearsModule = typeof import('../../engine/src/generators/procedural/scene/gears.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/gears: a train of meshing gears', () => {
  it('plans gears in metal for the words people use; gold or a colour when named', () => {
    for (const prompt of ['spinning metal gears close up', 'clockwork mechanism', 'cogs turning', 'gears on a black background']) {
      const p = planPrompt({ prompt, seed: 1 });
      const g = p.plan.subjects.find((s) => s.kind === 'gears');
      assert.ok(g, `${prompt}: ${p.plan.subjects.map((s) => s.kind).join(',')}`);
      assert.equal(g.material, 'metal', prompt);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'brass gears turning', seed: 1 }).plan.subjects.find((s) => s.kind === 'gears')?.material, 'gold');
  });

  it('lays each gear meshing with its driver and clear of all the others', async () => {
    const { layGears, pitchRadius, MODULE } = await importProcedural<GearsModule>('scene/gears.mts');
    for (let seed = 1; seed <= 6; seed++) {
      const rng = stream(seed, 'gears-test');
      const gears = layGears(() => rng.next(), 9, [7, 4]);
      assert.ok(gears.length >= 6, `seed ${seed}: ${gears.length} gears`);
      gears.forEach((g, i) => {
        assert.ok(Math.abs(g.x) <= 7 && Math.abs(g.y) <= 4, 'within the extent');
        if (g.parent >= 0) {
          const p = gears[g.parent]!;
          assert.ok(Math.abs(Math.hypot(g.x - p.x, g.y - p.y) - (pitchRadius(g.teeth) + pitchRadius(p.teeth))) < 1e-9, 'pitch circles touch');
        }
        gears.forEach((o, j) => {
          if (j <= i || o.parent === i || g.parent === j) return;
          assert.ok(Math.hypot(g.x - o.x, g.y - o.y) > pitchRadius(g.teeth) + pitchRadius(o.teeth) + 2 * MODULE, `seed ${seed}: gears ${i} and ${j} overlap`);
        });
      });
    }
  });

  it('turns each driven gear the other way at the ratio of the teeth, a gap of its own facing the driver\'s tooth', async () => {
    const { layGears, gearAngles, toothAt } = await importProcedural<GearsModule>('scene/gears.mts');
    const rng = stream(3, 'gears-turn');
    const gears = layGears(() => rng.next(), 9, [7, 4]);
    const a0 = gearAngles(gears, 0);
    const a1 = gearAngles(gears, 0.01);
    for (let i = 1; i < gears.length; i++) {
      const g = gears[i]!;
      const p = gears[g.parent]!;
      const w = (a1[i]! - a0[i]!) / (a1[g.parent]! - a0[g.parent]!);
      assert.ok(Math.abs(w + p.teeth / g.teeth) < 1e-9, `gear ${i}: speed ratio ${w}, teeth ${p.teeth}:${g.teeth}`);
      // At many angles: where the driver has a tooth pointing at the driven gear, the driven has a gap.
      for (let a = 0; a < 6.3; a += 0.37) {
        const angles = gearAngles(gears, a);
        const toward = g.toward;
        if (toothAt(p.teeth, angles[g.parent]!, toward)) assert.ok(!toothAt(g.teeth, angles[i]!, toward + Math.PI), `gear ${i} at ${a.toFixed(2)}: teeth clash`);
      }
    }
  });
});
