/**
 * Figures for docs/PROVENANCE.md: time to sign (finish) and to verify a 5 s 1280x720 clip, and what the
 * manifest adds. Not a test (mocha does not pick it up): run `npx tsx tests/provenance/c2pa-bench.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createC2paFinisher, readC2pa } from '../../engine/src/provenance/c2pa';
import { FFMPEG, identity, tmpDir } from './c2pa-fixtures';

async function main(): Promise<void> {
  const dir = tmpDir('rushes-c2pa-bench-');
  const src = ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=1280x720:r=24', '-t', '5'];
  const outputs = [
    { name: 'mp4 (H.264, CRF 18)', format: 'mp4' as const, file: path.join(dir, 'clip.mp4'), args: ['-c:v', 'libx264', '-crf', '18', '-pix_fmt', 'yuv420p'] },
    { name: 'mov (ProRes 422 HQ)', format: 'prores' as const, file: path.join(dir, 'clip.mov'), args: ['-c:v', 'prores_ks', '-profile:v', '3'] },
  ];
  const finisher = createC2paFinisher({ home: path.join(dir, 'home') });
  const t0 = performance.now();
  await finisher.prepare();
  console.log(`first run: local chain created in ${(performance.now() - t0).toFixed(0)} ms`);
  const id = identity({ request: { ...identity().request, width: 1280, height: 720, frames: 120, durationSeconds: 5 } });
  for (const o of outputs) {
    execFileSync(FFMPEG, [...src, ...o.args, o.file]);
    const before = fs.statSync(o.file).size;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const copy = `${o.file}.${i}${path.extname(o.file)}`;
      fs.copyFileSync(o.file, copy);
      const t = performance.now();
      await finisher.finish(copy, o.format, id);
      runs.push(performance.now() - t);
    }
    const signed = `${o.file}.2${path.extname(o.file)}`;
    const t = performance.now();
    const report = await readC2pa(signed);
    const verifyMs = performance.now() - t;
    console.log(
      `${o.name}: ${(before / 1e6).toFixed(2)} MB, finish ${runs.map((r) => r.toFixed(0)).join(' / ')} ms (first includes WASM start), ` +
        `manifest +${fs.statSync(signed).size - before} bytes, verify ${verifyMs.toFixed(0)} ms, status ${report.status}`,
    );
  }
  const seq = path.join(dir, 'seq');
  fs.mkdirSync(seq);
  execFileSync(FFMPEG, [...src, '-start_number', '0', path.join(seq, 'clip.%06d.png')]);
  const t = performance.now();
  await finisher.finish(seq, 'png', id);
  const finishMs = performance.now() - t;
  const sidecar = path.join(seq, 'clip.c2pa');
  const t2 = performance.now();
  const report = await readC2pa(seq);
  console.log(
    `png sequence: 120 frames, ${(fs.readdirSync(seq).reduce((n, f) => n + fs.statSync(path.join(seq, f)).size, 0) / 1e6).toFixed(1)} MB, ` +
      `finish ${finishMs.toFixed(0)} ms, sidecar ${fs.statSync(sidecar).size} bytes, verify ${(performance.now() - t2).toFixed(0)} ms, status ${report.status}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
