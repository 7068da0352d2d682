/**
 * One undoable edit: a single transaction inside `lockedAccess`.
 *
 * Since Premiere 26.3 every `create*Action` must be called inside `lockedAccess`, whose callback is
 * synchronous, so `build` is synchronous too: the caller finishes every `await` first and passes in
 * the objects it read. All actions go into one compound action, so the edit is one undo step named
 * by `label`.
 */
import type { Action, CompoundAction, Project } from '@adobe/premierepro';
import { HostError, HostErrorCode } from './errors';

/** Builds the actions; called inside the lock. Return them in the order they should apply. */
export type ActionBuilder = () => Action[];

export function runTransaction(
  project: Project,
  label: string,
  build: ActionBuilder,
  code: HostErrorCode = HostErrorCode.EDIT_FAILED,
): void {
  const outcome: { committed: boolean; failure: unknown } = { committed: false, failure: null };
  project.lockedAccess(() => {
    try {
      outcome.committed = project.executeTransaction((compound: CompoundAction) => {
        for (const action of build()) {
          if (!compound.addAction(action)) throw new Error('Premiere refused one of the actions.');
        }
      }, label);
    } catch (e) {
      outcome.failure = e;
    }
  });
  if (outcome.failure !== null || !outcome.committed) {
    const why = outcome.failure instanceof Error ? outcome.failure.message : outcome.failure ? String(outcome.failure) : 'Premiere refused the transaction';
    throw new HostError(code, `${label} failed: ${why}.`, { label });
  }
}
