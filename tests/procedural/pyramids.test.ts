/**
 * The pyramids of Giza (subject 'pyramids', scene/pyramids.mts): "a pyramid in the desert" was the dunes
 * alone, the pyramid ignored. Now the three of Giza across the sand, in their real proportions.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type PyramidsModule = typeof import('../../engine/src/generators/procedural/scene/pyramids.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/pyramids', function () {
  this.timeout(60000);

  it('plans the pyramids in the desert for their names and for Egypt', () => {
    for (const prompt of ['a pyramid in the desert', 'the pyramids of giza at sunset, drone shot', 'ancient egypt', 'great pyramid']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting], ['nature', 'desert'], prompt);
      assert.ok(plan.subjects.some((s) => s.kind === 'pyramids'), prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
  });

  it('builds each in its real proportions, inside the desert\'s sand, apart from the others', async () => {
    const { PYRAMIDS, PYRAMID_SCALE, pyramidGeometry } = await importProcedural<PyramidsModule>('scene/pyramids.mts');
    // The faces' slopes as they stand today (their tips are gone): Khufu about 50 degrees, Khafre 52, Menkaure 50.
    for (const p of PYRAMIDS) {
      const slope = (Math.atan(p.height / (p.base / 2)) * 180) / Math.PI;
      assert.ok(slope > 49 && slope < 53, `${p.name}: ${slope.toFixed(1)} degrees`);
      const half = (p.base * PYRAMID_SCALE) / Math.SQRT2;
      assert.ok(Math.abs(p.at[0]) + half < 450 && Math.abs(p.at[1]) + half < 450, `${p.name} on the 900 m of sand`);
    }
    for (let i = 1; i < PYRAMIDS.length; i++) {
      const [a, b] = [PYRAMIDS[i - 1]!, PYRAMIDS[i]!];
      assert.ok(Math.hypot(a.at[0] - b.at[0], a.at[1] - b.at[1]) > ((a.base + b.base) * PYRAMID_SCALE) / Math.SQRT2, `${a.name} and ${b.name} apart`);
    }
    const g = pyramidGeometry(10, 6);
    const pos = g.attributes.position!;
    assert.equal(pos.count, 12, 'four triangles');
    let top = 0;
    for (let i = 0; i < pos.count; i++) top = Math.max(top, pos.getY(i));
    assert.equal(top, 6);
    // Every face's normal points outwards and up.
    const n = g.attributes.normal!;
    for (let i = 0; i < n.count; i++) {
      assert.ok(n.getY(i) > 0.5, 'faces lean back');
      assert.ok(n.getX(i) * pos.getX(i) + n.getZ(i) * pos.getZ(i) >= -1e-9, 'outwards');
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('stands them on the horizon', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('the pyramids of giza at golden hour, locked off', 1), 'pyramids');
      // Against the sky (the rows above the horizon; below it the dunes also change, flattened round them).
      const [a, b] = [bare[0]!, shot[0]!];
      let n = 0;
      let sx = 0;
      for (let y = 0; y < 50; y++) {
        for (let x = 0; x < 192; x++) {
          const i = (y * 192 + x) * 4;
          if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 30) {
            n++;
            sx += x;
          }
        }
      }
      // Measured: 3,967 pixels in the upper rows, centred at x 97 of 192.
      assert.ok(n > 1500, `${n} pixels of pyramid against the sky`);
      assert.ok(sx / n > 50 && sx / n < 140, `in the middle of the frame (${(sx / n).toFixed(0)})`);
    });
  });
});
