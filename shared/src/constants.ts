/** The wire protocol's version. Bumped only for changes an old client cannot survive. */
export const PROTOCOL_VERSION = 1;
/** The engine's default TCP port. The Premiere manifest's network domains are checked against it at build time. */
export const DEFAULT_PORT = 7450;
/** Largest WebSocket message the engine accepts, in bytes. Requests are small; anything bigger is an attack or a bug. */
export const MAX_MESSAGE_BYTES = 256 * 1024;
/** Premiere Pro's tick rate, kept here because several packages convert to and from it. */
export const PREMIERE_TICKS_PER_SECOND = 254016000000n;
