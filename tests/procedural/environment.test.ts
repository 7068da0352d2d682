/**
 * The image-based light is made only when something in the finished shot reads it
 * (scene/environment.mts): three's PBR materials do, Lambert, Phong and Basic do not.
 */
import { strict as assert } from 'node:assert';

type EnvModule = typeof import('../../engine/src/generators/procedural/scene/environment.mjs', { with: { 'resolution-mode': 'import' } });
type ThreeModule = typeof import('three/webgpu', { with: { 'resolution-mode': 'import' } });

async function load(): Promise<{ env: EnvModule; THREE: ThreeModule }> {
  await import('tsx/esm' as string).catch(() => undefined);
  const env = (await import('../../engine/src/generators/procedural/scene/environment.mts' as string)) as EnvModule;
  const THREE = (await import('three/webgpu' as string)) as ThreeModule;
  return { env, THREE };
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
});
