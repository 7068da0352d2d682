/**
 * Panel entry point (bundled by webpack into dist/index.js, loaded by index.html). Wires the UXP
 * runtime, the controller and the renderer; holds the form's current values.
 */
import { PanelController } from './app/controller';
import { panelView } from './model/panel-view';
import { emptyForm, type RequestForm } from './model/request';
import { byId, fieldValue, PanelRenderer, selectedIndex } from './panel/render';
import { clientInfo, loadPremiere, readPosterDataUrl, UxpTokenStore, uxpKeyValueStore, uxpWebSocket } from './uxp/runtime';

// Defined at build time from the same port as the manifest's network domains (scripts/build.ts checks both).
const ENGINE_URL: string = __RUSHES_ENGINE_URL__;
const HOST_REFRESH_MS = 3000;

function main(): void {
  const form: RequestForm = emptyForm();
  const posters = new Map<string, string | null>();

  const controller = new PanelController({
    ppro: loadPremiere(),
    WebSocket: uxpWebSocket(),
    url: ENGINE_URL,
    tokens: new UxpTokenStore(),
    store: uxpKeyValueStore(),
    client: clientInfo(),
  });

  const render = (): void => renderer.render(panelView(controller.state, form));

  const renderer = new PanelRenderer({
    cancel: (id) => void controller.cancel(id),
    retryPlacement: (id) => controller.retryPlacement(id),
    placeAgain: (id) => void controller.placeAgain(id),
    dismiss: (id) => controller.dismissNotice(id),
    poster: (path) => {
      if (posters.has(path)) return posters.get(path) ?? null;
      posters.set(path, null);
      // Read off the render path; the next render shows it.
      void readPosterDataUrl(path).then((url) => {
        posters.set(path, url);
        if (url) render();
      });
      return null;
    },
  });

  controller.onChange(render);

  // Form fields: keep the form in sync and re-render (validation, Generate button).
  const textFields: Array<[keyof RequestForm, string]> = [
    ['prompt', 'prompt'],
    ['duration', 'duration'],
    ['width', 'width'],
    ['height', 'height'],
    ['fps', 'fps'],
    ['seed', 'seed'],
  ];
  for (const [key, id] of textFields) {
    const el = byId(id);
    el.addEventListener('input', () => {
      (form as unknown as Record<string, string>)[key] = fieldValue(el);
      render();
    });
  }
  byId('generator').addEventListener('change', () => {
    const o = renderer.generatorOptions[selectedIndex(byId('generator'))];
    form.generator = o ? o.value : '';
    render();
  });
  byId('mode').addEventListener('change', () => {
    const o = renderer.modeOptions[selectedIndex(byId('mode'))];
    form.mode = o?.value === 'insert' ? 'insert' : 'overwrite';
    render();
  });
  byId('generate').addEventListener('click', () => {
    void controller.generate({ ...form });
  });
  byId('conn-retry').addEventListener('click', () => void controller.connect());
  byId('pair-go').addEventListener('click', () => {
    void controller.pair(fieldValue(byId('pair-code')));
  });

  // The active sequence changes under the panel; re-read it when the editor comes back to the panel
  // and every few seconds (cheap reads, all async).
  document.addEventListener('focus', () => void controller.refreshHost(), true);
  const tick = (): void => {
    void controller.refreshHost().finally(() => setTimeout(tick, HOST_REFRESH_MS));
  };
  setTimeout(tick, HOST_REFRESH_MS);

  render();
  void controller.start();
}

main();
