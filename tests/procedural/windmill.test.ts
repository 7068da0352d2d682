/**
 * Dutch windmills (subject 'windmill', scene/windmill.mts): "a windmill in holland" was a row of wind
 * turbines. Now the old kind: a smock on a brick base, a cap, four lattice sails turning.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type WindmillModule = typeof import('../../engine/src/generators/procedural/scene/windmill.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/windmill', function () {
  this.timeout(60000);

  it('plans one windmill, a row for the plural or Holland, in open fields; wind turbines stay turbines', () => {
    const cases: Array<[string, number]> = [['a windmill in holland', 1], ['windmills at sunset', 4], ['tulip fields with windmills', 4], ['holland', 4], ['an old dutch windmill', 1], ['3 windmills', 3]];
    for (const [prompt, count] of cases) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      const mill = plan.subjects.find((s) => s.kind === 'windmill');
      assert.deepEqual([plan.setting, mill?.count, plan.subjects.some((s) => s.kind === 'wind-turbines')], ['meadow', count, false], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    for (const prompt of ['wind turbines spinning', 'a wind farm at sunset']) assert.ok(planPrompt({ prompt, seed: 1 }).plan.subjects.some((s) => s.kind === 'wind-turbines'), prompt);
  });

  it('turns the sails at a working pace', async () => {
    const { sailAngle, SAIL_RPM } = await importProcedural<WindmillModule>('scene/windmill.mts');
    assert.ok(Math.abs(sailAngle(60, 0.5) - 0.5 - 2 * Math.PI * SAIL_RPM) < 1e-9);
    // A sail passes the bottom every 1.25 s: fast enough to read as turning, slow enough to follow.
    assert.ok(SAIL_RPM >= 8 && SAIL_RPM <= 20);
  });

  describe('render', () => {
    const gen = procedural();

    it('stands the mill in the field and turns its sails on a still shot', async () => {
      const request = smallRequest('a windmill in holland, locked off', 4, { num: 8, den: 1 });
      const { shot, bare } = await renderWithoutSubject(gen(), request, 'windmill');
      const moved = (frames: Uint8Array[]) => frames.slice(1).map((f, i) => changedPixels(frames[i]!, f, 192, 30));
      const [withMill, without] = [moved(shot), moved(bare)];
      // Measured: 501 to 524 pixels change a frame, centred at (83, 49) of 192 x 108 (the hub); 0 or 1 without the mill.
      assert.ok(withMill.every((m) => m.n > 150), `the sails turn (${withMill.map((m) => m.n).join(' ')})`);
      assert.ok(without.every((m) => m.n < 20), `nothing else moves (${without.map((m) => m.n).join(' ')})`);
      assert.ok(withMill.every((m) => m.x > 50 && m.x < 140 && m.y > 20 && m.y < 80), 'in the middle of the frame');
    });
  });
});
