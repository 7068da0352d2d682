/**
 * A suspension bridge (subject 'bridge', scene/bridge.mts): "a bridge at night" was a pine forest at night,
 * the bridge reported as not drawn. Now a suspension bridge over open water, traffic on it, lit after dark.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, renderWithoutSubject, smallRequest } from '../helpers/render';

type BridgeModule = typeof import('../../engine/src/generators/procedural/scene/bridge.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/bridge', function () {
  this.timeout(60000);

  it('plans the bridge over open water, the Golden Gate in its orange; a train crossing one stays a train; bridges we do not model are said so', () => {
    for (const prompt of ['a bridge at night', 'suspension bridge, drone shot', 'the golden gate bridge at sunset']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting, plan.subjects.some((s) => s.kind === 'bridge')], ['nature', 'ocean', true], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'a bridge at night', seed: 1 }).plan.timeOfDay, 'night');
    assert.equal(planPrompt({ prompt: 'golden gate bridge', seed: 1 }).plan.subjects.find((s) => s.kind === 'bridge')!.color, '#c0362c');
    const train = planPrompt({ prompt: 'a train crossing a bridge', seed: 1 });
    assert.ok(train.plan.subjects.some((s) => s.kind === 'train') && train.ignoredWords.includes('bridge'));
    assert.ok(planPrompt({ prompt: 'brooklyn bridge', seed: 1 }).ignoredWords.includes('brooklyn bridge'));
  });

  it('hangs the main cable in a parabola from tower top to tower top, over the deck all the way, down to the anchorages', async () => {
    const { cableHeight, MAIN_SPAN, SIDE_SPAN, DECK_HEIGHT, TOWER_HEIGHT } = await importProcedural<BridgeModule>('scene/bridge.mts');
    const half = MAIN_SPAN / 2;
    assert.ok(Math.abs(cableHeight(half - 1e-9) - cableHeight(half + 1e-9)) < 1e-6, 'continuous at the saddles');
    assert.ok(Math.abs(cableHeight(half) - (TOWER_HEIGHT - 2)) < 1e-9, 'over the tower tops');
    assert.ok(Math.abs(cableHeight(half + SIDE_SPAN) - (DECK_HEIGHT + 1)) < 1e-9, 'down to the deck at the anchorage');
    for (let x = 0; x <= half + SIDE_SPAN; x += 1) {
      assert.equal(cableHeight(x), cableHeight(-x), 'symmetric');
      assert.ok(cableHeight(x) > DECK_HEIGHT, `over the deck at ${x}`);
      if (x > 0 && x <= half) assert.ok(cableHeight(x) > cableHeight(x - 1), 'rising to the towers');
    }
    // A parabola: the height over the lowest point goes as the square of the distance from mid-span.
    const rise = (x: number) => cableHeight(x) - cableHeight(0);
    assert.ok(Math.abs(rise(half / 2) / rise(half) - 0.25) < 1e-9);
  });

  it('drives its traffic both ways along the deck at 20 to 26 m/s, wrapping at its ends', async () => {
    const { createBridge, DECK_HEIGHT } = await importProcedural<BridgeModule>('scene/bridge.mts');
    const THREE = await import('three/webgpu');
    let r = 0.3;
    // (Only the seed and whether the rasteriser is software are read from the build context here.)
    const ctx = { seed: 5, software: true } as Parameters<typeof createBridge>[0];
    const bridge = createBridge(ctx, new THREE.Color('#8b9398'), true, () => (r = ((r * 9301 + 49297) % 233280) / 233280));
    const cars = bridge.group.children.find((c) => c instanceof THREE.InstancedMesh && c.count === 56) as InstanceType<typeof THREE.InstancedMesh>;
    const xs = (t: number) => {
      bridge.update(t);
      const m = new THREE.Matrix4();
      return Array.from({ length: cars.count }, (_, i) => {
        cars.getMatrixAt(i, m);
        const p = new THREE.Vector3().setFromMatrixPosition(m);
        assert.ok(Math.abs(p.y - DECK_HEIGHT - 1.6) < 1e-4, 'on the deck');
        return p;
      });
    };
    const [a, b] = [xs(0), xs(0.5)];
    let east = 0;
    let west = 0;
    a.forEach((p, i) => {
      const dx = b[i]!.x - p.x;
      if (Math.abs(dx) > 100) return; // wrapped round
      assert.ok(Math.abs(dx) >= 10 - 1e-3 && Math.abs(dx) <= 13 + 1e-3, `car ${i} moved ${dx.toFixed(2)} m in half a second`);
      if (dx > 0) east++;
      else west++;
      assert.ok(Math.sign(p.z) === Math.sign(dx) * -1, 'each way in its own lanes');
    });
    assert.ok(east > 20 && west > 20, `both ways (${east}, ${west})`);
  });

  describe('render', () => {
    const gen = procedural();

    it('lights it after dark', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('a suspension bridge at night, locked off', 1), 'bridge');
      const day = await renderRgba(gen(), smallRequest('a suspension bridge at noon, locked off', 1));
      const bright = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (f[i]! > 170 && f[i + 1]! > 120) n++;
        return n;
      };
      const mean = (f: Uint8Array) => f.reduce((a, v, i) => (i % 4 === 3 ? a : a + v), 0) / (f.length * 0.75);
      // Measured: mean level 45 at night against 171 at noon; 82 bright pixels with the bridge, 0 without.
      assert.ok(mean(shot[0]!) < mean(day[0]!) * 0.6, 'night is dark');
      assert.ok(bright(shot[0]!) > bright(bare[0]!) + 15, `its lights are on (${bright(shot[0]!)} bright pixels, ${bright(bare[0]!)} without it)`);
    });
  });
});
