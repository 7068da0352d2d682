/**
 * The engine's network face: one HTTP server on loopback that upgrades to WebSocket for JSON-RPC and
 * answers two plain routes: GET /health (no secrets, for "is it running?") and GET /files/<jobId>/<name>
 * (token required) for panels that cannot read the disk.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ErrorCode,
  MAX_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  RushesError,
  isFinalState,
  type GeneratorInfo,
  type Job,
  type ParamsOf,
} from '@rushes/shared';
import { Connection, type Handlers, type Session } from './rpc';
import { PairingCodes, refuseUpgrade, tokensEqual, type UpgradePolicy } from './auth';
import type { JobQueue } from '../jobs/queue';
import type { Logger } from '../log';
import { finalDirFor } from '../jobs/pipeline';
import type { HomePaths } from '../home';

export interface ServerOptions {
  host: string;
  port: number;
  token: string;
  engineVersion: string;
  queue: JobQueue;
  paths: HomePaths;
  generators: () => GeneratorInfo[];
  maxConcurrentJobs: number;
  upgrade: UpgradePolicy;
  helloTimeoutMs: number;
  log: Logger;
}

export interface RunningServer {
  port: number;
  url: string;
  pairing: PairingCodes;
  close(): Promise<void>;
  connectionCount(): number;
}

const MAX_AUTH_FAILURES = 5;

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { queue, log } = opts;
  const pairing = new PairingCodes();
  const connections = new Set<Connection>();

  const handlers: Handlers = {
    'session.hello': (p: ParamsOf<'session.hello'>, session: Session, conn: Connection) => {
      if (p.protocolVersion !== PROTOCOL_VERSION) {
        throw new RushesError(
          ErrorCode.VERSION,
          `This engine speaks protocol ${PROTOCOL_VERSION}; the client speaks ${p.protocolVersion}. Update ${p.protocolVersion > PROTOCOL_VERSION ? 'the Rushes engine' : `the ${p.client.name} plugin`} so both match.`,
          { engineProtocolVersion: PROTOCOL_VERSION },
        );
      }
      if (!tokensEqual(p.token, opts.token)) {
        session.failedAuth++;
        if (session.failedAuth >= MAX_AUTH_FAILURES) setImmediate(() => conn.close(4401, 'too many failed hellos'));
        throw new RushesError(
          ErrorCode.AUTH,
          'The token is wrong. Use the token in the engine\'s home folder (file "token"), or pair again with `rushes pair`.',
        );
      }
      session.authed = true;
      session.client = p.client;
      log.info({ session: session.id, client: p.client }, 'client connected');
      return {
        engine: { name: 'rushes', version: opts.engineVersion },
        protocolVersion: PROTOCOL_VERSION,
        capabilities: {
          formats: ['mp4', 'prores', 'png'],
          maxConcurrentJobs: opts.maxConcurrentJobs,
          outputRoot: opts.paths.outputs,
          maxMessageBytes: MAX_MESSAGE_BYTES,
        },
        generators: opts.generators(),
      };
    },
    'session.pair': (p: ParamsOf<'session.pair'>) => {
      if (!pairing.redeem(p.code)) {
        throw new RushesError(ErrorCode.AUTH, 'That pairing code is wrong or expired. Run `rushes pair` again and type the new code.');
      }
      log.info({ client: p.client }, 'client paired');
      return { token: opts.token };
    },
    'pairing.create': () => pairing.create(),
    'jobs.submit': (p: ParamsOf<'jobs.submit'>) => {
      const { job, deduplicated } = queue.submit(p.request, p.idempotencyKey);
      return { jobId: job.id, deduplicated, job };
    },
    'jobs.get': (p: ParamsOf<'jobs.get'>) => queue.get(p.jobId),
    'jobs.list': (p: ParamsOf<'jobs.list'>) => ({ jobs: queue.list(p.states, p.limit ?? 100) }),
    'jobs.cancel': async (p: ParamsOf<'jobs.cancel'>) => {
      const job = await queue.cancel(p.jobId);
      return { jobId: job.id, state: job.state };
    },
    'jobs.subscribe': (p: ParamsOf<'jobs.subscribe'>, session: Session, conn: Connection) => {
      if (!p.all && !p.jobIds?.length) throw new RushesError(ErrorCode.INVALID, 'Give jobIds, or all: true.');
      const jobs: Job[] = p.all ? queue.list(undefined, 500) : p.jobIds!.map((id) => queue.get(id));
      if (p.all) session.followAll = true;
      for (const j of jobs) if (!isFinalState(j.state)) session.subscriptions.add(j.id);
      // A job that finished while the client was away still gets its one jobs.finished, after the reply.
      const finished = p.all ? [] : jobs.filter((j) => isFinalState(j.state));
      if (finished.length) setImmediate(() => finished.forEach((j) => conn.notify('jobs.finished', finishedParams(j))));
      return { jobs };
    },
    'jobs.unsubscribe': (p: ParamsOf<'jobs.unsubscribe'>, session: Session) => {
      if (p.all) {
        session.followAll = false;
        session.subscriptions.clear();
      }
      for (const id of p.jobIds ?? []) session.subscriptions.delete(id);
      return { ok: true };
    },
  };

  queue.on('progress', (e) => {
    for (const c of connections) {
      const s = c.session;
      if (s.authed && (s.followAll || s.subscriptions.has(e.jobId))) c.notify('jobs.progress', e);
    }
  });
  queue.on('finished', (job) => {
    for (const c of connections) {
      const s = c.session;
      if (s.authed && (s.followAll || s.subscriptions.has(job.id))) {
        s.subscriptions.delete(job.id);
        c.notify('jobs.finished', finishedParams(job));
      }
    }
  });

  const httpServer = http.createServer((req, res) => handleHttp(req, res, opts, queue));
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  httpServer.on('upgrade', (req, socket, head) => {
    const refusal = refuseUpgrade(req, opts.upgrade);
    const pathname = (req.url ?? '/').split('?')[0];
    if (refusal || (pathname !== '/' && pathname !== '/rpc')) {
      const why = refusal ?? `no WebSocket endpoint at ${pathname}`;
      log.warn({ origin: req.headers.origin, host: req.headers.host, why }, 'refused a WebSocket upgrade');
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nRushes refused this connection: ${why}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const conn = new Connection(ws, handlers, log);
    connections.add(conn);
    const helloTimer = setTimeout(() => {
      if (!conn.session.authed) conn.close(4408, 'no session.hello in time');
    }, opts.helloTimeoutMs);
    // Messages are handled one at a time per connection, in order; a client pipelining requests gets
    // its answers in the order it asked.
    let chain = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      chain = chain.then(() => conn.onMessage(data as Buffer, isBinary)).catch((e) => log.error({ err: e }, 'message handling failed'));
    });
    ws.on('error', (e) => log.warn({ err: e.message }, 'socket error'));
    ws.on('close', () => {
      clearTimeout(helloTimer);
      connections.delete(conn);
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `ws://${hostForUrl}:${port}`,
    pairing,
    connectionCount: () => connections.size,
    close: async () => {
      for (const c of wss.clients) c.close(1001, 'engine shutting down');
      await new Promise<void>((r) => wss.close(() => r()));
      httpServer.closeAllConnections();
      await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
}

export function finishedParams(job: Job) {
  return {
    jobId: job.id,
    state: job.state as 'done' | 'failed' | 'cancelled',
    outputs: job.outputs,
    error: job.error,
    report: job.report,
  };
}

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.c2pa': 'application/c2pa',
};

function handleHttp(req: http.IncomingMessage, res: http.ServerResponse, opts: ServerOptions, queue: JobQueue): void {
  const send = (status: number, body: unknown): void => {
    res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refusal = refuseUpgrade(req, opts.upgrade);
  if (refusal) return send(403, { error: refusal });
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'GET only' });
  if (url.pathname === '/health') {
    return send(200, { ok: true, name: 'rushes', version: opts.engineVersion, protocolVersion: PROTOCOL_VERSION });
  }
  const m = /^\/files\/([A-Za-z0-9_]+)\/(.+)$/.exec(url.pathname);
  if (!m) return send(404, { error: 'not found' });
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? url.searchParams.get('token') ?? '';
  if (!tokensEqual(bearer, opts.token)) return send(401, { error: 'token required' });
  let job: Job;
  try {
    job = queue.get(m[1]!);
  } catch {
    return send(404, { error: 'no such job' });
  }
  if (job.state !== 'done') return send(409, { error: `job is ${job.state}` });
  const root = finalDirFor(opts.paths, job);
  let rel: string;
  try {
    rel = decodeURIComponent(m[2]!);
  } catch {
    return send(400, { error: 'malformed path' });
  }
  const target = path.resolve(root, rel);
  // Only files inside the job's own folder: "../" and absolute paths end here.
  if (!target.startsWith(root + path.sep)) return send(403, { error: 'outside the job folder' });
  fs.stat(target, (err, st) => {
    if (err || !st.isFile()) return send(404, { error: 'no such file' });
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(target).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': st.size,
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(target).pipe(res);
  });
}
