/**
 * Ajv validators compiled once from the schemas in `schemas.ts`. Kept out of the package's main entry
 * so that plugin bundles (UXP, Electron renderer) do not carry Ajv's code generator.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ShotList as ShotListSchema } from './shots';
import { Methods, Notifications, RpcRequest, RpcResponse, withoutIds, type MethodName, type NotificationName } from './schemas';

export interface SchemaProblem {
  path: string;
  message: string;
}

const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, addUsedSchema: false });

function compile(schema: object): ValidateFunction {
  return ajv.compile(withoutIds<object>(schema));
}

const requestEnvelope = compile(RpcRequest);
const responseEnvelope = compile(RpcResponse);
const params = new Map<string, ValidateFunction>();
const results = new Map<string, ValidateFunction>();
const notifications = new Map<string, ValidateFunction>();
for (const [name, spec] of Object.entries(Methods)) {
  params.set(name, compile(spec.params));
  results.set(name, compile(spec.result));
}
for (const [name, spec] of Object.entries(Notifications)) notifications.set(name, compile(spec.params));

/** Turns Ajv's errors into short lines a user can act on: `request.width: must be <= 7680`. */
export function describe(errors: ErrorObject[] | null | undefined, root: string): SchemaProblem[] {
  return (errors ?? []).map((e) => {
    const at = root + e.instancePath.replace(/\//g, '.');
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      return { path: `${at}.${extra}`, message: `unknown field "${extra}"` };
    }
    if (e.keyword === 'required') {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path: `${at}.${missing}`, message: `missing required field "${missing}"` };
    }
    return { path: at, message: e.message ?? 'is invalid' };
  });
}

function run(fn: ValidateFunction | undefined, value: unknown, root: string): SchemaProblem[] {
  if (!fn) return [{ path: root, message: 'no schema' }];
  return fn(value) ? [] : describe(fn.errors, root);
}

export const isKnownMethod = (m: string): m is MethodName => params.has(m);
export const isKnownNotification = (m: string): m is NotificationName => notifications.has(m);

export const validateRequestEnvelope = (msg: unknown): SchemaProblem[] => run(requestEnvelope, msg, 'message');
export const validateResponseEnvelope = (msg: unknown): SchemaProblem[] => run(responseEnvelope, msg, 'message');
export const validateParams = (method: MethodName, value: unknown): SchemaProblem[] => run(params.get(method), value, 'params');
export const validateResult = (method: MethodName, value: unknown): SchemaProblem[] => run(results.get(method), value, 'result');
export const validateNotification = (name: NotificationName, value: unknown): SchemaProblem[] =>
  run(notifications.get(name), value, 'params');

const shotList = compile(ShotListSchema);
export const validateShotList = (value: unknown): SchemaProblem[] => run(shotList, value, 'shotList');
