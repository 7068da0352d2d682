/**
 * Inside a material's positionNode, three has already placed an instanced vertex by its instance matrix:
 * positionLocal there is the placed position. Trees (and palms, and tall grass) bent by positionLocal.y
 * bent by their height above the world's origin, ground included: a tree on a 10 m rise swayed several
 * times as far as one on flat ground, and tall grass on higher ground lay flat and sank. They bend by
 * positionGeometry now; this renders one tree on the ground and the same tree 40 m up and compares how
 * much each moves.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';
import { deviceOrSkip } from '../helpers/gpu';

type NatureModule = typeof import('../../engine/src/generators/procedural/scene/nature.mjs', { with: { 'resolution-mode': 'import' } });

/* eslint-disable @typescript-eslint/no-explicit-any */
const W = 160;
const H = 160;

describe('procedural/instanced sway: a tree sways the same on any ground', function () {
  this.timeout(60_000);

  it('moves a tree 40 m up as much as the same tree at the origin', async function () {
    const { THREE, TSL, host: hostModule, gpu } = await deviceOrSkip(this);
    const nature = await importProcedural<NatureModule>('scene/nature.mts');
    const host = await hostModule.createRenderHost(gpu, W, H);
    const ring = new hostModule.ReadbackRing(gpu.device, W, H, 1);
    try {
      const plan = planPrompt({ prompt: 'a lone tree in a windy meadow', seed: 4 }).plan;
      const ctx = { plan, seed: 4, width: W, height: H, duration: 2, software: true, detail: 1, rng: (name: string) => stream(4, name), renderer: host.renderer } as any;
      const motion = async (ground: number): Promise<number> => {
        const scene = new THREE.Scene();
        scene.background = new THREE.Color(0x000000);
        scene.add(new THREE.HemisphereLight(0xffffff, 0x404040, 2.5));
        const time = TSL.uniform(0);
        const tree = nature.scatterTrees(ctx, 'broadleaf-trees', 1, { cx: 0, cz: 0, radius: 0 }, { mesh: undefined, height: () => ground } as any, time);
        scene.add(tree);
        const camera = new THREE.PerspectiveCamera(40, 1, 0.1, 200);
        camera.position.set(0, ground + 4, 16);
        camera.lookAt(0, ground + 4, 0);
        const frame = async (t: number) => {
          time.value = t;
          host.renderer.render(scene, camera);
          ring.push(host.currentTexture(), 0);
          return Uint8Array.from((await ring.pop()).pixels);
        };
        const a = await frame(0);
        const b = await frame(1.3);
        let sum = 0;
        for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
        return sum / (W * H);
      };
      const low = await motion(0);
      const high = await motion(40);
      assert.ok(low > 0.03, `the tree sways at all: ${low.toFixed(2)}`);
      assert.ok(high < low * 1.5 && high > low / 1.5, `mean change over 1.3 s: ${low.toFixed(2)} on the ground, ${high.toFixed(2)} 40 m up`);
    } finally {
      await ring.dispose();
      host.dispose();
      gpu.close();
    }
  });
});
