/**
 * Tiny random-weight models with the tensor names and shapes of real diffusion exports, written as a
 * complete model folder (ONNX files, CLIP BPE tokenizer files, rushes-model.json):
 *   text encoder  input_ids [B, L] int64 -> last_hidden_state [B, L, D]   (embedding + position, tanh)
 *   denoiser      sample [B, C(+C), F, h, w], timestep [B], encoder_hidden_states [B, L, D] -> out_sample
 *                 (a 1x1x1 channel-mixing conv plus text and time terms, tanh)
 *   VAE decoder   latent_sample -> sample (1x1 conv to RGB, nearest upsampling in space and time)
 *   VAE encoder   sample -> latent_sample (average pooling in space and time, 1x1 conv)
 * Real enough that onnxruntime checks them like any export, small enough that a job takes milliseconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeModel, f32, i64, weights, type ElemType, type NodeSpec, type InitializerSpec, type Dim } from './onnx-builder';
import { bytesToUnicode } from '../../engine/src/generators/onnx/tokenizer/clip-bpe';
import type { ModelManifest } from '../../engine/src/generators/onnx/manifest/schema';

export interface TinyOptions {
  channels?: number;
  hidden?: number;
  maxLength?: number;
  layout?: 'BCFHW' | 'BFCHW';
  spatial?: number;
  temporal?: number;
  causal?: boolean;
  decoderMode?: 'video' | 'image';
  encoderMode?: 'video' | 'image' | null;
  moments?: boolean;
  dtype?: 'float32' | 'float16';
  scheduler?: ModelManifest['scheduler'];
  prediction?: ModelManifest['denoiser']['prediction'];
  imageConditioning?: ModelManifest['imageConditioning'];
  maxBatch?: number;
  /** The denoiser's batch axis fixed to this instead of symbolic. */
  fixedBatch?: number;
  timestepDtype?: 'float32' | 'int64';
  steps?: number;
  guidance?: number;
  /** Edits applied to the manifest after it is built (to make broken ones). */
  edit?: (m: ModelManifest) => void;
  /** Latent channels the VAE decoder is built for, if not `channels` (a shape mismatch). */
  decoderChannels?: number;
  weightSeed?: number;
}

/** Merges for the tiny vocabulary: enough to make multi-character tokens of common prompt words. */
const MERGES: [string, string][] = [
  ['t', 'h'], ['th', 'e</w>'], ['o', 'r'], ['e', 's'], ['f', 'or'], ['for', 'es'], ['fores', 't</w>'],
  ['p', 'i'], ['pi', 'n'], ['pin', 'e</w>'], ['a', 't</w>'], ['d', 'a'], ['da', 'w'], ['daw', 'n</w>'],
];

/** vocab.json and merges.txt in CLIP's format: 256 byte symbols, the same with "</w>", merges, specials. */
export function tinyVocab(): { vocab: Record<string, number>; merges: string } {
  const chars = bytesToUnicode();
  const tokens = [...chars, ...chars.map((c) => c + '</w>'), ...MERGES.map(([a, b]) => a + b), '<|startoftext|>', '<|endoftext|>'];
  const vocab: Record<string, number> = {};
  tokens.forEach((t, i) => (vocab[t] = i));
  return { vocab, merges: ['#version: 0.2', ...MERGES.map((m) => m.join(' '))].join('\n') + '\n' };
}

const cast = (from: string, to: string, type: ElemType): NodeSpec => ({ op: 'Cast', inputs: [from], outputs: [to], attrs: { to: type === 'float16' ? 10 : 1 } });

function textEncoder(o: Required<Pick<TinyOptions, 'hidden' | 'maxLength' | 'dtype' | 'weightSeed'>>, vocabSize: number): Uint8Array {
  const D = o.hidden;
  return encodeModel({
    name: 'text_encoder',
    inputs: [{ name: 'input_ids', type: 'int64', shape: ['batch', o.maxLength] }],
    outputs: [{ name: 'last_hidden_state', type: o.dtype, shape: ['batch', o.maxLength, D] }],
    nodes: [
      { op: 'Gather', inputs: ['emb', 'input_ids'], outputs: ['e'], attrs: { axis: 0 } },
      { op: 'Add', inputs: ['e', 'pos'], outputs: ['p'] },
      { op: 'Tanh', inputs: ['p'], outputs: ['h'] },
      cast('h', 'last_hidden_state', o.dtype),
    ],
    initializers: [
      { name: 'emb', dims: [vocabSize, D], data: weights(o.weightSeed + 1, vocabSize * D, 1) },
      { name: 'pos', dims: [o.maxLength, D], data: weights(o.weightSeed + 2, o.maxLength * D, 0.3) },
    ],
  });
}

/** Moves a BFCHW tensor to BCFHW (and back with the same permutation, which is its own inverse). */
const swapFC = (from: string, to: string): NodeSpec => ({ op: 'Transpose', inputs: [from], outputs: [to], attrs: { perm: [0, 2, 1, 3, 4] } });

function latentShape(layout: 'BCFHW' | 'BFCHW', batch: Dim, c: number): Dim[] {
  return layout === 'BCFHW' ? [batch, c, 'frames', 'height', 'width'] : [batch, 'frames', c, 'height', 'width'];
}

interface DenoiserBuild {
  channels: number;
  hidden: number;
  maxLength: number;
  layout: 'BCFHW' | 'BFCHW';
  dtype: 'float32' | 'float16';
  timestepDtype: 'float32' | 'int64';
  weightSeed: number;
  extra: number;
  fixedBatch?: number;
}

function denoiser(o: DenoiserBuild): Uint8Array {
  const C = o.channels;
  const Cin = C + o.extra;
  const batch: Dim = o.fixedBatch ?? 'batch';
  const nodes: NodeSpec[] = [cast('sample', 's32', 'float32')];
  let s = 's32';
  if (o.layout === 'BFCHW') {
    nodes.push(swapFC('s32', 'sT'));
    s = 'sT';
  }
  nodes.push(
    { op: 'Conv', inputs: [s, 'w', 'b'], outputs: ['conv'], attrs: { kernel_shape: [1, 1, 1] } },
    cast('encoder_hidden_states', 'e32', 'float32'),
    { op: 'ReduceMean', inputs: ['e32'], outputs: ['emean'], attrs: { axes: [1, 2], keepdims: 0 } },
    { op: 'Reshape', inputs: ['emean', 'shape5'], outputs: ['e5'] },
    { op: 'Mul', inputs: ['e5', 'ktext'], outputs: ['eterm'] },
    { op: 'Cast', inputs: ['timestep'], outputs: ['t32'], attrs: { to: 1 } },
    { op: 'Div', inputs: ['t32', 'thousand'], outputs: ['tn'] },
    { op: 'Reshape', inputs: ['tn', 'shape5'], outputs: ['t5'] },
    { op: 'Mul', inputs: ['t5', 'ktime'], outputs: ['tterm'] },
    { op: 'Add', inputs: ['conv', 'eterm'], outputs: ['a1'] },
    { op: 'Add', inputs: ['a1', 'tterm'], outputs: ['a2'] },
    { op: 'Tanh', inputs: ['a2'], outputs: ['y'] },
  );
  let y = 'y';
  if (o.layout === 'BFCHW') {
    nodes.push(swapFC('y', 'yT'));
    y = 'yT';
  }
  nodes.push(cast(y, 'out_sample', o.dtype));
  const inits: InitializerSpec[] = [
    { name: 'w', dims: [C, Cin, 1, 1, 1], data: weights(o.weightSeed + 3, C * Cin, 0.8) },
    { name: 'b', dims: [C], data: weights(o.weightSeed + 4, C, 0.1) },
    { name: 'ktext', dims: [1, C, 1, 1, 1], data: weights(o.weightSeed + 5, C, 2) },
    { name: 'ktime', dims: [1, C, 1, 1, 1], data: weights(o.weightSeed + 6, C, 0.5) },
    { name: 'thousand', dims: [], data: f32(1000) },
    { name: 'shape5', dims: [5], data: i64(-1, 1, 1, 1, 1) },
  ];
  return encodeModel({
    name: 'denoiser',
    inputs: [
      { name: 'sample', type: o.dtype, shape: latentShape(o.layout, batch, Cin) },
      { name: 'timestep', type: o.timestepDtype, shape: [batch] },
      { name: 'encoder_hidden_states', type: o.dtype, shape: [batch, o.maxLength, o.hidden] },
    ],
    outputs: [{ name: 'out_sample', type: o.dtype, shape: latentShape(o.layout, batch, C) }],
    nodes,
    initializers: inits,
  });
}

function vaeDecoder(o: { channels: number; layout: 'BCFHW' | 'BFCHW'; spatial: number; temporal: number; causal: boolean; mode: 'video' | 'image'; dtype: 'float32' | 'float16'; seed: number }): Uint8Array {
  const C = o.channels;
  const video = o.mode === 'video';
  const nodes: NodeSpec[] = [cast('latent_sample', 'l32', 'float32')];
  let l = 'l32';
  if (video && o.layout === 'BFCHW') {
    nodes.push(swapFC('l32', 'lT'));
    l = 'lT';
  }
  nodes.push(
    { op: 'Conv', inputs: [l, 'w', 'b'], outputs: ['rgb'], attrs: { kernel_shape: video ? [1, 1, 1] : [1, 1] } },
    { op: 'Resize', inputs: ['rgb', '', 'scales'], outputs: ['up'], attrs: { mode: 'nearest' } },
  );
  let up = 'up';
  if (video && o.causal && o.temporal > 1) {
    // A causal VAE makes 1 + (f - 1) * t frames: drop the first t - 1 of the upsampled f * t.
    nodes.push({ op: 'Slice', inputs: ['up', 'starts', 'ends', 'axes'], outputs: ['cut'] });
    up = 'cut';
  }
  nodes.push({ op: 'Tanh', inputs: [up], outputs: ['px'] });
  let px = 'px';
  if (video && o.layout === 'BFCHW') {
    nodes.push(swapFC('px', 'pxT'));
    px = 'pxT';
  }
  nodes.push(cast(px, 'sample', o.dtype));
  const inits: InitializerSpec[] = [
    { name: 'w', dims: video ? [3, C, 1, 1, 1] : [3, C, 1, 1], data: weights(o.seed + 7, 3 * C, 1.2) },
    { name: 'b', dims: [3], data: weights(o.seed + 8, 3, 0.2) },
    { name: 'scales', dims: [video ? 5 : 4], data: video ? f32(1, 1, o.temporal, o.spatial, o.spatial) : f32(1, 1, o.spatial, o.spatial) },
  ];
  if (video && o.causal && o.temporal > 1) inits.push({ name: 'starts', dims: [1], data: i64(o.temporal - 1) }, { name: 'ends', dims: [1], data: i64(1 << 30) }, { name: 'axes', dims: [1], data: i64(2) });
  return encodeModel({
    name: 'vae_decoder',
    inputs: [{ name: 'latent_sample', type: o.dtype, shape: video ? latentShape(o.layout, 'batch', C) : ['batch', C, 'height', 'width'] }],
    outputs: [{ name: 'sample', type: o.dtype, shape: video ? latentShape(o.layout, 'batch', 3) : ['batch', 3, 'H', 'W'] }],
    nodes,
    initializers: inits,
  });
}

function vaeEncoder(o: { channels: number; layout: 'BCFHW' | 'BFCHW'; spatial: number; temporal: number; causal: boolean; mode: 'video' | 'image'; dtype: 'float32' | 'float16'; moments: boolean; seed: number }): Uint8Array {
  const outC = o.moments ? 2 * o.channels : o.channels;
  const video = o.mode === 'video';
  const nodes: NodeSpec[] = [cast('sample', 'x32', 'float32')];
  let x = 'x32';
  if (video && o.layout === 'BFCHW') {
    nodes.push(swapFC('x32', 'xT'));
    x = 'xT';
  }
  const inits: InitializerSpec[] = [
    { name: 'w', dims: video ? [outC, 3, 1, 1, 1] : [outC, 3, 1, 1], data: weights(o.seed + 9, outC * 3, 1) },
    { name: 'b', dims: [outC], data: weights(o.seed + 10, outC, 0.1) },
  ];
  if (video && o.causal && o.temporal > 1) {
    // Repeat the first frame t - 1 times in front, so 1 + (f - 1) * t frames pool to f.
    nodes.push({ op: 'Pad', inputs: [x, 'pads'], outputs: ['xp'], attrs: { mode: 'edge' } });
    inits.push({ name: 'pads', dims: [10], data: i64(0, 0, o.temporal - 1, 0, 0, 0, 0, 0, 0, 0) });
    x = 'xp';
  }
  const k = video ? [o.temporal, o.spatial, o.spatial] : [o.spatial, o.spatial];
  nodes.push(
    { op: 'AveragePool', inputs: [x], outputs: ['pool'], attrs: { kernel_shape: k, strides: k } },
    { op: 'Conv', inputs: ['pool', 'w', 'b'], outputs: ['lat'], attrs: { kernel_shape: video ? [1, 1, 1] : [1, 1] } },
  );
  let lat = 'lat';
  if (video && o.layout === 'BFCHW') {
    nodes.push(swapFC('lat', 'latT'));
    lat = 'latT';
  }
  nodes.push(cast(lat, 'latent_sample', o.dtype));
  return encodeModel({
    name: 'vae_encoder',
    inputs: [{ name: 'sample', type: o.dtype, shape: video ? latentShape(o.layout, 'batch', 3) : ['batch', 3, 'H', 'W'] }],
    outputs: [{ name: 'latent_sample', type: o.dtype, shape: video ? latentShape(o.layout, 'batch', outC) : ['batch', outC, 'h', 'w'] }],
    nodes,
    initializers: inits,
  });
}

/** Writes a complete model folder `root/id` and returns its path. */
export function writeTinyModel(root: string, id: string, opts: TinyOptions = {}): string {
  const o = {
    channels: opts.channels ?? 4,
    hidden: opts.hidden ?? 8,
    maxLength: opts.maxLength ?? 8,
    layout: opts.layout ?? ('BCFHW' as const),
    spatial: opts.spatial ?? 4,
    temporal: opts.temporal ?? 1,
    causal: opts.causal ?? false,
    decoderMode: opts.decoderMode ?? ('video' as const),
    encoderMode: opts.encoderMode === undefined ? ('video' as const) : opts.encoderMode,
    moments: opts.moments ?? false,
    dtype: opts.dtype ?? ('float32' as const),
    prediction: opts.prediction ?? ('epsilon' as const),
    maxBatch: opts.maxBatch ?? 2,
    timestepDtype: opts.timestepDtype ?? ('float32' as const),
    weightSeed: opts.weightSeed ?? 1,
  };
  const dir = path.join(root, id);
  fs.mkdirSync(path.join(dir, 'tokenizer'), { recursive: true });
  const { vocab, merges } = tinyVocab();
  fs.writeFileSync(path.join(dir, 'tokenizer', 'vocab.json'), JSON.stringify(vocab));
  fs.writeFileSync(path.join(dir, 'tokenizer', 'merges.txt'), merges);
  const write = (rel: string, bytes: Uint8Array): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  };
  write('text_encoder/model.onnx', textEncoder({ hidden: o.hidden, maxLength: o.maxLength, dtype: o.dtype, weightSeed: o.weightSeed }, Object.keys(vocab).length));
  const extra = opts.imageConditioning?.mode === 'concat' ? o.channels : 0;
  write('denoiser/model.onnx', denoiser({ ...o, extra, ...(opts.fixedBatch ? { fixedBatch: opts.fixedBatch } : {}) }));
  const vaeCommon = { layout: o.layout, spatial: o.spatial, temporal: o.temporal, causal: o.causal, dtype: o.dtype, seed: o.weightSeed };
  write('vae_decoder/model.onnx', vaeDecoder({ ...vaeCommon, channels: opts.decoderChannels ?? o.channels, mode: o.decoderMode }));
  if (o.encoderMode) write('vae_encoder/model.onnx', vaeEncoder({ ...vaeCommon, channels: o.channels, mode: o.encoderMode, moments: o.moments }));

  const manifest: ModelManifest = {
    format: 'rushes-model/1',
    name: `Tiny ${id}`,
    description: 'Random weights, for tests.',
    version: '0.0.1',
    licence: { name: 'CC0-1.0' },
    tokenizer: { type: 'clip-bpe', vocab: 'tokenizer/vocab.json', merges: 'tokenizer/merges.txt', maxLength: o.maxLength },
    textEncoder: { file: 'text_encoder/model.onnx', dtype: o.dtype },
    denoiser: {
      file: 'denoiser/model.onnx',
      dtype: o.dtype,
      prediction: o.prediction,
      timestepDtype: o.timestepDtype,
      ...(o.maxBatch !== 2 ? { maxBatch: o.maxBatch } : {}),
    },
    vaeDecoder: { file: 'vae_decoder/model.onnx', dtype: o.dtype, mode: o.decoderMode, framesPerRun: 3 },
    ...(o.encoderMode ? { vaeEncoder: { file: 'vae_encoder/model.onnx', dtype: o.dtype, mode: o.encoderMode, outputKind: o.moments ? ('moments' as const) : ('mean' as const), framesPerRun: 3 } } : {}),
    latent: {
      channels: o.channels,
      layout: o.layout,
      spatialCompression: o.spatial,
      temporalCompression: o.temporal,
      causal: o.causal,
      scalingFactor: 0.5,
    },
    scheduler: opts.scheduler ?? { type: o.prediction === 'flow' ? 'flow-euler' : 'euler', timestepSpacing: 'leading', stepsOffset: 1 },
    ...(opts.imageConditioning ? { imageConditioning: opts.imageConditioning } : {}),
    defaults: { steps: opts.steps ?? 4, guidance: opts.guidance ?? 5, refineStrength: 0.5 },
    limits: { maxWidth: 256, maxHeight: 256, maxFrames: 48 },
  };
  opts.edit?.(manifest);
  fs.writeFileSync(path.join(dir, 'rushes-model.json'), JSON.stringify(manifest, null, 2));
  return dir;
}
