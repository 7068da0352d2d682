export * from './constants';
export * from './errors';
export * from './schemas';
export * from './rational';
export { EngineClient, type EngineClientOptions, type WebSocketLike, type WebSocketConstructor, type ConnectionState } from './client';
