/**
 * How a frame's pixels are laid out in memory, shared by generators, transforms and the encoder.
 * 'rgba': tightly packed 8-bit RGBA, row 0 at the top, width*height*4 bytes (every generator can give
 * it; PNG and ProRes are made from it). 'yuv420p': what an H.264 file carries: planar Y' (width*height),
 * then Cb and Cr (each (width/2)*(height/2)), BT.709 matrix, limited range, each chroma sample the mean
 * of a 2x2 block. Made on the GPU, it leaves the encoder only the compression: at 1080p ffmpeg's own
 * RGBA -> YUV conversion ran at ~99 fps on the GPU machine, x264 fed YUV at ~210-266 fps.
 */
export type FrameLayout = 'rgba' | 'yuv420p';

/** Every layout; the names are ffmpeg's pix_fmt names for them, so they go to `-pix_fmt` as they are. */
export const FRAME_LAYOUTS: readonly FrameLayout[] = ['rgba', 'yuv420p'];

export function isFrameLayout(v: unknown): v is FrameLayout {
  return FRAME_LAYOUTS.includes(v as FrameLayout);
}

/** Bytes of one frame in a layout. */
export function frameBytes(layout: FrameLayout, width: number, height: number): number {
  return layout === 'yuv420p' ? (width * height * 3) / 2 : width * height * 4;
}

/**
 * RGBA to YUV 4:2:0 on the CPU, with the same definition the GPU pass uses (render/yuv.mts): BT.709
 * weights, limited range, each chroma sample the mean of its 2x2 block, rounded half up. Width and height
 * must be even. For generators without a GPU pass, benchmarks and tests.
 */
export function rgbaToYuv420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (width % 2 || height % 2 || rgba.length !== width * height * 4) throw new Error(`rgbaToYuv420: needs an even size and ${width}x${height}x4 bytes`);
  const out = new Uint8Array((width * height * 3) / 2);
  const code = (v: number): number => Math.min(255, Math.max(0, Math.floor(v + 0.5)));
  const KR = 0.2126;
  const KG = 0.7152;
  const KB = 0.0722;
  for (let i = 0; i < width * height; i++) {
    out[i] = code(16 + (219 * (KR * (rgba[i * 4] as number) + KG * (rgba[i * 4 + 1] as number) + KB * (rgba[i * 4 + 2] as number))) / 255);
  }
  const cw = width / 2;
  const plane = (width * height) / 4;
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < cw; x++) {
      const a = (2 * y * width + 2 * x) * 4;
      const b = a + width * 4;
      const r = ((rgba[a] as number) + (rgba[a + 4] as number) + (rgba[b] as number) + (rgba[b + 4] as number)) / 1020;
      const g = ((rgba[a + 1] as number) + (rgba[a + 5] as number) + (rgba[b + 1] as number) + (rgba[b + 5] as number)) / 1020;
      const bl = ((rgba[a + 2] as number) + (rgba[a + 6] as number) + (rgba[b + 2] as number) + (rgba[b + 6] as number)) / 1020;
      const yl = KR * r + KG * g + KB * bl;
      out[width * height + y * cw + x] = code(128 + (224 * (bl - yl)) / 1.8556);
      out[width * height + plane + y * cw + x] = code(128 + (224 * (r - yl)) / 1.5748);
    }
  }
  return out;
}
