import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { buildOpenRpcDocument, Methods, Notifications } from '@rushes/shared';
import { validateParams, validateRequestEnvelope, validateNotification, validateResult } from '@rushes/shared/validate';
import { REPO } from '../helpers/engine';

const goodRequest = { prompt: 'rain on a window', seed: 7, durationSeconds: 2, fps: { num: 24000, den: 1001 }, width: 640, height: 360, generator: 'testpattern', formats: ['mp4', 'png'] };

describe('protocol schemas', () => {
  it('accepts a well-formed request envelope and refuses malformed ones', () => {
    assert.deepEqual(validateRequestEnvelope({ jsonrpc: '2.0', id: 1, method: 'jobs.get', params: { jobId: 'x' } }), []);
    assert.deepEqual(validateRequestEnvelope({ jsonrpc: '2.0', method: 'jobs.get' }), []);
    for (const bad of [null, 3, 'x', [], { jsonrpc: '1.0', id: 1, method: 'a' }, { jsonrpc: '2.0', id: 1 }, { jsonrpc: '2.0', id: {}, method: 'a' }, { jsonrpc: '2.0', id: 1, method: 'a', extra: 1 }]) {
      assert.notDeepEqual(validateRequestEnvelope(bad), [], JSON.stringify(bad));
    }
  });

  it('validates every method\'s params: good ones pass, unknown fields and absurd values fail', () => {
    const good: Record<string, unknown> = {
      'session.hello': { protocolVersion: 1, token: 't', client: { name: 'n', version: '1', host: 'h' } },
      'session.pair': { code: 'ABCD-EFGH', client: { name: 'n', version: '1', host: 'h' } },
      'pairing.create': {},
      'jobs.submit': { request: goodRequest, idempotencyKey: 'k1' },
      'jobs.get': { jobId: 'j' },
      'jobs.list': { states: ['done'], limit: 5 },
      'jobs.cancel': { jobId: 'j' },
      'jobs.subscribe': { jobIds: ['j'] },
      'jobs.unsubscribe': { all: true },
    };
    for (const m of Object.keys(Methods) as (keyof typeof Methods)[]) {
      assert.ok(m in good, `test covers ${m}`);
      assert.deepEqual(validateParams(m, good[m]), [], m);
      const withExtra = { ...(good[m] as object), surprise: 1 };
      const problems = validateParams(m, withExtra);
      assert.equal(problems[0]?.message, 'unknown field "surprise"', m);
    }
    const absurd = [
      { ...goodRequest, width: 100000 },
      { ...goodRequest, width: 641 },
      { ...goodRequest, fps: { num: 0, den: 1 } },
      { ...goodRequest, fps: 24 },
      { ...goodRequest, durationSeconds: -1 },
      { ...goodRequest, durationSeconds: 1e9 },
      { ...goodRequest, formats: ['avi'] },
      { ...goodRequest, formats: [] },
      { ...goodRequest, prompt: '' },
      { ...goodRequest, prompt: 'x'.repeat(5000) },
      { ...goodRequest, seed: -1 },
      { ...goodRequest, seed: 1.5 },
      { ...goodRequest, generator: '../etc' },
      { ...goodRequest, startTimecode: '25:00:00:00' },
      { ...goodRequest, references: { image: 5 } },
    ];
    for (const r of absurd) assert.notDeepEqual(validateParams('jobs.submit', { request: r, idempotencyKey: 'k' }), [], JSON.stringify(r));
  });

  it('validates notifications and results the engine sends', () => {
    assert.deepEqual(validateNotification('jobs.progress', { jobId: 'j', state: 'running', progress: 0.5, etaSeconds: null, message: 'x' }), []);
    assert.notDeepEqual(validateNotification('jobs.progress', { jobId: 'j', state: 'running', progress: 1.5, etaSeconds: null, message: 'x' }), []);
    assert.deepEqual(validateNotification('jobs.finished', { jobId: 'j', state: 'failed', outputs: [], error: { code: 'E_X', message: 'm' }, report: {} }), []);
    assert.notDeepEqual(validateNotification('jobs.finished', { jobId: 'j', state: 'running', outputs: [], error: null, report: {} }), []);
    assert.deepEqual(validateResult('jobs.cancel', { jobId: 'j', state: 'cancelled' }), []);
    assert.ok(Object.keys(Notifications).length === 2);
  });
});

describe('shared/openrpc.json', () => {
  const file = path.join(REPO, 'shared', 'openrpc.json');
  const version = JSON.parse(fs.readFileSync(path.join(REPO, 'engine', 'package.json'), 'utf8')).version;

  it('is up to date with the schemas (run `npm run openrpc` if this fails)', () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), buildOpenRpcDocument(version));
  });

  it('is a valid OpenRPC document that names every method and notification', () => {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const meta = require('@open-rpc/meta-schema');
    const jsonSchemaMeta = require('@json-schema-tools/meta-schema');
    const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false });
    // The OpenRPC meta-schema refers to the JSON Schema meta-schema both with and without a trailing slash.
    const base = jsonSchemaMeta.default ?? jsonSchemaMeta;
    ajv.addSchema(base);
    ajv.addSchema({ ...base, $id: 'https://meta.json-schema.tools' });
    // Ajv's validate is a type guard; validating a copy keeps `doc` typed for the checks below.
    const ok = ajv.validate(meta.default ?? meta, structuredClone(doc));
    assert.ok(ok, JSON.stringify(ajv.errors?.slice(0, 3)));
    assert.ok(!ajv.validate(meta.default ?? meta, { ...doc, methods: [{ summary: 'no name' }] }), 'the meta-schema check can fail');
    const names = doc.methods.map((m: { name: string }) => m.name).sort();
    assert.deepEqual(names, [...Object.keys(Methods), ...Object.keys(Notifications)].sort());
  });

  it('describes each method\'s params with the same schemas the socket validates with', () => {
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    const ajv = new Ajv({ strict: false });
    const submit = doc.methods.find((m: { name: string }) => m.name === 'jobs.submit');
    const reqSchema = submit.params.find((p: { name: string }) => p.name === 'request').schema;
    assert.ok(ajv.validate(reqSchema, goodRequest));
    assert.ok(!ajv.validate(reqSchema, { ...goodRequest, width: 100000 }));
    assert.ok(!ajv.validate(reqSchema, { ...goodRequest, bogus: true }));
  });
});
