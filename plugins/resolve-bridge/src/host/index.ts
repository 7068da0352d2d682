/**
 * The Resolve host adapter: functions over the `resolve` object that read what the editor asked for
 * (tagged markers, the playhead) and do the edit (bin, import, track choice, AppendToTimeline, metadata).
 * They know Resolve's traps (see shared/HOSTS.md) and nothing about the engine.
 *
 * Every Resolve call is awaited, so the same code runs on the synchronous API (`GetResolve()`, Node
 * bridges) and on the promise API (`GetResolvePromise()`, Resolve 20.1+). Every falsy return is checked.
 */
import type { Rational } from '@rushes/shared';
import { ResolveBridgeError, ResolveErrorCode } from './errors';
import { FrameRateError, parseTimelineFrameRate, type TimelineRate } from './framerate';
import { DEFAULT_TAG, FILLED_PREFIX, taggedMarkers } from './markers';
import { gapAt, planTracks, type Span, type TrackState } from './plan';
import { framesToTimecode, timecodeToFrames, TimecodeError } from './timecode';
import type { ClipInfo, FolderApi, MediaPoolApi, MediaPoolItemApi, ProjectApi, ResolveApi, TimelineApi, TimelineItemApi } from './types';

export * from './types';
export * from './errors';
export { parseTimelineFrameRate, type TimelineRate } from './framerate';
export { timecodeRate, timecodeToFrames, framesToTimecode, parseTimecode, TimecodeError, type TimecodeRate } from './timecode';
export { taggedMarkers, afterTag, DEFAULT_TAG, FILLED_PREFIX, type TaggedMarker } from './markers';
export { planTracks, gapAt, overlaps, type Span, type TrackState, type TrackPlan } from './plan';

/** The bin every generated clip goes into. */
export const BIN_NAME = 'Rushes';
/** Longest clip the engine makes (GenerationRequest.frames maximum). */
export const MAX_FRAMES = 36000;
/** Point markers with no bounded gap around them get this length. */
export const DEFAULT_DURATION_SECONDS = 5;

export interface TimelineInfo {
  name: string;
  /** Timeline.GetUniqueId() where available, else the name. */
  id: string;
  fps: Rational;
  dropFrame: boolean;
  /** `timelineFrameRate` as Resolve reported it, e.g. "29.97 DF". */
  rateLabel: string;
  rate: TimelineRate;
  width: number;
  height: number;
  /** Absolute frame of the timeline's first frame (86400 for 01:00:00:00 at 24 fps). */
  startFrame: number;
  /** Absolute frame where the last item ends. */
  endFrame: number;
  startTimecode: string;
  /** The project's frame rate when it differs from the timeline's (a common source of offset bugs). */
  projectRateLabel: string | null;
}

export type DurationSource = 'marker' | 'gap' | 'default' | 'request';

export interface FillTarget {
  /** Stable identity of the request: timeline id plus relative frame. */
  key: string;
  prompt: string;
  /** Relative frame as GetMarkers keys it (null for generate-at-playhead). */
  markerFrame: number | null;
  /** Absolute frame: timeline start frame + offset. Always an integer. */
  recordFrame: number;
  /** Length in timeline frames. */
  duration: number;
  durationSource: DurationSource;
  fps: Rational;
  dropFrame: boolean;
  width: number;
  height: number;
  /** Timecode label of recordFrame. */
  timecode: string;
  /** Marker name, if any; used to name the clip. */
  label: string;
}

export interface SkippedMarker {
  markerFrame: number;
  name: string;
  reason: string;
}

export interface MarkerScan {
  timeline: TimelineInfo;
  targets: FillTarget[];
  skipped: SkippedMarker[];
}

export interface ScanOptions {
  /** Markers whose name or note starts with this ask for a clip. Default "rushes:". */
  tag?: string;
  /** Length for point markers with no bounded gap (after the last clip, empty timeline). Default 5 s. */
  defaultDurationSeconds?: number;
  /** Track whose gaps size point markers. Default 1 (V1, the main edit). */
  gapTrack?: number;
  /** Include markers a previous Fill already placed (customData "rushes:filled..."). Default false. */
  includeFilled?: boolean;
}

// ------------------------------------------------------------------------------------------ plumbing

/** Resolve's Lua/Python bridges return lists as arrays or as {1: a, 2: b} tables; accept both. */
export function toList<T>(value: T[] | Record<string, T> | null | undefined | false): T[] {
  if (!value) return [];
  if (Array.isArray(value)) return value;
  return Object.keys(value)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => (value as Record<string, T>)[k]!);
}

function fail(code: (typeof ResolveErrorCode)[keyof typeof ResolveErrorCode], message: string, details?: Record<string, unknown>): never {
  throw new ResolveBridgeError(code, message, details);
}

function toInt(value: unknown, what: string): number {
  const n = typeof value === 'string' ? Number(value) : (value as number);
  if (typeof n !== 'number' || !Number.isFinite(n)) fail(ResolveErrorCode.TRACK, `Resolve returned ${JSON.stringify(value)} for ${what}; expected a frame number.`);
  return Math.round(n);
}

export interface Context {
  project: ProjectApi;
  mediaPool: MediaPoolApi;
  timeline: TimelineApi;
}

/** Project, media pool and timeline, each checked: a missing one is a normal user state with its own message. */
export async function currentContext(resolve: ResolveApi): Promise<Context> {
  const pm = await resolve.GetProjectManager();
  if (!pm) fail(ResolveErrorCode.NO_PROJECT, 'Resolve did not return its project manager. Is a project database open?');
  const project = await pm.GetCurrentProject();
  if (!project) fail(ResolveErrorCode.NO_PROJECT, 'No project is open in Resolve. Open a project, then try again.');
  const timeline = await project.GetCurrentTimeline();
  if (!timeline) fail(ResolveErrorCode.NO_TIMELINE, 'No timeline is open. Open the timeline to fill (Edit page), then try again.');
  const mediaPool = await project.GetMediaPool();
  if (!mediaPool) fail(ResolveErrorCode.BIN, 'Resolve did not return the Media Pool of the current project.');
  return { project, mediaPool, timeline };
}

function evenDimension(value: unknown, fallback: number): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n) || n < 16) return fallback;
  // The engine (and H.264 4:2:0) wants even sizes; an odd custom timeline size loses one pixel.
  return n - (n % 2);
}

/**
 * The timeline's own settings: frame rate (with drop-frame), resolution, start frame. Reads the TIMELINE's
 * `timelineFrameRate`, never the project's: a timeline may run at another rate than its project.
 */
export async function readTimelineInfo(resolve: ResolveApi, ctx?: Context): Promise<TimelineInfo> {
  const { project, timeline } = ctx ?? (await currentContext(resolve));
  let rate: TimelineRate;
  try {
    rate = parseTimelineFrameRate(await timeline.GetSetting('timelineFrameRate'));
  } catch (e) {
    if (e instanceof FrameRateError) fail(ResolveErrorCode.FRAME_RATE, e.message);
    throw e;
  }
  const startFrame = toInt(await timeline.GetStartFrame(), 'the timeline start frame');
  const endFrame = toInt(await timeline.GetEndFrame(), 'the timeline end frame');
  const startTimecode = timeline.GetStartTimecode ? String((await timeline.GetStartTimecode()) || '') : '';
  const name = String((await timeline.GetName()) ?? '');
  const id = timeline.GetUniqueId ? String((await timeline.GetUniqueId()) || name) : name;
  const projectRate = await project.GetSetting('timelineFrameRate');
  const projectRateLabel = typeof projectRate === 'string' && projectRate.trim() && projectRate.trim() !== rate.label.trim() ? projectRate.trim() : null;
  return {
    name,
    id,
    fps: rate.fps,
    dropFrame: rate.dropFrame,
    rateLabel: rate.label,
    rate,
    width: evenDimension(await timeline.GetSetting('timelineResolutionWidth'), 1920),
    height: evenDimension(await timeline.GetSetting('timelineResolutionHeight'), 1080),
    startFrame,
    endFrame,
    startTimecode: startTimecode || framesToTimecode(startFrame, rate.timecode),
    projectRateLabel,
  };
}

/** Items on one track as absolute [start, end) spans. */
async function trackSpans(timeline: TimelineApi, index: number): Promise<Span[]> {
  const items = toList(await timeline.GetItemListInTrack('video', index));
  const spans: Span[] = [];
  for (const item of items) {
    const start = toInt(await item.GetStart(), `an item's start on V${index}`);
    const end = toInt(await item.GetEnd(), `an item's end on V${index}`);
    if (end > start) spans.push({ start, end });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Every video track: locked state (GetIsTrackLocked, Resolve 18+) and occupied spans. */
export async function readVideoTracks(timeline: TimelineApi): Promise<TrackState[]> {
  const count = toInt(await timeline.GetTrackCount('video'), 'the number of video tracks');
  const tracks: TrackState[] = [];
  for (let index = 1; index <= count; index++) {
    const locked = timeline.GetIsTrackLocked ? Boolean(await timeline.GetIsTrackLocked('video', index)) : false;
    tracks.push({ index, locked, spans: await trackSpans(timeline, index) });
  }
  return tracks;
}

function secondsToFrames(seconds: number, fps: Rational): number {
  return Math.max(1, Math.round((seconds * fps.num) / fps.den));
}

// ---------------------------------------------------------------------------------------- reading

/**
 * Every tagged marker of the current timeline as a fill target, plus the ones that cannot be filled and
 * why. Duration: the marker's own length when it has one; for a point marker (duration 1), the rest of the
 * gap it sits in on the gap track (V1); a point marker with no bounded gap (past the last clip, on an
 * empty timeline, over a clip) gets the default length.
 */
export async function scanMarkers(resolve: ResolveApi, options: ScanOptions = {}): Promise<MarkerScan> {
  const tag = options.tag ?? DEFAULT_TAG;
  const ctx = await currentContext(resolve);
  const timeline = await readTimelineInfo(resolve, ctx);
  const { markers, problems } = taggedMarkers((await ctx.timeline.GetMarkers()) || {}, tag);
  const skipped: SkippedMarker[] = problems.map((p) => ({ markerFrame: p.frame, name: p.name, reason: p.reason }));
  const gapTrack = options.gapTrack ?? 1;
  const trackCount = toInt(await ctx.timeline.GetTrackCount('video'), 'the number of video tracks');
  const gapSpans = gapTrack >= 1 && gapTrack <= trackCount ? await trackSpans(ctx.timeline, gapTrack) : [];
  const defaultFrames = secondsToFrames(options.defaultDurationSeconds ?? DEFAULT_DURATION_SECONDS, timeline.fps);

  const targets: FillTarget[] = [];
  for (const m of markers) {
    if (m.filled && !options.includeFilled) {
      skipped.push({ markerFrame: m.frame, name: m.name, reason: 'Already filled by Rushes (run Fill with "fill again" to make a new clip).' });
      continue;
    }
    // GetMarkers keys are offsets from the timeline start; AppendToTimeline wants absolute frames.
    const recordFrame = timeline.startFrame + m.frame;
    let duration: number;
    let durationSource: DurationSource;
    if (m.duration > 1) {
      duration = m.duration;
      durationSource = 'marker';
    } else {
      const gap = gapAt(gapSpans, recordFrame, timeline.startFrame);
      if (gap && gap.end !== null) {
        duration = gap.end - recordFrame;
        durationSource = 'gap';
      } else {
        duration = defaultFrames;
        durationSource = 'default';
      }
    }
    if (duration > MAX_FRAMES) {
      skipped.push({
        markerFrame: m.frame,
        name: m.name,
        reason: `Asks for ${duration} frames; the engine makes at most ${MAX_FRAMES}. Give the marker a shorter duration.`,
      });
      continue;
    }
    targets.push({
      key: `${timeline.id}@${m.frame}`,
      prompt: m.prompt,
      markerFrame: m.frameId,
      recordFrame,
      duration,
      durationSource,
      fps: timeline.fps,
      dropFrame: timeline.dropFrame,
      width: timeline.width,
      height: timeline.height,
      timecode: framesToTimecode(recordFrame, timeline.rate.timecode),
      label: afterTagLabel(m.name, tag) || m.prompt,
    });
  }
  return { timeline, targets, skipped };
}

function afterTagLabel(name: string, tag: string): string {
  const t = name.trim();
  return (t.toLowerCase().startsWith(tag.toLowerCase()) ? t.slice(tag.length) : t).trim();
}

/** The fill targets of the current timeline (see scanMarkers for the rules). */
export async function readFillTargets(resolve: ResolveApi, tag: string = DEFAULT_TAG, options: Omit<ScanOptions, 'tag'> = {}): Promise<FillTarget[]> {
  return (await scanMarkers(resolve, { ...options, tag })).targets;
}

/** The playhead as an absolute frame, from `GetCurrentTimecode()` (drop-frame aware). */
export async function readPlayheadFrame(resolve: ResolveApi, ctx?: Context, info?: TimelineInfo): Promise<number> {
  const c = ctx ?? (await currentContext(resolve));
  const tl = info ?? (await readTimelineInfo(resolve, c));
  const tc = await c.timeline.GetCurrentTimecode();
  if (!tc) {
    fail(ResolveErrorCode.TIMECODE, 'Resolve did not report the playhead. Switch to the Cut or Edit page (the playhead is only known there, and on Color, Fairlight and Deliver), then try again.');
  }
  try {
    // Offset from the start timecode, both counted the same way, added to Resolve's own start frame: right
    // whichever way Resolve numbers drop-frame timelines.
    const offset = timecodeToFrames(String(tc), tl.rate.timecode) - timecodeToFrames(tl.startTimecode, tl.rate.timecode);
    return tl.startFrame + offset;
  } catch (e) {
    if (e instanceof TimecodeError) fail(ResolveErrorCode.TIMECODE, `Could not read the playhead timecode "${String(tc)}" at ${tl.rateLabel}: ${e.message}`);
    throw e;
  }
}

export interface PlayheadRequest {
  prompt: string;
  durationSeconds?: number;
  frames?: number;
}

/** A target at the playhead, at the timeline's rate and size. */
export async function readPlayheadTarget(resolve: ResolveApi, request: PlayheadRequest): Promise<FillTarget> {
  const prompt = request.prompt.trim();
  if (!prompt) fail(ResolveErrorCode.INVALID, 'Describe the shot to generate.');
  const ctx = await currentContext(resolve);
  const info = await readTimelineInfo(resolve, ctx);
  const recordFrame = await readPlayheadFrame(resolve, ctx, info);
  const duration = request.frames !== undefined ? Math.round(request.frames) : secondsToFrames(request.durationSeconds ?? DEFAULT_DURATION_SECONDS, info.fps);
  if (!(duration >= 1 && duration <= MAX_FRAMES)) fail(ResolveErrorCode.INVALID, `A clip must be 1 to ${MAX_FRAMES} frames long; asked for ${duration}.`);
  return {
    key: `${info.id}@playhead:${recordFrame - info.startFrame}`,
    prompt,
    markerFrame: null,
    recordFrame,
    duration,
    durationSource: 'request',
    fps: info.fps,
    dropFrame: info.dropFrame,
    width: info.width,
    height: info.height,
    timecode: framesToTimecode(recordFrame, info.rate.timecode),
    label: prompt,
  };
}

// ---------------------------------------------------------------------------------------- editing

export interface ClipToPlace {
  /** Absolute path of the media file. */
  path: string;
  /** Absolute timeline frame for the clip's first frame. */
  recordFrame: number;
  /** How many frames to place (the clip's first `frames` frames). */
  frames: number;
  prompt: string;
  seed?: number;
  jobId?: string;
  /** Marker frame id (relative) to mark as filled once placed. */
  markerFrame?: number | null;
}

export interface PlacedClip {
  path: string;
  ok: true;
  trackIndex: number;
  recordFrame: number;
  /** Exclusive end on the timeline. */
  recordEnd: number;
  mediaPoolItem: MediaPoolItemApi;
  timelineItem: TimelineItemApi;
  warnings: string[];
}

export interface FailedClip {
  path: string;
  ok: false;
  error: ResolveBridgeError;
}

export type PlaceResult = PlacedClip | FailedClip;

export interface PlaceOptions {
  binName?: string;
}

/** The bin named `name` under the root folder, created once: an existing one is reused, never duplicated. */
export async function ensureBin(mediaPool: MediaPoolApi, name: string = BIN_NAME): Promise<FolderApi> {
  const root = await mediaPool.GetRootFolder();
  if (!root) fail(ResolveErrorCode.BIN, 'Resolve did not return the Media Pool root folder.');
  for (const folder of toList(await root.GetSubFolderList())) {
    if ((await folder.GetName()) === name) return folder;
  }
  const created = await mediaPool.AddSubFolder(root, name);
  if (!created) fail(ResolveErrorCode.BIN, `Could not create the "${name}" bin in the Media Pool. Is the project read-only or in a collaboration lock?`);
  return created;
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  return process.platform === 'win32' || process.platform === 'darwin' ? norm(a).toLowerCase() === norm(b).toLowerCase() : norm(a) === norm(b);
}

/** A clip already in the bin for this file (a second Fill reuses it instead of importing it again). */
async function findInBin(bin: FolderApi, path: string): Promise<MediaPoolItemApi | null> {
  for (const item of toList(await bin.GetClipList())) {
    const p = await item.GetClipProperty('File Path');
    if (typeof p === 'string' && p && samePath(p, path)) return item;
  }
  return null;
}

/**
 * Imports a file into the bin. ImportMedia imports into the CURRENT folder, so the bin is made current
 * first; the folder the editor had selected is restored afterwards.
 */
async function importIntoBin(mediaPool: MediaPoolApi, bin: FolderApi, path: string): Promise<MediaPoolItemApi> {
  const existing = await findInBin(bin, path);
  if (existing) return existing;
  const previous = await mediaPool.GetCurrentFolder();
  if (!(await mediaPool.SetCurrentFolder(bin))) fail(ResolveErrorCode.BIN, `Could not select the "${await bin.GetName()}" bin before importing.`);
  try {
    const items = toList(await mediaPool.ImportMedia([path]));
    const item = items[0];
    if (!item) {
      fail(ResolveErrorCode.IMPORT, `Resolve refused to import ${path}. Check that the file exists and that Resolve can read it (format, permissions).`, { path });
    }
    return item;
  } finally {
    if (previous) await mediaPool.SetCurrentFolder(previous);
  }
}

function metadataText(clip: ClipToPlace): string {
  const parts = [`Rushes: ${clip.prompt}`];
  if (clip.seed !== undefined) parts.push(`seed ${clip.seed}`);
  if (clip.jobId) parts.push(`job ${clip.jobId}`);
  return parts.join(' | ');
}

/** Writes prompt, seed and job id into fields Resolve shows in the Metadata panel; a refusal is a warning, not a failure. */
async function writeMetadata(item: MediaPoolItemApi, clip: ClipToPlace): Promise<string[]> {
  const warnings: string[] = [];
  const fields: Array<[string, string]> = [
    ['Comments', metadataText(clip)],
    ['Description', clip.prompt],
    ['Keywords', 'Rushes'],
  ];
  for (const [key, value] of fields) {
    if (!(await item.SetMetadata(key, value))) warnings.push(`Resolve did not accept the "${key}" metadata.`);
  }
  return warnings;
}

function assertWholeFrame(value: number, what: string): void {
  // Resolve 21 rejects the whole AppendToTimeline batch for one fractional frame: never send one.
  if (!Number.isInteger(value)) fail(ResolveErrorCode.INVALID, `${what} must be a whole frame, got ${value}.`);
}

/**
 * Places clips: imports each file into the "Rushes" bin, writes its metadata, picks for each the lowest
 * unlocked video track whose span is free (adding tracks when none is), and appends it with an integer,
 * absolute recordFrame, exclusive endFrame, 1-based trackIndex, video only. Errors about the project,
 * timeline or bin throw; a clip Resolve refuses is reported in its result and the others still go in.
 */
export async function placeClips(resolve: ResolveApi, clips: readonly ClipToPlace[], options: PlaceOptions = {}): Promise<PlaceResult[]> {
  if (!clips.length) return [];
  const ctx = await currentContext(resolve);
  const { mediaPool, timeline } = ctx;
  for (const c of clips) {
    assertWholeFrame(c.recordFrame, 'recordFrame');
    assertWholeFrame(c.frames, 'frames');
    if (c.frames < 1) fail(ResolveErrorCode.INVALID, `A clip needs at least one frame (${c.path}).`);
  }
  const bin = await ensureBin(mediaPool, options.binName ?? BIN_NAME);

  // Import everything first: a refused import must not leave a reserved track behind.
  const imported: Array<{ clip: ClipToPlace; item: MediaPoolItemApi; warnings: string[] } | FailedClip> = [];
  for (const clip of clips) {
    try {
      const item = await importIntoBin(mediaPool, bin, clip.path);
      imported.push({ clip, item, warnings: await writeMetadata(item, clip) });
    } catch (e) {
      if (!(e instanceof ResolveBridgeError) || e.code !== ResolveErrorCode.IMPORT) throw e;
      imported.push({ path: clip.path, ok: false, error: e });
    }
  }

  const toPlace = imported.filter((x): x is { clip: ClipToPlace; item: MediaPoolItemApi; warnings: string[] } => !('ok' in x));
  const tracks = await readVideoTracks(timeline);
  const plan = planTracks(
    tracks,
    toPlace.map(({ clip }) => ({ start: clip.recordFrame, end: clip.recordFrame + clip.frames })),
  );
  if (plan.tracksToAdd) {
    const before = tracks.length;
    for (let i = 0; i < plan.tracksToAdd; i++) {
      if (!(await timeline.AddTrack('video'))) {
        fail(ResolveErrorCode.TRACK, 'Resolve refused to add a video track. Unlock the timeline (or free a track) and try again.');
      }
    }
    const after = toInt(await timeline.GetTrackCount('video'), 'the number of video tracks');
    if (after < before + plan.tracksToAdd) {
      fail(ResolveErrorCode.TRACK, `Added ${plan.tracksToAdd} video track(s) but Resolve reports ${after} (expected ${before + plan.tracksToAdd}).`);
    }
  }

  const placed = new Map<ClipToPlace, PlaceResult>();
  for (const [i, { clip, item, warnings }] of toPlace.entries()) {
    const trackIndex = plan.assignments[i]!;
    const info: ClipInfo = {
      mediaPoolItem: item,
      startFrame: 0,
      endFrame: clip.frames,
      mediaType: 1,
      trackIndex,
      recordFrame: clip.recordFrame,
    };
    const result = toList(await mediaPool.AppendToTimeline([info]));
    const timelineItem = result[0];
    if (!timelineItem) {
      placed.set(clip, {
        path: clip.path,
        ok: false,
        error: new ResolveBridgeError(
          ResolveErrorCode.APPEND,
          `Resolve refused to place ${clip.path} on V${trackIndex} at frame ${clip.recordFrame}. Is the track locked, or is the clip shorter than ${clip.frames} frames?`,
          { trackIndex, recordFrame: clip.recordFrame, endFrame: clip.frames },
        ),
      });
      continue;
    }
    const start = Number(await timelineItem.GetStart());
    if (start !== clip.recordFrame) warnings.push(`Resolve placed the clip at frame ${start}, not ${clip.recordFrame}.`);
    if (clip.markerFrame !== undefined && clip.markerFrame !== null && timeline.UpdateMarkerCustomData) {
      const tag = `${FILLED_PREFIX} job=${clip.jobId ?? ''}`;
      if (!(await timeline.UpdateMarkerCustomData(clip.markerFrame, tag))) warnings.push('Could not mark the marker as filled; a second Fill would place it again.');
    }
    placed.set(clip, { path: clip.path, ok: true, trackIndex, recordFrame: clip.recordFrame, recordEnd: clip.recordFrame + clip.frames, mediaPoolItem: item, timelineItem, warnings });
  }
  // Results in the caller's order.
  return clips.map((clip) => {
    const r = placed.get(clip);
    if (r) return r;
    const failed = imported.find((x): x is FailedClip => 'ok' in x && x.path === clip.path);
    return failed!;
  });
}
