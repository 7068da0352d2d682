/**
 * A canyon (canyonTerrain in scene/nature.mts): "grand canyon at sunset" was a flat desert with boulders.
 * Now a trench about 130 m deep, meandering, cut into a plateau, its walls a staircase of ledges and cliffs.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { ValueNoise2D } from '../../engine/src/generators/procedural/sim/noise';
import { importProcedural } from '../helpers/esm';

type NatureModule = typeof import('../../engine/src/generators/procedural/scene/nature.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/canyon: a trench with terraced walls', () => {
  it('is deep in the middle, level on the plateau, and steps down in ledges', async () => {
    const { canyonTerrain } = await importProcedural<NatureModule>('scene/nature.mts');
    const canyon = canyonTerrain(new ValueNoise2D(1, 'terrain'), 1);
    for (const z of [-300, -140, 0, 120]) {
      const c = canyon.centre(z);
      assert.ok(canyon.height(c, z) < -110, `the floor at z ${z}: ${canyon.height(c, z).toFixed(1)} m`);
      assert.ok(canyon.height(c + 300, z) > -5 && canyon.height(c - 300, z) > -5, `the plateau either side at z ${z}`);
    }
    // Walk out from the middle: the ground rises, with flat stretches (ledges) between steep ones (cliffs).
    const z = -140;
    const c = canyon.centre(z);
    const profile = Array.from({ length: 200 }, (_, i) => canyon.height(c + i, z));
    const slopes = profile.slice(1).map((h, i) => h - profile[i]!);
    const flat = slopes.filter((s) => Math.abs(s) < 0.3).length;
    const steep = slopes.filter((s) => s > 2).length;
    assert.ok(flat > 60 && steep > 15, `ledges and cliffs: ${flat} flat metres, ${steep} steep`);
    assert.ok(profile[199]! - profile[0]! > 110, `it climbs the whole depth: ${(profile[199]! - profile[0]!).toFixed(1)} m`);
  });

  it('plans a canyon in the desert, and reports it ignored where it cannot be drawn', () => {
    for (const prompt of ['grand canyon at sunset', 'red rock canyon, drone flyover', 'desert canyon']) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.equal(p.plan.setting, 'desert', prompt);
      assert.ok(p.plan.subjects.some((x) => x.kind === 'canyon'), prompt);
      assert.ok(!p.plan.subjects.some((x) => x.kind === 'rocks'), `${prompt}: no boulders strewn in it`);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.ok(planPrompt({ prompt: 'river flowing through a canyon', seed: 1 }).ignoredWords.includes('canyon'), 'a river gorge is not drawn: ignored');
  });
});
