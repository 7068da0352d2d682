/**
 * Kites in the wind over a beach or a field: diamond kites in two colours each, spars across them, a tail
 * of bows waving behind, the line running down out of the frame to whoever flies it. Each rides the wind
 * on its own: bobbing, drifting side to side and rolling as the gusts take it, the harder the windier.
 * Where a kite is and how its tail lies are pure (tested without a GPU).
 */
import * as THREE from 'three/webgpu';
import { mergeParts, paintVertices, roughMaterial } from './common.mjs';
import { viewPlacer, type ViewLayerFactory } from './view-placer.mjs';

/** A kite's height, metres (a diamond kite about a metre tall, made a little larger to read at distance). */
export const KITE_HEIGHT = 1.4;
/** Points along a tail. */
const TAIL = 24;
const COLOURS = ['#e0312b', '#f3b51f', '#2a6fd1', '#2e9d57', '#8d3fc4', '#f07f1f', '#f4f1ea', '#d92d7a'];

/**
 * A kite's sway at time t: offsets (metres, in its own up and across) and a roll (radians), three slow
 * waves at the kite's own rates, scaled by the wind (0 still air .. 1 a gale). Pure.
 */
export function kiteSway(t: number, phase: number, wind: number): { across: number; up: number; roll: number } {
  const gust = 0.4 + wind;
  return {
    across: gust * (1.6 * Math.sin(t * 0.45 + phase) + 0.5 * Math.sin(t * 1.3 + phase * 2.1)),
    up: gust * (0.9 * Math.sin(t * 0.6 + phase * 1.7) + 0.3 * Math.sin(t * 1.9 + phase)),
    roll: gust * (0.22 * Math.sin(t * 0.5 + phase + 0.8) + 0.08 * Math.sin(t * 2.3 + phase * 3)),
  };
}

/** The tail's points behind a kite, along -y in its frame, waving more towards its end. Pure. */
export function tailPoints(t: number, phase: number, length: number, n: number, wind: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const s = (i / (n - 1)) * length;
    // A wave running down the tail, its amplitude growing along it.
    const wave = (0.15 + 0.25 * wind) * (s / length) * Math.sin(s * 2.2 - t * (4 + 3 * wind) + phase);
    out.push([wave * length * 0.35, -s]);
  }
  return out;
}

function kiteGeometry(a: THREE.Color, b: THREE.Color): THREE.BufferGeometry {
  const h = KITE_HEIGHT;
  const w = h * 0.72;
  const cross = h * 0.3;
  const tri = (pts: number[], c: THREE.Color) => {
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pts, 3));
    g.computeVertexNormals();
    return paintVertices(g, c);
  };
  // The sail: four triangles meeting at the spars' crossing, in two colours (quartered).
  const top = [0, h / 2, 0];
  const bottom = [0, -h / 2, 0];
  const left = [-w / 2, h / 2 - cross, 0];
  const right = [w / 2, h / 2 - cross, 0];
  const mid = [0, h / 2 - cross, 0.03];
  const sail = [
    tri([...top, ...left, ...mid], a),
    tri([...top, ...mid, ...right], b),
    tri([...left, ...bottom, ...mid], b),
    tri([...mid, ...bottom, ...right], a),
  ];
  const dark = new THREE.Color('#2a2523');
  const spars = [paintVertices(new THREE.BoxGeometry(0.025, h, 0.025).translate(0, 0, 0.04), dark), paintVertices(new THREE.BoxGeometry(w, 0.025, 0.025).translate(0, h / 2 - cross, 0.04), dark)];
  return mergeParts([...sail, ...spars]);
}

export const createKites: ViewLayerFactory = (ctx, shot, midway, fovDeg, aspect) => {
  const view = viewPlacer(midway, fovDeg, aspect);
  const rng = ctx.rng('kites');
  const n = Math.max(1, Math.min(12, ctx.plan.subjects.find((s) => s.kind === 'kites')?.count ?? 3));
  const wind = Math.max(0.3, ctx.plan.weather.wind);
  const group = new THREE.Group();
  const mat = roughMaterial(ctx, { vertexColors: true, roughness: 0.7, side: THREE.DoubleSide });
  const lineMat = new THREE.LineBasicNodeMaterial({ color: new THREE.Color('#d8d4cc'), transparent: true, opacity: 0.55 });
  const tailMat = new THREE.MeshBasicNodeMaterial({ color: new THREE.Color('#f4f1ea'), side: THREE.DoubleSide });
  const ahead = view.at(0, 0, 1).sub(view.camera).normalize();
  const kites = Array.from({ length: n }, (_, i) => {
    const colours = [COLOURS[Math.floor(rng.next() * COLOURS.length)]!, COLOURS[Math.floor(rng.next() * COLOURS.length)]!];
    const mesh = new THREE.Mesh(kiteGeometry(new THREE.Color(colours[0]), new THREE.Color(colours[1])), mat);
    mesh.castShadow = false;
    // Spread across the upper part of the frame, one near and larger when there is one.
    const x = n === 1 ? rng.range(-0.25, 0.25) : -0.75 + (1.5 * (i + rng.range(0.2, 0.8))) / n;
    // Near enough to read: a lone kite about a third of the frame's height, a group a tenth to a fifth.
    const d = n === 1 ? rng.range(5.5, 7) : rng.range(9, 22);
    const base = view.at(x, n === 1 ? rng.range(0.0, 0.2) : rng.range(0.15, 0.5), d);
    // Clear of the ground, but where the frame has it: held 8 m up, a near kite was above the frame.
    base.y = Math.max(base.y, shot.groundHeight(base.x, base.z) + 2);
    // The line runs down from the kite towards the flier, out through the bottom of the frame.
    const anchor = view.at(x * 0.5, -4, d * 0.35);
    const line = new THREE.Line(new THREE.BufferGeometry().setFromPoints([new THREE.Vector3(), new THREE.Vector3()]), lineMat);
    line.frustumCulled = false;
    // The tail: a ribbon (a line is one pixel wide at any size), rebuilt along its wave every frame.
    const tailGeometry = new THREE.BufferGeometry();
    tailGeometry.setAttribute('position', new THREE.Float32BufferAttribute(new Float32Array(TAIL * 2 * 3), 3));
    const index: number[] = [];
    for (let j = 0; j + 1 < TAIL; j++) index.push(2 * j, 2 * j + 1, 2 * j + 2, 2 * j + 1, 2 * j + 3, 2 * j + 2);
    tailGeometry.setIndex(index);
    const tail = new THREE.Mesh(tailGeometry, tailMat);
    tail.frustumCulled = false;
    group.add(mesh, line, tail);
    // A near kite sways less in metres, so as much in the frame as a far one (a lone kite swayed off the top).
    return { mesh, line, tail, base, anchor, phase: rng.range(0, Math.PI * 2), reach: Math.min(1, d / 15) };
  });
  const right = new THREE.Vector3().crossVectors(ahead, new THREE.Vector3(0, 1, 0)).normalize();
  const up = new THREE.Vector3(0, 1, 0);
  // Kites face into the wind, towards the flier: the camera's way, turned a little.
  const face = new THREE.Quaternion().setFromUnitVectors(new THREE.Vector3(0, 0, 1), ahead.clone().negate().setY(0).normalize());
  const roll = new THREE.Quaternion();
  const zAxis = new THREE.Vector3(0, 0, 1);
  const tilt = new THREE.Quaternion().setFromAxisAngle(new THREE.Vector3(1, 0, 0), -0.35);
  const p = new THREE.Vector3();
  const v = new THREE.Vector3();
  const follow = new THREE.Vector3();
  return {
    group,
    update(t, camera) {
      // The kites keep their place in the frame as the camera moves (a dolly towards them lost them off
      // the top of the frame): the fliers walk with it.
      follow.copy(camera.position).sub(view.camera);
      for (const k of kites) {
        const s = kiteSway(t, k.phase, wind);
        k.mesh.position.copy(k.base).add(follow).addScaledVector(right, s.across * k.reach).addScaledVector(up, s.up * k.reach);
        roll.setFromAxisAngle(zAxis, s.roll);
        k.mesh.quaternion.copy(face).multiply(tilt).multiply(roll);
        // The line from the spars' crossing to the anchor, and the tail from the bottom tip.
        p.set(0, KITE_HEIGHT / 2 - KITE_HEIGHT * 0.3, 0).applyQuaternion(k.mesh.quaternion).add(k.mesh.position);
        const lp = k.line.geometry.attributes.position as THREE.BufferAttribute;
        lp.setXYZ(0, p.x, p.y, p.z);
        lp.setXYZ(1, k.anchor.x + follow.x, k.anchor.y + follow.y, k.anchor.z + follow.z);
        lp.needsUpdate = true;
        const tp = k.tail.geometry.attributes.position as THREE.BufferAttribute;
        tailPoints(t, k.phase, KITE_HEIGHT * 2.2, TAIL, wind).forEach(([x, y], i) => {
          // 4 cm wide, widening into a bow every fourth point.
          const w = i % 4 === 2 ? 0.09 : 0.02;
          for (const [j, side] of [[0, -1], [1, 1]] as const) {
            v.set(x + side * w, y - KITE_HEIGHT / 2, 0).applyQuaternion(k.mesh.quaternion).add(k.mesh.position);
            tp.setXYZ(2 * i + j, v.x, v.y, v.z);
          }
        });
        tp.needsUpdate = true;
      }
    },
  };
};
