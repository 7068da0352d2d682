/** The invisible per-frame watermark: embedder (a FrameTransform) and detector. See docs/PROVENANCE.md. */
export { WatermarkEmbedder, DEFAULT_EMBED, type EmbedOptions } from './embed';
export { ParallelWatermarkEmbedder, defaultEmbedWorkers } from './parallel';
export { detectWatermark, analyseResidual, DEFAULT_ALPHA, type DetectFrame, type DetectOptions, type DetectionResult } from './detect';
export {
  payloadFor, makePayload, jobHashOf, installHashOf, codedBits, PAYLOAD_BITS, MESSAGE_BITS, CODED_BITS, PILOT_CHIPS,
  CHIPS_PER_BIT, TILE_CHIPS, type WatermarkPayload,
} from './layout';
export { chipSizeFor, tilePeriodFor } from './geometry';
