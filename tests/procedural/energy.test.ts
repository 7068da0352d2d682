/**
 * Renewable energy B-roll (scene/energy.mts): "wind turbines on a hill at sunset" and "solar panels in a
 * field" had the turbines and the panels ignored. Turbines stand in a row across the view, a few hundred
 * metres off, their rotors turning; a solar farm's rows of panels fill the field in front of the camera.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree } from '../helpers/esm';

type EnergyModule = typeof import('../../engine/src/generators/procedural/scene/energy.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/energy: wind turbines and solar panels', () => {
  it('places turbines in a row across the view, far off and spaced apart', async () => {
    const { turbinePlaces } = await importProcedural<EnergyModule>('scene/energy.mts');
    const rng = stream(1, 'turbine-test');
    const places = turbinePlaces(() => rng.next(), 7, 280, 840);
    assert.equal(places.length, 7);
    const xs = places.map(([x]) => x);
    assert.ok(Math.max(...xs) - Math.min(...xs) > 600, 'spread across the view');
    assert.ok(places.every(([, z]) => z < -150), 'a few hundred metres off');
    for (let i = 1; i < places.length; i++) assert.ok(Math.hypot(places[i]![0] - places[i - 1]![0], places[i]![1] - places[i - 1]![1]) > 60, 'rotors clear of each other');
  });

  it('turns the rotors', async () => {
    const THREE = await importThree();
    const { createWindFarm } = await importProcedural<EnergyModule>('scene/energy.mts');
    const farm = createWindFarm([[0, -300], [150, -320]], () => 0, new THREE.Vector3(0, 0, 100), 1);
    const angles = (t: number) => {
      farm.update(t);
      const out: number[] = [];
      farm.group.traverse((o) => {
        if ((o as import('three').Mesh).isMesh && o.rotation.z !== 0) out.push(o.rotation.z);
      });
      return out;
    };
    const a = angles(1);
    const b = angles(2);
    assert.equal(a.length, 2, 'a rotor per turbine');
    // 13 to 17 turns a minute: 1.4 to 1.8 radians a second.
    a.forEach((x, i) => assert.ok(Math.abs(b[i]! - x) > 1.3 && Math.abs(b[i]! - x) < 1.9, `rotor ${i} turned ${Math.abs(b[i]! - x).toFixed(2)} rad in a second`));
  });

  it('plans turbines and panels in open country, and no boulders among the panels', () => {
    for (const prompt of ['wind turbines on a hill at sunset', 'wind farm, drone shot', 'renewable energy']) {
      const p = planPrompt({ prompt, seed: 1 }).plan;
      assert.equal(p.setting, 'meadow', prompt);
      assert.ok(p.subjects.some((x) => x.kind === 'wind-turbines'), prompt);
    }
    assert.equal(planPrompt({ prompt: '3 wind turbines', seed: 1 }).plan.subjects.find((x) => x.kind === 'wind-turbines')?.count, 3);
    const desert = planPrompt({ prompt: 'solar farm in the desert, aerial', seed: 1 }).plan;
    assert.ok(desert.subjects.some((x) => x.kind === 'solar-panels'));
    assert.ok(!desert.subjects.some((x) => x.kind === 'rocks'), 'no boulders among the panels');
    assert.ok(planPrompt({ prompt: 'solar panels in a field', seed: 1 }).plan.subjects.some((x) => x.kind === 'solar-panels'));
    assert.ok(planPrompt({ prompt: 'wind turbines at sea', seed: 1 }).ignoredWords.includes('wind turbines'), 'offshore turbines are not drawn: ignored');
  });
});
