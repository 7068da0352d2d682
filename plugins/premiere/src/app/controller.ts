/**
 * The panel's brain, free of DOM: connects to the engine (EngineClient from @rushes/shared), pairs,
 * submits requests built from the form and the active sequence, follows the jobs, and places each
 * finished clip with the host adapter. The UXP shell renders `panelView(controller.state, form)` on
 * every change; the end-to-end test drives the same class with Node's `ws` and the simulator.
 *
 * Jobs this panel submitted are remembered (job id, project, edit mode) until their clip is placed, so
 * a panel closed mid-render places the clip when it is opened again.
 */
import type { premierepro } from '@adobe/premierepro';
import {
  EngineClient,
  ErrorCode,
  RushesError,
  type ClientInfo,
  type ConnectionState,
  type EngineClientOptions,
  type Job,
  type WebSocketConstructor,
} from '@rushes/shared';
import { placeClip, type EditMode, type PlaceOptions, type PlaceResult } from '../host/place';
import { projectIdentity } from '../host/context';
import { readSequenceSettings } from '../host/sequence-settings';
import { HostErrorCode } from '../host/errors';
import { describeError, toErrorInfo, type ErrorInfo } from '../model/errors';
import { addToHistory, historyKey, parseHistory, type HistoryEntry } from '../model/history';
import { applyFinished, applyJob, applyProgress, entryFromJob, placeableOutput, type JobEntry } from '../model/jobs';
import { initialState, type Notice, type PanelState } from '../model/panel-view';
import { buildRequest, type RequestForm } from '../model/request';
import { pairWithEngine } from './pairing';
import type { KeyValueStore, TokenStore } from './storage';

export const PENDING_KEY = 'rushes.pending.v1';
/**
 * Sent in hello when the panel has no token yet: the engine refuses it with E_AUTH, which both proves
 * the engine is running and puts the panel in the "needs pairing" state.
 */
const NO_TOKEN = 'unpaired';
const MAX_NOTICES = 5;

export interface PendingJob {
  jobId: string;
  prompt: string;
  projectKey: string;
  mode: EditMode;
}

export interface ControllerDeps {
  ppro: premierepro;
  WebSocket: WebSocketConstructor;
  url: string;
  tokens: TokenStore;
  store: KeyValueStore;
  client: ClientInfo;
  engineClientOptions?: Pick<EngineClientOptions, 'requestTimeoutMs' | 'minBackoffMs' | 'maxBackoffMs' | 'reconnect'>;
  /** Passed to every placeClip (bin name, import retries...). */
  placeOptions?: Omit<PlaceOptions, 'mode'>;
  /** Makes idempotency keys; injected for tests. */
  newKey?: () => string;
}

export interface PlacedEvent {
  entry: HistoryEntry;
  result: PlaceResult;
}

type Listener<T> = (value: T) => void;

export class PanelController {
  readonly state: PanelState;
  private readonly client: EngineClient;
  private placing: Promise<void> = Promise.resolve();
  private nextNotice = 1;
  private readonly changeListeners = new Set<Listener<PanelState>>();
  private readonly placedListeners = new Set<Listener<PlacedEvent>>();
  private readonly failedListeners = new Set<Listener<{ jobId: string; error: ErrorInfo }>>();

  constructor(private readonly deps: ControllerDeps) {
    this.state = initialState(deps.url);
    this.client = new EngineClient({
      url: deps.url,
      WebSocket: deps.WebSocket,
      client: deps.client,
      token: async () => (await deps.tokens.get()) ?? NO_TOKEN,
      ...deps.engineClientOptions,
    });
    this.client.on('state', (s) => this.onConnectionState(s));
    this.client.on('jobs.progress', (p) => this.updateJob(p.jobId, (e) => applyProgress(e, p)));
    this.client.on('jobs.finished', (f) => {
      this.updateJob(f.jobId, (e) => applyFinished(e, f));
      this.maybePlace(f.jobId);
    });
    this.client.on('resync', (jobs) => this.absorbJobs(jobs));
  }

  // ------------------------------------------------------------------------------------------ events

  onChange(fn: Listener<PanelState>): () => void {
    this.changeListeners.add(fn);
    return () => this.changeListeners.delete(fn);
  }
  onPlaced(fn: Listener<PlacedEvent>): () => void {
    this.placedListeners.add(fn);
    return () => this.placedListeners.delete(fn);
  }
  onPlacementFailed(fn: Listener<{ jobId: string; error: ErrorInfo }>): () => void {
    this.failedListeners.add(fn);
    return () => this.failedListeners.delete(fn);
  }

  private emit(): void {
    for (const fn of this.changeListeners) {
      try {
        fn(this.state);
      } catch {
        // A rendering bug must not stop the controller.
      }
    }
  }

  // ------------------------------------------------------------------------------------------ lifecycle

  async start(): Promise<void> {
    this.state.hasToken = !!(await this.deps.tokens.get());
    await this.refreshHost();
    this.emit();
    await this.connect();
  }

  stop(): void {
    this.client.close();
  }

  /** Connects (or retries now). Failures land in the state; this never rejects. */
  async connect(): Promise<void> {
    try {
      await this.client.connect();
    } catch (e) {
      this.state.lastError = toErrorInfo(this.client.lastError ?? e);
      this.emit();
    }
  }

  private onConnectionState(s: ConnectionState): void {
    this.state.connection = s;
    const err = this.client.lastError;
    this.state.lastError = err ? toErrorInfo(err) : null;
    if (s === 'connected') {
      const hello = this.client.hello;
      if (hello) {
        this.state.engineVersion = hello.engine.version;
        this.state.outputRoot = hello.capabilities.outputRoot;
        this.state.generators = hello.generators;
      }
      this.state.lastError = null;
      void this.followPending();
    }
    this.emit();
  }

  /** Re-reads the project and the active sequence (the shell calls this when the panel gets focus). */
  async refreshHost(): Promise<void> {
    let project: { key: string; name: string } | null = null;
    try {
      project = await projectIdentity(this.deps.ppro);
    } catch {
      project = null;
    }
    if (project?.key !== this.state.project?.key) {
      this.state.history = project ? parseHistory(this.deps.store.getItem(historyKey(project.key))) : [];
    }
    this.state.project = project;
    try {
      this.state.sequence = await readSequenceSettings(this.deps.ppro);
      this.state.sequenceError = null;
    } catch (e) {
      this.state.sequence = null;
      this.state.sequenceError = toErrorInfo(e);
    }
    this.emit();
  }

  // ------------------------------------------------------------------------------------------ pairing

  async pair(code: string): Promise<boolean> {
    this.state.pairing = { busy: true, error: null };
    this.emit();
    try {
      const token = await pairWithEngine({ url: this.deps.url, WebSocket: this.deps.WebSocket, code, client: this.deps.client });
      await this.deps.tokens.set(token);
      this.state.hasToken = true;
      this.state.pairing = { busy: false, error: null };
      this.emit();
      await this.connect();
      return this.state.connection === 'connected';
    } catch (e) {
      this.state.pairing = { busy: false, error: describeError(toErrorInfo(e)) };
      this.emit();
      return false;
    }
  }

  // ------------------------------------------------------------------------------------------ jobs

  /** Validates the form against the active sequence and queues the clip. Returns the job id, or null. */
  async generate(form: RequestForm): Promise<string | null> {
    await this.refreshHost();
    const seq = this.state.sequence;
    if (!seq || !this.state.project) {
      this.notice('error', this.state.sequenceError ? describeError(this.state.sequenceError) : 'Open a sequence first.');
      return null;
    }
    if (this.state.connection !== 'connected') {
      this.notice('error', 'Not connected to the Rushes engine. See the message at the top of the panel.');
      return null;
    }
    const built = buildRequest(form, seq, this.state.generators);
    if (!built.ok) {
      this.notice('error', built.errors.map((e) => e.message).join(' '));
      return null;
    }
    for (const note of built.notes) this.notice('info', note);
    this.state.submitting = true;
    this.emit();
    try {
      const res = await this.client.call('jobs.submit', { request: built.request, idempotencyKey: this.newKey() });
      const projectKey = this.state.project.key;
      this.upsertJob(entryFromJob(res.job, projectKey, form.mode));
      this.savePending({ jobId: res.jobId, prompt: res.job.request.prompt, projectKey, mode: form.mode });
      // The subscription answers with the job's current state, so a clip that finished already is caught.
      this.absorbJobs(await this.client.subscribe([res.jobId]));
      return res.jobId;
    } catch (e) {
      this.notice('error', describeError(toErrorInfo(e), { outputRoot: this.state.outputRoot }));
      return null;
    } finally {
      this.state.submitting = false;
      this.emit();
    }
  }

  async cancel(jobId: string): Promise<void> {
    try {
      const r = await this.client.call('jobs.cancel', { jobId });
      this.updateJob(jobId, (e) => ({ ...e, state: r.state }));
      if (r.state === 'cancelled') this.removePending(jobId);
    } catch (e) {
      this.notice('error', describeError(toErrorInfo(e)));
    }
  }

  /** Tries a placement again (after the editor opened a sequence or the right project). */
  retryPlacement(jobId: string): void {
    this.updateJob(jobId, (e) => ({ ...e, placement: 'waiting', placementError: null }));
    this.maybePlace(jobId);
  }

  /** Places a clip from this project's history again (it reuses the bin item). */
  placeAgain(jobId: string): Promise<PlaceResult | null> {
    const h = this.state.history.find((e) => e.jobId === jobId);
    if (!h) return Promise.resolve(null);
    const run = async (): Promise<PlaceResult | null> => {
      try {
        const result = await placeClip(
          this.deps.ppro,
          { path: h.path, fps: h.fps, frameCount: h.frameCount, durationSeconds: h.durationSeconds, prompt: h.prompt, seed: h.seed, jobId: h.jobId, ...(h.generator ? { generator: h.generator } : {}) },
          { ...this.deps.placeOptions },
        );
        this.notice('info', `Placed "${short(h.prompt)}" again on V${result.videoTrackIndex + 1}.`);
        return result;
      } catch (e) {
        this.notice('error', describeError(toErrorInfo(e)));
        return null;
      }
    };
    const p = this.placing.then(run);
    this.placing = p.then(() => undefined);
    return p;
  }

  dismissNotice(id: number): void {
    this.state.notices = this.state.notices.filter((n) => n.id !== id);
    this.emit();
  }

  // ------------------------------------------------------------------------------------------ internals

  private newKey(): string {
    if (this.deps.newKey) return this.deps.newKey();
    const rand = () => Math.floor(Math.random() * 0x100000000).toString(36);
    return `premiere-${Date.now().toString(36)}-${rand()}${rand()}`;
  }

  private notice(level: Notice['level'], text: string): void {
    this.state.notices = [...this.state.notices, { id: this.nextNotice++, level, text }].slice(-MAX_NOTICES);
    this.emit();
  }

  private upsertJob(entry: JobEntry): void {
    const i = this.state.jobs.findIndex((j) => j.jobId === entry.jobId);
    if (i === -1) this.state.jobs = [entry, ...this.state.jobs];
    else this.state.jobs = this.state.jobs.map((j, k) => (k === i ? { ...entry, placement: j.placement, placedTrack: j.placedTrack, mode: j.mode, projectKey: j.projectKey } : j));
    this.emit();
  }

  private updateJob(jobId: string, f: (e: JobEntry) => JobEntry): void {
    let changed = false;
    this.state.jobs = this.state.jobs.map((j) => {
      if (j.jobId !== jobId) return j;
      changed = true;
      return f(j);
    });
    if (changed) this.emit();
  }

  private absorbJobs(jobs: Job[]): void {
    for (const job of jobs) {
      const existing = this.state.jobs.find((j) => j.jobId === job.id);
      if (existing) this.updateJob(job.id, (e) => applyJob(e, job));
      else {
        const pending = this.loadPending().find((p) => p.jobId === job.id);
        if (!pending) continue;
        this.upsertJob(entryFromJob(job, pending.projectKey, pending.mode));
      }
      this.maybePlace(job.id);
    }
  }

  /** Follows jobs submitted in an earlier session that have not been placed yet. */
  private async followPending(): Promise<void> {
    const ids = this.loadPending()
      .map((p) => p.jobId)
      .filter((id) => !this.state.jobs.some((j) => j.jobId === id));
    if (!ids.length) return;
    for (const id of ids) {
      try {
        this.absorbJobs(await this.client.subscribe([id]));
      } catch (e) {
        // The engine forgot the job (its database was reset): nothing to wait for.
        if (e instanceof RushesError && e.code === ErrorCode.NOT_FOUND) this.removePending(id);
      }
    }
  }

  private maybePlace(jobId: string): void {
    const e = this.state.jobs.find((j) => j.jobId === jobId);
    if (!e) return;
    if (e.state === 'failed' || e.state === 'cancelled') {
      this.removePending(jobId);
      return;
    }
    if (e.state !== 'done' || e.placement !== 'waiting') return;
    // Claimed synchronously, so a resync and a finished note for the same job place it once.
    this.updateJob(jobId, (j) => ({ ...j, placement: 'placing' }));
    // One placement at a time: each must see the tracks the previous one filled.
    this.placing = this.placing.then(() => this.place(jobId));
  }

  private async place(jobId: string): Promise<void> {
    await this.refreshHost();
    const e = this.state.jobs.find((j) => j.jobId === jobId);
    if (!e) return;
    if (this.state.project?.key !== e.projectKey) {
      this.updateJob(jobId, (j) => ({ ...j, placement: 'elsewhere' }));
      return;
    }
    const output = placeableOutput(e.outputs);
    if (!output) {
      this.failPlacement(jobId, { code: ErrorCode.UNSUPPORTED, message: 'The engine made no movie file Premiere can import (only an image sequence).' });
      return;
    }
    const clip = {
      path: output.path,
      fps: output.fps,
      frameCount: output.frameCount,
      durationSeconds: output.durationSeconds,
      prompt: e.prompt,
      seed: e.seed ?? 0,
      jobId,
      ...(e.generator ? { generator: e.generator } : {}),
    };
    try {
      const result = await placeClip(this.deps.ppro, clip, { ...this.deps.placeOptions, mode: e.mode });
      const entry: HistoryEntry = {
        jobId,
        prompt: e.prompt,
        seed: clip.seed,
        generator: e.generator,
        path: output.path,
        posterPath: output.posterPath ?? null,
        fps: output.fps,
        frameCount: output.frameCount,
        durationSeconds: output.durationSeconds,
        sequenceName: result.sequenceName,
        videoTrackIndex: result.videoTrackIndex,
        placedAt: new Date().toISOString(),
      };
      this.state.history = addToHistory(this.state.history, entry);
      this.deps.store.setItem(historyKey(e.projectKey), JSON.stringify(this.state.history));
      this.removePending(jobId);
      this.updateJob(jobId, (j) => ({ ...j, placement: 'placed', placedTrack: result.videoTrackIndex }));
      for (const fn of this.placedListeners) fn({ entry, result });
    } catch (err) {
      this.failPlacement(jobId, toErrorInfo(err));
    }
  }

  private failPlacement(jobId: string, error: ErrorInfo): void {
    this.updateJob(jobId, (j) => ({ ...j, placement: 'failed', placementError: error }));
    // Host states the editor can fix keep the job pending, so "Place" (or the next session) can finish it.
    const fixable = error.code === HostErrorCode.NO_SEQUENCE || error.code === HostErrorCode.NO_PROJECT;
    if (!fixable) this.removePending(jobId);
    this.notice('error', describeError(error, { outputRoot: this.state.outputRoot }));
    for (const fn of this.failedListeners) fn({ jobId, error });
  }

  private loadPending(): PendingJob[] {
    const text = this.deps.store.getItem(PENDING_KEY);
    if (!text) return [];
    try {
      const data: unknown = JSON.parse(text);
      return Array.isArray(data) ? data.filter(isPending) : [];
    } catch {
      return [];
    }
  }

  private savePending(p: PendingJob): void {
    const list = [...this.loadPending().filter((q) => q.jobId !== p.jobId), p].slice(-100);
    this.deps.store.setItem(PENDING_KEY, JSON.stringify(list));
  }

  private removePending(jobId: string): void {
    const list = this.loadPending();
    if (!list.some((p) => p.jobId === jobId)) return;
    this.deps.store.setItem(PENDING_KEY, JSON.stringify(list.filter((p) => p.jobId !== jobId)));
  }
}

function isPending(v: unknown): v is PendingJob {
  if (!v || typeof v !== 'object') return false;
  const p = v as Record<string, unknown>;
  return typeof p.jobId === 'string' && typeof p.prompt === 'string' && typeof p.projectKey === 'string' && (p.mode === 'overwrite' || p.mode === 'insert');
}

function short(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
