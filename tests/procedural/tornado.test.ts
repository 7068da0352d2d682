/**
 * A tornado (scene/tornado.mts): "tornado over a field" was a meadow at golden hour with "tornado" ignored.
 * The funnel's outline and sway are pure and tested here; the render test is in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';

type TornadoModule = typeof import('../../engine/src/generators/procedural/scene/tornado.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/tornado', () => {
  it('plans a tornado crossing the plains under a grey sky', () => {
    for (const prompt of ['tornado over a field', 'a twister touching down', 'funnel cloud']) {
      const p = planPrompt({ prompt, seed: 1 });
      assert.ok(p.plan.subjects.some((s) => s.kind === 'tornado'), `${prompt}: ${p.plan.subjects.map((s) => s.kind).join(',')}`);
      assert.deepEqual([p.plan.setting, p.plan.weather.condition], ['meadow', 'cloudy'], prompt);
      assert.ok(['noon', 'morning'].includes(p.plan.timeOfDay), `${prompt}: ${p.plan.timeOfDay}`);
    }
    assert.ok(!planPrompt({ prompt: 'tornado over the ocean', seed: 1 }).plan.subjects.some((s) => s.kind === 'tornado'), 'not over the sea');
    assert.deepEqual(planPrompt({ prompt: 'tornado touching down on the plains', seed: 1 }).ignoredWords, [], 'the plains are the open meadow');
  });

  it('shapes a funnel narrow at the ground, flaring into the cloud, swaying more the higher it is', async () => {
    const { funnelRadius, funnelSway, FUNNEL_HEIGHT } = await importProcedural<TornadoModule>('scene/tornado.mts');
    let last = 0;
    for (let y = 0; y <= FUNNEL_HEIGHT; y += 20) {
      const r = funnelRadius(y);
      assert.ok(r >= last, `widening at ${y} m`);
      last = r;
    }
    assert.ok(funnelRadius(0) < 20 && funnelRadius(FUNNEL_HEIGHT) > 100, 'a rope at the foot, a wide funnel at the top');
    assert.ok(funnelRadius(FUNNEL_HEIGHT / 2) < funnelRadius(FUNNEL_HEIGHT) * 0.35, 'flaring only near the cloud');
    assert.equal(funnelSway(0, 3), 0, 'the foot stays on the ground track');
    const swing = (y: number) => Math.max(...[0, 1, 2, 3, 4, 5, 6].map((t) => funnelSway(y, t))) - Math.min(...[0, 1, 2, 3, 4, 5, 6].map((t) => funnelSway(y, t)));
    assert.ok(swing(FUNNEL_HEIGHT * 0.8) > swing(FUNNEL_HEIGHT * 0.2), 'sways more higher up');
  });
});
