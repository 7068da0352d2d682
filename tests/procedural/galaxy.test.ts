/**
 * Spiral galaxies (subject 'galaxy', scene/galaxy.mts): "a spiral galaxy rotating" was the Milky Way over
 * mountains with "spiral" ignored. Now a galaxy seen from space at an angle: a bright bulge, two arms on a
 * logarithmic spiral, dust along their inner edges, turning slowly with its inside lapping its outside.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type GalaxyModule = typeof import('../../engine/src/generators/procedural/scene/galaxy.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/galaxy: a spiral galaxy from space', function () {
  this.timeout(60000);

  it('plans a galaxy in space for spiral galaxies; a galaxy alone is still the night sky', () => {
    for (const prompt of ['a spiral galaxy rotating', 'andromeda galaxy', 'a distant galaxy, deep space', 'a swirling galaxy of particles']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting, plan.subjects[0]!.kind], ['abstract', 'space', 'galaxy'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'a spiral galaxy', seed: 1 }).plan.subjects[0]!.color, '#a9c8ff', 'blue-white arms');
    assert.equal(planPrompt({ prompt: 'the milky way over mountains', seed: 1 }).plan.setting, 'mountains');
    assert.ok(planPrompt({ prompt: 'a galaxy', seed: 1 }).plan.subjects.some((s) => s.kind === 'milky-way'));
  });

  it('winds two arms on a logarithmic spiral that turns, faster inside', async () => {
    const { armStrength, diskTurn, ARM_PITCH_TAN } = await importProcedural<GalaxyModule>('scene/galaxy.mts');
    // On a crest, following the spiral outwards: the angle grows with ln(r) / tan(pitch).
    for (const r of [0.1, 0.3, 0.6, 0.9]) {
      const crest = Math.log(r) / ARM_PITCH_TAN;
      assert.ok(Math.abs(armStrength(r, crest) - 1) < 1e-9, `a crest at r = ${r}`);
      assert.ok(Math.abs(armStrength(r, crest + Math.PI) - 1) < 1e-9, 'the second arm opposite');
      assert.ok(armStrength(r, crest + Math.PI / 2) < 1e-9, 'dark between the arms');
    }
    // The disk turns: after a turn of a quarter, the crest has moved with it.
    assert.ok(Math.abs(armStrength(0.5, Math.log(0.5) / ARM_PITCH_TAN + 0.3, 0.3) - 1) < 1e-9);
    assert.ok(diskTurn(0.2, 10) > diskTurn(0.8, 10), 'the inside turns faster');
    assert.equal(diskTurn(0.5, 0), 0);
  });

  describe('render', () => {
    const gen = procedural();

    it('draws a bright core in the middle of the frame and blue arms round it, on black', async () => {
      const frames = await renderRgba(gen(), smallRequest('a spiral galaxy, static shot', 2, { num: 1, den: 2 }));
      const px = frames[0]!;
      const luma = (x: number, y: number) => {
        const i = (y * 192 + x) * 4;
        return 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
      };
      let blue = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i + 2]! > px[i]! + 20 && px[i + 2]! > 90) blue++;
      const corner = (luma(2, 2) + luma(189, 2) + luma(2, 105) + luma(189, 105)) / 4;
      // Measured when written: luma 251 at the centre, 0.25 in the corners, 8.8% of the frame blue arms.
      assert.ok(luma(96, 54) > 200, `the bulge glows at the centre (luma ${luma(96, 54).toFixed(0)})`);
      assert.ok(corner < 30, `space round it is dark (corners ${corner.toFixed(0)})`);
      assert.ok(blue / (192 * 108) > 0.05, `blue arms (${((100 * blue) / (192 * 108)).toFixed(1)}% of the frame)`);
    });
  });
});
