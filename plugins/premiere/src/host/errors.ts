/**
 * Errors the Premiere host adapter raises. Each has a stable code the panel branches on and a message
 * an editor can act on. They are host states, not engine errors, so they live here rather than in the
 * engine's ErrorCode list.
 */
export const HostErrorCode = {
  /** Premiere has no open project. */
  NO_PROJECT: 'E_PPRO_NO_PROJECT',
  /** A project is open but no sequence is active (a normal state: the editor closed the timeline). */
  NO_SEQUENCE: 'E_PPRO_NO_SEQUENCE',
  /** The "Rushes" bin could not be created or found again. */
  BIN: 'E_PPRO_BIN',
  /** `importFiles` said no. */
  IMPORT_FAILED: 'E_PPRO_IMPORT_FAILED',
  /** Import said yes but the item is not in the bin. */
  ITEM_NOT_FOUND: 'E_PPRO_ITEM_NOT_FOUND',
  /** The edit transaction was refused. */
  EDIT_FAILED: 'E_PPRO_EDIT_FAILED',
  /** The clip's description is unusable (no path, no duration). */
  BAD_CLIP: 'E_PPRO_BAD_CLIP',
} as const;
export type HostErrorCode = (typeof HostErrorCode)[keyof typeof HostErrorCode];

export class HostError extends Error {
  readonly code: HostErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: HostErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'HostError';
    this.code = code;
    this.details = details;
  }
}

export function isHostError(e: unknown): e is HostError {
  return e instanceof HostError;
}
