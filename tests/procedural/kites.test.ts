/**
 * Kites (scene/kites.mts): "kites flying on a windy beach" was the beach with the kites ignored. Diamond
 * kites now ride the wind over a beach or a field, tails waving, their lines running out of the frame.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type KitesModule = typeof import('../../engine/src/generators/procedural/scene/kites.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/kites: kites in the wind', function () {
  this.timeout(60000);

  it('sways more the windier it is, within a few metres; the tail hangs behind and waves more at its end', async () => {
    const { kiteSway, tailPoints } = await importProcedural<KitesModule>('scene/kites.mts');
    const reach = (wind: number) => Math.max(...Array.from({ length: 400 }, (_, i) => Math.abs(kiteSway(i * 0.05, 1.3, wind).across)));
    assert.ok(reach(1) > reach(0.2) * 1.5 && reach(1) < 4, `sways ${reach(0.2).toFixed(2)} m in a breeze, ${reach(1).toFixed(2)} m in a gale`);
    const tail = tailPoints(2, 0.4, 3, 24, 0.6);
    assert.deepEqual(tail[0], [0, -0], 'from the kite');
    assert.ok(Math.abs(tail[23]![1] + 3) < 1e-9, 'its length behind');
    const sideways = (k: number) => Math.max(...Array.from({ length: 50 }, (_, i) => Math.abs(tailPoints(i * 0.1, 0.4, 3, 24, 0.6)[k]![0])));
    assert.ok(sideways(22) > sideways(4) * 2, 'waving most at its end');
  });

  it('plans kites over a beach or a field, one when "a kite", not over open water', () => {
    const kites = (prompt: string) => {
      const r = planPrompt({ prompt, seed: 1 });
      return { count: r.plan.subjects.find((s) => s.kind === 'kites')?.count, setting: r.plan.setting, ignored: r.ignoredWords };
    };
    assert.deepEqual(kites('kites flying on a windy beach'), { count: 3, setting: 'coast', ignored: [] });
    assert.equal(kites('a kite in a blue sky over a field').count, 1);
    assert.ok(['coast', 'meadow'].includes(kites('kites').setting));
    assert.equal(kites('kites over the ocean').count, undefined, 'no one stands on the sea to fly them');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the kites in the sky, moving in the wind', async () => {
      const W = 320;
      const H = 180;
      const prompt = 'kites flying on a windy beach, static';
      const { shot, bare } = await renderWithoutSubject(gen(), { ...smallRequest(prompt, 2, { num: 1, den: 1 }), width: W, height: H }, 'kites');
      const diff = (a: Uint8Array, b: Uint8Array) => changedPixels(a, b, W).n;
      const kites = diff(shot[0]!, bare[0]!);
      const moved = diff(shot[0]!, shot[1]!) - diff(bare[0]!, bare[1]!);
      // Measured: 1043 pixels of kites, tails and lines at 320x180; 1164 more change over a second.
      assert.ok(kites > 400, `kites, tails and lines: ${kites} pixels`);
      assert.ok(moved > 300, `they move: ${moved} more pixels change than the beach alone`);
    });
  });
});
