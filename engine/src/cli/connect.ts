/**
 * How the CLI reaches an engine: the daemon advertised in HOME/daemon.json if one answers, otherwise
 * (for commands that can) an engine started in this process on a free port. Either way the CLI then
 * talks JSON-RPC over a real socket, so `rushes generate` takes the same path with or without a daemon.
 */
import WebSocket from 'ws';
import { EngineClient, RushesError, type WebSocketConstructor } from '@rushes/shared';
import { readDaemonInfo, startDaemon, type Daemon } from '../daemon';
import { readToken, resolveHome } from '../home';
import { ENGINE_VERSION } from '../version';
import { reportError } from './exit';

export interface EngineHandle {
  client: EngineClient;
  /** Set when this process started the engine itself. */
  embedded: Daemon | null;
  url: string;
  close(): Promise<void>;
}

export async function connectToEngine(opts: { home?: string; embed: boolean; quiet?: boolean }): Promise<EngineHandle> {
  const home = resolveHome(opts.home);
  const info = readDaemonInfo(home);
  const token = readToken(home);
  if (info && token) {
    const client = makeClient(info.url, token);
    try {
      await client.connect();
      return { client, embedded: null, url: info.url, close: async () => client.close() };
    } catch (e) {
      client.close();
      if (e instanceof RushesError && (e.code === 'E_AUTH' || e.code === 'E_VERSION')) throw e;
      // Stale daemon.json (the daemon died): fall through.
    }
  }
  if (!opts.embed) {
    throw new RushesError('E_INTERNAL', `No Rushes engine is running for ${home}. Start one with \`rushes serve\`.`);
  }
  const daemon = await startDaemon({ home, port: 0 });
  const client = makeClient(daemon.url, daemon.token);
  try {
    await client.connect();
  } catch (e) {
    await daemon.close();
    throw e;
  }
  return {
    client,
    embedded: daemon,
    url: daemon.url,
    close: async () => {
      client.close();
      await daemon.close();
    },
  };
}

function makeClient(url: string, token: string): EngineClient {
  return new EngineClient({
    url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    token,
    client: { name: 'rushes-cli', version: ENGINE_VERSION, host: 'cli' },
    reconnect: false,
    requestTimeoutMs: 30000,
  });
}

/**
 * Runs a command body with a connected engine: any error (connecting or inside) is reported the way
 * every command reports errors, and the connection (and an in-process engine) is always closed.
 */
export async function withEngine(
  o: { home?: string; json?: boolean },
  embed: boolean,
  fn: (client: EngineClient, handle: EngineHandle) => Promise<number>,
): Promise<number> {
  let handle: EngineHandle;
  try {
    handle = await connectToEngine({ ...(o.home ? { home: o.home } : {}), embed });
  } catch (e) {
    return reportError(e, !!o.json);
  }
  try {
    return await fn(handle.client, handle);
  } catch (e) {
    return reportError(e, !!o.json);
  } finally {
    await handle.close();
  }
}
