/**
 * The whole panel as data: everything the DOM layer shows, computed from the controller's state and
 * the form. No DOM here, so all of it is tested in Node.
 */
import type { ConnectionState, GeneratorInfo } from '@rushes/shared';
import type { SequenceSettingsInfo } from '../host/sequence-settings';
import { describeConnection, type ConnectionView } from './connection';
import { describeError, type ErrorInfo } from './errors';
import { historyRow, type HistoryEntry, type HistoryRowView } from './history';
import { jobRow, type JobEntry, type JobRowView } from './jobs';
import { buildRequest, defaultGenerator, fpsLabel, placeholders, type FieldError, type RequestForm } from './request';

export interface Notice {
  id: number;
  level: 'error' | 'info';
  text: string;
}

export interface PanelState {
  url: string;
  connection: ConnectionState;
  lastError: ErrorInfo | null;
  hasToken: boolean;
  engineVersion: string | null;
  outputRoot: string | null;
  generators: GeneratorInfo[];
  pairing: { busy: boolean; error: string | null };
  project: { key: string; name: string } | null;
  sequence: SequenceSettingsInfo | null;
  /** Why there is no sequence (no project, no sequence open), when there is none. */
  sequenceError: ErrorInfo | null;
  jobs: JobEntry[];
  history: HistoryEntry[];
  notices: Notice[];
  submitting: boolean;
}

export function initialState(url: string): PanelState {
  return {
    url,
    connection: 'idle',
    lastError: null,
    hasToken: false,
    engineVersion: null,
    outputRoot: null,
    generators: [],
    pairing: { busy: false, error: null },
    project: null,
    sequence: null,
    sequenceError: null,
    jobs: [],
    history: [],
    notices: [],
    submitting: false,
  };
}

export interface PickerOption {
  value: string;
  label: string;
  selected: boolean;
}

export interface PanelView {
  connection: ConnectionView;
  showPairing: boolean;
  pairingBusy: boolean;
  pairingError: string | null;
  sequenceLine: string;
  sequenceWarning: string | null;
  placeholders: Record<'duration' | 'width' | 'height' | 'fps' | 'seed', string>;
  generatorOptions: PickerOption[];
  modeOptions: PickerOption[];
  canGenerate: boolean;
  generateLabel: string;
  fieldErrors: FieldError[];
  formNotes: string[];
  queue: JobRowView[];
  history: HistoryRowView[];
  notices: Notice[];
}

export function panelView(state: PanelState, form: RequestForm): PanelView {
  const connection = describeConnection({
    state: state.connection,
    lastError: state.lastError,
    hasToken: state.hasToken,
    url: state.url,
    engineVersion: state.engineVersion,
  });
  const seq = state.sequence;
  const sequenceWarning = seq
    ? null
    : state.sequenceError
      ? describeError(state.sequenceError)
      : 'No sequence open: open one in the Timeline panel to place clips.';
  const sequenceLine = seq
    ? `${seq.sequenceName} · ${seq.width}×${seq.height} · ${fpsLabel(seq.fps)} fps${seq.inOutSeconds ? ` · in/out ${Math.round(seq.inOutSeconds * 100) / 100} s` : ''}`
    : '';

  // Validate only once the editor typed a prompt, so an empty form shows no red.
  const built = form.prompt.trim() ? buildRequest(form, seq, state.generators) : null;
  const fieldErrors = built && !built.ok ? built.errors : [];
  const formNotes = built && built.ok ? built.notes : [];

  const def = defaultGenerator(state.generators);
  const chosen = form.generator || def?.id || '';
  const generatorOptions = state.generators.map((g) => ({
    value: g.id,
    label: `${g.name}${g.isDefault ? ' (default)' : ''} · ${g.device.toUpperCase()}`,
    selected: g.id === chosen,
  }));
  const modeOptions: PickerOption[] = [
    { value: 'overwrite', label: 'Overwrite on a free track', selected: form.mode === 'overwrite' },
    { value: 'insert', label: 'Insert (ripple later clips)', selected: form.mode === 'insert' },
  ];

  const connected = state.connection === 'connected';
  const canGenerate = connected && !!seq && !state.submitting && !!built && built.ok;
  const generateLabel = state.submitting ? 'Submitting…' : 'Generate';

  const ctx = { outputRoot: state.outputRoot };
  return {
    connection,
    showPairing: connection.kind === 'needs-pairing',
    pairingBusy: state.pairing.busy,
    pairingError: state.pairing.error,
    sequenceLine,
    sequenceWarning,
    placeholders: placeholders(seq),
    generatorOptions,
    modeOptions,
    canGenerate,
    generateLabel,
    fieldErrors,
    formNotes,
    queue: state.jobs.map((j) => jobRow(j, ctx)),
    history: state.history.map(historyRow),
    notices: state.notices,
  };
}
