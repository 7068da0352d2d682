/** One policy per strictness, built once and shared by the policy tests (building one takes a while cold). */
import { createPolicy, STRICTNESS_LEVELS, type Policy, type Strictness } from '../../engine/src/policy';

export const policies = Object.fromEntries(STRICTNESS_LEVELS.map((s) => [s, createPolicy({ strictness: s })])) as Record<Strictness, Policy>;
