/**
 * The embedder's per-pixel loops as two small WebAssembly SIMD functions, assembled here from their
 * instructions (no binary blob, no toolchain). Plain JS needs 7-9 ms for a 1280x720 frame on this
 * class of machine; `apply` handles 8 RGBA pixels per iteration with saturating stores, `applyY` 16
 * pixels of a Y' plane (frames made as YUV on the GPU), clamped to the nominal 16..235.
 *
 * Memory layout (one exported memory, grown as needed):
 *   [rgba: W*H*4 bytes][pattern: W*H int8, pattern*64][strength: gridW*gridH int16, strength*16]
 *   [dither: W*H uint8]
 * For each pixel: d = (pattern8 * strength16 + 4 * dither8) >> 10, i.e. pattern * strength in code
 * values, rounded up or down by a fixed per-pixel threshold (ordered dithering: where the strength is
 * below one code value the pattern becomes sparse +-1 pixels whose density carries it, instead of
 * blobs with visible edges); R, G and B get +d with unsigned saturation, alpha is untouched.
 * Requires width % 8 === 0 (and hence an even grid width), and width % 16 === 0 for applyY (the
 * plane at the rgba offset, W*H bytes); callers fall back to JS otherwise.
 */

const PATTERN_SCALE = 64;
const STRENGTH_SCALE = 16;
export { PATTERN_SCALE, STRENGTH_SCALE };

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Buffer.from(s, 'utf8')];
}

// Opcodes (core and SIMD, final numbering of the SIMD proposal).
const OP = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, void: 0x40,
  localGet: 0x20, localSet: 0x21,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74, i32ShrU: 0x76,
};
const simd = (op: number): number[] => [0xfd, ...uleb(op)];
const V = {
  load: (offset: number) => [...simd(0), 0, ...uleb(offset)],
  load8x8s: [...simd(1), 0, 0],
  load8x8u: [...simd(2), 0, 0],
  load8x8sAt: (offset: number) => [...simd(1), 0, ...uleb(offset)],
  load8x8uAt: (offset: number) => [...simd(2), 0, ...uleb(offset)],
  load32Splat: [...simd(9), 0, 0],
  load64Splat: [...simd(10), 0, 0],
  store: (offset: number) => [...simd(11), 0, ...uleb(offset)],
  const: (bytes: number[]) => [...simd(12), ...bytes],
  shuffle: (lanes: number[]) => [...simd(13), ...lanes],
  narrowU: simd(102),
  extendLowU: simd(137),
  extendHighU: simd(138),
  shl: simd(139),
  shrS: simd(140),
  add: simd(142),
  mul: simd(149),
  minS: simd(150),
  maxS: simd(152),
};

// Parameters 0..5, then locals.
const RGBA = 0, PAT = 1, STR = 2, WIDTH = 3, HEIGHT = 4, GRIDW = 5, DITHER = 6;
const Y = 7, P = 8, Q = 9, END = 10, SP = 11, DV = 12, T = 13;

const ZERO = V.const(new Array(16).fill(0));

/** Adds the d of 2 pixels (lanes a, b of DV) to the 4 pixels at Q+offset. */
function fourPixels(offset: number, lanes: [number, number, number, number]): number[] {
  const [a, b, c, d] = lanes;
  const spread = (x: number, y: number): number[] => [2 * x, 2 * x + 1, 2 * x, 2 * x + 1, 2 * x, 2 * x + 1, 16, 16, 2 * y, 2 * y + 1, 2 * y, 2 * y + 1, 2 * y, 2 * y + 1, 16, 16];
  return [
    OP.localGet, Q,
    OP.localGet, Q, ...V.load(offset), ...V.extendLowU,
    OP.localGet, DV, ...ZERO, ...V.shuffle(spread(a, b)), ...V.add,
    OP.localGet, Q, ...V.load(offset), ...V.extendHighU,
    OP.localGet, DV, ...ZERO, ...V.shuffle(spread(c, d)), ...V.add,
    ...V.narrowU,
    ...V.store(offset),
  ];
}

/**
 * The two kernels' shared frame: for each row, its strength cells (sp), pattern (p, up to end), dither (t)
 * and pixels (q: the row's start, `pixelShift` = log2 of bytes a pixel), then `step` pixels at a time
 * through `body`, moving p, t and q on and sp by a cell per 4 pixels. The locals, the same in both.
 */
function rowLoops(pixelShift: number, step: number, body: number[]): number[] {
  const q = pixelShift ? [OP.i32Const, pixelShift, OP.i32Shl] : [];
  const code: number[] = [
    OP.block, OP.void,
    OP.loop, OP.void,
    OP.localGet, Y, OP.localGet, HEIGHT, OP.i32GeU, OP.brIf, 1,
    // sp = str + ((y >> 2) * gridW) * 2
    OP.localGet, STR, OP.localGet, Y, OP.i32Const, 2, OP.i32ShrU, OP.localGet, GRIDW, OP.i32Mul, OP.i32Const, 1, OP.i32Shl, OP.i32Add, OP.localSet, SP,
    // p = pat + y * width; end = p + width
    OP.localGet, PAT, OP.localGet, Y, OP.localGet, WIDTH, OP.i32Mul, OP.i32Add, OP.localSet, P,
    OP.localGet, P, OP.localGet, WIDTH, OP.i32Add, OP.localSet, END,
    // t = dither + y * width
    OP.localGet, DITHER, OP.localGet, Y, OP.localGet, WIDTH, OP.i32Mul, OP.i32Add, OP.localSet, T,
    // q = pixels + (y * width) << pixelShift
    OP.localGet, RGBA, OP.localGet, Y, OP.localGet, WIDTH, OP.i32Mul, ...q, OP.i32Add, OP.localSet, Q,
    OP.block, OP.void,
    OP.loop, OP.void,
    OP.localGet, P, OP.localGet, END, OP.i32GeU, OP.brIf, 1,
    ...body,
    OP.localGet, P, OP.i32Const, ...sleb(step), OP.i32Add, OP.localSet, P,
    OP.localGet, T, OP.i32Const, ...sleb(step), OP.i32Add, OP.localSet, T,
    OP.localGet, Q, OP.i32Const, ...sleb(step << pixelShift), OP.i32Add, OP.localSet, Q,
    OP.localGet, SP, OP.i32Const, ...sleb(step / 2), OP.i32Add, OP.localSet, SP,
    OP.br, 0,
    OP.end,
    OP.end,
    OP.localGet, Y, OP.i32Const, 1, OP.i32Add, OP.localSet, Y,
    OP.br, 0,
    OP.end,
    OP.end,
    OP.end, // function
  ];
  const locals = [3, 5, 0x7f, 1, 0x7b, 1, 0x7f]; // Y, P, Q, END, SP: i32; DV: v128; T: i32
  return [...locals, ...code];
}

/** 8 RGBA pixels an iteration: R, G and B + d with unsigned saturation. */
function applyBody(): number[] {
  return rowLoops(2, 8, [
    // dv = ((pattern[8] * [s0 x4, s1 x4]) + 4 * dither) >> 10
    OP.localGet, P, ...V.load8x8s,
    OP.localGet, SP, ...V.load32Splat,
    OP.localGet, SP, ...V.load32Splat,
    ...V.shuffle([0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3]),
    ...V.mul,
    OP.localGet, T, ...V.load8x8u, OP.i32Const, 2, ...V.shl, ...V.add,
    OP.i32Const, 10, ...V.shrS,
    OP.localSet, DV,
    ...fourPixels(0, [0, 1, 2, 3]),
    ...fourPixels(16, [4, 5, 6, 7]),
  ]);
}

const I16_16 = V.const(new Array(8).fill([16, 0]).flat());
const I16_235 = V.const(new Array(8).fill([235, 0]).flat());

/**
 * d for 8 pixels at P+offset (lanes: strength cells sp[first], sp[first+1], 4 pixels each), as i16x8:
 * (pattern * strength + 4 * dither) >> 10, the same integer arithmetic as `apply`.
 */
function deltaY(offset: number, first: number): number[] {
  const a = 2 * first;
  return [
    OP.localGet, P, ...V.load8x8sAt(offset),
    OP.localGet, SP, ...V.load64Splat,
    OP.localGet, SP, ...V.load64Splat,
    ...V.shuffle([a, a + 1, a, a + 1, a, a + 1, a, a + 1, a + 2, a + 3, a + 2, a + 3, a + 2, a + 3, a + 2, a + 3]),
    ...V.mul,
    OP.localGet, T, ...V.load8x8uAt(offset), OP.i32Const, 2, ...V.shl, ...V.add,
    OP.i32Const, 10, ...V.shrS,
  ];
}

/** 16 pixels of a Y' plane an iteration: y' + d, clamped to 16..235. */
function applyYBody(): number[] {
  return rowLoops(0, 16, [
    OP.localGet, Q,
    OP.localGet, Q, ...V.load(0), ...V.extendLowU, ...deltaY(0, 0), ...V.add, ...I16_16, ...V.maxS, ...I16_235, ...V.minS,
    OP.localGet, Q, ...V.load(0), ...V.extendHighU, ...deltaY(8, 2), ...V.add, ...I16_16, ...V.maxS, ...I16_235, ...V.minS,
    ...V.narrowU,
    ...V.store(0),
  ]);
}

function buildModule(): Uint8Array {
  const bodies = [applyBody(), applyYBody()];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [2, 0, 0]),
    ...section(5, [1, 0x00, 1]),
    ...section(7, [3, ...name('apply'), 0x00, 0, ...name('applyY'), 0x00, 1, ...name('memory'), 0x02, 0]),
    ...section(10, [bodies.length, ...bodies.flatMap((b) => [...uleb(b.length), ...b])]),
  ];
  return Uint8Array.from(bytes);
}

export interface SimdKernel {
  memory: WebAssembly.Memory;
  apply(rgba: number, pat: number, str: number, width: number, height: number, gridW: number, dither: number): void;
  /** The same on a Y' plane at `plane` (W*H bytes), clamped to 16..235; width % 16 === 0. */
  applyY(plane: number, pat: number, str: number, width: number, height: number, gridW: number, dither: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** A fresh kernel instance, or null where WebAssembly SIMD is unavailable. */
export function createSimdKernel(): SimdKernel | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(buildModule() as Uint8Array<ArrayBuffer>);
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  const inst = new WebAssembly.Instance(compiled, {});
  const ex = inst.exports as unknown as SimdKernel;
  return { memory: ex.memory, apply: ex.apply, applyY: ex.applyY };
}
