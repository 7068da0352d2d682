/**
 * An end-credits roll from quoted lines: "Directed by Ana Ruiz", "Editor: Tom Lee", "Thank you". A line
 * with a role is set as film credits are, the role in small tracked capitals right-aligned to the left of
 * the centre, the name to its right; a line without one is a centred heading. The roll enters from below
 * on black and leaves at the top, at a whole number of pixels a frame, so every glyph lands on the same
 * pixel grid each frame and the text does not shimmer or judder as a fractional speed makes it.
 * Layout and timing are pure (tested without a GPU); the overlay builds three meshes a line.
 */
import * as THREE from 'three/webgpu';
import type { ScenePlan } from '../plan/schema.js';
import { overlayMaterial, overlayStage, textGeometry, titleInk } from './text.mjs';
import type { BuildContext, Shot } from './common.mjs';

export interface CreditEntry {
  /** "Directed by", "Editor"; absent for a heading. */
  role?: string;
  /** The name, or the heading's text. */
  name: string;
}

// "Editor: Tom Lee", "Editor - Tom Lee", "Editor — Tom Lee", "Editor | Tom Lee".
const SEPARATED = /^(.+?)\s*(?::|\s[-\u2013\u2014|]\s|[\u2013\u2014|])\s*(.+)$/;
// "Directed by Ana Ruiz", "Music by ...", "Starring ...", "With ...".
const BY = /^(.*?\b(?:by|starring|with|featuring))\s+(.+)$/i;

/** Splits one credit line into role and name; a line with neither separator nor "by" is a heading. */
export function parseCredit(line: string): CreditEntry {
  const text = line.trim();
  const sep = SEPARATED.exec(text);
  if (sep) return { role: sep[1]!.trim(), name: sep[2]!.trim() };
  const by = BY.exec(text);
  if (by && by[1]!.trim()) return { role: by[1]!.trim(), name: by[2]!.trim() };
  return { name: text };
}

/** Sizes in screen heights (the overlay's unit): 0.04 is 29 px of cap-to-descender at 720 lines. */
export const CREDIT_TYPE = { name: 0.04, role: 0.024, heading: 0.048, pitch: 0.064, headingGap: 0.05, gutter: 0.022 } as const;

export interface CreditRow {
  /** The role as set (upper case), absent where it repeats the row above's or the row is a heading. */
  role?: string;
  name: string;
  heading: boolean;
  /** A name under a heading with no role of its own ("Cast", then "Jane Doe"): centred, set as a name. */
  centred: boolean;
  /** Baseline, in screen heights down from the top of the roll. */
  baseline: number;
}

/**
 * Rows of the roll, top to bottom, and its height. A role that repeats the row above's ("Cast: A",
 * "Cast: B") is set once, as a credit list does; a heading gets air above it unless it opens the roll.
 * Lines without a role one after another are a heading and the names under it ("Cast", "Jane Doe",
 * "John Smith"): the first a heading, the rest centred names.
 */
export function layoutCredits(entries: CreditEntry[]): { rows: CreditRow[]; height: number } {
  const rows: CreditRow[] = [];
  let y = 0;
  let lastRole: string | undefined;
  entries.forEach((e, i) => {
    const centred = e.role === undefined && i > 0 && entries[i - 1]!.role === undefined;
    const heading = e.role === undefined && !centred;
    if (heading && i > 0) y += CREDIT_TYPE.headingGap;
    y += heading ? CREDIT_TYPE.heading : CREDIT_TYPE.name;
    const role = e.role?.toUpperCase();
    rows.push({ name: e.name, heading, centred, baseline: y, ...(role && role !== lastRole ? { role } : {}) });
    y += CREDIT_TYPE.pitch - (heading ? CREDIT_TYPE.heading : CREDIT_TYPE.name) + (heading ? 0.02 : 0);
    lastRole = heading ? undefined : role;
  });
  return { rows, height: y };
}

/**
 * Pixels the roll has risen by at a frame. The roll travels its own height plus the screen's (in from the
 * bottom edge, out at the top) at the whole number of pixels a frame nearest the speed that fits the clip,
 * centred in time: what rounding leaves over is split between the two ends (a few pixels of the first line
 * already in on the first frame, or a few frames of black before it; the same at the end). Rounding up
 * instead left a short roll in a long clip out a third of the way before the end.
 */
export function rollOffsetPx(frame: number, frames: number, travelPx: number): number {
  const intervals = Math.max(1, frames - 1);
  const perFrame = Math.max(1, Math.round(travelPx / intervals));
  const start = Math.round((travelPx - perFrame * intervals) / 2);
  return start + frame * perFrame;
}

/** The overlay: the roll as one group of meshes moved a whole number of pixels each frame. */
export function creditsOverlay(ctx: BuildContext, text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const ink = titleInk(ctx.plan);
  const { scene, camera, aspect } = overlayStage(ctx);
  const px = 1 / ctx.height;
  const snap = (v: number) => Math.round(v / px) * px;
  const { rows, height } = layoutCredits([text.title, ...(text.lines ?? [])].map(parseCredit));
  const mat = (opacity: number) => overlayMaterial(ink, opacity);
  const nameMat = mat(1);
  const roleMat = mat(0.68);
  const roll = new THREE.Group();
  scene.add(roll);
  // Each column may use the half frame less a margin; longer text is set smaller to fit.
  const column = aspect / 2 - aspect * 0.08 - CREDIT_TYPE.gutter;
  const set = (s: string, weight: 400 | 600 | 700, size: number, tracking: number, max: number) => {
    let g = textGeometry(s, weight, size, tracking);
    if (g.width > max) {
      g.geometry.dispose();
      g = textGeometry(s, weight, (size * max) / g.width, tracking);
    }
    return g;
  };
  const placed: Array<{ mesh: THREE.Mesh; top: number; bottom: number }> = [];
  const add = (g: { geometry: THREE.BufferGeometry; width: number }, m: THREE.Material, x: number, baseline: number, size: number) => {
    const mesh = new THREE.Mesh(g.geometry, m);
    mesh.position.set(snap(x), -snap(baseline), 0);
    roll.add(mesh);
    placed.push({ mesh, top: baseline - size, bottom: baseline + size * 0.3 });
  };
  for (const r of rows) {
    if (r.heading) {
      const g = set(r.name, 600, CREDIT_TYPE.heading, 0.01, aspect * 0.84);
      add(g, nameMat, -g.width / 2, r.baseline, CREDIT_TYPE.heading);
      continue;
    }
    if (r.centred) {
      const g = set(r.name, 400, CREDIT_TYPE.name, 0.005, aspect * 0.84);
      add(g, nameMat, -g.width / 2, r.baseline, CREDIT_TYPE.name);
      continue;
    }
    const n = set(r.name, 400, CREDIT_TYPE.name, 0.005, column);
    add(n, nameMat, CREDIT_TYPE.gutter, r.baseline, CREDIT_TYPE.name);
    if (r.role) {
      const g = set(r.role, 400, CREDIT_TYPE.role, 0.12, column);
      // The role sits on the name's baseline, its right edge at the gutter (less its trailing tracking).
      add(g, roleMat, -CREDIT_TYPE.gutter - g.width, r.baseline, CREDIT_TYPE.role);
    }
  }
  const frames = Math.max(1, Math.round(ctx.frames));
  const travelPx = Math.ceil((height + 1) * ctx.height);
  return {
    scene,
    camera,
    update(_t, _u, frame) {
      // The roll's top starts at the bottom edge and rises.
      const top = -0.5 + rollOffsetPx(frame, frames, travelPx) * px;
      roll.position.y = top;
      // Lines off the screen are not drawn (a long roll is mostly off it).
      for (const p of placed) p.mesh.visible = top - p.bottom < 0.5 + px && top - p.top > -0.5 - px;
    },
  };
}
