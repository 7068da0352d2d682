import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runUnrealCli } from '../../plugins/unreal-bridge/src';
import { FakeRemoteControl } from './fakeRemoteControl';
import { tempDir } from './helpers';

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runUnrealCli(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env });
  return { code, stdout, stderr };
}

describe('unreal/cli', () => {
  let dir: string;
  let list: string;
  beforeEach(() => {
    dir = tempDir();
    list = path.join(dir, 'shots.json');
    fs.writeFileSync(
      list,
      JSON.stringify({
        defaults: { fps: { num: 24, den: 1 }, width: 64, height: 36 },
        master: { name: 'Previs', path: '/Game/Rushes' },
        shots: [{ name: 'SH010', prompt: 'a forest', frames: 4 }],
      }),
    );
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help with both commands and exits 0', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /shots/);
    assert.match(r.stdout, /add/);
    const sub = await cli(['unreal', 'shots', '--help']);
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /--rc-url/);
    assert.match(sub.stdout, /--master/);
  });

  it('exits 2 on usage errors without contacting anything', async () => {
    assert.equal((await cli([])).code, 2);
    assert.equal((await cli(['add'])).code, 2, 'add needs --prompt');
    const badName = await cli(['add', '--prompt', 'x', '--name', 'bad name', '--rc-url', 'ws://127.0.0.1:9']);
    assert.equal(badName.code, 2);
    assert.match(badName.stderr, /--name "bad name"/);
    const both = await cli(['add', '--prompt', 'x', '--duration', '2', '--frames', '3']);
    assert.equal(both.code, 2);
    const missing = await cli(['shots', path.join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /Cannot read the shot list/);
  });

  it('reports an invalid shot list as JSON with --json', async () => {
    fs.writeFileSync(list, JSON.stringify({ defaults: {}, master: {}, shots: [] }));
    const r = await cli(['shots', list, '--json']);
    assert.equal(r.code, 2);
    const out = JSON.parse(r.stdout);
    assert.equal(out.error.code, 'E_SHOTLIST_INVALID');
    assert.ok(out.error.problems.length > 0);
  });

  it('exits 3 naming the Unreal settings when the editor cannot be reached', async () => {
    const port = await closedPort();
    const r = await cli(['shots', list, '--rc-url', `http://127.0.0.1:${port}`], { RUSHES_HOME: dir });
    assert.equal(r.code, 3);
    assert.match(r.stderr, /Cannot reach Unreal Remote Control/);
    assert.match(r.stderr, /Remote Control API/);
  });

  it('exits 3 with the setting when remote Python is off, before any clip is rendered', async () => {
    const fake = await FakeRemoteControl.start({ pythonEnabled: false });
    try {
      fs.writeFileSync(path.join(dir, 'token'), 'not-used\n');
      const port = await closedPort();
      // The engine is not running either: the Unreal check comes first.
      const r = await cli(['shots', list, '--rc-url', fake.wsUrl, '--engine-url', `ws://127.0.0.1:${port}`, '--home', dir]);
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /Setting: bEnableRemotePythonExecution/);
      assert.match(r.stderr, /Unreal said: Object Default__PythonScriptLibrary cannot be accessed remotely/);
    } finally {
      await fake.close();
    }
  });

  it('exits 4 when the engine is unreachable or there is no token', async () => {
    const fake = await FakeRemoteControl.start();
    try {
      const port = await closedPort();
      const noToken = await cli(['shots', list, '--rc-url', fake.wsUrl, '--engine-url', `ws://127.0.0.1:${port}`], { RUSHES_HOME: dir });
      assert.equal(noToken.code, 4);
      assert.match(noToken.stderr, /No engine token/);
      fs.writeFileSync(path.join(dir, 'token'), 'secret\n');
      const noEngine = await cli(['shots', list, '--rc-url', fake.wsUrl, '--engine-url', `ws://127.0.0.1:${port}`], { RUSHES_HOME: dir });
      assert.equal(noEngine.code, 4);
      assert.match(noEngine.stderr, /rushes serve/);
    } finally {
      await fake.close();
    }
  });
});
