/**
 * The editor-side Python, run for real (python3) against the strict fake `unreal` module behind the fake
 * Remote Control server: what it creates, with which classes and methods, ranges and rates, and that
 * re-running updates instead of duplicating.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import {
  BridgeCode,
  RemoteControlClient,
  addClip,
  buildShots,
  isBridgeError,
  layoutShots,
  planShots,
  probeSequence,
  type ShotList,
} from '../../plugins/unreal-bridge/src';
import type { Rational } from '@rushes/shared';
import { FakeRemoteControl, type LogOp } from './fakeRemoteControl';
import { asset, clipsFor, pngOutput, shotList, tempDir, tracksOf } from './helpers';

const NTSC: Rational = { num: 24000, den: 1001 };

describe('unreal/editor scripts (fake unreal module)', function () {
  let fake: FakeRemoteControl;
  let rc: RemoteControlClient;
  let dir: string;

  beforeEach(async () => {
    fake = await FakeRemoteControl.start();
    rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    dir = tempDir();
  });
  afterEach(async () => {
    await rc.close();
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const three = (fps: Rational): ShotList =>
    shotList(fps, [
      { name: 'SH010', prompt: 'misty pine forest at dawn', durationSeconds: 2 },
      { name: 'SH020', prompt: 'rain on a window, close-up', frames: 30, camera: 'locked-off' },
      { name: 'SH030', prompt: 'slow dolly over a canyon', durationSeconds: 1.5 },
    ]);

  async function build(list: ShotList, frames: Record<string, number>, tag = '') {
    const plan = planShots(list);
    return { plan, result: await buildShots(rc, layoutShots(plan, clipsFor(dir, list, frames, tag))) };
  }

  const ops = (log: LogOp[], op: string) => log.filter((l) => l.op === op);

  function assertClean(log: LogOp[]) {
    assert.deepEqual(ops(log, 'deprecated'), [], 'no deprecated API');
    assert.deepEqual(ops(log, 'audit'), [], 'no process started');
    assert.deepEqual(ops(log, 'inexact_ticks'), [], 'every frame is a whole number of ticks');
    assert.deepEqual(ops(log, 'create_asset_refused'), [], 'never creates over an existing asset');
    for (const [p, a] of Object.entries(fake.state().assets)) assert.equal(a.saved_revision, a.revision, `${p} saved`);
  }

  it('builds a master with a cinematic shot track and one media-track shot sequence per shot (24000/1001)', async () => {
    const list = three(NTSC);
    // 2 s at 24000/1001 = 48 frames; 1.5 s = 36.
    const { plan, result } = await build(list, { SH010: 48, SH020: 30, SH030: 36 });
    assert.deepEqual(
      plan.shots.map((s) => s.frames),
      [48, 30, 36],
    );
    assert.equal(result.master, '/Game/Rushes/Previs');
    assert.equal(result.masterCreated, true);
    assert.equal(result.totalFrames, 114);
    assert.equal(plan.tickResolution, null, '24000 ticks/s hold whole frames at 24000/1001: left alone');
    assert.deepEqual(ops(fake.log(), 'set_tick_resolution'), []);
    assert.deepEqual(
      result.shots.map((s) => s.range),
      [
        [0, 48],
        [48, 78],
        [78, 114],
      ],
    );

    const log = fake.log();
    assertClean(log);
    const created = ops(log, 'create_asset').map((o) => [o.path, o.cls, o.factory]);
    assert.deepEqual(created.filter((c) => c[1] === 'LevelSequence').map((c) => c[0]).sort(), [
      '/Game/Rushes/Previs.Previs',
      '/Game/Rushes/Previs_Shots/SH010.SH010',
      '/Game/Rushes/Previs_Shots/SH020.SH020',
      '/Game/Rushes/Previs_Shots/SH030.SH030',
    ]);
    assert.ok(created.every((c) => (c[1] === 'LevelSequence') === (c[2] === 'LevelSequenceFactoryNew')));
    assert.equal(created.filter((c) => c[1] === 'ImgMediaSource' && c[2] === 'ImgMediaSourceFactoryNew').length, 3);
    assert.equal(created.filter((c) => c[1] === 'MediaTexture' && c[2] === 'MediaTextureFactoryNew').length, 3);

    const assets = fake.state().assets;
    const master = asset(assets, '/Game/Rushes/Previs');
    assert.deepEqual(master.data.display_rate, [24000, 1001]);
    assert.deepEqual(master.data.playback, [0, 114]);
    assert.deepEqual(master.data.tracks.map((t: { class: string }) => t.class), ['MovieSceneCinematicShotTrack']);
    const sections = master.data.tracks[0].sections;
    assert.deepEqual(
      sections.map((s: any) => [s.class, s.props.__sub_sequence.$ref, s.range, s.props.__shot_display_name]),
      [
        ['MovieSceneCinematicShotSection', '/Game/Rushes/Previs_Shots/SH010.SH010', [0, 48], 'SH010'],
        ['MovieSceneCinematicShotSection', '/Game/Rushes/Previs_Shots/SH020.SH020', [48, 78], 'SH020'],
        ['MovieSceneCinematicShotSection', '/Game/Rushes/Previs_Shots/SH030.SH030', [78, 114], 'SH030'],
      ],
    );

    for (const [name, frames] of [
      ['SH010', 48],
      ['SH020', 30],
      ['SH030', 36],
    ] as const) {
      const shot = asset(assets, `/Game/Rushes/Previs_Shots/${name}`);
      assert.deepEqual(shot.data.display_rate, [24000, 1001]);
      assert.deepEqual(shot.data.tick_resolution, [24000, 1]);
      assert.deepEqual(shot.data.playback, [0, frames]);
      const media = tracksOf(assets, `/Game/Rushes/Previs_Shots/${name}`, 'MovieSceneMediaTrack');
      assert.equal(media.length, 1);
      assert.equal(shot.data.tracks.length, 1);
      assert.equal(media[0]!.sections.length, 1);
      const section = media[0]!.sections[0];
      assert.equal(section.class, 'MovieSceneMediaSection');
      assert.deepEqual(section.range, [0, frames]);
      assert.equal(section.props.media_source.$ref, `/Game/Rushes/Previs_Shots/${name}_Media.${name}_Media`);
      assert.equal(section.props.media_texture.$ref, `/Game/Rushes/Previs_Shots/${name}_Tex.${name}_Tex`);
      const src = asset(assets, `/Game/Rushes/Previs_Shots/${name}_Media`);
      assert.equal(src.class, 'ImgMediaSource');
      assert.equal(src.data.props.__sequence_path, path.join(dir, `${name}_png`, `${name}.000000.png`));
      assert.deepEqual(src.data.props.frame_rate_override, { $rate: [24000, 1001] });
      assert.equal(shot.metadata['Rushes.Seed'], '7');
      assert.equal(shot.metadata['Rushes.JobId'], `job-${name}`);
    }
    assert.ok(ops(log, 'set_sequence_path').every((o) => o.exists === true));
    assert.equal(asset(assets, '/Game/Rushes/Previs_Shots/SH020').metadata['Rushes.Prompt'], 'rain on a window, close-up. Camera: locked-off');
  });

  it('uses a tick resolution that holds whole frames at 30000/1001', async () => {
    const list = three({ num: 30000, den: 1001 });
    const { plan } = await build(list, { SH010: 60, SH020: 30, SH030: 45 });
    assert.deepEqual(plan.tickResolution, { num: 24030000, den: 1001 });
    const log = fake.log();
    assertClean(log);
    const set = ops(log, 'set_tick_resolution');
    assert.equal(set.length, 4, 'master and three shots');
    assert.ok(set.every((o) => o.num === 24030000 && o.den === 1001));
    const master = asset(fake.state().assets, '/Game/Rushes/Previs');
    assert.deepEqual(master.data.display_rate, [30000, 1001]);
    assert.deepEqual(master.data.tick_resolution, [24030000, 1001]);
  });

  it('re-running updates the same shots: no new assets, tracks or sections', async () => {
    const list = three({ num: 25, den: 1 });
    const frames = { SH010: 50, SH020: 30, SH030: 38 };
    await build(list, frames);
    const before = fake.state().assets;
    fake.clearLog();

    const { result } = await build(list, frames);
    const log = fake.log();
    assertClean(log);
    assert.deepEqual(ops(log, 'create_asset'), []);
    assert.deepEqual(ops(log, 'add_track'), []);
    assert.deepEqual(ops(log, 'add_section'), []);
    assert.equal(result.masterCreated, false);
    assert.ok(result.shots.every((s) => !s.created && !s.sectionCreated));
    const after = fake.state().assets;
    assert.deepEqual(Object.keys(after).sort(), Object.keys(before).sort());
    assert.deepEqual(asset(after, '/Game/Rushes/Previs').data.tracks, asset(before, '/Game/Rushes/Previs').data.tracks);
  });

  it('follows an edited list: new clips swap in, lengths re-lay the master, dropped shots leave it, hand-made sections stay', async () => {
    const list = three({ num: 24, den: 1 });
    await build(list, { SH010: 48, SH020: 30, SH030: 36 });
    // A shot sequence the artist made by hand and put on the master's shot track.
    const st = fake.state();
    st.assets['/Game/Mine/Insert.Insert'] = {
      class: 'LevelSequence',
      revision: 1,
      saved_revision: 1,
      metadata: {},
      data: { display_rate: [24, 1], tick_resolution: [24000, 1], playback: [0, 10], tracks: [] },
    };
    st.assets['/Game/Rushes/Previs.Previs']!.data.tracks[0].sections.push({
      class: 'MovieSceneCinematicShotSection',
      range: [500, 510],
      props: { __sub_sequence: { $ref: '/Game/Mine/Insert.Insert' } },
    });
    fs.writeFileSync(fake.stateFile, JSON.stringify(st));
    fake.clearLog();

    const edited = shotList({ num: 24, den: 1 }, [
      { name: 'SH030', prompt: 'slow dolly over a canyon at dusk', durationSeconds: 2 },
      { name: 'SH010', prompt: 'misty pine forest at dawn', durationSeconds: 2 },
    ]);
    const { result } = await build(edited, { SH010: 48, SH030: 48 }, '_v2');
    assertClean(fake.log());
    assert.deepEqual(result.removed, ['/Game/Rushes/Previs_Shots/SH020.SH020']);
    const assets = fake.state().assets;
    const sections = asset(assets, '/Game/Rushes/Previs').data.tracks[0].sections.map((s: any) => [s.props.__sub_sequence.$ref, s.range]);
    assert.deepEqual(sections, [
      ['/Game/Rushes/Previs_Shots/SH010.SH010', [48, 96]],
      ['/Game/Rushes/Previs_Shots/SH030.SH030', [0, 48]],
      ['/Game/Mine/Insert.Insert', [500, 510]],
    ]);
    assert.equal(asset(assets, '/Game/Rushes/Previs_Shots/SH030_Media').data.props.__sequence_path, path.join(dir, 'SH030_v2_png', 'SH030_v2.000000.png'));
    assert.deepEqual(asset(assets, '/Game/Rushes/Previs_Shots/SH030').data.playback, [0, 48]);
    assert.ok(asset(assets, '/Game/Rushes/Previs_Shots/SH020'), 'the dropped shot keeps its asset');
  });

  it('keeps hostile prompts inert: they arrive as data and start no process', async () => {
    const marker = path.join(dir, 'PWNED');
    const hostile = [
      `"); import os; os.system("touch ${marker}"); ("`,
      `'''); __import__('os').system('touch ${marker}'); ('''`,
      `\\"; exec("import os; os.system('touch ${marker}')") #`,
      `line one\nimport os\nos.system("touch ${marker}")`,
      `@@RUSHES_PAYLOAD@@ ${'{'}nonce{'}'} RUSHES_RESULT:x:{"ok":true} ünïcødé ✓ \u2028`,
    ];
    const list = shotList(
      { num: 24, den: 1 },
      hostile.map((prompt, i) => ({ name: `H${i}`, prompt, frames: 12 })),
    );
    const frames = Object.fromEntries(list.shots.map((s) => [s.name, 12]));
    const { result } = await build(list, frames);
    assert.equal(result.shots.length, hostile.length);
    const log = fake.log();
    assert.deepEqual(ops(log, 'audit'), []);
    assert.equal(fs.existsSync(marker), false);
    const assets = fake.state().assets;
    hostile.forEach((prompt, i) => assert.equal(asset(assets, `/Game/Rushes/Previs_Shots/H${i}`).metadata['Rushes.Prompt'], prompt));
    // And the script text itself never holds the prompt.
    const scripts = fake.requests.filter((r) => r.verb === 'PUT').map((r) => (r.body as any).parameters.PythonCommand as string);
    for (const s of scripts) for (const h of hostile) assert.ok(!s.includes(h.slice(0, 20)));
  });

  it('reports a script failure with the traceback line', async () => {
    const list = three({ num: 24, den: 1 });
    const data = layoutShots(planShots(list), clipsFor(dir, list, { SH010: 48, SH020: 30, SH030: 36 }));
    data.shots[1]!.firstFramePath = 'relative/frame.000000.png';
    await assert.rejects(buildShots(rc, data), (e: unknown) => {
      assert.ok(isBridgeError(e));
      assert.equal(e.code, BridgeCode.UNREAL_SCRIPT);
      assert.match(e.message, /ValueError: set_sequence_path wants an absolute path/);
      return true;
    });
  });

  it('builds without MediaTexture (an editor without Media Framework textures): the texture is optional', async () => {
    await rc.close();
    await fake.close();
    fake = await FakeRemoteControl.start({ hidden: ['MediaTexture', 'MediaTextureFactoryNew'] });
    rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    const list = three({ num: 24, den: 1 });
    const { result } = await build(list, { SH010: 48, SH020: 30, SH030: 36 });
    assert.equal(result.shots.length, 3);
    const assets = fake.state().assets;
    assert.ok(Object.values(assets).every((a) => a.class !== 'MediaTexture'));
    const section = tracksOf(assets, '/Game/Rushes/Previs_Shots/SH010', 'MovieSceneMediaTrack')[0]!.sections[0];
    assert.equal(section.props.media_texture, undefined);
    assert.equal(section.props.media_source.$ref, '/Game/Rushes/Previs_Shots/SH010_Media.SH010_Media');
    assertClean(fake.log());
  });

  it('refuses to build over an asset of another class', async () => {
    fake.putAsset('/Game/Rushes/Previs.Previs', { class: 'MediaTexture', data: { props: {} } });
    const list = three({ num: 24, den: 1 });
    await assert.rejects(build(list, { SH010: 48, SH020: 30, SH030: 36 }), (e: unknown) => {
      assert.ok(isBridgeError(e));
      assert.equal(e.code, BridgeCode.UNREAL_ASSET_CONFLICT);
      assert.match(e.message, /\/Game\/Rushes\/Previs already exists and is not a LevelSequence/);
      return true;
    });
  });

  describe('add at the playhead', () => {
    const SEQ = '/Game/Cine/Edit.Edit';
    beforeEach(() => {
      fake.putAsset(SEQ, {
        class: 'LevelSequence',
        data: {
          display_rate: [24000, 1001],
          tick_resolution: [24000, 1],
          playback: [0, 200],
          tracks: [
            {
              class: 'MovieSceneMediaTrack',
              sections: [{ class: 'MovieSceneMediaSection', range: [100, 150], props: {} }],
            },
          ],
        },
      });
      fake.setEditor({ current_sequence: SEQ, current_time: 120 });
    });

    it('reads the open sequence, its rate and the playhead', async () => {
      const seq = await probeSequence(rc);
      assert.deepEqual(seq, { sequencePath: SEQ, name: 'Edit', fps: { num: 24000, den: 1001 }, currentFrame: 120, playbackEnd: 200 });
    });

    it('says so when no sequence is open', async () => {
      fake.setEditor({ current_sequence: null });
      await assert.rejects(probeSequence(rc), (e: unknown) => isBridgeError(e) && e.code === BridgeCode.UNREAL_NO_SEQUENCE && /No Level Sequence is open/.test(e.message));
    });

    it('places the clip on a free media track, extends playback, and does not double it on a re-run', async () => {
      const out = pngOutput(dir, 'clip', 100, NTSC);
      const data = {
        sequencePath: SEQ,
        start: 120,
        frames: 100,
        fps: NTSC,
        mediaAssetPath: '/Game/Rushes/Clips/Clip_0123abcd_Media',
        textureAssetPath: '/Game/Rushes/Clips/Clip_0123abcd_Tex',
        firstFramePath: out.sequence!.firstPath,
        tags: { Prompt: 'x' },
      };
      const first = await addClip(rc, data);
      assert.deepEqual(first, {
        sequencePath: SEQ,
        trackIndex: 1,
        trackCreated: true,
        reused: false,
        mediaCreated: true,
        mediaAssetPath: data.mediaAssetPath,
        range: [120, 220],
        playbackExtended: true,
      });
      const again = await addClip(rc, data);
      assert.equal(again.reused, true);
      assert.equal(again.trackIndex, 1);
      const tracks = tracksOf(fake.state().assets, '/Game/Cine/Edit', 'MovieSceneMediaTrack');
      assert.equal(tracks.length, 2);
      assert.deepEqual(
        tracks.map((t) => t.sections.map((s: any) => s.range)),
        [[[100, 150]], [[120, 220]]],
      );
      assert.deepEqual(asset(fake.state().assets, '/Game/Cine/Edit').data.playback, [0, 220]);
      // A clip that fits after the existing section goes on the first track.
      const later = await addClip(rc, { ...data, start: 150, frames: 10, mediaAssetPath: '/Game/Rushes/Clips/Clip_99_Media', textureAssetPath: '/Game/Rushes/Clips/Clip_99_Tex' });
      assert.equal(later.trackIndex, 0);
      assert.equal(later.trackCreated, false);
      assertClean(fake.log());
    });
  });
});

describe('unreal/fake unreal module is strict', () => {
  it('rejects float frames, unknown methods, the deprecated add_master_track and wrong factories', async () => {
    const fake = await FakeRemoteControl.start();
    const rc = await RemoteControlClient.connect({ url: fake.httpUrl });
    const cases: Array<[string, RegExp]> = [
      ['seq.add_track(unreal.MovieSceneMediaTrack).add_section().set_range(0, 10.5)', /TypeError: set_range end_frame: expected an int/],
      ['seq.set_playback_end(True)', /TypeError: set_playback_end: expected an int/],
      ['seq.add_master_track(unreal.MovieSceneMediaTrack)', /add_master_track is deprecated/],
      ['seq.set_display_rate(24)', /TypeError: set_display_rate: expected unreal.FrameRate/],
      ['seq.add_track(unreal.MovieSceneMediaTrack).add_section().set_editor_property("media", None)', /Failed to find property 'media'/],
      ['seq.make_it_so()', /AttributeError: 'LevelSequence' object has no attribute 'make_it_so'/],
      ['unreal.MovieSceneAudioTrack', /module 'unreal' has no attribute 'MovieSceneAudioTrack'/],
      ['unreal.AssetToolsHelpers.get_asset_tools().create_asset("M", "/Game/T", unreal.ImgMediaSource, unreal.LevelSequenceFactoryNew())', /does not make ImgMediaSource/],
      ['seq.add_track(unreal.MovieSceneMediaTrack).add_section().set_range(0, 10)', /^ok$/],
    ];
    // One interpreter for all cases: each statement runs on its own and reports how it ended.
    const script = [
      'import unreal',
      'seq = unreal.AssetToolsHelpers.get_asset_tools().create_asset("S", "/Game/T", unreal.LevelSequence, unreal.LevelSequenceFactoryNew())',
      'assert seq is not None',
      `for i, stmt in enumerate(${JSON.stringify(cases.map((c) => c[0]))}):`,
      '    try:',
      '        exec(stmt)',
      '        print("CASE", i, "ok")',
      '    except BaseException as e:',
      '        print("CASE", i, type(e).__name__ + ": " + str(e))',
    ].join('\n');
    try {
      const r = await rc.call('/Script/PythonScriptPlugin.Default__PythonScriptLibrary', 'ExecutePythonCommandEx', {
        PythonCommand: script,
        ExecutionMode: 'ExecuteFile',
        FileExecutionScope: 'Private',
      });
      assert.equal(r.ReturnValue, true, String(r.CommandResult));
      assert.equal(r.CommandResult, 'None');
      const lines = (r.LogOutput as Array<{ Output: string }>).map((l) => l.Output);
      cases.forEach(([stmt, expected], i) => {
        const line = lines.find((l) => l.startsWith(`CASE ${i} `));
        assert.ok(line, stmt);
        assert.match(line.slice(`CASE ${i} `.length), expected, stmt);
      });
      // The statement modes cannot run a multi-line script, as in the editor.
      const stmt = await rc.call('/Script/PythonScriptPlugin.Default__PythonScriptLibrary', 'ExecutePythonCommandEx', {
        PythonCommand: script,
        ExecutionMode: 'ExecuteStatement',
        FileExecutionScope: 'Private',
      });
      assert.equal(stmt.ReturnValue, false);
    } finally {
      await rc.close();
      await fake.close();
    }
  });
});
