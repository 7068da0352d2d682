/**
 * The UXP manifest rules the build enforces. The one users trip on most: UXP opens a WebSocket only
 * to URLs listed, exactly and with their port, in `requiredPermissions.network.domains` (no port
 * wildcards; a missing entry fails at run time with "Manifest entry not found"). So the domains must
 * be exactly the engine's two loopback URLs for the port the panel is built for.
 */
import { DEFAULT_PORT } from '@rushes/shared';

export const MIN_HOST_VERSION = '25.6.0';
export const HOST_APP = 'premierepro';
const FILE_SYSTEM_VALUES = ['plugin', 'request', 'fullAccess'];

/** The engine port the panel is built for: RUSHES_PORT when set, else the engine's DEFAULT_PORT. */
export function resolvePort(env: Record<string, string | undefined>): number {
  const raw = env.RUSHES_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`RUSHES_PORT must be a TCP port from 1 to 65535, not "${raw}".`);
  }
  return port;
}

export function engineDomains(port: number): string[] {
  return [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`];
}

interface ManifestShape {
  manifestVersion?: unknown;
  id?: unknown;
  version?: unknown;
  main?: unknown;
  host?: { app?: unknown; minVersion?: unknown } | unknown[];
  entrypoints?: unknown;
  icons?: unknown;
  requiredPermissions?: { network?: { domains?: unknown }; localFileSystem?: unknown };
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Every rule the manifest breaks, as sentences; empty when it is good for `port`. */
export function checkManifest(manifest: unknown, port: number): string[] {
  const errors: string[] = [];
  if (!manifest || typeof manifest !== 'object') return ['manifest.json is not a JSON object.'];
  const m = manifest as ManifestShape;
  if (m.manifestVersion !== 5) errors.push('manifestVersion must be 5.');
  if (typeof m.id !== 'string' || !m.id) errors.push('id is missing.');
  if (typeof m.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(m.version)) errors.push('version must be major.minor.patch.');
  if (m.main !== 'index.html') errors.push('main must be "index.html".');
  const host = m.host;
  if (!host || Array.isArray(host) || typeof host !== 'object') errors.push('host must be one object for Premiere Pro.');
  else {
    if (host.app !== HOST_APP) errors.push(`host.app must be "${HOST_APP}".`);
    if (typeof host.minVersion !== 'string' || !/^\d+\.\d+\.\d+$/.test(host.minVersion)) errors.push('host.minVersion must be x.y.z.');
    else if (compareVersions(host.minVersion, MIN_HOST_VERSION) < 0) errors.push(`host.minVersion must be at least ${MIN_HOST_VERSION} (the UXP APIs the panel uses).`);
  }
  const eps = Array.isArray(m.entrypoints) ? (m.entrypoints as Array<{ type?: unknown }>) : [];
  if (!eps.some((e) => e && e.type === 'panel')) errors.push('entrypoints must hold a panel.');

  const domains = m.requiredPermissions?.network?.domains;
  const expected = engineDomains(port);
  if (domains === 'all') errors.push(`network.domains is "all"; list exactly ${expected.join(' and ')} instead.`);
  else if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string')) errors.push('requiredPermissions.network.domains must be an array of URLs.');
  else {
    for (const want of expected) if (!domains.includes(want)) errors.push(`network.domains lacks ${want} (the engine's port is ${port}).`);
    for (const d of domains as string[]) {
      if (expected.includes(d)) continue;
      if (/\*/.test(d)) errors.push(`network.domains entry "${d}" has a wildcard; UXP needs exact URLs with their port.`);
      else if (/^wss?:\/\/(127\.0\.0\.1|localhost)(:|\/|$)/.test(d)) errors.push(`network.domains entry "${d}" disagrees with the engine's port ${port}.`);
      else errors.push(`network.domains entry "${d}" is not the engine; the panel talks to nothing else.`);
    }
  }
  const lfs = m.requiredPermissions?.localFileSystem;
  if (lfs !== undefined && !FILE_SYSTEM_VALUES.includes(String(lfs))) errors.push(`localFileSystem must be one of ${FILE_SYSTEM_VALUES.join(', ')}.`);
  return errors;
}

/** The manifest for `port` and `version`: the source manifest with its domains and version replaced. */
export function manifestFor(source: unknown, port: number, version: string): Record<string, unknown> {
  const m = structuredClone(source) as Record<string, unknown> & { requiredPermissions?: { network?: { domains?: unknown } } };
  m.version = version;
  m.requiredPermissions = { ...(m.requiredPermissions ?? {}), network: { ...(m.requiredPermissions?.network ?? {}), domains: engineDomains(port) } };
  return m;
}

/** Paths an icon entry refers to, with the @2x variant for scale 2 (how UXP finds it). */
export function iconFiles(manifest: unknown): string[] {
  const out = new Set<string>();
  const m = manifest as { icons?: unknown; entrypoints?: unknown };
  const lists: unknown[] = [m.icons];
  if (Array.isArray(m.entrypoints)) for (const e of m.entrypoints) lists.push((e as { icons?: unknown }).icons);
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const icon of list as Array<{ path?: unknown; scale?: unknown }>) {
      if (typeof icon.path !== 'string') continue;
      out.add(icon.path);
      const scales = Array.isArray(icon.scale) ? icon.scale : [1];
      for (const s of scales) if (s !== 1) out.add(icon.path.replace(/(\.[a-z]+)$/i, `@${s}x$1`));
    }
  }
  return [...out];
}
