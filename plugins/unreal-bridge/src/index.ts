/**
 * @rushes/unreal-bridge: Rushes for Unreal Engine. Generates clips with the Rushes engine and builds
 * Sequencer shots from them in a running editor, through the Remote Control API and the Python Editor
 * Script Plugin. See docs/UNREAL.md.
 */
export { runUnrealCli, exitCodeFor, type CliIo } from './cli';
export { BridgeError, BridgeCode, isBridgeError, type BridgeErrorDetails } from './errors';
export { RemoteControlClient, DEFAULT_RC_WS_URL, httpFallbackUrl, type RemoteControlOptions, type RouteInfo } from './rc/client';
export { HttpTransport, WebSocketTransport, type RcTransport, type RcReply } from './rc/transport';
export { diagnose, FIX, RC_INI, RC_SECTION, PYTHON_LIBRARY_OBJECT, PYTHON_FUNCTION } from './rc/diagnose';
export { runTemplate, parseLog, findResult, type PythonHost, type LogEntry } from './python/runner';
export { buildScript, encodePayload, type TemplateName } from './python/script';
export { ShotList, Shot, parseShotList, normalizeShots, type NormalizedShot } from './plan/shotList';
export {
  planShots,
  layoutShots,
  tickResolutionFor,
  tickResolutionChange,
  idempotencyKey,
  promptWithCamera,
  splitAssetPath,
  type ShotsPlan,
  type PlannedShot,
  type ShotScriptData,
  type ShotClip,
} from './plan/layout';
export { generateGroup, resolveEngine, type EngineSource, type GroupItem, type GroupProgress, type GroupResult, type EngineLike } from './engine/group';
export { connectEngine, resolveHome, resolveEngineUrl, readToken } from './engine/connect';
export { runShots, prepareShots, readShotListFile, type ShotsOptions, type ShotsSummary } from './commands/shots';
export { runAdd, planAddRequest, type AddOptions, type AddSummary } from './commands/add';
export { checkEditor, buildShots, probeSequence, addClip, NEEDS } from './unreal/editor';
export { BRIDGE_VERSION } from './version';
