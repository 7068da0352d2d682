/** Writes one marked section of docs/BENCHMARKS.md, leaving every other section as it is. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const BENCHMARKS = path.join(__dirname, '..', 'docs', 'BENCHMARKS.md');

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} cores (${cpu.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function writeSection(name: string, markdown: string): void {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  fs.mkdirSync(path.dirname(BENCHMARKS), { recursive: true });
  let doc = fs.existsSync(BENCHMARKS) ? fs.readFileSync(BENCHMARKS, 'utf8') : '# Benchmarks\n\nWritten by `npm run bench`; each section by its own script, with the machine it ran on.\n';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  doc = i !== -1 && j > i ? doc.slice(0, i) + block + doc.slice(j + end.length) : doc.trimEnd() + '\n\n' + block + '\n';
  fs.writeFileSync(BENCHMARKS, doc);
}
