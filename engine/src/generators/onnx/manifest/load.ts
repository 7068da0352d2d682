/**
 * Reads a model folder: the manifest is parsed, validated against its JSON Schema and checked for the
 * files it names, and every failure says which folder, which field and what to do about it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { RushesError } from '@rushes/shared';
import { ModelManifest } from './schema';

export const MANIFEST_FILE = 'rushes-model.json';
/** Model ids become generator ids ("onnx.<id>"), so they follow the generator id rules. */
export const MODEL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,57}$/;

const validate = new Ajv({ allErrors: true, strict: false }).compile<ModelManifest>(ModelManifest);

export interface ModelFolder {
  id: string;
  dir: string;
  manifest: ModelManifest;
  /** Absolute paths of every file the manifest names, by role. */
  files: Record<string, string>;
}

function fail(dir: string, msg: string): never {
  throw new RushesError('E_GENERATOR', `Model ${dir}: ${msg}`, { modelDir: dir });
}

/** Parses and validates a manifest object; pure, so tests and `rushes models` share it. */
export function parseManifest(data: unknown, where: string): ModelManifest {
  if (!validate(data)) {
    const why = (validate.errors ?? [])
      .slice(0, 8)
      .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : ''}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}`)
      .join('; ');
    fail(where, `${MANIFEST_FILE} does not match the manifest schema (docs/MODELS.md): ${why}`);
  }
  const m = data;
  if (m.scheduler.type === 'flow-euler' && m.denoiser.prediction !== 'flow') {
    fail(where, `scheduler "flow-euler" needs denoiser.prediction "flow", not "${m.denoiser.prediction}".`);
  }
  if (m.scheduler.type !== 'flow-euler' && m.denoiser.prediction === 'flow') {
    fail(where, `denoiser.prediction "flow" needs scheduler "flow-euler", not "${m.scheduler.type}".`);
  }
  if (m.imageConditioning && !m.vaeEncoder) {
    fail(where, 'imageConditioning needs a vaeEncoder component to turn the image into latents.');
  }
  if (m.scheduler.betaStart !== undefined && m.scheduler.betaEnd !== undefined && m.scheduler.betaStart >= m.scheduler.betaEnd) {
    fail(where, `scheduler.betaStart (${m.scheduler.betaStart}) must be below betaEnd (${m.scheduler.betaEnd}).`);
  }
  return m;
}

/** Loads one model folder. Throws E_GENERATOR naming the problem (missing file, bad JSON, schema). */
export function loadModelFolder(dir: string): ModelFolder {
  const abs = path.resolve(dir);
  const id = path.basename(abs);
  if (!MODEL_ID_PATTERN.test(id)) {
    fail(abs, `the folder name "${id}" is the model id and must be lower-case letters, digits, ".", "_" or "-" (at most 58 characters); rename the folder.`);
  }
  const file = path.join(abs, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(abs, code === 'ENOENT' ? `no ${MANIFEST_FILE}; every model folder needs one (docs/MODELS.md).` : `cannot read ${MANIFEST_FILE}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    fail(abs, `${MANIFEST_FILE} is not valid JSON: ${(e as Error).message}`);
  }
  const manifest = parseManifest(data, abs);
  const named: Record<string, string> = {
    'tokenizer.vocab': manifest.tokenizer.vocab,
    'tokenizer.merges': manifest.tokenizer.merges,
    textEncoder: manifest.textEncoder.file,
    denoiser: manifest.denoiser.file,
    vaeDecoder: manifest.vaeDecoder.file,
    ...(manifest.vaeEncoder ? { vaeEncoder: manifest.vaeEncoder.file } : {}),
  };
  const files: Record<string, string> = {};
  for (const [role, rel] of Object.entries(named)) {
    const p = path.resolve(abs, rel);
    if (!p.startsWith(abs + path.sep)) fail(abs, `${role} file "${rel}" is outside the model folder.`);
    if (!fs.existsSync(p)) fail(abs, `the ${role} file "${rel}" is missing. Copy it into the folder or fix the path in ${MANIFEST_FILE}.`);
    files[role] = p;
  }
  return { id, dir: abs, manifest, files };
}

/** What the model can be asked for, derived from its components. */
export function modelInputs(m: ModelManifest): Array<'text' | 'image' | 'plan'> {
  const inputs: Array<'text' | 'image' | 'plan'> = ['text'];
  if (m.imageConditioning && m.vaeEncoder) inputs.push('image');
  return inputs;
}
