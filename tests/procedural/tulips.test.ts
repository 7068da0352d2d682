/**
 * Tulip fields (scene/tulips.mts): "tulip field in spring" was tall grass with a few wildflower dots, and
 * from a drone no flowers at all. Beds in stripes of one colour each run away from a camera standing in a
 * furrow; near the lens each tulip is a cup on a stem, farther off the ground carries the stripes.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { TULIP_MIX } from '../../engine/src/generators/procedural/plan/schema';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree } from '../helpers/esm';

type TulipsModule = typeof import('../../engine/src/generators/procedural/scene/tulips.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/tulips: a tulip field in stripes', () => {
  it('plans a tulip field: the growers\' mix unless a colour is named, flat meadow, kept with a windmill', () => {
    const tulips = (prompt: string) => {
      const p = planPrompt({ prompt, seed: 1 }).plan;
      return { setting: p.setting, colour: p.subjects.find((s) => s.kind === 'tulips')?.color, kinds: p.subjects.map((s) => s.kind) };
    };
    for (const prompt of ['tulip field in spring', 'drone shot over tulip fields', 'rows of tulips in holland']) {
      const t = tulips(prompt);
      assert.deepEqual([t.setting, t.colour], ['meadow', TULIP_MIX], prompt);
      assert.ok(!t.kinds.includes('flowers'), `${prompt}: no wildflowers on grass stalks as well (${t.kinds.join(',')})`);
    }
    assert.equal(tulips('red tulips close up').colour, '#c8202a', 'a colour named: every stripe that colour');
    assert.ok(tulips('tulip field with a windmill').kinds.includes('tulips'), 'a windmill does not take the field away');
    assert.ok(!tulips('tulip field, no tulips').kinds.includes('tulips'), 'negated');
  });

  it('lays beds in stripes with furrows between, the camera\'s path a furrow', async () => {
    const { tulipBedAt, BED_PERIOD } = await importProcedural<TulipsModule>('scene/tulips.mts');
    assert.ok(tulipBedAt(0).furrow, 'x = 0 is in a furrow');
    assert.ok(!tulipBedAt(BED_PERIOD / 2).furrow, 'a bed between furrows');
    const stripes = new Set<number>();
    let furrows = 0;
    for (let x = -30; x < 30; x += 0.05) {
      const b = tulipBedAt(x);
      stripes.add(b.stripe);
      if (b.furrow) furrows++;
    }
    assert.ok(stripes.size >= 9 && stripes.size <= 12, `stripes across 60 m: ${stripes.size}`);
    assert.ok(furrows / 1200 > 0.15 && furrows / 1200 < 0.25, `furrow share: ${furrows / 1200}`);
  });

  it('colours neighbouring stripes differently, or all one colour when one is named', async () => {
    const THREE = await importThree();
    const { stripeColours, TULIP_COLOURS: MIX } = await importProcedural<TulipsModule>('scene/tulips.mts');
    const rng = stream(3, 'tulip-test');
    const mixed = stripeColours(() => rng.next(), MIX);
    for (let i = 0; i < mixed.length; i++) assert.notEqual(mixed[i], mixed[(i + 1) % mixed.length], `stripes ${i} and the next (the last and the first meet where the colours repeat)`);
    assert.ok(new Set(mixed).size >= 5, `colours used: ${new Set(mixed).size}`);
    const red = new THREE.Color('#c8202a');
    assert.ok(stripeColours(() => rng.next(), [red]).every((c) => c === red), 'one colour');
  });

  it('plants tulips only in the beds, in the view\'s wedge, thinning with distance', async () => {
    const { tulipBedAt, tulipPlaces } = await importProcedural<TulipsModule>('scene/tulips.mts');
    const rng = stream(1, 'tulip-places');
    const places = tulipPlaces(() => rng.next(), { x: 0, z: 0 }, 0.75, 40, 100000);
    assert.ok(places.every(([x]) => !tulipBedAt(x).furrow), 'none in a furrow');
    assert.ok(places.every(([x, z]) => z < 0 && Math.abs(x) < -z * Math.tan(0.75) + 1.3), 'ahead, within the wedge');
    // Per square metre, in a patch 3 to 5 m off and one 35 to 37 m off.
    const patch = (z0: number) => places.filter(([x, z]) => x > 0.2 && x < 2.2 && z < -z0 && z > -z0 - 2).length / 4;
    // Measured: 4987 in all; 16.75 a square metre near, 1.75 far.
    assert.ok(places.length > 3000 && places.length < 8000, `tulips: ${places.length}`);
    assert.ok(patch(3) > patch(35) * 4, `per square metre: ${patch(3)} near, ${patch(35)} far`);
  });
});
