/**
 * The onnxruntime worker thread: owns the sessions and the tensors kept between runs. Requests come in
 * one at a time from runtime/host.ts; every failure is sent back as a message, never thrown across.
 */
import { parentPort } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { isRef, type SessionMeta, type WireTensor, type WorkerReply, type WorkerRequest } from './protocol';
import { probeModel, PROBE_EXPECTED } from './probe-model';
import type { ProviderName } from './providers';

// onnxruntime logs a provider that fails to load (CUDA without its libraries) at error level on stderr;
// those failures reach the engine as exceptions and end up in the provider notes, so only fatal ones
// are printed unless RUSHES_ORT_LOG asks for more (verbose, info, warning, error, fatal).
ort.env.logLevel = (process.env.RUSHES_ORT_LOG as typeof ort.env.logLevel) || 'fatal';

const sessions = new Map<string, ort.InferenceSession>();
const kept = new Map<string, ort.Tensor>();

function providerOptions(p: ProviderName): ort.InferenceSession.ExecutionProviderConfig[] {
  // CPU is listed after a GPU provider so that nodes the GPU provider cannot run still run.
  return p === 'cpu' ? ['cpu'] : [p as ort.InferenceSession.ExecutionProviderConfig, 'cpu'];
}

async function probe(p: ProviderName): Promise<string | null> {
  try {
    const s = await ort.InferenceSession.create(probeModel(), { executionProviders: [p as ort.InferenceSession.ExecutionProviderConfig] });
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1]), [2]) });
    const y = Array.from(out.y!.data as Float32Array);
    await s.release();
    return y[0] === PROBE_EXPECTED[0] && y[1] === PROBE_EXPECTED[1] ? null : `wrong answer from the test model: ${y.join(', ')}`;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Asks Dawn (npm "webgpu") which adapter WebGPU would get, to tell a GPU from a software rasteriser. */
async function adapter(): Promise<{ description: string; software: boolean } | null> {
  type Info = { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  try {
    process.env.XDG_RUNTIME_DIR ??= '/tmp';
    const dawn = (await import('webgpu')) as unknown as { create: (flags: string[]) => { requestAdapter(o?: object): Promise<{ info: Info; isFallbackAdapter?: boolean } | null> } };
    const gpu = dawn.create([]);
    const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!a) return null;
    const info = a.info ?? {};
    const description = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ').trim() || 'unknown adapter';
    const software = Boolean(a.isFallbackAdapter || info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software|microsoft basic render/i.test(description);
    return { description, software };
  } catch {
    return null;
  }
}

function toOrt(t: WireTensor): ort.Tensor {
  return new ort.Tensor(t.type, t.data as never, t.dims);
}

async function toWire(t: ort.Tensor): Promise<WireTensor> {
  // A tensor on the GPU is downloaded here; getData(true) releases its device buffer afterwards.
  const data = t.location === 'cpu' ? t.data : await t.getData(true);
  return { type: t.type as WireTensor['type'], dims: [...t.dims], data: data as WireTensor['data'] };
}

async function handle(req: WorkerRequest): Promise<unknown> {
  switch (req.op) {
    case 'probe':
      return probe(req.provider);
    case 'adapter':
      return adapter();
    case 'load': {
      const old = sessions.get(req.key);
      if (old) await old.release();
      sessions.delete(req.key);
      const opts: ort.InferenceSession.SessionOptions = {
        executionProviders: providerOptions(req.provider),
        graphOptimizationLevel: 'all',
        ...(req.threads ? { intraOpNumThreads: req.threads } : {}),
      };
      // Outputs that feed the next run stay on the GPU (WebGPU IO binding); other providers copy to host.
      if (req.provider === 'webgpu' && req.keepOnDevice.length) {
        opts.preferredOutputLocation = Object.fromEntries(req.keepOnDevice.map((n) => [n, 'gpu-buffer' as const]));
      }
      const s = await ort.InferenceSession.create(req.file, opts);
      sessions.set(req.key, s);
      const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) =>
        m.map((v) => ({ name: v.name, type: v.isTensor ? v.type : 'non-tensor', shape: v.isTensor ? [...v.shape] : [] }));
      const result: SessionMeta = { inputs: meta(s.inputMetadata), outputs: meta(s.outputMetadata) };
      return result;
    }
    case 'run': {
      const s = sessions.get(req.key);
      if (!s) throw new Error(`no session "${req.key}" is loaded`);
      const feeds: Record<string, ort.Tensor> = {};
      for (const [name, v] of Object.entries(req.feeds)) {
        if (isRef(v)) {
          const t = kept.get(v.ref);
          if (!t) throw new Error(`no kept tensor "${v.ref}"`);
          feeds[name] = t;
        } else feeds[name] = toOrt(v);
      }
      const out = await s.run(feeds, req.fetch);
      const result: Record<string, WireTensor> = {};
      for (const name of req.fetch) {
        const t = out[name] as ort.Tensor | undefined;
        if (!t) throw new Error(`the model returned no output "${name}"`);
        const keepAs = req.keep?.[name];
        if (keepAs) {
          kept.get(keepAs)?.dispose();
          kept.set(keepAs, t);
        } else result[name] = await toWire(t);
      }
      return result;
    }
    case 'put':
      kept.get(req.ref)?.dispose();
      kept.set(req.ref, toOrt(req.tensor));
      return null;
    case 'where':
      // Where kept tensors live: "gpu-buffer" on WebGPU when IO binding kept them on the device, else "cpu".
      return Object.fromEntries(req.refs.map((r) => [r, kept.get(r)?.location ?? 'absent']));
    case 'drop':
      for (const r of req.refs) {
        kept.get(r)?.dispose();
        kept.delete(r);
      }
      return null;
    case 'unload':
      for (const t of kept.values()) t.dispose();
      kept.clear();
      for (const s of sessions.values()) await s.release();
      sessions.clear();
      return null;
  }
}

function transferList(v: unknown): ArrayBuffer[] {
  if (!v || typeof v !== 'object') return [];
  const buffers = new Set<ArrayBuffer>();
  for (const t of Object.values(v as Record<string, unknown>)) {
    if (t && typeof t === 'object' && 'data' in t && (t as WireTensor).data?.buffer instanceof ArrayBuffer) buffers.add((t as WireTensor).data.buffer as ArrayBuffer);
  }
  return [...buffers];
}

// Requests are handled strictly in order: onnxruntime sessions are not to be run concurrently here.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: { id: number; req: WorkerRequest }) => {
  queue = queue.then(async () => {
    let reply: WorkerReply;
    try {
      reply = { id: msg.id, ok: true, result: await handle(msg.req) };
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      reply = { id: msg.id, ok: false, error: { message: err.message, name: err.name } };
    }
    parentPort!.postMessage(reply, reply.ok ? transferList(reply.result) : []);
  });
});
