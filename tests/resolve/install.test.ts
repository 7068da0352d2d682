import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { installResolvePlugin, InstallError, LUA_SCRIPT_NAME, PLUGIN_FOLDER, resolvePaths } from '../../plugins/resolve-bridge/src/install';

describe('resolve installer', () => {
  let dir: string;
  let source: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-install-'));
    source = path.join(dir, 'build', PLUGIN_FOLDER);
    fs.mkdirSync(path.join(source, 'nested'), { recursive: true });
    fs.writeFileSync(path.join(source, 'manifest.xml'), '<BlackmagicDesign/>');
    fs.writeFileSync(path.join(source, 'main.js'), '// main');
    fs.writeFileSync(path.join(source, 'nested', 'a.txt'), 'a');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('knows Blackmagic\'s per-OS folders, and that Linux has no Workflow Integrations', () => {
    const mac = resolvePaths('darwin', {}, '/Users/ed');
    assert.equal(mac.pluginsRoot, '/Library/Application Support/Blackmagic Design/DaVinci Resolve/Workflow Integration Plugins');
    assert.equal(mac.workflowIntegrationNode[0], '/Library/Application Support/Blackmagic Design/DaVinci Resolve/Developer/Workflow Integrations/Examples/SamplePlugin/WorkflowIntegration.node');
    assert.equal(mac.scriptsDir, '/Users/ed/Library/Application Support/Blackmagic Design/DaVinci Resolve/Fusion/Scripts/Utility');
    const win = resolvePaths('win32', { PROGRAMDATA: 'C:\\ProgramData', APPDATA: 'C:\\Users\\ed\\AppData\\Roaming' }, 'C:\\Users\\ed');
    assert.equal(win.pluginsRoot, 'C:\\ProgramData\\Blackmagic Design\\DaVinci Resolve\\Support\\Workflow Integration Plugins');
    assert.equal(win.workflowIntegrationNode[0], 'C:\\ProgramData\\Blackmagic Design\\DaVinci Resolve\\Support\\Developer\\Workflow Integrations\\Examples\\SamplePlugin\\WorkflowIntegration.node');
    assert.equal(win.scriptsDir, 'C:\\Users\\ed\\AppData\\Roaming\\Blackmagic Design\\DaVinci Resolve\\Support\\Fusion\\Scripts\\Utility');
    const linux = resolvePaths('linux', {}, '/home/ed');
    assert.equal(linux.pluginsRoot, null);
    assert.equal(linux.scriptsDir, '/home/ed/.local/share/DaVinciResolve/Fusion/Scripts/Utility');
  });

  it('copies the plugin folder and Blackmagic\'s module from the user\'s Resolve, then removes them', () => {
    const dest = path.join(dir, 'plugins');
    const wiNode = path.join(dir, 'Developer', 'WorkflowIntegration.node');
    fs.mkdirSync(path.dirname(wiNode), { recursive: true });
    fs.writeFileSync(wiNode, 'native');
    const scripts = path.join(dir, 'Scripts');
    const r = installResolvePlugin({ dest, source, scriptsDest: scripts, workflowIntegrationNode: wiNode, platform: 'darwin' });
    const target = path.join(dest, PLUGIN_FOLDER);
    assert.equal(r.pluginDir, target);
    assert.equal(fs.readFileSync(path.join(target, 'nested', 'a.txt'), 'utf8'), 'a');
    assert.equal(r.workflowIntegrationNode, 'copied');
    assert.equal(fs.readFileSync(path.join(target, 'WorkflowIntegration.node'), 'utf8'), 'native');
    assert.ok(fs.existsSync(path.join(scripts, LUA_SCRIPT_NAME)));
    assert.match(r.messages.at(-1)!, /Restart DaVinci Resolve/);

    // Reinstalling drops files an older version left behind.
    fs.writeFileSync(path.join(target, 'stale.js'), 'old');
    installResolvePlugin({ dest, source, scriptsDest: scripts, workflowIntegrationNode: wiNode, platform: 'darwin' });
    assert.ok(!fs.existsSync(path.join(target, 'stale.js')));

    const u = installResolvePlugin({ uninstall: true, dest, scriptsDest: scripts, platform: 'darwin' });
    assert.ok(!fs.existsSync(target));
    assert.ok(!fs.existsSync(path.join(scripts, LUA_SCRIPT_NAME)));
    assert.match(u.messages.join('\n'), /Removed the plugin/);
  });

  it('says where to get WorkflowIntegration.node when the Resolve install has none', () => {
    const r = installResolvePlugin({ dest: path.join(dir, 'p'), source, script: false, workflowIntegrationNode: path.join(dir, 'nope.node'), platform: 'win32' });
    assert.equal(r.workflowIntegrationNode, 'missing');
    assert.match(r.messages.join('\n'), /Developer\/Workflow Integrations\/Examples\/SamplePlugin/);
  });

  it('installs only the Lua script on Linux, and says why', () => {
    const scripts = path.join(dir, 'Scripts');
    const r = installResolvePlugin({ source, scriptsDest: scripts, platform: 'linux', home: dir });
    assert.equal(r.pluginDir, null);
    assert.match(r.messages[0]!, /not supported by Resolve on Linux/);
    assert.ok(fs.existsSync(path.join(scripts, LUA_SCRIPT_NAME)));
  });

  it('refuses to install an unbuilt plugin with the command that builds it', () => {
    assert.throws(
      () => installResolvePlugin({ dest: path.join(dir, 'p'), source: path.join(dir, 'empty'), script: false, platform: 'darwin' }),
      (e: unknown) => e instanceof InstallError && /npm run build/.test(e.message),
    );
  });
});
