/**
 * How a frame's pixels are laid out in memory, shared by generators, transforms and the encoder.
 * 'rgba': tightly packed 8-bit RGBA, row 0 at the top, width*height*4 bytes (every generator can give
 * it; PNG and ProRes are made from it). 'yuv420p': what an H.264 file carries: planar Y' (width*height),
 * then Cb and Cr (each (width/2)*(height/2)), BT.709 matrix, limited range, each chroma sample the mean
 * of a 2x2 block. Made on the GPU, it leaves the encoder only the compression: at 1080p ffmpeg's own
 * RGBA -> YUV conversion ran at ~99 fps on the GPU machine, x264 fed YUV at ~210-266 fps.
 */
export type FrameLayout = 'rgba' | 'yuv420p';

/** Bytes of one frame in a layout. */
export function frameBytes(layout: FrameLayout, width: number, height: number): number {
  return layout === 'yuv420p' ? (width * height * 3) / 2 : width * height * 4;
}
