/**
 * A fake Unreal Remote Control server for tests: HTTP (routes) and WebSocket (the "http" envelope),
 * with the documented reply shapes and the refusals a misconfigured project produces. Python sent to
 * `PythonScriptLibrary.ExecutePythonCommandEx` really runs, with the machine's python3, against the
 * strict fake `unreal` module in ./fake_unreal, which records what the script did.
 *
 * Shapes modelled on the engine's Remote Control plugin:
 * - error bodies are `{ "errorMessage": "..." }`; 400 for a refused call, 403 for a wrong passphrase
 *   ("Given Passphrase is not correct!", header `Passphrase`, or `Parameters.Passphrase` over WebSocket);
 * - HTTP PUTs need Content-Type exactly `application/json`;
 * - WebSocket: `{"MessageName":"http","Parameters":{"Url","Verb","Body"},"Id"}` in,
 *   `{"RequestId","ResponseCode","ResponseBody"}` out;
 * - ExecutePythonCommandEx answers `{ReturnValue, CommandResult, LogOutput: [{Type, Output}]}`;
 *   in ExecuteFile mode CommandResult is "None" on success and the traceback on failure.
 * The refusal wordings for the Python gates are not documented; these follow what users report.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';

export const PY_OBJECT = '/Script/PythonScriptPlugin.Default__PythonScriptLibrary';
const FAKE_DIR = path.join(__dirname, 'fake_unreal');

export interface FakeRcOptions {
  /** bEnableRemotePythonExecution. Default true. */
  pythonEnabled?: boolean;
  /** PythonScriptLibrary.ExecutePythonCommandEx in CustomAllowedRemoteFunctionCalls. Default true. */
  functionAllowed?: boolean;
  /** The Python Editor Script Plugin is enabled. Default true. */
  pythonPlugin?: boolean;
  /** When set, every request must carry this passphrase. */
  passphrase?: string;
  /** Start the WebSocket server. Default true. */
  websocket?: boolean;
  /** unreal.* classes to hide (a disabled plugin). */
  hidden?: string[];
  /** The echo of the WebSocket Id; false plays a server answering RequestId -1. Default true. */
  echoIds?: boolean;
}

export interface RecordedRequest {
  transport: 'http' | 'websocket';
  verb: string;
  url: string;
  body: unknown;
  headers?: http.IncomingHttpHeaders;
  envelope?: unknown;
}

export interface LogOp {
  op: string;
  [k: string]: unknown;
}

interface Reply {
  status: number;
  body: unknown;
}

const ROUTES = [
  { Path: '/remote/info', Verb: 'Get', Description: 'Get information about different routes available on this API.' },
  { Path: '/remote', Verb: 'Options', Description: 'Allows cross-origin http requests to the API.' },
  { Path: '/remote/batch', Verb: 'Put', Description: 'Allows batching multiple calls into one request.' },
  { Path: '/remote/object/call', Verb: 'Put', Description: 'Call a function on a remote object.' },
  { Path: '/remote/object/property', Verb: 'Put', Description: 'Read or write a property on a remote object.' },
  { Path: '/remote/search/assets', Verb: 'Put', Description: 'Search for assets.' },
];

/**
 * The interpreter behind `python3`, resolved once: version-manager shims (pyenv) add most of a second to
 * every start, and the tests start Python many times.
 */
let pythonExe: string | null = null;
export function python(): string {
  pythonExe ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim() || 'python3';
  return pythonExe;
}

const err = (status: number, message: string): Reply => ({ status, body: { errorMessage: message } });

/** Reads a field the way Unreal's struct deserializer does: names are case-insensitive. */
function field(o: Record<string, unknown>, name: string): unknown {
  const k = Object.keys(o).find((key) => key.toLowerCase() === name.toLowerCase());
  return k === undefined ? undefined : o[k];
}

export class FakeRemoteControl {
  readonly requests: RecordedRequest[] = [];
  readonly dir: string;
  readonly stateFile: string;
  readonly logFile: string;
  /** Scripts run one at a time, as on the editor's game thread. */
  private queue: Promise<unknown> = Promise.resolve();
  private wss: WebSocketServer | null = null;
  private constructor(
    private readonly server: http.Server,
    readonly options: FakeRcOptions,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-fake-ue-'));
    this.stateFile = path.join(this.dir, 'editor-state.json');
    this.logFile = path.join(this.dir, 'unreal-log.jsonl');
    fs.writeFileSync(this.stateFile, JSON.stringify({ assets: {}, editor: { current_sequence: null, current_time: 0 }, hidden: options.hidden ?? [] }));
  }

  static async start(options: FakeRcOptions = {}): Promise<FakeRemoteControl> {
    const server = http.createServer();
    const fake = new FakeRemoteControl(server, options);
    server.on('request', (req, res) => fake.onHttp(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    if (options.websocket !== false) {
      fake.wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise<void>((resolve) => fake.wss!.once('listening', resolve));
      fake.wss.on('connection', (ws) => ws.on('message', (data) => void fake.onWs(ws, data.toString())));
    }
    return fake;
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get wsUrl(): string {
    if (!this.wss) throw new Error('this fake runs without WebSocket');
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  /** The fake editor's memory: assets, the open sequence, hidden classes. */
  state(): { assets: Record<string, { class: string; revision: number; saved_revision: number; metadata: Record<string, string>; data: any }>; editor: any; hidden: string[] } {
    return JSON.parse(fs.readFileSync(this.stateFile, 'utf8'));
  }

  setEditor(editor: { current_sequence?: string | null; current_time?: number }): void {
    const s = this.state();
    Object.assign(s.editor, editor);
    fs.writeFileSync(this.stateFile, JSON.stringify(s));
  }

  /** Puts assets straight into the editor (a sequence the user made by hand, say). */
  putAsset(objectPath: string, record: { class: string; data: unknown; metadata?: Record<string, string> }): void {
    const s = this.state();
    s.assets[objectPath] = { revision: 1, saved_revision: 1, metadata: {}, ...record } as any;
    fs.writeFileSync(this.stateFile, JSON.stringify(s));
  }

  /** Every API call the scripts made, in order (and any attempt to start a process: op "audit"). */
  log(): LogOp[] {
    if (!fs.existsSync(this.logFile)) return [];
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as LogOp);
  }

  clearLog(): void {
    fs.rmSync(this.logFile, { force: true });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.wss) {
      for (const c of this.wss.clients) c.terminate();
      await new Promise<void>((resolve) => this.wss!.close(() => resolve()));
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  // ---------------------------------------------------------------------------------------- transports

  private onHttp(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      let reply: Reply;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        body = text;
      }
      this.requests.push({ transport: 'http', verb: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      const passphrase = req.headers.passphrase;
      if (this.options.passphrase !== undefined && passphrase !== this.options.passphrase) {
        reply = err(403, 'Given Passphrase is not correct!');
      } else if (req.method === 'PUT' && req.headers['content-type'] !== 'application/json') {
        reply = err(400, 'Request content type must be application/json');
      } else if (typeof body === 'string') {
        reply = err(400, 'Unable to deserialize request.');
      } else {
        reply = await this.route(req.method ?? '', req.url ?? '', body);
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  }

  private async onWs(ws: WebSocket, text: string): Promise<void> {
    let msg: { MessageName?: unknown; Parameters?: Record<string, unknown>; Id?: unknown };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (msg.MessageName !== 'http' || !msg.Parameters) return;
    const p = msg.Parameters;
    const url = String(field(p, 'Url') ?? '');
    const verb = String(field(p, 'Verb') ?? '').toUpperCase();
    const body = field(p, 'Body');
    this.requests.push({ transport: 'websocket', verb, url, body, envelope: msg });
    let reply: Reply;
    if (this.options.passphrase !== undefined && field(p, 'Passphrase') !== this.options.passphrase) {
      reply = err(403, 'Given Passphrase is not correct!');
    } else {
      reply = await this.route(verb, url, body);
    }
    const id = this.options.echoIds === false ? -1 : typeof msg.Id === 'number' ? msg.Id : -1;
    ws.send(JSON.stringify({ RequestId: id, ResponseCode: reply.status, ResponseBody: reply.body ?? null }));
  }

  // -------------------------------------------------------------------------------------------- routes

  private async route(verb: string, url: string, body: unknown): Promise<Reply> {
    if (verb === 'GET' && url === '/remote/info') return { status: 200, body: { HttpRoutes: ROUTES } };
    if (verb === 'PUT' && url === '/remote/object/call') return this.call(body);
    return err(404, `Route ${verb} ${url} not found.`);
  }

  private async call(body: unknown): Promise<Reply> {
    if (!body || typeof body !== 'object') return err(400, 'Unable to deserialize request.');
    const b = body as Record<string, unknown>;
    const objectPath = String(field(b, 'objectPath') ?? '');
    const functionName = String(field(b, 'functionName') ?? '');
    const parameters = (field(b, 'parameters') ?? {}) as Record<string, unknown>;
    if (objectPath !== PY_OBJECT || this.options.pythonPlugin === false) {
      return err(400, `Object: ${objectPath} does not exist.`);
    }
    if (this.options.pythonEnabled === false) return err(400, 'Object Default__PythonScriptLibrary cannot be accessed remotely');
    if (functionName !== 'ExecutePythonCommandEx') return err(400, `Function: ${functionName} does not exist on object: ${objectPath}`);
    if (this.options.functionAllowed === false) return err(400, `Executing function '${functionName}' is not allowed`);
    const known = ['PythonCommand', 'ExecutionMode', 'FileExecutionScope'];
    const unknown = Object.keys(parameters).filter((k) => !known.some((n) => n.toLowerCase() === k.toLowerCase()));
    if (unknown.length) return err(400, `Parameters object improperly formatted: unknown ${unknown.join(', ')}`);
    const command = field(parameters, 'PythonCommand');
    const mode = field(parameters, 'ExecutionMode') ?? 'ExecuteFile';
    const scope = field(parameters, 'FileExecutionScope') ?? 'Private';
    if (typeof command !== 'string') return err(400, 'Parameters object improperly formatted.');
    if (!['ExecuteFile', 'ExecuteStatement', 'EvaluateStatement'].includes(String(mode)) || !['Private', 'Public'].includes(String(scope))) {
      return err(400, 'Parameters object improperly formatted.');
    }
    if (mode !== 'ExecuteFile' && command.includes('\n')) {
      // The statement modes take one statement: a multi-line script fails to compile.
      return { status: 200, body: { ReturnValue: false, CommandResult: 'SyntaxError: multiple statements found while compiling a single statement', LogOutput: [] } };
    }
    const run = this.queue.then(() => this.runPython(command));
    this.queue = run.catch(() => undefined);
    return { status: 200, body: await run };
  }

  private runPython(script: string): Promise<{ ReturnValue: boolean; CommandResult: string; LogOutput: Array<{ Type: string; Output: string }> }> {
    const file = path.join(this.dir, `script-${this.requests.length}.py`);
    fs.writeFileSync(file, script);
    return new Promise((resolve) => {
      execFile(
        python(),
        [file],
        {
          cwd: this.dir,
          env: { ...process.env, PYTHONPATH: FAKE_DIR, FAKE_UNREAL_STATE: this.stateFile, FAKE_UNREAL_LOG: this.logFile, PYTHONDONTWRITEBYTECODE: '1' },
          timeout: 60_000,
          maxBuffer: 16 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const lines = (t: string, Type: string) =>
            t
              .split('\n')
              .filter((l) => l.length)
              .map((Output) => ({ Type, Output }));
          resolve({
            ReturnValue: !error,
            CommandResult: error ? stderr || String(error) : 'None',
            LogOutput: [...lines(stdout, 'Info'), ...lines(stderr, 'Error')],
          });
        },
      );
    });
  }
}
