/**
 * The detector works on luma at a reduced resolution: the mark lives in luma only, and its chips
 * are several pixels wide, so a box-averaged copy keeps the mark and costs a fraction of the time.
 */

/**
 * Integer factor by which a frame of this size is box-downsampled for detection: about 360 lines are
 * kept, where an untouched clip's chips are about 2 pixels wide.
 */
export function detectionFactor(width: number, height: number): number {
  return Math.max(1, Math.round(Math.min(width, height) / 360));
}

/** BT.601 luma of an RGBA frame, box-averaged over f x f blocks (partial blocks at the edge dropped). */
export function lumaFromRgba(rgba: Uint8Array, width: number, height: number, f: number): { luma: Float32Array; width: number; height: number } {
  const w = Math.floor(width / f);
  const h = Math.floor(height / f);
  const out = new Float32Array(w * h);
  const norm = 1 / (f * f);
  for (let y = 0; y < h * f; y++) {
    const orow = Math.floor(y / f) * w;
    let q = y * width * 4;
    for (let ox = 0; ox < w; ox++) {
      let sum = 0;
      for (let k = 0; k < f; k++, q += 4) {
        sum += 0.299 * (rgba[q] as number) + 0.587 * (rgba[q + 1] as number) + 0.114 * (rgba[q + 2] as number);
      }
      out[orow + ox] = (out[orow + ox] as number) + sum * norm;
    }
  }
  return { luma: out, width: w, height: h };
}
