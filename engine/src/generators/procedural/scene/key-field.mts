/**
 * A flat field of one colour filling the frame, nothing in it and nothing moving: a chroma-key plate
 * (green screen, blue screen) or a solid colour background. The plan turns off the grade's vignette and
 * grain and uses the neutral tone curve, so the field comes out even (within the ±1 code value dither)
 * and a keyer sees one colour.
 */
import * as THREE from 'three/webgpu';
import { type BuildContext, type Shot, frontOnShot } from './common.mjs';

export function buildKeyField(ctx: BuildContext): Shot {
  const subject = ctx.plan.subjects.find((s) => s.kind === 'chroma-key');
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(subject?.color ?? '#00b140');
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.1, 100);
  return frontOnShot(scene, camera, () => {});
}
