/**
 * Boots the real webpack bundle (dist/index.js as UXP would load it) in a Node VM with just enough of
 * UXP faked: the DOM elements of index.html, `require('premierepro')` (the strict simulator),
 * `require('uxp')` (secure storage), localStorage and the WebSocket (Node's `ws`). Then it clicks
 * through pairing and Generate against a real engine and checks the clip lands.
 *
 * Not part of the mocha suite (it runs webpack, ~15-30 s on 2 cores):
 *   npx tsx tests/premiere/bundle-smoke.ts
 * It builds into a temporary folder, so plugins/premiere/dist is left alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import WebSocket from 'ws';
import { EngineClient, type WebSocketConstructor } from '@rushes/shared';
import { startDaemon } from '@rushes/engine';
import { build } from '../../plugins/premiere/scripts/build';
import { PremiereSim } from './sim/premiere-sim';

/** The little of a DOM element the panel's renderer touches. */
class FakeElement {
  children: FakeElement[] = [];
  attrs: Record<string, string> = {};
  private listeners: Record<string, Array<(ev: unknown) => void>> = {};
  textContent = '';
  value = '';
  selectedIndex = -1;
  constructor(readonly tag: string) {}
  setAttribute(k: string, v: string): void {
    this.attrs[k] = v;
  }
  removeAttribute(k: string): void {
    delete this.attrs[k];
  }
  appendChild(c: FakeElement): FakeElement {
    this.children.push(c);
    return c;
  }
  removeChild(c: FakeElement): FakeElement {
    this.children = this.children.filter((x) => x !== c);
    return c;
  }
  get firstChild(): FakeElement | null {
    return this.children[0] ?? null;
  }
  addEventListener(name: string, fn: (ev: unknown) => void): void {
    (this.listeners[name] ??= []).push(fn);
  }
  fire(name: string): void {
    for (const fn of this.listeners[name] ?? []) fn({ target: this });
  }
}

function check(ok: boolean, what: string): void {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) process.exitCode = 1;
}

async function until(cond: () => boolean, ms = 20000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
}

async function main(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-premiere-smoke-'));
  const daemon = await startDaemon({ home: path.join(tmp, 'home'), port: 0, advertise: false });
  try {
    const dist = path.join(tmp, 'dist');
    await build(dist, { ...process.env, RUSHES_PORT: String(daemon.port) });

    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const elements = new Map([...html.matchAll(/id="([^"]+)"/g)].map((m) => [m[1]!, new FakeElement('x')]));
    const el = (id: string): FakeElement => elements.get(id)!;
    const sim = new PremiereSim({ probe: async (p) => (fs.existsSync(p) ? { durationTicks: 254016000000n / 2n } : null) });
    sim.addSequence({ width: 320, height: 180, fps: { num: 25, den: 1 } });
    const secure = new Map<string, Uint8Array>();
    const local = new Map<string, string>();
    const context = vm.createContext({
      console,
      setTimeout,
      clearTimeout,
      WebSocket,
      document: {
        getElementById: (id: string) => elements.get(id) ?? null,
        createElement: (tag: string) => new FakeElement(tag),
        addEventListener: () => undefined,
      },
      localStorage: { getItem: (k: string) => local.get(k) ?? null, setItem: (k: string, v: string) => local.set(k, v), removeItem: (k: string) => local.delete(k) },
      require: (id: string) => {
        if (id === 'premierepro') return sim.ppro;
        if (id === 'uxp')
          return {
            host: { version: '26.3.0' },
            storage: {
              formats: { binary: Symbol('binary') },
              secureStorage: {
                getItem: async (k: string) => {
                  const v = secure.get(k);
                  if (!v) throw new Error('no such key');
                  return v;
                },
                setItem: async (k: string, v: string) => void secure.set(k, Buffer.from(v)),
                removeItem: async (k: string) => void secure.delete(k),
              },
            },
          };
        throw new Error(`unexpected require(${id})`);
      },
    });
    vm.runInContext(fs.readFileSync(path.join(dist, 'index.js'), 'utf8'), context, { filename: 'index.js' });

    await until(() => el('conn-title').textContent === 'Pair with the engine');
    check(el('conn-title').textContent === 'Pair with the engine', `first start asks to pair (${el('conn-title').textContent})`);
    check(!('hidden' in el('pairing').attrs), 'the pairing box is shown');

    const admin = new EngineClient({ url: daemon.url, WebSocket: WebSocket as unknown as WebSocketConstructor, token: daemon.token, client: { name: 'smoke', version: '1', host: 'node' }, reconnect: false });
    await admin.connect();
    const { code } = await admin.call('pairing.create', {});
    admin.close();
    el('pair-code').value = code.toLowerCase();
    el('pair-go').fire('click');
    await until(() => el('conn-title').textContent === 'Connected');
    check(el('conn-title').textContent === 'Connected', 'pairing connects');
    check(secure.size === 1, 'the token went to secure storage');
    check(el('seq-line').textContent.startsWith('Sequence 1 · 320×180 · 25 fps'), `sequence line: ${el('seq-line').textContent}`);

    el('prompt').value = 'bundle smoke test';
    el('prompt').fire('input');
    el('duration').value = '0.5';
    el('duration').fire('input');
    check(!('disabled' in el('generate').attrs), 'Generate is enabled');
    el('generate').fire('click');
    await until(() => sim.sequence().videoTracks[0]!.length > 0 && el('history').children.length > 0);
    check(sim.sequence().videoTracks[0]!.length === 1, 'the clip is on V1');
    check(sim.sequence().markers[0]?.name === 'Rushes: bundle smoke test', 'the marker is there');
    check(el('history').children.length === 1, 'history lists it');
  } finally {
    await daemon.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => setTimeout(() => process.exit(process.exitCode ?? 0), 100),
  (e: Error) => {
    console.error(e);
    process.exit(1);
  },
);
