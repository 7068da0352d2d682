export { startDaemon, readDaemonInfo, type Daemon, type DaemonOptions, type DaemonInfo } from './daemon';
export { resolveHome, homePaths, readToken } from './home';
export { GeneratorRegistry } from './generators/registry';
export type { Generator, Frame, RenderContext } from './generators/types';
export type { FrameTransform, FrameTransformFactory, OutputFinisher, JobIdentity } from './provenance/types';
export { ENGINE_VERSION } from './version';
