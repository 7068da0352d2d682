/**
 * WebGPU reports a refused shader or a lost device as an event, not an exception: before the render host
 * caught them (render/host.mts, gpuError), a rejected pipeline drew nothing and a clip came out black with
 * no error. The session stops the job with E_GENERATOR when the host has one (render/session.mts).
 */
import { strict as assert } from 'node:assert';
import { deviceOrSkip } from '../helpers/gpu';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('procedural/GPU errors: a refused shader is an error, not a black frame', function () {
  this.timeout(60_000);

  it('records the device\'s own error for a shader it refuses, and none for a good one', async function () {
    const { THREE, TSL, host: hostModule, gpu } = await deviceOrSkip(this);
    const camera = new THREE.PerspectiveCamera(40, 2, 0.1, 10);
    camera.position.z = 3;
    const frame = async (colorNode: unknown) => {
      const host = await hostModule.createRenderHost(gpu, 64, 32);
      const ring = new hostModule.ReadbackRing(gpu.device, 64, 32, 1);
      const scene = new THREE.Scene();
      const mat = new THREE.MeshBasicNodeMaterial();
      mat.colorNode = colorNode as any;
      scene.add(new THREE.Mesh(new THREE.PlaneGeometry(2, 2), mat));
      // three logs the refused shader itself; keep the test output readable.
      const quiet = console.error;
      console.error = () => undefined;
      try {
        host.renderer.render(scene, camera);
        ring.push(host.currentTexture(), 0);
        await ring.pop();
        return host.gpuError();
      } finally {
        console.error = quiet;
        await ring.dispose();
        host.dispose();
      }
    };
    try {
      assert.equal(await frame(TSL.vec3(0.2, 0.5, 0.8)), null);
      // A NaN constant is written into the WGSL as "NaN", which the shader compiler refuses.
      const error = await frame(TSL.vec3(TSL.float(Number.NaN), 0, 0));
      assert.ok(error && /GPUValidationError/.test(error), `the device's error was recorded: ${error}`);
    } finally {
      gpu.close();
    }
  });
});
