/**
 * Turns CLI flags into a protocol request. Pure, so every flag's parsing is tested without an engine.
 */
import fs from 'node:fs';
import { RushesError, parseRational, type GenerationRequest, type OutputFormat } from '@rushes/shared';

export interface GenerateFlags {
  duration?: string;
  frames?: string;
  fps?: string;
  size?: string;
  seed?: string;
  generator?: string;
  format?: string[];
  name?: string;
  timecode?: string;
  plan?: string;
}

const FORMATS: readonly OutputFormat[] = ['mp4', 'prores', 'png'];

export function requestFromFlags(prompt: string | undefined, f: GenerateFlags): GenerationRequest {
  const invalid = (msg: string): never => {
    throw new RushesError('E_INVALID', msg);
  };
  let plan: unknown;
  if (f.plan) {
    try {
      plan = JSON.parse(fs.readFileSync(f.plan, 'utf8'));
    } catch (e) {
      invalid(`--plan ${f.plan}: ${(e as Error).message}`);
    }
  }
  // An edited plan from `rushes plan --json` remembers its prompt under source.prompt.
  const planPrompt = (plan as { source?: { prompt?: unknown } } | undefined)?.source?.prompt;
  const text = prompt ?? (typeof planPrompt === 'string' ? planPrompt : '');
  if (!text.trim()) invalid('Give a prompt, e.g. rushes generate "slow dolly over a misty pine forest at dawn".');
  const req: GenerationRequest = { prompt: text };
  if (plan !== undefined) req.plan = plan;
  if (f.duration !== undefined) {
    const d = Number(f.duration.replace(/s$/, ''));
    if (!(d > 0)) invalid(`--duration must be a positive number of seconds (got "${f.duration}").`);
    req.durationSeconds = d;
  }
  if (f.frames !== undefined) {
    const n = Number(f.frames);
    if (!Number.isInteger(n) || n < 1) invalid(`--frames must be a positive whole number (got "${f.frames}").`);
    req.frames = n;
  }
  if (f.fps !== undefined) {
    const r = parseRational(f.fps);
    if (!r) invalid(`--fps must look like 24, 25, 29.97 or 24000/1001 (got "${f.fps}").`);
    req.fps = r!;
  }
  if (f.size !== undefined) {
    const m = /^(\d+)x(\d+)$/i.exec(f.size.trim());
    if (!m) invalid(`--size must look like 1920x1080 (got "${f.size}").`);
    req.width = Number(m![1]);
    req.height = Number(m![2]);
  }
  if (f.seed !== undefined) {
    const s = Number(f.seed);
    if (!Number.isInteger(s) || s < 0 || s > 4294967295) invalid(`--seed must be a whole number from 0 to 4294967295 (got "${f.seed}").`);
    req.seed = s;
  }
  if (f.generator) req.generator = f.generator;
  if (f.format?.length) {
    const formats = [...new Set(f.format.flatMap((x) => x.split(',')).map((x) => x.trim().toLowerCase()).filter(Boolean))];
    for (const x of formats) if (!FORMATS.includes(x as OutputFormat)) invalid(`--format must be mp4, prores or png (got "${x}").`);
    req.formats = formats as OutputFormat[];
  }
  if (f.name) req.name = f.name;
  if (f.timecode) req.startTimecode = f.timecode;
  return req;
}
