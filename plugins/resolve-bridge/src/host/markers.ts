/**
 * Pure reading of Resolve timeline markers: which ones ask for a clip, and what they ask for.
 * `Timeline.GetMarkers()` returns `{frameId: {color, name, note, duration, customData}}` with frame ids
 * relative to the timeline start (the README's example: "a single green marker at timeline offset 96").
 */
import type { MarkerInfo } from './types';

export const DEFAULT_TAG = 'rushes:';
/** Written into a marker's customData once its clip is placed, so a second Fill does not place it twice. */
export const FILLED_PREFIX = 'rushes:filled';

export interface TaggedMarker {
  /** Relative frame (offset from the timeline start), a whole number. */
  frame: number;
  /** The key exactly as Resolve returned it, for UpdateMarkerCustomData. */
  frameId: number;
  prompt: string;
  /** Marker length in frames (1 for a point marker). */
  duration: number;
  name: string;
  note: string;
  color: string;
  customData: string;
  filled: boolean;
}

export interface UntaggedReason {
  frame: number;
  name: string;
  reason: string;
}

/** Text after the tag when `text` starts with it (case-insensitive, leading spaces ignored); null otherwise. */
export function afterTag(text: string, tag: string): string | null {
  const t = text.trimStart();
  if (!tag) return t.trim();
  return t.toLowerCase().startsWith(tag.toLowerCase()) ? t.slice(tag.length).trim() : null;
}

/**
 * Markers whose name or note starts with the tag, sorted by frame. The prompt is the text after the tag;
 * a tag alone in the name with the description in the note ("rushes:" / "rain on a window") works too.
 */
export function taggedMarkers(markers: Record<string, MarkerInfo> | null | undefined, tag: string): { markers: TaggedMarker[]; problems: UntaggedReason[] } {
  const out: TaggedMarker[] = [];
  const problems: UntaggedReason[] = [];
  for (const [key, info] of Object.entries(markers ?? {})) {
    const frameId = Number(key);
    if (!Number.isFinite(frameId)) continue;
    const name = String(info?.name ?? '');
    const note = String(info?.note ?? '');
    const fromName = afterTag(name, tag);
    const fromNote = afterTag(note, tag);
    if (fromName === null && fromNote === null) continue;
    const prompt = (fromName || (fromNote ?? note.trim()) || '').trim();
    const frame = Math.round(frameId);
    if (!prompt) {
      problems.push({ frame, name, reason: `The marker has the "${tag}" tag but no description: write the shot after the tag, e.g. "${tag} rain on a window, close-up".` });
      continue;
    }
    const customData = String(info?.customData ?? '');
    const rawDuration = Number(info?.duration ?? 1);
    out.push({
      frame,
      frameId,
      prompt,
      duration: Number.isFinite(rawDuration) && rawDuration >= 1 ? Math.round(rawDuration) : 1,
      name,
      note,
      color: String(info?.color ?? ''),
      customData,
      filled: customData.startsWith(FILLED_PREFIX),
    });
  }
  out.sort((a, b) => a.frame - b.frame);
  return { markers: out, problems };
}
