/**
 * An onnx job through a real daemon: socket -> queue -> onnx generator (tiny models, CPU provider) ->
 * encoder -> ffprobe, the same path as every other generator's clips. A model that fails mid-job is a
 * failed job, and the engine goes on serving.
 */
import { strict as assert } from 'node:assert';
import path from 'node:path';
import type { Daemon } from '@rushes/engine';
import type { NotificationParams } from '@rushes/shared';
import { createOnnxBackend, type OnnxBackend } from '../../engine/src/generators/onnx';
import { createTestPatternGenerator } from '../../engine/src/generators/testpattern';
import { connect, ffprobe, startTestDaemon, tmpHome } from '../helpers/engine';
import { registryWith } from '../helpers/generators';
import { writeTinyModel } from './tiny-models';

describe('onnx end to end: daemon -> onnx generator -> MP4', function () {
  this.timeout(30000);
  let d: Daemon;
  let backend: OnnxBackend;
  before(async () => {
    const home = tmpHome('rushes-onnx-e2e-');
    writeTinyModel(path.join(home, 'models'), 'tiny', { temporal: 4, causal: true, layout: 'BFCHW', spatial: 8 });
    writeTinyModel(path.join(home, 'models'), 'broken', { decoderChannels: 3 });
    backend = await createOnnxBackend({ home, providers: ['cpu'], refineSource: createTestPatternGenerator() });
    d = await startTestDaemon({ home, components: { generators: registryWith(createTestPatternGenerator(), ...backend.generators) } });
  });
  after(async () => {
    await d?.close();
    await backend?.dispose();
  });

  const progressSeen = new Map<string, NotificationParams<'jobs.progress'>[]>();
  async function run(request: Record<string, unknown>, key: string): Promise<NotificationParams<'jobs.finished'>> {
    const c = await connect(d);
    try {
      const sub = await c.call('jobs.submit', { request: request as never, idempotencyKey: key });
      const seen: NotificationParams<'jobs.progress'>[] = [];
      progressSeen.set(key, seen);
      c.on('jobs.progress', (p) => p.jobId === sub.jobId && seen.push(p));
      const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', (p) => p.jobId === sub.jobId && r(p)));
      await c.subscribe([sub.jobId]);
      return await done;
    } finally {
      c.close();
    }
  }

  it('lists the models as generators with their limits and the provider that runs them', async () => {
    const c = await connect(d);
    const gens = c.hello!.generators;
    c.close();
    const tiny = gens.find((g) => g.id === 'onnx.tiny')!;
    assert.ok(tiny, JSON.stringify(gens.map((g) => g.id)));
    assert.deepEqual(tiny.limits, { maxWidth: 256, maxHeight: 256, maxFrames: 48, maxFps: 120 });
    assert.equal(tiny.backend, 'onnxruntime-cpu');
    assert.ok(gens.some((g) => g.id === 'onnx.tiny.refine'));
  });

  it('renders a clip that ffprobe reads back frame-exact, with the model and provider in the report', async () => {
    const fin = await run({ prompt: 'the pine forest at dawn', frames: 13, fps: { num: 24000, den: 1001 }, width: 64, height: 32, seed: 5, generator: 'onnx.tiny' }, 'onnx-e2e-1');
    assert.equal(fin.state, 'done', JSON.stringify(fin.error));
    const probe = await ffprobe(fin.outputs[0]!.path);
    assert.deepEqual([probe.codec, probe.width, probe.height, probe.frames, probe.rate], ['h264', 64, 32, 13, '24000/1001']);
    assert.equal(fin.report.model, 'tiny');
    assert.equal(fin.report.executionProvider, 'CPU');
    assert.equal(fin.report.steps, 4);
    assert.ok((fin.report.timings as { renderMs: number }).renderMs > 0);
    const early = progressSeen.get('onnx-e2e-1')!.find((p) => p.message.startsWith('Preparing'));
    assert.ok(early && early.progress > 0, 'the bar moves while the model denoises, before the first frame');
  });

  it('refines the test pattern through the daemon', async () => {
    const fin = await run({ prompt: 'bars', frames: 9, width: 64, height: 32, seed: 2, generator: 'onnx.tiny.refine' }, 'onnx-e2e-refine');
    assert.equal(fin.state, 'done', JSON.stringify(fin.error));
    assert.equal((await ffprobe(fin.outputs[0]!.path)).frames, 9);
    assert.equal(fin.report.refinedFrom, 'testpattern');
  });

  it('fails a job whose model does not match its manifest, refuses a bad size up front, and keeps serving', async () => {
    const bad = await run({ prompt: 'x', frames: 4, width: 32, height: 16, seed: 1, generator: 'onnx.broken' }, 'onnx-e2e-bad');
    assert.equal(bad.state, 'failed');
    assert.equal(bad.error!.code, 'E_GENERATOR');
    assert.match(bad.error!.message, /shape mismatch in the VAE decoder/);
    const c = await connect(d);
    await assert.rejects(
      c.call('jobs.submit', { request: { prompt: 'x', frames: 4, width: 36, height: 16, generator: 'onnx.tiny' }, idempotencyKey: 'onnx-e2e-size' }),
      (e: { data?: { code?: string }; message: string }) => e.data?.code === 'E_UNSUPPORTED' || /multiples of 8/.test(e.message),
    );
    c.close();
    const good = await run({ prompt: 'again', frames: 5, width: 64, height: 32, seed: 9, generator: 'onnx.tiny' }, 'onnx-e2e-after');
    assert.equal(good.state, 'done', JSON.stringify(good.error));
  });
});
