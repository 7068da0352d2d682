import { rgbaOf } from '../helpers/frames';
import { strict as assert } from 'node:assert';
import { chooseProvider, createOnnxBackend, type ProviderEnvironment, type ProviderName } from '../../engine/src/generators/onnx';
import { PROBE_MODEL_BASE64 } from '../../engine/src/generators/onnx/runtime/probe-model';
import { tmpHome } from '../helpers/engine';
import { encodeModel, f32 } from './onnx-builder';
import { writeTinyModel } from './tiny-models';
import path from 'node:path';

/** A machine described by what works on it; records what was probed. */
function machine(o: { platform?: NodeJS.Platform; available?: string[]; works?: ProviderName[]; adapter?: { description: string; software: boolean } | null }) {
  const probed: string[] = [];
  const env: ProviderEnvironment = {
    platform: o.platform ?? 'linux',
    available: o.available ?? ['cpu', 'webgpu', 'cuda', 'tensorrt'],
    probe: async (p) => {
      probed.push(p);
      return o.works?.includes(p) ? null : `${p} would not start`;
    },
    adapter: async () => (o.adapter === undefined ? { description: 'NVIDIA H200', software: false } : o.adapter),
  };
  return { env, probed };
}

describe('onnx execution provider choice', () => {
  it('Linux: CUDA when it starts, else WebGPU on a hardware adapter, else CPU, with a note per skip', async () => {
    let c = await chooseProvider(machine({ works: ['cuda', 'webgpu'] }).env);
    assert.deepEqual([c.provider, c.device, c.notes], ['cuda', 'gpu', []]);
    c = await chooseProvider(machine({ works: ['webgpu'] }).env);
    assert.equal(c.provider, 'webgpu');
    assert.equal(c.backend, 'onnxruntime-webgpu');
    assert.equal(c.adapter, 'NVIDIA H200');
    assert.match(c.notes[0]!, /^CUDA: failed to start \(cuda would not start\)/);
    c = await chooseProvider(machine({ works: [], adapter: null }).env);
    assert.deepEqual([c.provider, c.device], ['cpu', 'cpu']);
    assert.match(c.notes.join(' '), /CUDA: failed.*WebGPU: no adapter/);
  });

  it('skips a software WebGPU adapter unless asked for it by name', async () => {
    const soft = { description: 'llvmpipe (LLVM 15)', software: true };
    const m = machine({ works: ['webgpu'], adapter: soft });
    let c = await chooseProvider(m.env);
    assert.equal(c.provider, 'cpu');
    assert.match(c.notes[1]!, /software rasteriser \(llvmpipe/);
    assert.ok(!m.probed.includes('webgpu'), 'not even probed');
    c = await chooseProvider(machine({ works: ['webgpu'], adapter: soft }).env, ['webgpu']);
    assert.equal(c.provider, 'webgpu');
  });

  it('Windows tries DirectML after CUDA; macOS tries CoreML; absent providers are noted, not probed', async () => {
    const win = machine({ platform: 'win32', available: ['cpu', 'dml', 'webgpu'], works: ['dml'] });
    let c = await chooseProvider(win.env);
    assert.equal(c.provider, 'dml');
    assert.match(c.notes[0]!, /CUDA: not in this onnxruntime build/);
    assert.deepEqual(win.probed, ['dml']);
    const mac = machine({ platform: 'darwin', available: ['cpu', 'coreml', 'webgpu'], works: ['coreml'] });
    c = await chooseProvider(mac.env);
    assert.deepEqual([c.provider, c.notes], ['coreml', []]);
    c = await chooseProvider(machine({ available: ['cpu'] }).env, ['dml']);
    assert.equal(c.provider, 'cpu');
    assert.match(c.notes[0]!, /DirectML: not in this onnxruntime build \(DirectML exists on Windows only\)/);
  });

  it('on this machine: asking for CUDA falls back to the CPU with a note (its libraries are not installed)', async function () {
    this.timeout(20000);
    const home = tmpHome();
    writeTinyModel(path.join(home, 'models'), 'tiny');
    const b = await createOnnxBackend({ home, providers: ['cuda'] });
    try {
      if (b.choice!.provider === 'cuda') this.skip(); // a machine with the CUDA provider installed
      assert.equal(b.choice!.provider, 'cpu');
      assert.match(b.choice!.notes[0]!, /^CUDA: failed to start \(.*Failed to load shared library/);
      const info = b.generators[0]!.info;
      assert.equal(info.device, 'cpu');
      assert.equal(info.backend, 'onnxruntime-cpu (CUDA not used)');
      assert.match(info.description, /Runs on the onnxruntime CPU execution provider \(fell back: CUDA: failed to start/);
    } finally {
      await b.dispose();
    }
  });

  it('the provider probe model is exactly y = x + [1, 2] as the ONNX writer makes it', () => {
    const bytes = encodeModel({
      name: 'add',
      inputs: [{ name: 'x', type: 'float32', shape: [2] }],
      outputs: [{ name: 'y', type: 'float32', shape: [2] }],
      nodes: [{ op: 'Add', inputs: ['x', 'b'], outputs: ['y'] }],
      initializers: [{ name: 'b', dims: [2], data: f32(1, 2) }],
    });
    assert.equal(Buffer.from(bytes).toString('base64'), PROBE_MODEL_BASE64);
  });
});

describe('onnx WebGPU provider (a software adapter here, when Vulkan has one)', function () {
  this.timeout(30000);
  it('keeps the text embeddings on the device between steps and gives the CPU provider\'s frames', async function () {
    const { createHash } = await import('node:crypto');
    const home = tmpHome();
    writeTinyModel(path.join(home, 'models'), 'tiny');
    const gpu = await createOnnxBackend({ home, providers: ['webgpu'] });
    const cpu = await createOnnxBackend({ home, providers: ['cpu'] });
    try {
      if (gpu.choice!.provider !== 'webgpu') this.skip(); // no WebGPU adapter at all on this machine
      const req = { prompt: 'pine at dawn', seed: 3, frames: 4, durationSeconds: 0.16, fps: { num: 25, den: 1 }, width: 32, height: 16, generator: 'onnx.tiny', formats: ['mp4' as const], name: 'x', startTimecode: '00:00:00:00' };
      const hashOf = async (b: typeof gpu) => {
        const h = createHash('sha256');
        for await (const f of b.generators[0]!.render({ request: req, signal: new AbortController().signal, log: () => undefined })) h.update(rgbaOf(f));
        return h.digest('hex');
      };
      assert.equal(await hashOf(gpu), await hashOf(cpu));
      const rep = gpu.generators[0]!.report!(req) as { executionProvider: string; textEmbeddingsOn: string };
      assert.equal(rep.executionProvider, 'WebGPU');
      assert.equal(rep.textEmbeddingsOn, 'gpu-buffer');
      assert.equal((cpu.generators[0]!.report!(req) as { textEmbeddingsOn: string }).textEmbeddingsOn, 'cpu');
    } finally {
      await gpu.dispose();
      await cpu.dispose();
    }
  });
});
