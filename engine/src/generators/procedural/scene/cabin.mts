/**
 * A log cabin in a clearing: walls of logs in two browns, a gabled roof with an overhang (white under
 * snow), a stone chimney with smoke curling up from it, a door, and windows that glow warm from inside as
 * the light goes (a lamp inside spills their light onto the ground in front). Built facing +z, turned a
 * little so a camera looking along -z sees its front and one side.
 */
import * as THREE from 'three/webgpu';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';
import { createSteam } from './steam.mjs';

const WIDTH = 7;
const DEPTH = 5;
const WALL = 2.8;
const RIDGE = 1.7;

/** The triangle of wall under one end of the roof, at x, in log colours. */
function gable(x: number, colour: (p: THREE.Vector3) => THREE.Color): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  const h = DEPTH / 2;
  const verts = x > 0 ? [x, WALL, -h, x, WALL + RIDGE, 0, x, WALL, h] : [x, WALL, h, x, WALL + RIDGE, 0, x, WALL, -h];
  g.setAttribute('position', new THREE.Float32BufferAttribute(verts, 3));
  g.computeVertexNormals();
  return paintVertices(g, colour);
}

export function createCabin(ctx: BuildContext, base: THREE.Vector3, opts: { lit: boolean; snowy: boolean; turn: number }): { group: THREE.Group; update(t: number, camera: THREE.Camera): void } {
  const group = new THREE.Group();
  group.position.copy(base);
  group.rotation.y = opts.turn;
  const dark = new THREE.Color('#4a3322');
  const light = new THREE.Color('#6e4d31');
  // Logs: bands 0.3 m tall, alternating, so the walls read as stacked logs.
  const logs = (p: THREE.Vector3) => (Math.floor(p.y / 0.3) % 2 === 0 ? dark : light);
  const walls = paintVertices(new THREE.BoxGeometry(WIDTH, WALL, DEPTH, 1, 19, 1).translate(0, WALL / 2, 0), logs);
  const slope = Math.atan2(RIDGE, DEPTH / 2);
  const run = Math.hypot(RIDGE, DEPTH / 2) + 0.5;
  const roofColour = opts.snowy ? new THREE.Color('#eef1f4') : new THREE.Color('#3b2a22');
  const roof = [1, -1].map((side) =>
    paintVertices(
      new THREE.BoxGeometry(WIDTH + 0.9, 0.22, run)
        .translate(0, 0, (side * run) / 2)
        .rotateX(side * slope)
        .translate(0, WALL + RIDGE + 0.12, 0),
      roofColour,
    ),
  );
  const stone = new THREE.Color('#6d6964');
  const chimney = paintVertices(new THREE.BoxGeometry(0.8, 3.2, 0.8).translate(WIDTH / 2 - 1.3, WALL + 1.1, -0.9), stone);
  const footing = paintVertices(new THREE.BoxGeometry(WIDTH + 0.3, 0.5, DEPTH + 0.3).translate(0, 0.05, 0), stone);
  const door = paintVertices(new THREE.BoxGeometry(1.0, 2.0, 0.08).translate(-1.9, 1.05, DEPTH / 2 + 0.02), new THREE.Color('#2e2018'));
  const body = new THREE.Mesh(mergeParts([walls, ...roof, chimney, footing, door, gable(WIDTH / 2, logs), gable(-WIDTH / 2, logs)]), roughMaterial(ctx, { vertexColors: true, roughness: 0.85 }));
  body.castShadow = true;
  body.receiveShadow = true;
  group.add(body);

  // Windows: warm lamplight as the light goes (bright enough to read as lit against dusk), dark glass by day.
  const glow = opts.lit ? new THREE.Color('#ffb060').multiplyScalar(2.4) : new THREE.Color('#1b232b');
  const panes = mergeParts([
    new THREE.BoxGeometry(1.1, 0.95, 0.06).translate(0.3, 1.55, DEPTH / 2 + 0.03),
    new THREE.BoxGeometry(1.1, 0.95, 0.06).translate(2.1, 1.55, DEPTH / 2 + 0.03),
    new THREE.BoxGeometry(0.06, 0.95, 1.3).translate(WIDTH / 2 + 0.03, 1.55, 0.4),
  ]);
  const windows = new THREE.Mesh(panes, new THREE.MeshBasicNodeMaterial({ color: glow }));
  group.add(windows);
  if (opts.lit) {
    // The lamp inside: its light falls through the windows onto the ground in front.
    const lamp = new THREE.PointLight(0xffa552, 14, 14, 2);
    lamp.position.set(1.2, 1.6, DEPTH / 2 + 1.2);
    group.add(lamp);
  }
  const smoke = createSteam(ctx.seed, 0.5, 7);
  smoke.group.position.set(WIDTH / 2 - 1.3, WALL + 2.7, -0.9);
  group.add(smoke.group);
  return {
    group,
    update(t, camera) {
      smoke.update(t, camera);
    },
  };
}
