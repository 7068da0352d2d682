import { strict as assert } from 'node:assert';
import net from 'node:net';
import {
  BridgeCode,
  BridgeError,
  RemoteControlClient,
  checkEditor,
  diagnose,
  httpFallbackUrl,
  isBridgeError,
  parseLog,
  findResult,
} from '../../plugins/unreal-bridge/src';
import { FakeRemoteControl, PY_OBJECT } from './fakeRemoteControl';

async function rejects(p: Promise<unknown>, code: string): Promise<BridgeError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isBridgeError(e), `expected a BridgeError, got ${String(e)}`);
    assert.equal(e.code, code, e.describe());
    return e;
  }
  assert.fail(`expected ${code}`);
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('unreal/remote control client', () => {
  let fake: FakeRemoteControl | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it('speaks the documented WebSocket envelope and checks /remote/info first', async () => {
    fake = await FakeRemoteControl.start();
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    try {
      assert.equal(rc.kind, 'websocket');
      assert.ok(rc.routes.some((r) => r.Path === '/remote/object/call'));
      await checkEditor(rc, 'shots');
    } finally {
      await rc.close();
    }
    const [info, call] = fake.requests;
    assert.deepEqual(info!.envelope, { MessageName: 'http', Parameters: { Url: '/remote/info', Verb: 'GET', Body: {} }, Id: 1 });
    const env = call!.envelope as { MessageName: string; Parameters: { Url: string; Verb: string; Body: any }; Id: number };
    assert.equal(env.MessageName, 'http');
    assert.equal(env.Parameters.Url, '/remote/object/call');
    assert.equal(env.Parameters.Verb, 'PUT');
    assert.equal(env.Id, 2);
    assert.deepEqual(Object.keys(env.Parameters.Body).sort(), ['functionName', 'generateTransaction', 'objectPath', 'parameters']);
    assert.equal(env.Parameters.Body.objectPath, PY_OBJECT);
    assert.equal(env.Parameters.Body.functionName, 'ExecutePythonCommandEx');
    assert.equal(env.Parameters.Body.parameters.ExecutionMode, 'ExecuteFile');
    assert.equal(env.Parameters.Body.parameters.FileExecutionScope, 'Private');
    assert.match(env.Parameters.Body.parameters.PythonCommand, /_RUSHES_PAYLOAD = "[A-Za-z0-9+/=]+"/);
  });

  it('copes with a server that answers RequestId -1', async () => {
    fake = await FakeRemoteControl.start({ echoIds: false });
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    await checkEditor(rc, 'add');
    await rc.close();
  });

  it('falls back to HTTP with Content-Type exactly application/json when the WebSocket server is off', async () => {
    fake = await FakeRemoteControl.start({ websocket: false });
    const wsPort = await closedPort();
    const rc = await RemoteControlClient.connect({ url: `ws://127.0.0.1:${wsPort}`, httpUrl: fake.httpUrl });
    try {
      assert.equal(rc.kind, 'http');
      await checkEditor(rc, 'shots');
    } finally {
      await rc.close();
    }
    const put = fake.requests.find((r) => r.verb === 'PUT')!;
    assert.equal(put.transport, 'http');
    assert.equal(put.url, '/remote/object/call');
    assert.equal(put.headers!['content-type'], 'application/json');
  });

  it('derives the HTTP fallback from the WebSocket address', () => {
    assert.equal(httpFallbackUrl('ws://127.0.0.1:30020'), 'http://127.0.0.1:30010');
    assert.equal(httpFallbackUrl('ws://localhost:4000'), 'http://localhost:30010');
  });

  it('says the editor is unreachable, with the ports and the setting, when nothing answers', async () => {
    const port = await closedPort();
    const e = await rejects(RemoteControlClient.connect({ url: `ws://127.0.0.1:${port}`, httpUrl: `http://127.0.0.1:${port}` }), BridgeCode.RC_UNREACHABLE);
    assert.match(e.details.fix!, /30020/);
    assert.match(e.details.fix!, /30010/);
    assert.match(e.details.fix!, /bAutoStartWebSocketServer|WebControl\.StartServer/);
  });

  it('names bEnableRemotePythonExecution when remote Python is disabled', async () => {
    fake = await FakeRemoteControl.start({ pythonEnabled: false });
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    const e = await rejects(checkEditor(rc, 'shots'), BridgeCode.RC_PYTHON_DISABLED);
    await rc.close();
    assert.equal(e.details.setting, 'bEnableRemotePythonExecution');
    assert.match(e.details.fix!, /DefaultRemoteControl\.ini/);
    assert.match(e.details.fix!, /\[\/Script\/RemoteControlCommon\.RemoteControlSettings\]/);
    assert.equal(e.details.status, 400);
  });

  it('names the remote function allow-list when ExecutePythonCommandEx is not allowed', async () => {
    fake = await FakeRemoteControl.start({ functionAllowed: false });
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    const e = await rejects(checkEditor(rc, 'shots'), BridgeCode.RC_FUNCTION_NOT_ALLOWED);
    await rc.close();
    assert.equal(e.details.setting, 'CustomAllowedRemoteFunctionCalls');
    assert.match(e.details.fix!, /\+CustomAllowedRemoteFunctionCalls=\(ClassPath="\/Script\/PythonScriptPlugin\.PythonScriptLibrary",FunctionName="ExecutePythonCommandEx"\)/);
  });

  it('asks for the Python Editor Script Plugin when the library object does not exist', async () => {
    fake = await FakeRemoteControl.start({ pythonPlugin: false });
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    const e = await rejects(checkEditor(rc, 'shots'), BridgeCode.RC_PYTHON_PLUGIN_MISSING);
    await rc.close();
    assert.match(e.details.fix!, /Python Editor Script Plugin/);
  });

  it('refuses without the passphrase, names the setting, and works with it over both transports', async () => {
    fake = await FakeRemoteControl.start({ passphrase: 'open sesame' });
    const e = await rejects(RemoteControlClient.connect({ url: fake.wsUrl }), BridgeCode.RC_PASSPHRASE);
    assert.equal(e.details.setting, 'bEnforcePassphraseForRemoteClients');
    assert.equal(e.details.status, 403);
    assert.match(e.details.fix!, /--rc-passphrase/);
    await rejects(RemoteControlClient.connect({ url: fake.wsUrl, passphrase: 'wrong' }), BridgeCode.RC_PASSPHRASE);

    const ws = await RemoteControlClient.connect({ url: fake.wsUrl, passphrase: 'open sesame' });
    await checkEditor(ws, 'shots');
    await ws.close();
    const h = await RemoteControlClient.connect({ url: fake.httpUrl, passphrase: 'open sesame' });
    assert.equal(h.kind, 'http');
    await checkEditor(h, 'shots');
    await h.close();
    assert.equal(fake.requests.filter((r) => r.transport === 'http').at(-1)!.headers!.passphrase, 'open sesame');
  });

  it('names the plugin to enable when the editor lacks a class the work needs', async () => {
    fake = await FakeRemoteControl.start({ hidden: ['ImgMediaSource', 'ImgMediaSourceFactoryNew'] });
    const rc = await RemoteControlClient.connect({ url: fake.wsUrl });
    const e = await rejects(checkEditor(rc, 'shots'), BridgeCode.UNREAL_PLUGIN_MISSING);
    await rc.close();
    assert.match(e.message, /Img Media/);
    assert.deepEqual(e.details.missing, ['ImgMediaSource', 'ImgMediaSourceFactoryNew']);
  });

  it('rejects an address that is neither ws:// nor http://', async () => {
    await rejects(RemoteControlClient.connect({ url: 'ftp://127.0.0.1:1' }), BridgeCode.USAGE);
  });
});

describe('unreal/diagnose (wording variants)', () => {
  const call = (status: number, errorMessage: string) => diagnose({ status, body: { errorMessage }, action: 'call' });
  it('classifies the refusals users report, by keyword', () => {
    assert.equal(call(400, 'Object Default__PythonScriptLibrary cannot be accessed remotely').code, BridgeCode.RC_PYTHON_DISABLED);
    assert.equal(call(400, 'python execution is not allowed by remote control settings').code, BridgeCode.RC_PYTHON_DISABLED);
    assert.equal(call(400, 'Executing Python remotely is not enabled in the remote control settings.').code, BridgeCode.RC_PYTHON_DISABLED);
    assert.equal(call(400, "Executing function 'ExecutePythonCommandEx' is not allowed").code, BridgeCode.RC_FUNCTION_NOT_ALLOWED);
    assert.equal(call(403, 'Given Passphrase is not correct!').code, BridgeCode.RC_PASSPHRASE);
    assert.equal(call(403, 'Client is not allowed to access the server').code, BridgeCode.RC_ACCESS_DENIED);
    assert.equal(call(403, 'Forbidden').code, BridgeCode.RC_ACCESS_DENIED);
  });
  it('still lists every gate for an unrecognised refusal of the Python call', () => {
    const e = call(400, 'Something new went wrong');
    assert.match(e.details.fix!, /bEnableRemotePythonExecution=True/);
    assert.match(e.details.fix!, /CustomAllowedRemoteFunctionCalls/);
    assert.match(e.details.fix!, /Python Editor Script Plugin/);
  });
  it('reads LogOutput with the enum as name or number, and finds only our nonce', () => {
    const log = parseLog([
      { Type: 'Info', Output: 'RUSHES_RESULT:other:{"ok":false}' },
      { Type: 0, Output: 'RUSHES_RESULT:abc:{"ok":true,"result":1}' },
      { Type: 2, Output: 'boom' },
    ]);
    assert.deepEqual(log.map((l) => l.type), ['Info', 'Info', 'Error']);
    assert.deepEqual(findResult(log, 'abc'), { ok: true, result: 1 });
    assert.equal(findResult(log, 'zzz'), undefined);
  });
});
