/**
 * The parts of an engine that vary: which generators it has, how frames are marked, how files are
 * signed, which requests are refused. Built once at start-up from the configuration; tests replace any.
 */
import type { GenerationRequest } from '@rushes/shared';
import type { EngineConfig } from './config';
import type { HomePaths } from './home';
import type { Logger } from './log';
import { GeneratorRegistry } from './generators/registry';
import type { FrameTransformFactory, OutputFinisher } from './provenance/types';
import { createTestPatternGenerator } from './generators/testpattern';
import { createC2paFinisher } from './provenance/c2pa';
import { ParallelWatermarkEmbedder } from './provenance/watermark';
import { createOnnxBackend } from './generators/onnx';
import { createProceduralGenerator } from './generators/procedural';
import { createPolicy } from './policy';
import { createHash } from 'node:crypto';

export interface Components {
  generators: GeneratorRegistry;
  transforms: FrameTransformFactory[];
  finishers: OutputFinisher[];
  /** Throws a RushesError (E_POLICY) to refuse a request before any work. */
  gate: (request: GenerationRequest) => void;
}

export async function buildComponents(args: {
  config: EngineConfig;
  paths: HomePaths;
  log: Logger;
  overrides: Partial<Components>;
}): Promise<Components> {
  const { overrides, config, paths } = args;
  const generators = overrides.generators ?? (await defaultGenerators(config, paths, args.log));
  return {
    generators,
    // Every frame carries the invisible watermark (install and job hashes), embedded before encoding, on
    // worker threads so that marking keeps up with a GPU's render rate.
    transforms: overrides.transforms ?? [() => new ParallelWatermarkEmbedder()],
    finishers: overrides.finishers ?? [await c2paFinisher(config, paths)],
    gate: overrides.gate ?? policyGate(config, args.log),
  };
}

/**
 * The usage policy, loaded at start so a broken rules file stops the engine. Every decision is logged
 * with a hash of the prompt (the log should not become a store of what people typed), the rule and the
 * outcome. An edited scene plan can carry text of its own (titles), so its strings are checked too.
 */
function policyGate(config: EngineConfig, log: Logger): (req: GenerationRequest) => void {
  const policy = createPolicy({
    strictness: config.policyStrictness,
    onDecision: (d, prompt) =>
      log.info(
        { policy: { allowed: d.allowed, rule: d.ruleId ?? null, category: d.category ?? null, strictness: d.strictness }, promptSha256: createHash('sha256').update(prompt).digest('hex') },
        d.allowed ? 'policy allowed a request' : 'policy refused a request',
      ),
  });
  return (req) => {
    policy.enforce(req.prompt);
    if (req.plan !== undefined) {
      const text = planStrings(req.plan).join('\n').slice(0, 2000);
      if (text.trim()) policy.enforce(text);
    }
  };
}

function planStrings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => planStrings(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => planStrings(x, out));
  return out;
}

/** Signs every output. Prepared at start so a bad configured certificate stops the engine with a reason. */
async function c2paFinisher(config: EngineConfig, paths: HomePaths): Promise<OutputFinisher> {
  const finisher = createC2paFinisher({
    home: paths.home,
    includePrompt: config.provenanceIncludePrompt,
    ...(config.provenanceCertChain ? { certChainPath: config.provenanceCertChain } : {}),
    ...(config.provenanceKey ? { keyPath: config.provenanceKey } : {}),
  });
  await finisher.prepare();
  return finisher;
}

async function defaultGenerators(config: EngineConfig, paths: HomePaths, log: Logger): Promise<GeneratorRegistry> {
  const registry = new GeneratorRegistry();
  const testpattern = createTestPatternGenerator();
  registry.add(testpattern, true);
  // The default wherever a WebGPU adapter exists (a GPU, or lavapipe/llvmpipe on a CPU-only machine).
  // Without one it is still listed, so capabilities say why it cannot run, and testpattern stays default.
  const procedural = await createProceduralGenerator();
  registry.add(procedural, procedural.unavailableReason === null);
  if (procedural.unavailableReason) log.warn({ reason: procedural.unavailableReason }, 'procedural generator unavailable; testpattern is the default');
  // Learned models: one generator per installed model. With none installed this returns at once.
  const onnx = await createOnnxBackend({
    home: paths.home,
    modelFolders: config.modelsFolder ? [config.modelsFolder] : [],
    ...(config.onnxProviders?.length ? { providers: config.onnxProviders } : {}),
    refineSource: procedural.unavailableReason === null ? procedural : testpattern,
    log: (msg, fields) => log.info({ onnx: fields ?? {} }, msg),
  });
  for (const g of onnx.generators) registry.add(g);
  if (config.defaultGenerator) {
    if (!registry.has(config.defaultGenerator)) {
      log.warn({ defaultGenerator: config.defaultGenerator, available: registry.all().map((g) => g.info.id) }, 'configured default generator is not available');
    } else registry.add(registry.get(config.defaultGenerator), true);
  }
  return registry;
}
