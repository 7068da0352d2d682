/**
 * End to end: a real engine daemon renders PNG sequences, the bridge's CLI drives the fake Remote
 * Control server, whose fake `unreal` module records what the generated Python did.
 * A shot list goes in; a master sequence with the right shots comes out, and a re-run changes nothing.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import type { Daemon } from '@rushes/engine';
import { runUnrealCli } from '../../plugins/unreal-bridge/src';
import { startTestDaemon } from '../helpers/engine';
import { FakeRemoteControl } from './fakeRemoteControl';
import { asset, tempDir, tracksOf } from './helpers';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runUnrealCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {} });
  return { code, stdout, stderr };
}

describe('unreal end to end: shot list -> engine (PNG) -> Remote Control -> Sequencer', function () {
  this.timeout(120_000);
  let d: Daemon;
  let fake: FakeRemoteControl;
  let dir: string;
  let listFile: string;
  let common: string[];

  before(async () => {
    d = await startTestDaemon();
    fake = await FakeRemoteControl.start();
    dir = tempDir();
    listFile = path.join(dir, 'shots.json');
    fs.writeFileSync(
      listFile,
      JSON.stringify({
        defaults: { fps: { num: 24000, den: 1001 }, width: 96, height: 54, generator: 'testpattern' },
        master: { name: 'Previs', path: '/Game/Rushes/E2E' },
        shots: [
          { name: 'SH010', prompt: 'misty pine forest at dawn', durationSeconds: 0.5, camera: 'slow dolly in' },
          { name: 'SH020', prompt: 'rain on a window, close-up', frames: 7, seed: 99 },
        ],
      }),
    );
    common = ['--rc-url', fake.wsUrl, '--engine-url', d.url, '--home', d.home, '--json'];
  });
  after(async () => {
    await fake?.close();
    await d?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds the master sequence with one shot per entry, playing the engine PNG sequences at 24000/1001', async () => {
    const r = await cli(['shots', listFile, ...common]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.master, '/Game/Rushes/E2E/Previs');
    assert.equal(out.generated, 2);
    assert.equal(out.reused, 0);
    // 0.5 s at 24000/1001 = round(11.988) = 12 frames; SH020 asked for 7.
    assert.deepEqual(
      out.shots.map((s: { name: string; range: number[] }) => [s.name, s.range]),
      [
        ['SH010', [0, 12]],
        ['SH020', [12, 19]],
      ],
    );
    assert.match(r.stderr, /"event":"progress"/);

    const assets = fake.state().assets;
    const master = asset(assets, '/Game/Rushes/E2E/Previs');
    assert.deepEqual(master.data.display_rate, [24000, 1001]);
    assert.deepEqual(master.data.playback, [0, 19]);
    const shotTrack = tracksOf(assets, '/Game/Rushes/E2E/Previs', 'MovieSceneCinematicShotTrack');
    assert.equal(shotTrack.length, 1);
    assert.deepEqual(
      shotTrack[0]!.sections.map((s: any) => [s.props.__sub_sequence.$ref, s.range]),
      [
        ['/Game/Rushes/E2E/Previs_Shots/SH010.SH010', [0, 12]],
        ['/Game/Rushes/E2E/Previs_Shots/SH020.SH020', [12, 19]],
      ],
    );
    for (const [name, frames] of [
      ['SH010', 12],
      ['SH020', 7],
    ] as const) {
      const media = tracksOf(assets, `/Game/Rushes/E2E/Previs_Shots/${name}`, 'MovieSceneMediaTrack');
      assert.equal(media.length, 1);
      assert.deepEqual(media[0]!.sections.map((s: any) => s.range), [[0, frames]]);
      const src = asset(assets, `/Game/Rushes/E2E/Previs_Shots/${name}_Media`);
      assert.equal(src.class, 'ImgMediaSource');
      assert.deepEqual(src.data.props.frame_rate_override, { $rate: [24000, 1001] });
      const first: string = src.data.props.__sequence_path;
      assert.ok(first.startsWith(d.paths.outputs + path.sep), first);
      assert.match(path.basename(first), /\.000000\.png$/);
      assert.deepEqual(fs.readFileSync(first).subarray(0, 8), PNG_SIGNATURE);
      const frameFiles = fs.readdirSync(path.dirname(first)).filter((f) => /\.\d{6}\.png$/.test(f));
      assert.equal(frameFiles.length, frames, `${name} has ${frames} frames on disk`);
      const shot = asset(assets, `/Game/Rushes/E2E/Previs_Shots/${name}`);
      assert.ok(shot.metadata['Rushes.JobId']);
    }
    assert.equal(asset(assets, '/Game/Rushes/E2E/Previs_Shots/SH020').metadata['Rushes.Seed'], '99');
    const log = fake.log();
    assert.deepEqual(log.filter((o) => ['deprecated', 'audit', 'inexact_ticks'].includes(o.op)), []);
  });

  it('re-running renders nothing and changes no structure', async () => {
    const before = fake.state().assets;
    fake.clearLog();
    const r = await cli(['shots', listFile, ...common]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.equal(out.generated, 0);
    assert.equal(out.reused, 2);
    assert.equal(out.masterCreated, false);
    const log = fake.log();
    assert.deepEqual(log.filter((o) => ['create_asset', 'add_track', 'add_section'].includes(o.op)), []);
    const after = fake.state().assets;
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    assert.deepEqual(asset(after, '/Game/Rushes/E2E/Previs').data.tracks, asset(before, '/Game/Rushes/E2E/Previs').data.tracks);
  });

  it('adds one clip at the playhead of the open sequence, at its rate', async () => {
    fake.setEditor({ current_sequence: '/Game/Rushes/E2E/Previs.Previs', current_time: 5 });
    const r = await cli(['add', '--prompt', 'a red kite over a hill', '--frames', '6', '--name', 'Kite', ...common]);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.range, [5, 11]);
    assert.equal(out.trackCreated, true);
    assert.deepEqual(out.sequence.fps, { num: 24000, den: 1001 });
    const media = tracksOf(fake.state().assets, '/Game/Rushes/E2E/Previs', 'MovieSceneMediaTrack');
    assert.equal(media.length, 1);
    assert.deepEqual(media[0]!.sections.map((s: any) => s.range), [[5, 11]]);
    const src = asset(fake.state().assets, out.mediaAssetPath);
    assert.ok(fs.existsSync(src.data.props.__sequence_path));

    const again = await cli(['add', '--prompt', 'a red kite over a hill', '--frames', '6', '--name', 'Kite', ...common]);
    assert.equal(again.code, 0, again.stderr);
    const second = JSON.parse(again.stdout);
    assert.equal(second.reused, true);
    assert.equal(second.deduplicated, true);
    assert.equal(tracksOf(fake.state().assets, '/Game/Rushes/E2E/Previs', 'MovieSceneMediaTrack')[0]!.sections.length, 1);
  });
});
