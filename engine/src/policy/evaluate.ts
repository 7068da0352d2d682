/**
 * Evaluates rule conditions against one normalised prompt. Every leaf yields the spans of tokens it
 * found (so a refusal can say which words triggered it); combinators join the spans. Pure: the
 * same prompt and rules always give the same result.
 */
import type { CompiledRules } from './load';
import type { NormalizedPrompt, Token } from './normalize';
import { overlaps, type Span, type TermSet } from './terms';
import type { Condition, PossessiveMode } from './types';

export interface CondResult {
  ok: boolean;
  spans: Span[];
}

const FALSE: CondResult = { ok: false, spans: [] };

export class PromptEvaluation {
  private readonly tokens: Token[];
  private readonly negated: boolean[];
  private readonly lexiconCache = new Map<string, Span[]>();
  private readonly conditionCache = new Map<Condition, CondResult>();
  private joined: { text: string; tokenAt: number[] } | null = null;

  constructor(
    private readonly prompt: NormalizedPrompt,
    private readonly rules: CompiledRules,
  ) {
    this.tokens = prompt.tokens;
    this.negated = this.negationScope();
  }

  /**
   * Marks the tokens a negation governs: up to `window` tokens after a cue ("no", "without",
   * "non", "free of"), stopping at a comma, a sentence stop or a scope breaker ("but"); and the
   * token before a post-cue ("gore-free"). A comma ends the scope on purpose: "no music, gore"
   * must not read as "no gore". Lists joined by "or"/"and" stay in scope ("no blood or gore").
   */
  private negationScope(): boolean[] {
    const { negationCues, scopeBreakers, postCues, data } = this.rules;
    const window = data.negation.window;
    const negated = new Array<boolean>(this.tokens.length).fill(false);
    const breakerStarts = new Set(scopeBreakers.find(this.tokens).map((s) => s.start));
    for (const cue of negationCues.find(this.tokens)) {
      for (let t = cue.end, n = 0; t < this.tokens.length && n < window; t++, n++) {
        const tok = this.tokens[t]!;
        if (tok.breakBefore !== 'none' || breakerStarts.has(t)) break;
        negated[t] = true;
      }
    }
    for (const post of postCues.find(this.tokens)) {
      const tok = this.tokens[post.start]!;
      if (post.start > 0 && tok.breakBefore === 'none') negated[post.start - 1] = true;
    }
    return negated;
  }

  private filterSpans(spans: Span[], negatable: boolean, possessive: PossessiveMode): Span[] {
    return spans.filter((s) => {
      if (negatable && this.negated[s.start]) return false;
      const last = this.tokens[s.end - 1]!;
      if (possessive === 'exclude' && last.possessive) return false;
      if (possessive === 'only' && !last.possessive) return false;
      return true;
    });
  }

  /** Spans of a lexicon's terms, minus those overlapping one of its exceptions (before negation). */
  lexiconSpans(name: string): Span[] {
    const cached = this.lexiconCache.get(name);
    if (cached) return cached;
    const lex = this.rules.lexicons.get(name);
    if (!lex) throw new Error(`unknown lexicon ${name}`); // the loader checked every reference
    let spans = lex.terms.find(this.tokens);
    if (lex.exceptions) {
      const except = lex.exceptions.find(this.tokens);
      spans = spans.filter((s) => !except.some((x) => overlaps(s, x)));
    }
    this.lexiconCache.set(name, spans);
    return spans;
  }

  private properNames(opts: { firstNames?: string; honorifics?: string; exclude?: string[] }): Span[] {
    const inLexicon = (name: string | undefined): Set<number> => {
      const out = new Set<number>();
      if (!name) return out;
      for (const s of this.lexiconSpans(name)) for (let t = s.start; t < s.end; t++) out.add(t);
      return out;
    };
    const first = inLexicon(opts.firstNames);
    const honorific = inLexicon(opts.honorifics);
    const excluded = new Set<number>();
    for (const n of opts.exclude ?? []) for (const t of inLexicon(n)) excluded.add(t);
    const isName = (tok: Token): boolean => {
      if (excluded.has(tok.index)) return false;
      if (first.has(tok.index) || honorific.has(tok.index)) return true;
      // A capital at the start of a sentence says nothing; elsewhere it marks a name.
      return tok.capitalised && tok.breakBefore !== 'strong' && [...tok.text].length > 1 && /\p{L}/u.test(tok.text);
    };
    const spans: Span[] = [];
    let t = 0;
    while (t < this.tokens.length) {
      if (!isName(this.tokens[t]!)) {
        t++;
        continue;
      }
      const start = t;
      t++;
      while (t < this.tokens.length && this.tokens[t]!.breakBefore === 'none' && isName(this.tokens[t]!)) t++;
      spans.push({ start, end: t });
    }
    return spans;
  }

  private regexSpans(pattern: string): Span[] {
    if (!this.joined) {
      const tokenAt: number[] = [];
      let text = '';
      this.tokens.forEach((tok, i) => {
        if (i > 0) {
          text += ' ';
          tokenAt.push(i);
        }
        for (let k = 0; k < tok.text.length; k++) tokenAt.push(i);
        text += tok.text;
      });
      this.joined = { text, tokenAt };
    }
    const re = this.rules.regexes.get(pattern)!;
    re.lastIndex = 0;
    const spans: Span[] = [];
    const { text, tokenAt } = this.joined;
    for (const m of text.matchAll(re)) {
      if (m[0].length === 0) continue;
      const start = tokenAt[m.index] ?? 0;
      const end = (tokenAt[m.index + m[0].length - 1] ?? start) + 1;
      spans.push({ start, end });
    }
    return spans;
  }

  private termSpans(terms: TermSet): Span[] {
    return terms.find(this.tokens);
  }

  evaluate(c: Condition): CondResult {
    const cached = this.conditionCache.get(c);
    if (cached) return cached;
    const result = this.compute(c);
    this.conditionCache.set(c, result);
    return result;
  }

  private leaf(spans: Span[]): CondResult {
    return spans.length > 0 ? { ok: true, spans } : FALSE;
  }

  private compute(c: Condition): CondResult {
    if ('lexicon' in c) {
      const names = Array.isArray(c.lexicon) ? c.lexicon : [c.lexicon];
      const spans = names.flatMap((n) => this.lexiconSpans(n));
      return this.leaf(this.filterSpans(spans, c.negatable ?? true, c.possessive ?? 'any'));
    }
    if ('terms' in c) {
      const set = this.rules.inlineTerms.get(c.terms)!;
      return this.leaf(this.filterSpans(this.termSpans(set), c.negatable ?? true, c.possessive ?? 'any'));
    }
    if ('regex' in c) return this.leaf(this.filterSpans(this.regexSpans(c.regex), c.negatable ?? true, 'any'));
    if ('properName' in c) return this.leaf(this.properNames(c.properName));
    if ('ref' in c) return this.evaluate(this.rules.data.definitions![c.ref]!.when);
    if ('all' in c) {
      const spans: Span[] = [];
      for (const x of c.all) {
        const r = this.evaluate(x);
        if (!r.ok) return FALSE;
        spans.push(...r.spans);
      }
      return { ok: true, spans };
    }
    if ('any' in c) {
      const spans: Span[] = [];
      let ok = false;
      for (const x of c.any) {
        const r = this.evaluate(x);
        if (r.ok) {
          ok = true;
          spans.push(...r.spans);
        }
      }
      return ok ? { ok, spans } : FALSE;
    }
    if ('not' in c) return this.evaluate(c.not).ok ? FALSE : { ok: true, spans: [] };
    if ('seq' in c) return this.leaf(this.sequence(c.seq, c.maxGap ?? 0));
    if ('notFollowedBy' in c) return this.leaf(this.notFollowedBy(c.notFollowedBy, c.within));
    return this.leaf(this.nearby(c.near, c.within));
  }

  /** Spans where each part starts at most `maxGap` tokens after the previous part ends, in order. */
  private sequence(parts: Condition[], maxGap: number): Span[] {
    let frontier: Span[] = this.evaluate(parts[0]!).spans;
    for (const part of parts.slice(1)) {
      const next = this.evaluate(part).spans;
      const joined: Span[] = [];
      for (const a of frontier) {
        for (const b of next) {
          const gap = b.start - a.end;
          if (gap >= 0 && gap <= maxGap) joined.push({ start: a.start, end: b.end });
        }
      }
      frontier = joined;
      if (frontier.length === 0) break;
    }
    return frontier;
  }

  /** Spans of the first part that the second part does not follow within `within` tokens ("Trump" but not "Trump Tower"). */
  private notFollowedBy(parts: Condition[], within: number): Span[] {
    const after = this.evaluate(parts[1]!).spans;
    return this.evaluate(parts[0]!).spans.filter((a) => !after.some((b) => b.start >= a.end && b.start - a.end <= within));
  }

  /** Pairs of spans, one from each part, no more than `within` tokens apart, in either order. */
  private nearby(parts: Condition[], within: number): Span[] {
    const a = this.evaluate(parts[0]!).spans;
    const b = this.evaluate(parts[1]!).spans;
    const out: Span[] = [];
    for (const x of a) {
      for (const y of b) {
        if (overlaps(x, y)) continue;
        const gap = x.end <= y.start ? y.start - x.end : x.start - y.end;
        if (gap <= within) out.push(x, y);
      }
    }
    return out;
  }

  /** The words of the spans as the user typed them, in prompt order, without duplicates. */
  words(spans: Span[]): string[] {
    const sorted = [...spans].sort((p, q) => p.start - q.start || q.end - p.end);
    const out: string[] = [];
    let coveredTo = -1;
    for (const s of sorted) {
      if (s.end <= coveredTo) continue;
      const from = Math.max(s.start, coveredTo);
      const text = this.prompt.source.slice(this.tokens[from]!.start, this.tokens[s.end - 1]!.end);
      if (!out.includes(text)) out.push(text);
      coveredTo = s.end;
    }
    return out;
  }
}
