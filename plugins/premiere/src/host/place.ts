/**
 * placeClip: a finished Rushes clip into the "Rushes" bin and onto the active sequence at the playhead,
 * on a video track where it covers nothing, with a marker holding the prompt, seed and job id, as one
 * undo step.
 *
 * Order matters: everything that needs `await` (project, sequence, bin, import, playhead, track spans,
 * the sequence's Markers object) is read first; then one synchronous `lockedAccess` creates the edit
 * and marker actions and commits them in a single transaction.
 */
import type { premierepro, TickTime } from '@adobe/premierepro';
import type { Output } from '@rushes/shared';
import { DEFAULT_BIN_NAME, ensureBin, importIntoBin, type ImportOptions } from './bin';
import { activeContext } from './context';
import { HostError, HostErrorCode } from './errors';
import { markerText } from './marker';
import { parseTicks, ticksForFrames, ticksForSeconds } from './ticks';
import { chooseVideoTrack } from './tracks';
import { runTransaction } from './transaction';

/** An engine job output plus what the marker records. */
export type ClipInput = Pick<Output, 'path' | 'fps' | 'frameCount' | 'durationSeconds'> & {
  prompt: string;
  seed: number;
  jobId: string;
  generator?: string;
};

export type EditMode = 'overwrite' | 'insert';

export interface PlaceOptions extends ImportOptions {
  /** Overwrite (default) covers only the free span found; insert pushes later material right. */
  mode?: EditMode;
  /** Bin to import into (default "Rushes"). */
  binName?: string;
  /** Where to place, in ticks; default the playhead. */
  atTicks?: string;
  /** Audio track index for the edit. Rushes clips carry no audio, so it only matters for foreign media. */
  audioTrackIndex?: number;
  /** Insert only: shift just the target track rather than every sync-locked track (default false). */
  limitShift?: boolean;
  /** The undo step's name. */
  undoLabel?: string;
}

export interface PlaceResult {
  sequenceName: string;
  binName: string;
  itemName: string;
  /** False when the bin already held this file and the existing item was placed again. */
  imported: boolean;
  mode: EditMode;
  videoTrackIndex: number;
  createdTrack: boolean;
  startTicks: string;
  endTicks: string;
  marker: { name: string; comments: string };
}

export const DEFAULT_UNDO_LABEL = 'Rushes: place clip';

/** The clip's length in ticks, from its exact frame count and rate when it has them. */
export function clipDurationTicks(clip: Pick<ClipInput, 'fps' | 'frameCount' | 'durationSeconds'>): bigint {
  if (Number.isInteger(clip.frameCount) && clip.frameCount > 0 && clip.fps && clip.fps.num > 0 && clip.fps.den > 0) {
    return ticksForFrames(clip.frameCount, clip.fps);
  }
  if (clip.durationSeconds > 0) return ticksForSeconds(clip.durationSeconds);
  throw new HostError(HostErrorCode.BAD_CLIP, 'The clip has no duration (no frame count and no seconds).');
}

export async function placeClip(ppro: premierepro, clip: ClipInput, options: PlaceOptions = {}): Promise<PlaceResult> {
  if (!clip.path) throw new HostError(HostErrorCode.BAD_CLIP, 'The clip has no file path.');
  const mode: EditMode = options.mode ?? 'overwrite';
  const binName = options.binName ?? DEFAULT_BIN_NAME;
  const duration = clipDurationTicks(clip);

  // ---- reads (every await happens here, before the lock)
  const { project, sequence } = await activeContext(ppro);
  const bin = await ensureBin(ppro, project, binName);
  const { item, imported } = await importIntoBin(ppro, project, bin, clip.path, options);
  const startTime: TickTime =
    options.atTicks !== undefined ? ppro.TickTime.createWithTicks(options.atTicks) : await sequence.getPlayerPosition();
  const start = parseTicks(startTime.ticks);
  const track = await chooseVideoTrack(ppro, sequence, start, duration);
  const markers = await ppro.Markers.getMarkers(sequence);
  const editor = ppro.SequenceEditor.getEditor(sequence);
  const durationTime = ppro.TickTime.createWithTicks(duration.toString());
  const text = markerText(clip);
  const audioTrackIndex = options.audioTrackIndex ?? 0;

  // ---- one synchronous transaction: the edit and its marker, one undo step
  runTransaction(project, options.undoLabel ?? DEFAULT_UNDO_LABEL, () => [
    mode === 'insert'
      ? editor.createInsertProjectItemAction(item, startTime, track.index, audioTrackIndex, options.limitShift ?? false)
      : editor.createOverwriteItemAction(item, startTime, track.index, audioTrackIndex),
    markers.createAddMarkerAction(text.name, ppro.Marker.MARKER_TYPE_COMMENT, startTime, durationTime, text.comments),
  ]);

  return {
    sequenceName: sequence.name,
    binName,
    itemName: item.name,
    imported,
    mode,
    videoTrackIndex: track.index,
    createdTrack: track.createsTrack,
    startTicks: start.toString(),
    endTicks: (start + duration).toString(),
    marker: text,
  };
}
