/**
 * Turns any error the panel meets (engine, connection, host) into one sentence an editor can act on.
 * Branches on stable codes only, never on message text from elsewhere.
 */
import { ErrorCode } from '@rushes/shared';
import { HostErrorCode } from '../host/errors';

export interface ErrorInfo {
  code: string;
  message: string;
  details?: Record<string, unknown> | undefined;
}

export interface ErrorContext {
  /** Where the engine writes clips (from hello), for the disk-full message. */
  outputRoot?: string | null;
  url?: string;
}

const HOST_CODES: readonly string[] = Object.values(HostErrorCode);

/** Normalises anything thrown into an ErrorInfo (RushesError, HostError, plain Error, strings). */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; message?: unknown; details?: unknown };
    const message = typeof o.message === 'string' ? o.message : String(e);
    const code = typeof o.code === 'string' ? o.code : ErrorCode.INTERNAL;
    const details = o.details && typeof o.details === 'object' ? (o.details as Record<string, unknown>) : undefined;
    return details ? { code, message, details } : { code, message };
  }
  return { code: ErrorCode.INTERNAL, message: String(e) };
}

export function describeError(err: ErrorInfo, ctx: ErrorContext = {}): string {
  if (HOST_CODES.includes(err.code)) return err.message;
  switch (err.code) {
    case ErrorCode.DISK_FULL:
      return `The disk is full: the engine could not write the clip${ctx.outputRoot ? ` to ${ctx.outputRoot}` : ''}. Free some space (or point the engine's outputRoot at a bigger disk), then generate again.`;
    case ErrorCode.POLICY: {
      const rule = typeof err.details?.rule === 'string' ? ` (rule: ${err.details.rule})` : '';
      return `The prompt was refused by the usage policy${rule}: ${err.message}`;
    }
    case ErrorCode.BUSY:
      return "The engine's queue is full. Wait for a clip to finish, then try again.";
    case ErrorCode.UNSUPPORTED:
      return `The chosen generator cannot do this: ${err.message} Pick another generator or change the size, length or frame rate.`;
    case ErrorCode.AUTH:
      return 'The engine does not accept this panel any more. Pair again: run `rushes pair` in a terminal and type the code here.';
    case ErrorCode.VERSION:
      return `The engine and this panel speak different protocol versions (${err.message}). Install the same Rushes release for both.`;
    case ErrorCode.INVALID:
      return `The engine rejected the request: ${err.message}`;
    case ErrorCode.NOT_FOUND:
      return `The engine no longer knows this job: ${err.message}`;
    case ErrorCode.CANCELLED:
      return 'Cancelled.';
    case ErrorCode.ENCODER:
      return `Encoding failed: ${err.message} See the engine's log for details.`;
    case ErrorCode.GENERATOR:
      return `The generator failed: ${err.message} See the engine's log for details.`;
    default:
      return err.message;
  }
}
