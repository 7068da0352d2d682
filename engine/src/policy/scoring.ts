/**
 * Scores a policy against a labelled prompt set (JSON Lines of {prompt, expected, category}).
 * Used by scripts/policy-eval.ts and by the tests that hold the policy to its figures.
 *
 * A "positive" is a refusal. Per category, the rows labelled with that category (refusals and their
 * benign look-alikes) are scored on their own; "none" rows are plain B-roll prompts that only count
 * towards the overall figures.
 */
import { readFileSync } from 'node:fs';
import type { Policy } from './policy';

export interface LabelledPrompt {
  prompt: string;
  expected: 'allow' | 'refuse';
  category: string;
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

export interface Scores extends Confusion {
  n: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Miss {
  kind: 'false refusal' | 'missed refusal';
  row: LabelledPrompt;
  ruleId?: string;
  matched?: string[];
}

export interface SetReport {
  overall: Scores;
  byCategory: Record<string, Scores>;
  /** Of the correct refusals, the share whose rule category equals the label's category. */
  categoryAgreement: number;
  misses: Miss[];
  meanDecisionMs: number;
}

/** Reads and checks a labelled set; a malformed line is an error naming the file and line. */
export function loadLabelledSet(file: string, categories: readonly string[]): LabelledPrompt[] {
  const rows: LabelledPrompt[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${file}:${i + 1}`;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch (e) {
        throw new Error(`${where}: not valid JSON: ${(e as Error).message}`);
      }
      const r = row as Partial<LabelledPrompt>;
      if (typeof r.prompt !== 'string' || r.prompt.length === 0) throw new Error(`${where}: "prompt" must be a non-empty string`);
      if (r.expected !== 'allow' && r.expected !== 'refuse') throw new Error(`${where}: "expected" must be "allow" or "refuse"`);
      if (typeof r.category !== 'string' || !categories.includes(r.category)) {
        throw new Error(`${where}: "category" must be one of ${categories.join(', ')}`);
      }
      rows.push({ prompt: r.prompt, expected: r.expected, category: r.category });
    });
  return rows;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

export function scoresOf(c: Confusion): Scores {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, n: c.tp + c.fp + c.fn + c.tn, precision, recall, f1 };
}

export function scoreSet(policy: Policy, rows: readonly LabelledPrompt[]): SetReport {
  const overall: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  const byCat = new Map<string, Confusion>();
  const misses: Miss[] = [];
  let agree = 0;
  const started = process.hrtime.bigint();
  for (const row of rows) {
    const d = policy.decide(row.prompt);
    const refused = !d.allowed;
    const key: keyof Confusion = refused ? (row.expected === 'refuse' ? 'tp' : 'fp') : row.expected === 'refuse' ? 'fn' : 'tn';
    overall[key]++;
    const c = byCat.get(row.category) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
    c[key]++;
    byCat.set(row.category, c);
    if (key === 'tp' && d.category === row.category) agree++;
    if (key === 'fp') misses.push({ kind: 'false refusal', row, ruleId: d.ruleId, matched: d.matched });
    if (key === 'fn') misses.push({ kind: 'missed refusal', row });
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  const byCategory: Record<string, Scores> = {};
  for (const [cat, c] of [...byCat.entries()].sort(([a], [b]) => a.localeCompare(b))) byCategory[cat] = scoresOf(c);
  return {
    overall: scoresOf(overall),
    byCategory,
    categoryAgreement: ratio(agree, overall.tp),
    misses,
    meanDecisionMs: rows.length === 0 ? 0 : elapsedMs / rows.length,
  };
}
