/**
 * Finding the engine from the plugin: its home folder (RUSHES_HOME, else the OS data folder the engine
 * uses: env-paths('rushes', {suffix: ''}).data), the token in `<home>/token`, and the URL the running
 * daemon advertises in `<home>/daemon.json`. Resolve's plugin runs as the same user as the engine, so it
 * can read the token; when it cannot (another user, a locked-down folder), the UI pairs instead.
 */
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import { DEFAULT_PORT } from '@rushes/shared';

export function engineHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.RUSHES_HOME || envPaths('rushes', { suffix: '' }).data);
}

/** The token the engine wrote, or null when the file is missing or unreadable. */
export function readEngineToken(home: string = engineHome()): string | null {
  try {
    return fs.readFileSync(path.join(home, 'token'), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** ws:// URL of the daemon serving this home, from its daemon.json; the default port when none is advertised. */
export function engineUrl(home: string = engineHome(), env: NodeJS.ProcessEnv = process.env): string {
  if (env.RUSHES_URL) return env.RUSHES_URL;
  try {
    const info = JSON.parse(fs.readFileSync(path.join(home, 'daemon.json'), 'utf8')) as { url?: unknown; port?: unknown };
    if (typeof info.url === 'string' && /^wss?:\/\//.test(info.url)) return info.url;
    if (typeof info.port === 'number') return `ws://127.0.0.1:${info.port}`;
  } catch {
    /* no daemon advertised: try the default port */
  }
  return `ws://127.0.0.1:${DEFAULT_PORT}`;
}
