/**
 * Asteroids (scene/asteroids.mts): "asteroids floating in space" was a nebula with the asteroids ignored.
 * Rocks of a few lumpy shapes along the camera's way through the field; placement and shape are pure.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree } from '../helpers/esm';

type AsteroidsModule = typeof import('../../engine/src/generators/procedural/scene/asteroids.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/asteroids', () => {
  it('plans an asteroid field in space, alone or round a planet', () => {
    const p = planPrompt({ prompt: 'asteroids floating in space', seed: 1 });
    assert.deepEqual([p.plan.setting, p.plan.subjects.map((s) => s.kind).join(',')], ['space', 'asteroids']);
    assert.deepEqual(p.ignoredWords, []);
    assert.equal(planPrompt({ prompt: 'earth with asteroids', seed: 1 }).plan.subjects.map((s) => s.kind).join(','), 'planet,asteroids');
    assert.equal(planPrompt({ prompt: '20 asteroids', seed: 1 }).plan.subjects.find((s) => s.kind === 'asteroids')?.count, 20);
  });

  it('scatters rocks along the way, none on the camera\'s path, mostly small', async () => {
    const { placeAsteroids } = await importProcedural<AsteroidsModule>('scene/asteroids.mts');
    const rng = stream(4, 'asteroids-test');
    const rocks = placeAsteroids(() => rng.next(), 200, 180, 4);
    for (const r of rocks) {
      assert.ok(r.at[2] <= -8 && r.at[2] >= -188, `z ${r.at[2]}`);
      assert.ok(!(Math.abs(r.at[0]) < r.size + 1 && Math.abs(r.at[1]) < r.size + 1), `a rock of ${r.size} on the path at ${r.at}`);
      assert.ok(r.size >= 0.4 && r.size <= 5, `size ${r.size}`);
    }
    const small = rocks.filter((r) => r.size < 1.5).length;
    assert.ok(small > rocks.length * 0.6, `mostly small: ${small} of ${rocks.length}`);
    assert.equal(new Set(rocks.map((r) => r.shape)).size, 4, 'every shape used');
  });

  it('shapes a rock: lumpy, within a third of its mean radius, cratered where a crater is', async () => {
    const THREE = await importThree();
    const { rockRadius } = await importProcedural<AsteroidsModule>('scene/asteroids.mts');
    const waves: Array<[InstanceType<typeof THREE.Vector3>, number, number]> = [[new THREE.Vector3(1, 0, 0), 2, 0.15], [new THREE.Vector3(0, 1, 0), 3.3, 0.1]];
    const crater = new THREE.Vector3(0, 0, 1);
    const radii: number[] = [];
    for (let i = 0; i < 400; i++) {
      const d = new THREE.Vector3(Math.sin(i * 2.4) * Math.cos(i * 0.7), Math.cos(i * 1.3), Math.sin(i * 0.9)).normalize();
      radii.push(rockRadius(d, waves, [[crater, 0.4]]));
    }
    assert.ok(Math.min(...radii) > 0.6 && Math.max(...radii) < 1.35, `radii ${Math.min(...radii)} to ${Math.max(...radii)}`);
    assert.ok(Math.max(...radii) - Math.min(...radii) > 0.2, 'lumpy');
    assert.ok(rockRadius(crater, waves, [[crater, 0.4]]) < rockRadius(crater, waves, []) - 0.15, 'a crater pressed in');
  });
});
