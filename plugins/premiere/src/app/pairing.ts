/**
 * Pairing: exchange the short code `rushes pair` prints for the engine's token.
 *
 * `session.pair` is one of the two methods callable before `session.hello`, but `EngineClient` always
 * says hello first (and a panel without a token cannot), so this opens its own short-lived socket,
 * sends the one request and closes. (Candidate for `@rushes/shared` once another plugin needs it.)
 */
import { ErrorCode, RushesError, type ClientInfo, type ErrorCode as ErrorCodeT, type WebSocketConstructor } from '@rushes/shared';

export interface PairOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  code: string;
  client: ClientInfo;
  timeoutMs?: number;
}

/** "abcd efgh" and "ABCD-EFGH" are the same code; the engine ignores anything but letters and digits. */
export function normalizePairingCode(input: string): string | null {
  const code = input.trim().toUpperCase().replace(/\s+/g, '');
  const core = code.replace(/[^0-9A-Z]/g, '');
  if (core.length < 4 || code.length > 16) return null;
  return code;
}

export function pairWithEngine(opts: PairOptions): Promise<string> {
  const code = normalizePairingCode(opts.code);
  if (!code) {
    return Promise.reject(new RushesError(ErrorCode.INVALID, 'That is not a pairing code. Type the code `rushes pair` printed, like ABCD-EFGH.'));
  }
  return new Promise<string>((resolve, reject) => {
    let settled = false;
    let socket: ReturnType<typeof open> | null = null;
    const finish = (err: Error | null, token?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (socket) {
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
        try {
          socket.close(1000, 'paired');
        } catch {
          /* already closed */
        }
      }
      if (err) reject(err);
      else resolve(token ?? '');
    };
    const unreachable = (detail: string): RushesError =>
      new RushesError(ErrorCode.INTERNAL, `Cannot reach the Rushes engine at ${opts.url} to pair. Start it with \`rushes serve\`, then try again.`, { detail });
    const timer = setTimeout(() => finish(unreachable('timed out')), opts.timeoutMs ?? 10000);
    function open() {
      return new opts.WebSocket(opts.url);
    }
    try {
      socket = open();
    } catch (e) {
      finish(unreachable(String(e)));
      return;
    }
    const s = socket;
    s.onerror = () => undefined;
    s.onclose = (ev) => finish(unreachable(String(ev?.reason || ev?.code || 'closed')));
    s.onopen = () => {
      try {
        s.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.pair', params: { code, client: opts.client } }));
      } catch (e) {
        finish(unreachable(String(e)));
      }
    };
    s.onmessage = (ev) => {
      let msg: { id?: unknown; result?: { token?: unknown }; error?: { message?: unknown; data?: { code?: unknown } } };
      try {
        msg = JSON.parse(typeof ev.data === 'string' ? ev.data : String(ev.data));
      } catch {
        return;
      }
      if (msg.id !== 1) return;
      if (msg.error) {
        const c = typeof msg.error.data?.code === 'string' ? (msg.error.data.code as ErrorCodeT) : ErrorCode.AUTH;
        const m = typeof msg.error.message === 'string' ? msg.error.message : 'Pairing refused.';
        finish(
          new RushesError(
            c,
            c === ErrorCode.AUTH ? `The engine did not accept that code (${m}). Codes work once and expire after a few minutes: run \`rushes pair\` again.` : m,
          ),
        );
        return;
      }
      const token = msg.result?.token;
      if (typeof token !== 'string' || !token) finish(new RushesError(ErrorCode.INTERNAL, 'The engine answered the pairing without a token.'));
      else finish(null, token);
    };
  });
}
