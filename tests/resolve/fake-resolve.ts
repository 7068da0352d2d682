/**
 * A strict fake of the part of DaVinci Resolve's scripting API the Rushes adapter uses. It offers only
 * methods Blackmagic's README documents, with their arguments, and reproduces the traps users hit:
 *
 * - AppendToTimeline fails the WHOLE batch (returns [] or None) for one fractional frame, an endFrame past
 *   the media (endFrame is exclusive), a 0-based or missing track, a locked track, a relative recordFrame
 *   (before the timeline start) or a span that would cover an existing clip.
 * - ImportMedia imports into the CURRENT folder, and refuses unknown files.
 * - AddSubFolder happily creates duplicate bins.
 * - Timelines start at 86400 (01:00:00:00 at 24 fps); GetMarkers keys are relative to that start.
 * - Tracks are 1-based; GetIsTrackLocked tells which are locked.
 * - The timeline's frame rate may differ from the project's.
 * - GetCurrentTimecode only works on the pages Resolve lists.
 *
 * Frame numbers for start timecodes come from a table worked out by hand, not from the adapter's timecode
 * code, so a bug there cannot hide itself.
 */
export type TrackType = 'video' | 'audio' | 'subtitle';

export interface MarkerSpec {
  color?: string;
  name?: string;
  note?: string;
  duration?: number;
  customData?: string;
}

export interface MediaSpec {
  frames: number;
  /** Optional metadata for the clip property snapshot. */
  fps?: string;
}

export interface TrackSpec {
  locked?: boolean;
  /** Absolute [start, end) spans of existing clips. */
  items?: Array<{ start: number; end: number; name?: string }>;
}

export interface TimelineSpec {
  name?: string;
  frameRate: string;
  width?: number;
  height?: number;
  /** Defaults from START_FRAMES for the rate. */
  startFrame?: number;
  startTimecode?: string;
  tracks?: TrackSpec[];
  /** Relative frame -> marker. */
  markers?: Record<number, MarkerSpec>;
  /** What GetCurrentTimecode returns (as Resolve formats it). */
  playhead?: string;
  /** Render marker keys as "96.0" the way Python shows them. */
  floatMarkerKeys?: boolean;
}

export interface FakeOptions {
  timeline?: TimelineSpec | null;
  projectFrameRate?: string;
  /** What a failed AppendToTimeline returns: [] (Resolve 21) or undefined (None). Default []. */
  appendFailure?: 'empty' | 'none';
  /** Files that exist, with their length. */
  media?: Record<string, MediaSpec>;
  /** Called for paths not in `media` (e.g. probe a real file). Return null for "cannot import". */
  probe?: (path: string) => MediaSpec | null;
  page?: string;
  /** Whether Timeline.GetIsTrackLocked exists (it does in current Resolve). */
  withTrackLockApi?: boolean;
}

/** Start frames of a 01:00:00:00 timeline, counted by hand: 3600 s x rate, minus dropped labels for DF. */
export const START_FRAMES: Record<string, { frame: number; timecode: string }> = {
  '23.976': { frame: 86400, timecode: '01:00:00:00' },
  '24': { frame: 86400, timecode: '01:00:00:00' },
  '25': { frame: 90000, timecode: '01:00:00:00' },
  '29.97': { frame: 108000, timecode: '01:00:00:00' },
  // 60 minutes, 54 of which drop 2 labels: 108000 - 108 = 107892.
  '29.97 DF': { frame: 107892, timecode: '01:00:00;00' },
  '30': { frame: 108000, timecode: '01:00:00:00' },
  '50': { frame: 180000, timecode: '01:00:00:00' },
  '59.94': { frame: 216000, timecode: '01:00:00:00' },
  // 54 minutes drop 4 labels: 216000 - 216 = 215784.
  '59.94 DF': { frame: 215784, timecode: '01:00:00;00' },
  '60': { frame: 216000, timecode: '01:00:00:00' },
};

export interface CallRecord {
  object: string;
  method: string;
  args: unknown[];
}

export class FakeResolve {
  readonly calls: CallRecord[] = [];
  readonly projectManager: FakeProjectManager;
  page: string;
  constructor(readonly options: FakeOptions = {}) {
    this.page = options.page ?? 'edit';
    this.projectManager = new FakeProjectManager(this);
  }
  log(object: string, method: string, args: unknown[]): void {
    this.calls.push({ object, method, args });
  }
  GetProjectManager(): FakeProjectManager {
    this.log('Resolve', 'GetProjectManager', []);
    return this.projectManager;
  }
  GetProductName(): string {
    return 'DaVinci Resolve Studio';
  }
  GetVersionString(): string {
    return '20.2.0.0';
  }
  GetCurrentPage(): string {
    return this.page;
  }
  /** Shortcuts for assertions. */
  get project(): FakeProject | null {
    return this.projectManager.project;
  }
  get timeline(): FakeTimeline {
    const t = this.projectManager.project?.timeline;
    if (!t) throw new Error('fake has no timeline');
    return t;
  }
  get mediaPool(): FakeMediaPool {
    return this.projectManager.project!.mediaPool;
  }
  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }
}

export class FakeProjectManager {
  project: FakeProject | null;
  constructor(readonly resolve: FakeResolve) {
    this.project = new FakeProject(resolve);
  }
  GetCurrentProject(): FakeProject | null {
    this.resolve.log('ProjectManager', 'GetCurrentProject', []);
    return this.project;
  }
}

export class FakeProject {
  readonly mediaPool: FakeMediaPool;
  timeline: FakeTimeline | null;
  constructor(readonly resolve: FakeResolve) {
    this.mediaPool = new FakeMediaPool(resolve, this);
    const spec = resolve.options.timeline === undefined ? { frameRate: '24' } : resolve.options.timeline;
    this.timeline = spec ? new FakeTimeline(resolve, spec) : null;
  }
  GetName(): string {
    return 'Fake Project';
  }
  GetMediaPool(): FakeMediaPool {
    this.resolve.log('Project', 'GetMediaPool', []);
    return this.mediaPool;
  }
  GetCurrentTimeline(): FakeTimeline | undefined {
    this.resolve.log('Project', 'GetCurrentTimeline', []);
    return this.timeline ?? undefined;
  }
  GetSetting(name?: string): unknown {
    const settings: Record<string, string> = {
      timelineFrameRate: this.resolve.options.projectFrameRate ?? '24',
      timelineResolutionWidth: '3840',
      timelineResolutionHeight: '2160',
    };
    if (!name) return { ...settings };
    return settings[name] ?? '';
  }
}

let nextId = 1;

export class FakeFolder {
  readonly id = `folder-${nextId++}`;
  readonly subfolders: FakeFolder[] = [];
  readonly clips: FakeMediaPoolItem[] = [];
  constructor(readonly name: string) {}
  GetName(): string {
    return this.name;
  }
  GetSubFolderList(): FakeFolder[] {
    return this.subfolders.slice();
  }
  GetClipList(): FakeMediaPoolItem[] {
    return this.clips.slice();
  }
}

export class FakeMediaPoolItem {
  readonly id = `mpi-${nextId++}`;
  readonly metadata: Record<string, string> = {};
  constructor(
    readonly path: string,
    readonly media: MediaSpec,
    readonly folder: FakeFolder,
  ) {}
  GetName(): string {
    return this.path.split(/[\\/]/).pop() ?? this.path;
  }
  GetClipProperty(name?: string): unknown {
    const props: Record<string, string> = { 'File Path': this.path, Frames: String(this.media.frames), FPS: this.media.fps ?? '' };
    if (!name) return { ...props };
    return props[name] ?? '';
  }
  SetMetadata(key: string, value: string): boolean {
    // Resolve's metadata fields; anything else is refused.
    const known = ['Comments', 'Description', 'Keywords', 'Scene', 'Shot', 'Take', 'Clip Name'];
    if (typeof key !== 'string' || typeof value !== 'string' || !known.includes(key)) return false;
    this.metadata[key] = value;
    return true;
  }
}

export class FakeMediaPool {
  readonly root = new FakeFolder('Master');
  current: FakeFolder;
  constructor(
    readonly resolve: FakeResolve,
    readonly project: FakeProject,
  ) {
    this.current = this.root;
  }
  private folders(): FakeFolder[] {
    const out: FakeFolder[] = [];
    const walk = (f: FakeFolder) => {
      out.push(f);
      f.subfolders.forEach(walk);
    };
    walk(this.root);
    return out;
  }
  GetRootFolder(): FakeFolder {
    this.resolve.log('MediaPool', 'GetRootFolder', []);
    return this.root;
  }
  AddSubFolder(folder: FakeFolder, name: string): FakeFolder | undefined {
    this.resolve.log('MediaPool', 'AddSubFolder', [folder?.name, name]);
    if (!(folder instanceof FakeFolder) || !this.folders().includes(folder) || typeof name !== 'string' || !name) return undefined;
    // Like Resolve, nothing stops a second bin with the same name.
    const f = new FakeFolder(name);
    folder.subfolders.push(f);
    return f;
  }
  GetCurrentFolder(): FakeFolder {
    return this.current;
  }
  SetCurrentFolder(folder: FakeFolder): boolean {
    this.resolve.log('MediaPool', 'SetCurrentFolder', [folder?.name]);
    if (!(folder instanceof FakeFolder) || !this.folders().includes(folder)) return false;
    this.current = folder;
    return true;
  }
  ImportMedia(items: string[]): FakeMediaPoolItem[] {
    this.resolve.log('MediaPool', 'ImportMedia', [items, this.current.name]);
    if (!Array.isArray(items)) return [];
    const out: FakeMediaPoolItem[] = [];
    for (const p of items) {
      if (typeof p !== 'string') return [];
      const media = this.resolve.options.media?.[p] ?? (this.resolve.options.probe ? this.resolve.options.probe(p) : null);
      if (!media) continue;
      // Importing a file already in this folder gives nothing back.
      if (this.current.clips.some((c) => c.path === p)) continue;
      const item = new FakeMediaPoolItem(p, media, this.current);
      this.current.clips.push(item);
      out.push(item);
    }
    return out;
  }
  AppendToTimeline(clipInfos: unknown): FakeTimelineItem[] | undefined {
    this.resolve.log('MediaPool', 'AppendToTimeline', [clipInfos]);
    const failure = this.resolve.options.appendFailure === 'none' ? undefined : [];
    const tl = this.project.timeline;
    if (!tl || !Array.isArray(clipInfos) || clipInfos.length === 0) return failure;
    const planned: Array<{ info: ClipInfoLike; track: FakeTrack }> = [];
    for (const raw of clipInfos) {
      const info = raw as ClipInfoLike;
      if (!info || !(info.mediaPoolItem instanceof FakeMediaPoolItem)) return failure;
      const numbers = [info.startFrame, info.endFrame, info.recordFrame, info.trackIndex];
      // One fractional (or missing) frame value fails the whole batch.
      if (!numbers.every((n) => typeof n === 'number' && Number.isInteger(n))) return failure;
      if (info.mediaType !== undefined && info.mediaType !== 1 && info.mediaType !== 2) return failure;
      if (info.startFrame < 0 || info.endFrame <= info.startFrame || info.endFrame > info.mediaPoolItem.media.frames) return failure;
      const track = tl.video[info.trackIndex - 1];
      if (info.trackIndex < 1 || !track) return failure;
      if (track.locked) return failure;
      if (info.recordFrame < tl.startFrame) return failure;
      const span = { start: info.recordFrame, end: info.recordFrame + (info.endFrame - info.startFrame) };
      const clash = (s: { start: number; end: number }) => s.start < span.end && span.start < s.end;
      if (track.items.some((it) => clash(it))) return failure;
      if (planned.some((p) => p.track === track && clash({ start: p.info.recordFrame, end: p.info.recordFrame + (p.info.endFrame - p.info.startFrame) }))) return failure;
      planned.push({ info, track });
    }
    return planned.map(({ info, track }) => {
      const item = new FakeTimelineItem(info.mediaPoolItem.GetName(), info.recordFrame, info.recordFrame + (info.endFrame - info.startFrame), info.mediaPoolItem, info.startFrame);
      track.items.push(item);
      track.items.sort((a, b) => a.start - b.start);
      return item;
    });
  }
}

interface ClipInfoLike {
  mediaPoolItem: FakeMediaPoolItem;
  startFrame: number;
  endFrame: number;
  mediaType?: number;
  trackIndex: number;
  recordFrame: number;
}

export class FakeTimelineItem {
  constructor(
    readonly name: string,
    readonly start: number,
    readonly end: number,
    readonly mediaPoolItem: FakeMediaPoolItem | null = null,
    readonly sourceStart = 0,
  ) {}
  GetName(): string {
    return this.name;
  }
  GetStart(): number {
    return this.start;
  }
  GetEnd(): number {
    return this.end;
  }
  GetDuration(): number {
    return this.end - this.start;
  }
  GetMediaPoolItem(): FakeMediaPoolItem | null {
    return this.mediaPoolItem;
  }
}

export interface FakeTrack {
  locked: boolean;
  items: FakeTimelineItem[];
}

export class FakeTimeline {
  readonly startFrame: number;
  readonly startTimecode: string;
  readonly video: FakeTrack[];
  readonly audio: FakeTrack[] = [{ locked: false, items: [] }];
  readonly markers: Map<number, Required<MarkerSpec>>;
  playhead: string;
  constructor(
    readonly resolve: FakeResolve,
    readonly spec: TimelineSpec,
  ) {
    const start = START_FRAMES[spec.frameRate];
    this.startFrame = spec.startFrame ?? start?.frame ?? 86400;
    this.startTimecode = spec.startTimecode ?? start?.timecode ?? '01:00:00:00';
    const tracks = spec.tracks ?? [{}];
    this.video = tracks.map((t) => ({
      locked: Boolean(t.locked),
      items: (t.items ?? []).map((it) => new FakeTimelineItem(it.name ?? 'shot', it.start, it.end)).sort((a, b) => a.start - b.start),
    }));
    this.markers = new Map(
      Object.entries(spec.markers ?? {}).map(([k, m]) => [
        Number(k),
        { color: m.color ?? 'Blue', name: m.name ?? '', note: m.note ?? '', duration: m.duration ?? 1, customData: m.customData ?? '' },
      ]),
    );
    this.playhead = spec.playhead ?? this.startTimecode;
    if (resolve.options.withTrackLockApi === false) (this as { GetIsTrackLocked?: unknown }).GetIsTrackLocked = undefined;
  }
  private tracks(type: TrackType): FakeTrack[] | null {
    return type === 'video' ? this.video : type === 'audio' ? this.audio : type === 'subtitle' ? [] : null;
  }
  GetName(): string {
    return this.spec.name ?? 'Timeline 1';
  }
  GetUniqueId(): string {
    return 'tl-0001';
  }
  GetStartFrame(): number {
    return this.startFrame;
  }
  GetEndFrame(): number {
    const ends = this.video.flatMap((t) => t.items.map((i) => i.end));
    return ends.length ? Math.max(...ends) : this.startFrame;
  }
  GetStartTimecode(): string {
    return this.startTimecode;
  }
  GetSetting(name?: string): unknown {
    const settings: Record<string, string> = {
      timelineFrameRate: this.spec.frameRate,
      timelineResolutionWidth: String(this.spec.width ?? 1920),
      timelineResolutionHeight: String(this.spec.height ?? 1080),
    };
    if (!name) return { ...settings };
    return settings[name] ?? '';
  }
  GetTrackCount(trackType: TrackType): number {
    return this.tracks(trackType)?.length ?? 0;
  }
  AddTrack(trackType: TrackType, _subTrackType?: string): boolean {
    this.resolve.log('Timeline', 'AddTrack', [trackType]);
    const t = this.tracks(trackType);
    if (!t || trackType === 'subtitle') return false;
    t.push({ locked: false, items: [] });
    return true;
  }
  GetIsTrackLocked(trackType: TrackType, trackIndex: number): boolean {
    const t = this.tracks(trackType)?.[trackIndex - 1];
    if (!t) throw new Error(`GetIsTrackLocked: no ${trackType} track ${trackIndex} (1 <= trackIndex <= GetTrackCount)`);
    return t.locked;
  }
  GetItemListInTrack(trackType: TrackType, index: number): FakeTimelineItem[] {
    const t = this.tracks(trackType)?.[index - 1];
    // Resolve documents 1 <= index <= GetTrackCount; outside that there is nothing.
    return t ? t.items.slice() : [];
  }
  GetMarkers(): Record<string, MarkerSpec> {
    const out: Record<string, MarkerSpec> = {};
    for (const [frame, m] of this.markers) out[this.spec.floatMarkerKeys ? frame.toFixed(1) : String(frame)] = { ...m };
    return out;
  }
  UpdateMarkerCustomData(frameId: number, customData: string): boolean {
    const m = this.markers.get(Number(frameId));
    if (!m || typeof customData !== 'string') return false;
    m.customData = customData;
    return true;
  }
  GetCurrentTimecode(): string {
    const pages = ['cut', 'edit', 'color', 'fairlight', 'deliver'];
    return pages.includes(this.resolve.page) ? this.playhead : '';
  }
  /** Test helper: the clips on a track (1-based). */
  itemsOn(trackIndex: number): FakeTimelineItem[] {
    return this.video[trackIndex - 1]?.items ?? [];
  }
}

/**
 * The same fake behind the promise API (`WorkflowIntegration.GetResolvePromise()`): every method returns a
 * Promise, objects come back wrapped, and wrapped objects passed in are unwrapped.
 */
export function asPromiseApi<T extends object>(target: T): T {
  const toProxy = new WeakMap<object, object>();
  const fromProxy = new WeakMap<object, object>();
  const unwrap = (v: unknown): unknown => {
    if (v && typeof v === 'object') {
      if (fromProxy.has(v)) return fromProxy.get(v);
      if (Array.isArray(v)) return v.map(unwrap);
      if (Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
    }
    return v;
  };
  const wrap = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(wrap);
    if (Object.getPrototypeOf(v) === Object.prototype) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrap(x)]));
    if (toProxy.has(v)) return toProxy.get(v);
    const p = new Proxy(v, {
      get(obj, prop) {
        const value = Reflect.get(obj, prop, obj);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => Promise.resolve(value.apply(obj, args.map(unwrap))).then(wrap);
      },
    });
    toProxy.set(v, p);
    fromProxy.set(p, v);
    return p;
  };
  return wrap(target) as T;
}
