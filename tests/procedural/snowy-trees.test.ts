/**
 * Snow lies on the trees under falling snow or in a winter palette (scatterTrees in scene/nature.mts): they
 * stood fully green in "winter forest with snow"; in flower under cherry blossom, they are pink.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural, importThree } from '../helpers/esm';

type NatureModule = typeof import('../../engine/src/generators/procedural/scene/nature.mjs', { with: { 'resolution-mode': 'import' } });
type TslModule = typeof import('three/tsl', { with: { 'resolution-mode': 'import' } });

describe('procedural/trees: canopies by season', () => {
  /** Mean linear RGB of a tree kind's vertex colours times its first instance's tint, for a prompt. */
  async function canopy(prompt: string, kind: 'pine-trees' | 'broadleaf-trees'): Promise<[number, number, number]> {
    const { scatterTrees } = await importProcedural<NatureModule>('scene/nature.mts');
    await importThree(); // loads tsx's ESM loader for three's modules
    const { uniform } = (await import('three/tsl' as string)) as TslModule;
    const plan = planPrompt({ prompt, seed: 2 }).plan;
    const ctx = { plan, seed: 2, width: 320, height: 180, duration: 4, software: true, detail: 0.1, rng: (name: string) => stream(2, name), renderer: undefined } as never;
    const terrain = { mesh: undefined, height: () => 0 } as never;
    const mesh = scatterTrees(ctx, kind, 4, { cx: 0, cz: -30, radius: 20 }, terrain, uniform(0));
    const c = mesh.geometry.getAttribute('color');
    const tint = mesh.instanceColor!;
    const sum = [0, 0, 0];
    for (let i = 0; i < c.count; i++) for (let k = 0; k < 3; k++) sum[k] += c.getComponent(i, k) * tint.getComponent(0, k);
    return sum.map((v) => v / c.count) as [number, number, number];
  }
  const lum = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

  it('whitens pines and broadleaf crowns under snow, and leaves them green on a summer day', async () => {
    for (const kind of ['pine-trees', 'broadleaf-trees'] as const) {
      const summer = await canopy(kind === 'pine-trees' ? 'pine forest at noon' : 'forest of oak trees at noon', kind);
      const winter = await canopy(kind === 'pine-trees' ? 'pine forest in falling snow at noon' : 'forest of oak trees in falling snow at noon', kind);
      assert.ok(summer[1] > summer[0] && summer[1] > summer[2], `${kind} in summer is green: ${summer.map((v) => v.toFixed(3))}`);
      assert.ok(lum(winter) > lum(summer) * 1.6, `${kind} under snow: luminance ${lum(winter).toFixed(3)} vs ${lum(summer).toFixed(3)}`);
    }
  });

  it('flowers pink under cherry blossom', async () => {
    const [r, g] = await canopy('cherry blossom trees in a park', 'broadleaf-trees');
    assert.ok(r > g * 1.3, `blossom canopy red over green: ${r.toFixed(3)} vs ${g.toFixed(3)}`);
  });
});
