/**
 * The two ways to reach Unreal's Remote Control API, behind one interface: a reply is the HTTP status
 * and the parsed body, whichever way it travelled.
 *
 * - WebSocket (default port 30020): every HTTP route is reachable through the documented envelope
 *   `{"MessageName": "http", "Parameters": {"Url", "Verb", "Body"}, "Id"}`; the server answers
 *   `{"RequestId", "ResponseCode", "ResponseBody"}`, RequestId echoing our Id.
 * - HTTP (default port 30010): the routes themselves. The server insists on the exact content type
 *   `application/json` (with no charset suffix), else it answers 400.
 */
import http from 'node:http';
import WebSocket from 'ws';
import { BridgeCode, BridgeError } from '../errors';
import { FIX } from './diagnose';

export type Verb = 'GET' | 'PUT';

export interface RcReply {
  status: number;
  body: unknown;
}

export interface RcTransport {
  readonly kind: 'websocket' | 'http';
  readonly url: string;
  request(verb: Verb, route: string, body?: unknown, timeoutMs?: number): Promise<RcReply>;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** Sent as the `Passphrase` header (HTTP) or envelope parameter (WebSocket). */
  passphrase?: string;
  /** Default time limit of one request. */
  timeoutMs?: number;
  /** Time limit to open the connection. */
  connectTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 120_000;

function unreachable(url: string, detail: string): BridgeError {
  return new BridgeError(BridgeCode.RC_UNREACHABLE, `Cannot reach Unreal Remote Control at ${url} (${detail}). Is the editor running?`, {
    fix: FIX.reach,
  });
}

function timeout(url: string, route: string, ms: number): BridgeError {
  return new BridgeError(BridgeCode.RC_TIMEOUT, `Unreal did not answer ${route} at ${url} within ${Math.round(ms / 1000)} s.`, {
    fix: 'The editor may be busy (a modal dialog, a long import, shader compilation). Bring it to the front and retry.',
  });
}

// ------------------------------------------------------------------------------------------- WebSocket

interface PendingWs {
  resolve: (r: RcReply) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export class WebSocketTransport implements RcTransport {
  readonly kind = 'websocket' as const;
  private nextId = 1;
  private readonly pending = new Map<number, PendingWs>();
  private closed = false;

  private constructor(
    readonly url: string,
    private readonly socket: WebSocket,
    private readonly opts: TransportOptions,
  ) {
    socket.on('message', (data) => this.onMessage(data.toString()));
    socket.on('close', () => this.failAll(unreachable(url, 'the connection closed')));
    socket.on('error', () => undefined);
  }

  static open(url: string, opts: TransportOptions = {}): Promise<WebSocketTransport> {
    return new Promise((resolve, reject) => {
      // No Origin header: Remote Control's AllowedOrigin check is meant for browsers, and a CLI is not one.
      const socket = new WebSocket(url, { handshakeTimeout: opts.connectTimeoutMs ?? 3000 });
      const fail = (detail: string) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(unreachable(url, detail));
      };
      socket.once('open', () => {
        socket.removeAllListeners('error');
        resolve(new WebSocketTransport(url, socket, opts));
      });
      socket.once('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
      socket.once('unexpected-response', (_req, res) => fail(`HTTP ${res.statusCode} on upgrade`));
    });
  }

  request(verb: Verb, route: string, body?: unknown, timeoutMs?: number): Promise<RcReply> {
    if (this.closed || this.socket.readyState !== WebSocket.OPEN) return Promise.reject(unreachable(this.url, 'not connected'));
    const id = this.nextId++;
    const limit = timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const parameters: Record<string, unknown> = { Url: route, Verb: verb, Body: body ?? {} };
    if (this.opts.passphrase) parameters.Passphrase = this.opts.passphrase;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(timeout(this.url, route, limit));
      }, limit);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(JSON.stringify({ MessageName: 'http', Parameters: parameters, Id: id }), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pending.delete(id);
        reject(unreachable(this.url, err.message));
      });
    });
  }

  private onMessage(text: string): void {
    let msg: { RequestId?: unknown; ResponseCode?: unknown; ResponseBody?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return; // Not ours: the same socket also carries preset events.
    }
    if (typeof msg.RequestId !== 'number' || typeof msg.ResponseCode !== 'number') return;
    let entry = this.pending.get(msg.RequestId);
    let id = msg.RequestId;
    // A server that does not echo our Id answers -1: fine as long as only one request is in flight.
    if (!entry && msg.RequestId === -1 && this.pending.size === 1) [[id, entry]] = [...this.pending.entries()] as [[number, PendingWs]];
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.resolve({ status: msg.ResponseCode, body: msg.ResponseBody ?? null });
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    this.failAll(unreachable(this.url, 'closed by the client'));
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      const t = setTimeout(() => {
        this.socket.terminate();
        resolve();
      }, 1000);
      this.socket.once('close', () => {
        clearTimeout(t);
        resolve();
      });
      this.socket.close(1000);
    });
  }
}

// ------------------------------------------------------------------------------------------------ HTTP

export class HttpTransport implements RcTransport {
  readonly kind = 'http' as const;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly url: string,
    private readonly opts: TransportOptions = {},
  ) {}

  request(verb: Verb, route: string, body?: unknown, timeoutMs?: number): Promise<RcReply> {
    const limit = timeoutMs ?? this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const target = new URL(route, this.url);
    const payload = verb === 'GET' ? undefined : Buffer.from(JSON.stringify(body ?? {}), 'utf8');
    const headers: Record<string, string> = {};
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    if (this.opts.passphrase) headers.Passphrase = this.opts.passphrase;
    return new Promise((resolve, reject) => {
      const req = http.request(target, { method: verb, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* keep the text: error pages are not always JSON */
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(timeout(this.url, route, limit));
      }, limit);
      req.on('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(unreachable(this.url, e.code ?? e.message));
      });
      if (payload) req.write(payload);
      req.end();
    });
  }

  close(): Promise<void> {
    this.agent.destroy();
    return Promise.resolve();
  }
}
