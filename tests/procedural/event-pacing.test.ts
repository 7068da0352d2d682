/**
 * The pacing of dawn.node's event polling (render/event-pacing.mts): a poll that keeps re-scheduling
 * itself must stop spinning after a short window, everything else must reach the real setImmediate.
 */
import { strict as assert } from 'node:assert';
import { importProcedural } from '../helpers/esm';

type PacingModule = typeof import('../../engine/src/generators/procedural/render/event-pacing.mjs', { with: { 'resolution-mode': 'import' } });

async function load(): Promise<PacingModule> {
  return importProcedural<PacingModule>('render/event-pacing.mts');
}

describe('procedural/event pacing', () => {
  it('recognises native nameless callbacks only', async () => {
    const { isDawnPoll } = await load();
    assert.equal(isDawnPoll(Function.prototype), true, 'a native function without a name');
    assert.equal(isDawnPoll(() => undefined), false);
    assert.equal(isDawnPoll(function named() {}), false);
    assert.equal(isDawnPoll(Math.max), false, 'native but named');
    assert.equal(isDawnPoll('not a function'), false);
  });

  it('lets a polling loop spin briefly, then polls about once a millisecond', async () => {
    const { pacedSetImmediate } = await load();
    const polls = new Set<unknown>();
    const paced = pacedSetImmediate(setImmediate as never, (fn) => polls.has(fn));
    let count = 0;
    const started = performance.now();
    await new Promise<void>((resolve) => {
      // Like dawn's AsyncRunner: each poll schedules the next one until the work is "done" (60 ms).
      const poll = () => {
        count++;
        if (performance.now() - started > 60) return resolve();
        const next = () => poll();
        polls.add(next);
        paced(next);
      };
      poll();
    });
    // An unpaced loop does tens of thousands of polls in 60 ms; a paced one at most one per millisecond
    // after the spin window, plus the polls of that window.
    assert.ok(count < 400, `${count} polls in 60 ms`);
    // (A stalled loop stops at the first poll. On a loaded 2-core machine, timers of 1 ms fire late: 16 polls
    // were seen once in a full run, so the floor is low.)
    assert.ok(count >= 8, `${count} polls in 60 ms: the loop must keep polling`);
  });

  it('hands every other callback, with its arguments, to the real setImmediate at once', async () => {
    const { pacedSetImmediate } = await load();
    const seen: unknown[] = [];
    const fake = ((fn: (...a: unknown[]) => void, ...args: unknown[]) => {
      seen.push(args);
      fn(...args);
      return 'immediate';
    }) as never;
    const paced = pacedSetImmediate(fake, () => false);
    let got: unknown[] = [];
    assert.equal(paced((...a: unknown[]) => (got = a), 1, 'two'), 'immediate');
    assert.deepEqual(got, [1, 'two']);
    assert.deepEqual(seen, [[1, 'two']]);
  });
});
