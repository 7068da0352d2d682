/**
 * Typed text: "typewriter typing 'Chapter One'" types the title a key at a time in a typewriter's face
 * (Courier Prime), then the subtitle, a caret after the last key that stays lit while typing and blinks
 * once it stops. The rhythm is a typist's, not a metronome's: uneven keystrokes, a beat longer after a
 * space and longer after punctuation, at about twelve keys a second, squeezed to fit when the clip is short.
 * Keystroke timing and the caret are pure (tested without a GPU); the overlay is one mesh a line whose draw
 * range grows, and the caret.
 */
import * as THREE from 'three/webgpu';
import type { ScenePlan } from '../plan/schema.js';
import type { BuildContext, Shot } from './common.mjs';
import { glyphRun, overlayMaterial, overlayStage, titleInk } from './text.mjs';

/** Seconds between keys at a steady pace (about 12 a second). */
export const KEY_INTERVAL = 0.085;

/**
 * The time each character of `lines` (typed one after another, a pause between them) appears. Keys start
 * at `start` and are all down by `end`: at the typist's pace when that fits, else evenly faster.
 */
export function keystrokeTimes(lines: string[], start: number, end: number, rand: () => number): number[][] {
  const gaps: number[][] = lines.map((line, li) =>
    [...line].map((_, i) => {
      const prev = i > 0 ? line[i - 1]! : li > 0 ? '\n' : '';
      const beat = prev === '\n' ? 5 : /[.,:;!?]/.test(prev) ? 2.2 : prev === ' ' ? 1.3 : 1;
      // The first key is struck at the start; later ones after an uneven beat (0.65 to 1.35 of the pace).
      return i === 0 && li === 0 ? 0 : KEY_INTERVAL * beat * (0.65 + 0.7 * rand());
    }),
  );
  const total = gaps.flat().reduce((a, b) => a + b, 0);
  const squeeze = total > end - start && total > 0 ? (end - start) / total : 1;
  let t = start;
  return gaps.map((line) => line.map((g) => (t += g * squeeze)));
}

/** The caret: lit while keys are being struck and half a second after, then on and off each half second. */
export function caretLit(t: number, lastKey: number): boolean {
  const since = t - lastKey;
  return since < 0.5 || Math.floor((since - 0.5) / 0.5) % 2 === 1;
}

/** The overlay: the title (and subtitle) typed, left edge fixed where the finished line will be centred. */
export function typewriterOverlay(ctx: BuildContext, text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const { scene, camera, aspect } = overlayStage(ctx);
  const mat = overlayMaterial(titleInk(ctx.plan));
  const sizes = [0.085, 0.05];
  const strings = [text.title, ...(text.subtitle ? [text.subtitle] : [])];
  const runs = strings.map((s, i) => {
    let size = sizes[i]!;
    let run = glyphRun(s, i === 0 ? 700 : 400, size, 'courier-prime');
    const max = aspect * 0.84;
    if (run.width > max) {
      run.geometry.dispose();
      size = (size * max) / run.width;
      run = glyphRun(s, i === 0 ? 700 : 400, size, 'courier-prime');
    }
    return { ...run, size };
  });
  // The title sits a little above the middle when a subtitle follows it.
  const baselines = runs.length > 1 ? [0.02, 0.02 - runs[0]!.size * 0.6 - runs[1]!.size * 1.4] : [-runs[0]!.size * 0.3];
  const meshes = runs.map((r, i) => {
    const mesh = new THREE.Mesh(r.geometry, mat);
    mesh.position.set(-r.width / 2, baselines[i]!, 0);
    mesh.geometry.setDrawRange(0, 0);
    mesh.visible = false;
    scene.add(mesh);
    return mesh;
  });
  const caretSize = runs[0]!.size;
  const caret = new THREE.Mesh(new THREE.PlaneGeometry(caretSize * 0.08, caretSize * 0.95), mat);
  scene.add(caret);
  const rng = ctx.rng('typewriter');
  const start = Math.min(0.4, ctx.duration * 0.08);
  const times = keystrokeTimes(strings, start, Math.max(start + 0.1, ctx.duration * 0.6), () => rng.next());
  const lastKey = times.flat().at(-1) ?? start;
  return {
    scene,
    camera,
    update(t) {
      let caretLine = 0;
      let caretPen = 0;
      runs.forEach((r, i) => {
        const typed = times[i]!.filter((k) => k <= t).length;
        const count = typed ? r.ends[typed - 1]! : 0;
        meshes[i]!.geometry.setDrawRange(0, count);
        // (Dawn warns of a draw of no indices: a line not begun, or only spaces typed, is not drawn.)
        meshes[i]!.visible = count > 0;
        if (typed > 0 || i === 0) {
          caretLine = i;
          caretPen = typed ? r.pens[typed - 1]! : 0;
        }
      });
      const r = runs[caretLine]!;
      const s = r.size / caretSize;
      caret.scale.set(s, s, 1);
      caret.position.set(meshes[caretLine]!.position.x + caretPen + r.size * 0.08, baselines[caretLine]! + r.size * 0.32, 0);
      caret.visible = t >= start - 0.3 && caretLit(t, lastKey);
    },
  };
}
