/**
 * Errors of the Unreal bridge. Each carries a stable code (scripts and the CLI branch on it, never on
 * the message) and, where a setting in the Unreal project is to blame, the exact name of that setting
 * and the line that fixes it, because "connection refused" or "400" alone sends users hunting.
 */

export const BridgeCode = {
  /** Neither the WebSocket (30020) nor the HTTP (30010) Remote Control server answered. */
  RC_UNREACHABLE: 'E_RC_UNREACHABLE',
  /** The Remote Control server wants a passphrase and ours is missing or wrong. */
  RC_PASSPHRASE: 'E_RC_PASSPHRASE',
  /** Refused for another access reason: client address, Origin header (bRestrictServerAccess). */
  RC_ACCESS_DENIED: 'E_RC_ACCESS_DENIED',
  /** `bEnableRemotePythonExecution` is off: PythonScriptLibrary cannot be reached remotely. */
  RC_PYTHON_DISABLED: 'E_RC_PYTHON_DISABLED',
  /** The remote function call allow-list does not include PythonScriptLibrary.ExecutePythonCommandEx. */
  RC_FUNCTION_NOT_ALLOWED: 'E_RC_FUNCTION_NOT_ALLOWED',
  /** The Python Editor Script Plugin is not enabled (the library object does not exist). */
  RC_PYTHON_PLUGIN_MISSING: 'E_RC_PYTHON_PLUGIN_MISSING',
  /** The server answered something that is not the documented Remote Control shape. */
  RC_PROTOCOL: 'E_RC_PROTOCOL',
  /** No answer within the time limit. */
  RC_TIMEOUT: 'E_RC_TIMEOUT',
  /** Our Python raised inside the editor; the message carries the traceback's last line. */
  UNREAL_SCRIPT: 'E_UNREAL_SCRIPT',
  /** An Unreal plugin the work needs (Img Media, Media Compositing, Sequencer scripting) is off. */
  UNREAL_PLUGIN_MISSING: 'E_UNREAL_PLUGIN_MISSING',
  /** `rushes unreal add` with no Level Sequence open in Sequencer. */
  UNREAL_NO_SEQUENCE: 'E_UNREAL_NO_SEQUENCE',
  /** An asset we would create already exists with another class. */
  UNREAL_ASSET_CONFLICT: 'E_UNREAL_ASSET_CONFLICT',
  /** The shot list does not match the documented format. */
  SHOTLIST_INVALID: 'E_SHOTLIST_INVALID',
  /** The Rushes engine is unreachable or refused us (token). */
  ENGINE: 'E_ENGINE',
  /** One or more generation jobs failed or were cancelled. */
  JOB_FAILED: 'E_JOB_FAILED',
  /** Bad command-line usage. */
  USAGE: 'E_USAGE',
} as const;
export type BridgeCode = (typeof BridgeCode)[keyof typeof BridgeCode];

export interface BridgeErrorDetails {
  /** The Unreal setting to change, e.g. `bEnableRemotePythonExecution`. */
  setting?: string;
  /** What to do, in one or two lines a user can follow. */
  fix?: string;
  /** The raw evidence: HTTP status, the server's errorMessage, a traceback. */
  status?: number;
  serverMessage?: string;
  [key: string]: unknown;
}

export class BridgeError extends Error {
  readonly code: BridgeCode;
  readonly details: BridgeErrorDetails;
  constructor(code: BridgeCode, message: string, details: BridgeErrorDetails = {}) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
    this.details = details;
  }

  /** Message, the setting and the fix, for a terminal. */
  describe(): string {
    const lines = [this.message];
    if (this.details.setting) lines.push(`Setting: ${this.details.setting}`);
    if (this.details.fix) lines.push(`Fix: ${this.details.fix}`);
    if (this.details.serverMessage) lines.push(`Unreal said: ${this.details.serverMessage}`);
    return lines.join('\n');
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.details };
  }
}

export const isBridgeError = (e: unknown): e is BridgeError => e instanceof BridgeError;
