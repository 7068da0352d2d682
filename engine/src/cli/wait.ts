/**
 * Follows jobs to their end over a client: resolves with each job's final notification. Subscribing
 * after submitting is safe: the engine sends jobs.finished for a job that already ended.
 */
import type { EngineClient, NotificationParams } from '@rushes/shared';

export type Finished = NotificationParams<'jobs.finished'>;
export type Progress = NotificationParams<'jobs.progress'>;

export async function waitForJobs(
  client: EngineClient,
  jobIds: string[],
  onProgress?: (p: Progress) => void,
): Promise<Map<string, Finished>> {
  const wanted = new Set(jobIds);
  const results = new Map<string, Finished>();
  let resolveAll!: () => void;
  const all = new Promise<void>((r) => (resolveAll = r));
  const offProgress = client.on('jobs.progress', (p) => {
    if (wanted.has(p.jobId)) onProgress?.(p);
  });
  const offFinished = client.on('jobs.finished', (f) => {
    if (!wanted.has(f.jobId) || results.has(f.jobId)) return;
    results.set(f.jobId, f);
    if (results.size === wanted.size) resolveAll();
  });
  try {
    await client.subscribe(jobIds);
    await all;
    return results;
  } finally {
    offProgress();
    offFinished();
  }
}
