/**
 * The Premiere host adapter: small async functions that take the `premierepro` module object (from
 * `require('premierepro')` in the panel, a simulator in tests) and do one thing each. Types come from
 * the vendor's declarations (@adobe/premierepro 26.3.0); nothing here touches the DOM or the engine.
 */
export { placeClip, clipDurationTicks, DEFAULT_UNDO_LABEL } from './place';
export type { ClipInput, EditMode, PlaceOptions, PlaceResult } from './place';
export { ensureBin, findBin, findItemByMediaPath, importIntoBin, DEFAULT_BIN_NAME } from './bin';
export type { ImportOptions } from './bin';
export { readSequenceSettings, readSettingsOf, inOutDuration } from './sequence-settings';
export type { SequenceSettingsInfo } from './sequence-settings';
export { activeProject, activeSequence, activeContext, projectIdentity } from './context';
export { chooseVideoTrack, clipSpans, spansOverlap } from './tracks';
export type { TrackChoice, Span } from './tracks';
export { runTransaction } from './transaction';
export { markerText, parseMarkerComments } from './marker';
export type { MarkerText, MarkerSource } from './marker';
export { sameMediaPath, normalizeMediaPath } from './paths';
export {
  TICKS_PER_SECOND,
  parseTicks,
  ticksForFrames,
  ticksForSeconds,
  secondsForTicks,
  rateFromTicksPerFrame,
  rateFromDecimal,
} from './ticks';
export { HostError, HostErrorCode, isHostError } from './errors';
