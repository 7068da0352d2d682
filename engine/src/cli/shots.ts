/**
 * `rushes shots FILE`: every shot of a shot list as one group. Each shot's idempotency key is a hash of
 * what it asks for, so running the same list again returns the same clips instead of rendering twice.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { RushesError, type GenerationRequest, type ShotList } from '@rushes/shared';
import { validateShotList } from '@rushes/shared/validate';
import { canonicalJson } from '../jobs/store';
import { withEngine } from './connect';
import { Exit, reportError } from './exit';
import { waitForJobs } from './wait';

export function requestsFromShotList(list: ShotList): { name: string; request: GenerationRequest; key: string }[] {
  const d = list.defaults ?? {};
  return list.shots.map((s) => {
    const request: GenerationRequest = {
      prompt: s.camera ? `${s.prompt}, ${s.camera}` : s.prompt,
      name: s.name,
      ...(s.frames !== undefined ? { frames: s.frames } : { durationSeconds: s.durationSeconds ?? 5 }),
      ...(s.seed !== undefined ? { seed: s.seed } : {}),
      ...(d.fps ? { fps: d.fps } : {}),
      ...(d.width ? { width: d.width } : {}),
      ...(d.height ? { height: d.height } : {}),
      ...(d.formats ? { formats: d.formats } : {}),
      ...(d.generator ? { generator: d.generator } : {}),
    };
    // Without a seed the engine would pick a new one each run; derive one from the shot so re-runs match.
    if (request.seed === undefined) request.seed = createHash('sha256').update(canonicalJson(request)).digest().readUInt32BE(0);
    const key = 'shot-' + createHash('sha256').update(canonicalJson(request)).digest('hex').slice(0, 32);
    return { name: s.name, request, key };
  });
}

export async function runShots(file: string, o: { home?: string; json?: boolean }): Promise<number> {
  const json = !!o.json;
  let list: ShotList;
  try {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new RushesError('E_INVALID', `Cannot read the shot list ${file}: ${(e as Error).message}`);
    }
    const problems = validateShotList(data);
    if (problems.length) throw new RushesError('E_INVALID', `Shot list ${file}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
    list = data as ShotList;
  } catch (e) {
    return reportError(e, json);
  }
  return withEngine(o, true, async (client) => {
    const planned = requestsFromShotList(list);
    const submitted: { name: string; jobId: string; seed: number }[] = [];
    for (const p of planned) {
      const r = await client.call('jobs.submit', { request: p.request, idempotencyKey: p.key });
      submitted.push({ name: p.name, jobId: r.jobId, seed: r.job.request.seed });
    }
    const progress = new Map<string, number>();
    const results = await waitForJobs(
      client,
      submitted.map((s) => s.jobId),
      (p) => {
        progress.set(p.jobId, p.progress);
        if (!json && process.stderr.isTTY) {
          const total = [...progress.values()].reduce((a, b) => a + b, 0) / submitted.length;
          process.stderr.write(`\r${Math.round(total * 100)}% of ${submitted.length} shots`);
        }
      },
    );
    if (!json && process.stderr.isTTY) process.stderr.write('\n');
    const shots = submitted.map((s) => {
      const f = results.get(s.jobId)!;
      return { name: s.name, jobId: s.jobId, seed: s.seed, state: f.state, outputs: f.outputs, error: f.error };
    });
    const allDone = shots.every((s) => s.state === 'done');
    if (json) process.stdout.write(JSON.stringify({ ok: allDone, shots }) + '\n');
    else for (const s of shots) process.stdout.write(`${s.name}: ${s.state}${s.outputs[0] ? ' ' + s.outputs[0].path : ''}${s.error ? ' ' + s.error.message : ''}\n`);
    return allDone ? Exit.OK : Exit.FAILED;
  });
}
