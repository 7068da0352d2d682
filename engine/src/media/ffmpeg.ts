/**
 * Finds the ffmpeg and ffprobe binaries the engine will use, once per process:
 *   1. RUSHES_FFMPEG / RUSHES_FFPROBE (an explicit choice: if it does not run, that is an error, not a
 *      silent fallback);
 *   2. a binary on PATH, if it is recent (release >= 4.4, or a git/dated build from 2021-04 on) and,
 *      for ffmpeg, has the encoders we need (libx264, prores_ks, png, mjpeg);
 *   3. the static binary inside @ffmpeg-installer/ffmpeg / @ffprobe-installer/ffprobe.
 */
import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { RushesError } from '@rushes/shared';

export type ToolSource = 'env' | 'system' | 'bundled';

export interface ToolInfo {
  path: string;
  /** The version word from `-version`, e.g. "6.1.1" or "N-47683-g0e8eb07980-static". */
  version: string;
  source: ToolSource;
}

export interface MediaTools {
  ffmpeg: ToolInfo;
  ffprobe: ToolInfo;
}

export const REQUIRED_ENCODERS = ['libx264', 'prores_ks', 'png', 'mjpeg'] as const;
/** ffmpeg 4.4 was released in April 2021; dated builds from then on are taken as recent. */
const MIN_RELEASE: [number, number] = [4, 4];
const MIN_BUILD_DATE = 20210401;

type ToolName = 'ffmpeg' | 'ffprobe';

let cached: Promise<MediaTools> | undefined;

/** The tools, located once and cached. A failed search is not cached, so a fixed setup is picked up. */
export function mediaTools(): Promise<MediaTools> {
  if (!cached) {
    cached = locateTools();
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

/** Forgets the cached choice (tests, or after the user changed RUSHES_FFMPEG). */
export function resetMediaTools(): void {
  cached = undefined;
}

export async function locateTools(env: NodeJS.ProcessEnv = process.env): Promise<MediaTools> {
  const [ffmpeg, ffprobe] = await Promise.all([locate('ffmpeg', env), locate('ffprobe', env)]);
  return { ffmpeg, ffprobe };
}

async function locate(tool: ToolName, env: NodeJS.ProcessEnv): Promise<ToolInfo> {
  const envName = tool === 'ffmpeg' ? 'RUSHES_FFMPEG' : 'RUSHES_FFPROBE';
  const fromEnv = env[envName];
  if (fromEnv) {
    const version = await runVersion(fromEnv).catch((e: Error) => {
      throw new RushesError('E_ENCODER', `${envName} is set to "${fromEnv}", which does not run (${e.message}). Fix or unset ${envName}.`);
    });
    return { path: fromEnv, version: version.word, source: 'env' };
  }
  const rejected: string[] = [];
  for (const candidate of await onPath(tool, env)) {
    try {
      const version = await runVersion(candidate);
      if (!isRecent(version.word, version.text)) {
        rejected.push(`${candidate} (${version.word}: older than ${MIN_RELEASE.join('.')})`);
        continue;
      }
      if (tool === 'ffmpeg') {
        const missing = await missingEncoders(candidate);
        if (missing.length) {
          rejected.push(`${candidate} (lacks ${missing.join(', ')})`);
          continue;
        }
      }
      return { path: candidate, version: version.word, source: 'system' };
    } catch (e) {
      rejected.push(`${candidate} (${(e as Error).message})`);
    }
  }
  const bundled = bundledPath(tool);
  if (bundled) {
    try {
      const version = await runVersion(bundled);
      return { path: bundled, version: version.word, source: 'bundled' };
    } catch (e) {
      rejected.push(`${bundled} (${(e as Error).message})`);
    }
  }
  throw new RushesError(
    'E_ENCODER',
    `No usable ${tool} found. Install ffmpeg ${MIN_RELEASE.join('.')} or newer, or set ${envName} to its path.` +
      (rejected.length ? ` Tried: ${rejected.join('; ')}.` : ''),
    { tried: rejected },
  );
}

/** `ffmpeg version 6.1.1-3ubuntu5 Copyright ...` -> "6.1.1-3ubuntu5" and the whole text. */
async function runVersion(bin: string): Promise<{ word: string; text: string }> {
  const text = await run(bin, ['-version']);
  const m = /\b(?:ffmpeg|ffprobe) version (\S+)/.exec(text);
  if (!m?.[1]) throw new Error('its -version output is not ffmpeg\'s');
  return { word: m[1], text };
}

/**
 * Release numbers compare directly; git builds ("N-113000-g...", "git-2023-03-05-...") are dated by a
 * date in the version word, else by the last year of the copyright line.
 */
export function isRecent(word: string, versionText = ''): boolean {
  const release = /^n?(\d+)\.(\d+)/.exec(word);
  if (release) {
    const major = Number(release[1]);
    const minor = Number(release[2]);
    return major > MIN_RELEASE[0] || (major === MIN_RELEASE[0] && minor >= MIN_RELEASE[1]);
  }
  const dated = /(20\d{2})-?(\d{2})-?(\d{2})/.exec(word);
  if (dated) return Number(`${dated[1]}${dated[2]}${dated[3]}`) >= MIN_BUILD_DATE;
  const copyright = /Copyright \(c\) \d{4}-(\d{4})/.exec(versionText);
  // A year of 2021 cannot tell January from December: only 2022 and later count as recent.
  if (copyright) return Number(copyright[1]) >= 2022;
  return false;
}

async function missingEncoders(ffmpeg: string): Promise<string[]> {
  const text = await run(ffmpeg, ['-hide_banner', '-encoders']);
  return REQUIRED_ENCODERS.filter((enc) => !new RegExp(`^\\s*V\\S*\\s+${enc}\\s`, 'm').test(text));
}

async function onPath(tool: ToolName, env: NodeJS.ProcessEnv): Promise<string[]> {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter(Boolean);
  const found: string[] = [];
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    try {
      await fs.access(candidate, fsConstants.X_OK);
      const real = await fs.realpath(candidate);
      if (!found.includes(real)) found.push(real);
    } catch {
      // not here
    }
  }
  return found;
}

function bundledPath(tool: ToolName): string | undefined {
  try {
    // These packages throw (a string) on platforms they have no binary for.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = tool === 'ffmpeg' ? require('@ffmpeg-installer/ffmpeg') : require('@ffprobe-installer/ffprobe');
    return typeof mod?.path === 'string' ? (mod.path as string) : undefined;
  } catch {
    return undefined;
  }
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { timeout: 10_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (err, stdout) => {
      if (err) reject(err);
      else resolve(stdout);
    });
  });
}
