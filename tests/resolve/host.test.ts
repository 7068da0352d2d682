import assert from 'node:assert/strict';
import {
  placeClips,
  readFillTargets,
  readPlayheadTarget,
  ResolveBridgeError,
  scanMarkers,
  type ClipToPlace,
  type FillTarget,
  type ResolveApi,
} from '../../plugins/resolve-bridge/src/host';
import { asPromiseApi, FakeResolve, type FakeOptions } from './fake-resolve';

const api = (fake: FakeResolve): ResolveApi => fake as unknown as ResolveApi;

/** A fake whose media library has one long clip per target, so placement can be tested without an engine. */
function clipsFor(targets: FillTarget[], fake: FakeResolve): ClipToPlace[] {
  return targets.map((t, i) => {
    const path = `/renders/shot-${i + 1}.mp4`;
    fake.options.media![path] = { frames: t.duration + 10 };
    return { path, recordFrame: t.recordFrame, frames: t.duration, prompt: t.prompt, seed: 1000 + i, jobId: `job-${i + 1}`, markerFrame: t.markerFrame };
  });
}

function make(options: FakeOptions): FakeResolve {
  return new FakeResolve({ media: {}, ...options });
}

async function fillAll(fake: FakeResolve, resolve: ResolveApi = api(fake)) {
  const targets = await readFillTargets(resolve);
  const results = await placeClips(resolve, clipsFor(targets, fake));
  return { targets, results };
}

async function rejectsWith(p: Promise<unknown>, code: string): Promise<ResolveBridgeError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ResolveBridgeError, `expected ResolveBridgeError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

describe('resolve host adapter', () => {
  describe('timeline frame rates', () => {
    const cases = [
      // rate, start frame by hand, rational, drop-frame
      { rate: '23.976', start: 86400, fps: { num: 24000, den: 1001 }, df: false, tc: '01:00:04:04' },
      { rate: '24', start: 86400, fps: { num: 24, den: 1 }, df: false, tc: '01:00:04:04' },
      { rate: '25', start: 90000, fps: { num: 25, den: 1 }, df: false, tc: '01:00:04:00' },
      // 100 frames into a 29.97 DF timeline: 3 s 10 f; labels are not skipped until the first minute.
      { rate: '29.97 DF', start: 107892, fps: { num: 30000, den: 1001 }, df: true, tc: '01:00:03;10' },
      { rate: '59.94', start: 216000, fps: { num: 60000, den: 1001 }, df: false, tc: '01:00:01:40' },
    ];
    for (const c of cases) {
      it(`fills a marker on a ${c.rate} timeline at its absolute frame, at the timeline's rate and size`, async () => {
        const fake = make({
          projectFrameRate: '25',
          timeline: { frameRate: c.rate, width: 3840, height: 2160, markers: { 100: { name: 'rushes: rain on a window, close-up', duration: 48 } } },
        });
        const { targets, results } = await fillAll(fake);
        assert.equal(targets.length, 1);
        const t = targets[0]!;
        assert.deepEqual(t.fps, c.fps, 'the timeline rate, not the project rate (25)');
        assert.equal(t.dropFrame, c.df);
        assert.equal(t.recordFrame, c.start + 100);
        assert.equal(t.duration, 48);
        assert.equal(t.durationSource, 'marker');
        assert.equal(t.width, 3840);
        assert.equal(t.height, 2160);
        assert.equal(t.prompt, 'rain on a window, close-up');
        assert.equal(t.timecode, c.tc);
        assert.ok(results[0]!.ok);
        const [item] = fake.timeline.itemsOn(1);
        assert.equal(item!.start, c.start + 100);
        assert.equal(item!.end, c.start + 148);
      });
    }

    it('reports the project rate when it differs from the timeline rate', async () => {
      const fake = make({ projectFrameRate: '25', timeline: { frameRate: '23.976' } });
      const scan = await scanMarkers(api(fake));
      assert.equal(scan.timeline.projectRateLabel, '25');
      assert.equal(scan.timeline.rateLabel, '23.976');
    });
  });

  describe('markers', () => {
    it('reads the tag from the name or the note, case-insensitively, and ignores other markers', async () => {
      const fake = make({
        timeline: {
          frameRate: '24',
          floatMarkerKeys: true,
          markers: {
            0: { name: 'Rushes: opening drone shot', duration: 24 },
            48: { name: 'shot 2', note: 'rushes: rain on a window', duration: 24 },
            96: { name: 'rushes:', note: 'a cat on a sofa', duration: 24 },
            144: { name: 'fix colour here', duration: 24 },
            192: { name: 'rushes:', duration: 24 },
          },
        },
      });
      const scan = await scanMarkers(api(fake));
      assert.deepEqual(
        scan.targets.map((t) => [t.markerFrame, t.prompt]),
        [
          [0, 'opening drone shot'],
          [48, 'rain on a window'],
          [96, 'a cat on a sofa'],
        ],
      );
      assert.equal(scan.skipped.length, 1);
      assert.match(scan.skipped[0]!.reason, /no description/);
    });

    it('sizes a point marker to the rest of the gap it sits in on V1', async () => {
      const fake = make({
        timeline: {
          frameRate: '24',
          tracks: [{ items: [{ start: 86400, end: 86500 }, { start: 86600, end: 86700 }] }],
          markers: { 100: { name: 'rushes: the gap' }, 150: { name: 'rushes: half the gap', duration: 1 } },
        },
      });
      const targets = await readFillTargets(api(fake));
      assert.deepEqual(
        targets.map((t) => [t.recordFrame, t.duration, t.durationSource]),
        [
          [86500, 100, 'gap'],
          [86550, 50, 'gap'],
        ],
      );
    });

    it('places a marker past the timeline end with the default length (5 s at the timeline rate)', async () => {
      const fake = make({
        timeline: { frameRate: '25', tracks: [{ items: [{ start: 90000, end: 90250 }] }], markers: { 1000: { name: 'rushes: after the end' } } },
      });
      const { targets, results } = await fillAll(fake);
      assert.equal(targets[0]!.recordFrame, 91000);
      assert.equal(targets[0]!.duration, 125);
      assert.equal(targets[0]!.durationSource, 'default');
      assert.ok(results[0]!.ok);
      assert.deepEqual(
        fake.timeline.itemsOn(1).map((i) => [i.start, i.end]),
        [
          [90000, 90250],
          [91000, 91125],
        ],
      );
    });

    it('fills an empty timeline on V1', async () => {
      const fake = make({ timeline: { frameRate: '23.976', markers: { 0: { name: 'rushes: first shot' }, 240: { name: 'rushes: second', duration: 48 } } } });
      const { targets } = await fillAll(fake);
      // 5 s at 24000/1001 = 119.88 -> 120 frames.
      assert.deepEqual(targets.map((t) => [t.recordFrame, t.duration]), [
        [86400, 120],
        [86640, 48],
      ]);
      assert.deepEqual(fake.timeline.itemsOn(1).map((i) => [i.start, i.end]), [
        [86400, 86520],
        [86640, 86688],
      ]);
      assert.equal(fake.timeline.video.length, 1, 'no track added');
    });

    it('marks filled markers and skips them on the next scan', async () => {
      const fake = make({ timeline: { frameRate: '24', markers: { 10: { name: 'rushes: once', duration: 24 } } } });
      await fillAll(fake);
      assert.match(fake.timeline.markers.get(10)!.customData, /^rushes:filled job=job-1/);
      const again = await scanMarkers(api(fake));
      assert.equal(again.targets.length, 0);
      assert.match(again.skipped[0]!.reason, /Already filled/);
      assert.equal((await scanMarkers(api(fake), { includeFilled: true })).targets.length, 1);
    });
  });

  describe('placement', () => {
    it('puts overlapping markers on different tracks, adding one when every track is busy', async () => {
      const fake = make({
        timeline: {
          frameRate: '24',
          tracks: [{ items: [{ start: 86400, end: 87000 }] }, {}],
          markers: { 100: { name: 'rushes: a', duration: 100 }, 150: { name: 'rushes: b', duration: 100 }, 400: { name: 'rushes: c', duration: 10 } },
        },
      });
      const { results } = await fillAll(fake);
      // V1 is full; a goes on V2; b overlaps a so needs V3 (added); c is free on V2 again.
      assert.deepEqual(results.map((r) => (r.ok ? r.trackIndex : 0)), [2, 3, 2]);
      assert.equal(fake.callsTo('AddTrack').length, 1);
      assert.deepEqual(fake.timeline.itemsOn(3).map((i) => [i.start, i.end]), [[86550, 86650]]);
      assert.deepEqual(fake.timeline.itemsOn(1).map((i) => [i.start, i.end]), [[86400, 87000]], 'V1 untouched');
    });

    it('never uses a locked track', async () => {
      const fake = make({ timeline: { frameRate: '24', tracks: [{ locked: true }], markers: { 0: { name: 'rushes: x', duration: 24 } } } });
      const { results } = await fillAll(fake);
      assert.ok(results[0]!.ok);
      assert.equal(results[0]!.ok && results[0]!.trackIndex, 2);
      assert.equal(fake.timeline.itemsOn(1).length, 0);
    });

    it('skips a locked track with a free span in favour of the lowest free unlocked one', async () => {
      const fake = make({
        timeline: { frameRate: '24', tracks: [{ items: [{ start: 86400, end: 86500 }] }, { locked: true }, {}], markers: { 0: { name: 'rushes: x', duration: 24 } } },
      });
      const { results } = await fillAll(fake);
      assert.equal(results[0]!.ok && results[0]!.trackIndex, 3);
      assert.equal(fake.callsTo('AddTrack').length, 0);
    });

    it('imports into a single "Rushes" bin, made current before ImportMedia, and restores the editor\'s folder', async () => {
      const fake = make({ timeline: { frameRate: '24', markers: { 0: { name: 'rushes: a', duration: 24 }, 48: { name: 'rushes: b', duration: 24 } } } });
      const pool = fake.mediaPool;
      const editorsBin = pool.AddSubFolder(pool.root, 'Dailies')!;
      pool.SetCurrentFolder(editorsBin);
      await fillAll(fake);
      const bins = pool.root.subfolders.filter((f) => f.name === 'Rushes');
      assert.equal(bins.length, 1);
      assert.equal(bins[0]!.clips.length, 2);
      assert.equal(editorsBin.clips.length, 0);
      for (const imp of fake.callsTo('ImportMedia')) assert.equal(imp.args[1], 'Rushes', 'current folder at import time');
      assert.equal(pool.current, editorsBin);
      // A second run reuses the bin.
      fake.timeline.markers.set(200, { name: 'rushes: c', note: '', color: 'Blue', duration: 24, customData: '' });
      await fillAll(fake);
      assert.equal(pool.root.subfolders.filter((f) => f.name === 'Rushes').length, 1);
    });

    it('writes prompt, seed and job id into the clip metadata', async () => {
      const fake = make({ timeline: { frameRate: '24', markers: { 0: { name: 'rushes: misty pines at dawn', duration: 24 } } } });
      const { results } = await fillAll(fake);
      const r = results[0]!;
      assert.ok(r.ok);
      const md = fake.mediaPool.root.subfolders[0]!.clips[0]!.metadata;
      assert.equal(md.Comments, 'Rushes: misty pines at dawn | seed 1000 | job job-1');
      assert.equal(md.Description, 'misty pines at dawn');
      assert.deepEqual(r.warnings, []);
    });

    it('sends only whole frames: a fractional frame is refused before Resolve sees the batch', async () => {
      const fake = make({ timeline: { frameRate: '24' }, media: { '/a.mp4': { frames: 100 } } });
      await rejectsWith(placeClips(api(fake), [{ path: '/a.mp4', recordFrame: 86400.5, frames: 10, prompt: 'x' }]), 'E_RESOLVE_INVALID');
      assert.equal(fake.callsTo('AppendToTimeline').length, 0);
    });

    it('passes absolute recordFrame, exclusive endFrame, 1-based trackIndex and video only', async () => {
      const fake = make({ timeline: { frameRate: '24' }, media: { '/a.mp4': { frames: 24 } } });
      const [r] = await placeClips(api(fake), [{ path: '/a.mp4', recordFrame: 86424, frames: 24, prompt: 'x' }]);
      assert.ok(r!.ok);
      const info = (fake.callsTo('AppendToTimeline')[0]!.args[0] as Array<Record<string, unknown>>)[0]!;
      assert.equal(info.startFrame, 0);
      assert.equal(info.endFrame, 24, 'all 24 frames of a 24-frame file: exclusive end');
      assert.equal(info.trackIndex, 1);
      assert.equal(info.recordFrame, 86424);
      assert.equal(info.mediaType, 1);
    });

    it('reports a clip Resolve refuses (None or []) and still places the others', async () => {
      for (const appendFailure of ['none', 'empty'] as const) {
        const fake = make({ appendFailure, timeline: { frameRate: '24' }, media: { '/short.mp4': { frames: 10 }, '/ok.mp4': { frames: 30 } } });
        const results = await placeClips(api(fake), [
          { path: '/short.mp4', recordFrame: 86400, frames: 24, prompt: 'too short' },
          { path: '/ok.mp4', recordFrame: 86500, frames: 24, prompt: 'fine' },
        ]);
        assert.equal(results[0]!.ok, false);
        assert.equal(!results[0]!.ok && results[0]!.error.code, 'E_RESOLVE_APPEND');
        assert.ok(results[1]!.ok);
      }
    });

    it('reports a file Resolve cannot import', async () => {
      const fake = make({ timeline: { frameRate: '24' } });
      const [r] = await placeClips(api(fake), [{ path: '/missing.mp4', recordFrame: 86400, frames: 10, prompt: 'x' }]);
      assert.equal(!r!.ok && r!.error.code, 'E_RESOLVE_IMPORT');
      assert.equal(fake.callsTo('AppendToTimeline').length, 0);
    });

    it('works without GetIsTrackLocked (older Resolve)', async () => {
      const fake = make({ withTrackLockApi: false, timeline: { frameRate: '24', markers: { 0: { name: 'rushes: x', duration: 24 } } } });
      const { results } = await fillAll(fake);
      assert.ok(results[0]!.ok);
    });
  });

  describe('generate at playhead', () => {
    it('converts the playhead timecode to the absolute frame (24 fps)', async () => {
      const fake = make({ timeline: { frameRate: '24', playhead: '01:00:10:12' } });
      const t = await readPlayheadTarget(api(fake), { prompt: 'slow dolly over a misty pine forest', durationSeconds: 6 });
      assert.equal(t.recordFrame, 86400 + 252);
      assert.equal(t.duration, 144);
      assert.equal(t.markerFrame, null);
    });

    it('converts a 29.97 DF playhead exactly', async () => {
      // 01:01:00;02 is one full minute after 01:00:00;00 on a DF timeline: 1800 frames.
      const fake = make({ timeline: { frameRate: '29.97 DF', playhead: '01:01:00;02' } });
      const t = await readPlayheadTarget(api(fake), { prompt: 'x', frames: 30 });
      assert.equal(t.recordFrame, 107892 + 1800);
      assert.equal(t.timecode, '01:01:00;02');
    });

    it('converts a 59.94 NDF playhead', async () => {
      const fake = make({ timeline: { frameRate: '59.94', playhead: '01:00:01:30' } });
      const t = await readPlayheadTarget(api(fake), { prompt: 'x', durationSeconds: 1 });
      assert.equal(t.recordFrame, 216000 + 90);
      assert.equal(t.duration, 60);
    });

    it('places the playhead clip on a free track', async () => {
      const fake = make({ timeline: { frameRate: '25', playhead: '01:00:02:00', tracks: [{ items: [{ start: 90000, end: 90100 }] }] } });
      const t = await readPlayheadTarget(api(fake), { prompt: 'x', durationSeconds: 2 });
      fake.options.media!['/p.mp4'] = { frames: 50 };
      const [r] = await placeClips(api(fake), [{ path: '/p.mp4', recordFrame: t.recordFrame, frames: t.duration, prompt: 'x' }]);
      assert.equal(r!.ok && r!.trackIndex, 2);
      assert.deepEqual(fake.timeline.itemsOn(2).map((i) => [i.start, i.end]), [[90050, 90100]]);
    });

    it('says which page to open when the playhead is not available', async () => {
      const fake = make({ page: 'media', timeline: { frameRate: '24' } });
      const e = await rejectsWith(readPlayheadTarget(api(fake), { prompt: 'x' }), 'E_RESOLVE_TIMECODE');
      assert.match(e.message, /Edit page/);
    });
  });

  describe('errors and API forms', () => {
    it('explains a missing timeline and a missing project', async () => {
      await rejectsWith(readFillTargets(api(make({ timeline: null }))), 'E_RESOLVE_NO_TIMELINE');
      const fake = make({});
      fake.projectManager.project = null;
      await rejectsWith(readFillTargets(api(fake)), 'E_RESOLVE_NO_PROJECT');
    });

    it('runs the same fill through the promise API (GetResolvePromise)', async () => {
      const fake = make({
        timeline: { frameRate: '29.97 DF', tracks: [{ items: [{ start: 107892, end: 107992 }] }], markers: { 50: { name: 'rushes: a', duration: 30 }, 60: { name: 'rushes: b', duration: 30 } } },
      });
      const { results } = await fillAll(fake, asPromiseApi(fake) as unknown as ResolveApi);
      assert.deepEqual(results.map((r) => (r.ok ? r.trackIndex : 0)), [2, 3]);
      assert.deepEqual(fake.timeline.itemsOn(2).map((i) => [i.start, i.end]), [[107942, 107972]]);
      assert.equal(fake.mediaPool.root.subfolders.length, 1);
    });
  });
});
