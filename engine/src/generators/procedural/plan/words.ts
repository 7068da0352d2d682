/**
 * Splits a prompt into what the planner reads: quoted strings (titles), duration phrases, and a list of
 * word tokens that keep their original spelling for the used/ignored report. Pure.
 */

export interface Token {
  /** Lower case, hyphens turned into spaces' worth of separate tokens already. */
  norm: string;
  /** As written in the prompt. */
  raw: string;
  /** ',' ';' '.' become separator tokens: they end a negation's scope and never join a phrase. */
  separator?: boolean;
}

export interface SplitPrompt {
  quotes: string[];
  tokens: Token[];
  /** "6 s", "10 seconds": what the prompt says about length, and the text that said it. */
  duration: { seconds: number; text: string } | null;
}

// Straight or curly double quotes, or single quotes that open after a space and close before one (so
// "bird's eye" is not a quote).
const QUOTE = /"([^"]{1,80})"|\u201c([^\u201d]{1,80})\u201d|\u2018([^\u2019]{1,80})\u2019|(?:^|(?<=\s))'([^']{1,80})'(?=$|[\s.,;:!?])/g;
const DURATION = /\b(\d+(?:\.\d+)?)\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes)\b/i;

export function splitPrompt(prompt: string): SplitPrompt {
  const quotes: string[] = [];
  let rest = prompt.replace(QUOTE, (_m, a?: string, b?: string, c?: string, d?: string) => {
    const q = (a ?? b ?? c ?? d ?? '').trim();
    if (q) quotes.push(q);
    return ' , ';
  });
  let duration: SplitPrompt['duration'] = null;
  const dm = DURATION.exec(rest);
  if (dm) {
    const n = Number(dm[1]);
    const unit = (dm[2] ?? 's').toLowerCase();
    duration = { seconds: unit.startsWith('m') ? n * 60 : n, text: dm[0] };
    rest = rest.replace(dm[0], ' ');
  }
  const tokens: Token[] = [];
  // Words keep inner apostrophes and ampersands ("bird's", "b&w"); hyphens split ("close-up" -> close up).
  const re = /[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019&][A-Za-z0-9]+)*|[,;.!?:]/g;
  for (const m of rest.matchAll(re)) {
    const raw = m[0];
    if (/^[,;.!?:]$/.test(raw)) tokens.push({ norm: ',', raw, separator: true });
    else tokens.push({ norm: raw.toLowerCase().replace(/\u2019/g, "'"), raw });
  }
  return { quotes, tokens, duration };
}

/** Cheap singular form for lookup fallback: "mountains" -> "mountain", "boxes" -> "box", "leaves" -> "leaf". */
export function singular(word: string): string | null {
  if (word.length < 4) return null;
  if (word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('ves')) return word.slice(0, -3) + 'f';
  if (word.endsWith('es') && /(s|x|z|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return null;
}
