/**
 * Installed models: every sub-folder of HOME/models (and of any configured models folder) that holds a
 * rushes-model.json. `rushes models` prints `formatModelList(listModels(...))`; broken folders are
 * listed with the reason instead of being skipped silently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isRushesError } from '@rushes/shared';
import { loadModelFolder, MANIFEST_FILE, modelInputs, type ModelFolder } from './manifest/load';

export interface ModelListing {
  id: string;
  dir: string;
  ok: boolean;
  /** Present when ok. */
  name?: string;
  version?: string;
  licence?: string;
  inputs?: string[];
  scheduler?: string;
  latent?: string;
  limits?: { maxWidth: number; maxHeight: number; maxFrames: number };
  /** Bytes of the files the manifest names. */
  bytes?: number;
  /** Present when not ok: what is wrong and what to do. */
  error?: string;
}

export function modelsFolder(home: string): string {
  return path.join(home, 'models');
}

/** The folders models are looked for in: HOME/models first, then the configured ones, without repeats. */
export function modelRoots(home: string, extraFolders: readonly string[] = []): string[] {
  return [...new Set([modelsFolder(home), ...extraFolders].map((d) => path.resolve(d)))];
}

/** Every candidate model folder (sub-folders with a manifest), first root wins on a repeated id. */
export function findModelDirs(roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const root of roots) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(root, { withFileTypes: true });
    } catch {
      continue; // a root that does not exist has no models
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!e.isDirectory() || seen.has(e.name)) continue;
      const dir = path.join(root, e.name);
      if (!fs.existsSync(path.join(dir, MANIFEST_FILE))) continue;
      seen.add(e.name);
      out.push(dir);
    }
  }
  return out;
}

/** Loads every model folder, keeping the failures as listings with their reason. */
export function scanModels(roots: readonly string[]): { models: ModelFolder[]; listings: ModelListing[] } {
  const models: ModelFolder[] = [];
  const listings: ModelListing[] = [];
  for (const dir of findModelDirs(roots)) {
    try {
      const m = loadModelFolder(dir);
      models.push(m);
      listings.push(describe(m));
    } catch (e) {
      listings.push({ id: path.basename(dir), dir, ok: false, error: isRushesError(e) ? e.message : String(e) });
    }
  }
  return { models, listings };
}

export function listModels(home: string, extraFolders: readonly string[] = []): ModelListing[] {
  return scanModels(modelRoots(home, extraFolders)).listings;
}

function describe(m: ModelFolder): ModelListing {
  const man = m.manifest;
  let bytes = 0;
  for (const f of Object.values(m.files)) bytes += fileBytes(f);
  return {
    id: m.id,
    dir: m.dir,
    ok: true,
    name: man.name,
    version: man.version,
    licence: man.licence.name,
    inputs: modelInputs(man),
    scheduler: man.scheduler.type,
    latent: `${man.latent.channels}ch ${man.latent.layout} /${man.latent.spatialCompression} space /${man.latent.temporalCompression} time`,
    limits: { maxWidth: man.limits.maxWidth, maxHeight: man.limits.maxHeight, maxFrames: man.limits.maxFrames },
    bytes,
  };
}

/** An ONNX file with external data (model.onnx_data next to it) counts that too. */
function fileBytes(f: string): number {
  let n = 0;
  for (const p of [f, `${f}_data`, `${f}.data`]) {
    try {
      n += fs.statSync(p).size;
    } catch {
      /* absent */
    }
  }
  return n;
}

const human = (b: number): string => (b >= 2 ** 30 ? `${(b / 2 ** 30).toFixed(1)} GiB` : b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MiB` : `${(b / 1024).toFixed(1)} KiB`);

/** Text for `rushes models`. */
export function formatModelList(list: readonly ModelListing[], roots: readonly string[] = []): string {
  if (!list.length) {
    return `No models installed. Put a model folder with a ${MANIFEST_FILE} in ${roots.join(' or ') || 'HOME/models'} (see docs/MODELS.md).\n`;
  }
  const lines: string[] = [];
  for (const m of list) {
    if (!m.ok) {
      lines.push(`${m.id}  BROKEN  ${m.dir}`, `    ${m.error}`);
      continue;
    }
    lines.push(
      `onnx.${m.id}  ${m.name} ${m.version}  [${m.inputs!.join(', ')}]  ${m.scheduler}  licence ${m.licence}`,
      `    up to ${m.limits!.maxWidth}x${m.limits!.maxHeight}, ${m.limits!.maxFrames} frames; latents ${m.latent}; ${human(m.bytes!)}  ${m.dir}`,
    );
  }
  return lines.join('\n') + '\n';
}
