/**
 * Party balloons rising through the frame: glossy latex balloons in the palette's colours, each a teardrop
 * with a knot and a ribbon hanging from it, drifting up at their own pace, swaying and turning a little.
 * Where each balloon is at a time is a pure function (balloonAt), so the shot is the same at any rate.
 */
import * as THREE from 'three/webgpu';
import { mix, normalize, positionLocal, smoothstep, vec3, vec4 } from 'three/tsl';
import { perInstanceColour } from './common.mjs';

/** A balloon's height (its body, knot to crown) in scene units; the ribbon hangs this far below it. */
export const BALLOON_HEIGHT = 1.3;
const RIBBON = 2.6;

export interface BalloonPath {
  x: number;
  y0: number;
  z: number;
  speed: number;
  sway: number;
  phase: number;
  spin: number;
  scale: number;
}

/** Start places and paces for `count` balloons, spread over a box `width` wide and `depth` deep, from `low` up to `high`. */
export function balloonPaths(random: () => number, count: number, width: number, depth: number, low: number, high: number): BalloonPath[] {
  return Array.from({ length: count }, (_, k) => ({
    // Spread evenly across (a stratified x), so no clump leaves a side of the frame empty.
    x: ((k + 0.2 + 0.6 * random()) / count - 0.5) * width,
    y0: low + random() * (high - low),
    z: (random() - 0.5) * depth,
    speed: 0.45 + random() * 0.35,
    sway: 0.15 + random() * 0.2,
    phase: random() * Math.PI * 2,
    spin: (random() - 0.5) * 0.6,
    scale: 0.85 + random() * 0.3,
  }));
}

/** Where balloon p is at time t: rising at its pace, swaying side to side; and its tilt (radians) with the sway. */
export function balloonAt(p: BalloonPath, t: number): { x: number; y: number; z: number; tilt: number } {
  const w = 0.9;
  return {
    x: p.x + p.sway * Math.sin(w * t + p.phase),
    y: p.y0 + p.speed * t,
    z: p.z + p.sway * 0.5 * Math.cos(0.7 * w * t + p.phase),
    // Leaning into the way it swings, a few degrees.
    tilt: -0.18 * Math.cos(w * t + p.phase),
  };
}

function balloonGeometry(): THREE.BufferGeometry {
  // A teardrop: narrow at the knot, widest above the middle, round on top (radius 1 at the widest).
  const profile: Array<[number, number]> = [
    [0.0, -1.22], [0.09, -1.2], [0.14, -1.12], [0.3, -0.98], [0.55, -0.72], [0.8, -0.36], [0.95, 0.0], [1.0, 0.32], [0.94, 0.62], [0.76, 0.88], [0.46, 1.04], [0.0, 1.1],
  ];
  const body = new THREE.LatheGeometry(profile.map(([r, y]) => new THREE.Vector2(r, y)), 40);
  const k = BALLOON_HEIGHT / 2.32;
  body.scale(k, k, k).translate(0, 1.22 * k, 0);
  return body;
}

/**
 * A puffy heart (a heart outline extruded with a deep round bevel), as tall as a balloon's body, standing
 * on y = 0 like it, facing +z.
 */
export function heartGeometry(): THREE.BufferGeometry {
  const s = new THREE.Shape();
  // The classic two-lobed outline, point down, 2 wide and about 1.9 tall before scaling.
  s.moveTo(0, -0.95);
  s.bezierCurveTo(-0.35, -0.55, -1.0, -0.2, -1.0, 0.3);
  s.bezierCurveTo(-1.0, 0.75, -0.55, 0.98, -0.28, 0.95);
  s.bezierCurveTo(-0.1, 0.93, 0, 0.78, 0, 0.62);
  s.bezierCurveTo(0, 0.78, 0.1, 0.93, 0.28, 0.95);
  s.bezierCurveTo(0.55, 0.98, 1.0, 0.75, 1.0, 0.3);
  s.bezierCurveTo(1.0, -0.2, 0.35, -0.55, 0, -0.95);
  const g = new THREE.ExtrudeGeometry(s, { depth: 0.2, bevelEnabled: true, bevelThickness: 0.32, bevelSize: 0.22, bevelSegments: 6, curveSegments: 24 });
  g.center();
  g.computeVertexNormals();
  g.computeBoundingBox();
  const { min, max } = g.boundingBox!;
  const k = BALLOON_HEIGHT / (max.y - min.y);
  const lift = -min.y * k;
  g.scale(k, k, k).translate(0, lift, 0);
  return g;
}

/** A balloon's knot, a small cone under the body, and its ribbon, a thin strip curling down from it. */
function knotsAndRibbons(latex: THREE.Material, count: number): THREE.InstancedMesh[] {
  const knots = new THREE.InstancedMesh(new THREE.ConeGeometry(0.06, 0.1, 10).translate(0, -0.05, 0), latex, count);
  const ribbonMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#f2efe8'), roughness: 0.5, side: THREE.DoubleSide });
  const ribbon = new THREE.PlaneGeometry(0.025, RIBBON, 1, 12).translate(0, -RIBBON / 2, 0);
  // A lazy S down its length.
  const pos = ribbon.getAttribute('position') as THREE.BufferAttribute;
  for (let i = 0; i < pos.count; i++) pos.setX(i, pos.getX(i) + 0.12 * Math.sin((pos.getY(i) / RIBBON) * Math.PI * 2));
  return [knots, new THREE.InstancedMesh(ribbon, ribbonMat, count)];
}

export interface PartyBalloons {
  group: THREE.Group;
  update(t: number): void;
}

/** `hearts`: puffy hearts floating up instead of balloons (no knot, no ribbon). */
export function createPartyBalloons(random: () => number, count: number, colours: THREE.Color[], box: { width: number; depth: number; low: number; high: number }, hearts = false): PartyBalloons {
  const group = new THREE.Group();
  const paths = balloonPaths(random, count, box.width, box.depth, box.low, box.high);
  const latex = new THREE.MeshPhysicalNodeMaterial({ roughness: 0.32, metalness: 0, clearcoat: 1, clearcoatRoughness: 0.08 });
  latex.colorNode = perInstanceColour(paths.map((_, k) => colours[k % colours.length]!)) as never;
  const bodies = new THREE.InstancedMesh(hearts ? heartGeometry() : balloonGeometry(), latex, count);
  const parts = hearts ? [bodies] : [bodies, ...knotsAndRibbons(latex, count)];
  for (const m of parts) {
    m.castShadow = true;
    m.frustumCulled = false;
    group.add(m);
  }
  const m4 = new THREE.Matrix4();
  const pos = new THREE.Vector3();
  const quat = new THREE.Quaternion();
  const euler = new THREE.Euler();
  const scl = new THREE.Vector3();
  return {
    group,
    update(t) {
      paths.forEach((p, k) => {
        const at = balloonAt(p, t);
        euler.set(0, p.spin * t + p.phase, at.tilt, 'YXZ');
        quat.setFromEuler(euler);
        scl.setScalar(p.scale);
        m4.compose(pos.set(at.x, at.y, at.z), quat, scl);
        for (const m of parts) m.setMatrixAt(k, m4);
      });
      for (const m of parts) m.instanceMatrix.needsUpdate = true;
    },
  };
}

/**
 * A clear blue sky on a dome round the camera, lighter towards the horizon: what balloons are released
 * into (the palette's flowing field behind them was busier than the balloons).
 */
export function clearSkyDome(): THREE.Mesh {
  const dir = normalize(positionLocal);
  const mat = new THREE.MeshBasicNodeMaterial({ side: THREE.BackSide, depthWrite: false, fog: false });
  mat.colorNode = vec4(mix(vec3(0.62, 0.78, 0.95), vec3(0.16, 0.4, 0.82), smoothstep(-0.3, 0.7, dir.y)), 1) as never;
  const mesh = new THREE.Mesh(new THREE.SphereGeometry(1, 48, 24), mat);
  mesh.scale.setScalar(500);
  mesh.renderOrder = 10;
  mesh.frustumCulled = false;
  return mesh;
}
