/**
 * One generation: prompt -> tokens -> text embeddings -> latents denoised step by step -> VAE decoder
 * -> RGBA frames. Image-to-video and render-then-refine only change where the latents start.
 *
 * What stays where: the text embeddings are computed once and kept in the runtime worker (in GPU
 * memory on WebGPU, through onnxruntime's IO binding) and fed by reference to every step. The
 * latents come back to the host after each step, because the sampler runs here in TypeScript; that
 * is one latent tensor each way per step, small beside the denoiser's own work (docs/MODELS.md).
 */
import type { ResolvedRequest } from '@rushes/shared';
import type { Frame } from '../../types';
import { applyGuidance, applyStep, createScheduler, type Scheduler } from '../scheduler';
import { NoiseSource } from '../noise';
import { cancelled, generatorFailure } from '../errors';
import type { WireTensor } from '../runtime/protocol';
import { RuntimeError, type RuntimeHost } from '../runtime/host';
import { gridDims, gridSize, type LatentGrid, type RunPlan } from './plan';
import { asFloat32, floatTensor, frameToRgba, getFrame, modelInput, pixelsToPlanar, setFrame, stackVideo } from './tensors';
import type { LoadedModel } from './model';

export interface RunInputs {
  request: ResolvedRequest;
  plan: RunPlan;
  signal: AbortSignal;
  log: (msg: string, fields?: Record<string, unknown>) => void;
  /** Image-to-video: the reference image as RGB bytes at the clip's size. */
  image?: Uint8Array;
  /** Render then refine: the source frames (RGBA at the clip's size), pulled as needed. */
  source?: AsyncIterable<Frame>;
  /** Euler ancestral's eta. */
  eta?: number;
  /** Reports how far the render is (denoising is most of it), for the job's progress bar. */
  progress?: (fraction: number) => void;
}

export interface RunStats {
  textMs: number;
  encodeMs: number;
  stepMs: number[];
  decodeMs: number;
  promptTruncated: boolean;
  /** Where the text embeddings were kept between steps: "gpu-buffer" (on the device) or "cpu". */
  embeddingsOn?: string;
}

let jobCounter = 0;

export async function* runModel(model: LoadedModel, host: RuntimeHost, inp: RunInputs, stats: RunStats): AsyncGenerator<Frame> {
  const { plan, signal, request } = inp;
  const m = model.folder.manifest;
  const N = model.names;
  const g = plan.grid;
  const ctx = { model: model.folder.id, provider: model.provider, size: `${plan.width}x${plan.height}, ${plan.frames} frames` };
  const job = `job${++jobCounter}`;
  const refs: string[] = [];
  let gen = -1; // the worker the sessions were loaded in; another one has none of this job's state
  const guard = async <T>(component: string, f: () => Promise<T>): Promise<T> => {
    try {
      if (gen >= 0 && !host.alive(gen)) throw new RuntimeError('the onnxruntime worker stopped during the job', true);
      return await f();
    } catch (e) {
      throw generatorFailure(e, { ...ctx, component });
    }
  };
  const check = (): void => {
    if (signal.aborted) throw cancelled();
  };

  try {
    await guard('model load', () => model.ensureLoaded());
    gen = host.generation;
    check();
    const sched = createScheduler(m.scheduler, { steps: plan.steps, prediction: m.denoiser.prediction, ...(inp.eta !== undefined ? { eta: inp.eta } : {}) });

    // ---- text
    let t0 = performance.now();
    const tok = model.tokenizer();
    const cond = tok.encode(request.prompt);
    stats.promptTruncated = cond.truncated;
    const prompts = plan.cfg ? [tok.encode(plan.negativePrompt), cond] : [cond];
    const ehs = await guard('text encoder', () => encodeText(model, host, prompts, job, refs));
    stats.textMs = performance.now() - t0;
    stats.embeddingsOn = Object.values(await guard('text encoder', () => host.where([ehs.cond.ref])))[0];
    check();

    // ---- starting latents
    t0 = performance.now();
    const size = gridSize(g);
    const noise = new NoiseSource(request.seed, 0).fill(new Float32Array(size));
    const stepNoise = new NoiseSource(request.seed, 1);
    const x = new Float32Array(size);
    let firstFrame: Float32Array | null = null; // image latent for "first-frame" conditioning
    let extra: Float32Array | null = null; // image latents for "concat" conditioning
    if (plan.mode === 'refine') {
      const clean = await guard('VAE encoder', () => encodeSource(model, host, inp, g, signal));
      const { p, q } = sched.noiseCoefficients(plan.startStep);
      for (let i = 0; i < size; i++) x[i] = p * clean[i]! + q * noise[i]!;
    } else {
      for (let i = 0; i < size; i++) x[i] = noise[i]! * sched.initNoiseSigma;
    }
    if (plan.mode === 'image') {
      const img = await guard('VAE encoder', () => encodeImage(model, host, inp.image!, plan, g));
      if (m.imageConditioning!.mode === 'first-frame') {
        firstFrame = img;
        placeFirstFrame(x, noise, g, img, sched, plan.startStep);
      } else {
        extra = new Float32Array(size);
        const frames = m.imageConditioning!.concatFrames === 'all' ? g.frames : 1;
        for (let f = 0; f < frames; f++) setFrame(extra, g, f, img);
      }
    }
    stats.encodeMs = performance.now() - t0;

    // ---- denoise
    const C = g.channels;
    const extraC = extra ? C : 0;
    const inDims1 = gridDims(g, 1, C + extraC);
    const together = plan.cfg && N.denoiser.maxBatch >= 2;
    for (let i = plan.startStep; i < plan.steps; i++) {
      check();
      const ts = performance.now();
      const scale = sched.inputScale(i);
      const t = sched.timesteps[i]!;
      let out: Float32Array;
      if (together) {
        const n = size + (extra ? extra.length : 0);
        const both = new Float32Array(n * 2);
        modelInput(x, scale, g, extra, extraC, both.subarray(0, n));
        both.copyWithin(n, 0, n);
        const o = await guard('denoiser', () => denoise(model, host, both, [2, ...inDims1.slice(1)], t, 2, ehs.both!));
        const half = o.length / 2;
        out = o.subarray(half);
        applyGuidance(o.subarray(0, half), out, plan.guidance);
      } else if (plan.cfg) {
        const u = await guard('denoiser', () => denoise(model, host, modelInput(x, scale, g, extra, extraC), inDims1, t, 1, ehs.uncond!));
        out = await guard('denoiser', () => denoise(model, host, modelInput(x, scale, g, extra, extraC), inDims1, t, 1, ehs.cond));
        applyGuidance(u, out, plan.guidance);
      } else {
        out = await guard('denoiser', () => denoise(model, host, modelInput(x, scale, g, extra, extraC), inDims1, t, 1, ehs.cond));
      }
      if (out.length !== size) throw generatorFailure(new Error(`shape mismatch: the denoiser returned ${out.length} values for a latent of ${size}`), { ...ctx, component: 'denoiser' });
      const k = sched.coefficients(i);
      applyStep(x, out, k, k.c !== 0 ? stepNoise.fill(new Float32Array(size)) : undefined);
      if (firstFrame) placeFirstFrame(x, noise, g, firstFrame, sched, i + 1);
      const ms = performance.now() - ts;
      stats.stepMs.push(ms);
      inp.log('onnx: step', { step: i + 1, of: plan.steps, ms: Math.round(ms * 100) / 100 });
      // Denoising is taken as 80% of the render; decoding yields the frames that count the rest.
      inp.progress?.((0.8 * (i + 1 - plan.startStep)) / Math.max(1, plan.steps - plan.startStep));
    }
    check();
    await host.drop(refs.splice(0)).catch(() => undefined);

    // ---- decode
    const td = performance.now();
    const scaling = m.latent.scalingFactor;
    const shift = m.latent.shiftFactor ?? 0;
    for (let i = 0; i < size; i++) x[i] = x[i]! / scaling + shift;
    let emitted = 0;
    if (N.decoder.mode === 'video') {
      const out = await guard('VAE decoder', () =>
        host.run(model.key('vaeDecoder'), { [N.decoder.input]: floatTensor(x, gridDims(g), N.decoder.dtype) }, [N.decoder.output]),
      );
      const t = out[N.decoder.output]!;
      checkDecoded(t.dims, 5, plan, g.layout, ctx);
      const data = asFloat32(t);
      for (; emitted < plan.frames; emitted++) {
        check();
        yield { index: emitted, rgba: frameToRgba(data, t.dims, g.layout, emitted, N.decoder.range) };
      }
    } else {
      const per = N.decoder.framesPerRun;
      for (let f0 = 0; f0 < plan.frames; f0 += per) {
        check();
        const k = Math.min(per, plan.frames - f0);
        const batch = new Float32Array(k * C * g.height * g.width);
        for (let j = 0; j < k; j++) batch.set(getFrame(x, g, f0 + j), j * C * g.height * g.width);
        const out = await guard('VAE decoder', () =>
          host.run(model.key('vaeDecoder'), { [N.decoder.input]: floatTensor(batch, [k, C, g.height, g.width], N.decoder.dtype) }, [N.decoder.output]),
        );
        const t = out[N.decoder.output]!;
        checkDecoded(t.dims, 4, { ...plan, frames: k }, g.layout, ctx);
        const data = asFloat32(t);
        for (let j = 0; j < k; j++) yield { index: emitted++, rgba: frameToRgba(data, t.dims, g.layout, j, N.decoder.range) };
      }
    }
    stats.decodeMs = performance.now() - td;
  } finally {
    if (refs.length) await host.drop(refs).catch(() => undefined);
  }
}

/** Noises the image latent to the level of step i and writes it into latent frame 0. */
function placeFirstFrame(x: Float32Array, noise: Float32Array, g: LatentGrid, img: Float32Array, sched: Scheduler, i: number): void {
  const n0 = getFrame(noise, g, 0);
  const { p, q } = i < sched.steps ? sched.noiseCoefficients(i) : { p: 1, q: 0 };
  const f = new Float32Array(img.length);
  for (let j = 0; j < f.length; j++) f[j] = p * img[j]! + q * n0[j]!;
  setFrame(x, g, 0, f);
}

function checkDecoded(dims: readonly number[], rank: number, plan: RunPlan, layout: 'BCFHW' | 'BFCHW', ctx: { model: string; provider: LoadedModel['provider'] }): void {
  const H = dims[dims.length - 2];
  const W = dims[dims.length - 1];
  const frames = rank === 4 ? dims[0]! : layout === 'BCFHW' ? dims[2]! : dims[1]!;
  const ch = rank === 4 ? dims[1] : layout === 'BCFHW' ? dims[1] : dims[2];
  if (dims.length !== rank || ch !== 3 || H !== plan.height || W !== plan.width || frames < plan.frames) {
    throw generatorFailure(
      new Error(
        `shape mismatch: the VAE decoder returned [${dims.join(', ')}], expected ${plan.frames}+ frames of 3x${plan.height}x${plan.width} (check latent.spatialCompression, temporalCompression and layout)`,
      ),
      { ...ctx, component: 'VAE decoder' },
    );
  }
}

interface Embeddings {
  cond: WireTensorOrRef;
  uncond?: WireTensorOrRef;
  both?: WireTensorOrRef;
}
type WireTensorOrRef = { ref: string };

/**
 * Runs the text encoder and leaves the embeddings in the worker. With guidance and a denoiser that
 * takes a batch of 2, one [2, L, D] tensor (unguided first) is kept; otherwise one per prompt.
 */
async function encodeText(model: LoadedModel, host: RuntimeHost, prompts: { ids: number[]; mask: number[] }[], job: string, refs: string[]): Promise<Embeddings> {
  const N = model.names;
  const L = prompts[0]!.ids.length;
  const idsTensor = (rows: number[][]): WireTensor =>
    N.text.idsDtype === 'int64'
      ? { type: 'int64', dims: [rows.length, L], data: BigInt64Array.from(rows.flat().map(BigInt)) }
      : { type: 'int32', dims: [rows.length, L], data: Int32Array.from(rows.flat()) };
  const feedsFor = (rows: { ids: number[]; mask: number[] }[]): Record<string, WireTensor> => ({
    [N.text.ids]: idsTensor(rows.map((r) => r.ids)),
    ...(N.text.mask ? { [N.text.mask]: idsTensor(rows.map((r) => r.mask)) } : {}),
  });
  const textMeta = model.meta.textEncoder!;
  const idsMeta = textMeta.inputs.find((v) => v.name === N.text.ids)!;
  const textBatch2 = typeof idsMeta.shape[0] !== 'number' || idsMeta.shape[0] >= 2;
  const sameDtype = N.text.dtype === N.denoiser.dtype;
  const together = prompts.length === 2 && N.denoiser.maxBatch >= 2;
  const key = model.key('textEncoder');

  /** Keeps the encoder's output in the worker (on the device where possible) under `name`. */
  const keepRun = async (rows: { ids: number[]; mask: number[] }[], name: string): Promise<void> => {
    refs.push(name);
    await host.run(key, feedsFor(rows), [N.text.hidden], { [N.text.hidden]: name });
  };
  /** Runs on the host side and returns float32 (for concatenation or a dtype change). */
  const hostRun = async (rows: { ids: number[]; mask: number[] }[]): Promise<{ data: Float32Array; dims: number[] }> => {
    const out = await host.run(key, feedsFor(rows), [N.text.hidden]);
    const t = out[N.text.hidden]!;
    return { data: asFloat32(t), dims: t.dims };
  };
  const put = async (name: string, data: Float32Array, dims: number[]): Promise<void> => {
    refs.push(name);
    await host.put(name, floatTensor(data, dims, N.denoiser.dtype));
  };

  if (together) {
    const name = `${job}/ehs`;
    if (textBatch2 && sameDtype) await keepRun(prompts, name);
    else if (textBatch2) {
      const r = await hostRun(prompts);
      await put(name, r.data, r.dims);
    } else {
      const [u, c] = [await hostRun([prompts[0]!]), await hostRun([prompts[1]!])];
      const both = new Float32Array(u.data.length * 2);
      both.set(u.data);
      both.set(c.data, u.data.length);
      await put(name, both, [2, ...u.dims.slice(1)]);
    }
    return { cond: { ref: name }, both: { ref: name } };
  }
  const names = prompts.map((_, i) => `${job}/ehs${i}`);
  for (let i = 0; i < prompts.length; i++) {
    if (sameDtype) await keepRun([prompts[i]!], names[i]!);
    else {
      const r = await hostRun([prompts[i]!]);
      await put(names[i]!, r.data, r.dims);
    }
  }
  return prompts.length === 2 ? { uncond: { ref: names[0]! }, cond: { ref: names[1]! } } : { cond: { ref: names[0]! } };
}

async function denoise(model: LoadedModel, host: RuntimeHost, sample: Float32Array, dims: number[], t: number, batch: number, ehs: WireTensorOrRef): Promise<Float32Array> {
  const D = model.names.denoiser;
  const tsDims = D.timestepShape === 'scalar' ? [] : [batch];
  const n = D.timestepShape === 'scalar' ? 1 : batch;
  const timestep: WireTensor =
    D.timestepDtype === 'int64'
      ? { type: 'int64', dims: tsDims, data: new BigInt64Array(n).fill(BigInt(Math.round(t))) }
      : floatTensor(new Float32Array(n).fill(t), tsDims, D.timestepDtype);
  const out = await host.run(model.key('denoiser'), { [D.sample]: floatTensor(sample, dims, D.dtype), [D.timestep]: timestep, [D.ehs]: ehs }, [D.out]);
  return asFloat32(out[D.out]!);
}

/** Latents (scaled) of pixel frames through the VAE encoder, as one tensor in the grid's layout. */
async function encodePixels(model: LoadedModel, host: RuntimeHost, frames: Float32Array[], width: number, height: number, g: LatentGrid, signal: AbortSignal): Promise<Float32Array> {
  const E = model.names.encoder!;
  const m = model.folder.manifest;
  const C = g.channels;
  const hw = g.height * g.width;
  const scale = (v: number): number => (v - (m.latent.shiftFactor ?? 0)) * m.latent.scalingFactor;
  const outC = E.moments ? 2 * C : C;
  const latents = new Float32Array(C * g.frames * hw);
  if (E.mode === 'video') {
    const v = stackVideo(frames, width, height, g.layout);
    const out = await host.run(model.key('vaeEncoder'), { [E.input]: floatTensor(v.data, v.dims, E.dtype) }, [E.output]);
    const t = out[E.output]!;
    const want = gridDims({ ...g }, 1, outC);
    if (t.dims.join() !== want.join()) throw new Error(`shape mismatch: the VAE encoder returned [${t.dims.join(', ')}] for [${v.dims.join(', ')}], expected [${want.join(', ')}]`);
    const data = asFloat32(t);
    // Keep the mean (the first C channels) in each latent frame.
    for (let f = 0; f < g.frames; f++) {
      const chw = getFrame(data, g, f, outC).subarray(0, C * hw).map(scale);
      setFrame(latents, g, f, chw);
    }
    return latents;
  }
  const per = E.framesPerRun;
  for (let f0 = 0; f0 < g.frames; f0 += per) {
    if (signal.aborted) throw cancelled();
    const k = Math.min(per, g.frames - f0);
    const batch = new Float32Array(k * 3 * width * height);
    for (let j = 0; j < k; j++) batch.set(frames[f0 + j]!, j * 3 * width * height);
    const out = await host.run(model.key('vaeEncoder'), { [E.input]: floatTensor(batch, [k, 3, height, width], E.dtype) }, [E.output]);
    const t = out[E.output]!;
    if (t.dims.join() !== [k, outC, g.height, g.width].join()) {
      throw new Error(`shape mismatch: the VAE encoder returned [${t.dims.join(', ')}], expected [${[k, outC, g.height, g.width].join(', ')}]`);
    }
    const data = asFloat32(t);
    for (let j = 0; j < k; j++) setFrame(latents, g, f0 + j, data.subarray(j * outC * hw, j * outC * hw + C * hw).map(scale));
  }
  return latents;
}

/** The reference image's latent frame (CHW). A video VAE gets the image repeated to fill one latent frame. */
async function encodeImage(model: LoadedModel, host: RuntimeHost, rgb: Uint8Array, plan: RunPlan, g: LatentGrid): Promise<Float32Array> {
  const m = model.folder.manifest;
  const chw = pixelsToPlanar(rgb, plan.width, plan.height, 3);
  const t = m.latent.temporalCompression;
  const oneFrame: LatentGrid = { ...g, frames: 1 };
  const frames = model.names.encoder!.mode === 'video' && !(m.latent.causal ?? false) ? new Array(t).fill(chw) : [chw];
  const lat = await encodePixels(model, host, frames, plan.width, plan.height, oneFrame, new AbortController().signal);
  return getFrame(lat, oneFrame, 0);
}

/** Render then refine: pulls the source generator's frames and encodes them to latents. */
async function encodeSource(model: LoadedModel, host: RuntimeHost, inp: RunInputs, g: LatentGrid, signal: AbortSignal): Promise<Float32Array> {
  const { plan } = inp;
  const frames: Float32Array[] = [];
  for await (const f of inp.source!) {
    if (signal.aborted) throw cancelled();
    if (f.layout === 'yuv420p') throw new Error(`the source generator's frame ${f.index} is YUV 4:2:0; refining needs RGBA`);
    if (f.rgba.length !== plan.width * plan.height * 4) throw new Error(`the source generator's frame ${f.index} is ${f.rgba.length} bytes, not ${plan.width}x${plan.height} RGBA`);
    frames.push(pixelsToPlanar(f.rgba, plan.width, plan.height, 4));
    if (frames.length === plan.frames) break;
  }
  if (frames.length < plan.frames) throw new Error(`the source generator stopped after ${frames.length} of ${plan.frames} frames`);
  // A video VAE encodes as many frames as the decoder will make: repeat the last to fill.
  const need = model.names.encoder!.mode === 'video' ? plan.decodedFrames : plan.frames;
  while (frames.length < need) frames.push(frames[frames.length - 1]!);
  return encodePixels(model, host, frames, plan.width, plan.height, g, signal);
}
