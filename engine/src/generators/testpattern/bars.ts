/**
 * HD colour bars laid out after SMPTE RP 219 (the ARIB/SMPTE 16:9 pattern), scaled to any frame size:
 *   row 1 (7/12 of the height): 40% grey side panels, 75% bars white yellow cyan green magenta red blue
 *   row 2 (1/12): 100% cyan | 100% white | 75% white | 100% blue
 *   row 3 (1/12): 100% yellow | luma ramp 0..100% | 100% red
 *   row 4 (3/12): 15% grey | black | 100% white | black | PLUGE -2/0/+2/0/+4% | black | 15% grey
 * Side panels are 1/8 of the width; the seven bars share the middle 3/4. Levels are 8-bit full-range
 * RGB (the encoder maps them to limited-range Y'CbCr): 100% = 255, 75% = 191, 40% = 102, 15% = 38.
 * RGB cannot go below black, so the -2% PLUGE step is drawn at 0% (it reads as black, as on a monitor
 * set up correctly).
 */
import { fillRect, type Image, type Rgb } from './raster';

const L = (p: number): number => Math.round((p / 100) * 255);
const grey = (p: number): Rgb => [L(p), L(p), L(p)];
const Y75 = L(75);

export const BARS_75: readonly Rgb[] = [
  [Y75, Y75, Y75],
  [Y75, Y75, 0],
  [0, Y75, Y75],
  [0, Y75, 0],
  [Y75, 0, Y75],
  [Y75, 0, 0],
  [0, 0, Y75],
];

export interface BarsLayout {
  /** x where the bars start and end (the side panels lie outside). */
  left: number;
  right: number;
  /** x boundaries of the seven bars (8 values, from left to right). */
  barEdges: number[];
  /** y boundaries of the four rows (5 values, 0 to height). */
  rowEdges: number[];
}

export function barsLayout(width: number, height: number): BarsLayout {
  const left = Math.round(width / 8);
  const right = width - left;
  const barEdges = Array.from({ length: 8 }, (_, k) => left + Math.round((k * (right - left)) / 7));
  const r1 = Math.round((height * 7) / 12);
  const r2 = r1 + Math.round(height / 12);
  const r3 = r2 + Math.round(height / 12);
  return { left, right, barEdges, rowEdges: [0, r1, r2, r3, height] };
}

export function paintBars(img: Image, layout: BarsLayout): void {
  const { width } = img;
  const { left, right, barEdges: e, rowEdges: y } = layout;
  const span = (a: number, b: number, top: number, bottom: number, c: Rgb): void => fillRect(img, a, top, b - a, bottom - top, c);

  // Row 1: side panels and the 75% bars.
  span(0, left, y[0]!, y[1]!, grey(40));
  span(right, width, y[0]!, y[1]!, grey(40));
  BARS_75.forEach((c, k) => span(e[k]!, e[k + 1]!, y[0]!, y[1]!, c));

  // Row 2.
  span(0, left, y[1]!, y[2]!, [0, 255, 255]);
  span(e[0]!, e[1]!, y[1]!, y[2]!, grey(100));
  span(e[1]!, right, y[1]!, y[2]!, grey(75));
  span(right, width, y[1]!, y[2]!, [0, 0, 255]);

  // Row 3: a ramp from black to white across the bars.
  span(0, left, y[2]!, y[3]!, [255, 255, 0]);
  span(right, width, y[2]!, y[3]!, [255, 0, 0]);
  const rampWidth = Math.max(1, right - left - 1);
  for (let x = left; x < right; x++) {
    const v = Math.round(((x - left) / rampWidth) * 255);
    span(x, x + 1, y[2]!, y[3]!, [v, v, v]);
  }

  // Row 4: in units of one bar width c: black 3/2, white 2, black 5/6, PLUGE 5 x 1/3, black 1.
  span(0, left, y[3]!, y[4]!, grey(15));
  span(right, width, y[3]!, y[4]!, grey(15));
  const c = (right - left) / 7;
  const steps: [number, Rgb][] = [
    [1.5, grey(0)],
    [2, grey(100)],
    [5 / 6, grey(0)],
    [1 / 3, grey(0)], // -2%: below what RGB can hold
    [1 / 3, grey(0)],
    [1 / 3, grey(2)],
    [1 / 3, grey(0)],
    [1 / 3, grey(4)],
    [1, grey(0)],
  ];
  let units = 0;
  for (const [w, colour] of steps) {
    const a = left + Math.round(units * c);
    units += w;
    const b = left + Math.round(units * c);
    span(a, b, y[3]!, y[4]!, colour);
  }
}
