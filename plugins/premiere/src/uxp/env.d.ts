/**
 * The UXP runtime, as far as TypeScript needs to know it. UXP's own types come from the vendor
 * (@adobe/cc-ext-uxp-types: `uxp`, `fs`, document, WebSocket, localStorage ...). That package omits a
 * few globals every UXP plugin has: timers, `console` and CommonJS `require`, declared here. Premiere's
 * API is NOT declared here: it comes from @adobe/premierepro, imported as types only.
 */
/// <reference types="@adobe/cc-ext-uxp-types" />

declare function setTimeout(handler: () => void, timeoutMs?: number): number;
declare function clearTimeout(handle: number | undefined): void;

declare const console: {
  log(...data: unknown[]): void;
  warn(...data: unknown[]): void;
  error(...data: unknown[]): void;
};

/** UXP's module loader: `require('premierepro')`, `require('uxp')`, `require('fs')`. */
declare function require(id: string): unknown;

/** Set by webpack's DefinePlugin: ws://127.0.0.1:PORT for the build's engine port (DEFAULT_PORT or RUSHES_PORT). */
declare const __RUSHES_ENGINE_URL__: string;
/** Set by webpack's DefinePlugin from package.json. */
declare const __RUSHES_PLUGIN_VERSION__: string;
