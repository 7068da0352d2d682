/**
 * Comparing the path the engine reported with the path Premiere stores for an item. Premiere on Windows
 * may report backslashes where the engine wrote forward slashes (or the reverse), and Windows paths are
 * case-insensitive; a trailing separator or a doubled one means nothing either.
 */
export function normalizeMediaPath(p: string): string {
  let s = p.trim().replace(/\\/g, '/');
  // Collapse repeated separators, but keep a UNC prefix ("//server/share").
  const unc = s.startsWith('//');
  s = s.replace(/\/{2,}/g, '/');
  if (unc) s = '/' + s;
  if (s.length > 1 && s.endsWith('/')) s = s.slice(0, -1);
  // Windows drive paths (C:/...) and UNC paths compare case-insensitively.
  if (/^[a-zA-Z]:\//.test(s) || unc) s = s.toLowerCase();
  return s;
}

export function sameMediaPath(a: string, b: string): boolean {
  return normalizeMediaPath(a) === normalizeMediaPath(b);
}
