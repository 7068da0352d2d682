import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { Daemon } from '@rushes/engine';
import type { NotificationParams } from '@rushes/shared';
import { validateNotification } from '@rushes/shared/validate';
import { readC2pa } from '../../engine/src/provenance/c2pa';
import { connect, ffprobe, startTestDaemon } from '../helpers/engine';

describe('engine end to end: socket -> queue -> testpattern -> ffmpeg -> ffprobe', () => {
  let d: Daemon;
  before(async () => {
    d = await startTestDaemon();
  });
  after(() => d.close());

  it('renders a 23.976 fps MP4 that ffprobe reads back frame-exact, with progress on the way', async () => {
    const c = await connect(d);
    const progress: NotificationParams<'jobs.progress'>[] = [];
    c.on('jobs.progress', (p) => {
      assert.deepEqual(validateNotification('jobs.progress', p), []);
      progress.push(p);
    });
    const finished = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', r));
    const sub = await c.call('jobs.submit', {
      request: { prompt: 'Colour bars for a 23.976 check', durationSeconds: 2, fps: { num: 24000, den: 1001 }, width: 320, height: 180, seed: 1, startTimecode: '01:00:00:00' },
      idempotencyKey: 'e2e-1',
    });
    assert.equal(sub.deduplicated, false);
    assert.equal(sub.job.request.frames, 48, 'round(2 * 24000 / 1001)');
    await c.subscribe([sub.jobId]);
    const fin = await finished;
    assert.deepEqual(validateNotification('jobs.finished', fin), []);
    assert.equal(fin.state, 'done', JSON.stringify(fin.error));
    const out = fin.outputs[0]!;
    assert.ok(path.isAbsolute(out.path) && out.path.startsWith(d.paths.outputs + path.sep));
    assert.deepEqual(out.fps, { num: 24000, den: 1001 });
    const probe = await ffprobe(out.path);
    assert.equal(probe.codec, 'h264');
    assert.equal(probe.pixFmt, 'yuv420p');
    assert.equal(probe.width, 320);
    assert.equal(probe.height, 180);
    assert.equal(probe.rate, '24000/1001');
    assert.equal(probe.frames, 48);
    assert.ok(Math.abs(probe.duration - (48 * 1001) / 24000) < 0.01, String(probe.duration));
    assert.equal(probe.timecode, '01:00:00:00');
    assert.equal(out.sha256, createHash('sha256').update(fs.readFileSync(out.path)).digest('hex'));
    assert.ok(out.posterPath && fs.existsSync(out.posterPath));
    assert.ok(progress.some((p) => p.state === 'running' && p.progress > 0 && p.progress < 1));
    assert.ok(progress.every((p, i) => i === 0 || p.progress >= progress[i - 1]!.progress || p.state === 'done'));
    const job = await c.call('jobs.get', { jobId: sub.jobId });
    assert.equal(job.state, 'done');
    assert.equal(job.attempts, 1);
    assert.ok(!fs.readdirSync(d.paths.partial).length, 'no partial files left behind');
    c.close();
  });

  it('writes ProRes 422 HQ and a PNG sequence in one job', async () => {
    const c = await connect(d);
    const sub = await c.call('jobs.submit', {
      request: { prompt: 'formats', frames: 12, fps: { num: 25, den: 1 }, width: 160, height: 90, formats: ['prores', 'png'], seed: 3 },
      idempotencyKey: 'e2e-formats',
    });
    const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', r));
    await c.subscribe([sub.jobId]);
    const fin = await done;
    assert.equal(fin.state, 'done', JSON.stringify(fin.error));
    const prores = fin.outputs.find((o) => o.format === 'prores')!;
    const p = await ffprobe(prores.path);
    assert.equal(p.codec, 'prores');
    assert.equal(p.frames, 12);
    assert.equal(p.rate, '25/1');
    assert.match(p.pixFmt, /422/);
    const png = fin.outputs.find((o) => o.format === 'png')!;
    assert.equal(png.sequence!.lastFrame - png.sequence!.firstFrame + 1, 12);
    assert.equal(fs.readdirSync(png.path).filter((f) => f.endsWith('.png')).length, 12);
    assert.ok(fs.existsSync(png.sequence!.firstPath));
    c.close();
  });

  it('refuses an unknown generator and a request beyond the generator\'s limits with a clear code', async () => {
    const c = await connect(d);
    await assert.rejects(c.call('jobs.submit', { request: { prompt: 'x', generator: 'nope' }, idempotencyKey: 'g1' }), (e: { code: string; message: string }) => e.code === 'E_UNSUPPORTED' && /testpattern/.test(e.message));
    await assert.rejects(c.call('jobs.submit', { request: { prompt: 'x', frames: 10, durationSeconds: 10 }, idempotencyKey: 'g2' }), (e: { code: string }) => e.code === 'E_INVALID');
    await assert.rejects(c.call('jobs.submit', { request: { prompt: 'x', references: { image: 'relative.png' } }, idempotencyKey: 'g3' }), (e: { code: string }) => e.code === 'E_INVALID');
    c.close();
  });

  it('refuses a request the usage policy forbids, before any work, with E_POLICY and the rule', async () => {
    const c = await connect(d);
    const before = (await c.call('jobs.list', { limit: 500 })).jobs.length;
    await assert.rejects(
      c.call('jobs.submit', { request: { prompt: 'photorealistic footage of Barack Obama giving a speech' }, idempotencyKey: 'policy-1' }),
      (e: { code: string; details?: { rule?: string; rpcCode?: number } }) =>
        e.code === 'E_POLICY' && e.details?.rule === 'people.public-figure.realistic' && e.details?.rpcCode === -32010,
    );
    await assert.rejects(
      c.call('jobs.submit', { request: { prompt: 'a title card', plan: { overlays: [{ text: 'graphic gore, decapitated body' }] } }, idempotencyKey: 'policy-2' }),
      (e: { code: string }) => e.code === 'E_POLICY',
      'text carried by an edited plan is checked too',
    );
    assert.equal((await c.call('jobs.list', { limit: 500 })).jobs.length, before, 'no job was created');
    c.close();
  });

  it('signs every output with C2PA that the reference reader validates', async () => {
    const c = await connect(d);
    const sub = await c.call('jobs.submit', { request: { prompt: 'signed', frames: 6, width: 160, height: 90, seed: 8 }, idempotencyKey: 'c2pa-1' });
    const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', (f) => f.jobId === sub.jobId && r(f)));
    await c.subscribe([sub.jobId]);
    const fin = await done;
    const report = await readC2pa(fin.outputs[0]!.path);
    assert.equal(report.status, 'valid', JSON.stringify(report).slice(0, 500));
    assert.equal(fin.outputs[0]!.sha256, createHash('sha256').update(fs.readFileSync(fin.outputs[0]!.path)).digest('hex'), 'hash taken after signing');
    c.close();
  });
});
