/**
 * Stable error codes carried in a JSON-RPC error's `data.code`. Clients branch on these, never on
 * messages, so a code is never renamed or reused.
 */
export const ErrorCode = {
  /** No token, wrong token, expired pairing code, or a method called before `session.hello`. */
  AUTH: 'E_AUTH',
  /** The message or its params do not match the schema, or a value is out of range. */
  INVALID: 'E_INVALID',
  /** The client speaks a protocol version this engine does not. */
  VERSION: 'E_VERSION',
  /** The job (or other named thing) does not exist. */
  NOT_FOUND: 'E_NOT_FOUND',
  /** The usage policy refused the request. `data.rule` names the rule. */
  POLICY: 'E_POLICY',
  /** The engine cannot take more work now (queue full). Retry later. */
  BUSY: 'E_BUSY',
  /** The request asks for something the chosen generator cannot do. */
  UNSUPPORTED: 'E_UNSUPPORTED',
  /** The job was cancelled. */
  CANCELLED: 'E_CANCELLED',
  /** Not enough disk space for the output. */
  DISK_FULL: 'E_DISK_FULL',
  /** Encoding failed (ffmpeg missing or refused the stream). */
  ENCODER: 'E_ENCODER',
  /** The generator failed while rendering. */
  GENERATOR: 'E_GENERATOR',
  /** A bug in the engine. The log has details. */
  INTERNAL: 'E_INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** JSON-RPC 2.0 numeric codes. The spec reserves -32768..-32000; -32000..-32099 are ours. */
export const RpcCode = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  AUTH: -32001,
  VERSION: -32002,
  NOT_FOUND: -32004,
  BUSY: -32005,
  POLICY: -32010,
  UNSUPPORTED: -32011,
  JOB_FAILED: -32020,
} as const;

/** Maps each stable code to the JSON-RPC numeric code used when it is sent as a response error. */
export const rpcCodeFor: Record<ErrorCode, number> = {
  E_AUTH: RpcCode.AUTH,
  E_INVALID: RpcCode.INVALID_PARAMS,
  E_VERSION: RpcCode.VERSION,
  E_NOT_FOUND: RpcCode.NOT_FOUND,
  E_POLICY: RpcCode.POLICY,
  E_BUSY: RpcCode.BUSY,
  E_UNSUPPORTED: RpcCode.UNSUPPORTED,
  E_CANCELLED: RpcCode.JOB_FAILED,
  E_DISK_FULL: RpcCode.JOB_FAILED,
  E_ENCODER: RpcCode.JOB_FAILED,
  E_GENERATOR: RpcCode.JOB_FAILED,
  E_INTERNAL: RpcCode.INTERNAL_ERROR,
};

/** An error that knows its stable code. Thrown inside the engine, serialised at the socket. */
export class RushesError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'RushesError';
    this.code = code;
    this.details = details;
  }
}

export function isRushesError(e: unknown): e is RushesError {
  return e instanceof RushesError;
}
