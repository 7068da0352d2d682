/**
 * The part of DaVinci Resolve's scripting API that the adapter calls, typed from Blackmagic's scripting
 * README (Developer/Scripting/README.txt, "DaVinci Resolve API" section). Nothing here is invented: each
 * method is listed there with these arguments.
 *
 * Every method may return its value directly (WorkflowIntegration `GetResolve()`, Lua/Python bridges) or a
 * Promise of it (`GetResolvePromise()`, Resolve 20.1+). The adapter awaits every call, so both work.
 */
export type Awaitable<T> = T | Promise<T>;

/** Resolve returns None/undefined/false/[] on failure; the adapter treats all of them as failure. */
export type Maybe<T> = T | null | undefined | false;

export interface ResolveApi {
  GetProjectManager(): Awaitable<Maybe<ProjectManagerApi>>;
  GetProductName?(): Awaitable<string>;
  GetVersionString?(): Awaitable<string>;
  GetCurrentPage?(): Awaitable<Maybe<string>>;
}

export interface ProjectManagerApi {
  GetCurrentProject(): Awaitable<Maybe<ProjectApi>>;
}

export interface ProjectApi {
  GetName(): Awaitable<string>;
  GetMediaPool(): Awaitable<Maybe<MediaPoolApi>>;
  GetCurrentTimeline(): Awaitable<Maybe<TimelineApi>>;
  GetSetting(name?: string): Awaitable<unknown>;
}

export interface FolderApi {
  GetName(): Awaitable<string>;
  GetSubFolderList(): Awaitable<Maybe<FolderApi[] | Record<string, FolderApi>>>;
  GetClipList(): Awaitable<Maybe<MediaPoolItemApi[] | Record<string, MediaPoolItemApi>>>;
}

export interface MediaPoolApi {
  GetRootFolder(): Awaitable<Maybe<FolderApi>>;
  AddSubFolder(folder: FolderApi, name: string): Awaitable<Maybe<FolderApi>>;
  GetCurrentFolder(): Awaitable<Maybe<FolderApi>>;
  SetCurrentFolder(folder: FolderApi): Awaitable<boolean>;
  ImportMedia(items: string[]): Awaitable<Maybe<MediaPoolItemApi[] | Record<string, MediaPoolItemApi>>>;
  AppendToTimeline(clipInfos: ClipInfo[]): Awaitable<Maybe<TimelineItemApi[] | Record<string, TimelineItemApi>>>;
}

/** One entry of `MediaPool.AppendToTimeline([{clipInfo}, ...])`. */
export interface ClipInfo {
  mediaPoolItem: MediaPoolItemApi;
  /** First source frame (inclusive). Integer: Resolve rejects the whole batch for a fractional frame. */
  startFrame: number;
  /** Source end frame, exclusive. Integer. */
  endFrame: number;
  /** 1 = video only, 2 = audio only. */
  mediaType?: 1 | 2;
  /** 1-based track index. */
  trackIndex: number;
  /** Absolute timeline frame (timeline start frame + offset). Integer. */
  recordFrame: number;
}

export interface MediaPoolItemApi {
  GetName(): Awaitable<string>;
  GetClipProperty(name?: string): Awaitable<unknown>;
  SetMetadata(key: string, value: string): Awaitable<boolean>;
}

export interface TimelineItemApi {
  GetName?(): Awaitable<string>;
  GetStart(): Awaitable<number>;
  GetEnd(): Awaitable<number>;
  GetDuration?(): Awaitable<number>;
}

export interface MarkerInfo {
  color?: string;
  name?: string;
  note?: string;
  duration?: number;
  customData?: string;
}

export interface TimelineApi {
  GetName(): Awaitable<string>;
  GetUniqueId?(): Awaitable<string>;
  GetStartFrame(): Awaitable<number>;
  GetEndFrame(): Awaitable<number>;
  GetStartTimecode?(): Awaitable<string>;
  GetSetting(name?: string): Awaitable<unknown>;
  GetTrackCount(trackType: 'video' | 'audio' | 'subtitle'): Awaitable<number>;
  AddTrack(trackType: 'video' | 'audio' | 'subtitle', subTrackType?: string): Awaitable<boolean>;
  GetIsTrackLocked?(trackType: 'video' | 'audio' | 'subtitle', trackIndex: number): Awaitable<boolean>;
  GetItemListInTrack(trackType: 'video' | 'audio' | 'subtitle', index: number): Awaitable<Maybe<TimelineItemApi[] | Record<string, TimelineItemApi>>>;
  GetMarkers(): Awaitable<Maybe<Record<string, MarkerInfo>>>;
  UpdateMarkerCustomData?(frameId: number, customData: string): Awaitable<boolean>;
  GetCurrentTimecode(): Awaitable<Maybe<string>>;
}
