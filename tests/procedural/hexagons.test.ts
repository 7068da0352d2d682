/**
 * A hexagon (honeycomb) background (scene/hexagons.mts): "hexagon pattern background glowing blue" had
 * "hexagon pattern" ignored and drew a bare gradient. The honeycomb's cell maths is pure, and the card's
 * shader is checked against it by rendering the card alone.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { deviceOrSkip } from '../helpers/gpu';

type HexModule = typeof import('../../engine/src/generators/procedural/scene/hexagons.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/hexagons: a honeycomb background', () => {
  it('plans hexagons for the words people use, on an abstract field', () => {
    for (const prompt of ['hexagon pattern background glowing blue', 'honeycomb tech background', 'abstract hexagonal grid loop']) {
      const r = planPrompt({ prompt, seed: 1 });
      assert.equal(r.plan.archetype, 'abstract', prompt);
      assert.ok(r.plan.subjects.some((s) => s.kind === 'hexagons'), `${prompt}: ${r.plan.subjects.map((s) => s.kind).join(',')}`);
      assert.ok(!r.ignoredWords.some((w) => /hex|honeycomb/.test(w)), `${prompt}: ignored ${r.ignoredWords.join(', ')}`);
    }
    assert.ok(!planPrompt({ prompt: 'tech background, no hexagons', seed: 1 }).plan.subjects.some((s) => s.kind === 'hexagons'), 'negated');
  });

  it('finds the cell a point is in: neighbouring centres one apart, every point nearer its own centre', async () => {
    const { hexCell, hexEdgeDistance } = await importProcedural<HexModule>('scene/hexagons.mts');
    const centres = new Map<string, [number, number]>();
    for (let x = 3; x < 9; x += 0.037) {
      for (let y = 3; y < 9; y += 0.041) {
        const { centre, offset } = hexCell(x, y);
        const d = Math.hypot(offset[0], offset[1]);
        // Within the hexagon: no farther than its corner (1/sqrt(3)), and at most 0.5 across the edge.
        assert.ok(d <= 1 / Math.sqrt(3) + 1e-9, `(${x}, ${y}) is ${d} from its centre`);
        assert.ok(hexEdgeDistance(offset) <= 0.5 + 1e-9, `(${x}, ${y}) edge distance ${hexEdgeDistance(offset)}`);
        centres.set(centre.map((v) => v.toFixed(3)).join(','), centre);
      }
    }
    const list = [...centres.values()];
    // The nearest other centre of each is 1 away (a honeycomb, not a square grid).
    for (const c of list.slice(0, 40)) {
      const nearest = Math.min(...list.filter((o) => o !== c).map((o) => Math.hypot(o[0] - c[0], o[1] - c[1])));
      assert.ok(Math.abs(nearest - 1) < 1e-6, `nearest neighbour of ${c}: ${nearest}`);
    }
    assert.equal(hexEdgeDistance([0, 0]), 0);
    assert.ok(Math.abs(hexEdgeDistance([0.5, 0]) - 0.5) < 1e-9 && Math.abs(hexEdgeDistance([0.25, Math.sqrt(3) / 4]) - 0.5) < 1e-9, 'edges at 0.5');
  });

  it('renders the cells the maths says: outlines bright, centres dark, and the light moving', async function () {
    this.timeout(60_000);
    const { THREE, host: hostModule, gpu } = await deviceOrSkip(this);
    const { createHexagons, hexCell, hexEdgeDistance } = await importProcedural<HexModule>('scene/hexagons.mts');
    const W = 352;
    const H = 198;
    const host = await hostModule.createRenderHost(gpu, W, H);
    const ring = new hostModule.ReadbackRing(gpu.device, W, H, 1);
    try {
      // The card flat on to an orthographic camera that sees exactly it: pixel (x, y) is uv (x / W, 1 - y / H).
      const card = createHexagons(W / 10, H / 10, [new THREE.Color('#3f8cff'), new THREE.Color('#ffffff')], 1);
      card.mesh.rotation.set(0, 0, 0);
      const scene = new THREE.Scene();
      scene.add(card.mesh);
      const camera = new THREE.OrthographicCamera(-W / 20, W / 20, H / 20, -H / 20, 0.1, 10);
      camera.position.set(0, 0, 5);
      const frame = async (t: number) => {
        card.update(t, camera);
        host.renderer.render(scene, camera);
        ring.push(host.currentTexture(), 0);
        return (await ring.pop()).pixels;
      };
      const a = await frame(0);
      const b = await frame(1);
      // Cells across the card: 22 (ACROSS), so a pixel is 22 / W cell units; +64 as in the shader.
      const unit = 22 / W;
      let edge = 0;
      let edges = 0;
      let centre = 0;
      let centres = 0;
      // Only the middle of the card (its light fades towards the card's edges).
      for (let y = Math.round(H * 0.3); y < H * 0.7; y++) {
        for (let x = Math.round(W * 0.3); x < W * 0.7; x++) {
          const d = hexEdgeDistance(hexCell((x + 0.5) * unit + 64, (H - y - 0.5) * unit + 64).offset);
          const k = (y * W + x) * 4;
          const blue = a[k + 2]!;
          if (d > 0.47) (edge += blue), edges++;
          else if (d < 0.2) (centre += blue), centres++;
        }
      }
      let moving = 0;
      for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i + 2]! - b[i + 2]!) > 20) moving++;
      // Measured: mean blue 197.5 on the outlines, 41.1 in the centres; 37301 pixels changing.
      assert.ok(edge / edges > (centre / centres) * 2 + 20, `mean blue on the outlines ${(edge / edges).toFixed(1)}, in the centres ${(centre / centres).toFixed(1)}`);
      assert.ok(moving > 500, `pixels changing over a second: ${moving} of ${W * H}`);
    } finally {
      await ring.dispose();
      host.dispose();
      gpu.close();
    }
  });
});
