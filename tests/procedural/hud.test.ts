/**
 * A head-up display (scene/hud.mts): "futuristic hologram interface" was an abstract gradient with
 * "hologram interface" ignored. Rings turning, a radar sweep, level bars and a readout now fill the view.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type HudModule = typeof import('../../engine/src/generators/procedural/scene/hud.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/hud: a head-up display', function () {
  this.timeout(60000);

  it('lays rings inside to out, clear of each other, turning each the other way from the last', async () => {
    const { hudRings } = await importProcedural<HudModule>('scene/hud.mts');
    for (const seed of [1, 2, 3, 99]) {
      let s = seed;
      const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
      const rings = hudRings(rand);
      assert.ok(rings.length >= 6, `seed ${seed}: ${rings.length} rings`);
      rings.forEach((r, i) => {
        assert.ok(r.radius >= 0.1 && r.radius + r.width / 2 < 0.45, `inside the ticks: ${r.radius}`);
        if (i > 0) {
          const prev = rings[i - 1]!;
          assert.ok(r.radius - r.width / 2 > prev.radius + prev.width / 2 + 0.01, 'clear of the ring inside it');
          assert.ok(Math.sign(r.speed) === -Math.sign(prev.speed), 'turning the other way');
        }
      });
    }
  });

  it('lights a solid ring all round and moves a dashed ring\'s dashes round with time', async () => {
    const { ringLit } = await importProcedural<HudModule>('scene/hud.mts');
    const solid = { radius: 0.2, width: 0.01, dashes: 0, duty: 1, speed: 0.1, brightness: 1 };
    assert.ok([0, 1, 2, 3, 4, 5, 6].every((a) => ringLit(solid, 0.2, a, 3)));
    assert.ok(!ringLit(solid, 0.21, 0, 0), 'only on its line');
    const dashed = { radius: 0.3, width: 0.01, dashes: 8, duty: 0.5, speed: 0.05, brightness: 1 };
    const lit = (t: number) => Array.from({ length: 64 }, (_, i) => ringLit(dashed, 0.3, ((i + 0.25) / 64) * 2 * Math.PI, t));
    assert.equal(lit(0).filter(Boolean).length, 32, 'half lit');
    assert.notDeepEqual(lit(0), lit(0.5), 'the dashes move');
    assert.deepEqual(lit(0), lit(1 / (8 * 0.05)), 'a dash further on after a dash\'s turn');
  });

  it('plans the display, cyan unless a colour is named, held still or pushed in', () => {
    for (const prompt of ['futuristic hologram interface', 'sci-fi hud elements', 'heads up display', 'radar screen']) {
      const r = planPrompt({ prompt, seed: 1 });
      assert.equal(r.plan.subjects.find((x) => x.kind === 'hud')?.color, '#2fd4ff', prompt);
      assert.deepEqual(r.ignoredWords, [], prompt);
    }
    for (let seed = 1; seed <= 12; seed++) assert.ok(['static', 'dolly-in'].includes(planPrompt({ prompt: 'hud', seed }).plan.camera.move));
  });

  describe('render', () => {
    const gen = procedural();

    it('draws rings of light that turn, on a dark field', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('futuristic hud, static', 2, { num: 2, den: 1 }), width: 320, height: 180 });
      let lit = 0;
      const px = frames[0]!;
      for (let i = 0; i < px.length; i += 4) if (px[i + 2]! > 150 && px[i]! < px[i + 2]! - 50) lit++;
      // Measured: 4520 pixels of light (of 57600), 9.1 mean change over half a second.
      assert.ok(lit > 2000, `lines of light: ${lit} pixels`);
      assert.ok(meanAbsDiff(frames[0]!, frames[1]!) > 3, 'the rings turn');
    });
  });
});
