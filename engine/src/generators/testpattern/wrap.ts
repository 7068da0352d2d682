/** Prompt text for the slate: made printable for the bitmap font, wrapped at word boundaries, truncated with "...". Pure. */
import { toFontText } from './font';

export interface Wrapped {
  lines: string[];
  /** True when words were left out to fit `maxLines`. */
  truncated: boolean;
}

export function wrapText(text: string, maxChars: number, maxLines: number): Wrapped {
  const clean = toFontText(text.replace(/\s+/g, ' ').trim());
  if (maxChars < 1 || maxLines < 1) return { lines: [], truncated: clean.length > 0 };
  const lines: string[] = [];
  let line = '';
  const words = clean.split(' ').filter(Boolean);
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i]!;
    // A word longer than a line is broken across lines.
    while (word.length > maxChars) {
      const room = line ? maxChars - line.length - 1 : maxChars;
      if (room > 0) {
        line = line ? `${line} ${word.slice(0, room)}` : word.slice(0, room);
        word = word.slice(room);
      }
      lines.push(line);
      line = '';
      if (lines.length === maxLines) return finish(lines, true, maxChars);
    }
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= maxChars) {
      line = candidate;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) return finish(lines, true, maxChars);
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) return finish(lines.slice(0, maxLines), true, maxChars);
  return { lines, truncated: false };
}

function finish(lines: string[], truncated: boolean, maxChars: number): Wrapped {
  const last = lines.length - 1;
  const ellipsis = '...';
  let tail = lines[last]!;
  if (tail.length + ellipsis.length > maxChars) tail = tail.slice(0, Math.max(0, maxChars - ellipsis.length)).trimEnd();
  lines[last] = `${tail}${ellipsis}`.slice(0, maxChars);
  return { lines, truncated };
}
