export * from './constants';
export * from './errors';
export * from './schemas';
export * from './rational';
export * from './shots';
export { buildOpenRpcDocument } from './openrpc';
export { EngineClient, type EngineClientOptions, type WebSocketLike, type WebSocketConstructor, type ConnectionState } from './client';
