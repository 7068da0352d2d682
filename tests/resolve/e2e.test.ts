/**
 * End to end: a real engine daemon (testpattern generator, real ffmpeg), the plugin's own main-process code
 * (ResolveBridgeController: token from the engine home, EngineClient over Node `ws`, the fill flow, the host
 * adapter) and the strict fake Resolve behind the promise API. Markers in; clips rendered at the timeline's
 * rate and placed at the right frames on free tracks. The fake imports only files that exist and reads
 * their length with ffprobe, so an endFrame past the real file fails the append as Resolve would.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { Daemon } from '@rushes/engine';
import type { WebSocketConstructor } from '@rushes/shared';
import { ResolveBridgeController } from '../../plugins/resolve-bridge/src/app/controller';
import type { EventView } from '../../plugins/resolve-bridge/src/app/ipc';
import type { ResolveApi } from '../../plugins/resolve-bridge/src/host';
import { connect, ffprobePath, startTestDaemon, tmpHome } from '../helpers/engine';
import { asPromiseApi, FakeResolve, type MediaSpec } from './fake-resolve';

function probe(file: string): MediaSpec | null {
  if (!fs.existsSync(file)) return null;
  const r = spawnSync(ffprobePath(), ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets,r_frame_rate', '-of', 'json', file], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const s = JSON.parse(r.stdout).streams[0];
  return { frames: Number(s.nb_read_packets), fps: s.r_frame_rate };
}

describe('resolve end to end: markers -> engine -> clips on the timeline', function () {
  this.timeout(120000);
  let d: Daemon;
  const events: EventView[] = [];

  before(async () => {
    d = await startTestDaemon();
  });
  after(async () => {
    await d?.close();
  });

  function controller(home = d.home): ResolveBridgeController {
    return new ResolveBridgeController({
      resolve: async () => resolve,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      client: { name: 'rushes-resolve', version: '0.1.0', host: 'resolve (fake)' },
      url: d.url,
      home,
      emit: (e) => events.push(e),
    });
  }

  // A 23.976 timeline (project at 25): V1 has a shot and a hole; V2 is locked.
  const fake = new FakeResolve({
    projectFrameRate: '25',
    probe,
    timeline: {
      frameRate: '23.976',
      width: 320,
      height: 180,
      playhead: '01:00:05:00',
      tracks: [{ items: [{ start: 86400, end: 86424 }, { start: 86460, end: 86500 }] }, { locked: true }],
      markers: {
        24: { name: 'rushes: rain on a window, close-up' }, // point marker at the hole: 36 frames
        30: { name: 'shot 7', note: 'rushes: neon street at night', duration: 24 }, // overlaps the first
        200: { name: 'not a request' },
      },
    },
  });
  const resolve = asPromiseApi(fake) as unknown as ResolveApi;

  it('fills the tagged markers with clips at the right frames, on free tracks, in the Rushes bin', async () => {
    const c = controller();
    await c.connectEngine();
    const status = await c.status();
    assert.equal(status.engine.state, 'connected', status.engine.error ?? '');
    assert.ok(status.engine.generators.some((g) => g.id === 'testpattern'));
    assert.equal(status.timeline?.rate, '23.976');

    const result = await c.fill({ tag: 'rushes:', includeFilled: false, generator: 'testpattern' });
    assert.equal(result.outcomes.length, 2);
    for (const o of result.outcomes) assert.equal(o.error, null, o.error ?? '');
    // The hole on V1 (86424..86460) is free: the first clip fills it exactly. The second overlaps it; V2 is
    // locked, so a V3 is added.
    assert.deepEqual(result.outcomes.map((o) => [o.timecode, o.trackIndex]), [
      ['01:00:01:00', 1],
      ['01:00:01:06', 3],
    ]);
    assert.deepEqual(fake.timeline.itemsOn(1).map((i) => [i.start, i.end]), [
      [86400, 86424],
      [86424, 86460],
      [86460, 86500],
    ]);
    assert.equal(fake.timeline.itemsOn(2).length, 0);
    assert.deepEqual(fake.timeline.itemsOn(3).map((i) => [i.start, i.end]), [[86430, 86454]]);

    // The files the engine wrote: the timeline's exact rate, the requested length, in the engine's outputs.
    const bin = fake.mediaPool.root.subfolders.filter((f) => f.name === 'Rushes');
    assert.equal(bin.length, 1);
    assert.deepEqual(bin[0]!.clips.map((m) => [m.media.fps, m.media.frames]), [
      ['24000/1001', 36],
      ['24000/1001', 24],
    ]);
    for (const m of bin[0]!.clips) assert.ok(m.path.startsWith(d.paths.outputs + path.sep), m.path);
    const first = bin[0]!.clips[0]!.metadata;
    assert.match(first.Comments!, /^Rushes: rain on a window, close-up \| seed \d+ \| job \S+$/);
    assert.ok(events.some((e) => e.type === 'job' && e.state === 'running'), 'progress reached the UI');

    // Filling again places nothing twice.
    const again = await c.fill({ tag: 'rushes:', includeFilled: false, generator: 'testpattern' });
    assert.equal(again.outcomes.length, 0);
    assert.equal(again.skipped.length, 2);
    c.close();
  });

  it('generates at the playhead', async () => {
    const c = controller();
    await c.connectEngine();
    const o = await c.generateAtPlayhead({ prompt: 'slow dolly over a misty pine forest at dawn', durationSeconds: 1, generator: 'testpattern' });
    assert.equal(o.error, null, o.error ?? '');
    // 01:00:05:00 at 23.976 (non-drop) is 5 x 24 frames after 01:00:00:00.
    assert.equal(o.timecode, '01:00:05:00');
    assert.equal(o.trackIndex, 1);
    assert.deepEqual(fake.timeline.itemsOn(1).at(-1)!.start, 86520);
    assert.deepEqual(fake.timeline.itemsOn(1).at(-1)!.end, 86544);
    // The same request again: the engine returns the finished job (same idempotency key, no second render)
    // and the plugin, catching up from jobs.subscribe, places it on the next free track.
    const again = await c.generateAtPlayhead({ prompt: 'slow dolly over a misty pine forest at dawn', durationSeconds: 1, generator: 'testpattern' });
    assert.equal(again.error, null, again.error ?? '');
    assert.equal(again.jobId, o.jobId);
    assert.equal(again.trackIndex, 3);
    c.close();
  });

  it('renders a 29.97 drop-frame timeline at 30000/1001 with its drop-frame start timecode', async () => {
    const df = new FakeResolve({
      probe,
      timeline: { frameRate: '29.97 DF', width: 320, height: 180, markers: { 1800: { name: 'rushes: a cat on a sofa', duration: 30 } } },
    });
    const c = new ResolveBridgeController({
      resolve: async () => asPromiseApi(df) as unknown as ResolveApi,
      WebSocket: WebSocket as unknown as WebSocketConstructor,
      client: { name: 'rushes-resolve', version: '0.1.0', host: 'resolve (fake)' },
      url: d.url,
      home: d.home,
    });
    await c.connectEngine();
    const result = await c.fill({ tag: 'rushes:', includeFilled: false, generator: 'testpattern' });
    assert.equal(result.outcomes[0]!.error, null, result.outcomes[0]!.error ?? '');
    // 1800 frames after 01:00:00;00 is one minute on, where labels ;00 and ;01 are skipped.
    assert.equal(result.outcomes[0]!.timecode, '01:01:00;02');
    assert.deepEqual(df.timeline.itemsOn(1).map((i) => [i.start, i.end]), [[107892 + 1800, 107892 + 1830]]);
    const clip = df.mediaPool.root.subfolders[0]!.clips[0]!;
    assert.deepEqual([clip.media.fps, clip.media.frames], ['30000/1001', 30]);
    c.close();
  });

  it('pairs with a code when it cannot read the engine token', async () => {
    const admin = await connect(d);
    const { code } = await admin.call('pairing.create', {});
    admin.close();
    const c = controller(tmpHome('rushes-resolve-nohome-'));
    await c.connectEngine();
    assert.equal((await c.status()).engine.state, 'unauthorized');
    const status = await c.pair(code);
    assert.equal(status.engine.state, 'connected');
    c.close();
  });
});
