import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { runCli, tmpHome } from '../helpers/engine';

const ffmpeg = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;

describe('rushes verify', function () {
  this.timeout(180000);
  let home: string;
  let clip: string;
  let jobId: string;

  before(async () => {
    home = tmpHome();
    // Textured content: the watermark's strength follows local texture (docs/PROVENANCE.md), and the
    // combined-attack figures per content type are in docs/BENCHMARKS.md, not asserted here.
    const r = await runCli(['generate', 'aerial drone flyover of a dense pine forest at noon', '--generator', 'procedural', '--duration', '3', '--size', '640x360', '--seed', '11', '--home', home, '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const job = JSON.parse(r.stdout).job;
    clip = job.outputs[0].path;
    jobId = job.id;
  });

  it('reports a fresh clip as marked: valid C2PA, watermark found, and its local job (exit 0)', async () => {
    const r = await runCli(['verify', clip, '--json', '--home', home]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const v = JSON.parse(r.stdout);
    assert.equal(v.verdict, 'marked');
    assert.equal(v.c2pa.status, 'valid');
    assert.equal(v.c2pa.trusted, true, 'this install trusts its own root');
    assert.equal(v.watermark.found, true, JSON.stringify(v.watermark));
    assert.equal(v.watermark.fromThisInstall, true);
    assert.equal(v.localJob.id, jobId);
    const human = await runCli(['verify', clip, '--home', home]);
    assert.match(human.stdout, /MARKED/);
  });

  it('still finds the watermark and the job after a CRF 28 re-encode and a trim strip the manifest', async () => {
    const attacked = path.join(home, 'attacked.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-ss', '0.5', '-i', clip, '-c:v', 'libx264', '-crf', '28', attacked]);
    const r = await runCli(['verify', attacked, '--json', '--home', home]);
    const v = JSON.parse(r.stdout);
    assert.equal(v.c2pa.status, 'absent');
    assert.equal(v.watermark.found, true, JSON.stringify(v.watermark));
    assert.ok(v.watermark.pValue < 1e-10, `margin: p = ${v.watermark.pValue}`);
    assert.equal(v.verdict, 'marked');
    assert.equal(r.code, 0);
    assert.equal(v.localJob?.id, jobId);
    assert.equal(v.localJob?.matchedBy, 'watermark');
  });

  it('names the job after the combined edit at CRF 33, by matching the mark against this install\'s jobs', async () => {
    // Trim, 10% crop, 50% downscale (to 288x162) and CRF 33: past what blind decoding reads on this clip,
    // so this exercises informed detection (docs/PROVENANCE.md); the combined edit at CRF 28 decodes blind.
    const attacked = path.join(home, 'combined-crf33.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-ss', '0.4', '-i', clip, '-vf', 'crop=iw*0.9:ih*0.9:iw*0.06:ih*0.02,scale=iw/2:-2', '-c:v', 'libx264', '-crf', '33', '-pix_fmt', 'yuv420p', attacked]);
    // 2 s, as the check reads (verify reads up to 10 s by default: all of this clip).
    const r = await runCli(['verify', attacked, '--json', '--seconds', '2', '--home', home]);
    const v = JSON.parse(r.stdout);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(v.watermark.found, true, JSON.stringify(v.watermark));
    assert.equal(v.watermark.method, 'matched', JSON.stringify(v.watermark));
    assert.equal(v.watermark.comparedWith, 1);
    assert.equal(v.watermark.fromThisInstall, true);
    assert.equal(v.localJob?.id, jobId);
    assert.equal(v.localJob?.matchedBy, 'watermark');
    const human = await runCli(['verify', attacked, '--seconds', '2', '--home', home]);
    assert.match(human.stdout, /matched against this install's 1 job;/);
  });

  it('calls an unmarked clip unmarked (exit 4) and an edited signed clip tampered (exit 5)', async () => {
    const plain = path.join(home, 'plain.mp4');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=640x360:r=24', '-frames:v', '48', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', plain]);
    const u = await runCli(['verify', plain, '--json', '--home', home]);
    assert.equal(u.code, 4, u.stdout);
    assert.equal(JSON.parse(u.stdout).verdict, 'unmarked');
    const tampered = path.join(home, 'tampered.mp4');
    const bytes = fs.readFileSync(clip);
    bytes[Math.floor(bytes.length * 0.6)] ^= 0xff;
    fs.writeFileSync(tampered, bytes);
    const t = await runCli(['verify', tampered, '--json', '--home', home]);
    assert.equal(t.code, 5, t.stdout);
    assert.equal(JSON.parse(t.stdout).c2pa.status, 'invalid');
    const missing = await runCli(['verify', path.join(home, 'nope.mp4'), '--json', '--home', home]);
    assert.equal(missing.code, 2);
    for (const bad of [['--start', 'soon'], ['--start', '-1'], ['--seconds', '0'], ['--seconds', '600'], ['--seconds', 'all']]) {
      const r = await runCli(['verify', clip, '--json', '--home', home, ...bad]);
      assert.equal(r.code, 2, `${bad.join(' ')}: ${r.stdout}`);
      assert.match(JSON.parse(r.stdout).error.message, /--(start|seconds)/);
    }
  });
});
