import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Daemon } from '@rushes/engine';
import type { NotificationParams } from '@rushes/shared';
import { connect, startTestDaemon } from '../helpers/engine';
import { registryWith, slowGenerator } from '../helpers/generators';

const slowReq = (extra: object = {}) => ({ prompt: 'slow', frames: 200, width: 64, height: 36, generator: 'slow', seed: 1, ...extra });

describe('job queue: cancel, idempotency, limits', () => {
  let d: Daemon;
  before(async () => {
    d = await startTestDaemon({ components: { generators: registryWith(slowGenerator(20), slowGenerator(0, { failAt: 2, id: 'fails' })) }, config: { maxQueuedJobs: 3 } });
  });
  after(() => d.close());

  it('cancels a running job: final state cancelled, one jobs.finished, no file left', async () => {
    const c = await connect(d);
    const { jobId } = await c.call('jobs.submit', { request: slowReq(), idempotencyKey: 'cancel-running' });
    const finished: NotificationParams<'jobs.finished'>[] = [];
    c.on('jobs.finished', (f) => finished.push(f));
    const running = new Promise<void>((r) => c.on('jobs.progress', (p) => p.jobId === jobId && p.progress > 0 && r()));
    await c.subscribe([jobId]);
    await running;
    const r = await c.call('jobs.cancel', { jobId });
    assert.equal(r.state, 'cancelled');
    await new Promise((res) => setTimeout(res, 50));
    assert.equal(finished.filter((f) => f.jobId === jobId).length, 1);
    assert.equal(finished[0]!.state, 'cancelled');
    assert.deepEqual(fs.readdirSync(d.paths.partial), []);
    const again = await c.call('jobs.cancel', { jobId });
    assert.equal(again.state, 'cancelled', 'cancelling a finished job reports its state');
    c.close();
  });

  it('cancels a queued job before it starts', async () => {
    const c = await connect(d);
    const a = await c.call('jobs.submit', { request: slowReq({ seed: 10 }), idempotencyKey: 'q-a' });
    const b = await c.call('jobs.submit', { request: slowReq({ seed: 11 }), idempotencyKey: 'q-b' });
    const rb = await c.call('jobs.cancel', { jobId: b.jobId });
    assert.equal(rb.state, 'cancelled');
    assert.equal((await c.call('jobs.get', { jobId: b.jobId })).attempts, 0);
    await c.call('jobs.cancel', { jobId: a.jobId });
    c.close();
  });

  it('never makes two jobs for one idempotency key, and refuses the key for a different request', async () => {
    const c = await connect(d);
    const req = slowReq({ seed: 20 });
    const [x, y] = await Promise.all([
      c.call('jobs.submit', { request: req, idempotencyKey: 'idem-1' }),
      c.call('jobs.submit', { request: req, idempotencyKey: 'idem-1' }),
    ]);
    assert.equal(x.jobId, y.jobId);
    assert.deepEqual([x.deduplicated, y.deduplicated].sort(), [false, true]);
    await assert.rejects(c.call('jobs.submit', { request: slowReq({ seed: 21 }), idempotencyKey: 'idem-1' }), (e: { code: string }) => e.code === 'E_INVALID');
    await c.call('jobs.cancel', { jobId: x.jobId });
    c.close();
  });

  it('answers E_BUSY when the queue is full, but still returns an existing job for its key', async () => {
    const c = await connect(d);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await c.call('jobs.submit', { request: slowReq({ seed: 100 + i }), idempotencyKey: `full-${i}` })).jobId);
    await assert.rejects(c.call('jobs.submit', { request: slowReq({ seed: 200 }), idempotencyKey: 'full-x' }), (e: { code: string }) => e.code === 'E_BUSY');
    const again = await c.call('jobs.submit', { request: slowReq({ seed: 101 }), idempotencyKey: 'full-1' });
    assert.equal(again.deduplicated, true);
    for (const id of ids) await c.call('jobs.cancel', { jobId: id });
    c.close();
  });

  it('reports a generator failure as a failed job with its code, and keeps serving', async () => {
    const c = await connect(d);
    const { jobId } = await c.call('jobs.submit', { request: { prompt: 'boom', frames: 5, width: 64, height: 36, generator: 'fails', seed: 5 }, idempotencyKey: 'fail-1' });
    const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', (f) => f.jobId === jobId && r(f)));
    await c.subscribe([jobId]);
    const fin = await done;
    assert.equal(fin.state, 'failed');
    assert.equal(fin.error?.code, 'E_GENERATOR');
    assert.match(fin.error!.message, /frame 2/);
    assert.deepEqual(fs.readdirSync(d.paths.partial), []);
    await assert.rejects(c.call('jobs.get', { jobId: 'j_missing' }), (e: { code: string }) => e.code === 'E_NOT_FOUND');
    assert.ok((await c.call('jobs.list', { limit: 50 })).jobs.length >= 1);
    c.close();
  });
});
