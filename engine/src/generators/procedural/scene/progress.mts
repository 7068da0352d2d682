/**
 * A loading indicator, the motion-graphics element editors drop into explainers and UI mock-ups: a ring
 * (or a bar) filling from 0 to 100% with the percentage counting up in its middle and a label under it.
 * Loading never runs at an even rate: the fill comes in bursts with stalls between them, from the seed,
 * and reaches 100% a little before the clip ends so the finished state holds (loadingProgress is the pure
 * part).
 */
import * as THREE from 'three/webgpu';
import type { ScenePlan } from '../plan/schema.js';
import type { BuildContext, Shot } from './common.mjs';
import { paletteColor } from './common.mjs';
import { overlayMaterial, overlayStage, textGeometry, titleInk } from './text.mjs';

/** The share of the clip by which loading is done (the rest holds at 100%). */
export const DONE_AT = 0.86;
const BURSTS = 6;

/** The bursts of a load: start and end (0..DONE_AT of the clip) and the fraction each adds, from the seed. */
export function loadingBursts(next: () => number): Array<{ from: number; to: number; amount: number }> {
  const weights = Array.from({ length: BURSTS }, () => 0.4 + next());
  const total = weights.reduce((a, b) => a + b, 0);
  // Each burst takes 40 to 80% of its slot; the rest of the slot is a stall.
  const slot = DONE_AT / BURSTS;
  return weights.map((w, i) => {
    const busy = slot * (0.4 + 0.4 * next());
    const from = i * slot + (i === 0 ? 0 : (slot - busy) * next());
    return { from, to: from + busy, amount: w / total };
  });
}

/** How loaded (0..1) at the clip's progress u: the bursts eased in and out, summed. */
export function loadingProgress(u: number, bursts: Array<{ from: number; to: number; amount: number }>): number {
  // Exactly done from DONE_AT on (the amounts' sum can miss 1 by a rounding error).
  if (u >= DONE_AT) return 1;
  let p = 0;
  for (const b of bursts) {
    const x = Math.min(1, Math.max(0, (u - b.from) / (b.to - b.from)));
    p += b.amount * x * x * (3 - 2 * x);
  }
  return Math.min(1, p);
}

export function progressOverlay(ctx: BuildContext, text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const { scene, camera, aspect } = overlayStage(ctx);
  const ink = titleInk(ctx.plan);
  // The fill in the palette's lead colour, unless that is too dark to show on the field ("on black" builds
  // the palette round black): then in the ink.
  const lead = paletteColor(ctx.plan, 0);
  const accent = lead.r * 0.2126 + lead.g * 0.7152 + lead.b * 0.0722 < 0.05 ? ink : lead;
  const bar = text.indicator === 'bar';
  const rng = ctx.rng('progress');
  const bursts = loadingBursts(() => rng.next());

  // The percentage, one geometry a value, made when first shown (at most 101).
  const digitSize = bar ? 0.075 : 0.1;
  const numbers = new Map<number, THREE.Mesh>();
  const numberMat = overlayMaterial(ink);
  const numberAt = (n: number) => {
    let mesh = numbers.get(n);
    if (!mesh) {
      const g = textGeometry(`${n}%`, 600, digitSize);
      g.geometry.translate(-g.width / 2, -digitSize * 0.36, 0);
      mesh = new THREE.Mesh(g.geometry, numberMat);
      mesh.visible = false;
      scene.add(mesh);
      numbers.set(n, mesh);
    }
    return mesh;
  };
  const label = textGeometry(text.title, 400, 0.042, 0.004);
  const labelMesh = new THREE.Mesh(label.geometry, overlayMaterial(ink, 0.75));
  scene.add(labelMesh);

  let draw: (p: number) => void;
  let numberY: number;
  if (bar) {
    // A rounded track across the middle, the fill growing from its left end.
    const width = Math.min(aspect * 0.6, 0.95);
    const height = 0.026;
    const track = new THREE.Mesh(roundedBar(width, height), overlayMaterial(ink, 0.18));
    scene.add(track);
    const fill = new THREE.Mesh(new THREE.BufferGeometry(), overlayMaterial(accent));
    scene.add(fill);
    numberY = 0.085;
    labelMesh.position.set(-width / 2, -0.085, 0);
    // From its left end, so its round ends stay round.
    draw = filler(fill, (steps) => {
      const w = Math.max(height, (width * steps) / STEPS);
      return roundedBar(w, height).translate(-width / 2 + w / 2, 0, 0);
    });
  } else {
    // A ring filling clockwise from twelve o'clock over a faint track.
    const radius = 0.19;
    const thick = 0.012;
    scene.add(new THREE.Mesh(new THREE.RingGeometry(radius - thick, radius + thick, 128), overlayMaterial(ink, 0.16)));
    const arc = new THREE.Mesh(new THREE.BufferGeometry(), overlayMaterial(accent));
    scene.add(arc);
    numberY = 0;
    labelMesh.position.set(-label.width / 2, -radius - 0.085, 0);
    draw = filler(arc, (steps) => new THREE.RingGeometry(radius - thick, radius + thick, Math.max(2, Math.ceil(steps / 2)), 1, Math.PI / 2 - (2 * Math.PI * steps) / STEPS, (2 * Math.PI * steps) / STEPS));
  }
  let shown: THREE.Mesh | null = null;
  return {
    scene,
    camera,
    update(_t, u) {
      const p = loadingProgress(u, bursts);
      draw(p);
      const mesh = numberAt(Math.floor(p * 100 + 1e-9));
      if (shown !== mesh) {
        if (shown) shown.visible = false;
        mesh.visible = true;
        mesh.position.y = numberY;
        shown = mesh;
      }
    },
  };
}

/** The fill is rebuilt in this many steps of the whole. */
const STEPS = 256;

/** Draws a fill of `mesh` for progress p, its geometry rebuilt (by `shape`, from the step count) only when the step changes. */
function filler(mesh: THREE.Mesh, shape: (steps: number) => THREE.BufferGeometry): (p: number) => void {
  let last = -1;
  return (p) => {
    const steps = Math.round(p * STEPS);
    if (steps === last) return;
    last = steps;
    mesh.geometry.dispose();
    mesh.geometry = steps === 0 ? new THREE.BufferGeometry() : shape(steps);
  };
}

/** A bar with round ends, centred on the origin. */
function roundedBar(width: number, height: number): THREE.ShapeGeometry {
  const r = height / 2;
  const s = new THREE.Shape();
  s.moveTo(-width / 2 + r, -r);
  s.lineTo(width / 2 - r, -r);
  s.absarc(width / 2 - r, 0, r, -Math.PI / 2, Math.PI / 2, false);
  s.lineTo(-width / 2 + r, r);
  s.absarc(-width / 2 + r, 0, r, Math.PI / 2, (3 * Math.PI) / 2, false);
  return new THREE.ShapeGeometry(s, 16);
}
