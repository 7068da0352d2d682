/**
 * C2PA for Rushes: a signed manifest in every output (embedded in MP4/MOV, a sidecar for PNG
 * sequences) and the reader behind `rushes verify`. See docs/PROVENANCE.md.
 */
export { C2paFinisher, createC2paFinisher, type C2paFinisherOptions, type FinishResult } from './finisher';
export { readC2pa, sniffMime, type C2paReport, type C2paStatus, type C2paAssertion, type C2paSigner, type ReadOptions } from './read';
export {
  buildManifestDefinition,
  generationAssertion,
  promptSha256,
  GENERATION_LABEL,
  ACTIONS_LABEL,
  COLLECTION_HASH_LABEL,
  IPTC_DIGITAL_SOURCE_TYPE,
  type GenerationAssertion,
  type ManifestDefinition,
} from './manifest';
export { sidecarName, SIDECAR_EXTENSION } from './sidecar';
export { MAX_EMBED_BYTES } from './embed';
export { localRootCertPath, localProvenanceFolder, resolveSigner, type SignerSource } from '../keys';
