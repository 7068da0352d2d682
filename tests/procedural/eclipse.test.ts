/**
 * A total solar eclipse (subject 'eclipse', scene/eclipse.mts): "a solar eclipse with the corona" drew a
 * bare gradient. Now the moon's black disc in the corona, the diamond ring flaring as totality ends.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type EclipseModule = typeof import('../../engine/src/generators/procedural/scene/eclipse.mjs', { with: { 'resolution-mode': 'import' } });

const luma = (f: Uint8Array, x: number, y: number) => {
  const i = (y * 192 + x) * 4;
  return 0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]!;
};

describe('procedural/eclipse: a total solar eclipse', function () {
  this.timeout(60000);

  it('plans the eclipse for its names; a lunar eclipse is said to be not drawn', () => {
    for (const prompt of ['a solar eclipse with the corona', 'total eclipse of the sun', 'eclipse totality']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.setting, plan.subjects.map((s) => s.kind).join(',')], ['space', 'eclipse'], prompt);
      assert.ok(!ignoredWords.some((w) => /eclipse|corona|totality/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    const lunar = planPrompt({ prompt: 'a lunar eclipse, blood moon', seed: 1 });
    assert.ok(!lunar.plan.subjects.some((s) => s.kind === 'eclipse') && lunar.ignoredWords.includes('lunar eclipse'));
  });

  it('covers the sun through totality, then uncovers the limb and the bead flares', async () => {
    const { eclipsePhase, MOON_RADIUS } = await importProcedural<EclipseModule>('scene/eclipse.mts');
    let last = -1;
    for (let u = 0; u <= 1; u += 0.01) {
      const p = eclipsePhase(u);
      assert.ok(p.offset >= last, 'the moon moves one way');
      last = p.offset;
      // Covered while the moon's disc reaches past the sun's limb on every side.
      if (u < 0.75) assert.ok(p.offset + 1 <= MOON_RADIUS && p.bead === 0, `u=${u.toFixed(2)}: total, no bead`);
    }
    assert.ok(eclipsePhase(1).bead > 0.9, 'the diamond ring at the end');
  });

  describe('render', () => {
    const gen = procedural();

    it('a black disc in a bright ring of corona, dark sky beyond; the bead flares at the end', async () => {
      const frames = await renderRgba(gen(), smallRequest('total solar eclipse, static', 5, { num: 1, den: 1 }));
      const first = frames[0]!;
      // The moon's disc spans x 81 to 112 of the middle row here, the corona brightest just off it.
      const centre = luma(first, 96, 54);
      const ring = Math.min(luma(first, 96 + 24, 54), luma(first, 96 - 24, 54));
      const sky = luma(first, 3, 3);
      // Inside the disc near its lower left edge, where the bead's glare spills over the moon at the end.
      const bead = (f: Uint8Array) => luma(f, 86, 61);
      // Measured: centre 0, corona 156, sky 0, the disc's edge 0 at the start and 228 at the end.
      assert.ok(centre < 8, `the moon's disc is black (${centre})`);
      assert.ok(ring > 120, `the corona is bright off the limb (${ring})`);
      assert.ok(sky < 40, `the sky is dark beyond it (${sky})`);
      assert.ok(bead(first) < 10 && bead(frames[4]!) > bead(first) + 30, `the diamond ring (${bead(first)} -> ${bead(frames[4]!)})`);
    });
  });
});
