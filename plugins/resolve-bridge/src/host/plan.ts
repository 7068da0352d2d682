/**
 * Pure planning over frame spans: the gap a marker sits in, and which video track each new clip goes on so
 * that it covers nothing. Frames are absolute timeline frames; every span is [start, end) (end exclusive,
 * as Resolve's TimelineItem.GetEnd() and AppendToTimeline's endFrame are).
 */

export interface Span {
  start: number;
  end: number;
}

export interface TrackState {
  /** 1-based, as Resolve numbers tracks. */
  index: number;
  locked: boolean;
  spans: Span[];
}

export interface TrackPlan {
  /** 1-based track index for each requested span, in request order. */
  assignments: number[];
  /** How many video tracks must be added (AddTrack appends them above the last one) before placing. */
  tracksToAdd: number;
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

function isFree(spans: readonly Span[], s: Span): boolean {
  return !spans.some((x) => overlaps(x, s));
}

/**
 * The empty stretch of a track that contains `frame`: from the end of the item before it (or the
 * timeline start) to the start of the item after it, `end` null when nothing follows. Null when an item
 * covers the frame.
 */
export function gapAt(spans: readonly Span[], frame: number, timelineStart: number): { start: number; end: number | null } | null {
  let start = timelineStart;
  let end: number | null = null;
  for (const s of spans) {
    if (s.start <= frame && frame < s.end) return null;
    if (s.end <= frame && s.end > start) start = s.end;
    if (s.start > frame && (end === null || s.start < end)) end = s.start;
  }
  return { start, end };
}

/**
 * For each request, the lowest unlocked track whose span is free, counting clips planned earlier in the
 * same batch (so overlapping markers land on different tracks). When no existing track is free, new
 * tracks are planned above the last one and reused by later requests.
 */
export function planTracks(tracks: readonly TrackState[], requests: readonly Span[]): TrackPlan {
  const state = tracks
    .slice()
    .sort((a, b) => a.index - b.index)
    .map((t) => ({ index: t.index, locked: t.locked, spans: t.spans.slice() }));
  const lastIndex = state.length ? state[state.length - 1]!.index : 0;
  let added = 0;
  const assignments: number[] = [];
  for (const r of requests) {
    if (!(r.end > r.start)) throw new RangeError(`Empty span [${r.start}, ${r.end}).`);
    let target = state.find((t) => !t.locked && isFree(t.spans, r));
    if (!target) {
      added++;
      target = { index: lastIndex + added, locked: false, spans: [] };
      state.push(target);
    }
    target.spans.push({ start: r.start, end: r.end });
    assignments.push(target.index);
  }
  return { assignments, tracksToAdd: added };
}
