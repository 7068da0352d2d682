/**
 * Shader backgrounds (scene/patterns.mts): "kaleidoscope pattern" and "glitch effect background" had their
 * subject ignored (a bare gradient). The kaleidoscope's fold is pure and tested here; the render tests are
 * in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type PatternsModule = typeof import('../../engine/src/generators/procedural/scene/patterns.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/patterns: kaleidoscope and glitch', () => {
  it('plans each for the words people use', () => {
    for (const [prompt, kind] of [['kaleidoscope pattern', 'kaleidoscope'], ['mandala pattern loop', 'kaleidoscope'], ['glitch effect background', 'glitch'], ['digital distortion, blue', 'glitch']] as const) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([p.plan.archetype, p.plan.subjects.map((s) => s.kind).join(',')], ['abstract', kind], prompt);
      assert.deepEqual(p.ignoredWords, [], prompt);
    }
  });

  it('folds every angle into one mirrored wedge, so the pattern repeats round the centre and mirrors across each cut', async () => {
    const { foldAngle } = await importProcedural<PatternsModule>('scene/patterns.mts');
    const wedge = (Math.PI * 2) / 8;
    for (let a = -7; a < 7; a += 0.093) {
      const f = foldAngle(a, 8);
      assert.ok(f >= 0 && f <= wedge / 2 + 1e-12, `${a} folds to ${f}`);
      assert.ok(Math.abs(foldAngle(a + wedge, 8) - f) < 1e-9, 'repeats every wedge');
      assert.ok(Math.abs(foldAngle(-a, 8) - f) < 1e-9, 'mirrors across a cut');
    }
  });
});
