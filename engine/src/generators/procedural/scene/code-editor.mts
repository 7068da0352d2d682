/**
 * Code on a screen: a dark code editor filling the frame, line numbers in its gutter, syntax-coloured
 * source (TypeScript, or Python when named) in a monospaced face (Courier Prime), typed at a programmer's
 * pace below what is already written, the view scrolling to keep the caret in sight and the caret's line
 * lit. The code is written from the seed by writeCode (the pure part, with typingTimes): made-up but well
 * formed, its braces balanced and its indentation following them. Each line is one mesh whose glyphs are
 * in typing order and coloured per token, so typing a line is growing its draw range.
 */
import * as THREE from 'three/webgpu';
import type { ScenePlan } from '../plan/schema.js';
import type { BuildContext, Shot } from './common.mjs';
import { colourGlyphs, glyphRun, overlayStage } from './text.mjs';

export type TokenKind = 'keyword' | 'function' | 'string' | 'number' | 'comment' | 'plain';
export interface Token {
  text: string;
  kind: TokenKind;
}
export type CodeLine = Token[];
export type CodeLanguage = 'typescript' | 'python';

const NAMES = ['data', 'items', 'user', 'config', 'result', 'value', 'index', 'frame', 'buffer', 'payload', 'queue', 'session', 'record', 'options', 'total', 'entry', 'node', 'request', 'response', 'cache'];
const FUNCS = ['fetchData', 'parseInput', 'render', 'updateState', 'computeTotal', 'loadConfig', 'validate', 'transform', 'sendRequest', 'handleEvent', 'createNode', 'normalize', 'encode', 'schedule', 'resolvePath'];
const WORDS = ['retry once before giving up', 'keep the order stable', 'cache the last result', 'skip empty entries', 'the server expects milliseconds', 'guard against a missing value', 'batch the writes', 'normalise before comparing'];
const STRINGS = ['ready', 'error', 'done', '/api/items', 'utf-8', 'pending', 'user-id', 'application/json'];

const t = (text: string, kind: TokenKind = 'plain'): Token => ({ text, kind });
const indentOf = (depth: number) => '  '.repeat(depth);

/**
 * `count` lines of code in `language`, drawn by `rand`: functions, conditions and loops opening blocks,
 * statements and comments inside them, each block closed, so that the braces balance (TypeScript) or
 * the indentation steps back (Python) by the end.
 */
export function writeCode(rand: () => number, language: CodeLanguage, count: number): CodeLine[] {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length) % xs.length]!;
  const lines: CodeLine[] = [];
  let depth = 0;
  // Statements in each open block so far: a block closes only once it holds two (an empty body is not
  // Python, and reads as unfinished in TypeScript).
  const filled: number[] = [];
  const py = language === 'python';
  const pad = (d: number) => (py ? '    '.repeat(d) : indentOf(d));
  const push = (tokens: Token[]) => lines.push(depth > 0 || tokens.length ? [t(pad(depth)), ...tokens] : tokens);
  const statement = (): Token[] => {
    const r = rand();
    const name = pick(NAMES);
    if (py) {
      if (r < 0.3) return [t(name), t(' = '), t(pick(FUNCS).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), 'function'), t('('), t(pick(NAMES)), t(')')];
      if (r < 0.5) return [t('print', 'function'), t('('), t(`"${pick(STRINGS)}"`, 'string'), t(', '), t(name), t(')')];
      if (r < 0.7) return [t(name), t(' += '), t(String(1 + Math.floor(rand() * 99)), 'number')];
      if (r < 0.85) return [t(`# ${pick(WORDS)}`, 'comment')];
      return [t('return', 'keyword'), t(' '), t(name)];
    }
    if (r < 0.3) return [t('const', 'keyword'), t(` ${name} = `), t('await', 'keyword'), t(' '), t(pick(FUNCS), 'function'), t(`(${pick(NAMES)});`)];
    if (r < 0.45) return [t('console'), t('.'), t('log', 'function'), t('('), t(`'${pick(STRINGS)}'`, 'string'), t(`, ${name});`)];
    if (r < 0.6) return [t(`${name}.${pick(NAMES)} = `), t(String(Math.floor(rand() * 1000)), 'number'), t(';')];
    if (r < 0.75) return [t(`// ${pick(WORDS)}`, 'comment')];
    if (r < 0.88) return [t('let', 'keyword'), t(` ${name} = ${pick(NAMES)}.`), t('map', 'function'), t(`((x) => x.${pick(NAMES)});`)];
    return [t('return', 'keyword'), t(` ${name};`)];
  };
  const open = (): Token[] => {
    const r = rand();
    const name = pick(NAMES);
    if (py) {
      if (depth === 0 || r < 0.3) return [t('def', 'keyword'), t(' '), t(pick(FUNCS).replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), 'function'), t(`(${name}):`)];
      if (r < 0.65) return [t('if', 'keyword'), t(` ${name} > `), t(String(Math.floor(rand() * 10)), 'number'), t(':')];
      return [t('for', 'keyword'), t(` ${name} `), t('in', 'keyword'), t(` ${pick(NAMES)}:`)];
    }
    if (depth === 0 || r < 0.3) return [t('export', 'keyword'), t(' '), t('async', 'keyword'), t(' '), t('function', 'keyword'), t(' '), t(pick(FUNCS), 'function'), t(`(${name}) {`)];
    if (r < 0.65) return [t('if', 'keyword'), t(` (${name}.length > `), t(String(Math.floor(rand() * 10)), 'number'), t(') {')];
    return [t('for', 'keyword'), t(' ('), t('const', 'keyword'), t(` ${name} `), t('of', 'keyword'), t(` ${pick(NAMES)}) {`)];
  };
  if (!py) lines.push([t('import', 'keyword'), t(` { ${pick(FUNCS)}, ${pick(FUNCS)} } `), t('from', 'keyword'), t(' '), t(`'./${pick(NAMES)}'`, 'string'), t(';')]);
  else lines.push([t('import', 'keyword'), t(` ${pick(['json', 'os', 'time', 'math'])}`)]);
  lines.push([]);
  while (lines.length < count) {
    const left = count - lines.length;
    // Close blocks as the listing nears its end (one line each in TypeScript); open new ones while there is room.
    if (depth > 0 && (filled[depth - 1]! >= 2 || left <= depth) && (left <= depth || rand() < 0.22)) {
      depth--;
      filled.pop();
      if (depth > 0) filled[depth - 1]!++;
      if (!py) push([t('}')]);
      else if (depth === 0) lines.push([]);
      continue;
    }
    if (left > depth + 3 && (depth === 0 || (depth < 3 && filled[depth - 1]! >= 1 && rand() < 0.25))) {
      push(open());
      depth++;
      filled.push(0);
      continue;
    }
    push(statement());
    if (depth > 0) filled[depth - 1]!++;
  }
  // (A listing cut at `count` closes what is open, past the count: whole code, never half a block.)
  while (depth > 0) {
    depth--;
    if (!py) push([t('}')]);
  }
  return lines;
}

/** The text of a line. */
export const lineText = (line: CodeLine): string => line.map((x) => x.text).join('');

/**
 * When each character of `lines` is typed (seconds), typing from `start` at about `rate` keys a second:
 * uneven keys, a pause at the end of each line, and the indentation put in at once (the editor does it);
 * and when the caret arrives on each line (the Enter key at the end of the one before).
 */
export function typingTimes(lines: string[], start: number, rate: number, rand: () => number): { chars: number[][]; lineStart: number[] } {
  let at = start;
  const lineStart: number[] = [];
  const chars = lines.map((line) => {
    lineStart.push(at);
    const indent = line.length - line.trimStart().length;
    const times = [...line].map((_, i) => (i < indent ? at : (at += (0.55 + 0.9 * rand()) / rate)));
    at += (3 + 4 * rand()) / rate;
    return times;
  });
  return { chars, lineStart };
}

const COLOURS: Record<TokenKind, string> = { keyword: '#c792ea', function: '#82aaff', string: '#c3e88d', number: '#f78c6c', comment: '#697098', plain: '#d6deeb' };
/** Rows of code in view (the frame's height holds these and a margin). */
export const VISIBLE_ROWS = 20;
/** Keys a second. */
export const TYPING_RATE = 22;
/** About how many keys a typed line of the listing takes (its indentation comes free). */
const KEYS_A_LINE = 22;

/** The overlay: the editor, with the listing's first rows written and the rest typed over the clip. */
export function codeOverlay(ctx: BuildContext, text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const { scene, camera, aspect } = overlayStage(ctx);
  const rng = ctx.rng('code');
  const language: CodeLanguage = text.title === 'python' ? 'python' : 'typescript';
  const rowHeight = 1 / (VISIBLE_ROWS + 1.5);
  const size = rowHeight * 0.6;
  // Written before the clip: two thirds of a screen; typed during it: as much as the pace gets through.
  const written = Math.round(VISIBLE_ROWS * 0.6);
  const typedLines = Math.ceil((ctx.duration * TYPING_RATE) / KEYS_A_LINE) + 2;
  const listing = writeCode(() => rng.next(), language, written + typedLines);
  const strings = listing.map(lineText);
  const typing = typingTimes(strings.slice(written), 0.3, TYPING_RATE, () => rng.next());
  const times = [...strings.slice(0, written).map((s) => [...s].map(() => -1)), ...typing.chars];
  const lineStart = [...strings.slice(0, written).map(() => -1), ...typing.lineStart];

  const background = new THREE.Mesh(new THREE.PlaneGeometry(aspect, 1), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#1b1e26'), depthTest: false, depthWrite: false }));
  background.renderOrder = -3;
  scene.add(background);
  const gutterWidth = size * 3.2;
  const left = -aspect / 2 + size * 1.2;
  const textLeft = left + gutterWidth + size * 1.2;
  const gutter = new THREE.Mesh(new THREE.PlaneGeometry(gutterWidth + size * 1.8, 1), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#171a21'), depthTest: false, depthWrite: false }));
  gutter.position.x = -aspect / 2 + (gutterWidth + size * 1.8) / 2;
  gutter.renderOrder = -2;
  scene.add(gutter);
  const highlight = new THREE.Mesh(new THREE.PlaneGeometry(aspect, rowHeight), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#232734'), depthTest: false, depthWrite: false }));
  highlight.renderOrder = -1;
  scene.add(highlight);
  const content = new THREE.Group();
  scene.add(content);
  const ink = new THREE.MeshBasicNodeMaterial({ vertexColors: true, transparent: true, depthTest: false, depthWrite: false });
  const numberInk = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#4b5263'), transparent: true, depthTest: false, depthWrite: false });
  const top = 0.5 - rowHeight * 1.1;
  const rows = listing.map((line, i) => {
    const y = top - i * rowHeight;
    const s = strings[i]!;
    const number = glyphRun(String(i + 1), 400, size * 0.9, 'courier-prime');
    const num = new THREE.Mesh(number.geometry, numberInk);
    num.position.set(left + gutterWidth - number.width, y, 0);
    content.add(num);
    if (!s.trim()) return { mesh: null, ends: [] as number[], pens: [] as number[], num };
    const run = glyphRun(s, 400, size, 'courier-prime');
    const kinds: TokenKind[] = line.flatMap((tok) => [...tok.text].map(() => tok.kind));
    colourGlyphs(run.geometry, run.ends, (k) => new THREE.Color(COLOURS[kinds[k] ?? 'plain']));
    const mesh = new THREE.Mesh(run.geometry, ink);
    mesh.position.set(textLeft, y, 0);
    content.add(mesh);
    return { mesh, ends: run.ends, pens: run.pens, num };
  });
  const caret = new THREE.Mesh(new THREE.PlaneGeometry(size * 0.12, rowHeight * 0.8), new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#ffcc00'), depthTest: false, depthWrite: false }));
  content.add(caret);
  return {
    scene,
    camera,
    update(now) {
      // The caret's line: the last one it has arrived on (the last written one before typing starts).
      let caretRow = written - 1;
      for (let i = written; i < rows.length && lineStart[i]! <= now; i++) caretRow = i;
      let caretPen = 0;
      rows.forEach((r, i) => {
        const typed = times[i]!.filter((k) => k <= now).length;
        if (i === caretRow) caretPen = typed ? r.pens[typed - 1] ?? 0 : 0;
        if (r.mesh) {
          const count = typed ? r.ends[typed - 1]! : 0;
          r.mesh.geometry.setDrawRange(0, count);
          r.mesh.visible = count > 0;
        }
      });
      // Keep the caret's row four rows above the bottom: the view scrolls up a row at a time.
      const scroll = Math.max(0, caretRow - (VISIBLE_ROWS - 4));
      content.position.y = scroll * rowHeight;
      rows.forEach((r, i) => {
        const shown = i >= scroll - 1 && i <= scroll + VISIBLE_ROWS + 1;
        // (Numbers only for lines that exist yet: the caret's and those above it.)
        r.num.visible = shown && i <= caretRow;
        if (r.mesh && !shown) r.mesh.visible = false;
      });
      const y = top - caretRow * rowHeight + size * 0.3;
      highlight.position.y = y + content.position.y;
      caret.position.set(textLeft + caretPen + size * 0.08, y, 0);
      // The caret blinks twice a second while the typist pauses; lit while typing.
      const last = times.flat().filter((k) => k <= now).at(-1) ?? -1;
      caret.visible = now - last < 0.5 || Math.floor(now * 2) % 2 === 0;
    },
  };
}
