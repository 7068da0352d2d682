/**
 * Moving data between the layouts models use and the RGBA frames the engine wants. Latents are kept
 * as one Float32Array of a batch-1 tensor in the model's layout (BCFHW or BFCHW); a "frame" of
 * latents or pixels is a CHW block.
 */
import type { LatentGrid } from './plan';
import type { WireTensor } from '../runtime/protocol';
import { fromHalfArray, toHalfArray } from '../fp16';

export type Layout = 'BCFHW' | 'BFCHW';

/** Copies latent frame f out as CHW (channels may differ from the grid's, e.g. for concatenation). */
export function getFrame(x: Float32Array, g: LatentGrid, f: number, channels = g.channels): Float32Array {
  const hw = g.height * g.width;
  if (g.layout === 'BFCHW') return x.slice(f * channels * hw, (f + 1) * channels * hw);
  const out = new Float32Array(channels * hw);
  for (let c = 0; c < channels; c++) out.set(x.subarray((c * g.frames + f) * hw, (c * g.frames + f + 1) * hw), c * hw);
  return out;
}

/** Writes a CHW block into latent frame f. */
export function setFrame(x: Float32Array, g: LatentGrid, f: number, chw: Float32Array, channels = g.channels): void {
  const hw = g.height * g.width;
  if (g.layout === 'BFCHW') {
    x.set(chw, f * channels * hw);
    return;
  }
  for (let c = 0; c < channels; c++) x.set(chw.subarray(c * hw, (c + 1) * hw), (c * g.frames + f) * hw);
}

/**
 * The denoiser's input: x * scale, followed along the channel axis by `extra` (same grid, `extraC`
 * channels) when the model is conditioned by concatenation. Written into `out` if given.
 */
export function modelInput(x: Float32Array, scale: number, g: LatentGrid, extra: Float32Array | null, extraC: number, out?: Float32Array): Float32Array {
  const C = g.channels;
  const total = x.length + (extra ? extra.length : 0);
  const dst = out ?? new Float32Array(total);
  if (!extra) {
    for (let i = 0; i < x.length; i++) dst[i] = x[i]! * scale;
    return dst;
  }
  if (g.layout === 'BCFHW') {
    for (let i = 0; i < x.length; i++) dst[i] = x[i]! * scale;
    dst.set(extra, x.length);
    return dst;
  }
  const hw = g.height * g.width;
  for (let f = 0; f < g.frames; f++) {
    const o = f * (C + extraC) * hw;
    for (let i = 0; i < C * hw; i++) dst[o + i] = x[f * C * hw + i]! * scale;
    dst.set(extra.subarray(f * extraC * hw, (f + 1) * extraC * hw), o + C * hw);
  }
  return dst;
}

/** A float tensor for the wire, in the component's dtype (float16 converted here). */
export function floatTensor(data: Float32Array, dims: number[], dtype: 'float32' | 'float16'): WireTensor {
  return dtype === 'float16' ? { type: 'float16', dims, data: toHalfArray(data) } : { type: 'float32', dims, data };
}

/** A model output as float32, whatever the model's dtype. */
export function asFloat32(t: WireTensor): Float32Array {
  if (t.type === 'float16') return fromHalfArray(t.data as Uint16Array);
  if (t.type === 'float32') return t.data as Float32Array;
  throw new Error(`expected a float tensor, got ${t.type}`);
}

/**
 * RGBA for output frame f of a decoded tensor: 5-D [1, 3, F, H, W] / [1, F, 3, H, W], or 4-D
 * [N, 3, H, W] (frames as batch). Values in -1..1 or 0..1.
 */
export function frameToRgba(data: Float32Array, dims: readonly number[], layout: Layout, f: number, range: '-1..1' | '0..1'): Uint8Array {
  const [H, W] = [dims[dims.length - 2]!, dims[dims.length - 1]!];
  const hw = H * W;
  let plane: (c: number) => number;
  if (dims.length === 4) plane = (c) => (f * 3 + c) * hw;
  else if (layout === 'BCFHW') plane = (c) => (c * dims[2]! + f) * hw;
  else plane = (c) => (f * 3 + c) * hw;
  const rgba = new Uint8Array(hw * 4);
  const [r0, g0, b0] = [plane(0), plane(1), plane(2)];
  const a = range === '-1..1' ? 127.5 : 255;
  const b = range === '-1..1' ? 127.5 : 0;
  for (let i = 0; i < hw; i++) {
    const o = i * 4;
    rgba[o] = clampByte(data[r0 + i]! * a + b);
    rgba[o + 1] = clampByte(data[g0 + i]! * a + b);
    rgba[o + 2] = clampByte(data[b0 + i]! * a + b);
    rgba[o + 3] = 255;
  }
  return rgba;
}

function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v);
}

/** Planar RGB in -1..1 (CHW) from an RGBA or RGB byte frame. */
export function pixelsToPlanar(px: Uint8Array, width: number, height: number, channelsIn: 3 | 4): Float32Array {
  const hw = width * height;
  const out = new Float32Array(3 * hw);
  for (let i = 0; i < hw; i++) {
    const o = i * channelsIn;
    out[i] = px[o]! / 127.5 - 1;
    out[hw + i] = px[o + 1]! / 127.5 - 1;
    out[2 * hw + i] = px[o + 2]! / 127.5 - 1;
  }
  return out;
}

/** Stacks CHW pixel frames into a 5-D video tensor [1, 3, F, H, W] or [1, F, 3, H, W]. */
export function stackVideo(frames: readonly Float32Array[], width: number, height: number, layout: Layout): { data: Float32Array; dims: number[] } {
  const F = frames.length;
  const hw = width * height;
  const data = new Float32Array(3 * F * hw);
  frames.forEach((chw, f) => {
    if (layout === 'BFCHW') data.set(chw, f * 3 * hw);
    else for (let c = 0; c < 3; c++) data.set(chw.subarray(c * hw, (c + 1) * hw), (c * F + f) * hw);
  });
  return { data, dims: layout === 'BCFHW' ? [1, 3, F, height, width] : [1, F, 3, height, width] };
}
