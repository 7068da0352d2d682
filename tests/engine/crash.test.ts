import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import type { NotificationParams } from '@rushes/shared';
import { connect, ffprobe, spawnDaemon, tmpHome } from '../helpers/engine';

/** Every file under a folder, relative. */
function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe('crash recovery: a daemon killed mid-job', function () {
  this.timeout(90000);

  it('re-runs the job after a restart, finishes it once, and never shows a partial file', async () => {
    const home = tmpHome();
    const first = await spawnDaemon(home);
    const c1 = await connect(first);
    const request = { prompt: 'crash me', frames: 240, width: 640, height: 360, seed: 9 };
    const { jobId } = await c1.call('jobs.submit', { request, idempotencyKey: 'crash-1' });
    await new Promise<void>((resolve) => {
      c1.on('jobs.progress', (p) => p.jobId === jobId && p.state === 'running' && p.progress > 0.05 && resolve());
      void c1.subscribe([jobId]);
    });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    c1.close();

    const visible = walk(path.join(home, 'outputs')).filter((f) => !f.startsWith('.partial'));
    assert.deepEqual(visible, [], 'nothing visible in the output folder after the kill');

    const second = await spawnDaemon(home);
    try {
      const c2 = await connect(second);
      const finished: NotificationParams<'jobs.finished'>[] = [];
      c2.on('jobs.finished', (f) => finished.push(f));
      const [snapshot] = await c2.subscribe([jobId]);
      assert.ok(['queued', 'running', 'encoding', 'done'].includes(snapshot!.state), snapshot!.state);
      while (!finished.length) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(finished.length, 1, 'jobs.finished exactly once');
      assert.equal(finished[0]!.state, 'done', JSON.stringify(finished[0]!.error));
      const job = await c2.call('jobs.get', { jobId });
      assert.equal(job.attempts, 2, 'rendered again after the restart');
      const probe = await ffprobe(job.outputs[0]!.path);
      assert.equal(probe.frames, 240);
      // The same key after the restart returns the same job: no second clip.
      const again = await c2.call('jobs.submit', { request, idempotencyKey: 'crash-1' });
      assert.equal(again.jobId, jobId);
      assert.equal(again.deduplicated, true);
      const files = walk(path.join(home, 'outputs')).filter((f) => f.endsWith('.mp4'));
      assert.equal(files.length, 1, files.join(', '));
      assert.deepEqual(fs.readdirSync(path.join(home, 'outputs', '.partial')), []);
      c2.close();
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });

  it('stops gracefully on SIGTERM: the running job goes back to the queue and resumes at the next start', async () => {
    const home = tmpHome();
    const first = await spawnDaemon(home);
    const c1 = await connect(first);
    const { jobId } = await c1.call('jobs.submit', { request: { prompt: 'term', frames: 240, width: 640, height: 360, seed: 2 }, idempotencyKey: 'term-1' });
    await new Promise<void>((resolve) => {
      c1.on('jobs.progress', (p) => p.jobId === jobId && p.progress > 0.05 && resolve());
      void c1.subscribe([jobId]);
    });
    first.child.kill('SIGTERM');
    const code = await new Promise((r) => first.child.once('exit', r));
    assert.equal(code, 0);
    c1.close();
    const second = await spawnDaemon(home);
    try {
      const c2 = await connect(second);
      const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c2.on('jobs.finished', (f) => f.jobId === jobId && r(f)));
      await c2.subscribe([jobId]);
      assert.equal((await done).state, 'done');
      c2.close();
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => second.child.once('exit', r));
    }
  });

  it('refuses a second daemon on the same home', async () => {
    const home = tmpHome();
    const first = await spawnDaemon(home);
    try {
      await assert.rejects(spawnDaemon(home), /Another Rushes engine/);
    } finally {
      first.child.kill('SIGTERM');
      await new Promise((r) => first.child.once('exit', r));
    }
  });
});
