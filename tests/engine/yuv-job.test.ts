/**
 * A job whose frames come from the GPU as YUV 4:2:0: the pipeline asks for it only when every output
 * is MP4 and the generator offers it, and the clip that comes out is whole, has its poster, and carries
 * the watermark (embedded on the Y' plane) that `rushes verify` finds.
 */
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Daemon, Generator } from '@rushes/engine';
import type { NotificationParams, ResolvedRequest } from '@rushes/shared';
import { chooseLayout } from '../../engine/src/jobs/pipeline';
import type { ProceduralGenerator } from '../../engine/src/generators/procedural';
import { proceduralOrSkip } from '../helpers/gpu';
import { connect, ffprobe, runCli, startTestDaemon, tmpHome } from '../helpers/engine';
import { registryWith } from '../helpers/generators';

const req = (over: Partial<ResolvedRequest> = {}): ResolvedRequest => ({
  prompt: 'x', seed: 1, frames: 2, durationSeconds: 1, fps: { num: 24, den: 1 }, width: 640, height: 360,
  generator: 'g', formats: ['mp4'], name: 'x', startTimecode: '00:00:00:00', ...over,
});

describe('engine/jobs: frame layout', () => {
  it('asks for YUV only when every output is MP4, the size is even and the generator offers it', () => {
    const offers = { layouts: () => ['yuv420p'] as const };
    assert.equal(chooseLayout(req(), offers), 'yuv420p');
    assert.equal(chooseLayout(req({ formats: ['mp4', 'prores'] }), offers), 'rgba');
    assert.equal(chooseLayout(req({ formats: ['png'] }), offers), 'rgba');
    assert.equal(chooseLayout(req({ width: 641 }), offers), 'rgba');
    assert.equal(chooseLayout(req(), {}), 'rgba');
    assert.equal(chooseLayout(req(), { layouts: () => [] }), 'rgba');
  });
});

describe('engine/jobs: a YUV job end to end', function () {
  this.timeout(120000);
  let d: Daemon;
  let gen: ProceduralGenerator;
  let home: string;

  before(async function () {
    gen = await proceduralOrSkip(this);
    // The procedural generator offers YUV on hardware GPUs only; this one offers it here too, so the
    // path a GPU machine takes runs on lavapipe in CI.
    const yuvEverywhere = { ...gen, layouts: () => ['yuv420p'] as const } as unknown as Generator;
    home = tmpHome('rushes-yuv-job-');
    d = await startTestDaemon({ home, components: { generators: registryWith(yuvEverywhere) } });
  });
  after(async () => {
    await d?.close();
    await gen?.dispose();
  });

  it('renders, marks and encodes YUV frames: a whole clip with its poster and a watermark verify finds', async () => {
    const c = await connect(d);
    let fin: NotificationParams<'jobs.finished'>;
    try {
      const sub = await c.call('jobs.submit', {
        request: { prompt: 'aerial drone flyover of a dense pine forest at noon', frames: 48, width: 640, height: 360, seed: 3, generator: 'procedural' } as never,
        idempotencyKey: 'yuv-job',
      });
      const done = new Promise<NotificationParams<'jobs.finished'>>((r) => c.on('jobs.finished', (p) => p.jobId === sub.jobId && r(p)));
      await c.subscribe([sub.jobId]);
      fin = await done;
    } finally {
      c.close();
    }
    assert.equal(fin.state, 'done', JSON.stringify(fin.error));
    assert.equal(fin.report.frameLayout, 'yuv420p');
    const out = fin.outputs[0]!;
    const probe = await ffprobe(out.path);
    assert.deepEqual([probe.codec, probe.width, probe.height, probe.frames, probe.pixFmt], ['h264', 640, 360, 48, 'yuv420p']);
    assert.ok(out.posterPath && fs.statSync(out.posterPath).size > 1000, 'poster written');
    const v = await runCli(['verify', out.path, '--json', '--home', home]);
    const verdict = JSON.parse(v.stdout);
    assert.equal(verdict.watermark.found, true, JSON.stringify(verdict.watermark));
    assert.equal(verdict.watermark.fromThisInstall, true, 'the payload decoded to this install');
    assert.equal(verdict.c2pa.status, 'valid');
    assert.equal(v.code, 0, v.stdout);
  });
});
