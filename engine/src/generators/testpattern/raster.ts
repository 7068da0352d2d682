/**
 * Minimal drawing on a tightly packed RGBA buffer: rectangles, text in the built-in bitmap font, a ring
 * and a disc. Everything clips to the frame, so layouts for tiny frames degrade instead of throwing.
 */
import { ADVANCE, GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font';

export type Rgb = readonly [number, number, number];

export interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createImage(width: number, height: number): Image {
  const data = new Uint8Array(width * height * 4);
  // Opaque everywhere; drawing never touches alpha afterwards.
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

export function fillRect(img: Image, x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb): void {
  const xa = Math.max(0, Math.round(x0));
  const ya = Math.max(0, Math.round(y0));
  const xb = Math.min(img.width, Math.round(x0 + w));
  const yb = Math.min(img.height, Math.round(y0 + h));
  if (xa >= xb || ya >= yb) return;
  const { data, width } = img;
  // Paint the first row, then copy it: much faster than per-pixel writes for wide rectangles.
  const rowStart = (ya * width + xa) * 4;
  for (let x = 0; x < xb - xa; x++) {
    const p = rowStart + x * 4;
    data[p] = r;
    data[p + 1] = g;
    data[p + 2] = b;
    data[p + 3] = 255;
  }
  const rowBytes = (xb - xa) * 4;
  for (let y = ya + 1; y < yb; y++) data.copyWithin((y * width + xa) * 4, rowStart, rowStart + rowBytes);
}

/** Multiplies a rectangle's colour by `factor` (a see-through dark panel behind text). */
export function darkenRect(img: Image, x0: number, y0: number, w: number, h: number, factor: number): void {
  const xa = Math.max(0, Math.round(x0));
  const ya = Math.max(0, Math.round(y0));
  const xb = Math.min(img.width, Math.round(x0 + w));
  const yb = Math.min(img.height, Math.round(y0 + h));
  const { data, width } = img;
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const p = (y * width + x) * 4;
      data[p] = Math.round(data[p]! * factor);
      data[p + 1] = Math.round(data[p + 1]! * factor);
      data[p + 2] = Math.round(data[p + 2]! * factor);
    }
  }
}

/** Width in pixels of `text` at integer `scale` (no trailing spacing). */
export function textWidth(text: string, scale: number): number {
  const n = [...text].length;
  return n ? (n * ADVANCE - (ADVANCE - GLYPH_WIDTH)) * scale : 0;
}

/** Draws text with its top-left at (x, y); each font pixel becomes a scale x scale block. */
export function drawText(img: Image, text: string, x: number, y: number, scale: number, color: Rgb): void {
  let cx = Math.round(x);
  const top = Math.round(y);
  for (const ch of text) {
    if (cx >= img.width) break;
    if (ch !== ' ' && cx + GLYPH_WIDTH * scale > 0) {
      const rows = glyph(ch);
      for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
        const mask = rows[gy]!;
        if (!mask) continue;
        // Runs of ink in a row become one rectangle each.
        let gx = 0;
        while (gx < GLYPH_WIDTH) {
          if (!(mask & (1 << (GLYPH_WIDTH - 1 - gx)))) {
            gx++;
            continue;
          }
          let end = gx + 1;
          while (end < GLYPH_WIDTH && mask & (1 << (GLYPH_WIDTH - 1 - end))) end++;
          fillRect(img, cx + gx * scale, top + gy * scale, (end - gx) * scale, scale, color);
          gx = end;
        }
      }
    }
    cx += ADVANCE * scale;
  }
}

/** A ring of the given radius and thickness centred on (cx, cy). */
export function drawRing(img: Image, cx: number, cy: number, radius: number, thickness: number, [r, g, b]: Rgb): void {
  const outer = radius + thickness / 2;
  const inner = Math.max(0, radius - thickness / 2);
  forDisc(img, cx, cy, outer, (p, d2) => {
    if (d2 < inner * inner) return;
    img.data[p] = r;
    img.data[p + 1] = g;
    img.data[p + 2] = b;
  });
}

export function fillDisc(img: Image, cx: number, cy: number, radius: number, [r, g, b]: Rgb): void {
  forDisc(img, cx, cy, radius, (p) => {
    img.data[p] = r;
    img.data[p + 1] = g;
    img.data[p + 2] = b;
  });
}

function forDisc(img: Image, cx: number, cy: number, radius: number, paint: (p: number, d2: number) => void): void {
  const ya = Math.max(0, Math.floor(cy - radius));
  const yb = Math.min(img.height - 1, Math.ceil(cy + radius));
  const xa = Math.max(0, Math.floor(cx - radius));
  const xb = Math.min(img.width - 1, Math.ceil(cx + radius));
  const r2 = radius * radius;
  for (let y = ya; y <= yb; y++) {
    const dy = y + 0.5 - cy;
    for (let x = xa; x <= xb; x++) {
      const dx = x + 0.5 - cx;
      const d2 = dx * dx + dy * dy;
      if (d2 <= r2) paint((y * img.width + x) * 4, d2);
    }
  }
}
