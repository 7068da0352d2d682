/**
 * EngineClient: the one client every plugin and the CLI use. It runs on anything with a browser-style
 * WebSocket (UXP, Electron, browsers) or Node's `ws`: pass the constructor in. It correlates requests
 * with responses, times them out, reconnects with backoff, says hello again after a reconnect, and
 * re-subscribes to the jobs it was following, so a panel that loses the engine picks its jobs up.
 */
import { PROTOCOL_VERSION } from './constants';
import { ErrorCode, RushesError, type ErrorCode as ErrorCodeT } from './errors';
import type {
  ClientInfo,
  Job,
  MethodName,
  NotificationName,
  NotificationParams,
  ParamsOf,
  ResultOf,
  RpcErrorObject,
} from './schemas';

/** The part of the WHATWG WebSocket the client needs; `ws` and UXP both provide it. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type ConnectionState =
  /** Not started, or closed by `close()`. */
  | 'idle'
  | 'connecting'
  /** Socket open and hello accepted. */
  | 'connected'
  /** Lost the engine; retrying with backoff. */
  | 'reconnecting'
  /** The engine refused the token: retrying will not help until the user pairs again. */
  | 'unauthorized'
  /** The engine speaks another protocol version: the plugin or the engine needs updating. */
  | 'version-mismatch';

export interface EngineClientOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** The token, or a function that returns it (read fresh on every reconnect, e.g. after pairing). */
  token: string | (() => string | Promise<string>);
  client: ClientInfo;
  /** Per-request timeout in milliseconds. Default 15000. */
  requestTimeoutMs?: number;
  /** Reconnect automatically after the connection drops. Default true. */
  reconnect?: boolean;
  /** Backoff bounds in milliseconds. Defaults 250 and 10000. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Injected for tests. */
  setTimeout?: typeof setTimeout;
  clearTimeout?: typeof clearTimeout;
}

type HelloResult = ResultOf<'session.hello'>;
type Listener<T> = (value: T) => void;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

/** Builds an error a caller can branch on from a JSON-RPC error object. */
export function errorFromRpc(err: RpcErrorObject): RushesError {
  const code = (err.data?.code as ErrorCodeT | undefined) ?? ErrorCode.INTERNAL;
  const details: Record<string, unknown> = { rpcCode: err.code };
  if (err.data) Object.assign(details, err.data);
  return new RushesError(code, err.message, details);
}

export class EngineClient {
  private readonly opts: Required<Omit<EngineClientOptions, 'token'>> & Pick<EngineClientOptions, 'token'>;
  private socket: WebSocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Map<string, Set<Listener<never>>>();
  private readonly followed = new Set<string>();
  private followAll = false;
  private stateValue: ConnectionState = 'idle';
  private helloValue: HelloResult | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closedByUser = false;
  private connecting: Promise<HelloResult> | null = null;
  private lastErrorValue: RushesError | null = null;

  constructor(options: EngineClientOptions) {
    this.opts = {
      requestTimeoutMs: 15000,
      reconnect: true,
      minBackoffMs: 250,
      maxBackoffMs: 10000,
      setTimeout: globalThis.setTimeout.bind(globalThis),
      clearTimeout: globalThis.clearTimeout.bind(globalThis),
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.stateValue;
  }
  /** What the engine said in its last accepted hello (version, generators, limits). */
  get hello(): HelloResult | null {
    return this.helloValue;
  }
  /** Why the last connection attempt failed, if it did. */
  get lastError(): RushesError | null {
    return this.lastErrorValue;
  }

  /** Opens the socket and says hello. Resolves once the engine accepted us; rejects with a RushesError. */
  connect(): Promise<HelloResult> {
    this.closedByUser = false;
    if (this.stateValue === 'connected' && this.helloValue) return Promise.resolve(this.helloValue);
    if (this.connecting) return this.connecting;
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.connecting = this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Closes the connection and stops reconnecting. Pending calls reject. */
  close(): void {
    this.closedByUser = true;
    if (this.retryTimer) this.opts.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const s = this.socket;
    this.socket = null;
    this.failPending(new RushesError(ErrorCode.INTERNAL, 'Connection closed.'));
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.onerror = null;
      try {
        s.close(1000, 'client closed');
      } catch {
        /* already closing */
      }
    }
    this.setState('idle');
  }

  /** Calls a method. Rejects with a RushesError carrying the engine's stable code. */
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const s = this.socket;
    if (!s || s.readyState !== OPEN || (this.stateValue !== 'connected' && method !== 'session.hello' && method !== 'session.pair')) {
      return Promise.reject(new RushesError(ErrorCode.INTERNAL, 'Not connected to the Rushes engine. Is it running (`rushes serve`)?'));
    }
    return this.send(s, method, params) as Promise<ResultOf<M>>;
  }

  /** Follows jobs: after a reconnect the client subscribes to them again and reports what it missed. */
  async subscribe(jobIds: string[]): Promise<Job[]> {
    for (const id of jobIds) this.followed.add(id);
    const { jobs } = await this.call('jobs.subscribe', { jobIds });
    this.forgetFinished(jobs);
    return jobs;
  }

  /** Follows every job the engine has or will have. */
  async subscribeAll(): Promise<Job[]> {
    this.followAll = true;
    const { jobs } = await this.call('jobs.subscribe', { all: true });
    return jobs;
  }

  async unsubscribe(jobIds: string[]): Promise<void> {
    for (const id of jobIds) this.followed.delete(id);
    await this.call('jobs.unsubscribe', { jobIds });
  }

  /** Jobs this client re-subscribes to after a reconnect. */
  get followedJobs(): string[] {
    return [...this.followed];
  }

  on<N extends NotificationName>(name: N, fn: Listener<NotificationParams<N>>): () => void;
  on(name: 'state', fn: Listener<ConnectionState>): () => void;
  /** After a reconnect: the current state of every job that was followed, so a UI can catch up. */
  on(name: 'resync', fn: Listener<Job[]>): () => void;
  on(name: string, fn: Listener<never>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }

  // ------------------------------------------------------------------------------------------ internals

  private emit(name: string, value: unknown): void {
    for (const fn of this.listeners.get(name) ?? []) {
      try {
        (fn as Listener<unknown>)(value);
      } catch {
        // A listener's bug must not break the connection.
      }
    }
  }

  private setState(s: ConnectionState): void {
    if (this.stateValue === s) return;
    this.stateValue = s;
    this.emit('state', s);
  }

  private async open(): Promise<HelloResult> {
    const socket = await this.openSocket();
    this.socket = socket;
    socket.onclose = () => this.onLost(socket);
    socket.onerror = () => undefined;
    socket.onmessage = (ev) => this.onMessage(ev.data);
    const token = typeof this.opts.token === 'function' ? await this.opts.token() : this.opts.token;
    let hello: HelloResult;
    try {
      hello = (await this.send(socket, 'session.hello', {
        protocolVersion: PROTOCOL_VERSION,
        token,
        client: this.opts.client,
      })) as HelloResult;
    } catch (e) {
      const err = e instanceof RushesError ? e : new RushesError(ErrorCode.INTERNAL, String(e));
      this.lastErrorValue = err;
      if (err.code === ErrorCode.AUTH) this.setState('unauthorized');
      else if (err.code === ErrorCode.VERSION) this.setState('version-mismatch');
      // A refused hello is final until the user acts: stop the socket without scheduling a retry.
      socket.onclose = null;
      try {
        socket.close(1000, 'hello refused');
      } catch {
        /* ignore */
      }
      if (this.socket === socket) this.socket = null;
      throw err;
    }
    this.helloValue = hello;
    this.attempt = 0;
    this.lastErrorValue = null;
    this.setState('connected');
    await this.resubscribe();
    return hello;
  }

  private openSocket(): Promise<WebSocketLike> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new this.opts.WebSocket(this.opts.url);
      } catch (e) {
        reject(this.noEngine(e));
        return;
      }
      const timer = this.opts.setTimeout(() => {
        // Keep a no-op error handler: closing a socket that is still connecting makes `ws` emit an
        // 'error', and an EventEmitter error with no listener would crash the host process.
        socket.onopen = socket.onclose = null;
        socket.onerror = () => undefined;
        try {
          socket.close();
        } catch {
          /* ignore */
        }
        reject(this.noEngine('timed out'));
      }, this.opts.requestTimeoutMs);
      socket.onopen = () => {
        this.opts.clearTimeout(timer);
        resolve(socket);
      };
      socket.onerror = () => undefined;
      socket.onclose = (ev) => {
        this.opts.clearTimeout(timer);
        reject(this.noEngine(ev?.reason || ev?.code));
      };
    }).catch((e: RushesError) => {
      this.lastErrorValue = e;
      this.scheduleReconnect();
      throw e;
    }) as Promise<WebSocketLike>;
  }

  private noEngine(detail: unknown): RushesError {
    return new RushesError(
      ErrorCode.INTERNAL,
      `Cannot reach the Rushes engine at ${this.opts.url}. Start it with \`rushes serve\` (or check the port).`,
      { detail: String(detail ?? '') },
    );
  }

  private send(socket: WebSocketLike, method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = this.opts.setTimeout(() => {
        this.pending.delete(id);
        reject(new RushesError(ErrorCode.INTERNAL, `The engine did not answer ${method} within ${this.opts.requestTimeoutMs} ms.`));
      }, this.opts.requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      try {
        socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
      } catch (e) {
        this.opts.clearTimeout(timer);
        this.pending.delete(id);
        reject(new RushesError(ErrorCode.INTERNAL, `Could not send ${method}: ${String(e)}`));
      }
    });
  }

  private onMessage(data: unknown): void {
    let msg: { id?: unknown; result?: unknown; error?: RpcErrorObject; method?: string; params?: unknown };
    try {
      msg = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    if (typeof msg.method === 'string' && msg.id === undefined) {
      if (msg.method === 'jobs.finished') {
        const p = msg.params as NotificationParams<'jobs.finished'>;
        this.followed.delete(p.jobId);
      }
      this.emit(msg.method, msg.params);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    this.opts.clearTimeout(p.timer);
    if (msg.error) p.reject(errorFromRpc(msg.error));
    else p.resolve(msg.result);
  }

  private onLost(socket: WebSocketLike): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.failPending(new RushesError(ErrorCode.INTERNAL, 'Lost the connection to the Rushes engine.'));
    if (this.closedByUser) return;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closedByUser || !this.opts.reconnect || this.retryTimer) return;
    if (this.stateValue === 'unauthorized' || this.stateValue === 'version-mismatch') return;
    this.setState('reconnecting');
    const delay = Math.min(this.opts.maxBackoffMs, this.opts.minBackoffMs * 2 ** this.attempt);
    // Jitter spreads reconnects when several panels lose the same engine at once.
    const jittered = delay * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.retryTimer = this.opts.setTimeout(() => {
      this.retryTimer = null;
      this.connect().catch(() => undefined);
    }, jittered);
  }

  private async resubscribe(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    const jobs: Job[] = [];
    if (this.followAll) jobs.push(...((await this.send(socket, 'jobs.subscribe', { all: true })) as { jobs: Job[] }).jobs);
    if (this.followed.size) {
      try {
        const r = (await this.send(socket, 'jobs.subscribe', { jobIds: [...this.followed] })) as { jobs: Job[] };
        jobs.push(...r.jobs);
      } catch (e) {
        // A job the engine no longer knows must not block the others: follow them one by one.
        if (!(e instanceof RushesError) || e.code !== ErrorCode.NOT_FOUND) throw e;
        for (const id of [...this.followed]) {
          try {
            const r = (await this.send(socket, 'jobs.subscribe', { jobIds: [id] })) as { jobs: Job[] };
            jobs.push(...r.jobs);
          } catch {
            this.followed.delete(id);
          }
        }
      }
    }
    if (jobs.length) {
      this.forgetFinished(jobs);
      this.emit('resync', jobs);
    }
  }

  private forgetFinished(jobs: Job[]): void {
    for (const j of jobs) if (j.state === 'done' || j.state === 'failed' || j.state === 'cancelled') this.followed.delete(j.id);
  }

  private failPending(err: Error): void {
    for (const [id, p] of this.pending) {
      this.opts.clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }
}
