/**
 * The plugin window: UI only. Everything it does goes through `window.rushes` (preload.ts); it renders
 * text with textContent, never as HTML, since prompts and errors are user and engine text.
 */
import type { EventView, OutcomeView, Reply, RushesBridge, ScanView, StatusView } from './ipc';

declare global {
  interface Window {
    rushes: RushesBridge;
  }
}

const bridge = window.rushes;
const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

function log(message: string, level: 'info' | 'error' = 'info'): void {
  const li = document.createElement('li');
  li.textContent = `${new Date().toLocaleTimeString()}  ${message}`;
  if (level === 'error') li.className = 'error';
  const list = $('log');
  list.appendChild(li);
  li.scrollIntoView({ block: 'nearest' });
}

function setValue(id: string, text: string, ok: boolean | null): void {
  const el = $(id);
  el.textContent = text;
  el.className = `value${ok === null ? '' : ok ? ' ok' : ' bad'}`;
}

function showStatus(s: StatusView): void {
  setValue('resolve-status', s.resolve.ok ? `${s.resolve.product} ${s.resolve.version}`.trim() : s.resolve.error ?? 'not connected', s.resolve.ok);
  if (s.timeline) {
    const t = s.timeline;
    const mismatch = t.projectRate ? ` (project: ${t.projectRate})` : '';
    setValue('timeline-status', `${t.name}: ${t.rate} fps${mismatch}, ${t.width}x${t.height}`, true);
  } else setValue('timeline-status', s.timelineError ?? '—', s.resolve.ok ? false : null);
  const e = s.engine;
  const engineText = e.state === 'connected' ? `connected, ${e.version ?? ''} (${e.url})` : `${e.state}${e.error ? `: ${e.error}` : ''}`;
  setValue('engine-status', engineText, e.state === 'connected');
  ($('pair-form') as HTMLFormElement).hidden = e.state !== 'unauthorized';
  const select = $('generator') as HTMLSelectElement;
  const chosen = select.value;
  while (select.options.length > 1) select.remove(1);
  for (const g of e.generators) {
    const o = document.createElement('option');
    o.value = g.id;
    o.textContent = g.isDefault ? `${g.name} (default)` : g.name;
    select.appendChild(o);
  }
  select.value = e.generators.some((g) => g.id === chosen) ? chosen : '';
}

async function run<T>(button: HTMLButtonElement | null, call: () => Promise<Reply<T>>, onValue: (v: T) => void): Promise<void> {
  if (button) button.disabled = true;
  try {
    const r = await call();
    if (r.ok) onValue(r.value);
    else log(r.error, 'error');
  } catch (e) {
    log(String(e), 'error');
  } finally {
    if (button) button.disabled = false;
  }
}

const rows = new Map<string, HTMLTableRowElement>();

function showTargets(scan: ScanView): void {
  const table = $('targets') as HTMLTableElement;
  const body = table.tBodies[0]!;
  body.replaceChildren();
  rows.clear();
  for (const t of scan.targets) {
    const tr = document.createElement('tr');
    for (const text of [t.timecode, `${t.duration}${t.durationSource === 'marker' ? '' : ` (${t.durationSource})`}`, t.prompt, '']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.appendChild(td);
    }
    tr.lastElementChild!.className = 'state';
    body.appendChild(tr);
    rows.set(t.key, tr);
  }
  table.hidden = scan.targets.length === 0;
  const skipped = $('skipped');
  skipped.replaceChildren();
  for (const s of scan.skipped) {
    const li = document.createElement('li');
    li.textContent = `${s.name || `marker at ${s.markerFrame}`}: ${s.reason}`;
    skipped.appendChild(li);
  }
  if (!scan.targets.length) log(`No markers starting with the tag on this timeline.`);
}

function setRowState(key: string, state: string, text: string): void {
  const cell = rows.get(key)?.lastElementChild as HTMLTableCellElement | undefined;
  if (!cell) return;
  cell.textContent = text;
  cell.className = `state ${state}`;
}

function showOutcome(o: OutcomeView): void {
  if (o.error) {
    setRowState(o.key, 'failed', o.error);
    log(`${o.timecode} "${o.prompt}": ${o.error}`, 'error');
  } else {
    setRowState(o.key, 'placed', `V${o.trackIndex}`);
    log(`${o.timecode} "${o.prompt}" placed on V${o.trackIndex} (seed ${o.seed ?? '?'}).`);
  }
  for (const w of o.warnings) log(w, 'error');
}

bridge.onEvent((e: EventView) => {
  if (e.type === 'status') showStatus(e.status);
  else if (e.type === 'log') log(e.message, e.level);
  else if (e.type === 'job') setRowState(e.key, e.state, e.state === 'running' || e.state === 'encoding' ? `${e.state} ${Math.round(e.progress * 100)}%` : e.state);
});

const tag = () => ($('tag') as HTMLInputElement).value;
const includeFilled = () => ($('include-filled') as HTMLInputElement).checked;
const generator = () => ($('generator') as HTMLSelectElement).value || null;

$('refresh').addEventListener('click', () => void run($('refresh') as HTMLButtonElement, () => bridge.reconnect(), showStatus));
$('scan').addEventListener('click', () => void run($('scan') as HTMLButtonElement, () => bridge.scan(tag(), includeFilled()), showTargets));
$('fill').addEventListener('click', () => {
  const button = $('fill') as HTMLButtonElement;
  void run(
    null,
    () => bridge.scan(tag(), includeFilled()),
    (scan) => {
      showTargets(scan);
      if (!scan.targets.length) return;
      log(`Filling ${scan.targets.length} marker(s)…`);
      void run(button, () => bridge.fill({ tag: tag(), includeFilled: includeFilled(), generator: generator() }), (result) => {
        result.outcomes.forEach(showOutcome);
        const placed = result.outcomes.filter((o) => !o.error).length;
        log(`Done: ${placed} of ${result.outcomes.length} placed.`);
      });
    },
  );
});
$('generate').addEventListener('click', () => {
  const prompt = ($('prompt') as HTMLTextAreaElement).value.trim();
  if (!prompt) return log('Describe the shot first.', 'error');
  const seconds = Number(($('seconds') as HTMLInputElement).value);
  log(`Generating "${prompt}" at the playhead…`);
  void run($('generate') as HTMLButtonElement, () => bridge.generateAtPlayhead({ prompt, durationSeconds: seconds, generator: generator() }), showOutcome);
});
$('pair-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const code = ($('pair-code') as HTMLInputElement).value;
  void run(null, () => bridge.pair(code), (s) => {
    showStatus(s);
    log('Paired with the engine.');
  });
});

void run(null, () => bridge.status(), showStatus);
