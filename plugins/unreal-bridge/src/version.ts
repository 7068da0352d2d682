/** Reported to the engine in `session.hello`; kept in step with package.json by a test. */
export const BRIDGE_VERSION = '0.1.0';
