export { mediaTools, locateTools, resetMediaTools, isRecent, type MediaTools, type ToolInfo, type ToolSource } from './ffmpeg';
export {
  nominalRate,
  supportsDropFrame,
  timecodeBase,
  isDropFrameTimecode,
  parseTimecode,
  formatTimecode,
  addFrames,
  framesPerDay,
  frameDigits,
  type TimecodeBase,
} from './timecode';
export {
  startEncoder,
  buildEncoderArgs,
  pngPattern,
  defaultBaseName,
  DEFAULT_X264,
  type Encoder,
  type EncoderSpec,
  type EncoderOutput,
} from './encoder';
export { probe, parseProbe, probeSequence, pngSize, type ProbeResult, type SequenceInfo } from './probe';
export { sha256File, sha256Sequence, type Digest } from './hash';
export { writePoster, type PosterOptions } from './poster';
