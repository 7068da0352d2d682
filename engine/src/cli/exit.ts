import { RushesError } from '@rushes/shared';

/** Exit codes scripts can rely on: 0 done, 1 failed, 2 invalid input, 3 refused by policy. */
export const Exit = { OK: 0, FAILED: 1, INVALID: 2, POLICY: 3 } as const;

export function exitCodeFor(code: string | undefined): number {
  if (code === 'E_INVALID' || code === 'E_UNSUPPORTED' || code === 'E_VERSION') return Exit.INVALID;
  if (code === 'E_POLICY') return Exit.POLICY;
  return Exit.FAILED;
}

/** Prints an error the way every command does (JSON on stdout with --json) and returns its exit code. */
export function reportError(e: unknown, json: boolean): number {
  const err = e instanceof RushesError ? e : new RushesError('E_INTERNAL', (e as Error)?.message ?? String(e));
  const rule = err.details?.rule;
  if (json) process.stdout.write(JSON.stringify({ ok: false, error: { code: err.code, message: err.message, ...(rule ? { rule } : {}) } }) + '\n');
  else process.stderr.write(`rushes: ${err.message}${rule ? ` (rule ${String(rule)})` : ''} [${err.code}]\n`);
  return exitCodeFor(err.code);
}
