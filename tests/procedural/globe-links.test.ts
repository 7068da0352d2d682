/**
 * A network over the globe (subject 'globe-links', scene/globe-links.mts): "a spinning globe with
 * connections" drew the earth alone and reported "connections" used. Now arcs of light between places on
 * it, pulses running along them.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type LinksModule = typeof import('../../engine/src/generators/procedural/scene/globe-links.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/globe links', function () {
  this.timeout(60000);

  it('plans arcs over the globe for a network or connections named with it; in space without a globe they are reported not drawn', () => {
    for (const prompt of ['a spinning globe with connections', 'earth from space with a network of connections']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual(plan.subjects.map((s) => s.kind), ['planet', 'globe-links'], prompt);
      assert.ok(!ignoredWords.some((w) => /connection|network/.test(w)), prompt);
    }
    assert.ok(planPrompt({ prompt: 'a nebula with connections', seed: 1 }).ignoredWords.includes('connections'), 'it was reported used');
    assert.equal(planPrompt({ prompt: 'network connections background', seed: 1 }).plan.subjects[0]!.kind, 'network', 'a plexus is still a plexus');
  });

  it('runs each arc along the great circle between its ends, lifted most halfway, by more for places further apart', async () => {
    const { arcPoint, onSphere } = await importProcedural<LinksModule>('scene/globe-links.mts');
    const len = (p: number[]) => Math.hypot(p[0]!, p[1]!, p[2]!);
    const a = onSphere(0.3, 0.2);
    for (const [b, most] of [[onSphere(-0.2, 1.7), 0.2], [onSphere(0.35, 0.4), 0.05]] as Array<[number[], number]>) {
      const n = [a[1] * b[2]! - a[2] * b[1]!, a[2] * b[0]! - a[0] * b[2]!, a[0] * b[1]! - a[1] * b[0]!];
      let top = 0;
      for (let k = 0; k <= 20; k++) {
        const p = arcPoint(a, b as [number, number, number], k / 20, 10);
        assert.ok(Math.abs(p[0] * n[0]! + p[1] * n[1]! + p[2] * n[2]!) < 1e-9, 'in the plane of the great circle');
        assert.ok(len(p) >= 10 * 1.012 - 1e-9, 'never inside the globe');
        top = Math.max(top, len(p) / 10 - 1.012);
      }
      assert.ok(Math.abs(len(arcPoint(a, b as [number, number, number], 0, 10)) - 10.12) < 1e-9, 'from the surface');
      assert.ok(top > 0 && top <= most + 1e-9, `lifted by ${top.toFixed(3)} of the radius at most`);
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the arcs over the earth, and their pulses move', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('a spinning globe with connections, locked off', 3, { num: 4, den: 1 }), 'globe-links');
      const drawn = changedPixels(bare[0]!, shot[0]!, 192, 20).n;
      const moved = (frames: Uint8Array[]) => frames.slice(1).reduce((n, f, i) => n + changedPixels(frames[i]!, f, 192, 20).n, 0);
      // Measured: 1,278 pixels of arcs; 3,532 pixels changed over two frame pairs against 2,049 without them.
      assert.ok(drawn > 150, `arcs drawn (${drawn} pixels)`);
      assert.ok(moved(shot) > moved(bare) + 30, `pulses moving (${moved(shot)} pixels changed, ${moved(bare)} without the arcs)`);
    });
  });
});
