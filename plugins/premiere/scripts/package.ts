/**
 * Packages dist/ as a .ccx, the file Creative Cloud installs on double-click (or with the UPIA
 * command-line installer). A .ccx is a zip of the plugin folder with manifest.json at its root.
 *
 *   npm run package -w @rushes/premiere    # builds first if dist/ is missing, writes release/*.ccx
 *
 * Entries are sorted and dated at a fixed time, so the same dist gives the same bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { build, PLUGIN_DIR, readJson, verifyDist } from './build';
import { resolvePort } from './manifest';

const FIXED_DATE = new Date('2025-01-01T00:00:00Z');
/** Already-compressed formats are stored; text is deflated. */
const STORED = /\.(png|jpe?g)$/i;

export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else if (entry.isFile()) out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out.sort();
}

export function zipFolder(dir: string, exclude: (rel: string) => boolean = () => false): Uint8Array {
  const files: Zippable = {};
  for (const rel of listFiles(dir)) {
    if (exclude(rel)) continue;
    files[rel] = [fs.readFileSync(path.join(dir, rel)), { level: STORED.test(rel) ? 0 : 9, mtime: FIXED_DATE }];
  }
  return zipSync(files);
}

export async function packageCcx(distDir = path.join(PLUGIN_DIR, 'dist'), outDir = path.join(PLUGIN_DIR, 'release')): Promise<string> {
  const port = resolvePort(process.env);
  if (!fs.existsSync(path.join(distDir, 'manifest.json'))) await build(distDir);
  verifyDist(distDir, port);
  const manifest = readJson(path.join(distDir, 'manifest.json')) as { id: string; version: string };
  // Source maps help the UXP Developer Tool's debugger, not an installed plugin.
  const zip = zipFolder(distDir, (rel) => rel.endsWith('.map'));
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `${manifest.id}_${manifest.version}.ccx`);
  fs.writeFileSync(file, zip);
  console.log(`wrote ${path.relative(process.cwd(), file)} (${Math.round(zip.length / 1024)} KiB) for ws://127.0.0.1:${port}`);
  return file;
}

if (require.main === module) {
  packageCcx().catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
