/**
 * The `onnx` backend: one generator per installed model ("onnx.<model id>"), and, when a source
 * generator is given and the model has a VAE encoder, a render-then-refine generator
 * ("onnx.<model id>.refine") that denoises the source's frames from part-way (SDEdit), so motion and
 * camera come from the source's 3D scene and appearance from the model.
 *
 * The execution provider is chosen once, when the backend is created, and shared by all models; the
 * models' sessions load on their first job and stay loaded until dispose().
 */
import { RushesError, type GeneratorInfo, type ResolvedRequest } from '@rushes/shared';
import type { Frame, Generator, RenderContext } from '../types';
import { modelInputs, type ModelFolder } from './manifest/load';
import { modelRoots, scanModels, type ModelListing } from './models';
import { planRun, type RunMode } from './pipeline/plan';
import { LoadedModel } from './pipeline/model';
import { runModel, type RunStats } from './pipeline/run';
import { readImageRgb } from './pipeline/image';
import { RuntimeHost, runtimeAvailable } from './runtime/host';
import { chooseProvider, describeChoice, PROVIDER_LABEL, type ProviderChoice, type ProviderEnvironment, type ProviderName } from './runtime/providers';

export const ONNX_BACKEND_VERSION = '1.0.0';

export interface OnnxBackendOptions {
  /** The engine's home: models are looked for in HOME/models. */
  home: string;
  /** More folders holding model folders (the configured models folder). */
  modelFolders?: string[];
  /** Providers to try instead of the platform's default order; CPU is always the last resort. */
  providers?: ProviderName[];
  /** onnxruntime intra-op threads (default: onnxruntime's own choice, one per core). */
  threads?: number;
  /** Per-request overrides of each model's defaults. */
  steps?: number;
  guidance?: number;
  refineStrength?: number;
  /** The generator whose frames "onnx.<id>.refine" refines (the procedural generator). */
  refineSource?: Generator;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Tests: a stand-in for the machine's providers. */
  environment?: ProviderEnvironment;
}

export interface OnnxBackend {
  generators: Generator[];
  /** Every model folder found, including broken ones with the reason. */
  listings: ModelListing[];
  /** Null when no model is installed (no provider is probed then) or onnxruntime cannot load. */
  choice: ProviderChoice | null;
  /** Why no generator exists although models do, e.g. the native runtime failed to load. */
  unavailable?: string;
  /** The runtime worker's host, shared by the generators (diagnostics and tests). */
  runtime: RuntimeHost | null;
  dispose(): Promise<void>;
}

export async function createOnnxBackend(opts: OnnxBackendOptions): Promise<OnnxBackend> {
  const roots = modelRoots(opts.home, opts.modelFolders);
  const { models, listings } = scanModels(roots);
  const log = opts.log ?? (() => undefined);
  for (const l of listings) if (!l.ok) log('onnx: model skipped', { dir: l.dir, error: l.error });
  if (!models.length) return { generators: [], listings, choice: null, runtime: null, dispose: async () => undefined };
  const missing = runtimeAvailable();
  if (missing) {
    const why = `onnxruntime-node cannot load on this machine: ${missing}`;
    log('onnx: backend unavailable', { error: why });
    return { generators: [], listings, choice: null, unavailable: why, runtime: null, dispose: async () => undefined };
  }
  const host = new RuntimeHost();
  const choice = await chooseProvider(opts.environment ?? host.environment(), opts.providers);
  log('onnx: execution provider chosen', { provider: choice.provider, notes: choice.notes });
  const generators: Generator[] = [];
  for (const folder of models) {
    const loaded = new LoadedModel(folder, host, choice.provider, opts.threads);
    generators.push(modelGenerator(loaded, host, choice, opts, null));
    if (opts.refineSource && folder.manifest.vaeEncoder && folder.manifest.imageConditioning?.mode !== 'concat') generators.push(modelGenerator(loaded, host, choice, opts, opts.refineSource));
  }
  let closed = false;
  return {
    generators,
    listings,
    choice,
    runtime: host,
    async dispose() {
      if (closed) return;
      closed = true;
      await host.close();
    },
  };
}

function backendLine(choice: ProviderChoice): string {
  const skipped = choice.notes.map((n) => n.split(':')[0]).join(', ');
  return `onnxruntime-${choice.provider}${skipped ? ` (${skipped} not used)` : ''}`;
}

function modelGenerator(model: LoadedModel, host: RuntimeHost, choice: ProviderChoice, opts: OnnxBackendOptions, source: Generator | null): Generator {
  const folder: ModelFolder = model.folder;
  const m = folder.manifest;
  const id = source ? `onnx.${folder.id}.refine` : `onnx.${folder.id}`;
  const stats = new WeakMap<ResolvedRequest, RunStats>();
  const info: GeneratorInfo = {
    id,
    name: source ? `${m.name} (refines ${source.info.name})` : m.name,
    description: [
      source
        ? `Renders with ${source.info.id}, then refines the frames with ${m.name} (SDEdit, strength ${opts.refineStrength ?? m.defaults.refineStrength ?? 0.6}).`
        : (m.description ?? `${m.name}, a diffusion model run by onnxruntime.`),
      `Licence: ${m.licence.name}.`,
      `Runs on the ${describeChoice(choice)}.`,
    ].join(' '),
    version: `${m.version} (onnx backend ${ONNX_BACKEND_VERSION})`,
    // A refine takes what its source takes (the procedural generator: a prompt or a scene plan).
    inputs: source ? ['text', ...(source.info.inputs.includes('plan') ? (['plan'] as const) : [])] : modelInputs(m),
    device: choice.device,
    backend: backendLine(choice),
    isDefault: false,
    limits: {
      maxWidth: m.limits.maxWidth,
      maxHeight: m.limits.maxHeight,
      maxFrames: m.limits.maxFrames,
      maxFps: m.limits.maxFps ?? 120,
    },
  };

  const modeOf = (req: ResolvedRequest): RunMode => (source ? 'refine' : req.references?.image ? 'image' : 'text');
  const planFor = (req: ResolvedRequest) =>
    planRun(id, m, req, {
      mode: modeOf(req),
      ...(opts.steps !== undefined ? { steps: opts.steps } : {}),
      ...(opts.guidance !== undefined ? { guidance: opts.guidance } : {}),
      ...(opts.refineStrength !== undefined ? { strength: opts.refineStrength } : {}),
    });
  const sourceRequest = (req: ResolvedRequest): ResolvedRequest => ({ ...req, generator: source!.info.id });

  return {
    info,

    check(req: ResolvedRequest): void {
      const refs = Object.entries(req.references ?? {})
        .filter(([k, v]) => v !== undefined && !(k === 'image' && !source))
        .map(([k]) => k);
      if (refs.length) throw new RushesError('E_UNSUPPORTED', `${id}: it cannot use ${refs.join(', ')} references; remove them or pick another generator.`);
      if (req.plan !== undefined && !source) {
        throw new RushesError('E_UNSUPPORTED', `${id}: it does not take a scene plan${m.vaeEncoder ? `; use "${id}.refine" to refine a rendered plan` : ''}.`);
      }
      planFor(req);
      if (source) source.check(sourceRequest(req));
    },

    async *render(ctx: RenderContext): AsyncIterable<Frame> {
      const req = ctx.request;
      const plan = planFor(req);
      const run: RunStats = { textMs: 0, encodeMs: 0, stepMs: [], decodeMs: 0, promptTruncated: false };
      stats.set(req, run);
      const image = plan.mode === 'image' ? await readImageRgb(req.references!.image!, req.width, req.height, ctx.signal) : undefined;
      ctx.log('onnx: run', { model: folder.id, mode: plan.mode, steps: plan.steps, startStep: plan.startStep, provider: choice.provider, grid: plan.grid });
      const sourceFrames = source ? source.render({ request: sourceRequest(req), signal: ctx.signal, log: ctx.log }) : undefined;
      yield* runModel(
        model,
        host,
        {
          request: req,
          plan,
          signal: ctx.signal,
          log: ctx.log,
          ...(image ? { image } : {}),
          ...(sourceFrames ? { source: sourceFrames } : {}),
          ...(m.defaults.eta !== undefined ? { eta: m.defaults.eta } : {}),
          ...(ctx.progress ? { progress: ctx.progress } : {}),
        },
        run,
      );
    },

    report(req: ResolvedRequest): Record<string, unknown> {
      const plan = planFor(req);
      const s = stats.get(req);
      const steps = s?.stepMs ?? [];
      const r2 = (v: number): number => Math.round(v * 10) / 10;
      return {
        model: folder.id,
        modelName: m.name,
        modelVersion: m.version,
        licence: m.licence.name,
        mode: plan.mode,
        executionProvider: PROVIDER_LABEL[choice.provider],
        backend: describeChoice(choice),
        providerNotes: choice.notes,
        scheduler: m.scheduler.type,
        steps: plan.steps,
        stepsRun: plan.steps - plan.startStep,
        guidance: plan.guidance,
        dtype: m.denoiser.dtype,
        latent: plan.grid,
        ...(plan.strength !== null ? { refineStrength: plan.strength, refinedFrom: source?.info.id } : {}),
        ...(s
          ? {
              promptTruncated: s.promptTruncated,
              textEmbeddingsOn: s.embeddingsOn,
              onnxTimings: {
                loadMs: r2(model.loadMs),
                textMs: r2(s.textMs),
                startLatentsMs: r2(s.encodeMs),
                denoiseMs: r2(steps.reduce((a, b) => a + b, 0)),
                meanStepMs: steps.length ? r2(steps.reduce((a, b) => a + b, 0) / steps.length) : 0,
                decodeMs: r2(s.decodeMs),
              },
            }
          : {}),
        seedNote: 'Latent noise comes from the engine\'s own seeded generator: the same seed remakes this clip here, but not in PyTorch.',
      };
    },

    async dispose(): Promise<void> {
      await host.close();
    },
  };
}
