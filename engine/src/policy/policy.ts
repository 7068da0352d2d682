/**
 * The usage policy: decides, before any work is done, whether Rushes will generate a prompt.
 * Rules are data (engine/policy/rules.json); this module only applies them at the configured
 * strictness and phrases the answer. `decide` is pure and deterministic; `enforce` throws the
 * E_POLICY error the engine sends back to the client.
 */
import { ErrorCode, RushesError } from '@rushes/shared';
import { PromptEvaluation } from './evaluate';
import { DEFAULT_RULES_PATH, loadRules, type CompiledRules } from './load';
import { normalizePrompt } from './normalize';
import { STRICTNESS_LEVELS, type PolicyDecision, type RuleDef, type Strictness } from './types';

export interface PolicyOptions {
  /** Default 'standard'. Rules of always-on categories (sexual content involving minors) apply at every level. */
  strictness?: Strictness;
  /** A rules file other than the one shipped with the engine. */
  rulesPath?: string;
  /**
   * Called with every decision, allowed or not, so the engine can log it. It runs inside `decide`;
   * if it throws, `decide` throws (a policy whose decisions cannot be logged fails closed).
   */
  onDecision?: (decision: PolicyDecision, prompt: string) => void;
}

export interface Policy {
  readonly strictness: Strictness;
  /** The rules file in use (for the start-up log). */
  readonly rulesPath: string;
  /** Ids of the rules that apply at this strictness, in the order they are tried. */
  readonly activeRules: readonly string[];
  decide(prompt: string): PolicyDecision;
  /** Returns the decision when allowed; throws RushesError E_POLICY with `{ rule }` when not. */
  enforce(prompt: string): PolicyDecision;
}

function quoteList(words: string[]): string {
  return words.map((w) => `"${w}"`).join(', ');
}

function refusalMessage(rules: CompiledRules, rule: RuleDef, matched: string[]): string {
  const label = rules.data.categories[rule.category]?.label ?? rule.category;
  const because = matched.length > 0 ? ` (matched ${quoteList(matched)})` : '';
  return `Rushes will not generate this. Usage policy rule ${rule.id} [${label}]: ${rule.description}${because}. ${rule.acceptable}`;
}

export function createPolicy(options: PolicyOptions = {}): Policy {
  const strictness = options.strictness ?? 'standard';
  if (!STRICTNESS_LEVELS.includes(strictness)) {
    throw new RushesError(ErrorCode.INVALID, `Unknown policy strictness "${String(strictness)}"; use one of ${STRICTNESS_LEVELS.join(', ')}.`, {
      strictness,
    });
  }
  const rulesPath = options.rulesPath ?? DEFAULT_RULES_PATH;
  const rules = loadRules(rulesPath);
  const active = rules.data.rules.filter((r) => r.levels.includes(strictness));
  const onDecision = options.onDecision;

  const decide = (prompt: string): PolicyDecision => {
    if (typeof prompt !== 'string') throw new RushesError(ErrorCode.INVALID, 'The prompt must be a string.');
    const evaluation = new PromptEvaluation(normalizePrompt(prompt), rules);
    let decision: PolicyDecision | null = null;
    const also: string[] = [];
    for (const rule of active) {
      const result = evaluation.evaluate(rule.when);
      if (!result.ok) continue;
      if (decision) {
        also.push(rule.id);
        continue;
      }
      const matched = evaluation.words(result.spans);
      decision = {
        allowed: false,
        ruleId: rule.id,
        category: rule.category,
        message: refusalMessage(rules, rule, matched),
        matched,
        strictness,
      };
    }
    if (decision && also.length > 0) decision.alsoMatched = also;
    const final: PolicyDecision = decision ?? {
      allowed: true,
      message: `Allowed: no usage policy rule matched at ${strictness} strictness.`,
      strictness,
    };
    onDecision?.(final, prompt);
    return final;
  };

  return {
    strictness,
    rulesPath,
    activeRules: active.map((r) => r.id),
    decide,
    enforce(prompt: string): PolicyDecision {
      const d = decide(prompt);
      if (!d.allowed) throw new RushesError(ErrorCode.POLICY, d.message, { rule: d.ruleId, category: d.category });
      return d;
    },
  };
}
