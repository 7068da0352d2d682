/**
 * Finding and opening the Rushes engine from the bridge: the home folder (where the token lives) is
 * resolved exactly as the engine resolves it, and the engine's address comes from --engine-url, else
 * the `daemon.json` a running engine writes in its home, else the default port.
 */
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import WebSocket from 'ws';
import { DEFAULT_PORT, EngineClient, RushesError, type WebSocketConstructor } from '@rushes/shared';
import { BridgeCode, BridgeError } from '../errors';
import { BRIDGE_VERSION } from '../version';

/** --home, then RUSHES_HOME, then the per-user data folder (the engine's own rule). */
export function resolveHome(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(explicit || env.RUSHES_HOME || envPaths('rushes', { suffix: '' }).data);
}

export function readToken(home: string): string {
  const file = path.join(home, 'token');
  let token = '';
  try {
    token = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new BridgeError(BridgeCode.ENGINE, `No engine token at ${file} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'}).`, {
      fix: 'Start the engine once (`rushes serve`) so it creates its home folder, or point --home / RUSHES_HOME at it.',
    });
  }
  if (!token) throw new BridgeError(BridgeCode.ENGINE, `${file} is empty.`, { fix: 'Delete it and restart the engine; it makes a new one.' });
  return token;
}

/** The url of the engine serving `home`, from --engine-url or its daemon.json; else the default port. */
export function resolveEngineUrl(home: string, explicit?: string): string {
  if (explicit) return explicit;
  try {
    const info = JSON.parse(fs.readFileSync(path.join(home, 'daemon.json'), 'utf8')) as { url?: unknown };
    if (typeof info.url === 'string' && /^wss?:\/\//.test(info.url)) return info.url;
  } catch {
    /* no running daemon advertised; try the default port */
  }
  return `ws://127.0.0.1:${DEFAULT_PORT}`;
}

export interface EngineConnectOptions {
  home?: string;
  engineUrl?: string;
  env?: NodeJS.ProcessEnv;
}

/** Opens and authenticates an EngineClient. The caller closes it. */
export async function connectEngine(opts: EngineConnectOptions = {}): Promise<EngineClient> {
  const home = resolveHome(opts.home, opts.env);
  const url = resolveEngineUrl(home, opts.engineUrl);
  const token = readToken(home);
  const client = new EngineClient({
    url,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    token,
    client: { name: 'rushes-unreal-bridge', version: BRIDGE_VERSION, host: 'unreal' },
    reconnect: true,
  });
  try {
    await client.connect();
  } catch (e) {
    client.close();
    const err = e instanceof RushesError ? e : null;
    throw new BridgeError(BridgeCode.ENGINE, err?.message ?? `Cannot reach the Rushes engine at ${url}.`, {
      engineCode: err?.code,
      fix:
        err?.code === 'E_AUTH'
          ? `The engine refused the token in ${path.join(home, 'token')}: is --home pointing at the home of the engine at ${url}?`
          : 'Start the engine with `rushes serve` (or pass --engine-url).',
    });
  }
  return client;
}
