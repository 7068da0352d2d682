/**
 * Film damage as an overlay (subject 'film-damage', scene/film-damage.mts): "dust and scratches old film
 * overlay" was a gradient with grain. Now white dust, hairs and scratches on black, for a screen blend.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type DamageModule = typeof import('../../engine/src/generators/procedural/scene/film-damage.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/film damage', function () {
  this.timeout(60000);

  it('plans the overlay on black, the camera still', () => {
    for (const prompt of ['dust and scratches old film overlay', 'film scratches', 'old film overlay']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(','), plan.camera.move], ['abstract', 'film-damage', 'static'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'old film look of a forest', seed: 1 }).plan.grade.grain > 0.5, true, '"old film" alone is still the grade\'s grain');
  });

  it('keeps each scratch near its place, wandering a little, on for runs of frames and off between', async () => {
    const { scratchAt, SCRATCHES } = await importProcedural<DamageModule>('scene/film-damage.mts');
    for (let k = 0; k < SCRATCHES; k++) {
      const xs = Array.from({ length: 240 }, (_, f) => scratchAt(k, f, 7).x);
      assert.ok(Math.max(...xs) - Math.min(...xs) < 0.03 && Math.min(...xs) > 0.1 && Math.max(...xs) < 0.9, `scratch ${k} wanders about ${xs[0]!.toFixed(3)}`);
      for (let f = 1; f < 240; f++) assert.ok(Math.abs(xs[f]! - xs[f - 1]!) < 0.005, 'no jumps between frames');
      const on = Array.from({ length: 240 }, (_, f) => scratchAt(k, f, 7).strength > 0);
      // Within a run of 24 frames it is on throughout or off throughout.
      for (let run = 0; run < 10; run++) assert.equal(new Set(on.slice(run * 24, run * 24 + 24)).size, 1, `run ${run}`);
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('specks new dust on every frame, on black', async () => {
      const frames = await renderRgba(gen(), smallRequest('dust and scratches old film overlay', 3, { num: 24, den: 1 }));
      const lit = (f: Uint8Array) => {
        const set = new Set<number>();
        for (let i = 0; i < f.length; i += 4) if (f[i]! > 60) set.add(i);
        return set;
      };
      const [a, b] = [lit(frames[0]!), lit(frames[1]!)];
      let shared = 0;
      for (const i of a) if (b.has(i)) shared++;
      const dark = frames[0]!.filter((_, i) => i % 4 === 0 && frames[0]![i]! < 10).length / (192 * 108);
      // Measured: 173 and 169 lit pixels, none shared (the scratches were off on these frames), 99.1% black.
      assert.ok(a.size > 10 && b.size > 10, `dust on each frame (${a.size}, ${b.size} lit pixels)`);
      assert.ok(shared < 0.7 * Math.min(a.size, b.size), `mostly somewhere else on the next frame (${shared} shared)`);
      assert.ok(dark > 0.9, `on black (${(dark * 100).toFixed(1)}% black)`);
    });
  });
});
