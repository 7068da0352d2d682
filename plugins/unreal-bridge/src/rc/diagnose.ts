/**
 * Turns a refused Remote Control request into an error that names the Unreal setting to change.
 *
 * What the server sends on refusal: a JSON body `{ "errorMessage": "..." }` with status 400 (bad
 * request, also used for "object cannot be accessed" and "function not allowed") or 403 (denied; the
 * passphrase check answers 403 "Given Passphrase is not correct!"). The exact wording of the gates
 * changed between engine versions and is not documented, so matching is by keywords, and anything
 * unrecognised still lists every gate that can refuse the call rather than dead-ending.
 */
import { BridgeCode, BridgeError } from '../errors';

/** Where Remote Control reads its settings (URemoteControlSettings is UCLASS(Config=RemoteControl)). */
export const RC_INI = 'Config/DefaultRemoteControl.ini';
export const RC_SECTION = '[/Script/RemoteControlCommon.RemoteControlSettings]';
export const PYTHON_LIBRARY_OBJECT = '/Script/PythonScriptPlugin.Default__PythonScriptLibrary';
export const PYTHON_LIBRARY_CLASS = '/Script/PythonScriptPlugin.PythonScriptLibrary';
export const PYTHON_FUNCTION = 'ExecutePythonCommandEx';

const RESTART = 'then restart the editor (Remote Control reads these settings at start-up).';

export const FIX = {
  python: `In ${RC_INI} under ${RC_SECTION} set bEnableRemotePythonExecution=True (Project Settings > Plugins > Remote Control > "Enable Remote Python Execution"), ${RESTART}`,
  allowList:
    `Allow the call in ${RC_INI} under ${RC_SECTION}: ` +
    `+CustomAllowedRemoteFunctionCalls=(ClassPath="${PYTHON_LIBRARY_CLASS}",FunctionName="${PYTHON_FUNCTION}") ` +
    `(engines with bAllowAnyRemoteFunctionCall=False, the default in recent versions), ${RESTART}`,
  passphrase:
    'The Remote Control server requires a passphrase (bEnforcePassphraseForRemoteClients, under bRestrictServerAccess). ' +
    'Pass it with --rc-passphrase or RUSHES_RC_PASSPHRASE, or connect from 127.0.0.1 (local clients need none).',
  access:
    `The server refused this client. Under ${RC_SECTION}: keep the bind addresses (RemoteControlWebsocketServerBindAddress, ` +
    'RemoteControlWebInterfaceBindAddress) on 127.0.0.1 and connect to 127.0.0.1; if bRestrictServerAccess=True, add this ' +
    'machine to AllowlistedClients and check AllowedOrigin (Rushes sends no Origin header).',
  plugin:
    'Enable the "Python Editor Script Plugin" (and "Editor Scripting Utilities") in Edit > Plugins, then restart the editor.',
  reach:
    'Enable the "Remote Control API" plugin and start its servers: Project Settings > Plugins > Remote Control > ' +
    'bAutoStartWebServer / bAutoStartWebSocketServer (or run the console command WebControl.StartServer). ' +
    'Default ports: HTTP 30010 (RemoteControlHttpServerPort), WebSocket 30020 (RemoteControlWebSocketServerPort).',
} as const;

export interface Refusal {
  /** HTTP status (or the WebSocket envelope's ResponseCode). */
  status: number;
  /** The reply body, parsed when it was JSON. */
  body: unknown;
  /** What we were doing, for the message. */
  action: 'info' | 'call';
}

/** The `errorMessage` of a Remote Control error body, or the body as text. */
export function serverMessageOf(body: unknown): string {
  if (body && typeof body === 'object' && 'errorMessage' in body) return String((body as { errorMessage: unknown }).errorMessage);
  if (typeof body === 'string') return body;
  if (body === null || body === undefined) return '';
  return JSON.stringify(body);
}

/** Classifies a non-2xx reply. Pure: the same refusal always gives the same error. */
export function diagnose(r: Refusal): BridgeError {
  const msg = serverMessageOf(r.body);
  const evidence = { status: r.status, serverMessage: msg };
  const mentionsPython = /python/i.test(msg);

  if (/passphrase/i.test(msg)) {
    return new BridgeError(BridgeCode.RC_PASSPHRASE, 'Unreal Remote Control refused the passphrase.', {
      ...evidence,
      setting: 'bEnforcePassphraseForRemoteClients',
      fix: FIX.passphrase,
    });
  }
  if (/cannot be accessed remotely/i.test(msg) && mentionsPython) {
    return pythonDisabled(evidence);
  }
  if (mentionsPython && /(not enabled|disabled|not allowed by remote control settings)/i.test(msg)) {
    return pythonDisabled(evidence);
  }
  const aboutFunction = /function|ExecutePythonCommand/i.test(msg) || r.status === 400;
  if (aboutFunction && /(is not allowed|not allowed to be called|allow ?list|whitelist)/i.test(msg)) {
    return new BridgeError(
      BridgeCode.RC_FUNCTION_NOT_ALLOWED,
      `Unreal Remote Control does not allow remote calls to PythonScriptLibrary.${PYTHON_FUNCTION}.`,
      { ...evidence, setting: 'CustomAllowedRemoteFunctionCalls', fix: FIX.allowList },
    );
  }
  if (r.action === 'call' && /(does not exist|could not be found|not found|failed to find|unable to find)/i.test(msg)) {
    return new BridgeError(BridgeCode.RC_PYTHON_PLUGIN_MISSING, 'Unreal has no PythonScriptLibrary: the Python Editor Script Plugin is not enabled.', {
      ...evidence,
      setting: 'Plugins: PythonScriptPlugin',
      fix: FIX.plugin,
    });
  }
  if (r.status === 403 || r.status === 401) {
    return new BridgeError(BridgeCode.RC_ACCESS_DENIED, 'Unreal Remote Control denied access to this client.', {
      ...evidence,
      setting: 'bRestrictServerAccess / AllowlistedClients / AllowedOrigin',
      fix: FIX.access,
    });
  }
  if (r.action === 'call') {
    // Undocumented wording: name every gate a call to the Python library must pass.
    return new BridgeError(BridgeCode.RC_PYTHON_DISABLED, `Unreal refused the Python call (HTTP ${r.status}).`, {
      ...evidence,
      setting: 'bEnableRemotePythonExecution, CustomAllowedRemoteFunctionCalls',
      fix: `${FIX.python} ${FIX.allowList} ${FIX.plugin}`,
    });
  }
  return new BridgeError(BridgeCode.RC_PROTOCOL, `Unreal Remote Control answered HTTP ${r.status} to GET /remote/info.`, {
    ...evidence,
    fix: FIX.reach,
  });
}

function pythonDisabled(evidence: { status: number; serverMessage: string }): BridgeError {
  return new BridgeError(BridgeCode.RC_PYTHON_DISABLED, 'Remote Python execution is disabled in this Unreal project.', {
    ...evidence,
    setting: 'bEnableRemotePythonExecution',
    fix: FIX.python,
  });
}
