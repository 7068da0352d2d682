/**
 * The durable job table. SQLite in WAL mode: every state change is committed before anyone is told of
 * it, so a crash loses at most the progress since the last write, never a job or a result. State
 * changes go through `transition`, which names the states it may leave, so two paths racing (a cancel
 * and a finishing render) cannot both win.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { GenerationRequest, Job, JobError, JobState, Output, ResolvedRequest } from '@rushes/shared';

interface Row {
  id: string;
  seq: number;
  idempotency_key: string;
  submitted: string;
  request: string;
  state: JobState;
  progress: number;
  eta_seconds: number | null;
  message: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  attempts: number;
  outputs: string;
  error: string | null;
  report: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL UNIQUE,
  submitted TEXT NOT NULL,
  request TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued','running','encoding','done','failed','cancelled')),
  progress REAL NOT NULL DEFAULT 0,
  eta_seconds REAL,
  message TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  outputs TEXT NOT NULL DEFAULT '[]',
  error TEXT,
  report TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS jobs_state ON jobs(state, seq);
`;

export function newJobId(): string {
  // Time-ordered prefix so ids sort like creation, random suffix so they never collide.
  return `j_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

export class JobStore {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmts = {
      byId: this.db.prepare<[string], Row>('SELECT * FROM jobs WHERE id = ?'),
      byKey: this.db.prepare<[string], Row>('SELECT * FROM jobs WHERE idempotency_key = ?'),
      insert: this.db.prepare(
        `INSERT INTO jobs (id, idempotency_key, submitted, request, state, message, created_at, updated_at)
         VALUES (@id, @key, @submitted, @request, 'queued', 'Queued', @now, @now)`,
      ),
      nextQueued: this.db.prepare<[], Row>("SELECT * FROM jobs WHERE state = 'queued' ORDER BY seq LIMIT 1"),
      countQueued: this.db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM jobs WHERE state = 'queued'"),
      progress: this.db.prepare(
        'UPDATE jobs SET progress = @progress, eta_seconds = @eta, message = @message, updated_at = @now WHERE id = @id',
      ),
    };
  }

  close(): void {
    this.db.close();
  }

  get(id: string): Job | null {
    const row = this.stmts.byId.get(id);
    return row ? toJob(row) : null;
  }

  /**
   * Inserts a job unless the key exists. Returns the job and whether it was already there; the check
   * and the insert are one transaction so two submits racing with one key make one job.
   */
  insertOrGet(
    key: string,
    submitted: GenerationRequest,
    request: ResolvedRequest,
  ): { job: Job; existed: boolean; sameRequest: boolean } {
    const canonical = canonicalJson(submitted);
    return this.db.transaction(() => {
      const existing = this.stmts.byKey.get(key);
      if (existing) return { job: toJob(existing), existed: true, sameRequest: existing.submitted === canonical };
      const id = newJobId();
      this.stmts.insert.run({ id, key, submitted: canonical, request: JSON.stringify(request), now: now() });
      return { job: toJob(this.stmts.byId.get(id)!), existed: false, sameRequest: true };
    })();
  }

  findByKey(key: string, submitted: GenerationRequest): { job: Job; sameRequest: boolean } | null {
    const row = this.stmts.byKey.get(key);
    return row ? { job: toJob(row), sameRequest: row.submitted === canonicalJson(submitted) } : null;
  }

  list(states?: readonly JobState[], limit = 100): Job[] {
    const where = states?.length ? `WHERE state IN (${states.map(() => '?').join(',')})` : '';
    return this.db
      .prepare<unknown[], Row>(`SELECT * FROM jobs ${where} ORDER BY seq DESC LIMIT ?`)
      .all(...(states ?? []), limit)
      .map(toJob);
  }

  nextQueued(): Job | null {
    const row = this.stmts.nextQueued.get();
    return row ? toJob(row) : null;
  }

  queuedCount(): number {
    return this.stmts.countQueued.get()!.n;
  }

  /**
   * Moves a job to `to` only if it is in one of `from`. Returns the updated job, or null when the job
   * was elsewhere (someone else moved it first).
   */
  transition(id: string, from: readonly JobState[], to: JobState, fields: TransitionFields = {}): Job | null {
    const sets = ['state = @to', 'updated_at = @now'];
    const params: Record<string, unknown> = { id, to, now: now() };
    if (fields.message !== undefined) (sets.push('message = @message'), (params.message = fields.message));
    if (fields.progress !== undefined) (sets.push('progress = @progress'), (params.progress = fields.progress));
    if (fields.etaSeconds !== undefined) (sets.push('eta_seconds = @eta'), (params.eta = fields.etaSeconds));
    if (fields.outputs !== undefined) (sets.push('outputs = @outputs'), (params.outputs = JSON.stringify(fields.outputs)));
    if (fields.error !== undefined) (sets.push('error = @error'), (params.error = fields.error ? JSON.stringify(fields.error) : null));
    if (fields.report !== undefined) (sets.push('report = @report'), (params.report = JSON.stringify(fields.report)));
    if (fields.started) (sets.push('started_at = @now', 'attempts = attempts + 1'));
    if (to === 'done' || to === 'failed' || to === 'cancelled') sets.push('finished_at = @now');
    const placeholders = from.map((_, i) => `@from${i}`);
    from.forEach((s, i) => (params[`from${i}`] = s));
    const res = this.db
      .prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = @id AND state IN (${placeholders.join(',')})`)
      .run(params);
    return res.changes ? this.get(id) : null;
  }

  /** Progress is advisory: written without a state check, and only while the job is active. */
  setProgress(id: string, progress: number, etaSeconds: number | null, message: string): void {
    this.stmts.progress.run({ id, progress, eta: etaSeconds, message, now: now() });
  }

  /**
   * At start-up: jobs a dead daemon left running or encoding go back to the queue, to be rendered again
   * from scratch (their partial files are discarded). Returns their ids.
   */
  requeueInterrupted(): string[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare<[], { id: string }>("SELECT id FROM jobs WHERE state IN ('running','encoding') ORDER BY seq")
        .all();
      this.db
        .prepare(
          "UPDATE jobs SET state = 'queued', progress = 0, eta_seconds = NULL, message = 'Re-queued after the engine restarted', updated_at = ? WHERE state IN ('running','encoding')",
        )
        .run(now());
      return rows.map((r) => r.id);
    })();
  }
}

export interface TransitionFields {
  message?: string;
  progress?: number;
  etaSeconds?: number | null;
  outputs?: Output[];
  error?: JobError | null;
  report?: Record<string, unknown>;
  /** Sets started_at and counts an attempt. */
  started?: boolean;
}

function toJob(r: Row): Job {
  return {
    id: r.id,
    state: r.state,
    request: JSON.parse(r.request) as ResolvedRequest,
    idempotencyKey: r.idempotency_key,
    progress: r.progress,
    etaSeconds: r.eta_seconds,
    message: r.message,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    attempts: r.attempts,
    outputs: JSON.parse(r.outputs) as Output[],
    error: r.error ? (JSON.parse(r.error) as JobError) : null,
    report: JSON.parse(r.report) as Record<string, unknown>,
  };
}

function now(): string {
  return new Date().toISOString();
}

/** JSON with sorted keys, so the same request always compares equal. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : val,
  );
}
