/**
 * The engine's side of the onnxruntime worker: starts it on first use, sends requests, and turns a
 * worker that dies (out of memory, a crash in a provider) into a job error while the engine goes on;
 * the next request starts a fresh worker.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../../worker-thread';
import { isRef, type SessionMeta, type TensorRef, type WireTensor, type WorkerReply, type WorkerRequest } from './protocol';
import type { ProviderEnvironment, ProviderName } from './providers';

export interface RuntimeHostOptions {
  /** Heap limit for the worker's JavaScript (tensors live outside it, in native memory). */
  maxOldGenerationSizeMb?: number;
}

/** Thrown for a request the worker failed; `message` is onnxruntime's own. */
export class RuntimeError extends Error {
  constructor(
    message: string,
    readonly workerDied = false,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

export class RuntimeHost {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** Bumped each time a worker starts, so callers can tell their sessions were lost. */
  generation = 0;

  constructor(private readonly opts: RuntimeHostOptions = {}) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = startWorker(__dirname, 'worker', { resourceLimits: this.limits() });
    w.unref();
    this.generation++;
    w.on('message', (m: WorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new RuntimeError(m.error.message));
    });
    const died = (why: string): void => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values()) p.reject(new RuntimeError(why, true));
      this.pending.clear();
    };
    w.on('error', (e) => died(`the onnxruntime worker failed: ${e.message}`));
    w.on('exit', (code) => died(`the onnxruntime worker stopped (exit code ${code})`));
    this.worker = w;
    return w;
  }

  /** Whether the worker that was current at `gen` is still the one running (its sessions still exist). */
  alive(gen: number): boolean {
    return this.worker !== null && this.generation === gen;
  }

  private limits(): { maxOldGenerationSizeMb: number } | undefined {
    return this.opts.maxOldGenerationSizeMb ? { maxOldGenerationSizeMb: this.opts.maxOldGenerationSizeMb } : undefined;
  }

  call<T>(req: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    const w = this.start();
    const id = this.nextId++;
    // The worker is unref'd while idle so it never holds the process open; it is ref'd while busy.
    w.ref();
    const settle = (): void => {
      if (!this.pending.size && this.worker === w) w.unref();
    };
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (v) => {
          resolve(v as T);
          settle();
        },
        reject: (e) => {
          reject(e);
          settle();
        },
      });
      w.postMessage({ id, req }, transfer);
    });
  }

  load(key: string, file: string, provider: ProviderName, keepOnDevice: string[] = [], threads?: number): Promise<SessionMeta> {
    return this.call<SessionMeta>({ op: 'load', key, file, provider, keepOnDevice, ...(threads ? { threads } : {}) });
  }

  /**
   * Runs a loaded session. Input buffers are transferred to the worker (the caller must not reuse
   * them); pass `copy: true` to send copies instead.
   */
  run(key: string, feeds: Record<string, WireTensor | TensorRef>, fetch: string[], keep?: Record<string, string>): Promise<Record<string, WireTensor>> {
    const transfer = new Set<ArrayBuffer>();
    for (const v of Object.values(feeds)) if (!isRef(v) && v.data.buffer instanceof ArrayBuffer) transfer.add(v.data.buffer);
    return this.call<Record<string, WireTensor>>({ op: 'run', key, feeds, fetch, ...(keep ? { keep } : {}) }, [...transfer]);
  }

  /** Stores a host tensor in the worker under a name, to be fed by reference to later runs. */
  put(ref: string, tensor: WireTensor): Promise<void> {
    return this.call<void>({ op: 'put', ref, tensor }, tensor.data.buffer instanceof ArrayBuffer ? [tensor.data.buffer] : []);
  }

  /** Where kept tensors live ("cpu", "gpu-buffer", ...). */
  where(refs: string[]): Promise<Record<string, string>> {
    return this.call<Record<string, string>>({ op: 'where', refs });
  }

  drop(refs: string[]): Promise<void> {
    return this.worker ? this.call<void>({ op: 'drop', refs }) : Promise.resolve();
  }

  async unload(): Promise<void> {
    if (this.worker) await this.call<void>({ op: 'unload' });
  }

  /** Stops the worker; requests in flight fail as if it had died, and the next request starts a new one. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new RuntimeError('the onnxruntime worker was stopped', true));
    this.pending.clear();
    if (w) await w.terminate();
  }

  /** The real machine, as runtime/providers.ts wants to see it. */
  environment(): ProviderEnvironment {
    // Required here, not at the top: the generator module must load even where the native binding cannot.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ort = require('onnxruntime-node') as typeof import('onnxruntime-node');
    let available: string[];
    try {
      available = ort.listSupportedBackends().map((b) => b.name);
    } catch {
      available = ['cpu'];
    }
    return {
      platform: process.platform,
      available,
      probe: (provider) => this.call<string | null>({ op: 'probe', provider }),
      adapter: () => this.call<{ description: string; software: boolean } | null>({ op: 'adapter' }),
    };
  }
}

/** Whether onnxruntime-node's native binding loads on this machine; the reason when it does not. */
export function runtimeAvailable(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('onnxruntime-node');
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

