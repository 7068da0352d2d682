/**
 * A stock ticker: rows of symbols with their prices and the day's change, green and up or red and down,
 * scrolling right to left without end, as a market board or a news channel's tape shows them. Over the
 * whole frame when the ticker is the shot (a board of rows on black, each at its own pace), as a band
 * across the lower part of the frame over anything else (two rows on a dark strip). Made-up symbols and
 * prices from the seed (tickerItems, pure); each quote one run of glyphs, coming round again past the
 * right edge once it has left on the left, so the tape has no end and no seam.
 */
import * as THREE from 'three/webgpu';
import type { ScenePlan } from '../plan/schema.js';
import type { BuildContext, Shot } from './common.mjs';
import { colourGlyphs, glyphRun, overlayStage } from './text.mjs';

export interface TickerItem {
  symbol: string;
  price: number;
  /** The day's change, in price units (negative: down). */
  change: number;
}

const LETTERS = 'ABCDEFGHIJKLMNOPRSTUVWXYZ';

/** `count` made-up quotes: three- and four-letter symbols, prices from about 5 to 900, moves within about 4%. */
export function tickerItems(rand: () => number, count: number): TickerItem[] {
  const seen = new Set<string>();
  const items: TickerItem[] = [];
  while (items.length < count) {
    const length = rand() < 0.6 ? 4 : 3;
    const symbol = Array.from({ length }, () => LETTERS[Math.floor(rand() * LETTERS.length) % LETTERS.length]).join('');
    if (seen.has(symbol)) continue;
    seen.add(symbol);
    const price = Math.round(Math.exp(1.6 + rand() * 5.2) * 100) / 100;
    // A little more often up than down; never quite unchanged.
    const pct = (rand() - 0.42) * 0.08;
    const change = Math.round(price * (Math.abs(pct) < 0.001 ? 0.002 : pct) * 100) / 100 || 0.01;
    items.push({ symbol, price, change });
  }
  return items;
}

/** How an item reads on the tape: "NOVA 182.34 +1.25 (+0.69%)". */
export function itemText(item: TickerItem): { symbol: string; quote: string } {
  const sign = item.change >= 0 ? '+' : '-';
  const pct = (Math.abs(item.change) / (item.price - item.change)) * 100;
  return { symbol: item.symbol, quote: `${item.price.toFixed(2)} ${sign}${Math.abs(item.change).toFixed(2)} (${sign}${pct.toFixed(2)}%)` };
}

/** Screen heights a second the tape moves (a row crosses a 16:9 frame in about nine seconds). */
export const TAPE_SPEED = 0.2;

const UP = new THREE.Color('#2fd67a');
const DOWN = new THREE.Color('#ff4d4f');
const SYMBOL = new THREE.Color('#f2f4f8');

/** The overlay: a full board when the ticker is the whole shot, else a band low in the frame. */
export function tickerOverlay(ctx: BuildContext, _text: NonNullable<ScenePlan['text']>): NonNullable<Shot['overlay']> {
  const { scene, camera, aspect } = overlayStage(ctx);
  const rng = ctx.rng('ticker');
  const board = ctx.plan.archetype === 'text';
  const rows = board ? 7 : 2;
  const rowHeight = board ? 1 / (rows + 0.6) : 0.065;
  const size = rowHeight * (board ? 0.42 : 0.5);
  const bandTop = board ? 0.5 - rowHeight * 0.8 : -0.22;
  // The ground behind the text: black for the board, a dark strip with a thin rule above for the band.
  const ground = new THREE.Mesh(
    new THREE.PlaneGeometry(aspect, board ? 1 : rowHeight * rows + rowHeight * 0.3),
    new THREE.MeshBasicNodeMaterial({ color: new THREE.Color(board ? '#05070a' : '#0b0e14'), transparent: !board, opacity: board ? 1 : 0.86, depthTest: false, depthWrite: false }),
  );
  ground.position.y = board ? 0 : bandTop - rowHeight * (rows - 1) * 0.5 + size * 0.35;
  ground.renderOrder = -2;
  scene.add(ground);
  if (!board) {
    const rule = new THREE.Mesh(new THREE.PlaneGeometry(aspect, 0.004), new THREE.MeshBasicNodeMaterial({ color: UP.clone().lerp(SYMBOL, 0.3), depthTest: false, depthWrite: false }));
    rule.position.y = ground.position.y + (rowHeight * rows + rowHeight * 0.3) / 2;
    rule.renderOrder = -1;
    scene.add(rule);
  }
  const ink = new THREE.MeshBasicNodeMaterial({ vertexColors: true, transparent: true, depthTest: false, depthWrite: false });
  // Each quote its own mesh, so that those off the screen are culled (a row is several screens long: as
  // one run it cost about 75 ms a frame on lavapipe, most of it glyphs out of the frame).
  const tapes: Array<{ items: Array<{ mesh: THREE.Mesh; start: number; width: number }>; length: number; speed: number; offset: number; y: number }> = [];
  for (let r = 0; r < rows; r++) {
    const quotes = tickerItems(() => rng.next(), 10);
    const gap = size * 2.6;
    let pen = 0;
    const items = quotes.map((item) => {
      const { symbol, quote } = itemText(item);
      const run = glyphRun(`${symbol} ${quote}`, 700, size, 'inter');
      const colour = item.change >= 0 ? UP : DOWN;
      colourGlyphs(run.geometry, run.ends, (k) => (k < symbol.length ? SYMBOL : colour));
      const mesh = new THREE.Mesh(run.geometry, ink);
      scene.add(mesh);
      const placed = { mesh, start: pen, width: run.width };
      pen += run.width + gap;
      return placed;
    });
    tapes.push({ items, length: pen, speed: TAPE_SPEED * (board ? 0.8 + (0.45 * ((r * 5) % 3)) / 2 : 1 - r * 0.25), offset: rng.next() * pen, y: bandTop - r * rowHeight });
  }
  return {
    scene,
    camera,
    update(t) {
      for (const tape of tapes) {
        // Right to left; a quote that has left the frame on the left comes round again past its right edge
        // (a row is longer than the frame is wide, so the wrap is never seen).
        const shift = tape.offset + tape.speed * t;
        for (const item of tape.items) {
          const along = (((item.start - shift + item.width) % tape.length) + tape.length) % tape.length;
          item.mesh.position.set(-aspect / 2 + along - item.width, tape.y, 0);
        }
      }
    },
  };
}
