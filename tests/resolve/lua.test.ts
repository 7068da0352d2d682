/**
 * Runs the free-edition Lua script's tests (tests/resolve/lua/test_fill.lua) under a Lua 5.1 interpreter
 * (Resolve's scripting Lua is 5.1 / LuaJIT), against a Lua fake of Resolve and a fake `rushes shots` CLI.
 * Skipped, saying so, where no interpreter is installed (`apt-get install luajit`).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ffprobePath, RUSHES_BIN, startTestDaemon } from '../helpers/engine';

const here = path.join(__dirname, 'lua');
const script = path.resolve(__dirname, '../../plugins/resolve-bridge/lua/Rushes Fill Markers.lua');

function findLua(): string | null {
  for (const exe of ['luajit', 'lua5.1', 'lua']) {
    const r = spawnSync(exe, ['-v'], { encoding: 'utf8' });
    if (r.status === 0 && /LuaJIT|Lua 5\.1/.test(`${r.stdout}${r.stderr}`)) return exe;
  }
  return null;
}

describe('resolve Lua script (free edition)', function () {
  const lua = findLua();
  let dir: string;

  before(function () {
    if (!lua) {
      console.warn('    (no luajit or lua5.1 found: Lua script tests skipped; apt-get install luajit)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-lua-'));
    // The script quotes RUSHES_CLI as one executable path, as it would a real `rushes` install.
    fs.writeFileSync(path.join(dir, 'rushes'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(here, 'fake-rushes.cjs')}" "$@"\n`, { mode: 0o755 });
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('reads markers, runs `rushes shots`, and places the clips like the plugin does', function () {
    const shots = path.join(dir, 'shots.json');
    const r = spawnSync(lua!, ['test_fill.lua', script, path.join(dir, 'rushes'), shots], {
      cwd: here,
      encoding: 'utf8',
      env: { ...process.env, RUSHES_FAKE_LOG: shots },
      timeout: 20000,
    });
    const out = `${r.stdout}${r.stderr}`;
    assert.equal(r.status, 0, out);
    assert.equal((out.match(/^ok - /gm) ?? []).length, 7, out);
  });

  it('fills markers through the real `rushes shots` CLI and a running engine', async function () {
    this.timeout(60000);
    const d = await startTestDaemon();
    try {
      const wrapper = path.join(dir, 'rushes-real');
      fs.writeFileSync(wrapper, `#!/bin/sh\nRUSHES_HOME="${d.home}" exec "${process.execPath}" "${RUSHES_BIN}" "$@"\n`, { mode: 0o755 });
      // Asynchronously: the engine runs in this process and must keep answering while Lua waits on the CLI.
      const child = spawn(lua!, ['test_real_cli.lua', script, wrapper, ffprobePath()], { cwd: here });
      let out = '';
      child.stdout.on('data', (b) => (out += b));
      child.stderr.on('data', (b) => (out += b));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      assert.equal(status, 0, out);
      assert.match(out, /ok - real CLI/);
    } finally {
      await d.close();
    }
  });

  it('parses as Lua 5.1 (what Resolve runs)', function () {
    const r = spawnSync(lua!, ['-e', `RUSHES_NO_MAIN = true; local M = dofile(${JSON.stringify(script)}); assert(type(M.fill) == "function")`], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('says where to run it when started outside Resolve', function () {
    const r = spawnSync(lua!, [script], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /run this script from DaVinci Resolve/);
  });
});
