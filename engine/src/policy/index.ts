export { createPolicy, type Policy, type PolicyOptions } from './policy';
export { DEFAULT_RULES_PATH, PolicyRulesError, loadRules } from './load';
export { STRICTNESS_LEVELS, type PolicyDecision, type Strictness, type RulesFile, type RuleDef, type Condition } from './types';
