/**
 * Antialiasing for backends without MSAA, folded into the pass that reads the image (no pass of its own).
 *
 * three's FXAANode needs its input converted to a texture first, i.e. one more full-screen pass, and its
 * edge search loops up to 12 steps per pixel; on lavapipe at 1280x720 the two together cost about 18 ms
 * of a frame (scripts/bench-procedural.ts). This is the fixed-tap variant of FXAA (the "console" form
 * described in Timothy Lottes' FXAA 3.11 notes): five luma taps find the edge direction, four colour
 * taps along it blur across the edge, and the blur is kept only when its luma stays within the local
 * range (otherwise it has crossed a detail and the narrower blur is used). Five texel fetches and, on
 * edges only, four filtered reads; no loop.
 *
 * It can read the scene's linear HDR colour directly, so the grade runs once per pixel after it: the
 * edge luma is taken through a simple compressive curve (l / (1 + l), then a square root) so that the
 * thresholds see what the viewer sees, and the taps are blended with weights 1 / (1 + luma) so that a
 * bright highlight does not swamp the average (Brian Karis' resolve weighting); the weights are undone
 * after blending.
 */
import { vec2, vec3, vec4, float, dot, min, max, abs, clamp, select, sqrt, uv, mix, ivec2, screenCoordinate } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface FxaaLiteOptions {
  /** Size of one texel in UV units: (1 / width, 1 / height). */
  texel: [number, number];
  /**
   * 'hdr-rgb': linear scene colour (luma through a compressive curve, tonemap-weighted blend).
   * 'alpha': a premultiplied overlay whose coverage is its alpha (edges of titles).
   */
  mode: 'hdr-rgb' | 'alpha';
  /** Multiplies the colour before taking its luma (the exposure the grade will apply). */
  exposure?: number;
}

const REDUCE_MIN = 1 / 128;
const REDUCE_MUL = 1 / 8;
const SPAN_MAX = 8;
/** How far sub-pixel detail is pulled towards its neighbours (FXAA 3.11's default is 0.75). */
const SUBPIX = 0.75;
const REC709 = [0.2126, 0.7152, 0.0722] as const;

/** Returns the antialiased colour (vec4) of `tex` at its own UV. */
export function fxaaLite(tex: N, options: FxaaLiteOptions): N {
  const base: N = tex.uvNode ?? uv();
  const t = vec2(options.texel[0], options.texel[1]);
  const exposure = float(options.exposure ?? 1);
  const hdr = options.mode === 'hdr-rgb';

  const rawLuma = (c: N): N => (hdr ? dot(c.rgb, vec3(...REC709)).mul(exposure) : c.a);
  const edgeLuma = (c: N): N => {
    if (!hdr) return c.a;
    const l = rawLuma(c);
    return sqrt(l.div(l.add(1)));
  };
  // The centre and its four neighbours sit exactly on texels: fetch them (textureLoad) rather than
  // filter them. On lavapipe at 1280x720 five filtered reads of the half-float scene cost 6 to 10 ms
  // of CPU a frame more than five fetches, and a filtered read at a texel's centre is not exact: the
  // interpolated UV lands a hair off it and up to 1/256 of a neighbour leaks in (visible beside HDR
  // highlights, where a neighbour can be 50 times brighter). Clamped to the image, as the sampler was.
  const pixel: N = ivec2(screenCoordinate.xy);
  const last: N = ivec2(Math.round(1 / options.texel[0]) - 1, Math.round(1 / options.texel[1]) - 1);
  const at = (dx: number, dy: number): N => tex.load(pixel.add(ivec2(dx, dy)).clamp(ivec2(0, 0), last));

  const cM = tex.load(pixel);
  const cN = at(0, -1);
  const cS = at(0, 1);
  const cW = at(-1, 0);
  const cE = at(1, 0);
  const lN = edgeLuma(cN);
  const lS = edgeLuma(cS);
  const lW = edgeLuma(cW);
  const lE = edgeLuma(cE);
  const lM = edgeLuma(cM);
  const lMin = min(lM, min(min(lN, lS), min(lW, lE)));
  const lMax = max(lM, max(max(lN, lS), max(lW, lE)));

  // The edge runs across the luma gradient; blur along it, further the more nearly axis-aligned it is.
  const dirX = lN.sub(lS);
  const dirY = lE.sub(lW);
  const reduce = max(lN.add(lS).add(lW).add(lE).mul(0.25 * REDUCE_MUL), float(REDUCE_MIN));
  const rcpDirMin = float(1).div(min(abs(dirX), abs(dirY)).add(reduce));
  const dir = clamp(vec2(dirX, dirY).mul(rcpDirMin), vec2(-SPAN_MAX, -SPAN_MAX), vec2(SPAN_MAX, SPAN_MAX)).mul(t);

  const tap = (k: number): N => tex.sample(base.add(dir.mul(k)));
  // Karis weighting for HDR colour: blend c / (1 + l), then divide by the blended 1 / (1 + l).
  const weighted = (c: N): N => {
    if (!hdr) return c;
    const w = float(1).div(rawLuma(c).add(1));
    return vec4(c.rgb.mul(w), w);
  };
  const unweight = (c: N): N => (hdr ? vec4(c.rgb.div(max(c.a, 1e-6)), 1) : c);

  const a = weighted(tap(1 / 3 - 0.5)).add(weighted(tap(2 / 3 - 0.5))).mul(0.5);
  const b = a.mul(0.5).add(weighted(tap(-0.5)).add(weighted(tap(0.5))).mul(0.25));
  const lB = edgeLuma(unweight(b));
  const outside = lB.lessThan(lMin).or(lB.greaterThan(lMax));
  // Sub-pixel aliasing (a detail smaller than a pixel that flickers as it moves): pull the pixel towards
  // its neighbours' average in proportion to how much it stands out from them, as FXAA 3.11 does.
  const range = lMax.sub(lMin);
  const lAvg = lN.add(lS).add(lW).add(lE).mul(0.25);
  const standout = clamp(abs(lAvg.sub(lM)).div(max(range, 1e-6)), 0, 1);
  const subpix = standout.mul(standout).mul(float(3).sub(standout.mul(2))).pow(2).mul(SUBPIX);
  const avg = weighted(cN).add(weighted(cS)).add(weighted(cW)).add(weighted(cE)).mul(0.25);
  const blended = unweight(mix(select(outside, a, b), avg, subpix));
  // Flat areas skip the blur entirely (keeps the dither and fine texture crisp).
  const flat = range.lessThan(max(float(1 / 32), lMax.mul(1 / 8)));
  return select(flat, cM, blended);
}
