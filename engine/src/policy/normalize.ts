/**
 * Turns a prompt into tokens the rule matcher can compare against lexicon terms.
 *
 * Every step here exists to defeat a cheap evasion or to avoid a false match, and each is pure:
 * - Unicode NFKC folds full-width and styled letters ("ｇｏｒｅ", "𝐠𝐨𝐫𝐞") to plain ones; zero-width
 *   characters and soft hyphens are dropped; a short table maps Cyrillic and Greek look-alikes to Latin.
 * - Accents are stripped for matching ("Erdoğan" matches "erdogan"), case is folded, but each token
 *   remembers whether it was capitalised, because "my neighbour John Smith" is found by its capitals.
 * - Words are whole tokens, so "therapist" never matches "rapist" and "grapes" never matches "rape".
 * - A token with digits or @/$ inside letters also gets de-leeted forms ("bl00d" -> "blood",
 *   "b1den" -> "biden"/"blden"); a token with a letter repeated three or more times also gets
 *   collapsed forms ("gooore" -> "goore", "gore").
 * - Runs of three or more single characters separated by spaces or light punctuation are joined
 *   ("g o r e", "g.o.r.e", "n-u-d-e" -> one token).
 * - Possessives are split off ("president's" -> "president", possessive) so a rule can tell
 *   "the president" from "the president's desk".
 */

export interface Token {
  /** Index in the token list. */
  index: number;
  /** Primary matching form: lower case, accents stripped, apostrophes removed. */
  text: string;
  /** Every form the token may match as (the primary form first). */
  forms: string[];
  /** Keys under which a term's first word may be indexed: the forms and their singulars. */
  lookupKeys: string[];
  /** First three letters of each form, for terms that start with a stem*. */
  stemKeys: string[];
  /** Offsets of the token in the normalised prompt (`NormalizedPrompt.source`). */
  start: number;
  end: number;
  /** Written with a leading capital (and the prompt is not all upper case). */
  capitalised: boolean;
  /** Ended in 's or s' (the suffix is not part of `text`). */
  possessive: boolean;
  /** What separates this token from the previous one: nothing but spaces, a comma, or a sentence-level stop. */
  breakBefore: 'none' | 'comma' | 'strong';
}

export interface NormalizedPrompt {
  /** The prompt after NFKC, invisible-character removal and look-alike mapping (offsets refer to this). */
  source: string;
  tokens: Token[];
}

const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u034F\u180E]/g;

/** Cyrillic and Greek letters that render like Latin ones, used to dodge keyword lists. */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', ո: 'n',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  Α: 'A', Β: 'B', Ε: 'E', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X', Ζ: 'Z',
};

/** Characters commonly typed in place of letters. '1' is ambiguous (i or l), so both are tried. */
const LEET: Record<string, string[]> = {
  '0': ['o'], '1': ['i', 'l'], '3': ['e'], '4': ['a'], '5': ['s'], '7': ['t'], '8': ['b'], '9': ['g'], '@': ['a'], $: ['s'],
};

/** A word: letters, digits, and the two symbols people use inside words (@, $); an inner apostrophe is kept. */
const WORD = /[\p{L}\p{N}@$]+(?:['’][\p{L}]+)*/gu;
/** Separators allowed inside a spaced-out word ("g o r e", "g.o.r.e", "g-o-r-e", "g*o*r*e"). */
const SPACED_SEPARATOR = /^[\s.\-_*·•/|+~]+$/u;

function fold(raw: string): string {
  return raw
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function deleet(word: string): string[] {
  if (!/\p{L}/u.test(word) || !/[0-9@$]/.test(word)) return [];
  // '1' is ambiguous: try it as 'i' everywhere, then as 'l' everywhere.
  const variants = new Set<string>();
  for (const pick of [0, 1]) {
    let out = '';
    for (const ch of word) {
      const subs = LEET[ch];
      out += subs ? (subs[pick] ?? subs[0]) : ch;
    }
    variants.add(out);
  }
  return [...variants];
}

function collapseRepeats(word: string): string[] {
  if (!/(\p{L})\1\1/u.test(word)) return [];
  return [word.replace(/(\p{L})\1{2,}/gu, '$1$1'), word.replace(/(\p{L})\1{2,}/gu, '$1')];
}

function formsOf(text: string): string[] {
  const forms = new Set<string>([text]);
  for (const f of deleet(text)) forms.add(f);
  for (const f of [...forms]) for (const c of collapseRepeats(f)) forms.add(c);
  return [...forms];
}

function lookupKeysOf(forms: string[]): string[] {
  const keys = new Set<string>();
  for (const f of forms) {
    keys.add(f);
    if (f.endsWith('s')) keys.add(f.slice(0, -1));
    if (f.endsWith('es')) keys.add(f.slice(0, -2));
    if (f.endsWith('ies')) keys.add(f.slice(0, -3) + 'y');
  }
  return [...keys];
}

function classifyBreak(between: string): Token['breakBefore'] {
  if (/[.;:!?()[\]{}\n\r"“”]/.test(between)) return 'strong';
  if (/[,]/.test(between)) return 'comma';
  return 'none';
}

interface RawToken {
  raw: string;
  start: number;
  end: number;
  /** For a joined spaced-out word that began with "a" or "i": the word without it ("a t e e n" -> "teen"). */
  withoutArticle?: string;
}

/** Joins runs of 3+ one-character tokens separated only by spacing punctuation into one token. */
function joinSpacedLetters(source: string, raws: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  let i = 0;
  while (i < raws.length) {
    let j = i;
    while (
      j + 1 < raws.length &&
      [...raws[j]!.raw].length === 1 &&
      [...raws[j + 1]!.raw].length === 1 &&
      SPACED_SEPARATOR.test(source.slice(raws[j]!.end, raws[j + 1]!.start))
    ) {
      j++;
    }
    if (j - i + 1 >= 3 && [...raws[i]!.raw].length === 1) {
      const run = raws.slice(i, j + 1);
      const raw = run.map((r) => r.raw).join('');
      // "a t e e n": the article is most likely a word of its own, but keep both readings.
      const withoutArticle = run.length >= 4 && /^[aAiI]$/.test(run[0]!.raw) ? raw.slice(1) : undefined;
      out.push({ raw, start: run[0]!.start, end: run[run.length - 1]!.end, ...(withoutArticle ? { withoutArticle } : {}) });
      i = j + 1;
    } else {
      out.push(raws[i]!);
      i++;
    }
  }
  return out;
}

export function normalizePrompt(prompt: string): NormalizedPrompt {
  const source = [...prompt.normalize('NFKC').replace(INVISIBLE, '')].map((ch) => LOOKALIKES[ch] ?? ch).join('');
  const raws: RawToken[] = [];
  for (const m of source.matchAll(WORD)) raws.push({ raw: m[0], start: m.index, end: m.index + m[0].length });
  const joined = joinSpacedLetters(source, raws);
  const hasLower = /\p{Ll}/u.test(source);
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const r of joined) {
    let raw = r.raw;
    let possessive = false;
    const apos = /['’]s$/i.exec(raw);
    if (apos) {
      raw = raw.slice(0, -2);
      possessive = true;
    } else if (/s$/i.test(raw) && /^['’](?![\p{L}])/u.test(source.slice(r.end, r.end + 2))) {
      possessive = true; // "kids' party"
    }
    if (raw.length === 0) continue;
    const text = fold(raw).replace(/['’]/g, '');
    const first = raw[0] ?? '';
    const forms = formsOf(text);
    if (r.withoutArticle) for (const f of formsOf(fold(r.withoutArticle))) if (!forms.includes(f)) forms.push(f);
    tokens.push({
      index: tokens.length,
      text,
      forms,
      lookupKeys: lookupKeysOf(forms),
      stemKeys: [...new Set(forms.map((f) => f.slice(0, 3)))],
      start: r.start,
      end: r.end,
      capitalised: hasLower && /\p{Lu}/u.test(first),
      possessive,
      breakBefore: tokens.length === 0 ? 'strong' : classifyBreak(source.slice(prevEnd, r.start)),
    });
    prevEnd = r.end;
  }
  return { source, tokens };
}
