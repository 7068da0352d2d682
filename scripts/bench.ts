/**
 * `npm run bench`: every benchmark script in turn, each printing its figures and writing its own
 * section of docs/BENCHMARKS.md with the machine it ran on. Pass names to run only some:
 * `npm run bench -- engine onnx`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const SCRIPTS: Record<string, string> = {
  engine: 'bench-engine.ts',
  procedural: 'bench-procedural.ts',
  watermark: 'watermark-bench.ts',
  'watermark-archetypes': 'watermark-archetypes.ts',
  policy: 'policy-eval.ts',
  onnx: 'bench-onnx.ts',
};

const wanted = process.argv.slice(2);
let failed = 0;
for (const [name, file] of Object.entries(SCRIPTS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const script = path.join(__dirname, file);
  if (!fs.existsSync(script)) continue;
  console.log(`\n=== ${name} (scripts/${file}) ===`);
  const r = spawnSync(process.execPath, [require.resolve('tsx/cli'), script], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.error(`${name} bench failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
