import { strict as assert } from 'node:assert';
import type { GenerationRequest, Job, JobState } from '@rushes/shared';
import { BridgeCode, generateGroup, isBridgeError, type EngineLike, type GroupProgress } from '../../plugins/unreal-bridge/src';

type Listener = (v: any) => void;

/**
 * An in-memory engine with the protocol's job semantics: one job per idempotency key, notifications
 * only for subscribed jobs, `jobs.finished` once. `plan` decides how each job ends.
 */
class FakeEngine {
  readonly jobs = new Map<string, Job>();
  readonly byKey = new Map<string, string>();
  readonly submitted: string[] = [];
  private listeners = new Map<string, Set<Listener>>();
  private subscribed = new Set<string>();
  constructor(private readonly plan: (key: string) => { end: JobState; viaResync?: boolean }) {}

  private job(id: string, request: GenerationRequest, key: string): Job {
    return {
      id,
      state: 'queued',
      request: { prompt: request.prompt, seed: 42, frames: request.frames ?? 1, durationSeconds: 1, fps: request.fps!, width: 64, height: 36, generator: 'testpattern', formats: ['png'], name: request.name ?? 'x', startTimecode: '00:00:00:00' },
      idempotencyKey: key,
      progress: 0,
      etaSeconds: null,
      message: '',
      createdAt: '',
      updatedAt: '',
      startedAt: null,
      finishedAt: null,
      attempts: 0,
      outputs: [],
      error: null,
      report: {},
    };
  }

  emit(name: string, v: unknown) {
    for (const l of this.listeners.get(name) ?? []) l(v);
  }

  readonly api: EngineLike = {
    call: (async (method: string, params: any) => {
      assert.equal(method, 'jobs.submit');
      this.submitted.push(params.idempotencyKey);
      const known = this.byKey.get(params.idempotencyKey);
      if (known) return { jobId: known, deduplicated: true, job: this.jobs.get(known)! };
      const id = `job${this.jobs.size + 1}`;
      const job = this.job(id, params.request, params.idempotencyKey);
      this.jobs.set(id, job);
      this.byKey.set(params.idempotencyKey, id);
      this.run(id);
      return { jobId: id, deduplicated: false, job };
    }) as EngineLike['call'],
    subscribe: async (ids: string[]) => {
      ids.forEach((i) => this.subscribed.add(i));
      return ids.map((i) => this.jobs.get(i)!);
    },
    on: ((name: string, fn: Listener) => {
      let set = this.listeners.get(name);
      if (!set) this.listeners.set(name, (set = new Set()));
      set.add(fn);
      return () => set!.delete(fn);
    }) as EngineLike['on'],
  };

  /** Steps a job through running to its end on later ticks, notifying subscribers like the engine. */
  private run(id: string) {
    const job = this.jobs.get(id)!;
    const { end, viaResync } = this.plan(job.idempotencyKey);
    const step = (state: JobState, progress: number) => {
      Object.assign(job, { state, progress });
      if (this.subscribed.has(id)) this.emit('jobs.progress', { jobId: id, state, progress, etaSeconds: null, message: state });
    };
    setTimeout(() => step('running', 0.5), 5);
    setTimeout(() => {
      Object.assign(job, { state: end, progress: end === 'done' ? 1 : 0.5 });
      if (end === 'done') job.outputs = [{ format: 'png' } as any];
      if (end === 'failed') job.error = { code: 'E_GENERATOR', message: 'the generator fell over' };
      if (viaResync) this.emit('resync', [job]);
      else if (this.subscribed.has(id)) this.emit('jobs.finished', { jobId: id, state: end, outputs: job.outputs, error: job.error, report: {} });
    }, 15);
  }
}

const req = (prompt: string): GenerationRequest => ({ prompt, frames: 4, fps: { num: 24, den: 1 }, formats: ['png'] });

describe('unreal/generating a group of clips', () => {
  it('submits every shot, follows them with one subscription and reports the group progress', async () => {
    const engine = new FakeEngine(() => ({ end: 'done' }));
    const seen: GroupProgress[] = [];
    const items = ['A', 'B', 'C'].map((l) => ({ label: l, key: `k-${l}`, request: req(l) }));
    const results = await generateGroup(engine.api, items, (p) => seen.push(structuredClone(p)));
    assert.deepEqual(results.map((r) => [r.label, r.job.state, r.deduplicated]), [
      ['A', 'done', false],
      ['B', 'done', false],
      ['C', 'done', false],
    ]);
    assert.ok(results.every((r) => r.job.outputs.length === 1));
    assert.equal(seen.at(-1)!.fraction, 1);
    assert.equal(seen.at(-1)!.finished, 3);
    assert.ok(seen.some((p) => p.items.some((i) => i.state === 'running')));

    // The same keys again: the engine answers with the finished jobs, nothing new is rendered.
    const again = await generateGroup(engine.api, items);
    assert.deepEqual(again.map((r) => r.deduplicated), [true, true, true]);
    assert.equal(engine.jobs.size, 3);
  });

  it('retries a shot whose key holds a failed job, under a deterministic retry key', async () => {
    let failFirst = true;
    const engine = new FakeEngine((key) => {
      if (key === 'k-A' && failFirst) {
        failFirst = false;
        return { end: 'failed' };
      }
      return { end: 'done' };
    });
    const items = [{ label: 'A', key: 'k-A', request: req('A') }];
    await assert.rejects(generateGroup(engine.api, items), (e: unknown) => {
      assert.ok(isBridgeError(e));
      assert.equal(e.code, BridgeCode.JOB_FAILED);
      assert.match(e.message, /A: failed \(E_GENERATOR: the generator fell over\)/);
      assert.match(e.details.fix!, /run the same command again/);
      return true;
    });
    const retried = await generateGroup(engine.api, items);
    assert.equal(retried[0]!.job.state, 'done');
    assert.deepEqual(engine.submitted, ['k-A', 'k-A', 'k-A:retry1']);
  });

  it('catches up through resync after a reconnect', async () => {
    const engine = new FakeEngine(() => ({ end: 'done', viaResync: true }));
    const results = await generateGroup(engine.api, [{ label: 'A', key: 'k', request: req('A') }]);
    assert.equal(results[0]!.job.state, 'done');
  });

  it('refuses two shots that resolve to one engine job', async () => {
    const engine = new FakeEngine(() => ({ end: 'done' }));
    await assert.rejects(
      generateGroup(engine.api, [
        { label: 'A', key: 'same', request: req('A') },
        { label: 'B', key: 'same', request: req('A') },
      ]),
      /Two shots map to the same engine job/,
    );
  });
});
