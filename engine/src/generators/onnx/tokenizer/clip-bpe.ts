/**
 * The CLIP tokenizer: byte-level BPE over lower-cased words, each word's last symbol marked with
 * "</w>", read from the two files every CLIP-family export ships (`vocab.json`: token -> id;
 * `merges.txt`: one "left right" pair per line in priority order, after a "#version" header).
 * Local files only; nothing is fetched.
 *
 * Differences from the reference Python tokenizer, on purpose: no ftfy text repair (only Unicode NFC
 * and whitespace clean-up) and no HTML unescaping, which change nothing for ordinary prompts.
 */
import fs from 'node:fs';
import { RushesError } from '@rushes/shared';

export interface ClipTokenizerOptions {
  maxLength: number;
  bosToken?: string;
  eosToken?: string;
  padToken?: string;
}

export interface Tokenizer {
  readonly maxLength: number;
  /** Ids padded (or truncated, keeping the end token) to exactly maxLength, and the mask of real tokens. */
  encode(text: string): { ids: number[]; mask: number[]; truncated: boolean };
}

/** GPT-2's reversible byte -> printable character table, which CLIP's vocab is written in. */
export function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) printable.push(b);
  for (let b = 0xa1; b <= 0xac; b++) printable.push(b);
  for (let b = 0xae; b <= 0xff; b++) printable.push(b);
  const table = new Array<string>(256);
  for (const b of printable) table[b] = String.fromCodePoint(b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (table[b] === undefined) table[b] = String.fromCodePoint(256 + n++);
  return table;
}

const BYTE_CHARS = bytesToUnicode();
const WORDS = /<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|\p{L}+|\p{N}|[^\s\p{L}\p{N}]+/giu;

export class ClipBpeTokenizer implements Tokenizer {
  readonly maxLength: number;
  private readonly ranks = new Map<string, number>();
  private readonly cache = new Map<string, string[]>();
  private readonly bos: number;
  private readonly eos: number;
  private readonly pad: number;

  constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    merges: readonly [string, string][],
    opts: ClipTokenizerOptions,
  ) {
    this.maxLength = opts.maxLength;
    merges.forEach(([a, b], i) => this.ranks.set(`${a} ${b}`, i));
    const id = (tok: string, role: string): number => {
      const v = vocab.get(tok);
      if (v === undefined) throw new RushesError('E_GENERATOR', `The tokenizer vocabulary has no ${role} token "${tok}"; set tokenizer.${role}Token in the manifest.`);
      return v;
    };
    this.bos = id(opts.bosToken ?? '<|startoftext|>', 'bos');
    this.eos = id(opts.eosToken ?? '<|endoftext|>', 'eos');
    this.pad = id(opts.padToken ?? opts.eosToken ?? '<|endoftext|>', 'pad');
  }

  /** The BPE symbols of one pre-tokenized word (already in byte characters). */
  bpe(word: string): string[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const chars = [...word];
    let symbols = [...chars.slice(0, -1), chars[chars.length - 1] + '</w>'];
    while (symbols.length > 1) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i < symbols.length - 1; i++) {
        const r = this.ranks.get(`${symbols[i]} ${symbols[i + 1]}`);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      const a = symbols[best]!;
      const b = symbols[best + 1]!;
      // Merge every occurrence of the pair, left to right, as the reference does.
      const next: string[] = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i < symbols.length - 1 && symbols[i] === a && symbols[i + 1] === b) {
          next.push(a + b);
          i++;
        } else next.push(symbols[i]!);
      }
      symbols = next;
    }
    this.cache.set(word, symbols);
    return symbols;
  }

  /** Token ids of the text, without the start and end tokens. */
  tokenize(text: string): number[] {
    const clean = text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
    const ids: number[] = [];
    for (const m of clean.matchAll(WORDS)) {
      const word = [...Buffer.from(m[0], 'utf8')].map((b) => BYTE_CHARS[b]!).join('');
      for (const sym of this.bpe(word)) {
        const id = this.vocab.get(sym);
        // A symbol missing from the vocabulary means vocab.json and merges.txt do not belong together.
        if (id === undefined) throw new RushesError('E_GENERATOR', `The tokenizer's merges make "${sym}", which vocab.json does not have: the two files do not match.`);
        ids.push(id);
      }
    }
    return ids;
  }

  encode(text: string): { ids: number[]; mask: number[]; truncated: boolean } {
    const body = this.tokenize(text);
    const room = this.maxLength - 2;
    const truncated = body.length > room;
    const real = [this.bos, ...body.slice(0, room), this.eos];
    const ids = [...real, ...new Array<number>(this.maxLength - real.length).fill(this.pad)];
    const mask = ids.map((_, i) => (i < real.length ? 1 : 0));
    return { ids, mask, truncated };
  }
}

/** Reads vocab.json and merges.txt. Errors name the file and what is wrong with it. */
export function loadClipTokenizer(vocabFile: string, mergesFile: string, opts: ClipTokenizerOptions): ClipBpeTokenizer {
  let vocabData: unknown;
  try {
    vocabData = JSON.parse(fs.readFileSync(vocabFile, 'utf8'));
  } catch (e) {
    throw new RushesError('E_GENERATOR', `Tokenizer vocabulary ${vocabFile} cannot be read as JSON: ${(e as Error).message}`);
  }
  if (!vocabData || typeof vocabData !== 'object' || Array.isArray(vocabData)) {
    throw new RushesError('E_GENERATOR', `Tokenizer vocabulary ${vocabFile} must be a JSON object of token -> id.`);
  }
  const vocab = new Map<string, number>();
  for (const [k, v] of Object.entries(vocabData)) {
    if (!Number.isInteger(v)) throw new RushesError('E_GENERATOR', `Tokenizer vocabulary ${vocabFile}: the id of "${k}" is not an integer.`);
    vocab.set(k, v as number);
  }
  const merges: [string, string][] = [];
  const lines = fs.readFileSync(mergesFile, 'utf8').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim() || (i === 0 && line.startsWith('#version'))) return;
    const parts = line.split(' ');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new RushesError('E_GENERATOR', `Tokenizer merges ${mergesFile} line ${i + 1} is not a "left right" pair: ${JSON.stringify(line.slice(0, 80))}`);
    }
    merges.push([parts[0], parts[1]]);
  });
  return new ClipBpeTokenizer(vocab, merges, opts);
}
