/**
 * The narrow API between the sandboxed renderer and the main process: channel names and the plain-data
 * shapes that cross it. The renderer never sees the Resolve object, the token or the socket.
 */
import type { Rational } from '@rushes/shared';

export const Channel = {
  status: 'rushes:status',
  scan: 'rushes:scan',
  fill: 'rushes:fill',
  playhead: 'rushes:playhead',
  pair: 'rushes:pair',
  reconnect: 'rushes:reconnect',
  event: 'rushes:event',
} as const;

export interface StatusView {
  resolve: { ok: boolean; product: string; version: string; error: string | null };
  engine: { state: string; url: string; version: string | null; error: string | null; generators: Array<{ id: string; name: string; isDefault: boolean }> };
  timeline: { name: string; rate: string; fps: Rational; width: number; height: number; projectRate: string | null } | null;
  timelineError: string | null;
}

export interface TargetView {
  key: string;
  prompt: string;
  timecode: string;
  recordFrame: number;
  duration: number;
  durationSource: string;
}

export interface ScanView {
  targets: TargetView[];
  skipped: Array<{ markerFrame: number; name: string; reason: string }>;
}

export interface FillRequest {
  tag: string;
  includeFilled: boolean;
  generator: string | null;
}

export interface PlayheadRequestView {
  prompt: string;
  durationSeconds: number;
  generator: string | null;
}

export interface OutcomeView {
  key: string;
  prompt: string;
  timecode: string;
  jobId: string | null;
  seed: number | null;
  trackIndex: number | null;
  error: string | null;
  warnings: string[];
}

export interface FillResultView {
  outcomes: OutcomeView[];
  skipped: ScanView['skipped'];
}

/** What a handler returns: a value, or an error the UI can show as is. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; code: string };

export type EventView =
  | { type: 'status'; status: StatusView }
  | { type: 'job'; key: string; jobId: string; state: string; progress: number; message: string }
  | { type: 'log'; level: 'info' | 'error'; message: string };

/** What preload exposes as `window.rushes`. */
export interface RushesBridge {
  status(): Promise<Reply<StatusView>>;
  scan(tag: string, includeFilled: boolean): Promise<Reply<ScanView>>;
  fill(request: FillRequest): Promise<Reply<FillResultView>>;
  generateAtPlayhead(request: PlayheadRequestView): Promise<Reply<OutcomeView>>;
  pair(code: string): Promise<Reply<StatusView>>;
  reconnect(): Promise<Reply<StatusView>>;
  onEvent(listener: (event: EventView) => void): () => void;
}
