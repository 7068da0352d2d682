/**
 * The engine's home folder: token, install id, job database, outputs, logs, keys. Resolved from
 * `--home`, then RUSHES_HOME, then the OS's per-user data folder. Everything the engine writes lives
 * under it (or under a configured output root), never elsewhere.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';

export interface HomePaths {
  home: string;
  token: string;
  installId: string;
  database: string;
  outputs: string;
  /** Where outputs are assembled before the atomic rename; same filesystem as `outputs`. */
  partial: string;
  logs: string;
  config: string;
  /** Written while a daemon serves this home: how the CLI finds it. */
  daemon: string;
}

export function resolveHome(explicit?: string): string {
  const chosen = explicit || process.env.RUSHES_HOME || envPaths('rushes', { suffix: '' }).data;
  return path.resolve(chosen);
}

export function homePaths(home: string, outputRoot?: string): HomePaths {
  const outputs = path.resolve(outputRoot ?? path.join(home, 'outputs'));
  return {
    home,
    token: path.join(home, 'token'),
    installId: path.join(home, 'install-id'),
    database: path.join(home, 'rushes.db'),
    outputs,
    partial: path.join(outputs, '.partial'),
    logs: path.join(home, 'logs'),
    config: path.join(home, 'config.json'),
    daemon: path.join(home, 'daemon.json'),
  };
}

/** Creates the folders and the secrets that must exist before the engine serves. Idempotent. */
export function prepareHome(p: HomePaths): { token: string; installId: string } {
  fs.mkdirSync(p.home, { recursive: true, mode: 0o700 });
  fs.mkdirSync(p.outputs, { recursive: true });
  fs.mkdirSync(p.partial, { recursive: true });
  fs.mkdirSync(p.logs, { recursive: true });
  const token = readOrCreateSecret(p.token, () => randomBytes(32).toString('base64url'));
  const installId = readOrCreateSecret(p.installId, () => randomBytes(16).toString('hex'));
  return { token, installId };
}

/** Reads a one-line secret, creating it with mode 0600 (exclusively, so two processes agree) if absent. */
function readOrCreateSecret(file: string, make: () => string): string {
  try {
    fs.writeFileSync(file, make() + '\n', { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  // Tighten a file someone loosened by hand: the token grants full control of the engine.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const value = fs.readFileSync(file, 'utf8').trim();
  if (!value) throw new Error(`${file} is empty; delete it and the engine will create a new one.`);
  return value;
}

/** A one-line file of the home (token, install id), or null when absent or empty. */
function readHomeLine(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

export const readToken = (home: string): string | null => readHomeLine(homePaths(home).token);
export const readInstallId = (home: string): string | null => readHomeLine(homePaths(home).installId);

/**
 * One engine per home: two would share a queue and each re-queue the other's running jobs. The lock is
 * a file holding the owner's pid; a lock whose process is gone (a killed daemon) is taken over.
 */
export function acquireHomeLock(home: string): () => void {
  const file = path.join(home, 'daemon.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number(fs.readFileSync(file, 'utf8').trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw Object.assign(new Error(`Another Rushes engine (pid ${owner}) is serving ${home}. Use it (\`rushes status\`), or stop it first.`), {
        code: 'E_BUSY',
      });
    }
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not take the engine lock ${file}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
