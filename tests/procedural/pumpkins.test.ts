/**
 * Jack-o'-lanterns (scene/pumpkins.mts): "halloween pumpkins glowing at night" was a pine forest with the
 * pumpkins ignored. The carving is pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type PumpkinsModule = typeof import('../../engine/src/generators/procedural/scene/pumpkins.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/pumpkins: jack-o\'-lanterns', () => {
  it('plans one lantern, or three for the plural, lit from inside', () => {
    const p = (prompt: string) => planPrompt({ prompt, seed: 1 });
    assert.deepEqual([p('halloween pumpkins glowing at night').plan.archetype, p('halloween pumpkins glowing at night').plan.subjects[0]?.kind, p('halloween pumpkins glowing at night').plan.subjects[0]?.count], ['product', 'pumpkin', 3]);
    assert.equal(p('a carved pumpkin').plan.subjects[0]?.count, 1);
    assert.equal(p('2 jack o lanterns').plan.subjects[0]?.count, 2);
    assert.equal(p('a carved pumpkin').plan.subjects[0]?.color, '#d9661a', 'pumpkin orange unless a colour is named');
    assert.deepEqual(p('halloween pumpkins glowing at night').ignoredWords, []);
  });

  it('carves two eyes, a nose and a grin with two teeth left standing', async () => {
    const { carved } = await importProcedural<PumpkinsModule>('scene/pumpkins.mts');
    assert.ok(carved(0.34, 0.15) && carved(-0.34, 0.15), 'the eyes');
    assert.ok(!carved(0.34, 0.4) && !carved(0, 0.2), 'above and between the eyes: rind');
    assert.ok(carved(0, -0.04), 'the nose');
    assert.ok(carved(0, -0.3) && carved(0.4, -0.2), 'the grin, curving up at its ends');
    assert.ok(!carved(0.17, -0.24) && !carved(-0.17, -0.24), 'the teeth');
    assert.ok(!carved(0, -0.6) && !carved(0.8, 0), 'below the grin and at the side: rind');
    // Mirror-symmetric.
    for (let x = -0.9; x <= 0.9; x += 0.05) for (let y = -0.7; y <= 0.5; y += 0.05) assert.equal(carved(x, y), carved(-x, y), `${x}, ${y}`);
  });
});
