/**
 * Measures the usage policy on the labelled prompt sets and records the figures.
 *
 *   npx tsx scripts/policy-eval.ts [--no-write] [--show-holdout-misses]
 *
 * Prints precision, recall and F1 of refusals, per category and overall, at every strictness, for
 * the tuning set (tests/policy/prompts.jsonl) and the holdout (tests/policy/holdout.jsonl). Labels
 * are what the policy should do at *standard* strictness, so relaxed and strict figures show how far
 * each level moves from that. The tuning set's mistakes are listed; the holdout's are not unless
 * asked for, so that rules are not tuned against it. Writes the tables into docs/BENCHMARKS.md
 * between <!-- policy:start --> and <!-- policy:end --> with scripts/bench-doc.ts (nothing else in that
 * file is touched).
 */
import path from 'node:path';
import { createPolicy, loadRules, STRICTNESS_LEVELS, type Strictness } from '../engine/src/policy';
import { loadLabelledSet, scoreSet, type LabelledPrompt, type Scores, type SetReport } from '../engine/src/policy/scoring';
import { BENCHMARKS, machineLine, writeSection } from './bench-doc';

const ROOT = path.resolve(__dirname, '..');
const SETS = [
  { name: 'tuning', file: 'tests/policy/prompts.jsonl' },
  { name: 'holdout', file: 'tests/policy/holdout.jsonl' },
] as const;

const args = new Set(process.argv.slice(2));
const rules = loadRules();
const categories = [...Object.keys(rules.data.categories), 'none'];
const policies = Object.fromEntries(STRICTNESS_LEVELS.map((s) => [s, createPolicy({ strictness: s })])) as Record<Strictness, ReturnType<typeof createPolicy>>;

const pct = (x: number): string => x.toFixed(3);

function tableRows(level: Strictness, report: SetReport): string[] {
  const row = (name: string, s: Scores): string =>
    `| ${level} | ${name} | ${s.n} | ${s.tp + s.fn} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`;
  const lines = Object.entries(report.byCategory)
    .filter(([cat]) => cat !== 'none')
    .map(([cat, s]) => row(cat, s));
  const none = report.byCategory['none'];
  if (none) lines.push(`| ${level} | none (plain B-roll) | ${none.n} | 0 | 0 | ${none.fp} | 0 | - | - | - |`);
  lines.push(row('**overall**', report.overall));
  return lines;
}

const HEADER = [
  '| strictness | category | prompts | should refuse | TP | FP | FN | precision | recall | F1 |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];

const sections: string[] = [];
const summary: string[] = [];
for (const set of SETS) {
  const rows: LabelledPrompt[] = loadLabelledSet(path.join(ROOT, set.file), categories);
  const refusals = rows.filter((r) => r.expected === 'refuse').length;
  console.log(`\n== ${set.name} set: ${set.file} (${rows.length} prompts, ${refusals} labelled refuse) ==`);
  const table = [...HEADER];
  for (const level of STRICTNESS_LEVELS) {
    const report = scoreSet(policies[level], rows);
    table.push(...tableRows(level, report));
    const o = report.overall;
    const line = `${set.name} ${level}: precision ${pct(o.precision)} recall ${pct(o.recall)} F1 ${pct(o.f1)} (TP ${o.tp} FP ${o.fp} FN ${o.fn} TN ${o.tn}); rule category = label category for ${pct(report.categoryAgreement)} of correct refusals; ${report.meanDecisionMs.toFixed(3)} ms per decision`;
    summary.push(line);
    console.log(line);
    const showMisses = set.name === 'tuning' ? level === 'standard' || args.has('--all-misses') : args.has('--show-holdout-misses');
    if (showMisses) {
      for (const m of report.misses) {
        const why = m.ruleId ? ` <- ${m.ruleId} ${JSON.stringify(m.matched)}` : '';
        console.log(`    ${m.kind} [${m.row.category}] ${m.row.prompt}${why}`);
      }
    } else if (report.misses.length > 0) {
      const flag = set.name === 'tuning' ? '--all-misses' : '--show-holdout-misses';
      console.log(`    (${report.misses.length} mistakes not listed; ${flag} lists them)`);
    }
  }
  console.log(['', ...table].join('\n'));
  sections.push(`### ${set.name === 'tuning' ? 'Tuning set' : 'Holdout set'}: \`${set.file}\` (${rows.length} prompts, ${refusals} labelled refuse)`, '', ...table, '');
}

const block = [
  '## Usage policy: precision and recall of refusals',
  '',
  `Machine: ${machineLine()}. Command: \`npx tsx scripts/policy-eval.ts\`. Rules: \`engine/policy/rules.json\` (${rules.data.rules.length} rules, ${Object.keys(rules.data.lexicons).length} lexicons).`,
  '',
  'Labels say what the policy should do at **standard** strictness; the relaxed and strict rows score the same labels, so they show how far each level moves from standard (relaxed refuses less, strict more). ' +
    'A positive is a refusal. Per-category rows count the prompts labelled with that category: its refusals and its benign look-alikes. "none" rows are plain B-roll prompts; any refusal there is a false positive. ' +
    'The holdout was written before the rules were tuned and its mistakes were not looked at while tuning; both sets were written by the same author as the rules, so the holdout is a weaker test than an independent set. ' +
    'Times per decision include JIT warm-up and depend on machine load.',
  '',
  ...sections,
  'Summary:',
  '',
  ...summary.map((s) => `- ${s}`),
].join('\n');

if (!args.has('--no-write')) {
  writeSection('policy', block);
  console.log(`\nwrote the policy section of ${path.relative(ROOT, BENCHMARKS)}`);
}
