/**
 * A strict simulator of exactly the parts of Premiere Pro's `premierepro` module that the Rushes host
 * adapter uses, behaving as HOSTS.md describes (facts from Adobe's documentation and type declarations,
 * and from people who tested the real host):
 *
 * - `importFiles` resolves to a boolean only; an explicit `undefined` target bin throws
 *   "Illegal Parameter type" (`null` means the root); importing a file twice makes two items.
 * - every `create*Action` outside `lockedAccess` throws; `lockedAccess` and `executeTransaction` take
 *   synchronous callbacks (a callback that returns a promise throws here, since in Premiere the lock
 *   would be gone before the awaits finished).
 * - edit actions given a `ClipProjectItem.cast(...)` (or `FolderItem.cast`) wrapper throw
 *   "Invalid parameter.": they want the plain ProjectItem from a bin listing.
 * - video track indexes are 0-based; an index past the last track creates a track.
 * - 254016000000 ticks per second.
 * - one transaction is one undo step named by its label; a transaction whose action fails leaves
 *   nothing behind.
 * - `findItemsMatchingMediaPath` returns nothing for files imported in this session.
 *
 * All mutable state lives in plain records (`SimData`) so a transaction can snapshot it for undo;
 * the objects handed to the adapter are facades that read those records.
 */
import path from 'node:path';
import type {
  Action,
  ClipProjectItem,
  ClipProjectItemStatic,
  CompoundAction,
  FolderItem,
  FolderItemStatic,
  Marker,
  Markers,
  MarkersStatic,
  premierepro,
  Project,
  ProjectItem,
  ProjectStatic,
  Sequence,
  SequenceEditor,
  SequenceEditorStatic,
  SequenceSettings,
  TickTime,
  VideoClipTrackItem,
  VideoTrack,
} from '@adobe/premierepro';
import type { VendorShape } from './vendor-shape';
import { SimTickTime, SimTickTimeStatic, TICKS_PER_SECOND, toTicks } from './ticktime';

// ------------------------------------------------------------------------------------------ constants

/** Values chosen by the simulator; the adapter must read them from the module, never hard-code them. */
export const ITEM_TYPE = { CLIP: 1, BIN: 2, ROOT: 3, FILE: 4, STYLE: 5, COMPOUND: 6 } as const;
/** Documented on VideoTrack.getTrackItems: Empty (0), Clip (1), Transition (2), Preview (3), Feedback (4). */
export const TRACK_ITEM_TYPE = { EMPTY: 0, CLIP: 1, TRANSITION: 2, PREVIEW: 3, FEEDBACK: 4 } as const;
export const MARKER_TYPES = { COMMENT: 'Comment', CHAPTER: 'Chapter', FLVCUEPOINT: 'FLVCuePoint', WEBLINK: 'WebLink' } as const;

const ILLEGAL = 'Illegal Parameter type';
const INVALID = 'Invalid parameter.';

// ------------------------------------------------------------------------------------------ records

export interface ItemRec {
  id: string;
  kind: 'bin' | 'clip' | 'root';
  name: string;
  parentId: string | null;
  mediaPath?: string;
  durationTicks?: bigint;
  /** Imported while this "session" runs: findItemsMatchingMediaPath does not see it (HOSTS.md). */
  fresh?: boolean;
}

export interface ClipRec {
  id: string;
  itemId: string;
  name: string;
  start: bigint;
  end: bigint;
}

export interface MarkerRec {
  guid: string;
  name: string;
  type: string;
  start: bigint;
  duration: bigint;
  comments: string;
}

export interface SeqRec {
  guid: string;
  name: string;
  width: number;
  height: number;
  ticksPerFrame: bigint;
  videoTracks: ClipRec[][];
  audioTrackCount: number;
  markers: MarkerRec[];
  playhead: bigint;
  inPoint: bigint;
  outPoint: bigint | null;
}

export interface SimData {
  items: ItemRec[];
  sequences: SeqRec[];
  activeSequence: string | null;
}

export interface UndoEntry {
  label: string;
  before: SimData;
}

/** What the simulator knows about a media file on "disk": its length. Null: the file is unreadable. */
export type MediaProbe = (filePath: string) => Promise<{ durationTicks: bigint } | null>;

export interface SequenceSpec {
  name?: string;
  width?: number;
  height?: number;
  /** Exact rate; ticks per frame = 254016000000 * den / num. */
  fps?: { num: number; den: number };
  videoTracks?: number;
  audioTracks?: number;
  playheadTicks?: bigint;
  inPointTicks?: bigint;
  outPointTicks?: bigint | null;
  active?: boolean;
}

// ------------------------------------------------------------------------------------------ actions

type Apply = (data: SimData) => void;

class SimAction {
  used = false;
  constructor(
    readonly kind: string,
    readonly apply: Apply,
  ) {}
}

class SimCompoundAction implements VendorShape<CompoundAction, 'addAction' | 'empty'> {
  readonly actions: SimAction[] = [];
  constructor(private readonly open: () => boolean) {}
  addAction(action: Action): boolean {
    if (!this.open()) throw new Error('The compound action is no longer open.');
    if (!(action instanceof SimAction)) throw new Error(INVALID);
    if (action.used) throw new Error('This action was already committed.');
    this.actions.push(action);
    return true;
  }
  get empty(): boolean {
    return this.actions.length === 0;
  }
}

// ------------------------------------------------------------------------------------------ the host

export class PremiereSim {
  data: SimData;
  readonly undoStack: UndoEntry[] = [];
  /** Every call the adapter made, by name, for tests that check what was (not) called. */
  readonly calls: string[] = [];
  private locked = 0;
  private nextId = 1;
  readonly rootId: string;
  readonly probe: MediaProbe;
  readonly project: SimProject;
  hasProject = true;
  readonly ppro: premierepro;

  constructor(options: { probe?: MediaProbe; projectName?: string } = {}) {
    this.rootId = this.id('root');
    this.data = { items: [{ id: this.rootId, kind: 'root', name: 'Root', parentId: null }], sequences: [], activeSequence: null };
    this.probe = options.probe ?? (async () => ({ durationTicks: 5n * TICKS_PER_SECOND }));
    this.project = new SimProject(this, options.projectName ?? 'Untitled');
    this.ppro = asPremierePro(buildModule(this));
  }

  id(prefix: string): string {
    return `${prefix}-${this.nextId++}`;
  }

  get isLocked(): boolean {
    return this.locked > 0;
  }

  /** Throws unless called inside `lockedAccess` (Premiere 26.3+ rule for every create*Action). */
  requireLock(what: string): void {
    this.calls.push(what);
    if (!this.isLocked) throw new Error(`${what} must be called inside project.lockedAccess().`);
  }

  runLocked(callback: () => void): void {
    this.locked++;
    let result: unknown;
    try {
      result = callback();
    } finally {
      this.locked--;
    }
    if (isThenable(result)) {
      throw new Error('lockedAccess callback returned a promise: the lock was released before it settled.');
    }
  }

  runTransaction(callback: (compound: CompoundAction) => void, label: string | undefined): boolean {
    let open = true;
    const compound = new SimCompoundAction(() => open);
    let result: unknown;
    try {
      result = callback(compound);
    } finally {
      open = false;
    }
    if (isThenable(result)) throw new Error('executeTransaction callback returned a promise.');
    if (compound.empty) return false;
    const before = structuredClone(this.data);
    try {
      for (const a of compound.actions) {
        a.used = true;
        a.apply(this.data);
      }
    } catch (e) {
      this.data = before;
      this.lastTransactionError = e instanceof Error ? e.message : String(e);
      return false;
    }
    this.undoStack.push({ label: label ?? '', before });
    return true;
  }
  lastTransactionError: string | null = null;

  /** Edit > Undo: restores the state before the last transaction. */
  undo(): string {
    const entry = this.undoStack.pop();
    if (!entry) throw new Error('Nothing to undo.');
    this.data = entry.before;
    return entry.label;
  }

  action(kind: string, apply: Apply): SimAction {
    return new SimAction(kind, apply);
  }

  // ---- set-up helpers for tests

  addSequence(spec: SequenceSpec = {}): SeqRec {
    const fps = spec.fps ?? { num: 24, den: 1 };
    const tpf = (TICKS_PER_SECOND * BigInt(fps.den)) / BigInt(fps.num);
    const seq: SeqRec = {
      guid: this.id('seq'),
      name: spec.name ?? `Sequence ${this.data.sequences.length + 1}`,
      width: spec.width ?? 1920,
      height: spec.height ?? 1080,
      ticksPerFrame: tpf,
      videoTracks: Array.from({ length: spec.videoTracks ?? 3 }, () => []),
      audioTrackCount: spec.audioTracks ?? 3,
      markers: [],
      playhead: spec.playheadTicks ?? 0n,
      inPoint: spec.inPointTicks ?? 0n,
      outPoint: spec.outPointTicks ?? null,
    };
    this.data.sequences.push(seq);
    if (spec.active !== false) this.data.activeSequence = seq.guid;
    return seq;
  }

  sequence(guid?: string): SeqRec {
    const id = guid ?? this.data.activeSequence;
    const s = this.data.sequences.find((q) => q.guid === id);
    if (!s) throw new Error(`No sequence ${id}`);
    return s;
  }

  /** Puts a clip of foreign media on a track directly (the editor's existing cut). */
  addExistingClip(trackIndex: number, startTicks: bigint, endTicks: bigint, name = 'A-roll.mov'): ClipRec {
    const item: ItemRec = { id: this.id('item'), kind: 'clip', name, parentId: this.rootId, mediaPath: `/media/${name}`, durationTicks: endTicks - startTicks };
    this.data.items.push(item);
    const seq = this.sequence();
    while (seq.videoTracks.length <= trackIndex) seq.videoTracks.push([]);
    const clip: ClipRec = { id: this.id('clip'), itemId: item.id, name, start: startTicks, end: endTicks };
    seq.videoTracks[trackIndex]!.push(clip);
    sortClips(seq.videoTracks[trackIndex]!);
    return clip;
  }

  addBin(name: string, parentId = this.rootId): ItemRec {
    const bin: ItemRec = { id: this.id('bin'), kind: 'bin', name, parentId };
    this.data.items.push(bin);
    return bin;
  }

  children(parentId: string): ItemRec[] {
    return this.data.items.filter((i) => i.parentId === parentId);
  }

  binNamed(name: string): ItemRec | undefined {
    return this.data.items.find((i) => i.kind === 'bin' && i.name === name && i.parentId === this.rootId);
  }

  item(id: string): ItemRec {
    const it = this.data.items.find((i) => i.id === id);
    if (!it) throw new Error(`No project item ${id} (was it undone?)`);
    return it;
  }
}

function isThenable(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

function sortClips(clips: ClipRec[]): void {
  clips.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

// ------------------------------------------------------------------------------------------ project

export class SimProject
  implements VendorShape<Project, 'getActiveSequence' | 'getRootItem' | 'importFiles' | 'executeTransaction' | 'lockedAccess' | 'name' | 'path'>
{
  readonly guid: { toString(): string };
  constructor(
    private readonly sim: PremiereSim,
    readonly name: string,
  ) {
    const g = sim.id('project');
    this.guid = { toString: () => g };
  }
  get path(): string {
    return `/projects/${this.name}.prproj`;
  }

  async getActiveSequence(): Promise<SimSequence | null> {
    this.sim.calls.push('Project.getActiveSequence');
    const id = this.sim.data.activeSequence;
    return id ? new SimSequence(this.sim, id) : null;
  }

  async getRootItem(): Promise<SimFolderItem> {
    this.sim.calls.push('Project.getRootItem');
    return new SimFolderItem(this.sim, this.sim.rootId);
  }

  async importFiles(filePaths: string[], suppressUI?: boolean, targetBin?: ProjectItem, asNumberedStills?: boolean): Promise<boolean> {
    this.sim.calls.push('Project.importFiles');
    // The trap: an explicit undefined bin is not "the root", it is an error. null is the root.
    if (arguments.length >= 3 && targetBin === undefined) throw new Error(ILLEGAL);
    if (!Array.isArray(filePaths) || filePaths.some((p) => typeof p !== 'string')) throw new Error(ILLEGAL);
    if (suppressUI !== undefined && typeof suppressUI !== 'boolean') throw new Error(ILLEGAL);
    if (asNumberedStills !== undefined && typeof asNumberedStills !== 'boolean') throw new Error(ILLEGAL);
    let parentId = this.sim.rootId;
    if (targetBin !== undefined && targetBin !== null) {
      const t: unknown = targetBin;
      if (t instanceof SimProjectItem) parentId = t.id;
      else if (t instanceof SimFolderItem) parentId = t.id;
      else throw new Error(ILLEGAL);
      const rec = this.sim.item(parentId);
      if (rec.kind === 'clip') throw new Error(ILLEGAL);
    }
    let all = true;
    for (const p of filePaths) {
      const info = await this.sim.probe(p);
      if (!info) {
        all = false;
        continue;
      }
      this.sim.data.items.push({
        id: this.sim.id('item'),
        kind: 'clip',
        name: path.basename(p),
        parentId,
        mediaPath: p,
        durationTicks: info.durationTicks,
        fresh: true,
      });
    }
    // A boolean and nothing else: the caller has to find the new item itself.
    return all && filePaths.length > 0;
  }

  executeTransaction(callback: (compoundAction: CompoundAction) => void, undoString?: string): boolean {
    this.sim.calls.push('Project.executeTransaction');
    if (typeof callback !== 'function') throw new Error(ILLEGAL);
    return this.sim.runTransaction(callback, undoString);
  }

  lockedAccess(callback: () => void): void {
    this.sim.calls.push('Project.lockedAccess');
    if (typeof callback !== 'function') throw new Error(ILLEGAL);
    this.sim.runLocked(callback);
  }
}

// ------------------------------------------------------------------------------------------ items

/** The plain ProjectItem that bin listings return: what edit actions and importFiles accept. */
export class SimProjectItem implements VendorShape<ProjectItem, 'name' | 'type' | 'getId'> {
  constructor(
    protected readonly sim: PremiereSim,
    readonly id: string,
  ) {}
  protected get rec(): ItemRec {
    return this.sim.item(this.id);
  }
  get name(): string {
    return this.rec.name;
  }
  get type(): number {
    const k = this.rec.kind;
    return k === 'bin' ? ITEM_TYPE.BIN : k === 'root' ? ITEM_TYPE.ROOT : ITEM_TYPE.CLIP;
  }
  getId(): string {
    return this.id;
  }
}

/** What `FolderItem.cast(item)` and `project.getRootItem()` return. */
export class SimFolderItem implements VendorShape<FolderItem, 'name' | 'type' | 'getItems' | 'createBinAction'> {
  constructor(
    private readonly sim: PremiereSim,
    readonly id: string,
  ) {}
  get name(): string {
    return this.sim.item(this.id).name;
  }
  get type(): number {
    return this.sim.item(this.id).kind === 'root' ? ITEM_TYPE.ROOT : ITEM_TYPE.BIN;
  }
  async getItems(): Promise<SimProjectItem[]> {
    this.sim.calls.push('FolderItem.getItems');
    return this.sim.children(this.id).map((r) => new SimProjectItem(this.sim, r.id));
  }
  createBinAction(name: string, makeUnique: boolean): SimAction {
    this.sim.requireLock('FolderItem.createBinAction');
    if (typeof name !== 'string' || !name || typeof makeUnique !== 'boolean') throw new Error(ILLEGAL);
    const parentId = this.id;
    const sim = this.sim;
    return sim.action('createBin', (data) => {
      const siblings = data.items.filter((i) => i.parentId === parentId).map((i) => i.name);
      let finalName = name;
      for (let n = 1; makeUnique && siblings.includes(finalName); n++) finalName = `${name} ${n}`;
      data.items.push({ id: sim.id('bin'), kind: 'bin', name: finalName, parentId });
    });
  }
}

/** What `ClipProjectItem.cast(item)` returns: a wrapper edit actions refuse. */
export class SimClipProjectItem
  implements VendorShape<ClipProjectItem, 'name' | 'type' | 'getMediaFilePath' | 'findItemsMatchingMediaPath'>
{
  constructor(
    private readonly sim: PremiereSim,
    readonly id: string,
  ) {}
  get name(): string {
    return this.sim.item(this.id).name;
  }
  get type(): number {
    return ITEM_TYPE.CLIP;
  }
  async getMediaFilePath(): Promise<string> {
    this.sim.calls.push('ClipProjectItem.getMediaFilePath');
    const rec = this.sim.item(this.id);
    if (rec.kind !== 'clip') throw new Error(INVALID);
    return rec.mediaPath ?? '';
  }
  async findItemsMatchingMediaPath(matchString: string): Promise<SimProjectItem[]> {
    this.sim.calls.push('ClipProjectItem.findItemsMatchingMediaPath');
    // Seen in the real host: a file imported in this session is not found.
    return this.sim.data.items
      .filter((i) => i.kind === 'clip' && !i.fresh && (i.mediaPath ?? '').includes(matchString))
      .map((i) => new SimProjectItem(this.sim, i.id));
  }
}

// ------------------------------------------------------------------------------------------ sequence

export class SimSequence
  implements
    VendorShape<
      Sequence,
      | 'name'
      | 'getPlayerPosition'
      | 'getVideoTrackCount'
      | 'getVideoTrack'
      | 'getSettings'
      | 'getTimebase'
      | 'getInPoint'
      | 'getOutPoint'
      | 'getEndTime'
      | 'getFrameSize'
    >
{
  constructor(
    private readonly sim: PremiereSim,
    readonly guidValue: string,
  ) {}
  get rec(): SeqRec {
    return this.sim.sequence(this.guidValue);
  }
  get name(): string {
    return this.rec.name;
  }
  get guid(): { toString(): string } {
    const g = this.guidValue;
    return { toString: () => g };
  }
  async getPlayerPosition(): Promise<SimTickTime> {
    this.sim.calls.push('Sequence.getPlayerPosition');
    return new SimTickTime(this.rec.playhead);
  }
  async getVideoTrackCount(): Promise<number> {
    this.sim.calls.push('Sequence.getVideoTrackCount');
    return this.rec.videoTracks.length;
  }
  async getVideoTrack(trackIndex: number): Promise<SimVideoTrack> {
    this.sim.calls.push('Sequence.getVideoTrack');
    if (!Number.isInteger(trackIndex) || trackIndex < 0 || trackIndex >= this.rec.videoTracks.length) throw new Error(INVALID);
    return new SimVideoTrack(this.sim, this.guidValue, trackIndex);
  }
  async getSettings(): Promise<SimSequenceSettings> {
    this.sim.calls.push('Sequence.getSettings');
    return new SimSequenceSettings(this.rec);
  }
  async getTimebase(): Promise<string> {
    return this.rec.ticksPerFrame.toString();
  }
  async getInPoint(): Promise<SimTickTime> {
    return new SimTickTime(this.rec.inPoint);
  }
  async getOutPoint(): Promise<SimTickTime> {
    return new SimTickTime(this.rec.outPoint ?? this.endTicks());
  }
  async getEndTime(): Promise<SimTickTime> {
    return new SimTickTime(this.endTicks());
  }
  async getFrameSize(): Promise<{ width: number; height: number }> {
    return { width: this.rec.width, height: this.rec.height };
  }
  private endTicks(): bigint {
    let end = 0n;
    for (const t of this.rec.videoTracks) for (const c of t) if (c.end > end) end = c.end;
    return end;
  }
}

export class SimSequenceSettings implements VendorShape<SequenceSettings, 'getVideoFrameRect' | 'getVideoFrameRate'> {
  constructor(private readonly rec: SeqRec) {}
  async getVideoFrameRect(): Promise<{ width: number; height: number }> {
    return { width: this.rec.width, height: this.rec.height };
  }
  getVideoFrameRate(): { value: number; ticksPerFrame: number; equals: () => boolean } {
    const tpf = this.rec.ticksPerFrame;
    return { value: Number(TICKS_PER_SECOND) / Number(tpf), ticksPerFrame: Number(tpf), equals: () => false };
  }
}

export class SimVideoTrack implements VendorShape<VideoTrack, 'getTrackItems' | 'getIndex' | 'name' | 'id'> {
  constructor(
    private readonly sim: PremiereSim,
    private readonly seqGuid: string,
    readonly index: number,
  ) {}
  get name(): string {
    return `Video ${this.index + 1}`;
  }
  get id(): number {
    return this.index;
  }
  async getIndex(): Promise<number> {
    return this.index;
  }
  getTrackItems(trackItemType: number, includeEmptyTrackItems: boolean): SimTrackItem[] {
    this.sim.calls.push('VideoTrack.getTrackItems');
    if (!Object.values(TRACK_ITEM_TYPE).includes(trackItemType as 0) || typeof includeEmptyTrackItems !== 'boolean') {
      throw new Error(ILLEGAL);
    }
    const clips = this.sim.sequence(this.seqGuid).videoTracks[this.index] ?? [];
    const out: SimTrackItem[] = [];
    let cursor = 0n;
    for (const c of clips) {
      // Gaps come back as EMPTY items only when asked for.
      if (includeEmptyTrackItems && c.start > cursor) out.push(new SimTrackItem(this.sim, null, cursor, c.start, TRACK_ITEM_TYPE.EMPTY));
      if (trackItemType === TRACK_ITEM_TYPE.CLIP) out.push(new SimTrackItem(this.sim, c, c.start, c.end, TRACK_ITEM_TYPE.CLIP));
      cursor = c.end;
    }
    return out;
  }
}

export class SimTrackItem implements VendorShape<VideoClipTrackItem, 'getStartTime' | 'getEndTime' | 'getDuration' | 'getName' | 'getType'> {
  constructor(
    private readonly sim: PremiereSim,
    private readonly clip: ClipRec | null,
    private readonly start: bigint,
    private readonly end: bigint,
    private readonly kind: number,
  ) {}
  async getStartTime(): Promise<SimTickTime> {
    return new SimTickTime(this.start);
  }
  async getEndTime(): Promise<SimTickTime> {
    return new SimTickTime(this.end);
  }
  async getDuration(): Promise<SimTickTime> {
    return new SimTickTime(this.end - this.start);
  }
  async getName(): Promise<string> {
    return this.clip?.name ?? '';
  }
  async getType(): Promise<number> {
    return this.kind;
  }
}

// ------------------------------------------------------------------------------------------ editing

/** Validates an edit's project item: the plain ProjectItem of a clip, nothing else. */
function clipItemOf(sim: PremiereSim, projectItem: unknown): ItemRec {
  if (!(projectItem instanceof SimProjectItem)) throw new Error(INVALID);
  const rec = sim.item(projectItem.id);
  if (rec.kind !== 'clip') throw new Error(INVALID);
  return rec;
}

function trackIndexOf(v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new Error(INVALID);
  return v;
}

/** Resolves a target index on `seq`: past the last track means a new track at the top. */
function targetTrack(seq: SeqRec, index: number): ClipRec[] {
  if (index >= seq.videoTracks.length) {
    seq.videoTracks.push([]);
    return seq.videoTracks[seq.videoTracks.length - 1]!;
  }
  return seq.videoTracks[index]!;
}

/** Removes [start, end) from a track, trimming or splitting clips that cross it. */
function clearSpan(sim: PremiereSim, track: ClipRec[], start: bigint, end: bigint): void {
  const kept: ClipRec[] = [];
  for (const c of track) {
    if (c.end <= start || c.start >= end) kept.push(c);
    else {
      if (c.start < start) kept.push({ ...c, end: start });
      if (c.end > end) kept.push({ ...c, id: sim.id('clip'), start: end });
    }
  }
  track.splice(0, track.length, ...kept);
}

/** Splits clips at `at` and moves everything from `at` on by `by`. */
function rippleFrom(sim: PremiereSim, track: ClipRec[], at: bigint, by: bigint): void {
  const out: ClipRec[] = [];
  for (const c of track) {
    if (c.end <= at) out.push(c);
    else if (c.start >= at) out.push({ ...c, start: c.start + by, end: c.end + by });
    else {
      out.push({ ...c, end: at });
      out.push({ ...c, id: sim.id('clip'), start: at + by, end: c.end + by });
    }
  }
  track.splice(0, track.length, ...out);
}

export class SimSequenceEditor implements VendorShape<SequenceEditor, 'createOverwriteItemAction' | 'createInsertProjectItemAction'> {
  constructor(
    private readonly sim: PremiereSim,
    private readonly seqGuid: string,
  ) {}

  createOverwriteItemAction(projectItem: ProjectItem, time: TickTime, videoTrackIndex: number, audioTrackIndex: number): SimAction {
    this.sim.requireLock('SequenceEditor.createOverwriteItemAction');
    const item = clipItemOf(this.sim, projectItem);
    const at = toTicks(time);
    const v = trackIndexOf(videoTrackIndex);
    trackIndexOf(audioTrackIndex);
    const { sim, seqGuid } = this;
    return sim.action('overwrite', (data) => {
      const seq = mustSeq(data, seqGuid);
      const rec = mustItem(data, item.id);
      const end = at + (rec.durationTicks ?? 0n);
      const track = targetTrack(seq, v);
      clearSpan(sim, track, at, end);
      track.push({ id: sim.id('clip'), itemId: rec.id, name: rec.name, start: at, end });
      sortClips(track);
    });
  }

  createInsertProjectItemAction(
    projectItem: ProjectItem,
    time: TickTime,
    videoTrackIndex: number,
    audioTrackIndex: number,
    limitShift: boolean,
  ): SimAction {
    this.sim.requireLock('SequenceEditor.createInsertProjectItemAction');
    const item = clipItemOf(this.sim, projectItem);
    const at = toTicks(time);
    const v = trackIndexOf(videoTrackIndex);
    trackIndexOf(audioTrackIndex);
    if (typeof limitShift !== 'boolean') throw new Error(INVALID);
    const { sim, seqGuid } = this;
    return sim.action('insert', (data) => {
      const seq = mustSeq(data, seqGuid);
      const rec = mustItem(data, item.id);
      const d = rec.durationTicks ?? 0n;
      const track = targetTrack(seq, v);
      const shifted = limitShift ? [track] : seq.videoTracks;
      for (const t of shifted) rippleFrom(sim, t, at, d);
      track.push({ id: sim.id('clip'), itemId: rec.id, name: rec.name, start: at, end: at + d });
      sortClips(track);
    });
  }
}

function mustSeq(data: SimData, guid: string): SeqRec {
  const s = data.sequences.find((q) => q.guid === guid);
  if (!s) throw new Error('The sequence no longer exists.');
  return s;
}

function mustItem(data: SimData, id: string): ItemRec {
  const i = data.items.find((q) => q.id === id);
  if (!i) throw new Error('The project item no longer exists.');
  return i;
}

// ------------------------------------------------------------------------------------------ markers

export class SimMarkers implements VendorShape<Markers, 'getMarkers' | 'createAddMarkerAction'> {
  constructor(
    private readonly sim: PremiereSim,
    private readonly seqGuid: string,
  ) {}
  getMarkers(filters?: string[]): SimMarker[] {
    const all = this.sim.sequence(this.seqGuid).markers;
    return all.filter((m) => !filters || filters.includes(m.type)).map((m) => new SimMarker(m));
  }
  createAddMarkerAction(Name: string, markerType?: string, startTime?: TickTime, duration?: TickTime, comments?: string): SimAction {
    this.sim.requireLock('Markers.createAddMarkerAction');
    if (typeof Name !== 'string') throw new Error(ILLEGAL);
    const type = markerType ?? MARKER_TYPES.COMMENT;
    if (!(Object.values(MARKER_TYPES) as string[]).includes(type)) throw new Error(ILLEGAL);
    const start = startTime === undefined ? 0n : toTicks(startTime);
    const dur = duration === undefined ? 0n : toTicks(duration);
    if (comments !== undefined && typeof comments !== 'string') throw new Error(ILLEGAL);
    const { sim, seqGuid } = this;
    return sim.action('addMarker', (data) => {
      mustSeq(data, seqGuid).markers.push({ guid: sim.id('marker'), name: Name, type, start, duration: dur, comments: comments ?? '' });
    });
  }
}

export class SimMarker implements VendorShape<Marker, 'getName' | 'getComments' | 'getType' | 'getStart' | 'getDuration'> {
  constructor(private readonly rec: MarkerRec) {}
  getName(): string {
    return this.rec.name;
  }
  getComments(): string {
    return this.rec.comments;
  }
  getType(): string {
    return this.rec.type;
  }
  getStart(): SimTickTime {
    return new SimTickTime(this.rec.start);
  }
  getDuration(): SimTickTime {
    return new SimTickTime(this.rec.duration);
  }
}

// ------------------------------------------------------------------------------------------ module

function buildModule(sim: PremiereSim) {
  const Project: VendorShape<ProjectStatic, 'getActiveProject'> = {
    async getActiveProject() {
      sim.calls.push('Project.getActiveProject');
      return sim.hasProject ? sim.project : null;
    },
  };
  const ProjectItem = {
    cast(item: unknown): SimProjectItem {
      if (item instanceof SimProjectItem) return item;
      if (item instanceof SimFolderItem || item instanceof SimClipProjectItem) return new SimProjectItem(sim, item.id);
      throw new Error(ILLEGAL);
    },
    TYPE_CLIP: ITEM_TYPE.CLIP,
    TYPE_BIN: ITEM_TYPE.BIN,
    TYPE_ROOT: ITEM_TYPE.ROOT,
    TYPE_FILE: ITEM_TYPE.FILE,
    TYPE_STYLE: ITEM_TYPE.STYLE,
    TYPE_COMPOUND: ITEM_TYPE.COMPOUND,
  };
  const FolderItem: VendorShape<FolderItemStatic, 'cast'> = {
    cast(projectItem: ProjectItem): SimFolderItem {
      const p: unknown = projectItem;
      if (!(p instanceof SimProjectItem) || p.type === ITEM_TYPE.CLIP) throw new Error(ILLEGAL);
      return new SimFolderItem(sim, p.id);
    },
  };
  const ClipProjectItem: VendorShape<ClipProjectItemStatic, 'cast'> = {
    cast(projectItem: ProjectItem): SimClipProjectItem {
      const p: unknown = projectItem;
      if (!(p instanceof SimProjectItem)) throw new Error(ILLEGAL);
      return new SimClipProjectItem(sim, p.id);
    },
  };
  const SequenceEditor: VendorShape<SequenceEditorStatic, 'getEditor'> = {
    getEditor(sequenceObject: Sequence): SimSequenceEditor {
      const s: unknown = sequenceObject;
      if (!(s instanceof SimSequence)) throw new Error(ILLEGAL);
      return new SimSequenceEditor(sim, s.guidValue);
    },
  };
  const Markers: VendorShape<MarkersStatic, 'getMarkers'> = {
    async getMarkers(markerOwnerObject: Sequence | ClipProjectItem): Promise<SimMarkers> {
      const o: unknown = markerOwnerObject;
      if (!(o instanceof SimSequence)) throw new Error(ILLEGAL);
      return new SimMarkers(sim, o.guidValue);
    },
  };
  const Marker = {
    MARKER_TYPE_COMMENT: MARKER_TYPES.COMMENT,
    MARKER_TYPE_CHAPTER: MARKER_TYPES.CHAPTER,
    MARKER_TYPE_FLVCUEPOINT: MARKER_TYPES.FLVCUEPOINT,
    MARKER_TYPE_WEBLINK: MARKER_TYPES.WEBLINK,
  };
  const Constants = { TrackItemType: { ...TRACK_ITEM_TYPE } };
  return { Project, ProjectItem, FolderItem, ClipProjectItem, SequenceEditor, Markers, Marker, TickTime: SimTickTimeStatic, Constants };
}

/**
 * The one place the simulator meets the vendor module type. Only the members built above exist; the
 * adapter touching anything else fails with a TypeError, which is the point.
 */
export function asPremierePro(partial: ReturnType<typeof buildModule>): premierepro {
  return partial as unknown as premierepro;
}
