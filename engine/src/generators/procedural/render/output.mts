/**
 * The image pipeline after the scene is lit (all in TSL, on the GPU):
 *   scene (linear, half float, MSAA x4 where the backend really does it)
 *   -> FXAA (fixed-tap, on the linear colour) where MSAA is missing -> optional depth of field
 *   -> exposure and tone mapping (AgX / ACES / neutral) -> saturation -> vignette
 *   -> Rec.709 display encoding (BT.1886 inverse EOTF, gamma 1/2.4, or the sRGB curve)
 *   -> text overlay composite (antialiased the same way) -> film grain -> triangular dither -> 8-bit RGBA.
 * With motion blur the scene (and its depth of field) is rendered once per shutter instant and averaged
 * in linear light into a half-float target (a running mean, ping-ponged between two targets); the
 * antialiasing and everything after it then run once, on the average.
 * Everything after the scene (and the overlay) is one full-screen pass: on a software rasteriser every
 * extra pass over 1280x720 costs several milliseconds a frame.
 * The dither is +-1 LSB triangular noise from a hash of the pixel and the frame number: it breaks up
 * banding in skies and gradients and is deterministic, so the same frame always hashes the same.
 */
import * as THREE from 'three/webgpu';
import {
  pass,
  uniform,
  vec3,
  vec4,
  float,
  uv,
  hash,
  texture,
  screenCoordinate,
  pow,
  max,
  mix,
  dot,
  smoothstep,
  clamp,
  agxToneMapping,
  acesFilmicToneMapping,
  neutralToneMapping,
  sRGBTransferOETF,
  uint,
} from 'three/tsl';
import { fxaaLite } from './fxaa-lite.mjs';
import { dof } from 'three/addons/tsl/display/DepthOfFieldNode.js';
import type { ScenePlan } from '../plan/schema.js';

export interface OutputOptions {
  grade: ScenePlan['grade'];
  msaa: boolean;
  depthOfField: { focusDistance: number; focalRange: number; bokehScale: number } | null;
  overlay: { scene: THREE.Scene; camera: THREE.Camera } | null;
  /** Shutter instants averaged per frame; 1 (or absent) renders the scene once, without motion blur. */
  subFrames?: number;
}

export interface OutputPipeline {
  pipeline: THREE.RenderPipeline;
  /** Shutter instants per frame (1: no motion blur). */
  subFrames: number;
  /**
   * Renders the scene as it is now as instant k (0-based) of the current frame; render() then draws the
   * frame. Without motion blur there is nothing to do here: render() draws the scene itself.
   */
  renderSubFrame(k: number): void;
  /** Draws the finished frame into the renderer's output texture. */
  render(): void;
  /** Per-frame values the shader reads. */
  setFrame(index: number): void;
  setFocus(distance: number): void;
  dispose(): void;
}

// TSL nodes are loosely typed in @types/three; this file works with them as `any` at the seams.
/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export function createOutputPipeline(
  renderer: THREE.WebGPURenderer,
  scene: THREE.Scene,
  camera: THREE.Camera,
  options: OutputOptions,
): OutputPipeline {
  const { grade } = options;
  const frameU = uniform(0);
  const focusU = uniform(options.depthOfField?.focusDistance ?? 10);

  const scenePass: N = pass(scene, camera, { samples: options.msaa ? 4 : 0 } as any);
  const sceneColor: N = scenePass.getTextureNode('output');
  const { width, height } = renderer.getDrawingBufferSize(new THREE.Vector2());
  const texel: [number, number] = [1 / width, 1 / height];
  const exposureScale = Math.pow(2, grade.exposure);
  const withDepthOfField = (c: N): N => {
    if (!options.depthOfField) return c;
    return dof(c, scenePass.getViewZNode(), focusU, options.depthOfField.focalRange, options.depthOfField.bokehScale);
  };
  const subFrames = Math.max(1, Math.floor(options.subFrames ?? 1));
  let color: N;
  let blur: MotionBlurStage | null = null;
  if (subFrames > 1) {
    // Depth of field belongs to each instant (it reads that instant's depth); antialiasing can wait for
    // the average, where it runs once.
    blur = createMotionBlurStage(renderer, withDepthOfField(sceneColor), width, height, subFrames);
    color = blur.average;
    if (!options.msaa) color = fxaaLite(color, { texel, mode: 'hdr-rgb', exposure: exposureScale });
  } else {
    // Antialias the scene where MSAA is missing. With depth of field it has to come first: the blur reads
    // a texture (dof() converts its input into one, the only case with a pass more), and its output node
    // must stay in the graph for its passes to run.
    color = options.msaa ? sceneColor : fxaaLite(sceneColor, { texel, mode: 'hdr-rgb', exposure: exposureScale });
    color = withDepthOfField(color);
  }

  const exposure = float(exposureScale);
  const toneMap = grade.toneMapping === 'agx' ? agxToneMapping : grade.toneMapping === 'neutral' ? neutralToneMapping : acesFilmicToneMapping;
  let rgb: N = (toneMap as N)(color.rgb, exposure);
  // Saturation around Rec.709 luma, in linear light.
  const luma = dot(rgb, vec3(0.2126, 0.7152, 0.0722));
  rgb = max(mix(vec3(luma), rgb, float(grade.saturation)), vec3(0));
  // Vignette: a gentle falloff towards the corners, in linear light so it reads like lens shading.
  const d = uv().sub(0.5).mul(vec3(1.0, 0.75, 0).xy).length();
  rgb = rgb.mul(float(1).sub(smoothstep(0.35, 0.85, d).mul(grade.vignette)));
  const encode = (c: N): N => (grade.transfer === 'srgb' ? (sRGBTransferOETF as N)(c) : pow(clamp(c, 0, 1), vec3(1 / 2.4)));
  let display: N = vec4(encode(clamp(rgb, 0, 1)), 1);

  if (options.overlay) {
    const overlayPass: N = pass(options.overlay.scene, options.overlay.camera, { samples: options.msaa ? 4 : 0 } as any);
    const overlayTex: N = overlayPass.getTextureNode('output');
    const o: N = options.msaa ? overlayTex : fxaaLite(overlayTex, { texel, mode: 'alpha' });
    // The overlay is drawn in linear light without tone mapping, so titles keep their exact colour.
    const oc = encode(clamp(o.rgb.div(max(o.a, 1e-4)), 0, 1));
    display = (vec4 as N)(mix(display.rgb, oc, clamp(o.a, 0, 1)), float(1));
  }

  // Grain and dither from one integer hash per pixel and frame, in unsigned integer arithmetic (a float
  // seed would lose precision past 2^24 and make neighbouring pixels share noise: visible stripes).
  const seed: N = screenCoordinate.x.toUint().add(screenCoordinate.y.toUint().mul(uint(8191))).add(frameU.toUint().mul(uint(2654435761)));
  const r1 = hash(seed);
  const r2 = hash(seed.bitXor(uint(0x9e3779b9)));
  const r3 = hash(seed.bitXor(uint(0x85ebca6b)));
  let out: N = display.rgb;
  if (grade.grain > 0) {
    // Grain is strongest in the mid-tones, as with film, and monochrome so it does not shimmer in colour.
    const l = dot(out, vec3(0.2126, 0.7152, 0.0722));
    const weight = l.mul(float(1).sub(l)).mul(4);
    out = out.add(r3.sub(0.5).mul(grade.grain * 0.06).mul(weight));
  }
  out = out.add(r1.add(r2).sub(1).div(255));
  const finalNode = (vec4 as N)(clamp(out, 0, 1), float(1));

  const pipeline = new THREE.RenderPipeline(renderer);
  pipeline.outputColorTransform = false;
  pipeline.outputNode = finalNode;

  return {
    pipeline,
    subFrames,
    renderSubFrame(k: number) {
      blur?.accumulate(k);
    },
    render() {
      pipeline.render();
    },
    setFrame(index: number) {
      frameU.value = index;
    },
    setFocus(distance: number) {
      focusU.value = distance;
    },
    dispose() {
      pipeline.dispose();
      blur?.dispose();
      scenePass.dispose?.();
    },
  };
}

interface MotionBlurStage {
  /** The mean of the instants rendered so far this frame (read it after the last one). */
  average: N;
  /** Renders `instant` (the scene as it is now) as number k of the frame into the running mean. */
  accumulate(k: number): void;
  dispose(): void;
}

/**
 * The running mean of the frame's instants: instant k is drawn as mix(previous mean, instant, 1/(k+1))
 * into one of two half-float targets while the other is read, so no blending state is needed and the
 * first instant of a frame overwrites whatever the last frame left. Half float keeps 11 significant
 * bits: the mean of 32 instants is off by well under one 8-bit code value after tone mapping.
 */
function createMotionBlurStage(renderer: THREE.WebGPURenderer, instant: N, width: number, height: number, samples: number): MotionBlurStage {
  const targets = [0, 1].map(
    () => new THREE.RenderTarget(width, height, { type: THREE.HalfFloatType, depthBuffer: false, generateMipmaps: false }),
  ) as [THREE.RenderTarget, THREE.RenderTarget];
  const previous: N = texture(targets[1].texture);
  const weight = uniform(1);
  const stage = new THREE.RenderPipeline(renderer);
  stage.outputColorTransform = false; // linear in, linear out: the grade runs once, after the average
  stage.outputNode = (vec4 as N)(mix(previous.rgb, instant.rgb, weight), float(1));
  return {
    // Instant k is written to targets[k % 2], so the last one of a frame is always in this target.
    average: texture(targets[(samples - 1) % 2]!.texture),
    accumulate(k: number) {
      previous.value = targets[(k + 1) % 2]!.texture;
      weight.value = 1 / (k + 1);
      const current = renderer.getRenderTarget();
      renderer.setRenderTarget(targets[k % 2]!);
      stage.render();
      renderer.setRenderTarget(current);
    },
    dispose() {
      stage.dispose();
      for (const t of targets) t.dispose();
    },
  };
}
