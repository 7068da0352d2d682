import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { requestFromFlags } from '../../engine/src/cli/request-options';
import { requestsFromShotList } from '../../engine/src/cli/shots';
import { ffprobe, runCli, spawnDaemon, tmpHome } from '../helpers/engine';

describe('rushes CLI', function () {
  this.timeout(60000);

  it('parses flags into a protocol request, refusing nonsense with E_INVALID', () => {
    const r = requestFromFlags('dolly over a forest', { duration: '6', fps: '23.976', size: '1920x1080', seed: '42', format: ['mp4,prores'] });
    assert.deepEqual(r, { prompt: 'dolly over a forest', durationSeconds: 6, fps: { num: 24000, den: 1001 }, width: 1920, height: 1080, seed: 42, formats: ['mp4', 'prores'] });
    for (const bad of [{ duration: '-1' }, { fps: 'fast' }, { size: '1920*1080' }, { seed: '1.5' }, { format: ['avi'] }, { frames: '0' }]) {
      assert.throws(() => requestFromFlags('x', bad), (e: { code: string }) => e.code === 'E_INVALID', JSON.stringify(bad));
    }
    assert.throws(() => requestFromFlags(undefined, {}), /Give a prompt/);
  });

  it('derives stable seeds and keys from a shot list, so re-runs do not render twice', () => {
    const list = { defaults: { fps: { num: 24, den: 1 }, formats: ['png' as const] }, shots: [{ name: 'a', prompt: 'rain', durationSeconds: 2 }, { name: 'b', prompt: 'snow', frames: 10, camera: 'slow dolly in' }] };
    const one = requestsFromShotList(list);
    const two = requestsFromShotList(JSON.parse(JSON.stringify(list)));
    assert.deepEqual(one, two);
    assert.notEqual(one[0]!.key, one[1]!.key);
    assert.equal(one[1]!.request.prompt, 'snow, slow dolly in');
  });

  it('generates in-process when no daemon runs, prints the path, and exits 0', async () => {
    const home = tmpHome();
    const out = path.join(home, 'copy.mp4');
    const r = await runCli(['generate', 'city at night', '--frames', '10', '--size', '160x90', '--fps', '25', '--seed', '4', '--home', home, '--out', out]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(fs.existsSync(lines[0]!));
    assert.equal((await ffprobe(out)).frames, 10);
    assert.ok(!fs.existsSync(path.join(home, 'daemon.json')), 'the in-process engine stopped and cleaned up');
  });

  it('uses the running daemon, prints JSON with --json, and gives exit code 2 for invalid input', async () => {
    const home = tmpHome();
    const d = await spawnDaemon(home);
    try {
      const ok = await runCli(['generate', 'bars', '--frames', '4', '--size', '64x36', '--json', '--home', home]);
      assert.equal(ok.code, 0, ok.stderr);
      const parsed = JSON.parse(ok.stdout);
      assert.equal(parsed.ok, true);
      assert.equal(parsed.job.state, 'done');
      assert.equal(parsed.job.outputs[0].frameCount, 4);
      const bad = await runCli(['generate', 'bars', '--size', '99999x10', '--json', '--home', home]);
      assert.equal(bad.code, 2);
      assert.equal(JSON.parse(bad.stdout).error.code, 'E_INVALID');
      const refused = await runCli(['generate', 'photorealistic footage of Barack Obama giving a speech', '--json', '--home', home]);
      assert.equal(refused.code, 3, 'exit 3: refused by policy');
      assert.equal(JSON.parse(refused.stdout).error.rule, 'people.public-figure.realistic');
      const badFlag = await runCli(['generate', 'bars', '--fps', 'fast', '--home', home]);
      assert.equal(badFlag.code, 2);
      assert.match(badFlag.stderr, /--fps/);
      const jobs = await runCli(['jobs', '--json', '--home', home]);
      assert.equal(JSON.parse(jobs.stdout).jobs.length, 1);
      const status = await runCli(['status', '--json', '--home', home]);
      assert.equal(JSON.parse(status.stdout).running, true);
      const pair = await runCli(['pair', '--json', '--home', home]);
      assert.match(JSON.parse(pair.stdout).code, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      const cancel = await runCli(['cancel', 'j_nope', '--json', '--home', home]);
      assert.equal(cancel.code, 1);
      assert.equal(JSON.parse(cancel.stdout).error.code, 'E_NOT_FOUND');
    } finally {
      d.child.kill('SIGTERM');
      await new Promise((r) => d.child.once('exit', r));
    }
  });

  it('runs a shot list and prints the outputs as JSON; a second run reuses the same jobs', async () => {
    const home = tmpHome();
    const file = path.join(home, 'shots.json');
    fs.writeFileSync(file, JSON.stringify({ defaults: { width: 64, height: 36, fps: { num: 24, den: 1 }, formats: ['png'] }, shots: [{ name: 'one', prompt: 'first', frames: 3 }, { name: 'two', prompt: 'second', frames: 4 }] }));
    const d = await spawnDaemon(home);
    try {
      const a = await runCli(['shots', file, '--json', '--home', home]);
      assert.equal(a.code, 0, a.stderr);
      const ra = JSON.parse(a.stdout);
      assert.deepEqual(ra.shots.map((s: { name: string; state: string }) => [s.name, s.state]), [['one', 'done'], ['two', 'done']]);
      assert.equal(ra.shots[1].outputs[0].sequence.lastFrame, 3);
      assert.ok(Number.isInteger(ra.shots[0].seed), 'each shot reports its seed');
      const b = await runCli(['shots', file, '--json', '--home', home]);
      assert.deepEqual(JSON.parse(b.stdout).shots.map((s: { jobId: string }) => s.jobId), ra.shots.map((s: { jobId: string }) => s.jobId));
      fs.writeFileSync(file, JSON.stringify({ shots: [{ name: 'x', prompt: 'y', frames: 0 }] }));
      const bad = await runCli(['shots', file, '--json', '--home', home]);
      assert.equal(bad.code, 2);
    } finally {
      d.child.kill('SIGTERM');
      await new Promise((r) => d.child.once('exit', r));
    }
  });

  it('prints help for every command', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    for (const cmd of ['serve', 'generate', 'jobs', 'cancel', 'status', 'pair', 'shots']) assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`));
    const g = await runCli(['generate', '--help']);
    assert.match(g.stdout, /--fps/);
  });
});
