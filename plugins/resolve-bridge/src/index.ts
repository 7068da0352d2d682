/**
 * @rushes/resolve-bridge: Rushes for DaVinci Resolve. The host adapter (pure functions over Resolve's
 * `resolve` object), the fill flow that drives the engine, and the installer the CLI's
 * `rushes install resolve` calls.
 */
export * from './host';
export { fillMarkers, generateAtPlayhead, generateAndPlace, renderTargets, requestFor, idempotencyKey, type FillEvent, type FillReport, type TargetOutcome, type GenerateOptions } from './engine/fill';
export { engineHome, engineUrl, readEngineToken } from './engine/home';
export { installResolvePlugin, resolvePaths, InstallError, PLUGIN_FOLDER, LUA_SCRIPT_NAME, type InstallOptions, type InstallResult, type ResolvePaths } from './install';
