/**
 * The image-based light is made only when something in the finished shot reads it
 * (scene/environment.mts): three's PBR materials do, Lambert, Phong and Basic do not.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural, importThree, type ThreeModule } from '../helpers/esm';

type EnvModule = typeof import('../../engine/src/generators/procedural/scene/environment.mjs', { with: { 'resolution-mode': 'import' } });
type CommonModule = typeof import('../../engine/src/generators/procedural/scene/common.mjs', { with: { 'resolution-mode': 'import' } });
type Vec3 = InstanceType<ThreeModule['Vector3']>;

async function load(): Promise<{ env: EnvModule; THREE: ThreeModule }> {
  return { env: await importProcedural<EnvModule>('scene/environment.mts'), THREE: await importThree() };
}

describe('procedural/environment: made only when read', () => {
  it('tells PBR materials (which read scene.environment) from Lambert, Phong and Basic (which do not)', async () => {
    const { env, THREE } = await load();
    const box = new THREE.BoxGeometry();
    const scene = new THREE.Scene();
    scene.add(new THREE.Mesh(box, new THREE.MeshLambertNodeMaterial()), new THREE.Mesh(box, new THREE.MeshPhongNodeMaterial()));
    scene.add(new THREE.Mesh(box, new THREE.MeshBasicNodeMaterial()));
    assert.equal(env.readsEnvironment(scene), false);
    const own = new THREE.MeshStandardNodeMaterial();
    own.envMap = new THREE.CubeTexture();
    const group = new THREE.Group();
    group.add(new THREE.Mesh(box, own));
    scene.add(group);
    assert.equal(env.readsEnvironment(scene), false, 'a PBR material with its own envMap does not read the scene\'s');
    group.add(new THREE.Mesh(box, [new THREE.MeshBasicNodeMaterial(), new THREE.MeshPhysicalNodeMaterial()]));
    assert.equal(env.readsEnvironment(scene), true, 'a Physical material in a nested group, in a material array');
  });

  it('runs the requested maker once, and only when the scene reads the environment', async () => {
    const { env, THREE } = await load();
    const box = new THREE.BoxGeometry();
    let made = 0;
    const texture = new THREE.Texture();
    const make = () => (made++, texture);

    const lambertOnly = new THREE.Scene();
    lambertOnly.add(new THREE.Mesh(box, new THREE.MeshLambertNodeMaterial()));
    env.requestEnvironment(lambertOnly, make);
    env.resolveEnvironment(lambertOnly);
    assert.equal(made, 0);
    assert.equal(lambertOnly.environment, null);

    const pbr = new THREE.Scene();
    env.requestEnvironment(pbr, make);
    // Added after the request (particles are added after the shot is built): still seen.
    pbr.add(new THREE.Mesh(box, new THREE.MeshStandardNodeMaterial()));
    env.resolveEnvironment(pbr);
    env.resolveEnvironment(pbr);
    assert.equal(made, 1);
    assert.equal(pbr.environment, texture);
  });

  it('fits the studio and the night sky for rough surfaces on software: SH irradiance within 6% of the integral, in a few ms', async () => {
    // Measured: studio and night sky at most 5.2% off (a wall facing away from the city's glow). A sky
    // with a sun is too sharp for order-2 harmonics (11% off on the ground at dusk, 7% at golden hour),
    // so there the prefiltered map stays.
    const { env, THREE } = await load();
    const common = await importProcedural<CommonModule>('scene/common.mts');
    const night = common.lightingFor(planPrompt({ prompt: 'city skyline at night', seed: 1 }).plan);
    const tint = new THREE.Color('#c08040');
    const cases = [
      { name: 'studio', fit: () => env.studioHarmonics(tint), radiance: (d: Vec3) => env.studioRadianceAt(d, tint) },
      { name: 'night sky', fit: () => env.skyHarmonics(night), radiance: (d: Vec3) => env.skyRadianceAt(d, night) },
    ];
    for (const c of cases) {
      const t0 = performance.now();
      const sh = c.fit();
      const ms = performance.now() - t0;
      assert.ok(ms < 200, `${c.name}: fit took ${ms.toFixed(0)} ms`);
      // Irradiance by brute force: the radiance times the clamped cosine, over a fine grid of the sphere.
      const irradiance = (n: Vec3): number[] => {
        const out = [0, 0, 0];
        env.forEachSphereSample(360, 720, (d, dOmega) => {
          const cos = Math.max(0, d.dot(n));
          if (cos === 0) return;
          const L = c.radiance(d);
          for (let k = 0; k < 3; k++) out[k]! += L[k]! * cos * dOmega;
        });
        return out;
      };
      // A floor or road (up), a wall facing the camera (+z), a side, and a slope.
      for (const n of [new THREE.Vector3(0, 1, 0), new THREE.Vector3(0, 0, 1), new THREE.Vector3(-1, 0, 0), new THREE.Vector3(0, 0.7, 0.7).normalize()]) {
        const exact = irradiance(n);
        const fit = sh.getIrradianceAt(n, new THREE.Vector3()).toArray();
        for (let k = 0; k < 3; k++) {
          const err = Math.abs(fit[k]! - exact[k]!) / exact[k]!;
          assert.ok(err < 0.06, `${c.name}, normal ${n.toArray().map((v) => v.toFixed(2))}, channel ${k}: fit ${fit[k]!.toFixed(4)}, integral ${exact[k]!.toFixed(4)}`);
        }
      }
    }
  });
});
