/**
 * End to end: a real engine daemon (testpattern generator, real ffmpeg), the panel's own controller
 * (pairing, EngineClient over Node's `ws`, request building from the active sequence, job following,
 * the host adapter) and the strict Premiere simulator. The simulator learns each imported file's length
 * from ffprobe, never from the engine's report, so a wrong duration or rate shows up on the timeline.
 *
 * Prompt in; clip in the "Rushes" bin and on a free track at the playhead tick, with its marker.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import net from 'node:net';
import WebSocket from 'ws';
import type { Daemon } from '@rushes/engine';
import type { WebSocketConstructor } from '@rushes/shared';
import { PanelController, PENDING_KEY, type PlacedEvent } from '../../plugins/premiere/src/app/controller';
import { MemoryKeyValueStore, MemoryTokenStore } from '../../plugins/premiere/src/app/storage';
import { parseMarkerComments, ticksForFrames } from '../../plugins/premiere/src/host';
import { describeConnection } from '../../plugins/premiere/src/model/connection';
import { emptyForm } from '../../plugins/premiere/src/model/request';
import { connect, ffprobe, startTestDaemon } from '../helpers/engine';
import { NTSC_23976, TPS } from './helpers';
import { PremiereSim } from './sim/premiere-sim';

const WS = WebSocket as unknown as WebSocketConstructor;
const CLIENT = { name: 'rushes-premiere', version: '0.1.0', host: 'premierepro (simulated)' };

/** The simulator's "disk": a file's length from ffprobe (frames at its real rate), or unreadable. */
async function probeTicks(file: string): Promise<{ durationTicks: bigint } | null> {
  if (!fs.existsSync(file)) return null;
  const p = await ffprobe(file);
  const [num, den] = p.rate.split('/').map(Number) as [number, number];
  return { durationTicks: ticksForFrames(p.frames, { num, den }) };
}

function nextPlaced(c: PanelController): Promise<PlacedEvent> {
  return new Promise((resolve, reject) => {
    const offA = c.onPlaced((e) => {
      offA();
      offB();
      resolve(e);
    });
    const offB = c.onPlacementFailed(({ error }) => {
      offA();
      offB();
      reject(new Error(`placement failed: ${error.code} ${error.message}`));
    });
  });
}

function controller(sim: PremiereSim, url: string, tokens = new MemoryTokenStore(), store = new MemoryKeyValueStore()): PanelController {
  return new PanelController({
    ppro: sim.ppro,
    WebSocket: WS,
    url,
    tokens,
    store,
    client: CLIENT,
    engineClientOptions: { minBackoffMs: 20, maxBackoffMs: 200, requestTimeoutMs: 10000 },
  });
}

describe('premiere end to end: prompt -> engine -> clip at the playhead', function () {
  this.timeout(120000);
  let d: Daemon;
  before(async () => {
    d = await startTestDaemon();
  });
  after(async () => {
    await d?.close();
  });

  it('pairs, generates at the sequence settings, and places the clip on a free track with its marker', async () => {
    const tpf = ticksForFrames(1, NTSC_23976);
    const sim = new PremiereSim({ probe: probeTicks });
    sim.addSequence({ name: 'Main', fps: NTSC_23976, width: 640, height: 360, videoTracks: 2, playheadTicks: 48n * tpf });
    sim.addExistingClip(0, 0n, 240n * tpf, 'interview.mov'); // V1 is busy under the playhead

    // `rushes pair` asks an authenticated engine for a one-time code and prints it.
    const admin = await connect(d);
    const { code } = await admin.call('pairing.create', {});
    admin.close();

    const tokens = new MemoryTokenStore();
    const store = new MemoryKeyValueStore();
    const c = controller(sim, d.url, tokens, store);
    try {
      await c.start();
      assert.equal(c.state.connection, 'unauthorized');
      assert.equal(describeConnection({ ...c.state, state: c.state.connection }).kind, 'needs-pairing');

      assert.equal(await c.pair(code), true, c.state.pairing.error ?? 'pairing failed');
      assert.equal(await tokens.get(), d.token);
      assert.equal(c.state.connection, 'connected');
      assert.ok(c.state.generators.some((g) => g.id === 'testpattern'));
      assert.deepEqual(c.state.sequence?.fps, { num: 24000, den: 1001 });

      const placed = nextPlaced(c);
      const prompt = 'slow dolly over a misty pine forest at dawn';
      const jobId = await c.generate({ ...emptyForm(), prompt, duration: '1', seed: '77', generator: 'testpattern' });
      assert.ok(jobId, c.state.notices.map((n) => n.text).join(' | '));
      assert.ok(store.getItem(PENDING_KEY)?.includes(jobId), 'remembered until placed');
      const { entry, result } = await placed;

      // The file the engine made, as an independent probe sees it: the sequence's size and exact rate.
      assert.ok(fs.existsSync(entry.path));
      const p = await ffprobe(entry.path);
      assert.equal(p.rate, '24000/1001');
      assert.equal(p.width, 640);
      assert.equal(p.height, 360);
      assert.equal(p.frames, 24);

      // Timeline: V2 (index 1) from the playhead tick for exactly 24 frames; V1 untouched.
      assert.equal(result.videoTrackIndex, 1);
      const seq = sim.sequence();
      assert.equal(seq.videoTracks[0]!.length, 1);
      const placedClip = seq.videoTracks[1]![0]!;
      assert.equal(placedClip.start, 48n * tpf);
      assert.equal(placedClip.end, 72n * tpf);

      // Bin: one item, the engine's file.
      const bin = sim.binNamed('Rushes')!;
      const items = sim.children(bin.id);
      assert.equal(items.length, 1);
      assert.equal(items[0]!.mediaPath, entry.path);
      assert.equal(placedClip.itemId, items[0]!.id);

      // Marker over the clip with prompt, seed and job id.
      assert.equal(seq.markers.length, 1);
      const m = seq.markers[0]!;
      assert.equal(m.start, 48n * tpf);
      assert.equal(m.duration, 24n * tpf);
      assert.deepEqual(parseMarkerComments(m.comments), { prompt, seed: 77, jobId, generator: 'testpattern' });

      // One undo step for the placement (after the bin's own).
      assert.deepEqual(
        sim.undoStack.map((u) => u.label),
        ['Rushes: create bin "Rushes"', 'Rushes: place clip'],
      );
      assert.equal(c.state.history[0]?.jobId, jobId);
      assert.ok(!store.getItem(PENDING_KEY)?.includes(jobId), 'forgotten once placed');
      assert.equal(c.state.jobs.find((j) => j.jobId === jobId)?.placement, 'placed');
    } finally {
      c.stop();
    }
  });

  it('a panel closed while the clip renders places it when opened again', async () => {
    const sim = new PremiereSim({ probe: probeTicks });
    sim.addSequence({ fps: { num: 25, den: 1 }, width: 320, height: 180, playheadTicks: 2n * TPS });
    const tokens = new MemoryTokenStore(d.token);
    const store = new MemoryKeyValueStore();

    const first = controller(sim, d.url, tokens, store);
    await first.start();
    assert.equal(first.state.connection, 'connected');
    const jobId = await first.generate({ ...emptyForm(), prompt: 'rain on a window, close-up', duration: '0.4' });
    assert.ok(jobId);
    first.stop(); // the editor closed the panel

    // Wait (through another client) until the engine is done with it.
    const watcher = await connect(d);
    const done = new Promise<void>((resolve) => watcher.on('jobs.finished', (f) => f.jobId === jobId && resolve()));
    const [now] = await watcher.subscribe([jobId]);
    if (now?.state !== 'done') await done;
    watcher.close();
    assert.equal(sim.sequence().videoTracks[0]!.length, 0, 'nothing placed while the panel was closed');

    const second = controller(sim, d.url, tokens, store);
    const placed = nextPlaced(second);
    await second.start();
    const { result } = await placed;
    second.stop();
    assert.equal(result.startTicks, (2n * TPS).toString());
    assert.equal(sim.sequence().videoTracks[0]!.length, 1);
    assert.equal(sim.sequence().markers.length, 1);
  });

  it('says the engine is not running when nothing listens on the port', async () => {
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const sim = new PremiereSim();
    sim.addSequence();
    const c = controller(sim, `ws://127.0.0.1:${port}`, new MemoryTokenStore('x'));
    await c.start();
    const state = c.state.connection;
    c.stop();
    assert.equal(state, 'reconnecting', 'it keeps retrying by itself');
    const v = describeConnection({ state, lastError: c.state.lastError, hasToken: true, url: c.state.url, engineVersion: null });
    assert.equal(v.kind, 'engine-down');
    assert.ok(c.state.lastError, 'the failure is kept for the banner');
  });
});
