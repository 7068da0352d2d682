/**
 * Boats ride the water's own swell (scene/boats.mts, waveSurface in scene/nature.mts): they rise and fall
 * with it, the bow lifts on a rising face, and they make way along their heading.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type BoatsModule = typeof import('../../engine/src/generators/procedural/scene/boats.mjs', { with: { 'resolution-mode': 'import' } });
type NatureModule = typeof import('../../engine/src/generators/procedural/scene/nature.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/boats: riding the swell', () => {
  const ctxFor = (prompt: string) => {
    const plan = planPrompt({ prompt, seed: 3 }).plan;
    return { plan, seed: 3, width: 320, height: 180, duration: 4, software: true, detail: 0.1, rng: (name: string) => stream(3, name), renderer: undefined } as never;
  };

  it('floats each boat at the height of the swell where it is, the bow up on a rising face', async () => {
    const { createBoats } = await importProcedural<BoatsModule>('scene/boats.mts');
    // A surface rising towards +x by 0.1 m a metre, 2 m high at x = 0, rising with time.
    const surface = (x: number, _z: number, t: number) => ({ y: 2 + 0.1 * x + 0.5 * t, dydx: 0.1, dydz: 0 });
    const boats = createBoats(ctxFor('sailboat on the ocean'), true, [{ x: 0, z: -30, heading: 0 }], surface, '#ffffff');
    boats.update(0);
    const boat = boats.group.children[0]!;
    assert.ok(Math.abs(boat.position.y - 2) < 1e-9, `at rest on the water: y ${boat.position.y}`);
    assert.ok(Math.abs(boat.rotation.z - Math.atan(0.1)) < 1e-6, `bow (heading +x) lifted on the rising face: pitch ${boat.rotation.z}`);
    boats.update(2);
    assert.ok(boat.position.x > 2, `made way along its heading: x ${boat.position.x}`);
    assert.ok(Math.abs(boat.position.y - (2 + 0.1 * boat.position.x + 1)) < 1e-9, `rose with the swell: y ${boat.position.y}`);
  });

  it('gives slopes that are the derivative of the swell\'s height, and a swell that lifts a boat', async () => {
    const { waveTrains, waveSurface } = await importProcedural<NatureModule>('scene/nature.mts');
    const waves = waveTrains(ctxFor('fishing boat at sea'));
    let moved = 0;
    for (let t = 0; t < 4; t += 0.5) {
      const a = waveSurface(waves, 3, -34, t);
      const h = 0.01;
      const ahead = waveSurface(waves, 3 + h, -34, t);
      assert.ok(Math.abs((ahead.y - a.y) / h - a.dydx) < 0.01, `slope along x at ${t} s: ${a.dydx} vs ${(ahead.y - a.y) / h}`);
      moved = Math.max(moved, Math.abs(a.y - waveSurface(waves, 3, -34, 0).y));
    }
    assert.ok(moved > 0.1, `the swell lifts a boat by ${moved.toFixed(2)} m in 4 s`);
  });

  it('builds hulls, masts and sails with finite vertices (a NaN at the keel made three cull the whole boat)', async () => {
    const { createBoats } = await importProcedural<BoatsModule>('scene/boats.mts');
    for (const sail of [false, true]) {
      const boats = createBoats(ctxFor('boats at sea'), sail, [{ x: 0, z: -30, heading: 0 }], () => ({ y: 0, dydx: 0, dydz: 0 }), '#b23a2e');
      const mesh = boats.group.children[0] as unknown as { geometry: { attributes: { position: { array: Float32Array } } } };
      const bad = mesh.geometry.attributes.position.array.filter((v) => !Number.isFinite(v)).length;
      assert.equal(bad, 0, `${sail ? 'sailing' : 'fishing'} boat: ${bad} non-finite coordinates`);
    }
  });

  it('spreads a fleet across the view without two hulls in one place', async () => {
    const { placeBoats } = await importProcedural<BoatsModule>('scene/boats.mts');
    const rng = stream(5, 'b');
    const boats = placeBoats(8, () => rng.next(), { x: 3, z: -34 }, 0.45, 160);
    assert.equal(boats.length, 8);
    assert.deepEqual([boats[0]!.x, boats[0]!.z], [3, -34]);
    for (let i = 0; i < boats.length; i++) for (let j = i + 1; j < boats.length; j++) assert.ok(Math.hypot(boats[i]!.x - boats[j]!.x, boats[i]!.z - boats[j]!.z) >= 14, `boats ${i} and ${j} overlap`);
  });
});
