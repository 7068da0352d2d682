import { strict as assert } from 'node:assert';
import {
  DEFAULT_UNDO_LABEL,
  ensureBin,
  HostErrorCode,
  parseMarkerComments,
  placeClip,
  readSequenceSettings,
  ticksForFrames,
} from '../../plugins/premiere/src/host';
import { frameTicks, makeClip, makeSim, NTSC_23976, NTSC_2997, rejectsWithCode, TPS } from './helpers';

describe('premiere/host placeClip', () => {
  it('lands on V1 at the playhead of an empty sequence, in a new "Rushes" bin', async () => {
    const { sim, register } = makeSim({ playheadTicks: 2n * TPS });
    const clip = register(makeClip());
    const r = await placeClip(sim.ppro, clip);
    assert.equal(r.videoTrackIndex, 0);
    assert.equal(r.createdTrack, false);
    assert.equal(r.imported, true);
    assert.equal(r.startTicks, (2n * TPS).toString());
    assert.equal(r.endTicks, (7n * TPS).toString());
    const v1 = sim.sequence().videoTracks[0]!;
    assert.equal(v1.length, 1);
    assert.equal(v1[0]!.start, 2n * TPS);
    assert.equal(v1[0]!.end, 7n * TPS);
    const bin = sim.binNamed('Rushes');
    assert.ok(bin, 'the Rushes bin exists');
    const items = sim.children(bin.id);
    assert.deepEqual(
      items.map((i) => i.mediaPath),
      [clip.path],
    );
    assert.equal(v1[0]!.itemId, items[0]!.id, 'the timeline clip is the bin item');
  });

  it('goes to the lowest free track when the playhead is in the middle of a clip', async () => {
    const { sim, register } = makeSim({ playheadTicks: 5n * TPS, videoTracks: 3 });
    sim.addExistingClip(0, 0n, 10n * TPS, 'interview.mov');
    const r = await placeClip(sim.ppro, register(makeClip()));
    assert.equal(r.videoTrackIndex, 1);
    const seq = sim.sequence();
    assert.equal(seq.videoTracks[0]!.length, 1, 'V1 untouched');
    assert.equal(seq.videoTracks[0]![0]!.end, 10n * TPS, 'V1 clip not trimmed');
    assert.equal(seq.videoTracks[1]![0]!.start, 5n * TPS);
  });

  it('uses a lower track when the clip before the playhead ends exactly there (half-open spans)', async () => {
    const { sim, register } = makeSim({ playheadTicks: 4n * TPS });
    sim.addExistingClip(0, 0n, 4n * TPS);
    sim.addExistingClip(0, 9n * TPS, 12n * TPS);
    const r = await placeClip(sim.ppro, register(makeClip()));
    assert.equal(r.videoTrackIndex, 0, '[4s, 9s) is free on V1');
  });

  it('creates a track above the last one when every track is busy', async () => {
    const { sim, register } = makeSim({ playheadTicks: 1n * TPS, videoTracks: 3 });
    sim.addExistingClip(0, 0n, 3n * TPS);
    sim.addExistingClip(1, 5n * TPS, 6n * TPS); // overlaps [1s, 6s) at its tail
    sim.addExistingClip(2, 0n, 20n * TPS);
    const r = await placeClip(sim.ppro, register(makeClip()));
    assert.equal(r.videoTrackIndex, 3);
    assert.equal(r.createdTrack, true);
    const seq = sim.sequence();
    assert.equal(seq.videoTracks.length, 4);
    assert.equal(seq.videoTracks[3]![0]!.start, 1n * TPS);
    for (let i = 0; i < 3; i++) assert.equal(seq.videoTracks[i]!.length, 1, `V${i + 1} untouched`);
  });

  it('is frame exact on a 23.976 sequence', async () => {
    const tpf = ticksForFrames(1, NTSC_23976);
    assert.equal(tpf, 10594584000n);
    const { sim, register } = makeSim({ fps: NTSC_23976, width: 3840, height: 2160, playheadTicks: frameTicks(1001, NTSC_23976) });
    const clip = register(makeClip({ fps: NTSC_23976, frameCount: 144, durationSeconds: 144 / (24000 / 1001) }));
    const r = await placeClip(sim.ppro, clip);
    assert.equal(BigInt(r.startTicks), 1001n * tpf);
    assert.equal(BigInt(r.endTicks) - BigInt(r.startTicks), 144n * tpf);
    const marker = sim.sequence().markers[0]!;
    assert.equal(marker.start, 1001n * tpf);
    assert.equal(marker.duration, 144n * tpf);
    const s = await readSequenceSettings(sim.ppro);
    assert.deepEqual(s.fps, { num: 24000, den: 1001 });
    assert.equal(s.width, 3840);
    assert.equal(s.height, 2160);
  });

  it('is frame exact on a 29.97 sequence', async () => {
    const tpf = ticksForFrames(1, NTSC_2997);
    assert.equal(tpf, 8475667200n);
    const { sim, register } = makeSim({ fps: NTSC_2997, width: 1280, height: 720, playheadTicks: 30n * tpf });
    const clip = register(makeClip({ fps: NTSC_2997, frameCount: 150, durationSeconds: 150 / (30000 / 1001) }));
    const r = await placeClip(sim.ppro, clip);
    assert.equal(BigInt(r.startTicks), 30n * tpf);
    assert.equal(BigInt(r.endTicks), 180n * tpf);
    const s = await readSequenceSettings(sim.ppro);
    assert.deepEqual(s.fps, { num: 30000, den: 1001 });
    assert.equal(s.inOutSeconds, null, 'no in/out marked');
  });

  it('reports the in/out range when the editor marked one', async () => {
    const tpf = ticksForFrames(1, NTSC_23976);
    const { sim } = makeSim({ fps: NTSC_23976, inPointTicks: 24n * tpf, outPointTicks: 168n * tpf });
    const s = await readSequenceSettings(sim.ppro);
    assert.ok(s.inOutSeconds !== null);
    assert.ok(Math.abs(s.inOutSeconds - 144 / (24000 / 1001)) < 1e-9);
  });

  it('says "no sequence open" with its own code, and changes nothing', async () => {
    const { sim, register } = makeSim(null);
    const err = await rejectsWithCode(placeClip(sim.ppro, register(makeClip())), HostErrorCode.NO_SEQUENCE);
    assert.match(err.message, /Open a sequence/);
    await rejectsWithCode(readSequenceSettings(sim.ppro), HostErrorCode.NO_SEQUENCE);
    assert.equal(sim.undoStack.length, 0);
    assert.equal(sim.binNamed('Rushes'), undefined);
  });

  it('says "no project open" with its own code', async () => {
    const { sim, register } = makeSim();
    sim.hasProject = false;
    await rejectsWithCode(placeClip(sim.ppro, register(makeClip())), HostErrorCode.NO_PROJECT);
  });

  it('places the same clip twice without a duplicate bin item, the second time on a free track', async () => {
    const { sim, register } = makeSim({ playheadTicks: 0n });
    const clip = register(makeClip());
    const first = await placeClip(sim.ppro, clip);
    const second = await placeClip(sim.ppro, clip);
    assert.equal(first.videoTrackIndex, 0);
    assert.equal(second.videoTrackIndex, 1);
    assert.equal(second.imported, false);
    const bin = sim.binNamed('Rushes')!;
    assert.equal(sim.children(bin.id).length, 1, 'one bin item for one file');
    assert.equal(sim.data.items.filter((i) => i.kind === 'bin' && i.name === 'Rushes').length, 1, 'one bin');
    const seq = sim.sequence();
    assert.equal(seq.videoTracks[0]![0]!.itemId, seq.videoTracks[1]![0]!.itemId);
  });

  it('finds the clip again when Premiere reports the path with other separators and case (Windows)', async () => {
    const { sim, media } = makeSim();
    const clip = makeClip({ path: 'C:\\Users\\Ed\\Rushes\\outputs\\clip.mp4' });
    media.set(clip.path, 5n * TPS);
    await placeClip(sim.ppro, clip);
    // Premiere stores it with forward slashes and another case; the second placement must reuse it.
    const item = sim.data.items.find((i) => i.mediaPath === clip.path)!;
    item.mediaPath = 'c:/users/ed/rushes/outputs/clip.mp4';
    const r = await placeClip(sim.ppro, clip);
    assert.equal(r.imported, false);
    assert.equal(sim.children(sim.binNamed('Rushes')!.id).length, 1);
  });

  it('writes a comment marker with the prompt, seed and job id over the clip', async () => {
    const { sim, register } = makeSim({ playheadTicks: 3n * TPS });
    const clip = register(makeClip({ prompt: 'rain on a window,\nclose-up', seed: 987654321, jobId: 'job-42' }));
    const r = await placeClip(sim.ppro, clip);
    const markers = sim.sequence().markers;
    assert.equal(markers.length, 1);
    const m = markers[0]!;
    assert.equal(m.type, 'Comment');
    assert.equal(m.start, 3n * TPS);
    assert.equal(m.duration, 5n * TPS);
    assert.equal(m.name, 'Rushes: rain on a window, close-up');
    assert.deepEqual(parseMarkerComments(m.comments), { prompt: 'rain on a window, close-up', seed: 987654321, jobId: 'job-42', generator: 'testpattern' });
    assert.equal(r.marker.comments, m.comments);
  });

  it('makes the edit and the marker one undo step named by its label', async () => {
    const { sim, register } = makeSim({ playheadTicks: 0n });
    sim.addBin('Rushes'); // existing bin: no bin transaction either
    await placeClip(sim.ppro, register(makeClip()));
    assert.deepEqual(
      sim.undoStack.map((u) => u.label),
      [DEFAULT_UNDO_LABEL],
    );
    assert.equal(sim.undo(), DEFAULT_UNDO_LABEL);
    const seq = sim.sequence();
    assert.equal(seq.videoTracks[0]!.length, 0, 'clip gone');
    assert.equal(seq.markers.length, 0, 'marker gone with it');
  });

  it('creates the bin in its own undo step, once, and reuses a bin the editor already has', async () => {
    const { sim, register } = makeSim();
    await placeClip(sim.ppro, register(makeClip()));
    await placeClip(sim.ppro, register(makeClip({ path: '/r/second.mp4', jobId: 'job-2' })));
    assert.deepEqual(
      sim.undoStack.map((u) => u.label),
      ['Rushes: create bin "Rushes"', DEFAULT_UNDO_LABEL, DEFAULT_UNDO_LABEL],
    );
    const again = await ensureBin(sim.ppro, await sim.ppro.Project.getActiveProject(), 'Rushes');
    assert.equal(again.name, 'Rushes');
    assert.equal(sim.undoStack.length, 3, 'finding the bin edits nothing');
  });

  it('inserts when asked, pushing later material right', async () => {
    const { sim, register } = makeSim({ playheadTicks: 2n * TPS, videoTracks: 2 });
    sim.addExistingClip(1, 0n, 10n * TPS); // V2 busy, V1 free at [2s, 7s)
    sim.addExistingClip(0, 8n * TPS, 9n * TPS);
    const r = await placeClip(sim.ppro, register(makeClip()), { mode: 'insert' });
    assert.equal(r.mode, 'insert');
    assert.equal(r.videoTrackIndex, 0);
    const seq = sim.sequence();
    assert.deepEqual(
      seq.videoTracks[0]!.map((c) => [c.start / TPS, c.end / TPS]),
      [
        [2n, 7n],
        [13n, 14n],
      ],
    );
    // Without limitShift every track ripples: V2's clip is split at 2 s and its tail pushed 5 s.
    assert.deepEqual(
      seq.videoTracks[1]!.map((c) => [c.start / TPS, c.end / TPS]),
      [
        [0n, 2n],
        [7n, 15n],
      ],
    );
  });

  it('reports an unreadable file as an import failure', async () => {
    const { sim } = makeSim();
    const err = await rejectsWithCode(placeClip(sim.ppro, makeClip({ path: '/nowhere/missing.mp4' })), HostErrorCode.IMPORT_FAILED);
    assert.match(err.message, /missing\.mp4/);
    assert.equal(sim.sequence().videoTracks[0]!.length, 0);
  });

  it('places at an explicit tick time instead of the playhead when given one', async () => {
    const { sim, register } = makeSim({ playheadTicks: 0n });
    const r = await placeClip(sim.ppro, register(makeClip()), { atTicks: (12n * TPS).toString() });
    assert.equal(r.startTicks, (12n * TPS).toString());
  });

  it('creates every action inside lockedAccess and never calls findItemsMatchingMediaPath', async () => {
    const { sim, register } = makeSim();
    await placeClip(sim.ppro, register(makeClip()));
    assert.ok(!sim.calls.includes('ClipProjectItem.findItemsMatchingMediaPath'));
    assert.ok(sim.calls.includes('SequenceEditor.createOverwriteItemAction'));
    assert.ok(sim.calls.includes('Markers.createAddMarkerAction'));
  });
});
