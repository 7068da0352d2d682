/**
 * Reads the rules file, validates it against the JSON Schema and a few checks a schema cannot
 * express, and compiles it. Any problem is a `PolicyRulesError` at start-up, naming the file and
 * every problem found, so a broken rules file can never mean "no policy".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { compileTerm, TermSet } from './terms';
import { STRICTNESS_LEVELS, type Condition, type RuleDef, type RulesFile } from './types';

/** The rules that ship with the engine. Same relative path from src/policy and dist/policy. */
export const DEFAULT_RULES_PATH = path.resolve(__dirname, '../../policy/rules.json');
export const RULES_SCHEMA_PATH = path.resolve(__dirname, '../../policy/rules.schema.json');

export class PolicyRulesError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`Usage policy rules file ${file} is invalid; the engine will not start without a valid policy:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PolicyRulesError';
    this.file = file;
    this.problems = problems;
  }
}

export interface CompiledLexicon {
  name: string;
  terms: TermSet;
  exceptions: TermSet | null;
}

export interface CompiledRules {
  file: string;
  data: RulesFile;
  lexicons: Map<string, CompiledLexicon>;
  negationCues: TermSet;
  scopeBreakers: TermSet;
  postCues: TermSet;
  regexes: Map<string, RegExp>;
  /** Term sets of conditions written with inline `terms`, keyed by the condition's array. */
  inlineTerms: Map<string[], TermSet>;
}

let schemaValidator: { validate: ValidateFunction; condition: object } | null = null;

function validator(): { validate: ValidateFunction; condition: object } {
  if (!schemaValidator) {
    const schema = JSON.parse(readFileSync(RULES_SCHEMA_PATH, 'utf8')) as { definitions: { condition: object } };
    // verbose: errors carry their parent schema, which is how condition errors are recognised.
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
    schemaValidator = { validate: ajv.compile(schema), condition: schema.definitions.condition };
  }
  return schemaValidator;
}

const CONDITION_KEYS = ['lexicon', 'terms', 'regex', 'properName', 'ref', 'all', 'any', 'not', 'seq', 'notFollowedBy', 'near'];

function valueAt(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  }
  return v;
}

function formatError(e: ErrorObject): string {
  const at = e.instancePath || '(root)';
  if (e.keyword === 'additionalProperties') return `${at}: unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'required') return `${at}: missing required field "${(e.params as { missingProperty: string }).missingProperty}"`;
  if (e.keyword === 'enum') return `${at}: ${e.message ?? 'is invalid'} ${JSON.stringify((e.params as { allowedValues: unknown }).allowedValues)}`;
  return `${at}: ${e.message ?? 'is invalid'}`;
}

/** Ajv compiles the recursive condition schema on its own, so its errors' schema paths start here. */
const CONDITION_ONEOF = '#/oneOf';

/**
 * Ajv reports every failing branch of a `oneOf`; for a bad condition that is a wall of noise. For the
 * innermost bad condition: when it has exactly one condition key, the errors of that key's branch are
 * reported; otherwise one line says what a condition must look like.
 */
function describeSchemaErrors(errors: ErrorObject[], data: unknown, conditionSchema: object): string[] {
  const condPaths = [
    ...new Set(errors.filter((e) => e.keyword === 'oneOf' && e.parentSchema === conditionSchema).map((e) => e.instancePath)),
  ];
  const innermost = condPaths.filter((p) => !condPaths.some((q) => q !== p && q.startsWith(p + '/')));
  const lines = new Set<string>();
  for (const p of innermost) {
    const v = valueAt(data, p);
    const keys = v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v) : [];
    const condKeys = keys.filter((k) => CONDITION_KEYS.includes(k));
    if (condKeys.length === 1) {
      const branch = `${CONDITION_ONEOF}/${CONDITION_KEYS.indexOf(condKeys[0]!)}/`;
      for (const e of errors) {
        if ((e.instancePath === p || e.instancePath.startsWith(p + '/')) && e.schemaPath.startsWith(branch)) lines.add(formatError(e));
      }
    } else {
      lines.add(
        `${p}: not a valid condition: it needs exactly one of ${CONDITION_KEYS.join(', ')} (found ${keys.length > 0 ? 'keys ' + keys.join(', ') : JSON.stringify(v)})`,
      );
    }
  }
  for (const e of errors) {
    if (e.schemaPath.startsWith(CONDITION_ONEOF)) continue; // handled above
    lines.add(formatError(e));
  }
  return [...lines];
}

/** The checks JSON Schema cannot express: references resolve, regexes compile, terms parse, ids unique. */
function semanticProblems(data: RulesFile): string[] {
  const problems: string[] = [];
  const lexicons = new Set(Object.keys(data.lexicons));
  const definitions = data.definitions ?? {};

  const checkTerms = (where: string, terms: string[]): void => {
    for (const t of terms) {
      try {
        compileTerm(t);
      } catch (e) {
        problems.push(`${where}: ${(e as Error).message}`);
      }
    }
  };
  checkTerms('/negation/cues', data.negation.cues);
  checkTerms('/negation/scopeBreakers', data.negation.scopeBreakers);
  checkTerms('/negation/postCues', data.negation.postCues);
  for (const [name, lex] of Object.entries(data.lexicons)) {
    checkTerms(`/lexicons/${name}/terms`, lex.terms);
    checkTerms(`/lexicons/${name}/exceptions`, lex.exceptions ?? []);
  }

  const needLexicon = (where: string, name: string): void => {
    if (!lexicons.has(name)) problems.push(`${where}: unknown lexicon "${name}" (defined: ${[...lexicons].join(', ')})`);
  };

  /** Returns whether the condition yields spans (needed inside seq and near). */
  const walk = (c: Condition, where: string, refStack: string[]): boolean => {
    if ('lexicon' in c) {
      for (const n of Array.isArray(c.lexicon) ? c.lexicon : [c.lexicon]) needLexicon(where, n);
      return true;
    }
    if ('terms' in c) {
      checkTerms(where, c.terms);
      return true;
    }
    if ('regex' in c) {
      try {
        new RegExp(c.regex, 'gu');
      } catch (e) {
        problems.push(`${where}: regex does not compile: ${(e as Error).message}`);
      }
      return true;
    }
    if ('properName' in c) {
      const p = c.properName;
      if (p.firstNames) needLexicon(where, p.firstNames);
      if (p.honorifics) needLexicon(where, p.honorifics);
      for (const n of p.exclude ?? []) needLexicon(where, n);
      return true;
    }
    if ('ref' in c) {
      const def = definitions[c.ref];
      if (!def) {
        problems.push(`${where}: unknown definition "${c.ref}"`);
        return true;
      }
      if (refStack.includes(c.ref)) {
        problems.push(`${where}: definition "${c.ref}" refers to itself (${[...refStack, c.ref].join(' -> ')})`);
        return true;
      }
      return walk(def.when, `/definitions/${c.ref}/when`, [...refStack, c.ref]);
    }
    if ('all' in c) return c.all.map((x, i) => walk(x, `${where}/all/${i}`, refStack)).some(Boolean);
    if ('any' in c) return c.any.map((x, i) => walk(x, `${where}/any/${i}`, refStack)).every(Boolean);
    if ('not' in c) {
      walk(c.not, `${where}/not`, refStack);
      return false;
    }
    const [key, parts] = 'seq' in c ? ['seq', c.seq] : 'near' in c ? ['near', c.near] : ['notFollowedBy', c.notFollowedBy];
    parts.forEach((x, i) => {
      if (!walk(x, `${where}/${key}/${i}`, refStack)) {
        problems.push(`${where}/${key}/${i}: a ${key} part must find words (a lexicon, terms, regex, properName, or any/seq/near of those), not a "not"`);
      }
    });
    return true;
  };

  for (const [name, def] of Object.entries(definitions)) walk(def.when, `/definitions/${name}/when`, [name]);

  const ids = new Set<string>();
  data.rules.forEach((rule: RuleDef, i) => {
    const where = `/rules/${i} (${rule.id})`;
    if (ids.has(rule.id)) problems.push(`${where}: duplicate rule id "${rule.id}"`);
    ids.add(rule.id);
    const cat = data.categories[rule.category];
    if (!cat) {
      problems.push(`${where}: unknown category "${rule.category}" (defined: ${Object.keys(data.categories).join(', ')})`);
    } else if (cat.alwaysOn && STRICTNESS_LEVELS.some((l) => !rule.levels.includes(l))) {
      problems.push(`${where}: category "${rule.category}" is always on, so the rule must list every level (${STRICTNESS_LEVELS.join(', ')})`);
    }
    if (!walk(rule.when, `${where}/when`, [])) {
      problems.push(`${where}/when: a rule must find at least one word to refuse on, not only "not" conditions`);
    }
  });
  return problems;
}

function collectLeaves(data: RulesFile): { regexes: Map<string, RegExp>; inlineTerms: Map<string[], TermSet> } {
  const regexes = new Map<string, RegExp>();
  const inlineTerms = new Map<string[], TermSet>();
  const visit = (c: Condition): void => {
    if ('regex' in c) regexes.set(c.regex, new RegExp(c.regex, 'gu'));
    else if ('terms' in c) inlineTerms.set(c.terms, new TermSet(c.terms));
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if ('seq' in c) c.seq.forEach(visit);
    else if ('near' in c) c.near.forEach(visit);
    else if ('notFollowedBy' in c) c.notFollowedBy.forEach(visit);
  };
  for (const d of Object.values(data.definitions ?? {})) visit(d.when);
  for (const r of data.rules) visit(r.when);
  return { regexes, inlineTerms };
}

/** Parses, validates and compiles rules already read into memory (`file` only names them in errors). */
export function compileRules(text: string, file: string): CompiledRules {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new PolicyRulesError(file, [`not valid JSON: ${(e as Error).message}`]);
  }
  const { validate, condition } = validator();
  if (!validate(data)) throw new PolicyRulesError(file, describeSchemaErrors(validate.errors ?? [], data, condition));
  const rules = data as RulesFile;
  const problems = semanticProblems(rules);
  if (problems.length > 0) throw new PolicyRulesError(file, problems);

  const lexicons = new Map<string, CompiledLexicon>();
  for (const [name, lex] of Object.entries(rules.lexicons)) {
    lexicons.set(name, {
      name,
      terms: new TermSet(lex.terms),
      exceptions: lex.exceptions && lex.exceptions.length > 0 ? new TermSet(lex.exceptions) : null,
    });
  }
  return {
    file,
    data: rules,
    lexicons,
    negationCues: new TermSet(rules.negation.cues),
    scopeBreakers: new TermSet(rules.negation.scopeBreakers),
    postCues: new TermSet(rules.negation.postCues),
    ...collectLeaves(rules),
  };
}

export function loadRules(file: string = DEFAULT_RULES_PATH): CompiledRules {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyRulesError(file, [`cannot be read: ${(e as Error).message}`]);
  }
  return compileRules(text, file);
}
