import fs from 'node:fs';
import path from 'node:path';

/** The engine's version, from its package.json (one source of truth). */
export const ENGINE_VERSION: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
