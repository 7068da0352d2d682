/**
 * Titles and lower thirds from quoted prompt text, set in Inter (SIL OFL, npm @fontsource/inter) as
 * real vector outlines (opentype.js -> three shapes), so edges stay crisp at any resolution. The text
 * lives in an overlay scene composited after grading: its colours are exact, not tone mapped.
 * Titles fade and rise in with a little tracking; lower thirds slide their bar in, then the name,
 * then the role. Nothing animates out: editors cut or dissolve titles themselves.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as THREE from 'three/webgpu';
import opentype from 'opentype.js';
import type { ScenePlan } from '../plan/schema.js';
import { type BuildContext, type Shot, paletteColor, frontOnShot } from './common.mjs';
import { gradientDome } from './abstract.mjs';
import { uniform } from 'three/tsl';
import { mergeGeometries } from 'three/addons/utils/BufferGeometryUtils.js';

const fonts = new Map<string, opentype.Font>();

/** Inter for titles; Courier Prime (SIL OFL, npm @fontsource/courier-prime), a typewriter's face, for typed text. */
export type FontFamily = 'inter' | 'courier-prime';

/**
 * Fontsource splits a family into subsets by script; a character the Latin file lacks is looked for in
 * the rest, in this order ("Łukasz", "Дмитрий", "Ξένια" in the credits came out as missing-glyph boxes).
 */
const SUBSETS: Record<FontFamily, readonly string[]> = {
  inter: ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'],
  'courier-prime': ['latin', 'latin-ext'],
};

function loadFont(weight: 400 | 600 | 700, family: FontFamily = 'inter', subset = 'latin'): opentype.Font {
  const key = `${family}-${subset}-${weight}`;
  const hit = fonts.get(key);
  if (hit) return hit;
  const require = createRequire(import.meta.url);
  const file = require.resolve(`@fontsource/${family}/files/${family}-${subset}-${weight}-normal.woff`);
  const buf = fs.readFileSync(file);
  const font = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  fonts.set(key, font);
  return font;
}

/** Outlines of one line of text as a flat geometry, baseline at y = 0, starting at x = 0. Size in scene units. */
export function textGeometry(text: string, weight: 400 | 600 | 700, size: number, tracking = 0): { geometry: THREE.BufferGeometry; width: number } {
  const run = glyphShapes(text, weight, size, tracking, 'inter');
  return { geometry: new THREE.ShapeGeometry(run.glyphs.flat(), 8), width: run.width };
}

/**
 * One line as one geometry whose triangles are in glyph order, with the index count after each glyph and
 * the pen position after it: drawing the first `ends[k]` indices shows the first k + 1 glyphs (a typewriter
 * reveals a line in one draw call).
 */
export function glyphRun(text: string, weight: 400 | 700, size: number, family: FontFamily): { geometry: THREE.BufferGeometry; ends: number[]; pens: number[]; width: number } {
  const run = glyphShapes(text, weight, size, 0, family, true);
  const parts: THREE.BufferGeometry[] = [];
  const ends: number[] = [];
  let count = 0;
  for (const shapes of run.glyphs) {
    if (shapes.length) {
      const g = new THREE.ShapeGeometry(shapes, 8);
      count += g.index!.count;
      parts.push(g);
    }
    ends.push(count);
  }
  const geometry = parts.length ? mergeGeometries(parts)! : new THREE.BufferGeometry();
  for (const p of parts) p.dispose();
  return { geometry, ends, pens: run.pens, width: run.width };
}

/** Colours glyph k of a run (see glyphRun: `ends[k]` is the index count after it) `colourOf(k)`, per vertex. */
export function colourGlyphs(geometry: THREE.BufferGeometry, ends: number[], colourOf: (k: number) => THREE.Color): void {
  const index = geometry.index;
  const out = new Float32Array((geometry.attributes.position?.count ?? 0) * 3);
  let from = 0;
  ends.forEach((end, k) => {
    const c = colourOf(k);
    for (let i = from; i < end; i++) out.set([c.r, c.g, c.b], (index ? index.getX(i) : i) * 3);
    from = end;
  });
  geometry.setAttribute('color', new THREE.BufferAttribute(out, 3));
}

/** The first of the family's subsets with a glyph for `ch` (the Latin one, and its missing-glyph box, if none has). */
function fontFor(ch: string, weight: 400 | 600 | 700, family: FontFamily): opentype.Font {
  for (const subset of SUBSETS[family]) {
    const font = loadFont(weight, family, subset);
    if (font.charToGlyphIndex(ch) > 0) return font;
  }
  return loadFont(weight, family);
}

/** The characters of `text` no subset of the family draws (they come out as the missing-glyph box). */
export function missingGlyphs(text: string, weight: 400 | 600 | 700, family: FontFamily): string[] {
  return Array.from(new Set(Array.from(text).filter((ch) => fontFor(ch, weight, family).charToGlyphIndex(ch) <= 0)));
}

/**
 * Glyph outlines along a line: runs of characters from one subset's file shaped together (so ligatures and
 * kerning hold within a run), or one glyph per character where `perChar` (a typewriter strikes characters).
 */
function glyphShapes(text: string, weight: 400 | 600 | 700, size: number, tracking: number, family: FontFamily, perChar = false): { glyphs: THREE.Shape[][]; pens: number[]; width: number } {
  const runs: Array<{ font: opentype.Font; text: string }> = [];
  for (const ch of Array.from(text)) {
    const font = fontFor(ch, weight, family);
    const last = runs[runs.length - 1];
    if (last && last.font === font) last.text += ch;
    else runs.push({ font, text: ch });
  }
  const glyphs = runs.flatMap((r) => (perChar ? Array.from(r.text).map((c) => r.font.charToGlyph(c)) : r.font.stringToGlyphs(r.text)).map((glyph) => ({ glyph, font: r.font })));
  const out: THREE.Shape[][] = [];
  const pens: number[] = [];
  let x = 0;
  glyphs.forEach(({ glyph, font }, gi) => {
    const scale = size / font.unitsPerEm;
    const path = glyph.getPath(x, 0, size);
    const sp = new THREE.ShapePath();
    for (const c of path.commands) {
      // opentype's paths are y-down (canvas); flip to y-up.
      if (c.type === 'M') sp.moveTo(c.x, -c.y);
      else if (c.type === 'L') sp.lineTo(c.x, -c.y);
      else if (c.type === 'Q') sp.quadraticCurveTo(c.x1, -c.y1, c.x, -c.y);
      else if (c.type === 'C') sp.bezierCurveTo(c.x1, -c.y1, c.x2, -c.y2, c.x, -c.y);
    }
    // three r187 sorts outlines into solids and holes by containment, whatever their winding.
    out.push(sp.toShapes());
    const next = glyphs[gi + 1];
    const kern = next && next.font === font ? font.getKerningValue(glyph, next.glyph) : 0;
    x += ((glyph.advanceWidth ?? 0) + kern) * scale + tracking * size;
    pens.push(x);
  });
  return { glyphs: out, pens, width: Math.max(0, x - tracking * size) };
}

/** Text is near-white; on a white field (the 'white' palette) near-black. */
export function titleInk(plan: ScenePlan): THREE.Color {
  return new THREE.Color(plan.palette.name === 'white' ? '#17181b' : '#f7f5f0');
}

const easeOut = (x: number) => 1 - Math.pow(1 - Math.min(1, Math.max(0, x)), 3);

/**
 * An overlay's stage: its scene and an orthographic camera whose unit is the frame's height (y from -0.5 to
 * 0.5, x over the aspect), composited after grading (titles, lower thirds, countdowns, rolls, typed text).
 */
export function overlayStage(ctx: BuildContext): { scene: THREE.Scene; camera: THREE.OrthographicCamera; aspect: number } {
  const aspect = ctx.width / ctx.height;
  return { scene: new THREE.Scene(), camera: new THREE.OrthographicCamera(-aspect / 2, aspect / 2, 0.5, -0.5, -1, 1), aspect };
}

/** Flat colour for overlay text and rules: blended, drawn over everything in the order added. */
export function overlayMaterial(colour: THREE.Color, opacity = 1): THREE.MeshBasicNodeMaterial {
  return new THREE.MeshBasicNodeMaterial({ color: colour, transparent: true, opacity, depthTest: false, depthWrite: false });
}

/** Titles and lower thirds (countdowns, rolls and typed titles have their own builders). */
export function buildTextOverlay(ctx: BuildContext, text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const { scene, camera, aspect } = overlayStage(ctx);
  const plan = ctx.plan;
  const accent = paletteColor(plan, 0);
  const white = new THREE.Color('#f7f5f0');
  // A title is set in near-white; on a white field in near-black ink, its rule in a grey of the palette (the
  // lower third keeps white on its own dark bar).
  const onWhite = plan.palette.name === 'white';
  const ink = titleInk(plan);
  const ruleColor = onWhite ? paletteColor(plan, 3) : accent;
  const parts: Array<{ obj: THREE.Object3D; mats: THREE.MeshBasicNodeMaterial[]; from: THREE.Vector3; to: THREE.Vector3; start: number; dur: number; scaleFrom?: number }> = [];
  const mat = overlayMaterial;
  const fit = (width: number, size: number, max: number) => (width > max ? (size * max) / width : size);

  if (text.mode === 'countdown') return countdownOverlay(ctx, text, scene, camera, ink, ruleColor);
  if (text.mode === 'title') {
    let size = 0.1;
    let g = textGeometry(text.title, 700, size, 0.01);
    size = fit(g.width, size, aspect * 0.82);
    if (size !== 0.1) g = textGeometry(text.title, 700, size, 0.01);
    const m = mat(ink);
    const mesh = new THREE.Mesh(g.geometry, m);
    const group = new THREE.Group();
    mesh.position.set(-g.width / 2, -size * 0.36 + (text.subtitle ? size * 0.3 : 0), 0);
    group.add(mesh);
    parts.push({ obj: group, mats: [m], from: new THREE.Vector3(0, -0.025, 0), to: new THREE.Vector3(0, 0, 0), start: 0.15, dur: 1.1, scaleFrom: 0.96 });
    const rule = new THREE.Mesh(new THREE.PlaneGeometry(1, 0.004), mat(ruleColor));
    const ruleGroup = new THREE.Group();
    ruleGroup.add(rule);
    // Offsets live on the children: the animation drives the groups' positions.
    rule.position.y = -size * 0.75 + (text.subtitle ? size * 0.3 : 0);
    parts.push({ obj: ruleGroup, mats: [rule.material as THREE.MeshBasicNodeMaterial], from: new THREE.Vector3(0, 0, 0), to: new THREE.Vector3(0, 0, 0), start: 0.5, dur: 0.9 });
    ruleGroup.userData.ruleWidth = Math.min(g.width * 0.35, 0.3);
    if (text.subtitle) {
      const s2 = fit(textGeometry(text.subtitle, 400, 0.04, 0.02).width, 0.04, aspect * 0.7);
      const sg = textGeometry(text.subtitle.toUpperCase(), 400, s2, 0.08);
      const sm = mat(onWhite ? ink.clone().lerp(white, 0.3) : white.clone().multiplyScalar(0.85));
      const smesh = new THREE.Mesh(sg.geometry, sm);
      smesh.position.set(-sg.width / 2, -size * 0.75 - s2 * 1.9 + size * 0.3, 0);
      const sgp = new THREE.Group();
      sgp.add(smesh);
      parts.push({ obj: sgp, mats: [sm], from: new THREE.Vector3(0, -0.015, 0), to: new THREE.Vector3(0, 0, 0), start: 0.7, dur: 1.0 });
    }
  } else {
    // Lower third: a translucent bar with an accent edge, name above role, in the lower-left safe area.
    const left = -aspect / 2 + aspect * 0.075;
    const base = -0.5 + 0.14;
    const nameSize = 0.052;
    const ng = textGeometry(text.title, 600, nameSize, 0.005);
    const roleSize = 0.028;
    const rg = text.subtitle ? textGeometry(text.subtitle.toUpperCase(), 400, roleSize, 0.09) : null;
    const barW = Math.max(ng.width, rg?.width ?? 0) + 0.07;
    const barH = text.subtitle ? 0.135 : 0.09;
    const barMat = mat(new THREE.Color('#0d0f12'), 0.62);
    const bar = new THREE.Mesh(new THREE.PlaneGeometry(barW, barH), barMat);
    bar.position.set(left + barW / 2, base + barH / 2, 0);
    const edgeMat = mat(accent);
    const edge = new THREE.Mesh(new THREE.PlaneGeometry(0.008, barH), edgeMat);
    edge.position.set(left, base + barH / 2, 0);
    const barGroup = new THREE.Group();
    barGroup.add(bar, edge);
    parts.push({ obj: barGroup, mats: [barMat, edgeMat], from: new THREE.Vector3(-0.08, 0, 0), to: new THREE.Vector3(0, 0, 0), start: 0.1, dur: 0.7 });
    const nm = mat(white);
    const name = new THREE.Mesh(ng.geometry, nm);
    name.position.set(left + 0.035, base + barH - nameSize * 1.05, 0);
    const ngp = new THREE.Group();
    ngp.add(name);
    parts.push({ obj: ngp, mats: [nm], from: new THREE.Vector3(-0.03, 0, 0), to: new THREE.Vector3(0, 0, 0), start: 0.35, dur: 0.8 });
    if (rg) {
      const rm = mat(accent.clone().lerp(white, 0.55));
      const role = new THREE.Mesh(rg.geometry, rm);
      role.position.set(left + 0.035, base + 0.028, 0);
      const rgp = new THREE.Group();
      rgp.add(role);
      parts.push({ obj: rgp, mats: [rm], from: new THREE.Vector3(-0.03, 0, 0), to: new THREE.Vector3(0, 0, 0), start: 0.55, dur: 0.8 });
    }
  }
  for (const p of parts) scene.add(p.obj);
  // Animations are timed in seconds but squeezed into short clips so the text is settled by 60%.
  const squeeze = Math.min(1, (ctx.duration * 0.6) / 1.6);
  return {
    scene,
    camera,
    update(t) {
      for (const p of parts) {
        const k = easeOut((t - p.start * squeeze) / (p.dur * squeeze));
        p.obj.position.lerpVectors(p.from, p.to, k);
        if (p.scaleFrom) p.obj.scale.setScalar(p.scaleFrom + (1 - p.scaleFrom) * k);
        if (p.obj.userData.ruleWidth) p.obj.scale.set(Math.max(1e-4, p.obj.userData.ruleWidth * k), 1, 1);
        for (const m of p.mats) m.opacity = k * (m.userData.baseOpacity ?? (m.userData.baseOpacity = m.opacity || 1));
      }
    },
  };
}

/**
 * A countdown: big numerals from the title's number down to 1, each holding an equal share of the clip
 * (a 10 s clip from 10 is one a second), popping in as it changes; round it a thin ring that empties
 * clockwise over the number's share, over a faint full ring, as on a film leader.
 */
function countdownOverlay(
  ctx: BuildContext,
  text: NonNullable<ScenePlan['text']>,
  scene: THREE.Scene,
  camera: THREE.OrthographicCamera,
  ink: THREE.Color,
  ringColor: THREE.Color,
): NonNullable<Shot['overlay']> {
  const from = Math.min(99, Math.max(1, Math.round(Number.parseInt(text.title, 10) || 10)));
  const share = ctx.duration / from;
  const size = 0.34;
  const numerals: Array<{ mesh: THREE.Mesh; mat: THREE.MeshBasicNodeMaterial }> = [];
  for (let n = from; n >= 1; n--) {
    const g = textGeometry(String(n), 700, size);
    const mat = overlayMaterial(ink, 0);
    const mesh = new THREE.Mesh(g.geometry, mat);
    // Centred on the ring: the geometry's origin is its baseline's start; a digit's body is about 0.72 em.
    mesh.geometry.translate(-g.width / 2, -size * 0.36, 0);
    mesh.visible = false;
    scene.add(mesh);
    numerals.push({ mesh, mat });
  }
  const radius = 0.3;
  const faint = new THREE.Mesh(new THREE.RingGeometry(radius - 0.003, radius + 0.003, 128), overlayMaterial(ink, 0.22));
  scene.add(faint);
  const sweepMat = overlayMaterial(ringColor);
  const sweep = new THREE.Mesh(new THREE.RingGeometry(radius - 0.006, radius + 0.006, 128), sweepMat);
  scene.add(sweep);
  let lastLeft = -1;
  return {
    scene,
    camera,
    update(t) {
      const k = Math.min(from - 1, Math.max(0, Math.floor(t / share)));
      const into = Math.min(1, Math.max(0, t / share - k));
      numerals.forEach((n, i) => {
        n.mesh.visible = i === k;
      });
      const current = numerals[k]!;
      // Already half there on the frame it changes (at one frame a second that frame is all it gets).
      const pop = 0.5 + 0.5 * easeOut(into / 0.18);
      current.mat.opacity = pop;
      current.mesh.scale.setScalar(1.1 - 0.1 * pop);
      // The ring left of this number's share, from twelve o'clock clockwise (rebuilt in 1/128 steps).
      const left = Math.round((1 - into) * 128);
      if (left !== lastLeft) {
        sweep.geometry.dispose();
        sweep.geometry = new THREE.RingGeometry(radius - 0.006, radius + 0.006, Math.max(1, left), 1, Math.PI / 2, (2 * Math.PI * Math.max(left, 0.001)) / 128);
        lastLeft = left;
      }
    },
  };
}

/** The text archetype: a title over a slow gradient with drifting light. */
export function buildTextShot(ctx: BuildContext): Shot {
  const scene = new THREE.Scene();
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(35, ctx.width / ctx.height, 0.1, 1000);
  // Code on a screen and a ticker board cover the frame with their own opaque ground: a field under them
  // would be shaded for nothing (about 30 to 50 ms of CPU a frame at 720p on lavapipe).
  const covered = ctx.plan.text?.mode === 'code' || ctx.plan.text?.mode === 'ticker';
  const dome = covered ? null : gradientDome(ctx, time, 0.8);
  if (dome) scene.add(dome);
  else scene.background = new THREE.Color(0, 0, 0);
  const update = (t: number) => {
    time.value = t;
    dome?.position.copy(camera.position);
  };
  return frontOnShot(scene, camera, update, { particleBox: { center: [0, 0, 2], size: [14, 8, 8] } });
}
