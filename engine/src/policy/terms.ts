/**
 * Lexicon terms: compiling the small term syntax and finding terms in a token list.
 *
 * Syntax (see docs/POLICY.md): words separated by spaces, hyphens count as spaces.
 *   blood        the word, or its plural (bloods, bloodies for -y words)
 *   dismember*   any word starting with "dismember" (stem of 3+ letters)
 *   =gored       exactly this word, no plural
 *   ?            any one word, or none ("knife to ? throat"); not first or last
 *   _            exactly one word, any ("the mayor of _"); not first
 * A term of two or more plain words also matches them written as one word ("face swap" -> "faceswap").
 */
import type { Token } from './normalize';

type Piece =
  | { kind: 'word'; word: string; plural: boolean }
  | { kind: 'prefix'; stem: string }
  | { kind: 'optional' }
  | { kind: 'any' };

export interface CompiledTerm {
  source: string;
  pieces: Piece[];
}

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Folds a term word the same way the tokenizer folds prompt words. */
function foldWord(word: string): string[] {
  return word
    .normalize('NFKC')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^\p{L}\p{N}@$]+/u)
    .filter((w) => w.length > 0);
}

const compiled = new Map<string, CompiledTerm[]>();

/**
 * Compiles one term; throws with a message naming the term when the syntax is wrong. Pure, so the
 * result is memoised: the loader checks every term and then builds its indexes from the same ones.
 */
export function compileTerm(source: string): CompiledTerm[] {
  let out = compiled.get(source);
  if (!out) {
    out = compileTermUncached(source);
    compiled.set(source, out);
  }
  return out;
}

function compileTermUncached(source: string): CompiledTerm[] {
  const pieces: Piece[] = [];
  for (const chunk of source.trim().split(/\s+/)) {
    if (chunk === '?' || chunk === '_') {
      pieces.push({ kind: chunk === '?' ? 'optional' : 'any' });
      continue;
    }
    const exact = chunk.startsWith('=');
    const prefix = chunk.endsWith('*');
    const words = foldWord(chunk.replace(/^=/, '').replace(/\*$/, ''));
    if (words.length === 0) throw new Error(`term "${source}": "${chunk}" has no letters`);
    words.forEach((w, i) => {
      const last = i === words.length - 1;
      if (prefix && last) {
        if ([...w].length < 3) throw new Error(`term "${source}": the stem before * must have at least 3 letters`);
        pieces.push({ kind: 'prefix', stem: w });
      } else {
        pieces.push({ kind: 'word', word: w, plural: !exact });
      }
    });
  }
  if (pieces.length === 0) throw new Error(`term "${source}" is empty`);
  const firstKind = pieces[0]!.kind;
  if (firstKind === 'optional' || firstKind === 'any' || pieces[pieces.length - 1]!.kind === 'optional') {
    throw new Error(`term "${source}": a term must start with a word, and may not end with ?`);
  }
  const out: CompiledTerm[] = [{ source, pieces }];
  const plain = pieces.every((p) => p.kind === 'word');
  if (plain && pieces.length >= 2) {
    const word = pieces.map((p) => (p as { word: string }).word).join('');
    out.push({ source, pieces: [{ kind: 'word', word, plural: true }] });
  }
  return out;
}

function wordMatches(piece: Piece, form: string): boolean {
  switch (piece.kind) {
    case 'prefix':
      return form.startsWith(piece.stem);
    case 'word': {
      const w = piece.word;
      if (form === w) return true;
      if (!piece.plural) return false;
      return form === w + 's' || form === w + 'es' || (w.endsWith('y') && form === w.slice(0, -1) + 'ies');
    }
    default:
      return false;
  }
}

function tokenMatches(piece: Piece, token: Token): boolean {
  for (const f of token.forms) if (wordMatches(piece, f)) return true;
  return false;
}

/** The furthest end position (exclusive) where `pieces[p..]` matches starting at token `t`, or -1. */
function longestMatch(pieces: Piece[], p: number, tokens: Token[], t: number): number {
  if (p === pieces.length) return t;
  const piece = pieces[p]!;
  if (piece.kind === 'optional') {
    const skip = longestMatch(pieces, p + 1, tokens, t);
    return t < tokens.length ? Math.max(skip, longestMatch(pieces, p + 1, tokens, t + 1)) : skip;
  }
  const token = tokens[t];
  if (token && (piece.kind === 'any' || tokenMatches(piece, token))) return longestMatch(pieces, p + 1, tokens, t + 1);
  return -1;
}

/**
 * A set of compiled terms indexed by the first word, so matching is a map lookup per token form
 * rather than a scan over every term.
 */
export class TermSet {
  private readonly byWord = new Map<string, CompiledTerm[]>();
  /** Terms starting with a stem*, keyed by the stem's first three letters. */
  private readonly byStem = new Map<string, CompiledTerm[]>();

  constructor(sources: string[]) {
    for (const s of sources) {
      for (const term of compileTerm(s)) {
        const first = term.pieces[0]!;
        if (first.kind === 'word') {
          const list = this.byWord.get(first.word) ?? [];
          list.push(term);
          this.byWord.set(first.word, list);
        } else if (first.kind === 'prefix') {
          const key = first.stem.slice(0, 3);
          const list = this.byStem.get(key) ?? [];
          list.push(term);
          this.byStem.set(key, list);
        }
      }
    }
  }

  /** Every span where a term matches; for each start, the longest match. */
  find(tokens: Token[]): Span[] {
    const spans: Span[] = [];
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      let best = -1;
      // Duplicated candidates (a term found under two keys) are harmless: only the longest end is kept.
      for (const key of token.lookupKeys) {
        const list = this.byWord.get(key);
        if (list) for (const term of list) best = Math.max(best, longestMatch(term.pieces, 0, tokens, t));
      }
      for (const key of token.stemKeys) {
        const list = this.byStem.get(key);
        if (list) for (const term of list) best = Math.max(best, longestMatch(term.pieces, 0, tokens, t));
      }
      if (best > t) spans.push({ start: t, end: best });
    }
    return spans;
  }
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}
