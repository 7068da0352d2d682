/**
 * What the plugin does, without Electron: holds the engine connection, reads and edits Resolve through the
 * host adapter, and turns results into the plain data the UI shows. The Electron main process wires it to
 * IPC; the end-to-end test drives it directly against a real engine and the fake Resolve.
 */
import { EngineClient, RushesError, type ClientInfo, type WebSocketConstructor } from '@rushes/shared';
import { fillMarkers, generateAtPlayhead, type FillEvent, type TargetOutcome } from '../engine/fill';
import { engineHome, engineUrl, readEngineToken } from '../engine/home';
import { pairWithCode } from '../engine/pair';
import { ResolveBridgeError, readTimelineInfo, scanMarkers, type FillTarget, type ResolveApi } from '../host';
import type { EventView, FillRequest, FillResultView, OutcomeView, PlayheadRequestView, Reply, ScanView, StatusView, TargetView } from './ipc';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
}

export interface ControllerOptions {
  /** The Resolve object (or why it is not available). */
  resolve: () => Promise<ResolveApi>;
  WebSocket: WebSocketConstructor;
  client: ClientInfo;
  /** Engine URL; default: what the daemon advertises in its home, else the default port. */
  url?: string;
  /** Engine home; default RUSHES_HOME or the OS data folder. */
  home?: string;
  /** Where a token from pairing is kept. */
  tokens?: TokenStore;
  emit?: (event: EventView) => void;
  /** Passed to EngineClient (tests shorten it). */
  requestTimeoutMs?: number;
}

function memoryTokens(): TokenStore {
  let t: string | null = null;
  return { get: () => t, set: (v) => void (t = v) };
}

export function errorReply(e: unknown): { ok: false; error: string; code: string } {
  if (e instanceof ResolveBridgeError || e instanceof RushesError) return { ok: false, error: e.message, code: e.code };
  const err = e as { message?: string; code?: unknown };
  return { ok: false, error: err?.message ?? String(e), code: typeof err?.code === 'string' ? err.code : 'E_INTERNAL' };
}

export async function reply<T>(fn: () => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    return errorReply(e);
  }
}

function targetView(t: FillTarget): TargetView {
  return { key: t.key, prompt: t.prompt, timecode: t.timecode, recordFrame: t.recordFrame, duration: t.duration, durationSource: t.durationSource };
}

function outcomeView(o: TargetOutcome): OutcomeView {
  return {
    key: o.target.key,
    prompt: o.target.prompt,
    timecode: o.target.timecode,
    jobId: o.jobId,
    seed: o.seed,
    trackIndex: o.placed && o.placed.ok ? o.placed.trackIndex : null,
    error: o.error,
    warnings: o.placed && o.placed.ok ? o.placed.warnings : [],
  };
}

export class ResolveBridgeController {
  private client: EngineClient | null = null;
  private readonly tokens: TokenStore;
  private readonly home: string;
  private busy = false;
  /** Set when there is no token to offer (engine home unreadable, never paired): the UI asks for a pairing code. */
  private missingToken: string | null = null;

  constructor(private readonly options: ControllerOptions) {
    this.tokens = options.tokens ?? memoryTokens();
    this.home = options.home ?? engineHome();
  }

  get url(): string {
    return this.options.url ?? engineUrl(this.home);
  }

  /** The token: the engine's own file when readable (always current), else the one pairing gave us. */
  private token(): string {
    return readEngineToken(this.home) ?? this.tokens.get() ?? '';
  }

  private emit(event: EventView): void {
    this.options.emit?.(event);
  }

  /** Connects (or reconnects) to the engine. Resolves once connected; a refusal is reported in status. */
  async connectEngine(): Promise<void> {
    this.client?.close();
    this.client = null;
    if (!this.token()) {
      this.missingToken = `No engine token in ${this.home} (is the engine installed for this user?). Run \`rushes pair\` and enter the code it prints.`;
      this.emit({ type: 'status', status: await this.status() });
      return;
    }
    this.missingToken = null;
    const client = new EngineClient({
      url: this.url,
      WebSocket: this.options.WebSocket,
      token: () => this.token(),
      client: this.options.client,
      ...(this.options.requestTimeoutMs ? { requestTimeoutMs: this.options.requestTimeoutMs } : {}),
    });
    this.client = client;
    client.on('state', () => {
      void this.status().then((status) => this.emit({ type: 'status', status }));
    });
    try {
      await client.connect();
    } catch {
      // Not fatal: the client keeps retrying with backoff (unless the token was refused); status says why.
    }
  }

  private connected(): EngineClient {
    const c = this.client;
    if (!c || c.state !== 'connected') {
      if (this.missingToken) throw new RushesError('E_AUTH', this.missingToken);
      const why = c?.state === 'unauthorized' ? 'The engine refused this plugin\'s token: run `rushes pair` and enter the code here.' : c?.lastError?.message;
      throw new RushesError('E_INTERNAL', why ?? `Not connected to the Rushes engine at ${this.url}. Start it with \`rushes serve\`.`);
    }
    return c;
  }

  async status(): Promise<StatusView> {
    const c = this.client;
    const hello = c?.hello ?? null;
    const view: StatusView = {
      resolve: { ok: false, product: '', version: '', error: null },
      engine: {
        state: this.missingToken ? 'unauthorized' : c?.state ?? 'idle',
        url: this.url,
        version: c?.state === 'connected' && hello ? hello.engine.version : null,
        error: this.missingToken ?? (c && c.state !== 'connected' ? c.lastError?.message ?? null : null),
        generators: hello ? hello.generators.map((g) => ({ id: g.id, name: g.name, isDefault: g.isDefault })) : [],
      },
      timeline: null,
      timelineError: null,
    };
    try {
      const resolve = await this.options.resolve();
      view.resolve = {
        ok: true,
        product: resolve.GetProductName ? String(await resolve.GetProductName()) : 'DaVinci Resolve',
        version: resolve.GetVersionString ? String(await resolve.GetVersionString()) : '',
        error: null,
      };
      try {
        const t = await readTimelineInfo(resolve);
        view.timeline = { name: t.name, rate: t.rateLabel, fps: t.fps, width: t.width, height: t.height, projectRate: t.projectRateLabel };
      } catch (e) {
        view.timelineError = (e as Error).message;
      }
    } catch (e) {
      view.resolve.error = (e as Error).message;
    }
    return view;
  }

  async scan(tag: string, includeFilled: boolean): Promise<ScanView> {
    const scan = await scanMarkers(await this.options.resolve(), { tag, includeFilled });
    return { targets: scan.targets.map(targetView), skipped: scan.skipped };
  }

  private onFillEvent = (e: FillEvent): void => {
    if (e.type === 'submitted') this.emit({ type: 'job', key: e.target.key, jobId: e.jobId, state: 'queued', progress: 0, message: e.deduplicated ? 'already requested' : 'queued' });
    else if (e.type === 'progress') this.emit({ type: 'job', key: e.target.key, jobId: e.jobId, state: e.state, progress: e.progress, message: e.message });
    else if (e.type === 'rendered') this.emit({ type: 'job', key: e.target.key, jobId: e.jobId, state: e.ok ? 'rendered' : 'failed', progress: e.ok ? 1 : 0, message: e.error ?? 'rendered' });
    else if (e.type === 'placed')
      this.emit({
        type: 'log',
        level: e.result.ok ? 'info' : 'error',
        message: e.result.ok ? `Placed "${e.target.prompt}" at ${e.target.timecode} on V${e.result.trackIndex}.` : e.result.error.message,
      });
  };

  /** One Fill or Generate at a time: two would race for the same free tracks. */
  private async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.busy) throw new RushesError('E_BUSY', 'Rushes is already filling this timeline; wait for it to finish.');
    this.busy = true;
    try {
      return await fn();
    } finally {
      this.busy = false;
    }
  }

  async fill(request: FillRequest): Promise<FillResultView> {
    return this.exclusive(async () => {
      const client = this.connected();
      const report = await fillMarkers(await this.options.resolve(), client, {
        tag: request.tag,
        includeFilled: request.includeFilled,
        ...(request.generator ? { generator: request.generator } : {}),
        onEvent: this.onFillEvent,
      });
      return { outcomes: report.outcomes.map(outcomeView), skipped: report.skipped };
    });
  }

  async generateAtPlayhead(request: PlayheadRequestView): Promise<OutcomeView> {
    return this.exclusive(async () => {
      const client = this.connected();
      const outcome = await generateAtPlayhead(
        await this.options.resolve(),
        client,
        { prompt: request.prompt, durationSeconds: request.durationSeconds },
        { ...(request.generator ? { generator: request.generator } : {}), onEvent: this.onFillEvent },
      );
      return outcomeView(outcome);
    });
  }

  async pair(code: string): Promise<StatusView> {
    const token = await pairWithCode(this.url, this.options.WebSocket, code, this.options.client);
    this.tokens.set(token);
    await this.connectEngine();
    return this.status();
  }

  async reconnect(): Promise<StatusView> {
    await this.connectEngine();
    return this.status();
  }

  close(): void {
    this.client?.close();
    this.client = null;
  }
}
