import { strict as assert } from 'node:assert';
import { WebSocketServer } from 'ws';
import { RushesError, type ConnectionState, type Job, type NotificationParams } from '@rushes/shared';
import { connect, startTestDaemon, tmpHome } from '../helpers/engine';
import { registryWith, slowGenerator } from '../helpers/generators';

describe('EngineClient', function () {
  this.timeout(30000);

  it('reconnects with backoff after the engine restarts, says hello again, and re-subscribes to its jobs', async () => {
    const home = tmpHome();
    const components = () => ({ generators: registryWith(slowGenerator(5)) });
    let d = await startTestDaemon({ home, components: components() });
    const port = d.port;
    const c = await connect(d, { reconnect: true, minBackoffMs: 20, maxBackoffMs: 200 });
    const states: ConnectionState[] = [];
    c.on('state', (s) => states.push(s));
    const { jobId } = await c.call('jobs.submit', { request: { prompt: 'survive a restart', frames: 150, width: 64, height: 36, seed: 1 }, idempotencyKey: 'client-1' });
    const started = new Promise<void>((r) => c.on('jobs.progress', (p) => p.jobId === jobId && p.progress > 0 && r()));
    await c.subscribe([jobId]);
    await started;
    await d.close();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(c.state, 'reconnecting');
    await assert.rejects(c.call('jobs.list', {}), (e: RushesError) => /Not connected/.test(e.message));
    const resync = new Promise<Job[]>((r) => c.on('resync', r));
    const finished = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', (f) => f.jobId === jobId && r(f)));
    d = await startTestDaemon({ home, port, components: components() });
    const jobs = await resync;
    assert.equal(jobs[0]!.id, jobId);
    assert.equal(c.state, 'connected');
    assert.equal((await finished).state, 'done');
    assert.ok(states.includes('reconnecting') && states.at(-1) === 'connected', states.join(','));
    assert.deepEqual(c.followedJobs, []);
    c.close();
    await d.close();
  });

  it('stops retrying when the token is refused, and says why', async () => {
    const d = await startTestDaemon();
    await assert.rejects(connect({ url: d.url, token: 'nope' }, { reconnect: true, minBackoffMs: 10 }), (e: RushesError) => e.code === 'E_AUTH');
    await d.close();
  });

  it('reports an engine that is not running as such, without hanging', async () => {
    const t = Date.now();
    await assert.rejects(connect({ url: 'ws://127.0.0.1:9', token: 'x' }), (e: RushesError) => /Cannot reach the Rushes engine/.test(e.message));
    assert.ok(Date.now() - t < 5000);
  });

  it('times out a request the engine never answers', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((r) => silent.once('listening', r));
    const port = (silent.address() as { port: number }).port;
    const t = Date.now();
    await assert.rejects(
      connect({ url: `ws://127.0.0.1:${port}`, token: 'x' }, { requestTimeoutMs: 100 }),
      (e: RushesError) => /did not answer session.hello within 100 ms/.test(e.message),
    );
    assert.ok(Date.now() - t < 2000);
    await new Promise((r) => silent.close(r));
  });

  it('survives a connect timeout against a server that never completes the handshake', async () => {
    const net = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const mute = net.createServer((sock) => sockets.push(sock));
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', r));
    const port = (mute.address() as { port: number }).port;
    await assert.rejects(connect({ url: `ws://127.0.0.1:${port}`, token: 'x' }, { requestTimeoutMs: 100 }), /Cannot reach the Rushes engine/);
    // Had the closing socket's 'error' gone unhandled, mocha would report an uncaught exception here.
    await new Promise((r) => setTimeout(r, 100));
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => mute.close(r));
  });
});
