/**
 * onnxruntime's failures, turned into job errors a user can act on. Every one is E_GENERATOR (the
 * request was fine, running the model failed); the message says what happened, to which component,
 * on which provider, and what to try. `details.reason` is a stable word for clients and tests.
 */
import { RushesError, isRushesError } from '@rushes/shared';
import { oneLine, PROVIDER_LABEL, type ProviderName } from './runtime/providers';
import { RuntimeError } from './runtime/host';

export type FailureReason = 'out-of-memory' | 'shape-mismatch' | 'model-file' | 'provider' | 'runtime-stopped';

export interface FailureContext {
  model: string;
  component: string;
  provider: ProviderName;
  /** e.g. "1280x720, 49 frames", for the out-of-memory hint. */
  size?: string;
}

const OOM = /bad_alloc|failed to allocate|out of memory|outofmemory|oom\b|cudaErrorMemoryAllocation|CUDA_ERROR_OUT_OF_MEMORY|insufficient memory|ERR_WORKER_OUT_OF_MEMORY|exit code 134/i;
const SHAPE = /invalid dimensions|invalid rank|shape mismatch|incompatible dimensions|broadcast|got: \d+ expected: \d+|invalid input shape|index: \d+ Got: \d+ Expected: \d+/i;
const FILE = /load model .* failed|no such file|ENOENT|protobuf parsing failed|failed to load model|open file|external data/i;

export function classifyFailure(message: string, workerDied = false): FailureReason {
  if (OOM.test(message)) return 'out-of-memory';
  if (workerDied) return 'runtime-stopped';
  if (FILE.test(message)) return 'model-file';
  if (SHAPE.test(message)) return 'shape-mismatch';
  return 'provider';
}

export function generatorFailure(e: unknown, ctx: FailureContext): RushesError {
  if (isRushesError(e)) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const died = e instanceof RuntimeError && e.workerDied;
  const reason = classifyFailure(raw, died);
  const where = `${ctx.model}: the ${ctx.component} on ${PROVIDER_LABEL[ctx.provider]}`;
  const msg = oneLine(raw);
  const text: Record<FailureReason, string> = {
    'out-of-memory': `${where} ran out of memory${ctx.size ? ` at ${ctx.size}` : ''}. Ask for a smaller size or fewer frames, use a float16 export, or close other programs using the ${ctx.provider === 'cpu' ? 'memory' : 'GPU'}. (${msg})`,
    'shape-mismatch': `${where} rejected a tensor shape: the ONNX file does not match its rushes-model.json (latent channels, layout, compression or names). Fix the manifest or re-export the model. (${msg})`,
    'model-file': `${where} could not be loaded: the file is missing, truncated or not ONNX. Re-copy or re-export it. (${msg})`,
    provider: `${where} failed. If this keeps happening with a GPU provider, set the onnx providers to ["cpu"] to rule the provider out. (${msg})`,
    'runtime-stopped': `${where} stopped the runtime worker; the engine is still running and the next job starts a fresh one. (${msg})`,
  };
  return new RushesError('E_GENERATOR', text[reason], { reason, component: ctx.component, provider: ctx.provider });
}

export function cancelled(): RushesError {
  return new RushesError('E_CANCELLED', 'The job was cancelled.');
}
