/**
 * Starts a whole engine on a home folder: the store, the queue, the generators, provenance, policy and
 * the socket server. `rushes serve` runs it in the foreground; `rushes generate` without a running
 * daemon runs it in-process on an ephemeral port, so both take the same code path; tests start it too.
 */
import fs from 'node:fs';
import { RushesError, type GenerationRequest } from '@rushes/shared';
import { DEFAULT_CONFIG, configFromEnv, isLoopbackHost, loadConfigFile, type EngineConfig } from './config';
import { acquireHomeLock, homePaths, prepareHome, resolveHome, type HomePaths } from './home';
import { JobStore } from './jobs/store';
import { JobQueue } from './jobs/queue';
import { createLogger, type Logger } from './log';
import { startServer } from './server/server';
import { buildComponents, type Components } from './components';
import { ENGINE_VERSION } from './version';

export interface DaemonOptions {
  /** Home folder; defaults to RUSHES_HOME, then the OS data folder. */
  home?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Settings that override config.json and the environment. */
  config?: Partial<EngineConfig>;
  /** Log to stderr as well as HOME/logs/engine.log. */
  logToStderr?: boolean;
  /** Replace the default generators/provenance/policy (tests). */
  components?: Partial<Components>;
  /** Write HOME/daemon.json so the CLI can find this daemon. Default true. */
  advertise?: boolean;
}

export interface Daemon {
  url: string;
  port: number;
  host: string;
  token: string;
  home: string;
  paths: HomePaths;
  installId: string;
  queue: JobQueue;
  log: Logger;
  /** Jobs the previous daemon left running and this one re-queued. */
  requeued: string[];
  close(): Promise<void>;
}

export interface DaemonInfo {
  pid: number;
  port: number;
  host: string;
  url: string;
  version: string;
  startedAt: string;
}

export async function startDaemon(options: DaemonOptions = {}): Promise<Daemon> {
  const home = resolveHome(options.home);
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const fileConfig = loadConfigFile(homePaths(home).config);
  const config: EngineConfig = {
    ...DEFAULT_CONFIG,
    ...fileConfig,
    ...configFromEnv(),
    ...options.config,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host !== undefined ? { host: options.host } : {}),
  };
  const paths = homePaths(home, config.outputRoot);
  const { token, installId } = prepareHome(paths);
  let releaseLock: () => void;
  try {
    releaseLock = acquireHomeLock(home);
  } catch (e) {
    throw new RushesError('E_BUSY', (e as Error).message);
  }
  const log = createLogger({ logDir: paths.logs, stderr: options.logToStderr ?? false });
  if (!isLoopbackHost(config.host)) {
    log.warn({ host: config.host }, 'listening beyond loopback: anyone who can reach this address and has the token controls the engine');
  }

  let components: Components;
  let store: JobStore;
  try {
    components = await buildComponents({ config, paths, log, overrides: options.components ?? {} });
    store = new JobStore(paths.database);
  } catch (e) {
    releaseLock();
    throw e;
  }
  const queue = new JobQueue({
    store,
    generators: components.generators,
    paths,
    installId,
    maxConcurrent: config.maxConcurrentJobs,
    maxQueued: config.maxQueuedJobs,
    transforms: components.transforms,
    finishers: components.finishers,
    gate: (req: GenerationRequest) => components.gate(req),
    log,
  });

  let server;
  try {
    server = await startServer({
      host: config.host,
      port: config.port,
      token,
      engineVersion: ENGINE_VERSION,
      queue,
      paths,
      generators: () => components.generators.infos(),
      maxConcurrentJobs: config.maxConcurrentJobs,
      upgrade: { allowedOrigins: config.allowedOrigins, allowedHosts: isLoopbackHost(config.host) ? [] : [config.host] },
      helloTimeoutMs: config.helloTimeoutSeconds * 1000,
      log,
    });
  } catch (e) {
    store.close();
    releaseLock();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') {
      throw new RushesError('E_BUSY', `Port ${config.port} on ${config.host} is in use: is another Rushes engine running? Try \`rushes status\`, or pick a port with --port.`);
    }
    throw e;
  }
  const requeued = queue.start();
  const info: DaemonInfo = {
    pid: process.pid,
    port: server.port,
    host: config.host,
    url: server.url,
    version: ENGINE_VERSION,
    startedAt: new Date().toISOString(),
  };
  if (options.advertise !== false) fs.writeFileSync(paths.daemon, JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  log.info({ url: server.url, home, generators: components.generators.infos().map((g) => `${g.id}:${g.backend}`), requeued }, 'engine listening');

  let closed: Promise<void> | null = null;
  return {
    url: server.url,
    port: server.port,
    host: config.host,
    token,
    home,
    paths,
    installId,
    queue,
    log,
    requeued,
    close: () =>
      (closed ??= (async () => {
        await server.close();
        await queue.stop();
        store.close();
        if (options.advertise !== false) removeIfOurs(paths.daemon, process.pid, server.port);
        releaseLock();
        log.info('engine stopped');
        log.flush();
      })()),
  };
}

/** Reads HOME/daemon.json; null when absent or unreadable. */
export function readDaemonInfo(home: string): DaemonInfo | null {
  try {
    return JSON.parse(fs.readFileSync(homePaths(home).daemon, 'utf8')) as DaemonInfo;
  } catch {
    return null;
  }
}

function removeIfOurs(file: string, pid: number, port: number): void {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as DaemonInfo;
    if (info.pid === pid && info.port === port) fs.rmSync(file);
  } catch {
    /* gone already */
  }
}
