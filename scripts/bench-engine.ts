/**
 * Engine spine figures (issue 2): hello round trip, submit-to-first-progress, notification fan-out to
 * 50 clients, and the share of a testpattern job's wall time spent outside render + encode.
 * Run: `npx tsx scripts/bench-engine.ts` (or `npm run bench`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { EngineClient, type WebSocketConstructor } from '@rushes/shared';
import { startDaemon } from '@rushes/engine';
import { machineLine, writeSection } from './bench-doc';

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function client(url: string, token: string): EngineClient {
  return new EngineClient({ url, token, WebSocket: WebSocket as unknown as WebSocketConstructor, client: { name: 'bench', version: '1', host: 'bench' }, reconnect: false });
}

async function main(): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-bench-'));
  const d = await startDaemon({ home, port: 0 });
  const lines: string[] = [];
  try {
    // 1. session.hello round trip on an open socket.
    const hello: number[] = [];
    const raw = new WebSocket(d.url);
    await new Promise((r) => raw.once('open', r));
    for (let i = 0; i < 500; i++) {
      const t = performance.now();
      raw.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: 'session.hello', params: { protocolVersion: 1, token: d.token, client: { name: 'b', version: '1', host: 'b' } } }));
      await new Promise((r) => raw.once('message', r));
      hello.push(performance.now() - t);
    }
    raw.close();
    lines.push(`| session.hello round trip (500 calls) | median ${ms(pct(hello, 50))}, p95 ${ms(pct(hello, 95))} |`);

    // 2. Submit to the first progress notification that says the job runs.
    const c = client(d.url, d.token);
    await c.connect();
    await c.subscribeAll();
    const firstProgress: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const running = new Promise<void>((resolve) => {
        const off = c.on('jobs.progress', (p) => {
          if (p.state === 'running' && p.progress > 0) (off(), resolve());
        });
      });
      const finished = new Promise<void>((resolve) => {
        const off = c.on('jobs.finished', () => (off(), resolve()));
      });
      await c.call('jobs.submit', { request: { prompt: `latency ${i}`, frames: 2, width: 64, height: 36, seed: i }, idempotencyKey: `lat-${i}` });
      await running;
      firstProgress.push(performance.now() - t);
      await finished;
    }
    lines.push(`| submit to first progress (20 jobs, 64x36, idle queue) | median ${ms(pct(firstProgress, 50))}, p95 ${ms(pct(firstProgress, 95))} |`);

    // 3. Notification fan-out: 50 subscribed clients, 2000 progress events from the queue.
    const clients = await Promise.all(Array.from({ length: 50 }, async () => {
      const k = client(d.url, d.token);
      await k.connect();
      await k.subscribeAll();
      return k;
    }));
    const N = 2000;
    let received = 0;
    const all = new Promise<void>((resolve) => {
      for (const k of clients) k.on('jobs.progress', (p) => p.jobId === 'bench' && ++received === N * clients.length && resolve());
    });
    const t3 = performance.now();
    for (let i = 0; i < N; i++) d.queue.emit('progress', { jobId: 'bench', state: 'running', progress: i / N, etaSeconds: 1, message: `Frame ${i}` });
    await all;
    const secs = (performance.now() - t3) / 1000;
    lines.push(`| notifications delivered to 50 clients | ${Math.round((N * clients.length) / secs).toLocaleString('en')} per second (${N} events x 50 clients in ${secs.toFixed(2)} s) |`);
    clients.forEach((k) => k.close());

    // 4. Where a testpattern job's wall time goes.
    const sub = await c.call('jobs.submit', { request: { prompt: 'overhead check', durationSeconds: 5, width: 1280, height: 720, fps: { num: 24, den: 1 }, seed: 1 }, idempotencyKey: 'overhead' });
    const t4 = performance.now();
    await new Promise<void>((resolve) => c.on('jobs.finished', (f) => f.jobId === sub.jobId && resolve()));
    const wall = performance.now() - t4;
    const job = await c.call('jobs.get', { jobId: sub.jobId });
    const tm = job.report.timings as { renderMs: number; encodeMs: number; otherMs: number; totalMs: number };
    const outside = wall - tm.renderMs - tm.encodeMs;
    lines.push(`| testpattern 5 s 1280x720 24 fps MP4: wall time | ${ms(wall)} (render ${ms(tm.renderMs)}, encode wait ${ms(tm.encodeMs)}) |`);
    lines.push(`| share of that wall time outside render + encode | ${((100 * outside) / wall).toFixed(1)} % (${ms(outside)}: queueing, poster, provenance, probe, hash, rename, notify) |`);
    c.close();
  } finally {
    await d.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
  const table = ['| measure | result |', '| --- | --- |', ...lines].join('\n');
  console.log(table);
  writeSection('engine-bench', `## Engine spine\n\nMachine: ${machineLine()}. Date: ${new Date().toISOString().slice(0, 10)}. Command: \`npx tsx scripts/bench-engine.ts\`.\n\n${table}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
