/**
 * The pipeline on tiny random-weight models through the real onnxruntime (CPU provider): shapes for
 * each latent layout and VAE kind, dtype, determinism, guidance, cancel, conditioning and errors.
 */
import { rgbaOf } from '../helpers/frames';
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { isRushesError, type ResolvedRequest } from '@rushes/shared';
import { createOnnxBackend, type OnnxBackend, type OnnxBackendOptions } from '../../engine/src/generators/onnx';
import { classifyFailure } from '../../engine/src/generators/onnx/errors';
import type { Frame, Generator } from '../../engine/src/generators/types';
import { createTestPatternGenerator } from '../../engine/src/generators/testpattern';
import { createProceduralGenerator, plan } from '../../engine/src/generators/procedural';
import { tmpHome } from '../helpers/engine';
import { writeTinyModel, type TinyOptions } from './tiny-models';

const backends: OnnxBackend[] = [];
after(async () => {
  for (const b of backends.splice(0)) await b.dispose();
});

/** One backend with the given models, on the CPU provider (no probing). */
async function backend(models: Record<string, TinyOptions>, opts: Partial<OnnxBackendOptions> = {}): Promise<Map<string, Generator>> {
  const home = tmpHome('rushes-onnx-');
  for (const [id, o] of Object.entries(models)) writeTinyModel(path.join(home, 'models'), id, o);
  const b = await createOnnxBackend({ home, providers: ['cpu'], ...opts });
  backends.push(b);
  return new Map(b.generators.map((g) => [g.info.id, g]));
}

function request(over: Partial<ResolvedRequest> = {}): ResolvedRequest {
  return {
    prompt: 'the pine forest at dawn',
    seed: 11,
    frames: 5,
    durationSeconds: 0.2,
    fps: { num: 25, den: 1 },
    width: 32,
    height: 16,
    generator: 'onnx.tiny',
    formats: ['mp4'],
    name: 'clip',
    startTimecode: '00:00:00:00',
    ...over,
  };
}

async function render(g: Generator, req: ResolvedRequest, signal = new AbortController().signal, log: (m: string, f?: Record<string, unknown>) => void = () => undefined): Promise<Frame[]> {
  g.check(req);
  const frames: Frame[] = [];
  for await (const f of g.render({ request: req, signal, log })) frames.push(f);
  return frames;
}

const digest = (frames: Frame[]): string => {
  const h = createHash('sha256');
  for (const f of frames) h.update(rgbaOf(f));
  return h.digest('hex');
};

async function expectError(p: Promise<unknown> | (() => unknown), code: string, re: RegExp): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    assert.ok(isRushesError(e), `not a RushesError: ${String(e)}`);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return;
  }
  assert.fail(`expected ${code} ${re}`);
}

function shapeOk(frames: Frame[], req: ResolvedRequest): void {
  assert.equal(frames.length, req.frames);
  frames.forEach((f, i) => {
    assert.equal(f.index, i);
    assert.equal(rgbaOf(f).length, req.width * req.height * 4);
    for (let p = 3; p < rgbaOf(f).length; p += 4) assert.equal(rgbaOf(f)[p], 255);
  });
  assert.ok(new Set(frames.map((f) => createHash('sha1').update(rgbaOf(f)).digest('hex'))).size > 1, 'frames differ from one another');
}

describe('onnx pipeline on tiny models', function () {
  this.timeout(20000);

  it('runs each latent layout, VAE kind, temporal compression and dtype, yielding exactly the frames asked for', async () => {
    const gens = await backend({
      plain: {},
      bfchw: { layout: 'BFCHW', temporal: 4, causal: true, spatial: 8 },
      image: { decoderMode: 'image', encoderMode: 'image' },
      noncausal: { temporal: 2 },
      half: { dtype: 'float16', scheduler: { type: 'ddim', timestepSpacing: 'trailing' }, prediction: 'v_prediction' },
      flow: { prediction: 'flow', scheduler: { type: 'flow-euler', shift: 3 }, timestepDtype: 'int64' },
      single: { maxBatch: 1, fixedBatch: 1, scheduler: { type: 'euler-ancestral' } },
    });
    const cases: Array<[string, Partial<ResolvedRequest>, { frames: number; height: number; width: number }]> = [
      ['plain', {}, { frames: 5, height: 4, width: 8 }],
      ['bfchw', { frames: 9, width: 64, height: 32 }, { frames: 3, height: 4, width: 8 }],
      ['bfchw', { frames: 7, width: 64, height: 32 }, { frames: 3, height: 4, width: 8 }],
      ['image', { frames: 7 }, { frames: 7, height: 4, width: 8 }],
      ['noncausal', { frames: 5 }, { frames: 3, height: 4, width: 8 }],
      ['half', {}, { frames: 5, height: 4, width: 8 }],
      ['flow', {}, { frames: 5, height: 4, width: 8 }],
      ['single', {}, { frames: 5, height: 4, width: 8 }],
    ];
    for (const [id, over, grid] of cases) {
      const g = gens.get(`onnx.${id}`)!;
      const req = request({ generator: g.info.id, ...over });
      const frames = await render(g, req);
      shapeOk(frames, req);
      const rep = g.report!(req) as { latent: Record<string, number>; stepsRun: number; executionProvider: string; onnxTimings: { meanStepMs: number } };
      assert.deepEqual({ frames: rep.latent.frames, height: rep.latent.height, width: rep.latent.width }, grid, id);
      assert.equal(rep.stepsRun, 4);
      assert.equal(rep.executionProvider, 'CPU');
      assert.ok(rep.onnxTimings.meanStepMs > 0);
    }
  });

  it('is deterministic per seed; seed, prompt and guidance each change the clip', async () => {
    const gens = await backend({ tiny: {} });
    const g = gens.get('onnx.tiny')!;
    const a = digest(await render(g, request()));
    assert.equal(digest(await render(g, request())), a, 'same request, same pixels');
    assert.notEqual(digest(await render(g, request({ seed: 12 }))), a);
    assert.notEqual(digest(await render(g, request({ prompt: 'dawn at the pine forest, wide' }))), a);
    const unguided = (await backend({ tiny: {} }, { guidance: 1 })).get('onnx.tiny')!;
    assert.notEqual(digest(await render(unguided, request())), a);
    // fp16 gives the same clip run after run too
    const half = (await backend({ tiny: { dtype: 'float16' } })).get('onnx.tiny')!;
    assert.equal(digest(await render(half, request())), digest(await render(half, request())));
  });

  it('stops between steps when the job is cancelled', async () => {
    const g = (await backend({ tiny: { steps: 6 } })).get('onnx.tiny')!;
    const ac = new AbortController();
    const steps: number[] = [];
    await expectError(
      render(g, request(), ac.signal, (msg, f) => {
        if (msg !== 'onnx: step') return;
        steps.push(f!.step as number);
        if (f!.step === 2) ac.abort();
      }),
      'E_CANCELLED',
      /cancelled/,
    );
    assert.deepEqual(steps, [1, 2], 'no step after the cancel');
    // the backend still works afterwards
    shapeOk(await render(g, request()), request());
  });

  it('checks requests against the model before any work', async () => {
    const gens = await backend({ tiny: { encoderMode: null } });
    const g = gens.get('onnx.tiny')!;
    await expectError(() => g.check(request({ width: 30 })), 'E_UNSUPPORTED', /multiples of 4.*try 32x16/);
    await expectError(() => g.check(request({ width: 512 })), 'E_UNSUPPORTED', /larger than this model's 256x256/);
    await expectError(() => g.check(request({ frames: 49 })), 'E_UNSUPPORTED', /more than this model's 48/);
    await expectError(() => g.check(request({ references: { image: '/tmp/x.png' } })), 'E_UNSUPPORTED', /cannot start from an image/);
    await expectError(() => g.check(request({ references: { audio: '/tmp/x.wav' } })), 'E_UNSUPPORTED', /cannot use audio references/);
    await expectError(() => g.check(request({ plan: {} })), 'E_UNSUPPORTED', /does not take a scene plan/);
    assert.deepEqual(g.info.inputs, ['text']);
  });

  it('turns shape mismatches, bad tensor names and corrupt files into E_GENERATOR naming the component', async () => {
    const home = tmpHome('rushes-onnx-');
    const models = path.join(home, 'models');
    writeTinyModel(models, 'wrongch', { decoderChannels: 3 });
    writeTinyModel(models, 'wrongname', { edit: (m) => (m.denoiser.sample = 'latents') });
    writeTinyModel(models, 'wrongtype', { edit: (m) => (m.denoiser.dtype = 'float16') });
    const corrupt = writeTinyModel(models, 'corrupt');
    fs.writeFileSync(path.join(corrupt, 'denoiser', 'model.onnx'), Buffer.from('this is not an onnx file'));
    writeTinyModel(models, 'good');
    const b = await createOnnxBackend({ home, providers: ['cpu'] });
    backends.push(b);
    const gens = new Map(b.generators.map((g) => [g.info.id, g]));
    const run = (id: string) => render(gens.get(`onnx.${id}`)!, request({ generator: `onnx.${id}` }));
    await expectError(run('wrongch'), 'E_GENERATOR', /shape mismatch in the VAE decoder: "latent_sample" has 3 at axis 1 where 4 is expected \(latent.channels\)/);
    await expectError(run('wrongname'), 'E_GENERATOR', /denoiser: it has no input "latents" \(manifest denoiser.sample\); its inputs are "sample", "timestep", "encoder_hidden_states"/);
    await expectError(run('wrongtype'), 'E_GENERATOR', /"sample" is float32, but the manifest says float16 \(denoiser.dtype\)/);
    await expectError(run('corrupt'), 'E_GENERATOR', /tiny|corrupt: the denoiser on CPU could not be loaded: the file is missing, truncated or not ONNX/);
    shapeOk(await run('good'), request({ generator: 'onnx.good' }));
  });

  it('fails the job when the runtime worker stops mid-run, and the next job starts a fresh one', async () => {
    const home = tmpHome('rushes-onnx-');
    writeTinyModel(path.join(home, 'models'), 'tiny', { steps: 6 });
    const b = await createOnnxBackend({ home, providers: ['cpu'] });
    backends.push(b);
    const g = b.generators[0]!;
    await expectError(
      render(g, request(), undefined, (m, f) => m === 'onnx: step' && f!.step === 2 && void b.runtime!.close()),
      'E_GENERATOR',
      /stopped the runtime worker; the engine is still running/,
    );
    shapeOk(await render(g, request()), request());
  });

  it('classifies runtime failures: out of memory, shapes, files, provider, a dead worker', () => {
    assert.equal(classifyFailure('Failed to allocate memory for requested buffer of size 8589934592'), 'out-of-memory');
    assert.equal(classifyFailure('std::bad_alloc'), 'out-of-memory');
    assert.equal(classifyFailure('CUDA failure 2: out of memory ; GPU=0'), 'out-of-memory');
    assert.equal(classifyFailure('the onnxruntime worker failed: ERR_WORKER_OUT_OF_MEMORY', true), 'out-of-memory');
    assert.equal(classifyFailure('Got invalid dimensions for input: sample for the following indices index: 1 Got: 3 Expected: 4'), 'shape-mismatch');
    assert.equal(classifyFailure('Load model from /m/x.onnx failed:Protobuf parsing failed.'), 'model-file');
    assert.equal(classifyFailure('Non-zero status code returned while running Conv node.'), 'provider');
    assert.equal(classifyFailure('the onnxruntime worker stopped (exit code 1)', true), 'runtime-stopped');
  });

  describe('image to video', () => {
    let png: string;
    let png2: string;
    before(() => {
      const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
      const dir = tmpHome('rushes-img-');
      png = path.join(dir, 'ref.png');
      png2 = path.join(dir, 'ref.jpg');
      execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=80x40', '-frames:v', '1', png]);
      execFileSync(ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=red:size=64x64', '-frames:v', '1', png2]);
    });

    for (const mode of ['first-frame', 'concat'] as const) {
      it(`conditions on a reference image (${mode})`, async () => {
        const gens = await backend({ tiny: { imageConditioning: { mode }, temporal: mode === 'first-frame' ? 2 : 1 } });
        const g = gens.get('onnx.tiny')!;
        assert.deepEqual(g.info.inputs, ['text', 'image']);
        const text = mode === 'concat' ? null : await render(g, request());
        if (mode === 'concat') await expectError(() => g.check(request()), 'E_UNSUPPORTED', /needs a reference image/);
        const a = await render(g, request({ references: { image: png } }));
        const b = await render(g, request({ references: { image: png2 } }));
        shapeOk(a, request());
        if (text) assert.notEqual(digest(a), digest(text), 'the image changes the clip');
        assert.notEqual(digest(a), digest(b), 'a different image, a different clip');
        assert.equal(digest(await render(g, request({ references: { image: png } }))), digest(a), 'deterministic');
        assert.equal((g.report!(request({ references: { image: png } })) as { mode: string }).mode, 'image');
      });
    }

    it('refuses an image it cannot read', async () => {
      const g = (await backend({ tiny: { imageConditioning: { mode: 'first-frame' } } })).get('onnx.tiny')!;
      await expectError(render(g, request({ references: { image: '/nonexistent/ref.png' } })), 'E_INVALID', /does not exist/);
      const bad = path.join(tmpHome(), 'bad.png');
      fs.writeFileSync(bad, 'not a png');
      await expectError(render(g, request({ references: { image: bad } })), 'E_INVALID', /could not be decoded/);
    });
  });

  describe('render then refine', () => {
    it('denoises another generator\'s frames from part-way (SDEdit), for video and per-frame VAEs', async () => {
      const source = createTestPatternGenerator();
      for (const opts of [{ moments: true }, { encoderMode: 'image' as const, decoderMode: 'image' as const }, { layout: 'BFCHW' as const, temporal: 4, causal: true }]) {
        const gens = await backend({ tiny: { ...opts, steps: 10 } }, { refineSource: source, refineStrength: 0.6 });
        const g = gens.get('onnx.tiny.refine')!;
        assert.ok(g, 'a refine generator is registered');
        assert.deepEqual(g.info.inputs, ['text'], 'what the test pattern takes');
        const req = request({ generator: g.info.id, frames: 9, width: 64, height: 32 });
        const steps: number[] = [];
        const frames = await render(g, req, undefined, (m, f) => m === 'onnx: step' && steps.push(f!.step as number));
        shapeOk(frames, req);
        assert.deepEqual(steps, [5, 6, 7, 8, 9, 10], 'strength 0.6 of 10 steps runs the last 6');
        const rep = g.report!(req) as { refineStrength: number; refinedFrom: string; stepsRun: number; mode: string };
        assert.deepEqual([rep.mode, rep.refineStrength, rep.refinedFrom, rep.stepsRun], ['refine', 0.6, 'testpattern', 6]);
        // the source's content matters: another prompt makes other test-pattern frames
        assert.notEqual(digest(await render(g, { ...req, prompt: 'something else entirely' })), digest(frames));
      }
    });

    it('refines the procedural generator\'s 3D render (the real source), from a prompt or a scene plan', async function () {
      this.timeout(60000);
      const proc = await createProceduralGenerator();
      try {
        if (proc.unavailableReason) this.skip(); // no WebGPU device for three.js on this machine
        const g = (await backend({ tiny: { steps: 6 } }, { refineSource: proc })).get('onnx.tiny.refine')!;
        assert.deepEqual(g.info.inputs, ['text', 'plan']);
        const req = request({ generator: g.info.id, prompt: 'slow dolly over a misty pine forest at dawn', frames: 6, width: 64, height: 32, fps: { num: 24, den: 1 } });
        const frames = await render(g, req);
        shapeOk(frames, req);
        const rep = g.report!(req) as { refinedFrom: string; stepsRun: number };
        assert.deepEqual([rep.refinedFrom, rep.stepsRun], ['procedural', 3]);
        // a scene plan goes through to the procedural generator's check
        g.check({ ...req, plan: plan({ prompt: req.prompt, seed: req.seed, durationSeconds: req.durationSeconds }) });
      } finally {
        await proc.dispose?.();
      }
    });

    it('accepts any generator as the source and passes its refusals on', async () => {
      const solid = (value: number): Generator => ({
        info: { ...createTestPatternGenerator().info, id: `solid${value}` },
        check: (r) => {
          if (r.plan !== undefined) throw Object.assign(new Error('no plans'), { code: 'E_UNSUPPORTED' });
        },
        async *render({ request: r }) {
          for (let i = 0; i < r.frames; i++) yield { index: i, rgba: new Uint8Array(r.width * r.height * 4).fill(value) };
        },
      });
      const a = (await backend({ tiny: {} }, { refineSource: solid(20) })).get('onnx.tiny.refine')!;
      const b = (await backend({ tiny: {} }, { refineSource: solid(230) })).get('onnx.tiny.refine')!;
      const req = request({ generator: 'onnx.tiny.refine' });
      assert.notEqual(digest(await render(a, req)), digest(await render(b, req)));
      assert.throws(() => a.check({ ...req, plan: { x: 1 } }), /no plans/);
      // a model without a VAE encoder gets no refine generator
      const none = await backend({ tiny: { encoderMode: null } }, { refineSource: solid(1) });
      assert.deepEqual([...none.keys()], ['onnx.tiny']);
    });
  });
});
