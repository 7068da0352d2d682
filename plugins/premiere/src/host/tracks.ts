/**
 * Where a new clip goes so it covers nothing: the lowest video track whose span [start, start + duration)
 * holds no clip, else one past the last track (an index past the last track makes Premiere create one).
 * Track indexes are 0-based (V1 is 0).
 */
import type { Constants, premierepro, Sequence, VideoTrack } from '@adobe/premierepro';
import { parseTicks } from './ticks';

export interface TrackChoice {
  /** 0-based video track index to pass to the edit action. */
  index: number;
  /** True when `index` is one past the last track, so the edit will create it. */
  createsTrack: boolean;
  /** Video tracks before the edit. */
  trackCount: number;
}

export interface Span {
  start: bigint;
  end: bigint;
}

/** Half-open spans [a.start, a.end) and [b.start, b.end) share at least one tick. */
export function spansOverlap(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

/** The clip spans on a video track, in ticks. */
export async function clipSpans(ppro: premierepro, track: VideoTrack): Promise<Span[]> {
  // Clips only, no empty gap items. The vendor documents the values "Empty (0), Clip (1), ...": the
  // module's constant is used, the documented number only if a host build lacks the enum.
  const clipType = ppro.Constants?.TrackItemType?.CLIP ?? (1 as Constants.TrackItemType);
  const items = track.getTrackItems(clipType, false);
  return Promise.all(
    items.map(async (item) => {
      const [start, end] = await Promise.all([item.getStartTime(), item.getEndTime()]);
      return { start: parseTicks(start.ticks), end: parseTicks(end.ticks) };
    }),
  );
}

export async function chooseVideoTrack(ppro: premierepro, sequence: Sequence, start: bigint, duration: bigint): Promise<TrackChoice> {
  const wanted: Span = { start, end: start + duration };
  const trackCount = await sequence.getVideoTrackCount();
  for (let index = 0; index < trackCount; index++) {
    const track = await sequence.getVideoTrack(index);
    const spans = await clipSpans(ppro, track);
    if (!spans.some((s) => spansOverlap(s, wanted))) return { index, createsTrack: false, trackCount };
  }
  return { index: trackCount, createsTrack: true, trackCount };
}
