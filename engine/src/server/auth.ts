/**
 * Who may talk to the engine. Any web page can open a socket to localhost, so the upgrade is checked
 * before the token: a foreign Origin (including the literal "null" of sandboxed frames and file://
 * pages) is refused, and so is a Host header that is not loopback (DNS rebinding: evil.com resolving to
 * 127.0.0.1 still sends "Host: evil.com"). Clients that send no Origin at all are native processes
 * (Node, Electron's main process, Python) and go on to the token check.
 */
import { timingSafeEqual, randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export interface UpgradePolicy {
  allowedOrigins: readonly string[];
  /** Host names (without port) the Host header may carry. Loopback names are always allowed. */
  allowedHosts: readonly string[];
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]', '::1'];

/** Returns null when the upgrade may proceed, else the reason it may not. */
export function refuseUpgrade(req: Pick<IncomingMessage, 'headers'>, policy: UpgradePolicy): string | null {
  const hostHeader = req.headers.host;
  if (!hostHeader) return 'missing Host header';
  const hostName = stripPort(hostHeader.toLowerCase());
  const hosts = [...LOOPBACK_HOSTS, ...policy.allowedHosts.map((h) => h.toLowerCase())];
  if (!hosts.includes(hostName) && !/^127\.\d+\.\d+\.\d+$/.test(hostName)) return `Host "${hostHeader}" is not this engine`;
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (!policy.allowedOrigins.includes(origin)) return `Origin "${origin}" is not allowed`;
  return null;
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i === -1 ? host : host.slice(0, i);
}

export function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * One-time pairing codes: `rushes pair` asks the engine for one, the user types it into a panel that
 * cannot read the engine's home folder, and the panel exchanges it for the token. Codes are short so
 * people can type them, so they expire fast, work once, and a few wrong guesses burn every open code.
 */
export class PairingCodes {
  private readonly codes = new Map<string, number>();
  private failures = 0;
  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxFailures = 5,
    private readonly now: () => number = Date.now,
  ) {}

  create(): { code: string; expiresAt: string } {
    this.prune();
    // 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L): ~40 bits.
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    let code = '';
    for (let i = 0; i < 8; i++) code += alphabet[randomInt(alphabet.length)];
    const expires = this.now() + this.ttlMs;
    this.codes.set(code, expires);
    this.failures = 0;
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(expires).toISOString() };
  }

  /** True once per valid code. */
  redeem(input: string): boolean {
    this.prune();
    const code = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (this.codes.has(code)) {
      this.codes.delete(code);
      return true;
    }
    if (++this.failures >= this.maxFailures) this.codes.clear();
    return false;
  }

  private prune(): void {
    const t = this.now();
    for (const [c, exp] of this.codes) if (exp <= t) this.codes.delete(c);
  }
}
