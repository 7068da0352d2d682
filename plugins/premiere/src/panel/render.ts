/**
 * Applies a PanelView to the DOM. Decides nothing: every string and flag comes from the view-model.
 * Lists are rebuilt with createElement and textContent (never innerHTML), so prompts cannot inject markup.
 */
import type { PanelView, PickerOption } from '../model/panel-view';

export function byId(id: string): Element {
  const el = document.getElementById(id);
  if (!el) throw new Error(`Panel markup is missing #${id}`);
  return el;
}

/** Spectrum widgets expose `value` (text fields) and `selectedIndex` (pickers), which UXP's Element type omits. */
export function fieldValue(el: Element): string {
  const v: unknown = (el as unknown as { value?: unknown }).value;
  return typeof v === 'string' ? v : '';
}
export function selectedIndex(el: Element): number {
  const v: unknown = (el as unknown as { selectedIndex?: unknown }).selectedIndex;
  return typeof v === 'number' ? v : -1;
}

function show(el: Element, visible: boolean): void {
  if (visible) el.removeAttribute('hidden');
  else el.setAttribute('hidden', '');
}

function setDisabled(el: Element, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

function make(tag: string, attrs: Record<string, string> = {}, text?: string): Element {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text !== undefined) el.textContent = text;
  return el;
}

export interface RenderCallbacks {
  cancel(jobId: string): void;
  retryPlacement(jobId: string): void;
  placeAgain(jobId: string): void;
  dismiss(noticeId: number): void;
  /** Resolves a poster path to a displayable URL, or null (async; re-render when it arrives). */
  poster(path: string): string | null;
}

const HINT_FIELDS = ['duration', 'width', 'height', 'fps', 'seed'] as const;

export class PanelRenderer {
  private lastGeneratorKey = '';
  private lastModeKey = '';
  generatorOptions: PickerOption[] = [];
  modeOptions: PickerOption[] = [];

  constructor(private readonly cb: RenderCallbacks) {}

  render(view: PanelView): void {
    // Connection banner
    const banner = byId('connection');
    banner.setAttribute('data-tone', view.connection.tone);
    byId('conn-title').textContent = view.connection.title;
    byId('conn-message').textContent = view.connection.message;
    show(byId('conn-retry'), view.connection.action === 'retry');
    show(byId('pairing'), view.showPairing);
    setDisabled(byId('pair-go'), view.pairingBusy);
    byId('pair-error').textContent = view.pairingError ?? '';

    // Sequence
    byId('seq-line').textContent = view.sequenceLine;
    byId('seq-warning').textContent = view.sequenceWarning ?? '';

    // Field hints
    for (const f of HINT_FIELDS) byId(f).setAttribute('placeholder', view.placeholders[f]);

    // Pickers: rebuilt only when their options change, so an open menu is not reset by progress updates.
    const genKey = JSON.stringify(view.generatorOptions);
    if (genKey !== this.lastGeneratorKey) {
      this.lastGeneratorKey = genKey;
      this.generatorOptions = view.generatorOptions;
      fillMenu(byId('generator-menu'), view.generatorOptions);
    }
    const modeKey = JSON.stringify(view.modeOptions);
    if (modeKey !== this.lastModeKey) {
      this.lastModeKey = modeKey;
      this.modeOptions = view.modeOptions;
      fillMenu(byId('mode-menu'), view.modeOptions);
    }

    // Validation
    const errors = byId('field-errors');
    clear(errors);
    for (const e of view.fieldErrors) errors.appendChild(make('sp-detail', {}, e.message));
    const notes = byId('form-notes');
    clear(notes);
    for (const n of view.formNotes) notes.appendChild(make('sp-detail', {}, n));
    const gen = byId('generate');
    gen.textContent = view.generateLabel;
    setDisabled(gen, !view.canGenerate);

    this.renderNotices(view);
    this.renderQueue(view);
    this.renderHistory(view);
  }

  private renderNotices(view: PanelView): void {
    const box = byId('notices');
    clear(box);
    for (const n of view.notices) {
      const row = make('div', { class: 'notice', 'data-level': n.level });
      row.appendChild(make('sp-body', { size: 'S' }, n.text));
      const close = make('sp-action-button', { quiet: '', size: 's' }, '×');
      close.addEventListener('click', () => this.cb.dismiss(n.id));
      row.appendChild(close);
      box.appendChild(row);
    }
  }

  private renderQueue(view: PanelView): void {
    const box = byId('queue');
    clear(box);
    show(byId('queue-empty'), view.queue.length === 0);
    for (const job of view.queue) {
      const row = make('div', { class: 'job', 'data-tone': job.tone });
      row.appendChild(this.poster(job.posterPath));
      const text = make('div', { class: 'job-text' });
      text.appendChild(make('sp-body', { size: 'S' }, job.title));
      text.appendChild(make('sp-detail', {}, job.eta ? `${job.status} · ${job.eta}` : job.status));
      if (job.tone === 'active') text.appendChild(make('sp-progressbar', { value: String(job.percent), max: '100', size: 's' }));
      row.appendChild(text);
      if (job.canCancel) {
        const b = make('sp-action-button', { size: 's' }, 'Cancel');
        b.addEventListener('click', () => this.cb.cancel(job.jobId));
        row.appendChild(b);
      } else if (job.canPlace) {
        const b = make('sp-action-button', { size: 's' }, 'Place');
        b.addEventListener('click', () => this.cb.retryPlacement(job.jobId));
        row.appendChild(b);
      }
      box.appendChild(row);
    }
  }

  private renderHistory(view: PanelView): void {
    const box = byId('history');
    clear(box);
    show(byId('history-empty'), view.history.length === 0);
    for (const h of view.history) {
      const row = make('div', { class: 'clip' });
      row.appendChild(this.poster(h.posterPath));
      const text = make('div', { class: 'job-text' });
      text.appendChild(make('sp-body', { size: 'S' }, h.title));
      text.appendChild(make('sp-detail', {}, h.detail));
      row.appendChild(text);
      const b = make('sp-action-button', { size: 's' }, 'Place again');
      b.addEventListener('click', () => this.cb.placeAgain(h.jobId));
      row.appendChild(b);
      box.appendChild(row);
    }
  }

  private poster(path: string | null): Element {
    const url = path ? this.cb.poster(path) : null;
    return url ? make('img', { src: url, alt: '' }) : make('div', { class: 'poster-placeholder' });
  }
}

function fillMenu(menu: Element, options: PickerOption[]): void {
  clear(menu);
  for (const o of options) {
    const item = make('sp-menu-item', o.selected ? { selected: '' } : {}, o.label);
    menu.appendChild(item);
  }
}
