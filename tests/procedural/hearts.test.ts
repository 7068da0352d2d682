/**
 * Hearts floating up (subject 'hearts', the party balloons' machinery with a puffy heart for a body):
 * "valentine hearts floating" drew a bare gradient.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type BalloonModule = typeof import('../../engine/src/generators/procedural/scene/party-balloons.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/hearts', function () {
  this.timeout(60000);

  it("plans hearts in Valentine's reds and pinks; party balloons are still balloons", () => {
    for (const prompt of ['valentine hearts floating', 'love hearts particles on pink background', "valentine's day background"]) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(',')], ['abstract', 'hearts'], prompt);
      assert.ok(!ignoredWords.some((w) => /heart|valentine/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: 'valentine hearts floating', seed: 1 }).plan.palette.name, 'romantic');
    assert.deepEqual(planPrompt({ prompt: 'party balloons rising', seed: 1 }).plan.subjects.map((s) => s.kind), ['party-balloons']);
  });

  it('builds a closed, heart-shaped body: two lobes on top, a point below, as tall as a balloon', async () => {
    const { heartGeometry, BALLOON_HEIGHT } = await importProcedural<BalloonModule>('scene/party-balloons.mts');
    const g = heartGeometry();
    g.computeBoundingBox();
    const box = g.boundingBox!;
    assert.ok(Math.abs(box.min.y) < 0.02 && Math.abs(box.max.y - BALLOON_HEIGHT) < 0.1, `stands on y = 0, ${box.max.y.toFixed(2)} tall`);
    // Across the top, the cleft between the lobes dips below them; at the bottom a single point.
    const p = g.getAttribute('position');
    let lobe = 0;
    let cleft = Infinity;
    for (let i = 0; i < p.count; i++) {
      const x = p.getX(i);
      const y = p.getY(i);
      if (Math.abs(x) < 0.03) cleft = Math.min(cleft, y > box.max.y * 0.6 ? y : Infinity);
      if (Math.abs(x) > 0.15 && Math.abs(x) < 0.35) lobe = Math.max(lobe, y);
    }
    assert.ok(cleft < lobe - 0.05, `the cleft (${cleft.toFixed(2)}) below the lobes (${lobe.toFixed(2)})`);
  });

  describe('render', () => {
    const gen = procedural();

    it('floats hearts over the field that the same field without them lacks, rising', async () => {
      const request = smallRequest('valentine hearts floating, static', 2);
      const { shot, bare } = await renderWithoutSubject(gen(), request, 'hearts');
      const hearts = changedPixels(shot[0]!, bare[0]!, 192, 60);
      const moved = changedPixels(shot[0]!, shot[1]!, 192, 60);
      // Measured: 11997 pixels differ from the bare field; 16030 change in the second (the field flows too).
      assert.ok(hearts.n > 1500, `hearts across the frame (${hearts.n} pixels)`);
      assert.ok(moved.n > 500, `they move (${moved.n} pixels in a second)`);
    });
  });
});
