/**
 * The simulator must be as strict as the real host, or the adapter tests prove nothing. These tests
 * show that each trap from HOSTS.md bites here.
 */
import { strict as assert } from 'node:assert';
import type { Project, ProjectItem } from '@adobe/premierepro';
import { makeSim, TPS } from './helpers';
import { SimProjectItem } from './sim/premiere-sim';

async function importOne(): Promise<{ h: ReturnType<typeof makeSim>; project: Project; plain: ProjectItem }> {
  const h = makeSim();
  h.media.set('/r/a.mp4', 2n * TPS);
  const project = await h.sim.ppro.Project.getActiveProject();
  const ok = await project.importFiles(['/r/a.mp4'], true, null as unknown as ProjectItem, false);
  assert.equal(ok, true);
  const root = await project.getRootItem();
  const plain = (await root.getItems()).find((i) => i.name === 'a.mp4')!;
  return { h, project, plain };
}

describe('premiere/simulator strictness', () => {
  it('importFiles resolves to a boolean only, and false for an unreadable file', async () => {
    const { sim } = makeSim();
    const project = await sim.ppro.Project.getActiveProject();
    const r = await project.importFiles(['/nope.mp4'], true, null as unknown as ProjectItem, false);
    assert.equal(r, false);
    assert.equal(typeof r, 'boolean');
  });

  it('importFiles with an undefined target bin throws "Illegal Parameter type"', async () => {
    const { sim, media } = makeSim();
    media.set('/r/a.mp4', TPS);
    const project = await sim.ppro.Project.getActiveProject();
    await assert.rejects(project.importFiles(['/r/a.mp4'], true, undefined, false), /Illegal Parameter type/);
  });

  it('importing the same file twice makes two items (so the adapter must look first)', async () => {
    const { h, project } = await importOne();
    await project.importFiles(['/r/a.mp4'], true, null as unknown as ProjectItem, false);
    assert.equal(h.sim.data.items.filter((i) => i.mediaPath === '/r/a.mp4').length, 2);
  });

  it('create*Action outside lockedAccess throws', async () => {
    const { h, project, plain } = await importOne();
    const seq = await project.getActiveSequence();
    const editor = h.sim.ppro.SequenceEditor.getEditor(seq);
    assert.throws(() => editor.createOverwriteItemAction(plain, h.sim.ppro.TickTime.createWithTicks('0'), 0, 0), /lockedAccess/);
    const root = await project.getRootItem();
    assert.throws(() => root.createBinAction('X', true), /lockedAccess/);
    const markers = await h.sim.ppro.Markers.getMarkers(seq);
    assert.throws(() => markers.createAddMarkerAction('m'), /lockedAccess/);
  });

  it('an async lockedAccess callback is refused (the lock would not cover its awaits)', async () => {
    const { project } = await importOne();
    assert.throws(() => project.lockedAccess((async () => undefined) as unknown as () => void), /promise/);
  });

  it('a ClipProjectItem.cast wrapper passed to an action throws "Invalid parameter."', async () => {
    const { h, project, plain } = await importOne();
    const seq = await project.getActiveSequence();
    const editor = h.sim.ppro.SequenceEditor.getEditor(seq);
    const wrapper = h.sim.ppro.ClipProjectItem.cast(plain) as unknown as ProjectItem;
    project.lockedAccess(() => {
      assert.throws(() => editor.createOverwriteItemAction(wrapper, h.sim.ppro.TickTime.createWithTicks('0'), 0, 0), /^Error: Invalid parameter\.$/);
      assert.ok(editor.createOverwriteItemAction(plain, h.sim.ppro.TickTime.createWithTicks('0'), 0, 0));
    });
    assert.ok(plain instanceof SimProjectItem);
  });

  it('findItemsMatchingMediaPath returns nothing for a fresh import', async () => {
    const { h, plain } = await importOne();
    const found = await h.sim.ppro.ClipProjectItem.cast(plain).findItemsMatchingMediaPath('/r/a.mp4');
    assert.deepEqual(found, []);
  });

  it('track indexes are 0-based and an index past the last track creates one', async () => {
    const { h, project, plain } = await importOne();
    const seq = await project.getActiveSequence();
    const editor = h.sim.ppro.SequenceEditor.getEditor(seq);
    const t0 = h.sim.ppro.TickTime.createWithTicks('0');
    assert.equal(await seq.getVideoTrackCount(), 3);
    project.lockedAccess(() => {
      project.executeTransaction((ca) => {
        ca.addAction(editor.createOverwriteItemAction(plain, t0, 0, 0));
        ca.addAction(editor.createOverwriteItemAction(plain, t0, 7, 0));
      }, 'two');
    });
    assert.equal(await seq.getVideoTrackCount(), 4);
    const tracks = h.sim.sequence().videoTracks;
    assert.equal(tracks[0]!.length, 1, 'index 0 is V1');
    assert.equal(tracks[3]!.length, 1, 'index 7 made one new track on top');
  });

  it('one transaction is one undo step named by its label; a failing one leaves nothing', async () => {
    const { h, project, plain } = await importOne();
    const seq = await project.getActiveSequence();
    const editor = h.sim.ppro.SequenceEditor.getEditor(seq);
    const markers = await h.sim.ppro.Markers.getMarkers(seq);
    const t = h.sim.ppro.TickTime.createWithTicks((3n * TPS).toString());
    project.lockedAccess(() => {
      const ok = project.executeTransaction((ca) => {
        ca.addAction(editor.createOverwriteItemAction(plain, t, 0, 0));
        ca.addAction(markers.createAddMarkerAction('hello', h.sim.ppro.Marker.MARKER_TYPE_COMMENT, t, t, 'c'));
      }, 'Label A');
      assert.equal(ok, true);
    });
    assert.deepEqual(
      h.sim.undoStack.map((u) => u.label),
      ['Label A'],
    );
    h.sim.undo();
    assert.equal(h.sim.sequence().videoTracks[0]!.length, 0);
    assert.equal(h.sim.sequence().markers.length, 0);
  });

  it('ticks are 254016000000 per second', () => {
    const { sim } = makeSim();
    assert.equal(sim.ppro.TickTime.createWithSeconds(1).ticks, '254016000000');
    assert.equal(sim.ppro.TickTime.TIME_ONE_SECOND.ticks, '254016000000');
  });

  it('getTrackItems returns empty items only when asked', async () => {
    const { sim } = makeSim();
    sim.addExistingClip(0, 2n * TPS, 3n * TPS);
    const seq = await (await sim.ppro.Project.getActiveProject()).getActiveSequence();
    const track = await seq.getVideoTrack(0);
    assert.equal(track.getTrackItems(sim.ppro.Constants.TrackItemType.CLIP, false).length, 1);
    assert.equal(track.getTrackItems(sim.ppro.Constants.TrackItemType.CLIP, true).length, 2);
  });
});
