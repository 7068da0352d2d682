/** Shared fixtures for the Unreal bridge tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Output, Rational } from '@rushes/shared';
import type { ShotClip, ShotList } from '../../plugins/unreal-bridge/src';
import type { FakeRemoteControl } from './fakeRemoteControl';

export function tempDir(prefix = 'rushes-unreal-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** What the engine reports for a PNG sequence; writes the first frame so that the path exists. */
export function pngOutput(dir: string, base: string, frames: number, fps: Rational): Output {
  const folder = path.join(dir, `${base}_png`);
  fs.mkdirSync(folder, { recursive: true });
  const firstPath = path.join(folder, `${base}.000000.png`);
  fs.writeFileSync(firstPath, '');
  return {
    format: 'png',
    path: folder,
    mediaType: 'image/png',
    width: 64,
    height: 36,
    fps,
    frameCount: frames,
    durationSeconds: (frames * fps.den) / fps.num,
    startTimecode: '00:00:00:00',
    sha256: 'ab'.repeat(32),
    bytes: 0,
    sequence: { pattern: `${base}.%06d.png`, firstFrame: 0, lastFrame: frames - 1, firstPath },
  };
}

export function clipsFor(dir: string, list: ShotList, frames: Record<string, number>, tag = ''): Map<string, ShotClip> {
  const m = new Map<string, ShotClip>();
  for (const s of list.shots) {
    m.set(s.name, { jobId: `job-${s.name}${tag}`, seed: 7, output: pngOutput(dir, `${s.name}${tag}`, frames[s.name]!, list.defaults.fps) });
  }
  return m;
}

export function shotList(fps: Rational, shots: ShotList['shots'], master = { name: 'Previs', path: '/Game/Rushes' }): ShotList {
  return { defaults: { fps, width: 64, height: 36 }, master, shots };
}

type Assets = ReturnType<FakeRemoteControl['state']>['assets'];

/** The asset at "/Game/A/B" (stored under its object path "/Game/A/B.B"). */
export function asset(assets: Assets, assetPath: string) {
  const a = assets[`${assetPath}.${assetPath.split('/').pop()}`];
  if (!a) throw new Error(`no asset ${assetPath}; have ${Object.keys(assets).join(', ')}`);
  return a;
}

export function tracksOf(assets: Assets, assetPath: string, cls: string): Array<{ class: string; sections: any[] }> {
  return asset(assets, assetPath).data.tracks.filter((t: { class: string }) => t.class === cls);
}
