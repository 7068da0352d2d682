/**
 * Builds the OpenRPC document from the same schemas the engine validates with, so the published API
 * description cannot disagree with the code. `npm run openrpc` writes it to shared/openrpc.json; a test
 * fails when the file is stale.
 */
import { Methods, Notifications, withoutIds } from './schemas';
import { ShotList } from './shots';
import { ErrorCode, rpcCodeFor } from './errors';
import { PROTOCOL_VERSION } from './constants';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** OpenRPC tools would read nested `$id`s as references. */
const plain = (schema: unknown): Json => withoutIds<Json>(schema);

function paramsOf(schema: { properties?: Record<string, unknown>; required?: string[] }) {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, required: required.has(name), schema: plain(s) }));
}

export function buildOpenRpcDocument(engineVersion: string): Record<string, Json> {
  const errors = Object.values(ErrorCode).map((code) => ({ code: rpcCodeFor[code], message: code, data: { code } }));
  const methods: Json[] = Object.entries(Methods).map(([name, spec]) => ({
    name,
    summary: spec.summary,
    paramStructure: 'by-name',
    params: paramsOf(spec.params as never),
    result: { name: `${name}.result`, schema: plain(spec.result) },
    errors: spec.errors.map((c) => ({ code: rpcCodeFor[c as ErrorCode], message: c, data: { code: c } })),
    ...('beforeHello' in spec ? { 'x-before-hello': true } : {}),
  }));
  // OpenRPC's way to describe a notification: a method without a result. These flow engine -> client.
  for (const [name, spec] of Object.entries(Notifications)) {
    methods.push({
      name,
      summary: `${spec.summary} (notification, sent by the engine)`,
      paramStructure: 'by-name',
      params: paramsOf(spec.params as never),
      'x-notification': true,
      'x-direction': 'engine-to-client',
    });
  }
  return {
    openrpc: '1.2.6',
    info: {
      title: 'Rushes engine',
      version: engineVersion,
      description: `JSON-RPC 2.0 over WebSocket (ws://127.0.0.1:7450). Protocol version ${PROTOCOL_VERSION}. Call session.hello first; every other method is refused before it. Errors carry a stable string in error.data.code.`,
    },
    servers: [{ name: 'local engine', url: 'ws://127.0.0.1:7450' }],
    methods,
    components: {
      schemas: { ShotList: plain(ShotList) },
      errors: Object.fromEntries(errors.map((e) => [e.message, e])) as Json,
    },
  };
}
