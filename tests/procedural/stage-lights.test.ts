/**
 * Stage lighting (subjects 'stage-lights' and 'lasers', scene/stage-lights.mts): "stage lights sweeping
 * through haze" was a foggy city at night, "a laser show" a bare gradient. Beams now sweep down through the
 * dark from a rig above the frame; lasers are thin and scan faster.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type StageModule = typeof import('../../engine/src/generators/procedural/scene/stage-lights.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/stage lights: beams sweeping through haze, lasers scanning', function () {
  this.timeout(60000);

  it('plans stage lights and lasers on a dark field in neon colours', () => {
    for (const [prompt, kind, count] of [['stage lights sweeping through haze', 'stage-lights', 8], ['concert lights with smoke', 'stage-lights', 8], ['a laser show', 'lasers', 14]] as const) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind, plan.subjects[0]!.count, plan.palette.name], ['abstract', kind, count, 'neon'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    // Beams of light elsewhere are not a stage rig.
    assert.equal(planPrompt({ prompt: 'a spotlight on a perfume bottle', seed: 1 }).plan.subjects[0]!.kind, 'bottle');
    assert.equal(planPrompt({ prompt: 'light beams through the forest', seed: 1 }).plan.setting, 'forest');
  });

  it('points every beam down towards the lens, fanned, sweeping within bounds', async () => {
    const { beamDirection } = await importProcedural<StageModule>('scene/stage-lights.mts');
    for (const laser of [false, true]) {
      for (let k = 0; k < 8; k++) {
        for (let t = 0; t < 20; t += 0.5) {
          const [x, y, z] = beamDirection(k, 8, t, laser);
          assert.ok(Math.abs(Math.hypot(x, y, z) - 1) < 1e-9, 'a unit direction');
          assert.ok(y < -0.7 && z > 0, `down and towards the lens (${x.toFixed(2)}, ${y.toFixed(2)}, ${z.toFixed(2)})`);
        }
      }
    }
    // At rest the rig fans: the outer beams lean outwards on average.
    const meanX = (k: number) => Array.from({ length: 80 }, (_, i) => beamDirection(k, 8, i * 0.25)[0]).reduce((a, b) => a + b) / 80;
    assert.ok(meanX(0) < 0 && meanX(7) > 0, `fanned (${meanX(0).toFixed(2)}, ${meanX(7).toFixed(2)})`);
    assert.notDeepEqual(beamDirection(3, 8, 0), beamDirection(3, 8, 2), 'sweeping');
  });

  describe('render', () => {
    const gen = procedural();

    it('throws coloured beams across a dark frame, and moves them', async () => {
      const frames = await renderRgba(gen(), smallRequest('stage lights sweeping through haze, static shot', 2, { num: 1, den: 2 }));
      let bright = 0;
      let dark = 0;
      const px = frames[0]!;
      for (let i = 0; i < px.length; i += 4) {
        const l = 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
        if (l > 90) bright++;
        if (l < 40) dark++;
      }
      const n = px.length / 4;
      const moved = meanAbsDiff(px, frames[1]!);
      // Measured when written: 14% of the frame lit by beams, 62% dark; 28.9 mean change over 4 s.
      assert.ok(bright / n > 0.08 && dark / n > 0.25, `beams (${((100 * bright) / n).toFixed(0)}% bright) in the dark (${((100 * dark) / n).toFixed(0)}% dark)`);
      assert.ok(moved > 3, `the beams sweep (${moved.toFixed(1)} mean change)`);
    });
  });
});
