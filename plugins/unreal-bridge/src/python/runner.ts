/**
 * Runs one of our Python templates in the editor through
 * `/Script/PythonScriptPlugin.Default__PythonScriptLibrary.ExecutePythonCommandEx` in ExecuteFile mode
 * (the statement modes cannot run multi-line code) with a private scope, and reads the result back.
 *
 * ExecuteFile leaves `CommandResult` as "None" on success and puts the traceback there on failure, so
 * the script prints its result as one log line, `RUSHES_RESULT:<nonce>:<json>`, which comes back in
 * `LogOutput` (entries `{Type, Output}`). The nonce ties the line to this very call.
 */
import { BridgeCode, BridgeError, type BridgeCode as BridgeCodeT } from '../errors';
import { PYTHON_FUNCTION, PYTHON_LIBRARY_OBJECT } from '../rc/diagnose';
import type { RemoteControlClient } from '../rc/client';
import { buildScript, type TemplateName } from './script';

export interface LogEntry {
  type: string;
  output: string;
}

export interface PythonCallReply {
  ReturnValue?: unknown;
  CommandResult?: unknown;
  LogOutput?: unknown;
}

/** Anything that can execute a Python command the way the editor does (the client, or a test double). */
export interface PythonHost {
  call(objectPath: string, functionName: string, parameters: Record<string, unknown>, timeoutMs?: number): Promise<Record<string, unknown>>;
}

const KNOWN_CODES = new Set<string>(Object.values(BridgeCode));

/** Normalises LogOutput: Type arrives as the enum's name ("Info") or, from some servers, its index. */
export function parseLog(raw: unknown): LogEntry[] {
  if (!Array.isArray(raw)) return [];
  const names = ['Info', 'Warning', 'Error'];
  return raw.map((e: { Type?: unknown; Output?: unknown }) => ({
    type: typeof e?.Type === 'number' ? (names[e.Type] ?? String(e.Type)) : String(e?.Type ?? 'Info'),
    output: String(e?.Output ?? ''),
  }));
}

/** Finds our result line; the last one wins (a script prints it once). */
export function findResult(log: LogEntry[], nonce: string): unknown {
  const tag = `RUSHES_RESULT:${nonce}:`;
  for (let i = log.length - 1; i >= 0; i--) {
    const lines = log[i]!.output.split(/\r?\n/);
    for (let j = lines.length - 1; j >= 0; j--) {
      const line = lines[j]!;
      const at = line.indexOf(tag);
      if (at >= 0) return JSON.parse(line.slice(at + tag.length));
    }
  }
  return undefined;
}

/** The last line of a Python traceback ("ValueError: ...") is what a user needs first. */
function lastLine(text: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? text;
}

export async function runTemplate<T>(host: PythonHost, name: TemplateName, data: Record<string, unknown>, timeoutMs?: number): Promise<T> {
  const { script, nonce } = buildScript(name, data);
  const reply = (await host.call(
    PYTHON_LIBRARY_OBJECT,
    PYTHON_FUNCTION,
    { PythonCommand: script, ExecutionMode: 'ExecuteFile', FileExecutionScope: 'Private' },
    timeoutMs,
  )) as PythonCallReply;
  const log = parseLog(reply.LogOutput);
  if (reply.ReturnValue !== true) {
    const trace = typeof reply.CommandResult === 'string' ? reply.CommandResult : '';
    const errors = log.filter((l) => l.type === 'Error').map((l) => l.output);
    throw new BridgeError(BridgeCode.UNREAL_SCRIPT, `Rushes' ${name} script failed in the editor: ${lastLine(trace || errors.join('\n') || 'no details')}`, {
      traceback: trace,
      log: errors,
    });
  }
  let result: unknown;
  try {
    result = findResult(log, nonce);
  } catch (e) {
    throw new BridgeError(BridgeCode.RC_PROTOCOL, `The ${name} script's result line is not JSON: ${(e as Error).message}`);
  }
  if (result === undefined) {
    throw new BridgeError(BridgeCode.RC_PROTOCOL, `The ${name} script ran but its result never reached the log (is Python output captured?).`, {
      log: log.map((l) => l.output).slice(-10),
    });
  }
  const r = result as { ok?: boolean; result?: unknown; code?: string; message?: string; [k: string]: unknown };
  if (r.ok === true) return r.result as T;
  const { ok: _ok, code, message, ...rest } = r;
  const stable = (code && KNOWN_CODES.has(code) ? code : BridgeCode.UNREAL_SCRIPT) as BridgeCodeT;
  throw new BridgeError(stable, message ?? `The ${name} script refused the work.`, rest);
}
