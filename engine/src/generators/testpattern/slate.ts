/**
 * The test pattern's frame: a static background painted once per job (bars, panels, the prompt, the
 * dial face) and a few small things drawn per frame on a copy of it (timecode, frame number, the dial's
 * dot, the sweep line, the progress bar). Pure apart from the buffers it fills.
 */
import { formatRational, type ResolvedRequest } from '@rushes/shared';
import { formatTimecode, frameDigits, isDropFrameTimecode, nominalRate, parseTimecode } from '../../media/timecode';
import { barsLayout, paintBars, type BarsLayout } from './bars';
import { ADVANCE, GLYPH_WIDTH, LINE_HEIGHT } from './font';
import { createImage, darkenRect, drawRing, drawText, fillDisc, fillRect, textWidth, type Image, type Rgb } from './raster';
import { wrapText } from './wrap';

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
const SWEEP: Rgb = [255, 40, 40];
const DIM: Rgb = [200, 200, 200];
const MAX_PROMPT_LINES = 3;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface SlateLayout {
  width: number;
  height: number;
  bars: BarsLayout;
  nominal: number;
  startFrame: number;
  dropFrame: boolean;
  tcScale: number;
  infoScale: number;
  promptScale: number;
  pad: number;
  tcBox: Box;
  tcText: { x: number; y: number };
  infoBox: Box;
  frameText: { x: number; y: number };
  staticInfo: { text: string; x: number; y: number };
  promptBox: Box | null;
  promptLines: string[];
  promptTruncated: boolean;
  dial: { cx: number; cy: number; radius: number; dot: number; thickness: number };
  sweep: { top: number; bottom: number; lineWidth: number };
  progress: { y: number; h: number };
  /** "FRAME 000003 / 000239" where it fits, else "000003/000239". */
  longFrameLabel: boolean;
}

/** Everything about where things go, from the request alone. Cheap: no pixels. */
export function slateLayout(req: ResolvedRequest): SlateLayout {
  const { width: W, height: H, fps } = req;
  const bars = barsLayout(W, H);
  const row1 = bars.rowEdges[1]!;
  const nominal = nominalRate(fps);
  const startFrame = parseTimecode(req.startTimecode, fps);
  const dropFrame = isDropFrameTimecode(req.startTimecode);

  // Text sizes follow the frame height: at 1080 lines the timecode is 8 px per font pixel, body text 3.
  const tcScale = Math.max(1, Math.round(H / 135));
  const infoScale = Math.max(1, Math.round(H / 270));
  const promptScale = Math.max(1, Math.round(H / 360));
  const pad = Math.max(1, Math.round(H / 120));

  const tcChars = 9 + frameDigits(nominal);
  const tcW = textWidth('0'.repeat(tcChars), tcScale);
  const tcBox: Box = { x: Math.round((W - tcW) / 2) - pad, y: Math.round(row1 * 0.08), w: tcW + 2 * pad, h: 7 * tcScale + 2 * pad };
  const tcText = { x: tcBox.x + pad, y: tcBox.y + pad };

  const lastIndex = req.frames - 1;
  const digits = Math.max(6, String(lastIndex).length);
  // Long labels where they fit, shorter ones on small frames.
  const fits = (t: string): boolean => textWidth(t, infoScale) <= W - 2 * pad;
  const long = fits(frameLabel(lastIndex, lastIndex, digits, true));
  const frameSample = frameLabel(lastIndex, lastIndex, digits, long);
  const staticChoices = [
    `${W}x${H}  ${fpsLabel(req, true)}  SEED ${req.seed}`,
    `${W}x${H}  ${fpsLabel(req, false)}  SEED ${req.seed}`,
    `${fpsLabel(req, false)}  SEED ${req.seed}`,
    fpsLabel(req, false),
  ];
  const staticText = staticChoices.find(fits) ?? staticChoices[staticChoices.length - 1]!;
  const infoW = Math.max(textWidth(frameSample, infoScale), textWidth(staticText, infoScale));
  const infoBox: Box = {
    x: Math.round((W - infoW) / 2) - pad,
    y: tcBox.y + tcBox.h + pad,
    w: infoW + 2 * pad,
    h: (LINE_HEIGHT + 7) * infoScale + 2 * pad,
  };
  const frameText = { x: Math.round((W - textWidth(frameSample, infoScale)) / 2), y: infoBox.y + pad };
  const staticInfo = { text: staticText, x: Math.round((W - textWidth(staticText, infoScale)) / 2), y: infoBox.y + pad + LINE_HEIGHT * infoScale };

  // The prompt sits at the foot of the bars, as many lines as fit (up to three) below the info box.
  const margin = pad * 2;
  const promptW = bars.right - bars.left - 2 * margin;
  const line = LINE_HEIGHT * promptScale;
  const maxChars = Math.floor((promptW - 2 * pad + (ADVANCE - GLYPH_WIDTH) * promptScale) / (ADVANCE * promptScale));
  const room = row1 - margin - (infoBox.y + infoBox.h + margin);
  const maxLines = Math.min(MAX_PROMPT_LINES, Math.floor((room - 2 * pad + (LINE_HEIGHT - 9) * promptScale) / line));
  const wrapped = wrapText(req.prompt, maxChars, maxLines);
  let promptBox: Box | null = null;
  if (wrapped.lines.length) {
    const h = wrapped.lines.length * line - (LINE_HEIGHT - 9) * promptScale + 2 * pad;
    promptBox = { x: bars.left + margin, y: row1 - margin - h, w: promptW, h };
  }

  const radius = Math.max(2, Math.min(bars.left * 0.36, row1 * 0.2));
  const dial = {
    cx: bars.left / 2,
    cy: tcBox.y + radius + pad,
    radius,
    dot: Math.max(1.5, radius * 0.16),
    thickness: Math.max(1, radius / 12),
  };
  const sweep = { top: bars.rowEdges[1]!, bottom: bars.rowEdges[3]!, lineWidth: Math.max(2, Math.round(W / 320)) };
  const progressH = Math.max(2, Math.round(H / 90));
  return {
    width: W,
    height: H,
    bars,
    nominal,
    startFrame,
    dropFrame,
    tcScale,
    infoScale,
    promptScale,
    pad,
    tcBox,
    tcText,
    infoBox,
    frameText,
    staticInfo,
    promptBox,
    promptLines: wrapped.lines,
    promptTruncated: wrapped.truncated,
    dial,
    sweep,
    progress: { y: H - progressH, h: progressH },
    longFrameLabel: long,
  };
}

/** Paints what does not change from frame to frame. Done once per job. */
export function paintBackground(layout: SlateLayout): Image {
  const img = createImage(layout.width, layout.height);
  paintBars(img, layout.bars);
  const { tcBox, infoBox, promptBox, dial, pad, promptScale } = layout;
  fillRect(img, tcBox.x, tcBox.y, tcBox.w, tcBox.h, BLACK);
  fillRect(img, infoBox.x, infoBox.y, infoBox.w, infoBox.h, BLACK);
  drawText(img, layout.staticInfo.text, layout.staticInfo.x, layout.staticInfo.y, layout.infoScale, DIM);
  if (promptBox) {
    darkenRect(img, promptBox.x, promptBox.y, promptBox.w, promptBox.h, 0.2);
    layout.promptLines.forEach((text, i) =>
      drawText(img, text, promptBox.x + pad, promptBox.y + pad + i * LINE_HEIGHT * promptScale, promptScale, WHITE),
    );
  }
  // Dial face: a ring with a mark at twelve o'clock where each second starts.
  fillDisc(img, dial.cx, dial.cy, dial.radius + dial.thickness, BLACK);
  drawRing(img, dial.cx, dial.cy, dial.radius, dial.thickness, WHITE);
  fillRect(img, dial.cx - dial.thickness / 2, dial.cy - dial.radius, dial.thickness, dial.radius * 0.3, WHITE);
  // Progress track along the bottom edge.
  fillRect(img, 0, layout.progress.y, layout.width, layout.progress.h, BLACK);
  return img;
}

/** Draws frame `index`'s changing parts onto `img` (a copy of the background). */
export function paintFrame(img: Image, layout: SlateLayout, index: number, frames: number, fpsNum: number, fpsDen: number): void {
  const tc = formatTimecode(layout.startFrame + index, { num: fpsNum, den: fpsDen }, layout.dropFrame);
  drawText(img, tc, layout.tcText.x, layout.tcText.y, layout.tcScale, WHITE);
  const digits = Math.max(6, String(frames - 1).length);
  drawText(img, frameLabel(index, frames - 1, digits, layout.longFrameLabel), layout.frameText.x, layout.frameText.y, layout.infoScale, WHITE);

  // Within each timecode second the dial's dot goes round once and the sweep crosses the frame once,
  // both placed by the timecode's frames field, so they match the label an editor reads.
  const phase = Number(tc.slice(9)) % layout.nominal;
  const { dial } = layout;
  const angle = (2 * Math.PI * phase) / layout.nominal - Math.PI / 2;
  const r = dial.radius * 0.7;
  fillDisc(img, dial.cx + r * Math.cos(angle), dial.cy + r * Math.sin(angle), dial.dot, SWEEP);
  const x = Math.floor(((phase + 0.5) * layout.width) / layout.nominal - layout.sweep.lineWidth / 2);
  fillRect(img, x, layout.sweep.top, layout.sweep.lineWidth, layout.sweep.bottom - layout.sweep.top, SWEEP);
  fillRect(img, 0, layout.progress.y, Math.round(((index + 1) * layout.width) / frames), layout.progress.h, WHITE);
}

function frameLabel(index: number, last: number, digits: number, long: boolean): string {
  const a = String(index).padStart(digits, '0');
  const b = String(last).padStart(digits, '0');
  return long ? `FRAME ${a} / ${b}` : `${a}/${b}`;
}

function fpsLabel(req: ResolvedRequest, withRatio: boolean): string {
  const { num, den } = req.fps;
  if (den === 1) return `${num} FPS`;
  const decimal = (num / den).toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
  return withRatio ? `${decimal} FPS (${formatRational(req.fps)})` : `${decimal} FPS`;
}
