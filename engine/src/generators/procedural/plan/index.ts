/**
 * The planning API the CLI and the generator share: `plan(request)` for `rushes plan "prompt" --json`,
 * `validatePlan(json)` for `rushes generate --plan FILE`, and `planReport(request)` for the job record.
 */
import type { ResolvedRequest } from '@rushes/shared';
import { planPrompt, summarize, type PlanResult } from './planner';
import { validatePlan } from './validate';
import type { ScenePlan } from './schema';

export type PlanRequest = Pick<ResolvedRequest, 'prompt' | 'seed'> & Partial<Pick<ResolvedRequest, 'durationSeconds' | 'plan'>>;

/** The plan a request renders: its edited `plan` when it carries one (validated), else the prompt's. */
export function plan(request: PlanRequest): ScenePlan {
  if (request.plan !== undefined) return validatePlan(request.plan);
  return planPrompt(toInput(request)).plan;
}

/** The plan with the planner's reading of the prompt. */
export function planWithReport(request: PlanRequest): PlanResult {
  if (request.plan !== undefined) {
    const p = validatePlan(request.plan);
    return {
      plan: p,
      usedWords: p.source?.usedWords ?? [],
      ignoredWords: p.source?.ignoredWords ?? [],
      durationHintSeconds: null,
      summary: summarize(p),
    };
  }
  return planPrompt(toInput(request));
}

/** What the job records: `{ usedWords, ignoredWords, plan: summary, ... }`. */
export function planReport(request: PlanRequest): Record<string, unknown> {
  const r = planWithReport(request);
  return {
    usedWords: r.usedWords,
    ignoredWords: r.ignoredWords,
    plan: r.summary,
    archetype: r.plan.archetype,
    planSource: request.plan !== undefined ? 'edited' : 'prompt',
    ...(r.durationHintSeconds !== null ? { durationHintSeconds: r.durationHintSeconds } : {}),
  };
}

function toInput(request: PlanRequest): { prompt: string; seed: number; durationSeconds?: number } {
  return request.durationSeconds !== undefined
    ? { prompt: request.prompt, seed: request.seed, durationSeconds: request.durationSeconds }
    : { prompt: request.prompt, seed: request.seed };
}

export { validatePlan, planProblems } from './validate';
export { planPrompt, summarize, type PlanResult, type PlanInput } from './planner';
export * from './schema';
