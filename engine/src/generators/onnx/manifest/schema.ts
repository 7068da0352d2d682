/**
 * `rushes-model.json`: what a model folder holds and how to drive it. Typed once with TypeBox (the
 * JSON Schema that validates a manifest at load, and the TypeScript type the pipeline reads). Every
 * field is documented in docs/MODELS.md; the descriptions here are what a validation error quotes.
 */
import { Type, type Static } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;

/** A path inside the model folder, with forward slashes; never absolute, never leaving the folder. */
const RelPath = Type.String({ minLength: 1, maxLength: 512, pattern: '^(?!/)(?![A-Za-z]:)(?!.*(^|/)\\.\\.(/|$)).+$' });
const TensorName = Type.String({ minLength: 1, maxLength: 256 });
const Dtype = Type.Union([Type.Literal('float32'), Type.Literal('float16')], {
  description: 'Element type of the float inputs and outputs of this ONNX file.',
});

export const TokenizerSpec = Type.Object(
  {
    type: Type.Literal('clip-bpe', { description: 'CLIP byte-level BPE: vocab.json (token -> id) and merges.txt.' }),
    vocab: RelPath,
    merges: RelPath,
    maxLength: Type.Integer({ minimum: 2, maximum: 4096, description: 'Token sequence length the text encoder takes (77 for CLIP).' }),
    bosToken: Type.Optional(Type.String({ description: 'Default "<|startoftext|>".' })),
    eosToken: Type.Optional(Type.String({ description: 'Default "<|endoftext|>".' })),
    padToken: Type.Optional(Type.String({ description: 'Default: the eos token (CLIP ViT-L/14); "!" for OpenCLIP ViT-H.' })),
  },
  Strict,
);

export const TextEncoderSpec = Type.Object(
  {
    file: RelPath,
    dtype: Dtype,
    inputIds: Type.Optional(TensorName),
    attentionMask: Type.Optional(TensorName),
    hiddenStates: Type.Optional(TensorName),
    idsDtype: Type.Optional(Type.Union([Type.Literal('int64'), Type.Literal('int32')])),
  },
  { ...Strict, description: 'Defaults: input_ids (int64) -> last_hidden_state.' },
);

export const DenoiserSpec = Type.Object(
  {
    file: RelPath,
    dtype: Dtype,
    sample: Type.Optional(TensorName),
    timestep: Type.Optional(TensorName),
    encoderHiddenStates: Type.Optional(TensorName),
    output: Type.Optional(TensorName),
    timestepDtype: Type.Optional(Type.Union([Type.Literal('float32'), Type.Literal('float16'), Type.Literal('int64')])),
    timestepShape: Type.Optional(
      Type.Union([Type.Literal('batch'), Type.Literal('scalar')], { description: '"batch": [B] (default); "scalar": [] (one value for the batch).' }),
    ),
    prediction: Type.Union([Type.Literal('epsilon'), Type.Literal('v_prediction'), Type.Literal('flow')], {
      description: 'What the network predicts: the noise, v, or the flow velocity (noise - data).',
    }),
    maxBatch: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2, description: '2 (default) runs the guided and unguided halves in one batch; 1 for exports with a fixed batch of 1.' }),
    ),
  },
  { ...Strict, description: 'Defaults: sample, timestep, encoder_hidden_states -> out_sample.' },
);

export const VaeDecoderSpec = Type.Object(
  {
    file: RelPath,
    dtype: Dtype,
    input: Type.Optional(TensorName),
    output: Type.Optional(TensorName),
    mode: Type.Union([Type.Literal('video'), Type.Literal('image')], {
      description: '"video": one run over the whole latent clip (5-D, same layout as the latents). "image": a 2-D VAE run on frames as a batch.',
    }),
    framesPerRun: Type.Optional(Type.Integer({ minimum: 1, maximum: 256, description: 'Image mode: frames decoded per run (default 4).' })),
    outputRange: Type.Optional(Type.Union([Type.Literal('-1..1'), Type.Literal('0..1')])),
  },
  { ...Strict, description: 'Defaults: latent_sample -> sample, values in -1..1.' },
);

export const VaeEncoderSpec = Type.Object(
  {
    file: RelPath,
    dtype: Dtype,
    input: Type.Optional(TensorName),
    output: Type.Optional(TensorName),
    mode: Type.Union([Type.Literal('video'), Type.Literal('image')]),
    framesPerRun: Type.Optional(Type.Integer({ minimum: 1, maximum: 256 })),
    outputKind: Type.Optional(
      Type.Union([Type.Literal('mean'), Type.Literal('moments')], {
        description: '"moments": 2C channels (mean then log-variance), the mean is used. Default "mean".',
      }),
    ),
  },
  { ...Strict, description: 'Optional: needed for image-to-video and render-then-refine. Defaults: sample -> latent_sample.' },
);

export const LatentSpec = Type.Object(
  {
    channels: Type.Integer({ minimum: 1, maximum: 1024 }),
    layout: Type.Union([Type.Literal('BCFHW'), Type.Literal('BFCHW')], { description: 'Axis order of the 5-D latents the denoiser takes.' }),
    spatialCompression: Type.Integer({ minimum: 1, maximum: 64 }),
    temporalCompression: Type.Integer({ minimum: 1, maximum: 16 }),
    causal: Type.Optional(Type.Boolean({ description: 'Causal temporal VAE: frames = 1 + (latentFrames - 1) * temporalCompression.' })),
    sizeMultiple: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 64, description: 'Latent height and width must be multiples of this (the DiT patch size). Default 1.' }),
    ),
    scalingFactor: Type.Number({ exclusiveMinimum: 0 }),
    shiftFactor: Type.Optional(Type.Number()),
  },
  Strict,
);

export const SchedulerSpec = Type.Object(
  {
    type: Type.Union([Type.Literal('euler'), Type.Literal('euler-ancestral'), Type.Literal('ddim'), Type.Literal('flow-euler')]),
    trainSteps: Type.Optional(Type.Integer({ minimum: 2, maximum: 100000, description: 'Default 1000.' })),
    betaSchedule: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('scaled_linear'), Type.Literal('squaredcos_cap_v2')])),
    betaStart: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    betaEnd: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    timestepSpacing: Type.Optional(Type.Union([Type.Literal('leading'), Type.Literal('trailing'), Type.Literal('linspace')])),
    stepsOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
    setAlphaToOne: Type.Optional(Type.Boolean({ description: 'DDIM: the final step goes to alpha_cumprod = 1 (default true).' })),
    shift: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'Flow matching: sigma shift (default 1).' })),
  },
  Strict,
);

export const ImageConditioningSpec = Type.Object(
  {
    mode: Type.Union([Type.Literal('first-frame'), Type.Literal('concat')], {
      description:
        '"first-frame": the image latent replaces latent frame 0 at each step, noised to that step. "concat": the image latent is concatenated to the denoiser input along channels.',
    }),
    concatFrames: Type.Optional(
      Type.Union([Type.Literal('first'), Type.Literal('all')], { description: 'concat: the image latent at frame 0 and zeros elsewhere (default), or repeated on every frame.' }),
    ),
  },
  Strict,
);

export const DefaultsSpec = Type.Object(
  {
    steps: Type.Integer({ minimum: 1, maximum: 1000 }),
    guidance: Type.Number({ minimum: 0, maximum: 100, description: 'Classifier-free guidance scale; at most 1 turns the unguided pass off.' }),
    negativePrompt: Type.Optional(Type.String({ maxLength: 2000 })),
    refineStrength: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
    eta: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'Euler ancestral: how much fresh noise each step adds (default 1).' })),
  },
  Strict,
);

export const LimitsSpec = Type.Object(
  {
    maxWidth: Type.Integer({ minimum: 16, maximum: 7680 }),
    maxHeight: Type.Integer({ minimum: 16, maximum: 4320 }),
    maxFrames: Type.Integer({ minimum: 1, maximum: 36000 }),
    maxFps: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 240 })),
  },
  Strict,
);

export const ModelManifest = Type.Object(
  {
    format: Type.Literal('rushes-model/1'),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    version: Type.String({ minLength: 1, maxLength: 64 }),
    licence: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 120, description: 'SPDX id or the licence\'s own name, e.g. "CC-BY-NC-4.0", "openrail++".' }),
        url: Type.Optional(Type.String({ maxLength: 1000 })),
        notes: Type.Optional(Type.String({ maxLength: 2000 })),
      },
      Strict,
    ),
    source: Type.Optional(Type.String({ maxLength: 1000, description: 'Where the weights came from and how they were exported.' })),
    tokenizer: TokenizerSpec,
    textEncoder: TextEncoderSpec,
    denoiser: DenoiserSpec,
    vaeDecoder: VaeDecoderSpec,
    vaeEncoder: Type.Optional(VaeEncoderSpec),
    latent: LatentSpec,
    scheduler: SchedulerSpec,
    imageConditioning: Type.Optional(ImageConditioningSpec),
    defaults: DefaultsSpec,
    limits: LimitsSpec,
  },
  { ...Strict, $id: 'RushesModelManifest' },
);
export type ModelManifest = Static<typeof ModelManifest>;
export type SchedulerSpec = Static<typeof SchedulerSpec>;
export type LatentSpec = Static<typeof LatentSpec>;
