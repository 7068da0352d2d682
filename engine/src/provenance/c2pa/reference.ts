/**
 * The reference C2PA implementation (c2pa-rs, compiled to WebAssembly as @contentauth/c2pa-wasm), made
 * to run in Node 20.
 *
 * The package is an ES module built for browsers and workers:
 * - it is loaded with a dynamic `import()` (the engine is CommonJS) and initialised from the .wasm
 *   file on disk (`initSync` with a compiled module), not fetched;
 * - `WasmBuilder.sign` reads its source `Blob` with `FileReaderSync`, which exists only in browser
 *   workers. We hand it a `ByteSource` (the three members it uses: `size`, `slice`, and being readable
 *   by `FileReaderSync.readAsArrayBuffer`) and install a `FileReaderSync` that reads only those. The
 *   shim is installed only where no `FileReaderSync` exists, and refuses anything that is not ours.
 *   (`WasmReader.fromBytes` needs neither.)
 *
 * Calls are serialised: one builder or reader at a time holds whole files in the WASM heap, and the
 * heap of a 32-bit WASM module is at most 4 GiB.
 */
import fs from 'node:fs/promises';

export type C2paWasm = typeof import('@contentauth/c2pa-wasm', { with: { 'resolution-mode': 'import' } });

/** The version of c2pa-rs inside the WASM build (what `claim_generator_info` reports as org.contentauth.c2pa_rs). */
export const REFERENCE_NAME = '@contentauth/c2pa-wasm';

/**
 * Marks our byte sources with a registered symbol rather than relying on `instanceof`: the shim is
 * global, and a process can hold two copies of this module (compiled and source, as in the tests)
 * sharing the one ES-module instance of c2pa-wasm.
 */
const BYTE_SOURCE = Symbol.for('rushes.c2pa.ByteSource');

/** A read-only, in-memory stand-in for a `Blob`, readable by the `FileReaderSync` shim below. */
export class ByteSource {
  readonly [BYTE_SOURCE] = true;
  constructor(readonly bytes: Uint8Array) {}
  get size(): number {
    return this.bytes.byteLength;
  }
  slice(start?: number, end?: number): ByteSource {
    return new ByteSource(this.bytes.subarray(start, end));
  }
  /** Typed as the DOM `Blob` the bindings declare; it only ever meets the shim. */
  asBlob(): Blob {
    return this as unknown as Blob;
  }
}

class NodeFileReaderSync {
  readAsArrayBuffer(source: unknown): ArrayBuffer {
    if (!(typeof source === 'object' && source !== null && (source as { [BYTE_SOURCE]?: boolean })[BYTE_SOURCE] === true)) {
      throw new TypeError('This FileReaderSync (Rushes, for c2pa-wasm in Node) reads only its own ByteSource.');
    }
    const b = (source as ByteSource).bytes;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
}

function installFileReaderSync(): void {
  const g = globalThis as { FileReaderSync?: unknown };
  if (g.FileReaderSync === undefined) g.FileReaderSync = NodeFileReaderSync;
}

let loading: Promise<C2paWasm> | undefined;

/** The initialised bindings (first call compiles about 9 MB of WASM: a few hundred ms). */
export function referenceC2pa(): Promise<C2paWasm> {
  loading ??= (async () => {
    installFileReaderSync();
    const mod = await import('@contentauth/c2pa-wasm');
    const bytes = await fs.readFile(require.resolve('@contentauth/c2pa-wasm/c2pa.wasm'));
    mod.initSync({ module: await WebAssembly.compile(bytes) });
    return mod;
  })().catch((e: unknown) => {
    loading = undefined;
    throw e;
  });
  return loading;
}

/** One queue per process, like the WASM instance it guards (see BYTE_SOURCE on module copies). */
const QUEUE = Symbol.for('rushes.c2pa.queue');
const holder = globalThis as { [QUEUE]?: Promise<unknown> };

/** Runs `fn` after every earlier call has settled (see the note on memory above). */
export function exclusive<T>(fn: (c2pa: C2paWasm) => Promise<T>): Promise<T> {
  const run = (holder[QUEUE] ?? Promise.resolve()).then(async () => fn(await referenceC2pa()));
  holder[QUEUE] = run.catch(() => undefined);
  return run;
}

/**
 * c2pa-wasm throws plain strings such as `C2pa(JumbfNotFound)`; this gives them one shape.
 * `kind` is the variant name (JumbfNotFound, UnsupportedType, ...) when there is one.
 */
export function referenceError(e: unknown): { kind: string; message: string } {
  const message = typeof e === 'string' ? e : e instanceof Error ? e.message : String(e);
  const m = /^C2pa\((\w+)/.exec(message);
  return { kind: m?.[1] ?? 'Error', message };
}
