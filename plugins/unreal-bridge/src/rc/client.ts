/**
 * A Remote Control connection that knows whether it can do our work before it tries: it connects over
 * WebSocket (falling back to HTTP), asks `GET /remote/info`, and turns every refusal into an error that
 * names the Unreal setting to change.
 */
import { BridgeCode, BridgeError, isBridgeError } from '../errors';
import { diagnose } from './diagnose';
import { HttpTransport, WebSocketTransport, type RcTransport, type TransportOptions } from './transport';

export const DEFAULT_RC_WS_URL = 'ws://127.0.0.1:30020';
export const DEFAULT_RC_HTTP_PORT = 30010;

export interface RemoteControlOptions extends TransportOptions {
  /** ws://host:port (WebSocket, with HTTP fallback) or http://host:port (HTTP only). */
  url?: string;
  /** HTTP fallback for a ws:// url. Default: the same host on port 30010. */
  httpUrl?: string;
}

export interface RouteInfo {
  Path: string;
  Verb: string;
  Description?: string;
}

/** Derives the HTTP fallback address from a WebSocket address: same host, port 30010. */
export function httpFallbackUrl(wsUrl: string): string {
  const u = new URL(wsUrl);
  return `http://${u.hostname.includes(':') ? `[${u.hostname}]` : u.hostname}:${DEFAULT_RC_HTTP_PORT}`;
}

export class RemoteControlClient {
  private constructor(
    readonly transport: RcTransport,
    readonly routes: RouteInfo[],
  ) {}

  /**
   * Connects and checks `/remote/info`. A ws:// url falls back to HTTP when the WebSocket server does
   * not answer (it is started separately from the HTTP server and is off in some projects).
   */
  static async connect(options: RemoteControlOptions = {}): Promise<RemoteControlClient> {
    const url = options.url ?? DEFAULT_RC_WS_URL;
    let transport: RcTransport;
    if (/^wss?:\/\//i.test(url)) {
      try {
        transport = await WebSocketTransport.open(url, options);
      } catch (wsErr) {
        if (!isBridgeError(wsErr) || wsErr.code !== BridgeCode.RC_UNREACHABLE) throw wsErr;
        const fallback = options.httpUrl ?? httpFallbackUrl(url);
        transport = new HttpTransport(fallback, options);
        try {
          return await RemoteControlClient.check(transport);
        } catch (httpErr) {
          await transport.close();
          if (isBridgeError(httpErr) && httpErr.code === BridgeCode.RC_UNREACHABLE) {
            throw new BridgeError(BridgeCode.RC_UNREACHABLE, `Cannot reach Unreal Remote Control at ${url} nor at ${fallback}. Is the editor running?`, {
              ...httpErr.details,
            });
          }
          throw httpErr;
        }
      }
    } else if (/^https?:\/\//i.test(url)) {
      transport = new HttpTransport(url, options);
    } else {
      throw new BridgeError(BridgeCode.USAGE, `"${url}" is not a Remote Control address; use ws://127.0.0.1:30020 or http://127.0.0.1:30010.`);
    }
    try {
      return await RemoteControlClient.check(transport);
    } catch (e) {
      await transport.close();
      throw e;
    }
  }

  private static async check(transport: RcTransport): Promise<RemoteControlClient> {
    const reply = await transport.request('GET', '/remote/info', undefined, 15_000);
    if (reply.status < 200 || reply.status >= 300) throw diagnose({ status: reply.status, body: reply.body, action: 'info' });
    const routes = (reply.body as { HttpRoutes?: unknown } | null)?.HttpRoutes;
    if (!Array.isArray(routes)) {
      throw new BridgeError(BridgeCode.RC_PROTOCOL, `${transport.url} answered /remote/info without HttpRoutes: is this Unreal's Remote Control server?`);
    }
    const list = routes as RouteInfo[];
    if (!list.some((r) => r.Path?.toLowerCase() === '/remote/object/call')) {
      throw new BridgeError(BridgeCode.RC_PROTOCOL, `${transport.url} offers no /remote/object/call route; Rushes needs it to run Python in the editor.`);
    }
    return new RemoteControlClient(transport, list);
  }

  get kind(): 'websocket' | 'http' {
    return this.transport.kind;
  }

  /**
   * `PUT /remote/object/call`. Resolves with the reply body: the function's return value and out
   * parameters (`ReturnValue`, and e.g. `CommandResult`, `LogOutput`). Rejects with a diagnosed error.
   */
  async call(objectPath: string, functionName: string, parameters: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>> {
    const reply = await this.transport.request(
      'PUT',
      '/remote/object/call',
      { objectPath, functionName, parameters, generateTransaction: false },
      timeoutMs,
    );
    if (reply.status < 200 || reply.status >= 300) throw diagnose({ status: reply.status, body: reply.body, action: 'call' });
    if (!reply.body || typeof reply.body !== 'object') {
      throw new BridgeError(BridgeCode.RC_PROTOCOL, `Unreal answered ${functionName} with no result object.`, { status: reply.status });
    }
    return reply.body as Record<string, unknown>;
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
