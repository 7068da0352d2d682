/**
 * Checks an edited plan (from `rushes generate --plan FILE` or a request's `plan` field) against the
 * ScenePlan schema and turns every problem into a line a user can act on, under one E_INVALID error.
 */
import { Value } from '@sinclair/typebox/value';
import { RushesError } from '@rushes/shared';
import { ScenePlan } from './schema';

export interface PlanProblem {
  path: string;
  message: string;
}

export function planProblems(value: unknown): PlanProblem[] {
  const problems: PlanProblem[] = [];
  for (const e of Value.Errors(ScenePlan, value)) {
    const at = 'plan' + e.path.replace(/\//g, '.');
    // Unions of literals produce one error per alternative; say once what the allowed values are.
    const schema = e.schema as { anyOf?: Array<{ const?: unknown }> };
    if (schema.anyOf && schema.anyOf.every((s) => s.const !== undefined)) {
      const allowed = schema.anyOf.map((s) => JSON.stringify(s.const)).join(', ');
      problems.push({ path: at, message: `must be one of ${allowed} (got ${JSON.stringify(e.value)})` });
    } else {
      problems.push({ path: at, message: e.message });
    }
    if (problems.length >= 20) break;
  }
  // Drop the per-alternative noise TypeBox reports under a union we already summarised.
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Returns the value typed as a ScenePlan, or throws E_INVALID listing what is wrong and where. */
export function validatePlan(value: unknown): ScenePlan {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new RushesError('E_INVALID', 'A scene plan must be a JSON object (as printed by `rushes plan "prompt" --json`).', {
      errors: [{ path: 'plan', message: 'must be an object' }],
    });
  }
  const problems = planProblems(value);
  if (problems.length) {
    const head = problems
      .slice(0, 5)
      .map((p) => `${p.path}: ${p.message}`)
      .join('; ');
    throw new RushesError('E_INVALID', `The scene plan is not valid: ${head}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}.`, {
      errors: problems,
    });
  }
  return value as ScenePlan;
}
