/**
 * The parts of an engine that vary: which generators it has, how frames are marked, how files are
 * signed, which requests are refused. Built once at start-up from the configuration; tests replace any.
 */
import type { GenerationRequest } from '@rushes/shared';
import type { EngineConfig } from './config';
import type { HomePaths } from './home';
import type { Logger } from './log';
import { GeneratorRegistry } from './generators/registry';
import type { FrameTransform, OutputFinisher } from './provenance/types';
import { createTestPatternGenerator } from './generators/testpattern';

export interface Components {
  generators: GeneratorRegistry;
  transforms: FrameTransform[];
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
  const { overrides } = args;
  const generators = overrides.generators ?? defaultGenerators(args.config);
  return {
    generators,
    transforms: overrides.transforms ?? [],
    finishers: overrides.finishers ?? [],
    gate: overrides.gate ?? (() => undefined),
  };
}

function defaultGenerators(config: EngineConfig): GeneratorRegistry {
  const registry = new GeneratorRegistry();
  registry.add(createTestPatternGenerator(), true);
  if (config.defaultGenerator && registry.has(config.defaultGenerator)) {
    registry.add(registry.get(config.defaultGenerator), true);
  }
  return registry;
}
