import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import type { Daemon } from '@rushes/engine';
import { connect, RawSocket, startTestDaemon } from '../helpers/engine';

/** A deterministic pseudo-random source, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function junk(r: () => number): string | Buffer {
  const pick = Math.floor(r() * 14);
  const methods = ['session.hello', 'jobs.submit', 'jobs.get', 'jobs.cancel', 'jobs.subscribe', 'nope', '', 'constructor', '__proto__'];
  const m = methods[Math.floor(r() * methods.length)];
  switch (pick) {
    case 0: return randomBytes(Math.floor(r() * 64));
    case 1: return '{'.repeat(Math.floor(r() * 2000));
    case 2: return JSON.stringify({ jsonrpc: '2.0', id: r(), method: m, params: { request: { prompt: 'x', width: 1e12 }, idempotencyKey: 'k' } });
    case 3: return JSON.stringify({ jsonrpc: '2.0', id: { a: 1 }, method: m });
    case 4: return JSON.stringify([]);
    case 5: return JSON.stringify(Array.from({ length: 60 }, () => ({ jsonrpc: '2.0', id: 1, method: m })));
    case 6: return JSON.stringify({ jsonrpc: '2.0', id: 1, method: m, params: [1, 2, 3] });
    case 7: return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'jobs.submit', params: { request: { prompt: 'a'.repeat(3000) }, idempotencyKey: 'k' } });
    case 8: return JSON.stringify({ jsonrpc: '2.0', id: 1, method: m, params: { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } } } });
    case 9: return JSON.stringify(null);
    case 10: return JSON.stringify('string');
    case 11: return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.hello', params: { protocolVersion: 'one', token: 5, client: null } });
    case 12: return '\u0000\uffff\ud800';
    default: return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'jobs.submit', params: { request: { prompt: 'x', fps: { num: 1e9, den: 0 } }, idempotencyKey: '' } });
  }
}

describe('fuzz: thousands of malformed messages', function () {
  this.timeout(60000);
  let d: Daemon;
  before(async () => {
    d = await startTestDaemon();
  });
  after(() => d.close());

  it('answers each with an error (never a crash), before and after hello, then still serves', async () => {
    const r = rng(12345);
    let errors = 0;
    for (const authed of [false, true]) {
      const s = await RawSocket.open(d.url);
      if (authed) assert.ok((await s.hello(d.token)).result);
      for (let i = 0; i < 1500; i++) s.send(junk(r));
      // A marker request after the junk: once it is answered, every earlier message has been handled.
      const marker = await s.call('session.hello', { protocolVersion: 1, token: d.token, client: { name: 'f', version: '1', host: 'h' } }, 'marker');
      assert.ok(marker.result, JSON.stringify(marker));
      // Every frame gets an answer except well-formed notifications (no id), which JSON-RPC leaves unanswered.
      assert.ok(s.received > 1400, `answers received: ${s.received}`);
      errors++;
      s.close();
    }
    const oversized = await RawSocket.open(d.url);
    oversized.send('x'.repeat(300 * 1024));
    const closed = await oversized.waitClosed();
    assert.equal(closed.code, 1009, 'a message over the size bound closes that socket only');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const c = await connect(d);
    const { jobId } = await c.call('jobs.submit', { request: { prompt: 'still alive', frames: 3, width: 64, height: 36, seed: 1 }, idempotencyKey: 'after-fuzz' });
    assert.ok(jobId);
    assert.ok(errors === 2);
    c.close();
  });
});
