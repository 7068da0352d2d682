/**
 * `rushes unreal shots FILE`: a shot list in, a master Level Sequence with its shots out.
 * Order matters: Unreal is checked first (a setting missing in the project should not cost a render),
 * then the clips are generated as one group, then the sequences are built in one editor script.
 */
import fs from 'node:fs';
import { BridgeCode, BridgeError } from '../errors';
import { generateGroup, resolveEngine, type EngineSource, type GroupProgress } from '../engine/group';
import { layoutShots, planShots, type ShotClip, type ShotsPlan } from '../plan/layout';
import { parseShotList } from '../plan/shotList';
import type { PythonHost } from '../python/runner';
import { checkEditor, buildShots, type ShotsResult } from '../unreal/editor';

export interface ShotsOptions {
  file: string;
  master?: string;
}

export interface ShotsDeps {
  /** An open, checked Remote Control connection (see RemoteControlClient.connect). */
  unreal: PythonHost;
  /** The engine, or a getter called after the editor check. */
  engine: EngineSource;
  progress?: (p: GroupProgress) => void;
}

export interface ShotsSummary extends ShotsResult {
  generated: number;
  reused: number;
}

export function readShotListFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new BridgeError(BridgeCode.USAGE, `Cannot read the shot list ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BridgeError(BridgeCode.SHOTLIST_INVALID, `${file} is not JSON: ${(e as Error).message}`);
  }
}

/** Reads, validates and plans; no connection needed, so a bad file fails before anything is contacted. */
export function prepareShots(opts: ShotsOptions): ShotsPlan {
  return planShots(parseShotList(readShotListFile(opts.file), opts.file), opts.master);
}

export async function runShots(plan: ShotsPlan, deps: ShotsDeps): Promise<ShotsSummary> {
  await checkEditor(deps.unreal, 'shots');
  const results = await generateGroup(
    await resolveEngine(deps.engine),
    plan.shots.map((s) => ({ label: s.name, key: s.key, request: s.request })),
    deps.progress,
  );
  const clips = new Map<string, ShotClip>();
  for (const r of results) {
    const output = r.job.outputs.find((o) => o.format === 'png');
    if (!output) throw new BridgeError(BridgeCode.JOB_FAILED, `The engine made no PNG sequence for shot "${r.label}".`);
    clips.set(r.label, { jobId: r.job.id, seed: r.job.request.seed, output });
  }
  const data = layoutShots(plan, clips);
  const built = await buildShots(deps.unreal, data);
  return { ...built, generated: results.filter((r) => !r.deduplicated).length, reused: results.filter((r) => r.deduplicated).length };
}
