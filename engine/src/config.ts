/**
 * Engine settings: defaults, then HOME/config.json, then environment, then flags. The file is
 * validated like any input: a typo in it is a clear start-up error, not a silently ignored key.
 */
import fs from 'node:fs';
import { Type, type Static } from '@sinclair/typebox';
import Ajv from 'ajv';
import { DEFAULT_PORT, RushesError } from '@rushes/shared';

export const EngineConfigSchema = Type.Object(
  {
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    host: Type.String({ minLength: 1 }),
    maxConcurrentJobs: Type.Integer({ minimum: 1, maximum: 16 }),
    maxQueuedJobs: Type.Integer({ minimum: 1, maximum: 100000 }),
    allowedOrigins: Type.Array(Type.String()),
    outputRoot: Type.Optional(Type.String()),
    defaultGenerator: Type.Optional(Type.String()),
    policyStrictness: Type.Union([Type.Literal('relaxed'), Type.Literal('standard'), Type.Literal('strict')]),
    /** Write the prompt text itself into the C2PA manifest (a hash is always written). */
    provenanceIncludePrompt: Type.Boolean(),
    /** Your own C2PA signing certificate chain (PEM, signer first) and key; default: a local chain in HOME/provenance. */
    provenanceCertChain: Type.Optional(Type.String({ minLength: 1 })),
    provenanceKey: Type.Optional(Type.String({ minLength: 1 })),
    /** A folder of learned models (each a folder with rushes-model.json), besides HOME/models. */
    modelsFolder: Type.Optional(Type.String({ minLength: 1 })),
    /** Execution providers for learned models, in order of preference; default: the best the platform has. */
    onnxProviders: Type.Optional(
      Type.Array(Type.Union([Type.Literal('cuda'), Type.Literal('dml'), Type.Literal('coreml'), Type.Literal('webgpu'), Type.Literal('cpu')]), { uniqueItems: true }),
    ),
    /** Seconds an unauthenticated connection may stay open before it says hello. */
    helloTimeoutSeconds: Type.Number({ minimum: 1, maximum: 600 }),
  },
  { additionalProperties: false },
);
export type EngineConfig = Static<typeof EngineConfigSchema>;

export const DEFAULT_CONFIG: EngineConfig = {
  port: DEFAULT_PORT,
  host: '127.0.0.1',
  maxConcurrentJobs: 1,
  maxQueuedJobs: 1000,
  allowedOrigins: [],
  policyStrictness: 'standard',
  provenanceIncludePrompt: false,
  helloTimeoutSeconds: 10,
};

const validate = new Ajv({ allErrors: true }).compile(Type.Partial(EngineConfigSchema));

export function loadConfigFile(file: string): Partial<EngineConfig> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RushesError('E_INVALID', `${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!validate(data)) {
    const why = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new RushesError('E_INVALID', `${file} has invalid settings: ${why}`);
  }
  return data as Partial<EngineConfig>;
}

/** Environment overrides, for containers and service managers. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<EngineConfig> {
  const out: Partial<EngineConfig> = {};
  if (env.RUSHES_PORT) out.port = Number(env.RUSHES_PORT);
  if (env.RUSHES_HOST) out.host = env.RUSHES_HOST;
  if (env.RUSHES_OUTPUT_ROOT) out.outputRoot = env.RUSHES_OUTPUT_ROOT;
  if (env.RUSHES_MODELS) out.modelsFolder = env.RUSHES_MODELS;
  return out;
}

export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
