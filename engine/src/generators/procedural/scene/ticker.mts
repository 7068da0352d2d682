/**
 * A stock ticker: rows of symbols with their prices and the day's change, green and up or red and down,
 * scrolling right to left without end, as a market board or a news channel's tape shows them. Over the
 * whole frame when the ticker is the shot (a board of rows on black, each at its own pace), as a band
 * across the lower part of the frame over anything else (two rows on a dark strip). Made-up symbols and
 * prices from the seed (tickerItems, pure); each row is one run of glyphs, drawn twice side by side so
 * the tape wraps without a seam.
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
  const tapes: Array<{ group: THREE.Group; width: number; speed: number; offset: number }> = [];
  for (let r = 0; r < rows; r++) {
    // Each row its own quotes, laid out as one string: symbol, quote, a wide gap, the next.
    const items = tickerItems(() => rng.next(), 10);
    const parts = items.map(itemText);
    const gap = '     ';
    const line = parts.map((p) => `${p.symbol} ${p.quote}`).join(gap) + gap;
    const colours: THREE.Color[] = [];
    parts.forEach((p, i) => {
      for (const _ of p.symbol) colours.push(SYMBOL);
      colours.push(SYMBOL);
      for (const _ of p.quote) colours.push(items[i]!.change >= 0 ? UP : DOWN);
      for (const _ of gap) colours.push(SYMBOL);
    });
    const run = glyphRun(line, 700, size, 'inter');
    colourGlyphs(run.geometry, run.ends, (k) => colours[k] ?? SYMBOL);
    const group = new THREE.Group();
    for (const k of [0, 1]) {
      const mesh = new THREE.Mesh(run.geometry, ink);
      mesh.position.x = k * run.width;
      group.add(mesh);
    }
    group.position.y = bandTop - r * rowHeight;
    scene.add(group);
    tapes.push({ group, width: run.width, speed: TAPE_SPEED * (board ? 0.8 + 0.45 * ((r * 5) % 3) / 2 : 1 - r * 0.25), offset: rng.next() * run.width });
  }
  return {
    scene,
    camera,
    update(t) {
      for (const tape of tapes) {
        // Right to left, wrapping by one copy's width: the second copy takes the first one's place.
        const x = (tape.offset + tape.speed * t) % tape.width;
        tape.group.position.x = -aspect / 2 - x;
      }
    },
  };
}
