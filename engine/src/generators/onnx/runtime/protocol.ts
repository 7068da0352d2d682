/**
 * Messages between the engine and its onnxruntime worker thread. onnxruntime-node runs a session
 * synchronously on the calling thread, so a denoiser step on the main thread would freeze every socket
 * for its whole duration; in a worker, the daemon keeps answering while models run.
 */
import type { ProviderName } from './providers';

export type ElementType = 'float32' | 'float16' | 'int64' | 'int32';

/** A tensor crossing the thread boundary; `data`'s buffer is transferred, not copied. */
export interface WireTensor {
  type: ElementType;
  dims: number[];
  data: Float32Array | Uint16Array | BigInt64Array | Int32Array;
}

/** A tensor that stays in the worker (on the device where the provider allows), named by the caller. */
export interface TensorRef {
  ref: string;
}

export interface ValueMeta {
  name: string;
  type: string;
  /** Numbers for fixed dimensions, strings for symbolic ones. */
  shape: Array<number | string>;
}

export interface SessionMeta {
  inputs: ValueMeta[];
  outputs: ValueMeta[];
}

export type WorkerRequest =
  | { op: 'probe'; provider: ProviderName }
  | { op: 'adapter' }
  | { op: 'load'; key: string; file: string; provider: ProviderName; keepOnDevice: string[]; threads?: number }
  | {
      op: 'run';
      key: string;
      feeds: Record<string, WireTensor | TensorRef>;
      fetch: string[];
      /** Outputs to keep in the worker under a name instead of returning them. */
      keep?: Record<string, string>;
    }
  | { op: 'put'; ref: string; tensor: WireTensor }
  | { op: 'where'; refs: string[] }
  | { op: 'drop'; refs: string[] }
  | { op: 'unload' };

export type WorkerReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: { message: string; name: string } };

export function isRef(v: WireTensor | TensorRef): v is TensorRef {
  return typeof (v as TensorRef).ref === 'string';
}
