/**
 * Which frame sizes the GPU's YUV 4:2:0 conversion (render/yuv.mts) takes: each invocation writes an
 * 8x2 block as whole 32-bit words, so the width must be a multiple of 8 and the height even. Other sizes
 * are read back as RGBA and converted by ffmpeg. Here, not in the .mts, so the generator can ask early.
 */
export function yuvSupported(width: number, height: number): boolean {
  return Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0 && width % 8 === 0 && height % 2 === 0;
}
