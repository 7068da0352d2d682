import { strict as assert } from 'node:assert';
import http from 'node:http';
import type { Daemon } from '@rushes/engine';
import { RawSocket, startTestDaemon, connect } from '../helpers/engine';
import { refuseUpgrade, PairingCodes } from '../../engine/src/server/auth';

describe('engine auth', () => {
  let d: Daemon;
  before(async () => {
    d = await startTestDaemon({ config: { helloTimeoutSeconds: 1 } });
  });
  after(() => d.close());

  it('refuses every method before session.hello', async () => {
    const s = await RawSocket.open(d.url);
    for (const method of ['jobs.list', 'jobs.submit', 'jobs.get', 'pairing.create']) {
      const r = await s.call(method, {});
      assert.equal(r.error.data.code, 'E_AUTH', method);
      assert.equal(r.error.code, -32001);
    }
    s.close();
  });

  it('refuses a missing or wrong token with E_AUTH, then closes after repeated failures', async () => {
    const s = await RawSocket.open(d.url);
    const missing = await s.call('session.hello', { protocolVersion: 1, client: { name: 'x', version: '1', host: 'h' } });
    assert.equal(missing.error.data.code, 'E_INVALID');
    for (let i = 0; i < 5; i++) {
      const r = await s.hello('wrong-token');
      assert.equal(r.error.data.code, 'E_AUTH');
      assert.match(r.error.message, /token/);
    }
    const closed = await s.waitClosed();
    assert.equal(closed.code, 4401);
  });

  it('refuses another protocol version with E_VERSION and a message naming both versions', async () => {
    const s = await RawSocket.open(d.url);
    const r = await s.call('session.hello', { protocolVersion: 2, token: d.token, client: { name: 'p', version: '1', host: 'h' } });
    assert.equal(r.error.data.code, 'E_VERSION');
    assert.match(r.error.message, /protocol 1.*2/);
    s.close();
  });

  it('accepts the right token and then serves', async () => {
    const s = await RawSocket.open(d.url);
    const hello = await s.hello(d.token);
    assert.equal(hello.result.protocolVersion, 1);
    assert.ok(hello.result.generators.length >= 1);
    const list = await s.call('jobs.list', {});
    assert.ok(Array.isArray(list.result.jobs));
    s.close();
  });

  it('closes a connection that never says hello', async () => {
    const s = await RawSocket.open(d.url);
    const closed = await s.waitClosed(3000);
    assert.equal(closed.code, 4408);
  });

  for (const [label, headers] of [
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['Origin: null', { Origin: 'null' }],
    ['a file:// Origin', { Origin: 'file://' }],
    ['a non-loopback Host (DNS rebinding)', { Host: 'evil.example:7450' }],
  ] as const) {
    it(`refuses the WebSocket upgrade for ${label}`, async () => {
      await assert.rejects(RawSocket.open(d.url, headers), (e: { status?: number }) => e.status === 403);
    });
  }

  it('lets a client without Origin through to the token check (Node, Electron main)', async () => {
    const c = await connect(d);
    assert.equal(c.state, 'connected');
    c.close();
  });

  it('allows an Origin only when configured', () => {
    const req = (origin?: string, host = '127.0.0.1:7450') => ({ headers: { host, ...(origin ? { origin } : {}) } });
    const policy = { allowedOrigins: ['http://localhost:3000'], allowedHosts: [] };
    assert.equal(refuseUpgrade(req('http://localhost:3000'), policy), null);
    assert.match(refuseUpgrade(req('http://localhost:3001'), policy)!, /Origin/);
    assert.equal(refuseUpgrade(req(undefined, 'localhost:7450'), policy), null);
    assert.equal(refuseUpgrade(req(undefined, '[::1]:7450'), policy), null);
    assert.match(refuseUpgrade(req(undefined, '127.0.0.1.evil.example'), policy)!, /Host/);
    assert.match(refuseUpgrade({ headers: {} }, policy)!, /Host/);
  });

  it('exchanges a pairing code for the token once, and refuses it afterwards', async () => {
    const admin = await connect(d);
    const { code } = await admin.call('pairing.create', {});
    assert.match(code, /^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const s = await RawSocket.open(d.url);
    const client = { name: 'premiere', version: '1', host: 'premierepro 26.3' };
    const paired = await s.call('session.pair', { code: code.toLowerCase().replace('-', ' '), client });
    assert.equal(paired.result.token, d.token);
    const again = await s.call('session.pair', { code, client });
    assert.equal(again.error.data.code, 'E_AUTH');
    s.close();
    admin.close();
  });

  it('expires pairing codes and burns them after repeated wrong guesses', () => {
    let now = 0;
    const codes = new PairingCodes(1000, 3, () => now);
    const a = codes.create().code;
    now = 1001;
    assert.equal(codes.redeem(a), false);
    const b = codes.create().code;
    codes.redeem('AAAA-AAAA');
    codes.redeem('BBBB-BBBB');
    codes.redeem('CCCC-CCCC');
    assert.equal(codes.redeem(b), false, 'wrong guesses burned the open code');
  });

  it('serves /health without secrets and refuses /files without the token or outside the job folder', async () => {
    const get = (p: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http
          .get({ host: '127.0.0.1', port: d.port, path: p, headers }, (res) => {
            let body = '';
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          })
          .on('error', reject);
      });
    const health = await get('/health');
    assert.equal(health.status, 200);
    assert.ok(!health.body.includes(d.token));
    assert.equal((await get('/files/j_x/a.mp4')).status, 401);
    assert.equal((await get('/files/j_x/a.mp4', { Authorization: `Bearer ${d.token}` })).status, 404);
    assert.equal((await get('/files/j_x/%E0%A4%A', { Authorization: `Bearer ${d.token}` })).status, 404);
    assert.equal((await get('/health', { Host: 'evil.example' })).status, 403);
  });
});
