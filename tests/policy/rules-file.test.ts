import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createPolicy,
  DEFAULT_RULES_PATH,
  loadRules,
  PolicyRulesError,
  type Condition,
  type Policy,
  type RulesFile,
} from '../../engine/src/policy';
import { policies } from './policies';

const shipped = JSON.parse(readFileSync(DEFAULT_RULES_PATH, 'utf8')) as RulesFile;
const dir = mkdtempSync(path.join(tmpdir(), 'rushes-policy-'));
after(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
function writeRules(content: string | object): string {
  const file = path.join(dir, `rules-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** A copy of the shipped rules with one change. */
function mutated(change: (r: RulesFile) => void): string {
  const copy = structuredClone(shipped);
  change(copy);
  return writeRules(copy);
}

function problemsOf(file: string): string[] {
  try {
    createPolicy({ rulesPath: file });
  } catch (e) {
    assert.ok(e instanceof PolicyRulesError, `expected a PolicyRulesError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.ok(e.message.includes(file), 'the message names the file');
    return e.problems;
  }
  assert.fail('the rules file was accepted');
}

describe('policy rules file: a bad file is a clear start-up error', () => {
  it('refuses a file that cannot be read', () => {
    assert.match(problemsOf(path.join(dir, 'missing.json'))[0]!, /cannot be read/);
  });
  it('refuses malformed JSON', () => {
    assert.match(problemsOf(writeRules('{ "version": 1, '))[0]!, /not valid JSON/);
  });
  it('names missing and unknown fields and bad values with their JSON path', () => {
    const problems = problemsOf(
      mutated((r) => {
        delete (r.rules[0] as Partial<(typeof r.rules)[0]>).id;
        (r.rules[1] as unknown as Record<string, unknown>)['severity'] = 'high';
        r.rules[2]!.levels = ['lenient' as never];
      }),
    );
    assert.ok(problems.includes('/rules/0: missing required field "id"'), problems.join('\n'));
    assert.ok(problems.includes('/rules/1: unknown field "severity"'), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('/rules/2/levels/0: must be equal to one of the allowed values')), problems.join('\n'));
  });
  it('explains a malformed condition in one line', () => {
    const problems = problemsOf(mutated((r) => (r.rules[0]!.when = { lexicon: 'csamTerms', terms: ['x'] } as unknown as Condition)));
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0]!, /^\/rules\/0\/when: not a valid condition: it needs exactly one of lexicon, terms/);
    const nested = problemsOf(mutated((r) => (r.rules[0]!.when = { all: [{ lexicon: 7 }] } as unknown as Condition)));
    assert.ok(nested.every((p) => p.startsWith('/rules/0/when/all/0/lexicon')), nested.join('\n'));
  });
  it('refuses references to unknown lexicons and definitions, bad regexes and bad terms', () => {
    const problems = problemsOf(
      mutated((r) => {
        r.rules[0]!.when = { lexicon: 'noSuchLexicon' };
        r.rules[1]!.when = { ref: 'noSuchDefinition' };
        r.rules[2]!.when = { regex: '(unclosed' };
        r.lexicons['sexual']!.terms.push('a*');
      }),
    );
    const text = problems.join('\n');
    assert.match(text, /unknown lexicon "noSuchLexicon"/);
    assert.match(text, /unknown definition "noSuchDefinition"/);
    assert.match(text, /regex does not compile/);
    assert.match(text, /term "a\*": the stem before \* must have at least 3 letters/);
  });
  it('refuses duplicate rule ids and unknown categories', () => {
    const text = problemsOf(
      mutated((r) => {
        r.rules[1]!.id = r.rules[0]!.id;
        r.rules[2]!.category = 'spam';
      }),
    ).join('\n');
    assert.match(text, /duplicate rule id "minors.csam-terms"/);
    assert.match(text, /unknown category "spam"/);
  });
  it('refuses a file that would switch off an always-on category at some strictness', () => {
    const text = problemsOf(mutated((r) => (r.rules.find((x) => x.id === 'minors.sexualised')!.levels = ['strict']))).join('\n');
    assert.match(text, /category "sexual_minors" is always on, so the rule must list every level/);
  });
  it('refuses a rule that can only be satisfied by "not"', () => {
    const text = problemsOf(mutated((r) => (r.rules[0]!.when = { not: { lexicon: 'realism' } }))).join('\n');
    assert.match(text, /must find at least one word/);
  });
  it('loads a valid custom rules file', () => {
    const custom = writeRules({
      version: 1,
      categories: { test: { label: 'test', description: 'a test category' } },
      negation: { cues: ['no'], window: 3, scopeBreakers: ['but'], postCues: ['free'] },
      lexicons: { fruit: { description: 'fruit', terms: ['banana*'] } },
      rules: [
        {
          id: 'test.banana',
          category: 'test',
          levels: ['standard'],
          description: 'bananas are not allowed',
          acceptable: 'an apple is acceptable',
          when: { lexicon: 'fruit' },
          examples: { refuse: ['a banana'] },
        },
      ],
    });
    const p = createPolicy({ rulesPath: custom });
    assert.equal(p.decide('Bananas on a table').ruleId, 'test.banana');
    assert.equal(p.decide('a banana, no! an apple').allowed, false);
    assert.equal(p.decide('no bananas').allowed, true);
    assert.equal(createPolicy({ rulesPath: custom, strictness: 'relaxed' }).decide('a banana').allowed, true);
  });
});

describe('policy rules file: the shipped rules', () => {
  const rules = loadRules();
  const byLevel: Record<string, Policy> = policies;

  it('has rules in every category, and every lexicon is used', () => {
    for (const cat of Object.keys(rules.data.categories)) assert.ok(rules.data.rules.some((r) => r.category === cat), cat);
    const used = new Set<string>();
    const visit = (c: Condition): void => {
      if ('lexicon' in c) for (const l of [c.lexicon].flat()) used.add(l);
      else if ('properName' in c) [c.properName.firstNames, c.properName.honorifics, ...(c.properName.exclude ?? [])].forEach((l) => l && used.add(l));
      else if ('all' in c) c.all.forEach(visit);
      else if ('any' in c) c.any.forEach(visit);
      else if ('not' in c) visit(c.not);
      else if ('seq' in c) c.seq.forEach(visit);
      else if ('near' in c) c.near.forEach(visit);
      else if ('notFollowedBy' in c) c.notFollowedBy.forEach(visit);
    };
    for (const d of Object.values(rules.data.definitions ?? {})) visit(d.when);
    for (const r of rules.data.rules) visit(r.when);
    assert.deepEqual(Object.keys(rules.data.lexicons).filter((l) => !used.has(l)), []);
  });

  it("behaves as each rule's own examples say, at each of its levels", () => {
    const wrong: string[] = [];
    for (const rule of rules.data.rules) {
      for (const level of rule.levels) {
        for (const prompt of rule.examples.refuse) {
          const d = byLevel[level]!.decide(prompt);
          if (d.ruleId !== rule.id && !(d.alsoMatched ?? []).includes(rule.id)) wrong.push(`${rule.id} @${level} should refuse "${prompt}" (got ${d.ruleId ?? 'allowed'})`);
        }
        for (const prompt of rule.examples.allow ?? []) {
          const d = byLevel[level]!.decide(prompt);
          if (d.ruleId === rule.id || (d.alsoMatched ?? []).includes(rule.id)) wrong.push(`${rule.id} @${level} should not fire on "${prompt}"`);
        }
      }
    }
    assert.deepEqual(wrong, []);
  });
});
