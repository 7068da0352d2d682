/**
 * Dice (body 'dice'): "dice rolling on green felt" was 36 plain cubes falling. A pair of dice (or the number
 * said) is thrown in low from the left, tumbles and comes to rest flat, pips up, in a close shot.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { DIE_HALF, PhysicsSim } from '../../engine/src/generators/procedural/sim/physics';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

describe('procedural/dice: thrown dice tumbling to a stop', function () {
  this.timeout(60000);

  it('plans a pair of dice, one die, or the number said', () => {
    const events = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.physics.events.map((e) => [e.kind, e.body, e.count]);
    assert.deepEqual(events('dice rolling on green felt'), [['fall', 'dice', 2]]);
    assert.deepEqual(events('a red die rolling'), [['fall', 'dice', 1]]);
    assert.deepEqual(events('five dice thrown on a table'), [['fall', 'dice', 5]]);
    assert.equal(planPrompt({ prompt: 'a red die rolling', seed: 1 }).plan.subjects[0]!.color, '#c8202a');
    // The felt is the surface (not drawn, said so): its green is not the dice's.
    const felt = planPrompt({ prompt: 'dice rolling on green felt', seed: 1 });
    assert.equal(felt.plan.subjects[0]!.color, '#f4f2ec');
    assert.deepEqual(felt.ignoredWords, ['green felt']);
    assert.equal(planPrompt({ prompt: 'ten crates tumbling onto the ground', seed: 1 }).plan.physics.events[0]!.count, 10, 'number words say their number');
  });

  it('brings every die to rest flat on the floor, near the middle of the shot', async () => {
    const sim = await PhysicsSim.create({ events: [{ kind: 'fall', body: 'dice', count: 5, material: 'plastic' }], gravity: 9.81, seed: 3, simDuration: 5 });
    sim.advanceTo(4.5);
    const q = { q: [0, 0, 0, 1], set(x: number, y: number, z: number, w: number) { this.q = [x, y, z, w]; } };
    const p = { v: [0, 0, 0], set(x: number, y: number, z: number) { this.v = [x, y, z]; } };
    for (let i = 0; i < 5; i++) {
      sim.pose(i, 4.5, p, q);
      const [x, y, z, w] = q.q as [number, number, number, number];
      // The world's up in the die's frame: one of its axes must be along it (a face up).
      const up = [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)];
      const flat = Math.max(...up.map(Math.abs));
      // Measured when written: every die flat (0.00 degrees off), centres 0.100 m up, 0.11 to 1.13 m from the middle.
      assert.ok(flat > Math.cos((3 * Math.PI) / 180), `die ${i} rests on a face (${((Math.acos(flat) * 180) / Math.PI).toFixed(1)} degrees off)`);
      assert.ok(Math.abs(p.v[1]! - DIE_HALF) < 0.005, `die ${i} on the floor (y ${p.v[1]!.toFixed(3)})`);
      assert.ok(Math.hypot(p.v[0]!, p.v[2]!) < 1.6, `die ${i} in the shot (${p.v[0]!.toFixed(2)}, ${p.v[2]!.toFixed(2)})`);
      assert.ok(sim.state(i).speed < 0.01, `die ${i} at rest`);
    }
    sim.dispose();
  });

  describe('render', () => {
    const gen = procedural();

    it('draws white dice with black pips', async () => {
      const [px] = (await renderRgba(gen(), smallRequest('white dice rolling', 4))).slice(3);
      let white = 0;
      let pip = 0;
      for (let i = 0; i < px!.length; i += 4) {
        const y = 0.2126 * px![i]! + 0.7152 * px![i + 1]! + 0.0722 * px![i + 2]!;
        if (y > 235) white++;
        if (y < 110) pip++;
      }
      // Measured when written: 26 dark pixels (luma under 110) at 192x108, 225 white; the dice drawn without
      // their pips, 0 dark.
      assert.ok(pip > 8, `pips (${pip} dark pixels, ${white} white)`);
    });
  });
});
