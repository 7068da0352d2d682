/**
 * Boats on the water: a small fishing boat (a painted hull with a pointed bow, a wooden deck, a
 * wheelhouse) or a sailing boat (a white hull, a mast, a mainsail and a jib). Each rides the same swell the
 * water's shader draws (`waveSurface`): it rises and falls with it, pitching and rolling with its slopes,
 * and makes way slowly along its heading, a sailing boat a little faster than a fishing boat idling.
 */
import * as THREE from 'three/webgpu';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';

/** Where a boat starts: position on still water (y = 0) and heading (radians about +y, 0 = towards +x). */
export interface BoatPlacement {
  x: number;
  z: number;
  heading: number;
}

export type Surface = (x: number, z: number, t: number) => { y: number; dydx: number; dydz: number };

/**
 * Where the boats of a shot float: the first near `at` (the shot's subject, broadside to a camera looking
 * along -z), the rest further off across the view, within `spread` of the line of sight per metre of depth
 * and no deeper than `maxDepth` beyond the first. Pure, for tests.
 */
export function placeBoats(count: number, rand: () => number, at: { x: number; z: number }, spread: number, maxDepth: number): BoatPlacement[] {
  const out: BoatPlacement[] = [{ x: at.x, z: at.z, heading: rand() < 0.5 ? 0.15 : Math.PI - 0.15 }];
  for (let i = 1; i < count; i++) {
    for (let tries = 0; tries < 20; tries++) {
      const depth = 12 + rand() * maxDepth;
      const z = at.z - depth;
      const x = (rand() * 2 - 1) * spread * (Math.abs(z) + 10);
      // Keep clear of the other boats (hulls up to 9 m long).
      if (out.some((b) => Math.hypot(b.x - x, b.z - z) < 14)) continue;
      out.push({ x, z, heading: rand() * Math.PI * 2 });
      break;
    }
  }
  return out;
}

const HULL_COLOURS = ['#b23a2e', '#1f4e7a', '#e8e4da', '#2f6b4f', '#d9a13b'];

/** A hull along +x (bow forward), waterline at y = 0: a box narrowed to a bow, a V under it, the bow raised. */
function hullGeometry(length: number, beam: number, depth: number, hull: THREE.Color, deck: THREE.Color, boot: THREE.Color): THREE.BufferGeometry {
  const g = new THREE.BoxGeometry(length, depth, beam, 14, 3, 4).toNonIndexed();
  const p = g.getAttribute('position') as THREE.BufferAttribute;
  const n = g.getAttribute('normal') as THREE.BufferAttribute;
  const colors = new Float32Array(p.count * 3);
  const draft = depth * 0.45;
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    const yRaw = p.getY(i);
    const u = x / length + 0.5; // 0 stern, 1 bow
    const v = Math.min(1, Math.max(0, yRaw / depth + 0.5)); // 0 keel, 1 deck (clamped: sqrt below)
    const toBow = Math.max(0, (u - 0.55) / 0.45);
    const width = Math.max(0.02, (1 - Math.pow(toBow, 1.7)) * (u < 0.1 ? 0.88 + u * 1.2 : 1));
    const vee = 0.3 + 0.7 * Math.sqrt(v);
    const y = v * depth - draft + v * toBow * toBow * depth * 0.45;
    p.setXYZ(i, x, y, p.getZ(i) * width * vee);
    const top = n.getY(i) > 0.9;
    const c = top ? deck : v < 0.38 ? boot : hull;
    colors.set([c.r, c.g, c.b], i * 3);
  }
  g.setAttribute('color', new THREE.BufferAttribute(colors, 3));
  g.computeVertexNormals();
  return g;
}

/** A sail: a flat triangle, both sides, slightly bellied away from the wind along its middle. */
function sailGeometry(a: THREE.Vector3, b: THREE.Vector3, c: THREE.Vector3, belly: number, colour: THREE.Color): THREE.BufferGeometry {
  const g = new THREE.BufferGeometry();
  const rows = 6;
  const verts: number[] = [];
  const point = (s: number, t: number) => {
    // s along a -> b (the luff), t towards c (the leech's far corner).
    const p = a.clone().lerp(b, s).lerp(c, t * (1 - s));
    p.z += Math.sin(Math.PI * t) * (1 - s) * belly;
    return p;
  };
  for (let r = 0; r < rows; r++) {
    const s0 = r / rows;
    const s1 = (r + 1) / rows;
    for (let k = 0; k < rows; k++) {
      const t0 = k / rows;
      const t1 = (k + 1) / rows;
      const q = [point(s0, t0), point(s0, t1), point(s1, t0), point(s1, t1)];
      verts.push(...q[0]!.toArray(), ...q[1]!.toArray(), ...q[2]!.toArray(), ...q[1]!.toArray(), ...q[3]!.toArray(), ...q[2]!.toArray());
    }
  }
  g.setAttribute('position', new THREE.Float32BufferAttribute(verts, 3));
  g.computeVertexNormals();
  return paintVertices(g, colour);
}

function fishingBoat(hullColour: THREE.Color): THREE.BufferGeometry {
  const hull = hullGeometry(7, 2.4, 1.3, hullColour, new THREE.Color('#8a6a48'), new THREE.Color('#3a2a24'));
  const cabin = paintVertices(new THREE.BoxGeometry(1.9, 1.5, 1.6).translate(-0.9, 0.72 + 0.75, 0), new THREE.Color('#ece8df'));
  const windows = paintVertices(new THREE.BoxGeometry(0.5, 0.5, 1.64).translate(-0.2, 0.72 + 1.05, 0), new THREE.Color('#1c2630'));
  const roof = paintVertices(new THREE.BoxGeometry(2.1, 0.12, 1.8).translate(-0.9, 0.72 + 1.56, 0), hullColour.clone().multiplyScalar(0.8));
  const mast = paintVertices(new THREE.CylinderGeometry(0.05, 0.06, 2.6, 6).translate(-1.4, 0.72 + 2.8, 0), new THREE.Color('#d8d4cc'));
  return mergeParts([hull, cabin, windows, roof, mast]);
}

function sailingBoat(hullColour: THREE.Color): THREE.BufferGeometry {
  const deckY = 0.65;
  const hull = hullGeometry(9, 2.8, 1.2, hullColour, new THREE.Color('#b89a6e'), new THREE.Color('#1d2a3a'));
  const mastX = 0.9;
  const mastH = 11;
  const mast = paintVertices(new THREE.CylinderGeometry(0.07, 0.09, mastH, 8).translate(mastX, deckY + mastH / 2, 0), new THREE.Color('#cfd2d6'));
  const boom = paintVertices(new THREE.CylinderGeometry(0.06, 0.06, 4.0, 6).rotateZ(Math.PI / 2).translate(mastX - 2.0, deckY + 1.3, 0), new THREE.Color('#cfd2d6'));
  const cockpit = paintVertices(new THREE.BoxGeometry(2.0, 0.5, 1.7).translate(-1.2, deckY + 0.25, 0), new THREE.Color('#ece8df'));
  const white = new THREE.Color('#f2f0ea');
  const main = sailGeometry(new THREE.Vector3(mastX, deckY + 1.35, 0), new THREE.Vector3(mastX, deckY + mastH - 0.3, 0), new THREE.Vector3(mastX - 3.9, deckY + 1.35, 0), 0.45, white);
  const jib = sailGeometry(new THREE.Vector3(4.3, deckY + 0.4, 0), new THREE.Vector3(mastX + 0.1, deckY + mastH * 0.85, 0), new THREE.Vector3(mastX + 0.3, deckY + 0.9, 0), 0.35, white);
  return mergeParts([hull, mast, boom, cockpit, main, jib]);
}

export function createBoats(
  ctx: BuildContext,
  sail: boolean,
  placements: BoatPlacement[],
  surface: Surface,
  /** The first boat's hull (the others' are painted at random, or white under sail). */
  colour: string,
): { group: THREE.Group; update(t: number): void } {
  const rng = ctx.rng('boats');
  const group = new THREE.Group();
  const material = roughMaterial(ctx, { vertexColors: true, roughness: 0.6, side: THREE.DoubleSide });
  // Knots through the water: a sailing boat under way, a fishing boat idling in.
  const speed = sail ? 1.6 : 0.6;
  const boats = placements.map((p, i) => {
    const paint = HULL_COLOURS[Math.floor(rng.next() * HULL_COLOURS.length)]!;
    const hullColour = new THREE.Color(i === 0 ? colour : sail ? '#f2f0ea' : paint);
    const mesh = new THREE.Mesh(sail ? sailingBoat(hullColour) : fishingBoat(hullColour), material);
    mesh.castShadow = true;
    mesh.receiveShadow = !ctx.software;
    group.add(mesh);
    return { mesh, p, phase: rng.next() * 6.28 };
  });
  const euler = new THREE.Euler(0, 0, 0, 'YXZ');
  return {
    group,
    update(t) {
      for (const b of boats) {
        const x = b.p.x + Math.cos(b.p.heading) * speed * t;
        const z = b.p.z - Math.sin(b.p.heading) * speed * t;
        const s = surface(x, z, t);
        // Slopes along the keel and across the beam: the bow lifts on a rising face, the boat heels on a
        // slope across it (half as much: the hull's own stability damps it).
        const along = s.dydx * Math.cos(b.p.heading) - s.dydz * Math.sin(b.p.heading);
        const across = s.dydx * Math.sin(b.p.heading) + s.dydz * Math.cos(b.p.heading);
        euler.set(-Math.atan(across) * 0.5 + Math.sin(t * 0.9 + b.phase) * 0.015, b.p.heading, Math.atan(along));
        b.mesh.rotation.copy(euler);
        b.mesh.position.set(x, s.y, z);
      }
    },
  };
}
