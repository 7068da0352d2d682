import type { Frame } from '../../engine/src/generators/types';

/** The RGBA bytes of a frame that must be RGBA (a generator asked for no other layout). */
export function rgbaOf(f: Frame): Uint8Array {
  if (f.layout === 'yuv420p') throw new Error(`frame ${f.index} is YUV 4:2:0 where RGBA was expected`);
  return f.rgba;
}
