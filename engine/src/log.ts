/**
 * Structured logs (pino: fast, JSON, the common choice for Node services) to HOME/logs/engine.log, and
 * to stderr when a person is watching. Every job log line carries its jobId.
 */
import path from 'node:path';
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(opts: { logDir?: string; level?: string; stderr?: boolean }): Logger {
  const streams: pino.StreamEntry[] = [];
  if (opts.logDir) streams.push({ stream: pino.destination({ dest: path.join(opts.logDir, 'engine.log'), mkdir: true, sync: false }) });
  if (opts.stderr) streams.push({ stream: pino.destination({ fd: 2, sync: false }) });
  const level = opts.level ?? process.env.RUSHES_LOG_LEVEL ?? 'info';
  if (!streams.length) return pino({ level: 'silent' });
  return pino({ level, base: { pid: process.pid } }, pino.multistream(streams.map((s) => ({ ...s, level: level as pino.Level }))));
}
