/**
 * A fire in a fireplace, in a dark room lit by it: a stone surround (two piers, a lintel, a hearth slab,
 * a mantel shelf) built into a plastered wall over a plank floor, a sooty firebox, and in it the campfire
 * of the nature shots (`buildFire`: logs glowing at their ends, embers, licking flames, a flickering warm
 * light), scaled to a hearth. The camera looks at it from across the room, a little to one side.
 */
import * as THREE from 'three/webgpu';
import { uniform } from 'three/tsl';
import { type BuildContext, type Shot, disposeScene, mergeParts, paintVertices, roughMaterial } from './common.mjs';
import type { Framing } from '../sim/camera.js';
import { buildFire } from './nature.mjs';
import { ValueNoise2D } from '../sim/noise.js';

export function buildFireplace(ctx: BuildContext): Shot {
  const scene = new THREE.Scene();
  scene.background = new THREE.Color(0x000000);
  const time = uniform(0);
  const camera = new THREE.PerspectiveCamera(40, ctx.width / ctx.height, 0.05, 60);
  const noise = new ValueNoise2D(ctx.seed, 'hearth');

  // Stone: each block its own shade of grey-brown.
  const stone = (w: number, h: number, d: number, x: number, y: number, z: number, k: number) =>
    paintVertices(new THREE.BoxGeometry(w, h, d).translate(x, y, z), new THREE.Color('#7a7269').multiplyScalar(0.8 + noise.sample(k * 3.1, k * 1.7) * 0.4));
  const surround = mergeParts([
    stone(0.45, 1.3, 0.5, -0.88, 0.65, 0, 1),
    stone(0.45, 1.3, 0.5, 0.88, 0.65, 0, 2),
    stone(2.21, 0.36, 0.5, 0, 1.48, 0, 3),
    stone(2.5, 0.1, 0.95, 0, 0.05, 0.2, 4),
    stone(2.7, 0.12, 0.4, 0, 1.72, 0.06, 5),
  ]);
  const hearth = new THREE.Mesh(surround, roughMaterial(ctx, { vertexColors: true, roughness: 0.9 }));
  hearth.castShadow = true;
  hearth.receiveShadow = true;
  scene.add(hearth);
  // The firebox: soot-black back and sides inside the opening.
  const soot = new THREE.Color('#0c0908');
  const box = new THREE.Mesh(
    mergeParts([
      paintVertices(new THREE.BoxGeometry(1.31, 1.3, 0.06).translate(0, 0.65, -0.42), soot),
      paintVertices(new THREE.BoxGeometry(0.06, 1.3, 0.45).translate(-0.63, 0.65, -0.2), soot),
      paintVertices(new THREE.BoxGeometry(0.06, 1.3, 0.45).translate(0.63, 0.65, -0.2), soot),
    ]),
    roughMaterial(ctx, { vertexColors: true, roughness: 1 }),
  );
  scene.add(box);
  // The room: a plastered wall the fireplace is built into, and a floor of planks.
  const wall = new THREE.Mesh(new THREE.PlaneGeometry(9, 3.4).translate(0, 1.7, -0.26), roughMaterial(ctx, { roughness: 0.95, color: new THREE.Color('#6e5646') }));
  wall.receiveShadow = true;
  scene.add(wall);
  const floorGeo = new THREE.PlaneGeometry(9, 7, 36, 1).rotateX(-Math.PI / 2).translate(0, 0, 3.2);
  paintVertices(floorGeo, (p) => new THREE.Color('#4a3020').multiplyScalar(Math.floor(p.x / 0.25) % 2 === 0 ? 0.85 : 1.05));
  const floor = new THREE.Mesh(floorGeo, roughMaterial(ctx, { vertexColors: true, roughness: 0.7 }));
  floor.receiveShadow = true;
  scene.add(floor);

  // The fire, a hearth's size (the campfire's logs and flames at 55%), on the firebox floor.
  const fire = new THREE.Group();
  fire.position.set(0, 0.1, -0.12);
  fire.scale.setScalar(0.55);
  scene.add(fire);
  // (Its light at half strength: in a firebox it is a metre from the stone, not out in the open.)
  const updateFire = buildFire(ctx, fire, new THREE.Vector3(0, 0, 0), time, 0.45);
  // The glow the fire throws into the room, off the hearth and the firebox: a warm light just in front of
  // the opening, flickering with the fire, that lights the surround's face, the floor and the wall.
  const spill = new THREE.PointLight(new THREE.Color('#ff9a4a'), 2.4, 9, 1.6);
  spill.position.set(0, 0.45, 0.85);
  scene.add(spill);
  // The room beyond the fire's reach: a faint cool fill, so the walls are not pure black.
  scene.add(new THREE.HemisphereLight(0x3a3548, 0x120c08, 0.12));

  const framing: Framing = { target: [0, 0.95, 0], distance: 6.5, azimuth: 14, elevation: 4, travel: 1.5, minHeight: 0.6 };
  return {
    scene,
    camera,
    framing,
    focusPoint: new THREE.Vector3(0, 0.6, 0),
    focalRange: 1.5,
    exposureBias: 0.4,
    lighting: null,
    groundHeight: () => 0,
    // Embers rise out of the firebox and up past the mantel.
    particleBox: { center: [0, 1.1, -0.05], size: [1.1, 1.9, 0.6] },
    particleScale: 0.5,
    update(t) {
      time.value = t;
      updateFire(t);
      spill.intensity = 2.4 * (0.88 + 0.12 * Math.sin(t * 11) * Math.sin(t * 5.3 + 1));
    },
    dispose() {
      disposeScene(scene);
    },
  } as Shot;
}
