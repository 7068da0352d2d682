/**
 * Electron main process of the Workflow Integration plugin. It alone holds the Resolve object (through
 * Blackmagic's WorkflowIntegration.node) and the engine connection (Node `ws`, which sends no Origin
 * header: the engine refuses browser origins, and would refuse this window's file:// page). The window runs
 * sandboxed with context isolation; it talks to this process only through the channels in ipc.ts.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import WebSocket from 'ws';
import { app, BrowserWindow, ipcMain } from 'electron';
import type { WebSocketConstructor } from '@rushes/shared';
import type { ResolveApi } from '../host/types';
import { resolvePaths } from '../install/paths';
import { ResolveBridgeController, reply, type TokenStore } from './controller';
import { Channel, type EventView, type FillRequest, type PlayheadRequestView } from './ipc';
import { cleanUp, connectResolve, loadWorkflowIntegration, type WorkflowIntegrationModule } from './workflow-integration';

declare const __RUSHES_VERSION__: string;
/** webpack leaves this as Node's own require, so the native module is loaded from disk, not bundled. */
declare const __non_webpack_require__: NodeRequire | undefined;
const nativeRequire: (file: string) => unknown = typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : createRequire(__filename);

/** Must match <Id> in manifest.xml: Resolve checks it in Initialize. */
const PLUGIN_ID = 'com.rushes.resolve';
const VERSION = typeof __RUSHES_VERSION__ === 'string' ? __RUSHES_VERSION__ : '0.0.0';

let wi: WorkflowIntegrationModule | null = null;
let resolvePromise: Promise<ResolveApi> | null = null;
let mainWindow: BrowserWindow | null = null;

function getResolve(): Promise<ResolveApi> {
  if (!resolvePromise) {
    resolvePromise = (async () => {
      // An explicit path (Resolve installed somewhere else), the copy in the plugin folder, Resolve's examples.
      const override = process.env.RUSHES_WORKFLOW_INTEGRATION_NODE;
      const candidates = [...(override ? [override] : []), path.join(__dirname, 'WorkflowIntegration.node'), ...resolvePaths().workflowIntegrationNode];
      wi = loadWorkflowIntegration(candidates, nativeRequire, __dirname);
      return connectResolve(wi, PLUGIN_ID);
    })();
    // A failure is remembered for this call only: the user may copy the file and press Refresh.
    resolvePromise.catch(() => {
      resolvePromise = null;
    });
  }
  return resolvePromise;
}

/** The paired token, kept in the plugin's own data folder (only needed when the engine's token file is unreadable). */
function fileTokens(): TokenStore {
  const fileFor = () => path.join(app.getPath('userData'), 'rushes-resolve.json');
  return {
    get() {
      const file = fileFor();
      try {
        const v = (JSON.parse(fs.readFileSync(file, 'utf8')) as { token?: unknown }).token;
        return typeof v === 'string' && v ? v : null;
      } catch {
        return null;
      }
    },
    set(token) {
      const file = fileFor();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify({ token }), { mode: 0o600 });
    },
  };
}

function send(event: EventView): void {
  if (mainWindow && !mainWindow.isDestroyed() && !mainWindow.webContents.isDestroyed()) mainWindow.webContents.send(Channel.event, event);
}

function str(v: unknown, max: number): string {
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function registerHandlers(controller: ResolveBridgeController): void {
  ipcMain.handle(Channel.status, () => reply(() => controller.status()));
  ipcMain.handle(Channel.scan, (_e, tag, includeFilled) => reply(() => controller.scan(str(tag, 64), Boolean(includeFilled))));
  ipcMain.handle(Channel.fill, (_e, raw) => {
    const r = (raw ?? {}) as Partial<FillRequest>;
    return reply(() => controller.fill({ tag: str(r.tag, 64), includeFilled: Boolean(r.includeFilled), generator: str(r.generator, 64) || null }));
  });
  ipcMain.handle(Channel.playhead, (_e, raw) => {
    const r = (raw ?? {}) as Partial<PlayheadRequestView>;
    const seconds = Number(r.durationSeconds);
    return reply(() =>
      controller.generateAtPlayhead({ prompt: str(r.prompt, 2000), durationSeconds: Number.isFinite(seconds) && seconds > 0 ? seconds : 5, generator: str(r.generator, 64) || null }),
    );
  });
  ipcMain.handle(Channel.pair, (_e, code) => reply(() => controller.pair(str(code, 32))));
  ipcMain.handle(Channel.reconnect, () => reply(() => controller.reconnect()));
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 560,
    height: 760,
    minWidth: 420,
    minHeight: 480,
    title: 'Rushes',
    useContentSize: true,
    backgroundColor: '#1e1e1e',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
    },
  });
  mainWindow.setMenu(null);
  // The page is ours and local: it never navigates and never opens windows.
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  mainWindow.on('close', () => app.quit());
  void mainWindow.loadFile(path.join(__dirname, 'index.html'));
}

const controller = new ResolveBridgeController({
  resolve: getResolve,
  WebSocket: WebSocket as unknown as WebSocketConstructor,
  client: { name: 'rushes-resolve', version: VERSION, host: 'resolve' },
  tokens: fileTokens(),
  emit: send,
});

app.whenReady().then(() => {
  registerHandlers(controller);
  createWindow();
  void controller.connectEngine();
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  controller.close();
  cleanUp(wi);
  wi = null;
});
