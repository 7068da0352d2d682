/**
 * The studio's image-based light is evaluated per pixel (scene/environment.mts, StudioLightNode) instead
 * of prefiltered into a cube map by three's PMREMGenerator. Here both light the same spheres (metal and
 * plastic, mirror to fully rough) on the real renderer, and the closed form must read like the
 * prefiltered map: the same brightness sphere by sphere, and pixel by pixel close.
 */
import { strict as assert } from 'node:assert';
import { importProcedural } from '../helpers/esm';
import { deviceOrSkip } from '../helpers/gpu';

type EnvModule = typeof import('../../engine/src/generators/procedural/scene/environment.mjs', { with: { 'resolution-mode': 'import' } });

/* eslint-disable @typescript-eslint/no-explicit-any */
const W = 480;
const H = 160;
const ROUGHNESS = [0.05, 0.25, 0.5, 0.9];

describe('procedural/studio light: the closed form reads like the prefiltered map', function () {
  this.timeout(60_000);

  it('lights metal and plastic spheres of every roughness within a few per cent of a PMREM of the same studio', async function () {
    const { THREE, TSL, host: hostModule, gpu } = await deviceOrSkip(this);
    const env = await importProcedural<EnvModule>('scene/environment.mts');
    const host = await hostModule.createRenderHost(gpu, W, H);
    const ring = new hostModule.ReadbackRing(gpu.device, W, H, 1);
    try {
      const tint = new THREE.Color('#4a7fb0');
      const camera = new THREE.OrthographicCamera(-6, 6, 2, -2, 0.1, 50);
      camera.position.set(0, 0, 10);
      const spheres = (metalness: number) => {
        const scene = new THREE.Scene();
        const geo = new THREE.SphereGeometry(1.35, 64, 32);
        ROUGHNESS.forEach((roughness, i) => {
          const mesh = new THREE.Mesh(geo, new THREE.MeshStandardNodeMaterial({ color: 0xd8d8d8, metalness, roughness }));
          mesh.position.x = (i - 1.5) * 3;
          scene.add(mesh);
        });
        return scene;
      };
      const render = async (scene: InstanceType<typeof THREE.Scene>) => {
        host.renderer.render(scene, camera);
        ring.push(host.currentTexture(), 0);
        return (await ring.pop()).pixels;
      };
      // The reference: three's PMREM of the studio itself (the closed form at roughness 0 on a sky sphere).
      const studio = new THREE.Scene();
      const sky = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false });
      sky.colorNode = TSL.vec4(env.studioRadianceNode(TSL.normalize(TSL.positionLocal), TSL.float(0), tint), 1);
      studio.add(new THREE.Mesh(new THREE.SphereGeometry(50, 64, 32), sky));
      const pmrem = new THREE.PMREMGenerator(host.renderer as any);
      const map = (pmrem as any).fromScene(studio, 0, 0.1, 100).texture;

      const report: string[] = [];
      for (const metalness of [1, 0]) {
        const reference = spheres(metalness);
        reference.environment = map;
        const closed = spheres(metalness);
        env.useStudioEnvironment(closed, tint);
        const a = await render(reference);
        const b = await render(closed);
        ROUGHNESS.forEach((roughness, i) => {
          // Inside the i-th sphere's disc: mean brightness of each, and the mean pixel difference.
          const cx = ((i - 1.5) * 3 + 6) * (W / 12);
          const r = 1.3 * (W / 12);
          let sa = 0;
          let sb = 0;
          let diff = 0;
          let n = 0;
          for (let y = 0; y < H; y++) {
            for (let x = 0; x < W; x++) {
              if ((x + 0.5 - cx) ** 2 + (y + 0.5 - H / 2) ** 2 > r * r) continue;
              const k = (y * W + x) * 4;
              for (let c = 0; c < 3; c++) {
                sa += a[k + c]!;
                sb += b[k + c]!;
                diff += Math.abs(a[k + c]! - b[k + c]!);
              }
              n += 3;
            }
          }
          const ratio = sb / sa;
          report.push(`metal ${metalness} roughness ${roughness}: brightness ${(sa / n).toFixed(1)} vs ${(sb / n).toFixed(1)}, mean |diff| ${(diff / n).toFixed(1)}`);
          assert.ok(sa / n > 10, `the reference sphere is lit (${report.at(-1)})`);
          assert.ok(Math.abs(ratio - 1) < 0.12, `same brightness within 12% (measured on lavapipe: at most 9.6% off, metal at 0.25): ${report.at(-1)}`);
          assert.ok(diff / n < 12, `pixel by pixel within 12 code values on average: ${report.at(-1)}`);
        });
      }
      pmrem.dispose();
      // eslint-disable-next-line no-console
      if (process.env.RUSHES_VERBOSE) console.log(report.join('\n'));
    } finally {
      await ring.dispose();
      host.dispose();
      gpu.close();
    }
  });
});
