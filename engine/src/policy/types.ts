/**
 * Types of the usage-policy rules file (`engine/policy/rules.json`, described by
 * `engine/policy/rules.schema.json` and docs/POLICY.md) and of the decisions the policy makes.
 */

export const STRICTNESS_LEVELS = ['relaxed', 'standard', 'strict'] as const;
export type Strictness = (typeof STRICTNESS_LEVELS)[number];

/** How a term's last token may be possessive ("the president's desk"). */
export type PossessiveMode = 'any' | 'exclude' | 'only';

/** A condition in a rule. Leaves find spans of tokens; combinators join them. */
export type Condition =
  | { lexicon: string | string[]; negatable?: boolean; possessive?: PossessiveMode }
  | { terms: string[]; negatable?: boolean; possessive?: PossessiveMode }
  | { regex: string; negatable?: boolean }
  | { properName: { firstNames?: string; honorifics?: string; exclude?: string[] } }
  | { ref: string }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { seq: Condition[]; maxGap?: number }
  | { near: Condition[]; within: number }
  | { notFollowedBy: Condition[]; within: number };

export interface CategoryDef {
  label: string;
  description: string;
  /** Rules of this category must apply at every strictness; the loader refuses a file that weakens them. */
  alwaysOn?: boolean;
}

export interface LexiconDef {
  description: string;
  terms: string[];
  /** Phrases that cancel a term match they overlap ("bloody mary" cancels "bloody"). */
  exceptions?: string[];
}

export interface RuleDef {
  id: string;
  category: string;
  levels: Strictness[];
  /** What the rule refuses, in words a user understands. */
  description: string;
  /** What would be acceptable instead. */
  acceptable: string;
  when: Condition;
  examples: { refuse: string[]; allow?: string[] };
}

export interface RulesFile {
  $schema?: string;
  version: 1;
  description?: string;
  categories: Record<string, CategoryDef>;
  negation: { cues: string[]; window: number; scopeBreakers: string[]; postCues: string[] };
  lexicons: Record<string, LexiconDef>;
  definitions?: Record<string, { description: string; when: Condition }>;
  rules: RuleDef[];
}

export interface PolicyDecision {
  allowed: boolean;
  /** The first refusing rule, in file order. */
  ruleId?: string;
  category?: string;
  /** A sentence for the user: which rule, why, and what would be acceptable. */
  message: string;
  /** The prompt's words that triggered the rule, as the user wrote them. */
  matched?: string[];
  /** Other rules that would also have refused (for the log). */
  alsoMatched?: string[];
  strictness: Strictness;
}
