/**
 * Preload (runs sandboxed, with context isolation): exposes `window.rushes`, a fixed set of calls into the
 * main process. Nothing else from Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Channel, type EventView, type RushesBridge } from './ipc';

const bridge: RushesBridge = {
  status: () => ipcRenderer.invoke(Channel.status) as ReturnType<RushesBridge['status']>,
  scan: (tag, includeFilled) => ipcRenderer.invoke(Channel.scan, String(tag), Boolean(includeFilled)) as ReturnType<RushesBridge['scan']>,
  fill: (request) =>
    ipcRenderer.invoke(Channel.fill, {
      tag: String(request.tag),
      includeFilled: Boolean(request.includeFilled),
      generator: request.generator ? String(request.generator) : null,
    }) as ReturnType<RushesBridge['fill']>,
  generateAtPlayhead: (request) =>
    ipcRenderer.invoke(Channel.playhead, {
      prompt: String(request.prompt),
      durationSeconds: Number(request.durationSeconds),
      generator: request.generator ? String(request.generator) : null,
    }) as ReturnType<RushesBridge['generateAtPlayhead']>,
  pair: (code) => ipcRenderer.invoke(Channel.pair, String(code)) as ReturnType<RushesBridge['pair']>,
  reconnect: () => ipcRenderer.invoke(Channel.reconnect) as ReturnType<RushesBridge['reconnect']>,
  onEvent: (listener) => {
    const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event as EventView);
    ipcRenderer.on(Channel.event, wrapped);
    return () => ipcRenderer.removeListener(Channel.event, wrapped);
  },
};

contextBridge.exposeInMainWorld('rushes', bridge);
