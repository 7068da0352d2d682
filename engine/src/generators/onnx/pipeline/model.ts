/**
 * A model's sessions in the runtime worker, loaded on first use and checked against the manifest: the
 * tensor names must exist, the ranks and fixed dimensions must agree with the latent layout, and the
 * element types with the declared dtypes. A mismatch is caught here, with a message naming the
 * component, the tensor and the manifest field, rather than as an opaque error mid-run.
 */
import { RushesError } from '@rushes/shared';
import type { ModelFolder } from '../manifest/load';
import type { ModelManifest } from '../manifest/schema';
import type { RuntimeHost } from '../runtime/host';
import type { SessionMeta, ValueMeta } from '../runtime/protocol';
import type { ProviderName } from '../runtime/providers';
import { generatorFailure } from '../errors';
import { loadClipTokenizer, type Tokenizer } from '../tokenizer/clip-bpe';

/** The manifest's tensor names and options with their defaults filled in. */
export interface Resolved {
  text: { ids: string; mask?: string; hidden: string; idsDtype: 'int64' | 'int32'; dtype: 'float32' | 'float16' };
  denoiser: {
    sample: string;
    timestep: string;
    ehs: string;
    out: string;
    timestepDtype: 'float32' | 'float16' | 'int64';
    timestepShape: 'batch' | 'scalar';
    maxBatch: number;
    dtype: 'float32' | 'float16';
    /** Channels the image conditioning adds to the denoiser's input. */
    extraChannels: number;
  };
  decoder: { input: string; output: string; mode: 'video' | 'image'; framesPerRun: number; range: '-1..1' | '0..1'; dtype: 'float32' | 'float16' };
  encoder?: { input: string; output: string; mode: 'video' | 'image'; framesPerRun: number; moments: boolean; dtype: 'float32' | 'float16' };
}

export function resolveNames(m: ModelManifest): Resolved {
  const d = m.denoiser;
  return {
    text: {
      ids: m.textEncoder.inputIds ?? 'input_ids',
      ...(m.textEncoder.attentionMask ? { mask: m.textEncoder.attentionMask } : {}),
      hidden: m.textEncoder.hiddenStates ?? 'last_hidden_state',
      idsDtype: m.textEncoder.idsDtype ?? 'int64',
      dtype: m.textEncoder.dtype,
    },
    denoiser: {
      sample: d.sample ?? 'sample',
      timestep: d.timestep ?? 'timestep',
      ehs: d.encoderHiddenStates ?? 'encoder_hidden_states',
      out: d.output ?? 'out_sample',
      timestepDtype: d.timestepDtype ?? 'float32',
      timestepShape: d.timestepShape ?? 'batch',
      maxBatch: d.maxBatch ?? 2,
      dtype: d.dtype,
      extraChannels: m.imageConditioning?.mode === 'concat' ? m.latent.channels : 0,
    },
    decoder: {
      input: m.vaeDecoder.input ?? 'latent_sample',
      output: m.vaeDecoder.output ?? 'sample',
      mode: m.vaeDecoder.mode,
      framesPerRun: m.vaeDecoder.framesPerRun ?? 4,
      range: m.vaeDecoder.outputRange ?? '-1..1',
      dtype: m.vaeDecoder.dtype,
    },
    ...(m.vaeEncoder
      ? {
          encoder: {
            input: m.vaeEncoder.input ?? 'sample',
            output: m.vaeEncoder.output ?? 'latent_sample',
            mode: m.vaeEncoder.mode,
            framesPerRun: m.vaeEncoder.framesPerRun ?? 4,
            moments: m.vaeEncoder.outputKind === 'moments',
            dtype: m.vaeEncoder.dtype,
          },
        }
      : {}),
  };
}

type Role = 'textEncoder' | 'denoiser' | 'vaeDecoder' | 'vaeEncoder';
const ROLE_LABEL: Record<Role, string> = { textEncoder: 'text encoder', denoiser: 'denoiser', vaeDecoder: 'VAE decoder', vaeEncoder: 'VAE encoder' };

function mismatch(model: string, role: Role, msg: string): never {
  throw new RushesError('E_GENERATOR', `${model}: shape mismatch in the ${ROLE_LABEL[role]}: ${msg} Fix rushes-model.json or re-export the model.`, {
    reason: 'shape-mismatch',
    component: role,
  });
}

function find(model: string, role: Role, list: ValueMeta[], name: string, field: string, kind: 'input' | 'output'): ValueMeta {
  const v = list.find((x) => x.name === name);
  if (!v) mismatch(model, role, `it has no ${kind} "${name}" (manifest ${field}); its ${kind}s are ${list.map((x) => `"${x.name}"`).join(', ')}.`);
  return v;
}

function expectRank(model: string, role: Role, v: ValueMeta, rank: number, why: string): void {
  if (v.shape.length !== rank) mismatch(model, role, `"${v.name}" has rank ${v.shape.length} [${v.shape.join(', ')}], expected ${rank} (${why}).`);
}

function expectDim(model: string, role: Role, v: ValueMeta, axis: number, want: number, why: string): void {
  const d = v.shape[axis];
  if (typeof d === 'number' && d !== want) mismatch(model, role, `"${v.name}" has ${d} at axis ${axis} where ${want} is expected (${why}).`);
}

function expectType(model: string, role: Role, v: ValueMeta, want: string, field: string): void {
  if (v.type !== want) mismatch(model, role, `"${v.name}" is ${v.type}, but the manifest says ${want} (${field}).`);
}

/** Checks one component's metadata against the manifest. Pure; exported for tests. */
export function checkComponent(model: string, role: Role, meta: SessionMeta, m: ModelManifest, r: Resolved): void {
  const C = m.latent.channels;
  const chAxis = m.latent.layout === 'BCFHW' ? 1 : 2;
  if (role === 'textEncoder') {
    const ids = find(model, role, meta.inputs, r.text.ids, 'textEncoder.inputIds', 'input');
    expectType(model, role, ids, r.text.idsDtype, 'textEncoder.idsDtype');
    expectRank(model, role, ids, 2, 'batch, tokens');
    expectDim(model, role, ids, 1, m.tokenizer.maxLength, 'tokenizer.maxLength');
    if (r.text.mask) find(model, role, meta.inputs, r.text.mask, 'textEncoder.attentionMask', 'input');
    const h = find(model, role, meta.outputs, r.text.hidden, 'textEncoder.hiddenStates', 'output');
    expectType(model, role, h, r.text.dtype, 'textEncoder.dtype');
    expectRank(model, role, h, 3, 'batch, tokens, hidden');
  } else if (role === 'denoiser') {
    const s = find(model, role, meta.inputs, r.denoiser.sample, 'denoiser.sample', 'input');
    expectType(model, role, s, r.denoiser.dtype, 'denoiser.dtype');
    expectRank(model, role, s, 5, `latent.layout ${m.latent.layout}`);
    expectDim(model, role, s, chAxis, C + r.denoiser.extraChannels, `latent.channels${r.denoiser.extraChannels ? ' plus the image channels of imageConditioning "concat"' : ''}`);
    const t = find(model, role, meta.inputs, r.denoiser.timestep, 'denoiser.timestep', 'input');
    expectType(model, role, t, r.denoiser.timestepDtype, 'denoiser.timestepDtype');
    expectRank(model, role, t, r.denoiser.timestepShape === 'scalar' ? 0 : 1, `denoiser.timestepShape "${r.denoiser.timestepShape}"`);
    const e = find(model, role, meta.inputs, r.denoiser.ehs, 'denoiser.encoderHiddenStates', 'input');
    expectRank(model, role, e, 3, 'batch, tokens, hidden');
    const o = find(model, role, meta.outputs, r.denoiser.out, 'denoiser.output', 'output');
    expectRank(model, role, o, 5, `latent.layout ${m.latent.layout}`);
    expectDim(model, role, o, chAxis, C, 'latent.channels');
    if (typeof s.shape[0] === 'number' && s.shape[0] < r.denoiser.maxBatch) {
      mismatch(model, role, `"${s.name}" has a fixed batch of ${s.shape[0]}; set denoiser.maxBatch to ${s.shape[0]}.`);
    }
  } else if (role === 'vaeDecoder') {
    const i = find(model, role, meta.inputs, r.decoder.input, 'vaeDecoder.input', 'input');
    expectType(model, role, i, r.decoder.dtype, 'vaeDecoder.dtype');
    const rank = r.decoder.mode === 'video' ? 5 : 4;
    expectRank(model, role, i, rank, `vaeDecoder.mode "${r.decoder.mode}"`);
    expectDim(model, role, i, rank === 5 ? chAxis : 1, C, 'latent.channels');
    const o = find(model, role, meta.outputs, r.decoder.output, 'vaeDecoder.output', 'output');
    expectRank(model, role, o, rank, `vaeDecoder.mode "${r.decoder.mode}"`);
    expectDim(model, role, o, rank === 5 ? chAxis : 1, 3, 'RGB');
  } else if (r.encoder) {
    const i = find(model, role, meta.inputs, r.encoder.input, 'vaeEncoder.input', 'input');
    expectType(model, role, i, r.encoder.dtype, 'vaeEncoder.dtype');
    const rank = r.encoder.mode === 'video' ? 5 : 4;
    expectRank(model, role, i, rank, `vaeEncoder.mode "${r.encoder.mode}"`);
    expectDim(model, role, i, rank === 5 ? chAxis : 1, 3, 'RGB');
    const o = find(model, role, meta.outputs, r.encoder.output, 'vaeEncoder.output', 'output');
    expectRank(model, role, o, rank, `vaeEncoder.mode "${r.encoder.mode}"`);
    expectDim(model, role, o, rank === 5 ? chAxis : 1, r.encoder.moments ? 2 * C : C, `latent.channels${r.encoder.moments ? ' x 2 (vaeEncoder.outputKind "moments")' : ''}`);
  }
}

/** A model whose sessions live in the runtime worker. */
export class LoadedModel {
  readonly names: Resolved;
  meta: Partial<Record<Role, SessionMeta>> = {};
  private loadedIn = -1;
  private loading: Promise<void> | null = null;
  private tokenizerCache: Tokenizer | null = null;
  loadMs = 0;

  constructor(
    readonly folder: ModelFolder,
    private readonly host: RuntimeHost,
    readonly provider: ProviderName,
    private readonly threads?: number,
  ) {
    this.names = resolveNames(folder.manifest);
  }

  key(role: Role): string {
    return `${this.folder.id}/${role}`;
  }

  tokenizer(): Tokenizer {
    const t = this.folder.manifest.tokenizer;
    this.tokenizerCache ??= loadClipTokenizer(this.folder.files['tokenizer.vocab']!, this.folder.files['tokenizer.merges']!, {
      maxLength: t.maxLength,
      ...(t.bosToken ? { bosToken: t.bosToken } : {}),
      ...(t.eosToken ? { eosToken: t.eosToken } : {}),
      ...(t.padToken ? { padToken: t.padToken } : {}),
    });
    return this.tokenizerCache;
  }

  /** Loads every component once per worker (a worker that died and restarted needs them again). */
  async ensureLoaded(): Promise<void> {
    if (this.loading === null && this.host.alive(this.loadedIn)) return;
    this.loading ??= this.loadAll().finally(() => (this.loading = null));
    return this.loading;
  }

  private async loadAll(): Promise<void> {
    const t0 = performance.now();
    const roles: Role[] = ['textEncoder', 'denoiser', 'vaeDecoder', ...(this.folder.manifest.vaeEncoder ? (['vaeEncoder'] as const) : [])];
    const sameDtype = this.names.text.dtype === this.names.denoiser.dtype;
    for (const role of roles) {
      // The text embeddings feed every denoiser step: on WebGPU they stay in GPU memory.
      const keep = role === 'textEncoder' && sameDtype ? [this.names.text.hidden] : [];
      let meta: SessionMeta;
      try {
        meta = await this.host.load(this.key(role), this.folder.files[role]!, this.provider, keep, this.threads);
      } catch (e) {
        throw generatorFailure(e, { model: this.folder.id, component: ROLE_LABEL[role], provider: this.provider });
      }
      checkComponent(this.folder.id, role, meta, this.folder.manifest, this.names);
      this.meta[role] = meta;
    }
    this.tokenizer();
    this.loadedIn = this.host.generation;
    this.loadMs = performance.now() - t0;
  }
}
