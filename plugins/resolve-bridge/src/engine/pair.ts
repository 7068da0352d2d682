/**
 * Pairing: exchanging the short code `rushes pair` prints for a token, for a plugin that cannot read the
 * engine's home folder. `session.pair` is one of the calls the engine answers before hello, on a socket of
 * its own (EngineClient always says hello first, which is exactly what an unpaired plugin cannot do).
 */
import { ErrorCode, RushesError, type ClientInfo, type WebSocketConstructor } from '@rushes/shared';

export function pairWithCode(url: string, WebSocket: WebSocketConstructor, code: string, client: ClientInfo, timeoutMs = 10000): Promise<string> {
  const trimmed = code.trim().replace(/\s+/g, '');
  if (trimmed.length < 4 || trimmed.length > 16) {
    return Promise.reject(new RushesError(ErrorCode.INVALID, 'A pairing code is 4 to 16 characters: run `rushes pair` and type the code it prints.'));
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    const socket = new WebSocket(url);
    const done = (err: Error | null, token?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      try {
        socket.close(1000, 'paired');
      } catch {
        /* closing anyway */
      }
      if (err) reject(err);
      else resolve(token!);
    };
    const timer = setTimeout(() => done(new RushesError(ErrorCode.INTERNAL, `The engine at ${url} did not answer the pairing request.`)), timeoutMs);
    socket.onopen = () => socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.pair', params: { code: trimmed, client } }));
    socket.onerror = () => undefined;
    socket.onclose = () => done(new RushesError(ErrorCode.INTERNAL, `Cannot reach the Rushes engine at ${url}. Start it with \`rushes serve\`.`));
    socket.onmessage = (ev) => {
      let msg: { id?: unknown; result?: { token?: unknown }; error?: { message?: string; data?: { code?: string } } };
      try {
        msg = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      if (msg.id !== 1) return;
      if (msg.error) {
        const code = (msg.error.data?.code as ErrorCode | undefined) ?? ErrorCode.AUTH;
        done(new RushesError(code, msg.error.message ?? 'Pairing refused. Run `rushes pair` again for a fresh code.'));
      } else if (typeof msg.result?.token === 'string') done(null, msg.result.token);
      else done(new RushesError(ErrorCode.INTERNAL, 'The engine answered the pairing request without a token.'));
    };
  });
}
