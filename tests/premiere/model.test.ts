import { strict as assert } from 'node:assert';
import type { GeneratorInfo, Job } from '@rushes/shared';
import { describeConnection, isPermissionError } from '../../plugins/premiere/src/model/connection';
import { describeError, toErrorInfo } from '../../plugins/premiere/src/model/errors';
import { addToHistory, historyRow, parseHistory, type HistoryEntry } from '../../plugins/premiere/src/model/history';
import { applyFinished, applyProgress, entryFromJob, formatEta, jobRow, placeableOutput } from '../../plugins/premiere/src/model/jobs';
import { initialState, panelView } from '../../plugins/premiere/src/model/panel-view';
import { buildRequest, defaultDuration, emptyForm, fpsLabel, placeholders, type RequestForm } from '../../plugins/premiere/src/model/request';
import { HostError, HostErrorCode } from '../../plugins/premiere/src/host';
import { normalizePairingCode } from '../../plugins/premiere/src/app/pairing';

const URL = 'ws://127.0.0.1:7450';

const GEN: GeneratorInfo = {
  id: 'testpattern',
  name: 'Test pattern',
  description: 'bars',
  version: '1',
  inputs: ['text'],
  device: 'cpu',
  backend: 'raster',
  isDefault: true,
  limits: { maxWidth: 1920, maxHeight: 1080, maxFrames: 1440, maxFps: 60 },
};
const GEN2: GeneratorInfo = { ...GEN, id: 'procedural', name: 'Procedural', isDefault: false, device: 'gpu', limits: { maxWidth: 3840, maxHeight: 2160, maxFrames: 7200, maxFps: 120 } };

const SEQ_2398 = { width: 1920, height: 1080, fps: { num: 24000, den: 1001 }, inOutSeconds: null };

function form(over: Partial<RequestForm> = {}): RequestForm {
  return { ...emptyForm(), prompt: 'rain on a window', ...over };
}

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'j1',
    state: 'queued',
    request: { prompt: 'rain', seed: 7, frames: 120, durationSeconds: 5, fps: { num: 24, den: 1 }, width: 1280, height: 720, generator: 'testpattern', formats: ['mp4'], name: 'rain', startTimecode: '00:00:00:00' },
    idempotencyKey: 'k',
    progress: 0,
    etaSeconds: null,
    message: '',
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
    startedAt: null,
    finishedAt: null,
    attempts: 0,
    outputs: [],
    error: null,
    report: {},
    ...over,
  };
}

describe('premiere/model connection', () => {
  const base = { hasToken: true, url: URL, engineVersion: null, lastError: null };
  it('connected', () => {
    const v = describeConnection({ ...base, state: 'connected', engineVersion: '0.3.0' });
    assert.equal(v.kind, 'connected');
    assert.match(v.message, /0\.3\.0/);
  });
  it('engine not running says how to start it', () => {
    const v = describeConnection({ ...base, state: 'reconnecting', lastError: { code: 'E_INTERNAL', message: 'Cannot reach', details: { detail: 'ECONNREFUSED' } } });
    assert.equal(v.kind, 'engine-down');
    assert.match(v.message, /rushes serve/);
    assert.match(v.message, /7450/);
    assert.equal(v.action, 'retry');
  });
  it('needs pairing, first time and after the token stopped working', () => {
    const first = describeConnection({ ...base, hasToken: false, state: 'unauthorized' });
    assert.equal(first.kind, 'needs-pairing');
    assert.match(first.message, /rushes pair/);
    assert.equal(first.action, 'pair');
    assert.equal(describeConnection({ ...base, state: 'unauthorized' }).title, 'Pair again');
  });
  it('version mismatch tells the user to install matching releases', () => {
    const v = describeConnection({ ...base, state: 'version-mismatch', lastError: { code: 'E_VERSION', message: 'This engine speaks protocol 2' } });
    assert.equal(v.kind, 'version-mismatch');
    assert.match(v.message, /same Rushes release/);
  });
  it('manifest permission errors are told apart from a stopped engine', () => {
    const err = { code: 'E_INTERNAL', message: 'Cannot reach the Rushes engine', details: { detail: 'Error: Manifest entry not found' } };
    assert.ok(isPermissionError(err));
    const v = describeConnection({ ...base, state: 'reconnecting', lastError: err });
    assert.equal(v.kind, 'permission');
    assert.match(v.message, /RUSHES_PORT/);
    assert.ok(!isPermissionError({ code: 'E_INTERNAL', message: 'x', details: { detail: 'ECONNREFUSED' } }));
  });
});

describe('premiere/model request', () => {
  it('defaults: sequence size and exact rate, 5 s without in/out', () => {
    const r = buildRequest(form(), SEQ_2398, [GEN]);
    assert.ok(r.ok);
    assert.deepEqual(r.request.fps, { num: 24000, den: 1001 });
    assert.equal(r.request.width, 1920);
    assert.equal(r.request.height, 1080);
    assert.equal(r.request.durationSeconds, 5);
    assert.equal(r.request.generator, 'testpattern');
    assert.equal(r.request.seed, undefined, 'blank seed: the engine picks one');
    assert.deepEqual(r.request.formats, ['mp4']);
  });
  it('duration defaults to the in/out range when marked', () => {
    const seq = { ...SEQ_2398, inOutSeconds: 3.5035 };
    assert.equal(defaultDuration(seq), 3.5035);
    const r = buildRequest(form(), seq, [GEN]);
    assert.ok(r.ok);
    assert.equal(r.request.durationSeconds, 3.5035);
    assert.match(placeholders(seq).duration, /in\/out/);
  });
  it('overrides: 23.976 typed becomes 24000/1001; size, seed, duration, generator', () => {
    const r = buildRequest(form({ fps: '23.976', width: '1280', height: '720', seed: '42', duration: '2.5', generator: 'procedural' }), null, [GEN, GEN2]);
    assert.ok(r.ok);
    assert.deepEqual(r.request.fps, { num: 24000, den: 1001 });
    assert.equal(r.request.width, 1280);
    assert.equal(r.request.seed, 42);
    assert.equal(r.request.durationSeconds, 2.5);
    assert.equal(r.request.generator, 'procedural');
    const r2 = buildRequest(form({ fps: '29.97' }), null, [GEN]);
    assert.ok(r2.ok);
    assert.deepEqual(r2.request.fps, { num: 30000, den: 1001 });
  });
  it('a sequence bigger than the generator renders scaled down, with a note', () => {
    const r = buildRequest(form(), { ...SEQ_2398, width: 3840, height: 2160 }, [GEN]);
    assert.ok(r.ok);
    assert.equal(r.request.width, 1920);
    assert.equal(r.request.height, 1080);
    assert.match(r.notes[0]!, /scales it/);
  });
  it('rejects bad input with a message per field', () => {
    const r = buildRequest(form({ prompt: ' ', fps: 'fast', width: '1921', seed: '-1', duration: '0' }), SEQ_2398, [GEN]);
    assert.ok(!r.ok);
    const fields = r.errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['duration', 'fps', 'prompt', 'seed', 'width']);
  });
  it('respects the generator limits', () => {
    const r = buildRequest(form({ duration: '120', width: '3840', height: '2160' }), SEQ_2398, [GEN]);
    assert.ok(!r.ok);
    assert.ok(r.errors.some((e) => e.field === 'duration' && /1440 frames/.test(e.message)));
    assert.ok(r.errors.some((e) => e.field === 'width'));
  });
  it('labels rates the way editors say them', () => {
    assert.equal(fpsLabel({ num: 24000, den: 1001 }), '23.976');
    assert.equal(fpsLabel({ num: 30000, den: 1001 }), '29.97');
    assert.equal(fpsLabel({ num: 60000, den: 1001 }), '59.94');
    assert.equal(fpsLabel({ num: 25, den: 1 }), '25');
    assert.equal(fpsLabel({ num: 25, den: 2 }), '25/2');
  });
});

describe('premiere/model errors', () => {
  it('disk full names the output folder and what to do', () => {
    const text = describeError({ code: 'E_DISK_FULL', message: 'ENOSPC' }, { outputRoot: '/Volumes/Media/Rushes' });
    assert.match(text, /disk is full/);
    assert.match(text, /\/Volumes\/Media\/Rushes/);
    assert.match(text, /Free some space/);
  });
  it('policy refusals name the rule', () => {
    assert.match(describeError({ code: 'E_POLICY', message: 'no', details: { rule: 'real-people' } }), /rule: real-people/);
  });
  it('host errors pass through (they are written for editors already)', () => {
    const e = new HostError(HostErrorCode.NO_SEQUENCE, 'No sequence is open. Open a sequence…');
    assert.equal(describeError(toErrorInfo(e)), e.message);
  });
  it('version skew and auth have their own advice', () => {
    assert.match(describeError({ code: 'E_VERSION', message: 'protocol 2' }), /same Rushes release/);
    assert.match(describeError({ code: 'E_AUTH', message: 'x' }), /rushes pair/);
  });
});

describe('premiere/model queue and history', () => {
  it('progress, ETA and a late progress note after the end', () => {
    let e = entryFromJob(job(), 'p1', 'overwrite');
    assert.equal(jobRow(e).status, 'Queued');
    e = applyProgress(e, { jobId: 'j1', state: 'running', progress: 0.42, etaSeconds: 12.4, message: 'rendering' });
    const row = jobRow(e);
    assert.equal(row.status, 'Generating 42%');
    assert.equal(row.eta, 'about 12 s left');
    assert.ok(row.canCancel);
    e = applyFinished(e, { jobId: 'j1', state: 'failed', outputs: [], error: { code: 'E_DISK_FULL', message: 'ENOSPC' }, report: {} });
    e = applyProgress(e, { jobId: 'j1', state: 'running', progress: 0.5, etaSeconds: 3, message: '' });
    assert.equal(e.state, 'failed');
    const failed = jobRow(e, { outputRoot: '/out' });
    assert.match(failed.status, /disk is full/);
    assert.equal(failed.canCancel, false);
  });
  it('formats ETAs', () => {
    assert.equal(formatEta(null), '');
    assert.equal(formatEta(0.2), 'almost done');
    assert.equal(formatEta(90), 'about 2 min left');
    assert.equal(formatEta(7200), 'about 2 h left');
  });
  it('picks the MP4 (or ProRes) to place, never the PNG sequence', () => {
    const o = (format: 'mp4' | 'prores' | 'png') => ({
      format,
      path: `/o/x.${format}`,
      mediaType: 'x',
      width: 16,
      height: 16,
      fps: { num: 24, den: 1 },
      frameCount: 1,
      durationSeconds: 1 / 24,
      startTimecode: '00:00:00:00',
      sha256: 'a'.repeat(64),
      bytes: 1,
    });
    assert.equal(placeableOutput([o('png'), o('prores'), o('mp4')])?.format, 'mp4');
    assert.equal(placeableOutput([o('png'), o('prores')])?.format, 'prores');
    assert.equal(placeableOutput([o('png')]), null);
  });
  it('history keeps the newest first, once per job, and survives bad storage', () => {
    const h = (jobId: string): HistoryEntry => ({
      jobId,
      prompt: `p ${jobId}`,
      seed: 1,
      generator: null,
      path: `/o/${jobId}.mp4`,
      posterPath: null,
      fps: { num: 24, den: 1 },
      frameCount: 24,
      durationSeconds: 1,
      sequenceName: 'Seq',
      videoTrackIndex: 1,
      placedAt: '2025-01-01T00:00:00Z',
    });
    let list = addToHistory([], h('a'));
    list = addToHistory(list, h('b'));
    list = addToHistory(list, h('a'));
    assert.deepEqual(
      list.map((e) => e.jobId),
      ['a', 'b'],
    );
    assert.deepEqual(parseHistory(JSON.stringify(list)), list);
    assert.deepEqual(parseHistory('{not json'), []);
    assert.deepEqual(parseHistory(JSON.stringify([{ jobId: 3 }, h('c')])).length, 1);
    assert.equal(historyRow(h('a')).detail, 'seed 1 · 1 s · V2 in Seq');
  });
});

describe('premiere/model panel view', () => {
  it('Generate needs a connection, a sequence and a valid form', () => {
    const s = initialState(URL);
    s.generators = [GEN];
    assert.equal(panelView(s, form()).canGenerate, false, 'not connected');
    s.connection = 'connected';
    assert.equal(panelView(s, form()).canGenerate, false, 'no sequence');
    assert.match(panelView(s, form()).sequenceWarning ?? '', /open one/);
    s.sequence = { ...SEQ_2398, sequenceName: 'Main', ticksPerFrame: '10594584000' };
    const v = panelView(s, form());
    assert.equal(v.canGenerate, true);
    assert.equal(v.sequenceLine, 'Main · 1920×1080 · 23.976 fps');
    assert.equal(panelView(s, form({ seed: 'x' })).canGenerate, false);
    assert.equal(panelView(s, emptyForm()).canGenerate, false, 'no prompt');
    assert.deepEqual(panelView(s, emptyForm()).fieldErrors, [], 'no red before typing');
  });
  it('lists generators with the default selected', () => {
    const s = initialState(URL);
    s.generators = [GEN, GEN2];
    const v = panelView(s, form());
    assert.deepEqual(
      v.generatorOptions.map((o) => [o.value, o.selected]),
      [
        ['testpattern', true],
        ['procedural', false],
      ],
    );
    assert.equal(panelView(s, form({ generator: 'procedural' })).generatorOptions[1]!.selected, true);
  });
  it('shows the pairing box only when pairing is what is needed', () => {
    const s = initialState(URL);
    s.connection = 'unauthorized';
    assert.equal(panelView(s, form()).showPairing, true);
    s.connection = 'reconnecting';
    s.lastError = { code: 'E_INTERNAL', message: 'Cannot reach' };
    assert.equal(panelView(s, form()).showPairing, false);
  });
  it('normalises pairing codes as people type them', () => {
    assert.equal(normalizePairingCode(' abcd-efgh '), 'ABCD-EFGH');
    assert.equal(normalizePairingCode('abcd efgh'), 'ABCDEFGH');
    assert.equal(normalizePairingCode('ab'), null);
  });
});
