/**
 * The few Electron APIs the plugin uses, declared here rather than installing the `electron` package:
 * Resolve runs the plugin in its own bundled Electron (its version is Resolve's choice, not ours), so the
 * build only needs these long-stable signatures (all present since Electron 12), and the repo avoids a
 * second, conflicting @types/node that the electron package drags in.
 */
declare module 'electron' {
  export interface IpcMainInvokeEvent {
    readonly sender: WebContents;
    readonly senderFrame?: { readonly url: string } | null;
  }
  export interface IpcRendererEvent {
    readonly sender: unknown;
  }
  export interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    isDestroyed(): boolean;
  }
  export interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    title?: string;
    useContentSize?: boolean;
    backgroundColor?: string;
    webPreferences?: {
      preload?: string;
      contextIsolation?: boolean;
      nodeIntegration?: boolean;
      sandbox?: boolean;
      webSecurity?: boolean;
    };
  }
  export class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadFile(filePath: string): Promise<void>;
    on(event: 'close' | 'closed', listener: () => void): this;
    setMenu(menu: null): void;
    isDestroyed(): boolean;
    static getAllWindows(): BrowserWindow[];
  }
  export const app: {
    whenReady(): Promise<void>;
    quit(): void;
    getVersion(): string;
    getPath(name: 'userData' | 'temp' | 'home'): string;
    on(event: 'window-all-closed' | 'will-quit' | 'activate', listener: () => void): void;
  };
  export const ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  };
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
  };
  export const contextBridge: {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  };
}
