/**
 * The Workflow Integration plugin's main process, in Node: Blackmagic's module found or missing, the promise
 * and synchronous API forms, and main.ts wired to a stand-in for Electron (IPC handlers, the sandboxed
 * window, CleanUp on quit) with the strict fake Resolve behind a stand-in WorkflowIntegration.node.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { connectResolve, loadWorkflowIntegration, WorkflowIntegrationError, type WorkflowIntegrationModule } from '../../plugins/resolve-bridge/src/app/workflow-integration';
import type { Reply, ScanView, StatusView } from '../../plugins/resolve-bridge/src/app/ipc';
import { asPromiseApi, FakeResolve } from './fake-resolve';

describe('resolve plugin main process', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-app-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('WorkflowIntegration.node', () => {
    it('says where to copy it from when it is missing', () => {
      const pluginDir = path.join(dir, 'plugin');
      const fromResolve = '/Library/Application Support/Blackmagic Design/DaVinci Resolve/Developer/Workflow Integrations/Examples/SamplePlugin/WorkflowIntegration.node';
      assert.throws(
        () => loadWorkflowIntegration([path.join(pluginDir, 'WorkflowIntegration.node'), fromResolve], () => ({}), pluginDir),
        (e: unknown) => e instanceof WorkflowIntegrationError && e.code === 'E_WI_MISSING' && e.message.includes(fromResolve) && e.message.includes(pluginDir),
      );
    });

    it('reports a module that exists but will not load', () => {
      const file = path.join(dir, 'WorkflowIntegration.node');
      fs.writeFileSync(file, 'not a native module');
      assert.throws(
        () =>
          loadWorkflowIntegration([file], () => {
            throw new Error('invalid ELF header');
          }, dir),
        (e: unknown) => e instanceof WorkflowIntegrationError && e.code === 'E_WI_LOAD' && /invalid ELF header/.test(e.message),
      );
    });

    it('prefers InitializePromise/GetResolvePromise and falls back to Initialize/GetResolve', async () => {
      const fake = new FakeResolve({});
      const calls: string[] = [];
      const promiseForm: WorkflowIntegrationModule = {
        Initialize: () => (calls.push('Initialize'), true),
        InitializePromise: async (id) => (calls.push(`InitializePromise:${id}`), true),
        GetResolve: () => (calls.push('GetResolve'), fake as never),
        GetResolvePromise: async () => (calls.push('GetResolvePromise'), asPromiseApi(fake) as never),
      };
      await connectResolve(promiseForm, 'com.rushes.resolve');
      assert.deepEqual(calls, ['InitializePromise:com.rushes.resolve', 'GetResolvePromise']);
      calls.length = 0;
      await connectResolve({ Initialize: promiseForm.Initialize!, GetResolve: promiseForm.GetResolve! }, 'com.rushes.resolve');
      assert.deepEqual(calls, ['Initialize', 'GetResolve']);
      await assert.rejects(connectResolve({ Initialize: () => false }, 'x'), (e: unknown) => e instanceof WorkflowIntegrationError && e.code === 'E_WI_INIT');
    });
  });

  describe('main.ts under a stand-in Electron', () => {
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const appEvents = new Map<string, () => void>();
    const windows: Array<{ options: Record<string, unknown>; loaded: string | null }> = [];
    let cleanedUp = 0;
    const fake = new FakeResolve({ timeline: { frameRate: '29.97 DF', markers: { 30: { name: 'rushes: a cat on a sofa', duration: 60 } } } });
    const originalLoad = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;
    const saved = { ...process.env };

    before(async () => {
      const electron = {
        app: {
          whenReady: () => Promise.resolve(),
          quit: () => undefined,
          getVersion: () => '0.1.0',
          getPath: () => path.join(dir, 'userData'),
          on: (event: string, fn: () => void) => void appEvents.set(event, fn),
        },
        ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => void handlers.set(channel, fn) },
        BrowserWindow: class {
          loaded: string | null = null;
          webContents = { send: () => undefined, on: () => undefined, setWindowOpenHandler: () => undefined, isDestroyed: () => false };
          constructor(public options: Record<string, unknown>) {
            windows.push(this as never);
          }
          setMenu() {}
          on() {
            return this;
          }
          isDestroyed() {
            return false;
          }
          loadFile(f: string) {
            this.loaded = f;
            return Promise.resolve();
          }
        },
      };
      (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
        if (request === 'electron') return electron;
        return originalLoad.call(this, request, ...rest);
      };
      const wiFile = path.join(dir, 'custom', 'WorkflowIntegration.node');
      fs.mkdirSync(path.dirname(wiFile), { recursive: true });
      fs.writeFileSync(wiFile, '');
      process.env.RUSHES_WORKFLOW_INTEGRATION_NODE = wiFile;
      process.env.RUSHES_HOME = path.join(dir, 'home');
      fs.mkdirSync(process.env.RUSHES_HOME, { recursive: true });
      fs.writeFileSync(path.join(process.env.RUSHES_HOME, 'token'), 'a-token\n');
      process.env.RUSHES_URL = 'ws://127.0.0.1:9'; // nothing listens: the engine is "not running"
      (globalThis as Record<string, unknown>).__non_webpack_require__ = (file: string) => {
        assert.equal(file, wiFile);
        return {
          InitializePromise: async (id: string) => id === 'com.rushes.resolve',
          GetResolvePromise: async () => asPromiseApi(fake),
          CleanUp: () => (cleanedUp++, true),
        } satisfies WorkflowIntegrationModule;
      };
      require('../../plugins/resolve-bridge/src/app/main');
      await new Promise((r) => setImmediate(r));
    });

    after(() => {
      appEvents.get('will-quit')?.();
      (Module as unknown as { _load: unknown })._load = originalLoad;
      delete (globalThis as Record<string, unknown>).__non_webpack_require__;
      process.env = saved;
    });

    it('opens one sandboxed, context-isolated window with the preload', () => {
      assert.equal(windows.length, 1);
      const prefs = windows[0]!.options.webPreferences as Record<string, unknown>;
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.sandbox, true);
      assert.match(String(prefs.preload), /preload\.js$/);
      assert.match(String(windows[0]!.loaded), /index\.html$/);
    });

    it('answers status and scan over IPC from the Resolve object it holds', async () => {
      const status = (await handlers.get('rushes:status')!({})) as Reply<StatusView>;
      assert.ok(status.ok);
      assert.equal(status.value.resolve.ok, true);
      assert.equal(status.value.timeline?.rate, '29.97 DF');
      assert.notEqual(status.value.engine.state, 'connected');
      const scan = (await handlers.get('rushes:scan')!({}, 'rushes:', false)) as Reply<ScanView>;
      assert.ok(scan.ok);
      assert.deepEqual(scan.value.targets.map((t) => [t.timecode, t.duration, t.prompt]), [['01:00:01;00', 60, 'a cat on a sofa']]);
    });

    it('refuses to fill without the engine, saying how to start it', async () => {
      const r = (await handlers.get('rushes:fill')!({}, { tag: 'rushes:', includeFilled: false, generator: null })) as Reply<unknown>;
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.error : '', /rushes serve/);
      assert.equal(fake.callsTo('ImportMedia').length, 0);
    });

    it('calls CleanUp when the app quits', () => {
      appEvents.get('will-quit')!();
      assert.equal(cleanedUp, 1);
    });
  });
});
