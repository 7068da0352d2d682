/**
 * Test helpers shared by every suite that needs a real engine: temporary homes, in-process daemons,
 * connected clients, raw sockets for protocol abuse, and daemon child processes for crash tests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import { EngineClient, type WebSocketConstructor } from '@rushes/shared';
import { startDaemon, type Daemon, type DaemonOptions } from '@rushes/engine';

export const REPO = path.resolve(__dirname, '..', '..');
export const RUSHES_BIN = path.join(REPO, 'engine', 'bin', 'rushes.js');

const homes: string[] = [];
/**
 * A fresh engine home. Engine tests pin the fast testpattern generator as the default so they test the
 * spine, not the renderer; tests of the procedural default pass `{ pinTestpattern: false }`.
 */
export function tmpHome(prefix = 'rushes-test-', opts: { pinTestpattern?: boolean } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  homes.push(dir);
  if (opts.pinTestpattern !== false) fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ defaultGenerator: 'testpattern' }));
  return dir;
}
after(() => {
  for (const h of homes.splice(0)) fs.rmSync(h, { recursive: true, force: true });
});

export async function startTestDaemon(opts: Partial<DaemonOptions> = {}): Promise<Daemon> {
  return startDaemon({ home: opts.home ?? tmpHome(), port: 0, ...opts });
}

export async function connect(d: { url: string; token: string }, extra: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}): Promise<EngineClient> {
  const client = new EngineClient({
    url: d.url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    token: d.token,
    client: { name: 'tests', version: '1.0.0', host: 'mocha' },
    reconnect: false,
    ...extra,
  });
  await client.connect();
  return client;
}

/** A bare socket that speaks whatever the test says, for auth and fuzz tests. */
export class RawSocket {
  private readonly inbox: unknown[] = [];
  private waiters: ((m: unknown) => void)[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Messages received in all, answers and notifications. */
  received = 0;
  private closeWaiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.received++;
      const msg = JSON.parse(String(d));
      const w = this.waiters.shift();
      if (w) w(msg);
      else this.inbox.push(msg);
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.closeWaiters.splice(0).forEach((f) => f());
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new RawSocket(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(payload: unknown): void {
    this.ws.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  next(timeoutMs = 5000): Promise<any> {
    const queued = this.inbox.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('no message in time')), timeoutMs);
      this.waiters.push((m) => {
        clearTimeout(t);
        resolve(m);
      });
    });
  }

  async call(method: string, params?: unknown, id: number | string = Math.floor(Math.random() * 1e9)): Promise<any> {
    this.send({ jsonrpc: '2.0', id, method, ...(params !== undefined ? { params } : {}) });
    for (;;) {
      const m = await this.next();
      if (m.id === id) return m;
    }
  }

  async hello(token: string): Promise<any> {
    return this.call('session.hello', { protocolVersion: 1, token, client: { name: 'raw', version: '1', host: 'test' } });
  }

  waitClosed(timeoutMs = 5000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('socket stayed open')), timeoutMs);
      this.closeWaiters.push(() => {
        clearTimeout(t);
        resolve(this.closed!);
      });
    });
  }

  close(): void {
    this.ws.close();
  }
}

/** Runs `rushes serve` as a child process and waits until it advertises itself. */
export async function spawnDaemon(home: string, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; url: string; token: string; stderr: () => string }> {
  const daemonFile = path.join(home, 'daemon.json');
  fs.rmSync(daemonFile, { force: true });
  const child = spawn(process.execPath, [RUSHES_BIN, 'serve', '--port', '0', '--home', home, '--quiet'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`daemon exited ${child.exitCode}: ${err}`);
    try {
      const info = JSON.parse(fs.readFileSync(daemonFile, 'utf8'));
      if (info.pid === child.pid) return { child, url: info.url, token: fs.readFileSync(path.join(home, 'token'), 'utf8').trim(), stderr: () => err };
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`daemon did not start: ${err}`);
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUSHES_BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function ffprobePath(): string {
  return (require('@ffprobe-installer/ffprobe') as { path: string }).path;
}

/** ffprobe's view of a video file: what an independent checker would see. */
export async function ffprobe(file: string): Promise<{ width: number; height: number; rate: string; frames: number; duration: number; codec: string; pixFmt: string; timecode?: string }> {
  const { execFile } = await import('node:child_process');
  const json: string = await new Promise((resolve, reject) =>
    execFile(
      ffprobePath(),
      ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_streams', '-show_format', '-print_format', 'json', file],
      (e, stdout) => (e ? reject(e) : resolve(stdout)),
    ),
  );
  const d = JSON.parse(json);
  const s = d.streams[0];
  return {
    width: s.width,
    height: s.height,
    rate: s.r_frame_rate,
    frames: Number(s.nb_read_packets),
    duration: Number(s.duration ?? d.format.duration),
    codec: s.codec_name,
    pixFmt: s.pix_fmt,
    timecode: s.tags?.timecode ?? d.format.tags?.timecode,
  };
}
