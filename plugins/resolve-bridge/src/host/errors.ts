/**
 * Errors the Resolve adapter raises. Each has a stable code the UI can branch on and a message that tells
 * the editor what to do in Resolve.
 */
export const ResolveErrorCode = {
  /** No project open, or Resolve did not hand over its project manager. */
  NO_PROJECT: 'E_RESOLVE_NO_PROJECT',
  /** No timeline open in the project. */
  NO_TIMELINE: 'E_RESOLVE_NO_TIMELINE',
  /** Could not find or create the "Rushes" bin, or could not make it current. */
  BIN: 'E_RESOLVE_BIN',
  /** ImportMedia refused a file. */
  IMPORT: 'E_RESOLVE_IMPORT',
  /** AppendToTimeline refused the clip. */
  APPEND: 'E_RESOLVE_APPEND',
  /** Could not add a video track, or could not read the tracks. */
  TRACK: 'E_RESOLVE_TRACK',
  /** The timeline's frame rate could not be read. */
  FRAME_RATE: 'E_RESOLVE_FRAME_RATE',
  /** The playhead timecode could not be read (wrong page) or converted. */
  TIMECODE: 'E_RESOLVE_TIMECODE',
  /** A value the caller passed is out of range (duration, frames). */
  INVALID: 'E_RESOLVE_INVALID',
} as const;
export type ResolveErrorCode = (typeof ResolveErrorCode)[keyof typeof ResolveErrorCode];

export class ResolveBridgeError extends Error {
  readonly code: ResolveErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ResolveErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ResolveBridgeError';
    this.code = code;
    this.details = details;
  }
}

export function isResolveBridgeError(e: unknown): e is ResolveBridgeError {
  return e instanceof ResolveBridgeError;
}
