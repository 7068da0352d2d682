/**
 * Coloured powder (scene/powder.mts): "holi color powder explosion" was an empty gradient with every word
 * ignored. Bursts of powder now go off across the frame and drift.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type PowderModule = typeof import('../../engine/src/generators/procedural/scene/powder.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/powder: bursts of coloured powder', function () {
  this.timeout(60000);

  it('throws each puff out fast and lets the air stop it, then it sinks a little', async () => {
    const { puffAt, DRAG } = await importProcedural<PowderModule>('scene/powder.mts');
    const puff = { origin: [0, 0, 0] as [number, number, number], velocity: [6, 0, 0] as [number, number, number], start: 1, size: 1 };
    assert.deepEqual(puffAt(puff, 0.5), [0, 0, 0], 'at its origin before its burst');
    const x = (t: number) => puffAt(puff, t)[0];
    assert.ok(x(1.2) - x(1) > x(1.6) - x(1.4), 'slowing');
    assert.ok(x(10) < 6 / DRAG + 1e-9 && x(10) > 6 / DRAG - 0.01, `stops at v / drag: ${x(10).toFixed(3)}`);
    assert.ok(puffAt(puff, 4)[1] < 0, 'and settles');
  });

  it('sets the bursts off one after another across the frame in the first 60% of the clip', async () => {
    const { layPuffs } = await importProcedural<PowderModule>('scene/powder.mts');
    let s = 3;
    const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    const puffs = layPuffs(rand, 3, 50, 9, 6);
    const bursts = [0, 50, 100].map((i) => puffs[i]!);
    assert.ok(bursts[0]!.start < bursts[1]!.start && bursts[1]!.start < bursts[2]!.start && bursts[2]!.start <= 0.6 * 6 + 0.1);
    assert.ok(bursts[0]!.origin[0] < bursts[1]!.origin[0] && bursts[1]!.origin[0] < bursts[2]!.origin[0], 'left to right');
    assert.ok(puffs.slice(0, 50).every((p) => p.start === bursts[0]!.start && p.origin === bursts[0]!.origin), "a burst's puffs leave together");
  });

  it('plans three bursts in bright colours, a colour named leading; held still', () => {
    const holi = planPrompt({ prompt: 'holi color powder explosion', seed: 1 });
    assert.deepEqual(holi.ignoredWords, []);
    const powder = holi.plan.subjects.find((x) => x.kind === 'powder');
    assert.equal(powder?.count, 3);
    assert.equal(holi.plan.palette.name, 'vibrant');
    assert.equal(planPrompt({ prompt: 'colorful smoke bomb explosion', seed: 1 }).plan.subjects[0]?.kind, 'powder', 'it was smoke with "bomb explosion" ignored');
    const pink = planPrompt({ prompt: 'pink powder burst', seed: 1 }).plan;
    assert.equal(pink.subjects.find((x) => x.kind === 'powder')?.color, '#e86aa0', 'the pink named');
    assert.equal(pink.palette.colors[0], '#e86aa0', 'its shades round it');
  });

  describe('render', () => {
    const gen = procedural();

    it('throws clouds of colour that grow across the frame', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('holi color powder explosion', 3, { num: 1, den: 1 }), width: 320, height: 180 });
      const vivid = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (Math.max(f[i]!, f[i + 1]!, f[i + 2]!) > 150 && Math.max(f[i]!, f[i + 1]!, f[i + 2]!) - Math.min(f[i]!, f[i + 1]!, f[i + 2]!) > 60) n++;
        return n;
      };
      const counts = frames.map(vivid);
      // Measured: 0, 10925, 21283 vivid pixels (of 57600) at 0, 1 and 2 s.
      assert.ok(counts[2]! > counts[0]! + 8000, `vivid powder spreading: ${counts.join(', ')}`);
    });
  });
});
