/**
 * The UXP side of the panel: the host module, the WebSocket, storage and the poster reader. Thin on
 * purpose; everything that decides something lives in app/ and model/ and is tested in Node.
 *
 * Where the vendor's UXP types (@adobe/cc-ext-uxp-types 7.3.1) fall short, the gap is named and the
 * value narrowed on the spot:
 * - `WebSocket` is declared with send/close/readyState only, without the onopen/onmessage/onclose/
 *   onerror handlers UXP's WebSocket has (as a browser's does);
 * - `secureStorage` is declared on the `uxp` module, while Adobe's reference documents it as
 *   `require('uxp').storage.secureStorage`: both places are tried;
 * - the file-system provider (`storage.localFileSystem`) is not declared at all.
 */
import type { premierepro } from '@adobe/premierepro';
import type { ClientInfo, WebSocketConstructor } from '@rushes/shared';
import type { KeyValueStore, TokenStore } from '../app/storage';

type UxpModule = typeof import('uxp');
type SecureStorage = UxpModule['secureStorage'];

export function loadPremiere(): premierepro {
  return require('premierepro') as premierepro;
}

function loadUxp(): UxpModule {
  return require('uxp') as UxpModule;
}

export function uxpWebSocket(): WebSocketConstructor {
  return WebSocket as unknown as WebSocketConstructor;
}

export function clientInfo(): ClientInfo {
  let host = 'premierepro';
  try {
    const h = loadUxp().host;
    const version: unknown = h.version;
    if (typeof version === 'string' && version) host = `premierepro ${version}`.slice(0, 64);
  } catch {
    /* outside UXP (never in practice) */
  }
  return { name: 'rushes-premiere', version: __RUSHES_PLUGIN_VERSION__, host };
}

const TOKEN_KEY = 'rushes.engine.token';

/**
 * The engine token in UXP's secure storage (encrypted with the user's OS credentials). If secure
 * storage is unavailable the token lives in memory for this session only, and the editor pairs again
 * next time, which is safe if inconvenient.
 */
export class UxpTokenStore implements TokenStore {
  private memory: string | null = null;
  private readonly secure: SecureStorage | null;
  constructor() {
    let s: SecureStorage | null = null;
    try {
      const uxp = loadUxp();
      const fromStorage = (uxp.storage as unknown as { secureStorage?: SecureStorage }).secureStorage;
      s = fromStorage ?? uxp.secureStorage ?? null;
    } catch {
      s = null;
    }
    this.secure = s;
  }
  async get(): Promise<string | null> {
    if (this.memory) return this.memory;
    if (!this.secure) return null;
    try {
      const raw: unknown = await this.secure.getItem(TOKEN_KEY);
      const text = typeof raw === 'string' ? raw : raw instanceof Uint8Array ? ascii(raw) : '';
      return text || null;
    } catch {
      return null; // no such key yet
    }
  }
  async set(token: string): Promise<void> {
    this.memory = token;
    if (!this.secure) return;
    try {
      await this.secure.setItem(TOKEN_KEY, token);
    } catch {
      /* kept in memory for this session */
    }
  }
  async clear(): Promise<void> {
    this.memory = null;
    if (!this.secure) return;
    try {
      await this.secure.removeItem(TOKEN_KEY);
    } catch {
      /* nothing stored */
    }
  }
}

/** Tokens are ASCII (the engine makes them from base64url/hex), so bytes map to characters 1:1. */
function ascii(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** UXP's localStorage, per plugin. */
export function uxpKeyValueStore(): KeyValueStore {
  return {
    getItem: (k) => {
      const v: string | null | undefined = localStorage.getItem(k);
      return typeof v === 'string' ? v : null;
    },
    setItem: (k, v) => localStorage.setItem(k, v),
    removeItem: (k) => localStorage.removeItem(k),
  };
}

/** The parts of UXP's file-system provider used to read a poster frame (undeclared by the vendor). */
interface UxpFileEntry {
  read(options: { format?: symbol }): Promise<unknown>;
}
interface UxpFileSystemProvider {
  getEntryWithUrl(url: string): Promise<UxpFileEntry>;
}

/** "file:" URL for an absolute path, the form UXP's getEntryWithUrl takes ("file:/C:/..." on Windows). */
export function fileUrl(absPath: string): string {
  const p = absPath.replace(/\\/g, '/');
  return /^[a-zA-Z]:\//.test(p) ? `file:/${p}` : `file:${p}`;
}

/**
 * A poster frame as a data: URL for an <img>, or null when it cannot be read (the manifest grants
 * `localFileSystem: "fullAccess"` for exactly this; without it the queue just shows no picture).
 */
export async function readPosterDataUrl(absPath: string): Promise<string | null> {
  try {
    const uxp = loadUxp();
    const lfs = (uxp.storage as unknown as { localFileSystem?: UxpFileSystemProvider }).localFileSystem;
    if (!lfs) return null;
    const entry = await lfs.getEntryWithUrl(fileUrl(absPath));
    const data = await entry.read({ format: uxp.storage.formats.binary });
    if (!(data instanceof ArrayBuffer)) return null;
    return `data:image/jpeg;base64,${base64(new Uint8Array(data))}`;
  } catch {
    return null;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + '=';
  }
  return out;
}
