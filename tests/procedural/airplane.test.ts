/**
 * An airliner (scene/airplane.mts): "airplane flying above the clouds" was the clouds alone and "jet contrail
 * across a blue sky" a blue sky, both reporting the aircraft ignored. An airliner now crosses the sky, with
 * its contrails at cruise and its navigation lights after sunset.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, renderWithoutSubject, smallRequest } from '../helpers/render';

type AirplaneModule = typeof import('../../engine/src/generators/procedural/scene/airplane.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/airplane: an airliner crossing the sky', function () {
  this.timeout(60000);

  it('plans an airliner in the sky, a contrail as an airliner with its trail; paper planes and helicopters are not drawn', () => {
    const kinds = (prompt: string) => {
      const r = planPrompt({ prompt, seed: 1 });
      return { kinds: r.plan.subjects.map((s) => s.kind).filter((k) => k === 'airplane' || k === 'contrail'), setting: r.plan.setting, ignored: r.ignoredWords };
    };
    assert.deepEqual(kinds('airplane flying above the clouds'), { kinds: ['airplane'], setting: 'sky', ignored: [] });
    assert.deepEqual(kinds('jet contrail across a blue sky'), { kinds: ['airplane', 'contrail'], setting: 'sky', ignored: [] });
    assert.deepEqual(kinds('an airliner over the city at dusk').kinds, ['airplane']);
    assert.ok(['sky', 'meadow'].includes(kinds('an airplane').setting), 'not a forest the lens looks down into');
    const paper = kinds('paper airplane gliding through the air');
    assert.deepEqual(paper.kinds, []);
    assert.ok(paper.ignored.includes('paper airplane'));
    assert.deepEqual(kinds('clouds over the hills, no planes').kinds, []);
    assert.deepEqual(kinds('a plane flying under the sea').kinds, [], 'not under the sea');
  });

  it('crosses the frame from the first frame to the last; a contrail forms behind the engines and thins with age', async () => {
    const { flightPlan, contrailDensity, AIRLINER_LENGTH } = await importProcedural<AirplaneModule>('scene/airplane.mts');
    for (const contrails of [false, true]) {
      for (const dir of [1, -1] as const) {
        const f = flightPlan(6, 300, dir, contrails);
        const end = f.startX + dir * 2 * f.across;
        // The frame runs from -1 to 1; the plane's own width (a seventh of it) must fit either side.
        assert.ok(Math.abs(f.startX) < 0.8 && Math.abs(end) < 0.9, `in the frame: ${f.startX} -> ${end}`);
        assert.ok(Math.sign(end - f.startX) === dir, 'the way it flies');
        assert.ok(Math.abs(f.speed * 6 - f.across * 300) < 1e-9, 'covers the share of the frame in the clip');
      }
    }
    assert.equal(contrailDensity(AIRLINER_LENGTH * 0.5, 1), 0, 'clear air just behind the engines');
    const formed = contrailDensity(AIRLINER_LENGTH * 3, 2);
    assert.ok(formed > 0.8, `dense once formed: ${formed}`);
    assert.ok(contrailDensity(AIRLINER_LENGTH * 3, 120) < formed / 2, 'thinner after two minutes');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the airliner against the sky, moving across it, its contrail behind it', async () => {
      const W = 320;
      const H = 180;
      const prompt = 'jet contrail across a blue sky, static';
      const { shot, bare } = await renderWithoutSubject(gen(), { ...smallRequest(prompt, 2, { num: 1, den: 2 }), width: W, height: H }, 'airplane');
      // Pixels the airliner changes, and where they are: in the sky (the upper part of the frame).
      const first = changedPixels(shot[0]!, bare[0]!, W, 30);
      const last = changedPixels(shot[1]!, bare[1]!, W, 30);
      // Measured: 494 and 490 pixels changed, centred on row 56 of 180, moving from x 64 to 75 in 2 s.
      assert.ok(first.n > 60 && last.n > 60, `the airliner and its trail: ${first.n}, ${last.n} pixels`);
      assert.ok(first.y < H * 0.45, `in the sky: row ${first.y.toFixed(0)} of ${H}`);
      assert.ok(Math.abs(last.x - first.x) > 10, `it moves across: x ${first.x.toFixed(0)} -> ${last.x.toFixed(0)}`);
    });

    it('shows its navigation lights at night: red on one wingtip, green on the other', async () => {
      const prompt = 'a plane flying over the ocean at night, static';
      const [frame] = await renderRgba(gen(), { ...smallRequest(prompt, 1), width: 320, height: 180 });
      let red = 0;
      let green = 0;
      for (let i = 0; i < frame!.length; i += 4) {
        const [r, g, b] = [frame![i]!, frame![i + 1]!, frame![i + 2]!];
        if (r > 120 && r > g + 60 && r > b + 60) red++;
        if (g > 120 && g > r + 40 && g > b + 20) green++;
      }
      // Measured: 4 red and 2 green pixels at 320x180 (a lamp is about 3 pixels across there).
      assert.ok(red > 0 && green > 0, `red ${red}, green ${green} pixels`);
    });
  });
});
