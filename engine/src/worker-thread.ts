/**
 * Starts a worker thread from a module beside the caller: its compiled `.js` when there is one (the
 * engine as installed), else its TypeScript source through tsx's CommonJS hook (tests, scripts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function startWorker(dir: string, name: string, options: WorkerOptions = {}): Worker {
  const js = path.join(dir, `${name}.js`);
  if (fs.existsSync(js)) return new Worker(js, options);
  const ts = path.join(dir, `${name}.ts`);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(ts)});`, { ...options, eval: true });
}
