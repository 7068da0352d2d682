/**
 * Volcanoes (scene/volcano.mts): "volcano erupting at night with lava glowing" was a pine forest with
 * "volcano", "erupting" and "lava" ignored. A lone cone with a crater, lava down its flanks, lava bombs
 * on ballistic arcs and an ash column. The cone's profile and the bombs' flights are pure and tested here;
 * the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type VolcanoModule = typeof import('../../engine/src/generators/procedural/scene/volcano.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/volcano: a cone erupting', () => {
  it('plans a volcano for the words people use: a lone cone, as the light goes unless a time is named', () => {
    for (const prompt of ['volcano erupting at night with lava glowing', 'lava flowing', 'volcanic eruption, drone', 'an active volcano']) {
      const r = planPrompt({ prompt, seed: 1 });
      const kinds = r.plan.subjects.map((s) => s.kind);
      assert.equal(r.plan.setting, 'mountains', prompt);
      assert.ok(kinds.includes('volcano'), `${prompt}: ${kinds.join(',')}`);
      assert.ok(!kinds.includes('mountains') && !kinds.includes('pine-trees'), `${prompt}: the cone stands alone (${kinds.join(',')})`);
      assert.ok(!r.ignoredWords.some((w) => /volcan|lava|erupt/.test(w)), `${prompt}: ignored ${r.ignoredWords.join(', ')}`);
      assert.ok(['dusk', 'night'].includes(r.plan.timeOfDay), `${prompt}: ${r.plan.timeOfDay}`);
    }
    assert.equal(planPrompt({ prompt: 'volcano at noon', seed: 1 }).plan.timeOfDay, 'noon');
    assert.ok(planPrompt({ prompt: 'volcano with pine trees', seed: 1 }).plan.subjects.some((s) => s.kind === 'pine-trees'), 'trees when named');
    assert.ok(!planPrompt({ prompt: 'mountains, no volcano', seed: 1 }).plan.subjects.some((s) => s.kind === 'volcano'), 'negated');
  });

  it('shapes a cone: highest at the crater\'s rim, a hollow inside it, falling away to the plain', async () => {
    const { coneHeight, defaultCone } = await importProcedural<VolcanoModule>('scene/volcano.mts');
    const cone = defaultCone();
    assert.equal(coneHeight(cone, cone.crater), cone.height, 'the rim');
    assert.equal(coneHeight(cone, 0), cone.height - cone.craterDepth, 'the crater floor');
    assert.equal(coneHeight(cone, cone.radius), 0, 'the foot');
    let last = Infinity;
    for (let r = cone.crater; r <= cone.radius; r += 25) {
      const h = coneHeight(cone, r);
      assert.ok(h <= last, `falls away at ${r} m`);
      last = h;
    }
    // Concave flanks: halfway out, well under half the height.
    assert.ok(coneHeight(cone, (cone.crater + cone.radius) / 2) < cone.height * 0.4, 'concave');
  });

  it('throws bombs on ballistic arcs up to the height asked, landing back below the rim', async () => {
    const { planBombs, bombPosition } = await importProcedural<VolcanoModule>('scene/volcano.mts');
    const rng = stream(2, 'bombs-test');
    const bombs = planBombs(() => rng.next(), 200, 300, 6);
    for (const b of bombs) {
      const peak = (b.v[1] * b.v[1]) / (2 * 9.81);
      assert.ok(peak <= 300 + 1e-6 && peak >= 300 * 0.25 - 1e-6, `peak ${peak}`);
      assert.ok(bombPosition(b, b.flight)[1] < 0, 'lands below the vent');
      assert.ok(b.start >= 0 && b.start < 6, 'starts within the loop');
      // Its highest point is where the vertical speed is zero.
      const top = bombPosition(b, b.v[1] / 9.81)[1];
      assert.ok(Math.abs(top - peak) < 1e-6, `top ${top} vs ${peak}`);
    }
    const spreads = bombs.map((b) => Math.hypot(b.v[0], b.v[2]) / b.v[1]);
    assert.ok(Math.max(...spreads) < 0.45 && Math.min(...spreads) > 0.1, 'a fountain round the vertical, not a spray');
  });
});
