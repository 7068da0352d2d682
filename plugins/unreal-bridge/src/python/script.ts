/**
 * Builds the Python we send to the editor. A script is a fixed template (python/*.py, shipped with the
 * package) plus ONE generated line: `_RUSHES_PAYLOAD = "<base64 of the JSON data>"`. The template
 * decodes it with json.loads. Base64's alphabet cannot close a Python string literal, so nothing a user
 * types (a prompt, a shot name) can ever become code: it only ever reaches the editor as data.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The templates in plugins/unreal-bridge/python. */
export type TemplateName = 'check' | 'probe' | 'shots' | 'add_clip';

const PLACEHOLDER = '@@RUSHES_PAYLOAD@@';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** Same folder from src/python (tsx) and dist/python (compiled). */
const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'python');

const cache = new Map<string, string>();
function readTemplate(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(path.join(TEMPLATE_DIR, file), 'utf8');
    cache.set(file, text);
  }
  return text;
}

export interface BuiltScript {
  script: string;
  /** Marks our result line in the editor's log, so stray log lines can never be mistaken for it. */
  nonce: string;
}

/** Encodes data as the payload literal's content. Exported for the injection tests. */
export function encodePayload(data: unknown): string {
  const b64 = Buffer.from(JSON.stringify(data), 'utf8').toString('base64');
  if (!BASE64.test(b64)) throw new Error('internal: payload is not plain base64');
  return b64;
}

export function buildScript(name: TemplateName, data: Record<string, unknown>): BuiltScript {
  const nonce = randomBytes(8).toString('hex');
  const prelude = readTemplate('_prelude.py');
  if (prelude.split(PLACEHOLDER).length !== 2) throw new Error('internal: _prelude.py must hold the payload placeholder once');
  const body = readTemplate(`${name}.py`);
  if (body.includes(PLACEHOLDER)) throw new Error(`internal: ${name}.py must not hold the payload placeholder`);
  const payload = encodePayload({ ...data, nonce });
  // split/join, not String.replace: no replacement-pattern surprises whatever the payload holds.
  const script = prelude.split(PLACEHOLDER).join(payload) + '\n\n' + body;
  return { script, nonce };
}
