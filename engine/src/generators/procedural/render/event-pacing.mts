/**
 * Paces dawn.node's event polling so that waiting on the GPU does not burn a CPU core.
 *
 * dawn.node settles every WebGPU promise (mapAsync, onSubmittedWorkDone, createRenderPipelineAsync) by
 * calling wgpuInstanceProcessEvents from a `setImmediate` callback that schedules itself again for as
 * long as any promise is pending (Dawn, src/dawn/node/binding/AsyncRunner.cpp, "We probably want to
 * reduce the frequency at which this gets called", crbug.com/dawn/1127). A readback ring always has a
 * map in flight, so for a whole clip the main thread spins: measured with `perf` on 2 cores rendering on
 * lavapipe, that loop took about half of all CPU time, taken from lavapipe's rasteriser threads and from
 * the encoder.
 *
 * The binding looks `setImmediate` up on the global object each time, so the global is wrapped: a poll
 * that re-schedules itself keeps polling immediately for a short spin window (a GPU answers within
 * microseconds, and waiting longer would cost a real GPU throughput), then backs off to a timer. Only
 * dawn's callbacks are paced: they are native functions without a name, which no JavaScript code can
 * create; every other caller gets the real `setImmediate`, untouched.
 */

/** Keep polling back to back for this long after a wait starts (a GPU's answer usually comes first). */
const SPIN_MS = 0.25;
/** Then poll this often: Node's timers have 1 ms resolution, and 1,000 polls a second cost almost nothing. */
const BACKOFF_MS = 1;

let installed = false;

/** dawn.node's poll callbacks: native functions without a name (JavaScript cannot make one). */
export function isDawnPoll(fn: unknown): fn is (...a: unknown[]) => void {
  return typeof fn === 'function' && fn.name === '' && Function.prototype.toString.call(fn).includes('[native code]');
}

type SetImmediate = (fn: (...a: unknown[]) => void, ...args: unknown[]) => unknown;

/**
 * A `setImmediate` that hands `isPoll` callbacks to the real one while a wait is young and to a 1 ms
 * timer after that, and everything else straight to the real one.
 */
export function pacedSetImmediate(original: SetImmediate, isPoll: (fn: unknown) => boolean = isDawnPoll, spinMs = SPIN_MS): SetImmediate {
  let polling = false; // true while one of the poll callbacks runs
  let waitStarted = 0; // when the current run of back-to-back polls began
  return function setImmediate(fn: (...a: unknown[]) => void, ...args: unknown[]) {
    if (!isPoll(fn)) return original(fn, ...args);
    const now = performance.now();
    // A poll scheduled from outside a poll starts a new wait; one scheduled from inside continues it.
    if (!polling) waitStarted = now;
    const run = () => {
      polling = true;
      try {
        fn(...args);
      } finally {
        polling = false;
      }
    };
    if (now - waitStarted < spinMs) return original(run);
    return setTimeout(run, BACKOFF_MS);
  };
}

/**
 * Wraps the global `setImmediate` once per process (dawn.node looks it up there on every poll).
 * RUSHES_POLL_SPIN_MS sets the spin window (measuring on a GPU machine, where a core is cheap).
 */
export function installEventPacing(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.setImmediate;
  const spin = Number(process.env.RUSHES_POLL_SPIN_MS);
  const paced = pacedSetImmediate(original as unknown as SetImmediate, isDawnPoll, Number.isFinite(spin) && spin >= 0 ? spin : SPIN_MS);
  // Keep `setImmediate.__promisify__` and friends that util.promisify looks for.
  Object.assign(paced, original);
  globalThis.setImmediate = paced as unknown as typeof globalThis.setImmediate;
}
