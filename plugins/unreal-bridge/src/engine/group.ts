/**
 * Generates a set of clips as one group: submits each with its idempotency key (a re-run gets the same
 * jobs back instead of new renders), follows all of them with one subscription, reports the group's
 * progress, and resolves when every job is final.
 *
 * A key whose job failed or was cancelled would return that dead job forever, so such a shot is
 * resubmitted under `<key>:retry<n>`; the suffix is deterministic, so the next run finds the retry.
 */
import { RushesError, type EngineClient, type GenerationRequest, type Job, type JobState, type NotificationParams, type Output } from '@rushes/shared';
import { BridgeCode, BridgeError } from '../errors';

export type EngineLike = Pick<EngineClient, 'call' | 'subscribe' | 'on'>;
/** An engine, or a way to get one once the editor has been checked (so Unreal problems surface first). */
export type EngineSource = EngineLike | (() => Promise<EngineLike>);
export const resolveEngine = (e: EngineSource): Promise<EngineLike> => (typeof e === 'function' ? e() : Promise.resolve(e));

export interface GroupItem {
  label: string;
  key: string;
  request: GenerationRequest;
}

export interface ItemStatus {
  label: string;
  jobId: string;
  state: JobState;
  progress: number;
  message: string;
  deduplicated: boolean;
}

export interface GroupProgress {
  items: ItemStatus[];
  /** Mean progress of the group, 0..1 (a finished job counts 1). */
  fraction: number;
  finished: number;
  total: number;
}

export interface GroupResult {
  label: string;
  job: Job;
  /** True when the engine already had the clip (nothing rendered this time). */
  deduplicated: boolean;
}

const FINAL: readonly JobState[] = ['done', 'failed', 'cancelled'];
const MAX_RETRIES = 3;

async function submit(engine: EngineLike, item: GroupItem): Promise<{ job: Job; deduplicated: boolean }> {
  let key = item.key;
  for (let attempt = 0; ; attempt++) {
    let r;
    try {
      r = await engine.call('jobs.submit', { request: item.request, idempotencyKey: key });
    } catch (e) {
      if (!(e instanceof RushesError)) throw e;
      // A refusal (policy, size limits, unknown generator) names the shot it concerns.
      throw new BridgeError(BridgeCode.JOB_FAILED, `The engine refused ${item.label}: ${e.message}`, { engineCode: e.code, ...(e.details ?? {}) });
    }
    const dead = r.deduplicated && (r.job.state === 'failed' || r.job.state === 'cancelled');
    if (!dead || attempt >= MAX_RETRIES) return { job: r.job, deduplicated: r.deduplicated };
    key = `${item.key}:retry${attempt + 1}`;
  }
}

export async function generateGroup(engine: EngineLike, items: GroupItem[], onProgress?: (p: GroupProgress) => void): Promise<GroupResult[]> {
  const status = new Map<string, ItemStatus>();
  const jobs = new Map<string, Job>();
  const order: string[] = [];
  const report = () => {
    if (!onProgress) return;
    const list = order.map((id) => status.get(id)!);
    const fraction = list.reduce((a, s) => a + (FINAL.includes(s.state) ? 1 : s.progress), 0) / Math.max(1, list.length);
    onProgress({ items: list, fraction, finished: list.filter((s) => FINAL.includes(s.state)).length, total: list.length });
  };

  let settle: () => void = () => undefined;
  const allFinal = new Promise<void>((resolve) => (settle = resolve));
  const checkDone = () => {
    if (order.length === items.length && order.every((id) => FINAL.includes(status.get(id)!.state))) settle();
  };
  const apply = (job: Job) => {
    const s = status.get(job.id);
    if (!s) return;
    jobs.set(job.id, job);
    Object.assign(s, { state: job.state, progress: job.progress, message: job.message });
  };

  // Listen before subscribing so that nothing said in between is lost.
  const offProgress = engine.on('jobs.progress', (p: NotificationParams<'jobs.progress'>) => {
    const s = status.get(p.jobId);
    if (!s || FINAL.includes(s.state)) return;
    Object.assign(s, { state: p.state, progress: p.progress, message: p.message });
    report();
  });
  const offFinished = engine.on('jobs.finished', (p: NotificationParams<'jobs.finished'>) => {
    const s = status.get(p.jobId);
    const job = jobs.get(p.jobId);
    if (!s || !job) return;
    jobs.set(p.jobId, { ...job, state: p.state, outputs: p.outputs, error: p.error, report: p.report, progress: p.state === 'done' ? 1 : job.progress });
    Object.assign(s, { state: p.state, progress: p.state === 'done' ? 1 : s.progress });
    report();
    checkDone();
  });
  const offResync = engine.on('resync', (list: Job[]) => {
    for (const j of list) apply(j);
    report();
    checkDone();
  });

  try {
    const dedup = new Map<string, boolean>();
    for (const item of items) {
      const { job, deduplicated } = await submit(engine, item);
      if (status.has(job.id)) {
        throw new BridgeError(BridgeCode.JOB_FAILED, `Two shots map to the same engine job (${item.label}); give them different prompts, seeds or names.`);
      }
      order.push(job.id);
      dedup.set(job.id, deduplicated);
      status.set(job.id, { label: item.label, jobId: job.id, state: job.state, progress: job.progress, message: job.message, deduplicated });
      jobs.set(job.id, job);
    }
    const current = await engine.subscribe([...order]);
    for (const j of current) apply(j);
    report();
    checkDone();
    await allFinal;

    const results = order.map((id, i) => ({ label: items[i]!.label, job: jobs.get(id)!, deduplicated: dedup.get(id)! }));
    const bad = results.filter((r) => r.job.state !== 'done');
    if (bad.length) {
      const lines = bad.map((r) => `${r.label}: ${r.job.state}${r.job.error ? ` (${r.job.error.code}: ${r.job.error.message})` : ''}`);
      throw new BridgeError(BridgeCode.JOB_FAILED, `${bad.length} of ${results.length} clip(s) did not finish:\n  ${lines.join('\n  ')}`, {
        failed: bad.map((r) => ({ label: r.label, jobId: r.job.id, state: r.job.state, error: r.job.error })),
        fix: 'Fix the cause and run the same command again: finished clips are reused, failed ones are retried.',
      });
    }
    return results;
  } finally {
    offProgress();
    offFinished();
    offResync();
  }
}

/** The outputs of a done job (from its final notification or the job itself). */
export const outputsOf = (r: GroupResult): Output[] => r.job.outputs;
