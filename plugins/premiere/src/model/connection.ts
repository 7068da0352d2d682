/**
 * The connection banner: which of the states an editor can be in, and what to do about each.
 */
import type { ConnectionState } from '@rushes/shared';
import type { ErrorInfo } from './errors';

export type ConnectionKind = 'connecting' | 'engine-down' | 'permission' | 'needs-pairing' | 'version-mismatch' | 'connected';

export interface ConnectionInput {
  state: ConnectionState;
  lastError: ErrorInfo | null;
  hasToken: boolean;
  url: string;
  engineVersion: string | null;
}

export interface ConnectionView {
  kind: ConnectionKind;
  title: string;
  message: string;
  /** What the banner's button does, if it has one. */
  action: 'pair' | 'retry' | null;
  tone: 'positive' | 'notice' | 'negative' | 'neutral';
}

/** True when the failure looks like UXP refusing the URL because the manifest does not list it. */
export function isPermissionError(err: ErrorInfo | null): boolean {
  if (!err) return false;
  const text = `${err.message} ${String(err.details?.detail ?? '')}`;
  return /manifest|permission|not allowed|denied/i.test(text) && !/origin/i.test(text);
}

export function describeConnection(input: ConnectionInput): ConnectionView {
  const { state, lastError, url } = input;
  const port = portOf(url);
  if (state === 'version-mismatch') {
    return {
      kind: 'version-mismatch',
      title: 'Version mismatch',
      message: `The engine at ${url} and this panel speak different protocol versions${lastError ? ` (${lastError.message})` : ''}. Install the same Rushes release for both, then reopen the panel.`,
      action: 'retry',
      tone: 'negative',
    };
  }
  if (state === 'connected') {
    return {
      kind: 'connected',
      title: 'Connected',
      message: `Rushes engine${input.engineVersion ? ` ${input.engineVersion}` : ''} at ${url}.`,
      action: null,
      tone: 'positive',
    };
  }
  if ((state === 'reconnecting' || state === 'connecting' || state === 'idle') && isPermissionError(lastError)) {
    return {
      kind: 'permission',
      title: 'Blocked by the plugin manifest',
      message: `Premiere did not let the panel open ${url}: the plugin's manifest does not list it. If the engine runs on another port, rebuild the panel with RUSHES_PORT=<port> (docs/PREMIERE.md, "Ports").`,
      action: 'retry',
      tone: 'negative',
    };
  }
  if (state === 'unauthorized') {
    return {
      kind: 'needs-pairing',
      title: input.hasToken ? 'Pair again' : 'Pair with the engine',
      message: input.hasToken
        ? 'The engine no longer accepts this panel. Run `rushes pair` in a terminal and type the code it prints here.'
        : 'Run `rushes pair` in a terminal and type the code it prints here. You do this once per machine.',
      action: 'pair',
      tone: 'notice',
    };
  }
  if (state === 'reconnecting' || (lastError && state !== 'connecting')) {
    return {
      kind: 'engine-down',
      title: 'Engine not running',
      message: `Cannot reach the Rushes engine at ${url}. Start it with \`rushes serve\`${port ? ` (port ${port})` : ''}; the panel reconnects by itself.`,
      action: 'retry',
      tone: 'negative',
    };
  }
  return { kind: 'connecting', title: 'Connecting', message: `Connecting to the Rushes engine at ${url}…`, action: null, tone: 'neutral' };
}

function portOf(url: string): string | null {
  const m = /:(\d+)(?:\/|$)/.exec(url);
  return m?.[1] ?? null;
}
