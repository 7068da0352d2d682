/**
 * What the bridge asks of the editor, one typed function per Python template. Each template is told
 * which `unreal` classes it relies on (`needs`), so a disabled plugin is named before anything changes.
 */
import type { Rational } from '@rushes/shared';
import type { ShotScriptData } from '../plan/layout';
import { runTemplate, type PythonHost } from '../python/runner';

/** [class on the unreal module, the plugin or module that provides it]. */
type Need = [string, string];

const ASSETS: Need[] = [
  ['EditorAssetLibrary', 'Editor Scripting Utilities'],
  ['AssetToolsHelpers', "the editor's Python API (Python Editor Script Plugin)"],
];
// MediaTexture (Media Framework) is optional: the scripts make one for each clip when the class exists.
const MEDIA: Need[] = [
  ['MovieSceneMediaTrack', 'Media Compositing'],
  ['ImgMediaSource', 'Img Media'],
  ['ImgMediaSourceFactoryNew', 'Img Media'],
];
const SEQUENCES: Need[] = [
  ['LevelSequence', 'Level Sequence Editor'],
  ['LevelSequenceFactoryNew', 'Level Sequence Editor'],
];

export const NEEDS = {
  shots: [...ASSETS, ...SEQUENCES, ['MovieSceneCinematicShotTrack', 'Sequencer'], ...MEDIA] as Need[],
  probe: [['LevelSequenceEditorBlueprintLibrary', 'Level Sequence Editor'], ['LevelSequence', 'Level Sequence Editor']] as Need[],
  add: [...ASSETS, ['LevelSequence', 'Level Sequence Editor'], ...MEDIA] as Need[],
};

/** Proves remote Python works and the plugins are there, before anything is rendered. */
export async function checkEditor(host: PythonHost, purpose: 'shots' | 'add'): Promise<void> {
  const needs = purpose === 'shots' ? NEEDS.shots : [...NEEDS.probe, ...NEEDS.add];
  await runTemplate(host, 'check', { needs }, 30_000);
}

export interface ShotsResult {
  master: string;
  masterCreated: boolean;
  totalFrames: number;
  fps: Rational;
  shots: Array<{ name: string; assetPath: string; created: boolean; sectionCreated: boolean; range: [number, number] }>;
  removed: string[];
}

export function buildShots(host: PythonHost, data: ShotScriptData): Promise<ShotsResult> {
  return runTemplate<ShotsResult>(host, 'shots', { ...data, needs: NEEDS.shots });
}

export interface OpenSequence {
  sequencePath: string;
  name: string;
  fps: Rational;
  currentFrame: number;
  playbackEnd: number;
}

export function probeSequence(host: PythonHost): Promise<OpenSequence> {
  return runTemplate<OpenSequence>(host, 'probe', { needs: NEEDS.probe }, 30_000);
}

export interface AddClipData {
  sequencePath: string;
  start: number;
  frames: number;
  fps: Rational;
  mediaAssetPath: string;
  textureAssetPath: string;
  firstFramePath: string;
  tags: Record<string, string>;
}

export interface AddClipResult {
  sequencePath: string;
  trackIndex: number;
  trackCreated: boolean;
  reused: boolean;
  mediaCreated: boolean;
  mediaAssetPath: string;
  range: [number, number];
  playbackExtended: boolean;
}

export function addClip(host: PythonHost, data: AddClipData): Promise<AddClipResult> {
  return runTemplate<AddClipResult>(host, 'add_clip', { ...data, needs: NEEDS.add });
}
