/**
 * JSON-RPC 2.0 over one WebSocket connection: parse, validate against the protocol's schemas, check the
 * session, dispatch, answer. Nothing a client sends can throw out of here: every failure becomes a
 * JSON-RPC error with a stable `data.code`.
 */
import type { WebSocket } from 'ws';
import {
  Methods,
  RpcCode,
  RushesError,
  rpcCodeFor,
  type MethodName,
  type NotificationName,
  type NotificationParams,
  type RpcErrorObject,
} from '@rushes/shared';
import {
  isKnownMethod,
  validateParams,
  validateRequestEnvelope,
  type SchemaProblem,
} from '@rushes/shared/validate';
import type { Logger } from '../log';

export interface Session {
  readonly id: number;
  authed: boolean;
  client: { name: string; version: string; host: string } | null;
  /** Jobs this connection follows, or every job. */
  readonly subscriptions: Set<string>;
  followAll: boolean;
  failedAuth: number;
}

export type Handler = (params: never, session: Session, conn: Connection) => unknown | Promise<unknown>;
export type Handlers = { [M in MethodName]: Handler };

/** Past this many buffered bytes a client is slow: progress is dropped for it (the final state never is). */
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;
const MAX_BATCH = 50;

let nextSessionId = 1;

export class Connection {
  readonly session: Session = {
    id: nextSessionId++,
    authed: false,
    client: null,
    subscriptions: new Set(),
    followAll: false,
    failedAuth: 0,
  };

  constructor(
    private readonly ws: WebSocket,
    private readonly handlers: Handlers,
    private readonly log: Logger,
  ) {}

  /** Sends a notification; progress is dropped for a client that is not reading. */
  notify<N extends NotificationName>(method: N, params: NotificationParams<N>): void {
    if (method === 'jobs.progress' && this.ws.bufferedAmount > SLOW_CLIENT_BYTES) return;
    this.send({ jsonrpc: '2.0', method, params });
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  async onMessage(data: Buffer, isBinary: boolean): Promise<void> {
    if (isBinary) {
      this.send(errorResponse(null, RpcCode.INVALID_REQUEST, 'E_INVALID', 'Send JSON-RPC messages as text frames.'));
      return;
    }
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString('utf8'));
    } catch {
      this.send(errorResponse(null, RpcCode.PARSE_ERROR, 'E_INVALID', 'The message is not valid JSON.'));
      return;
    }
    if (Array.isArray(msg)) {
      if (msg.length === 0 || msg.length > MAX_BATCH) {
        this.send(errorResponse(null, RpcCode.INVALID_REQUEST, 'E_INVALID', `A batch must hold 1 to ${MAX_BATCH} requests.`));
        return;
      }
      const replies = (await Promise.all(msg.map((m) => this.handle(m)))).filter((r) => r !== null);
      if (replies.length) this.send(replies);
      return;
    }
    const reply = await this.handle(msg);
    if (reply) this.send(reply);
  }

  /** Returns the response object, or null for a notification (a request without an id). */
  private async handle(msg: unknown): Promise<object | null> {
    const envelopeProblems = validateRequestEnvelope(msg);
    const rawId = (msg as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
    if (envelopeProblems.length) {
      return errorResponse(id, RpcCode.INVALID_REQUEST, 'E_INVALID', `Not a JSON-RPC 2.0 request: ${summary(envelopeProblems)}`, envelopeProblems);
    }
    const req = msg as { id?: string | number; method: string; params?: unknown };
    const isNotification = req.id === undefined;
    const reply = await this.dispatch(req.method, req.params ?? {}, req.id ?? null);
    return isNotification ? null : reply;
  }

  private async dispatch(method: string, params: unknown, id: string | number | null): Promise<object> {
    if (!isKnownMethod(method)) {
      return errorResponse(id, RpcCode.METHOD_NOT_FOUND, 'E_INVALID', `Unknown method "${method}".`);
    }
    const beforeHello = 'beforeHello' in Methods[method];
    if (!this.session.authed && !beforeHello) {
      return errorResponse(id, RpcCode.AUTH, 'E_AUTH', `Call session.hello with the engine's token before ${method}.`);
    }
    if (Array.isArray(params)) {
      return errorResponse(id, RpcCode.INVALID_PARAMS, 'E_INVALID', 'Params must be an object with named fields.');
    }
    const problems = validateParams(method, params);
    if (problems.length) {
      return errorResponse(id, RpcCode.INVALID_PARAMS, 'E_INVALID', `Invalid ${method} params: ${summary(problems)}`, problems);
    }
    try {
      const handler = this.handlers[method] as (p: unknown, s: Session, c: Connection) => unknown;
      const result = await handler(params, this.session, this);
      return { jsonrpc: '2.0', id, result };
    } catch (e) {
      if (e instanceof RushesError) {
        const extra = e.details ?? {};
        return {
          jsonrpc: '2.0',
          id,
          error: { code: rpcCodeFor[e.code], message: e.message, data: { ...extra, code: e.code } },
        };
      }
      this.log.error({ err: e, method }, 'handler crashed');
      return errorResponse(id, RpcCode.INTERNAL_ERROR, 'E_INTERNAL', 'The engine hit an internal error; see its log (HOME/logs/engine.log).');
    }
  }

  private send(payload: unknown): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(JSON.stringify(payload));
  }
}

function summary(problems: SchemaProblem[]): string {
  return problems
    .slice(0, 3)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
}

export function errorResponse(
  id: string | number | null,
  code: number,
  stable: string,
  message: string,
  errors?: SchemaProblem[],
): { jsonrpc: '2.0'; id: string | number | null; error: RpcErrorObject } {
  return { jsonrpc: '2.0', id, error: { code, message, data: { code: stable, ...(errors ? { errors: errors.slice(0, 20) } : {}) } } };
}
