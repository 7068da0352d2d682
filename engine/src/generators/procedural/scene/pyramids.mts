/**
 * The pyramids of Giza across the dunes: three square pyramids on the diagonal they stand on, the Great
 * Pyramid nearest, Khafre's beyond it (a patch of its smooth casing still at its top), Menkaure's small
 * one last, in their real proportions (PYRAMIDS) at half scale. Their faces are stepped in courses of
 * limestone, weathered unevenly, drawn by the shader from height so the geometry stays four triangles.
 */
import * as THREE from 'three/webgpu';
import { float, floor, fract, fwidth, mix, positionWorld, smoothstep, texture, vec3, vec2 } from 'three/tsl';
import { type BuildContext, noiseTexture, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/**
 * Base side and height today in metres (Khufu, Khafre, Menkaure), and where each stands (scene units:
 * metres at half scale; the spacing squeezed to keep all three on the 900 m of sand the desert has).
 */
export const PYRAMIDS = [
  { name: 'khufu', base: 230.3, height: 138.5, at: [-60, -200] as const },
  { name: 'khafre', base: 215.3, height: 136.4, at: [70, -315] as const },
  { name: 'menkaure', base: 102.2, height: 61, at: [150, -400] as const },
];
export const PYRAMID_SCALE = 0.5;

/** A square pyramid, base `side` wide centred on the origin, apex `height` up, with normals per face. */
export function pyramidGeometry(side: number, height: number): THREE.BufferGeometry {
  const h = side / 2;
  const corners = [
    [-h, 0, h],
    [h, 0, h],
    [h, 0, -h],
    [-h, 0, -h],
  ];
  const apex = [0, height, 0];
  const positions: number[] = [];
  for (let i = 0; i < 4; i++) positions.push(...corners[i]!, ...corners[(i + 1) % 4]!, ...apex);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(positions, 3));
  g.computeVertexNormals();
  return g;
}

/** The three on the sand; `groundAt` gives the terrain's height under each (they are sunk a little into it). */
export function createPyramids(ctx: BuildContext, groundAt: (x: number, z: number) => number): THREE.Group {
  const group = new THREE.Group();
  const tex = noiseTexture(ctx.seed, 256, 8, 4);
  for (const p of PYRAMIDS) {
    const side = p.base * PYRAMID_SCALE;
    const height = p.height * PYRAMID_SCALE;
    const mat = roughMaterial(ctx, { roughness: 0.95 });
    // Courses of stone about 1.4 m tall (0.7 here): each a shade of its own, the joint between dark.
    const wp: N = positionWorld;
    const course: N = wp.y.div(0.7);
    // (The joints fade where a course is narrower than a pixel or two: drawn there they beat into moire.)
    const fine: N = float(1).sub(smoothstep(0.25, 0.6, fwidth(course)));
    const joint: N = float(1).sub(float(1).sub(smoothstep(0.0, 0.12, fract(course)).mul(smoothstep(1.0, 0.88, fract(course)))).mul(fine));
    const shade: N = texture(tex, vec2(floor(course).mul(0.173), wp.x.add(wp.z).mul(0.004))).r;
    const weather: N = texture(tex, vec2(wp.x.mul(0.011), wp.y.mul(0.013).add(wp.z.mul(0.007)))).g;
    const stone = mix(vec3(0.62, 0.5, 0.36), vec3(0.78, 0.66, 0.49), shade.mul(0.7).add(weather.mul(0.3)));
    let colour: N = stone.mul(joint.mul(0.25).add(0.75));
    if (p.name === 'khafre') {
      // The last of the casing: smooth pale limestone over its top quarter.
      const cap: N = smoothstep(height * 0.74, height * 0.76, wp.y.sub(groundAt(p.at[0], p.at[1])));
      colour = mix(colour, vec3(0.86, 0.78, 0.64), cap);
    }
    mat.colorNode = colour;
    const mesh = new THREE.Mesh(pyramidGeometry(side, height), mat);
    // Turned as they stand (their sides face the compass points; the camera looks north-west along -z).
    mesh.rotation.y = 0.35;
    mesh.position.set(p.at[0], groundAt(p.at[0], p.at[1]) - 2, p.at[1]);
    mesh.castShadow = true;
    mesh.receiveShadow = true;
    group.add(mesh);
  }
  return group;
}
