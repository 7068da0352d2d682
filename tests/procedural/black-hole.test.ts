/**
 * A black hole (scene/black-hole.mts): "black hole with accretion disk" was an abstract gradient with
 * "hole accretion disk" ignored. The picture's geometry is pure and tested here; the render test is in
 * render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type BlackHoleModule = typeof import('../../engine/src/generators/procedural/scene/black-hole.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/black hole', () => {
  it('plans a black hole in space for the words people use', () => {
    for (const prompt of ['black hole with accretion disk', 'supermassive black hole', 'event horizon']) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([p.plan.setting, p.plan.subjects.map((s) => s.kind).join(',')], ['space', 'black-hole'], prompt);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'blue black hole', seed: 1 }).plan.subjects[0]?.color, planPrompt({ prompt: 'blue', seed: 1 }).plan.palette.colors[0]);
  });

  it('lays out the images: the disk in front below the middle and hidden behind above it, the bent far side over the top', async () => {
    const { blackHoleAt, DISK_INNER, DISK_OUTER, FLATTEN, HALO_INNER, HALO_OUTER } = await importProcedural<BlackHoleModule>('scene/black-hole.mts');
    assert.equal(blackHoleAt(0, 0.5), 'shadow', 'the shadow above the band');
    const bandY = ((DISK_INNER + DISK_OUTER) / 2) * FLATTEN;
    assert.equal(blackHoleAt(0, -bandY), 'disk-front', 'the near side crosses in front of the shadow');
    assert.equal(blackHoleAt(0, bandY), 'shadow', 'the far side of the band is behind it');
    assert.equal(blackHoleAt((DISK_INNER + DISK_OUTER) / 2, 0.01), 'disk-back', 'beside the shadow the band shows');
    assert.equal(blackHoleAt(0, ((HALO_INNER + HALO_OUTER) / 2) * 0.9), 'halo', 'the far side bent over the top');
    assert.equal(blackHoleAt(0, -((HALO_INNER + HALO_OUTER) / 2) * 0.9), 'halo', 'and under the bottom');
    assert.equal(blackHoleAt(DISK_OUTER + 1, 3), 'space');
  });
});
