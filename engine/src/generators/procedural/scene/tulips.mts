/**
 * A tulip field as the bulb growers plant it: long beds in stripes of one colour each (red, yellow, pink,
 * orange, white, purple), furrows between the beds, all running away from a camera standing low in a
 * furrow, so the stripes draw lines to the horizon. Near the lens each tulip is a cup on a stem with two
 * broad leaves, nodding in the wind; past a few tens of metres the ground itself carries the stripes.
 */
import * as THREE from 'three/webgpu';
import { cameraPosition, distance, float, floor, fract, hash, instanceIndex, mix, positionGeometry, positionLocal, positionWorld, sin, smoothstep, texture, vec2, vec3 } from 'three/tsl';
import { type BuildContext, mergeParts, paintVertices, roughMaterial } from './common.mjs';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A bed and its furrow, across the rows (m); the furrow's share of it. */
export const BED_PERIOD = 1.5;
const FURROW = 0.3;
/** Beds of one colour side by side make a stripe. */
const BEDS_PER_STRIPE = 4;
const STRIPE = BED_PERIOD * BEDS_PER_STRIPE;
/** How many stripes' colours are drawn before they repeat (the ground's lookup texture is this wide). */
const STRIPES = 32;
const STEM = 0.42;

/** Tulip colours as the growers sell them (linear light after three's sRGB conversion). */
export const TULIP_COLOURS = ['#d8232f', '#f2c416', '#f07aa0', '#ee6a22', '#f3efe6', '#7b3d9c', '#c8175a'].map((h) => new THREE.Color(h));

/** The field's layout across the rows: which stripe and whether in a furrow, for a point's x. Pure. */
export function tulipBedAt(x: number): { stripe: number; furrow: boolean } {
  // Offset half a furrow so that x = 0 lies in a furrow's middle: the camera's path.
  const u = x + FURROW / 2;
  const inBed = u - Math.floor(u / BED_PERIOD) * BED_PERIOD;
  return { stripe: Math.floor(u / STRIPE), furrow: inBed < FURROW };
}

/** Each stripe's colour, no two neighbours alike (one colour named: every stripe that colour). */
export function stripeColours(rand: () => number, colours: readonly THREE.Color[]): THREE.Color[] {
  const out: THREE.Color[] = [];
  let last = -1;
  for (let i = 0; i < STRIPES; i++) {
    let k = Math.floor(rand() * colours.length);
    // (The last stripe also neighbours the first: the colours repeat across the field.)
    const first = i === STRIPES - 1 ? colours.indexOf(out[0]!) : -1;
    while (colours.length > 2 && (k === last || k === first)) k = (k + 1) % colours.length;
    if (colours.length === 2 && k === last) k = 1 - k;
    out.push(colours[k]!);
    last = k;
  }
  return out;
}

const stripeIndex = (stripe: number) => ((stripe % STRIPES) + STRIPES) % STRIPES;

/** A tulip along +y: a stem and two broad leaves (green), and a cup of six petals (white, tinted per instance). */
function tulipGeometry(): { plant: THREE.BufferGeometry; cup: THREE.BufferGeometry } {
  const green = new THREE.Color('#4d7a32');
  const stem = paintVertices(new THREE.CylinderGeometry(0.006, 0.008, STEM, 3, 1, true).translate(0, STEM / 2, 0), green);
  const leaf = (turn: number, lean: number) => {
    // A broad blade curling out from the foot of the stem.
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute([-0.035, 0, 0, 0.035, 0, 0, 0.03, 0.12, lean * 0.5, -0.03, 0.12, lean * 0.5, 0.03, 0.12, lean * 0.5, 0, 0.24, lean], 3));
    g.setIndex([0, 1, 2, 0, 2, 3, 3, 4, 5]);
    g.computeVertexNormals();
    return paintVertices(g.rotateY(turn), green.clone().multiplyScalar(1.1));
  };
  const plant = mergeParts([stem, leaf(0, 0.1), leaf(Math.PI * 0.9, 0.09)]);
  // The cup: a lathe of a petal's profile, six sides (each a petal), narrow at the foot, open at the top.
  // (Three points: each triangle costs a software rasteriser, and from a metre up a cup is a few pixels.)
  const profile = [new THREE.Vector2(0.004, 0), new THREE.Vector2(0.034, 0.03), new THREE.Vector2(0.021, 0.072)];
  const cup = paintVertices(new THREE.LatheGeometry(profile, 6).translate(0, STEM - 0.01, 0), new THREE.Color('#ffffff'));
  return { plant, cup };
}

/** Where tulips stand: rows along -z in the beds (none in the furrows), within the view's wedge round `eye`. Pure. */
export function tulipPlaces(rand: () => number, eye: { x: number; z: number }, halfAngle: number, far: number, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const rowGap = 0.22;
  // Sparser with distance: farther rows and plants are fewer pixels apart, and the ground carries them.
  for (let d = 0.6; d < far && out.length < max; d += 0.12 + d * 0.03) {
    const half = Math.min(far, d * Math.tan(Math.min(halfAngle, 1.5)) + 1.2);
    const skip = d > 14 ? 2 : 1;
    for (let r = Math.ceil(-half / rowGap); r * rowGap <= half && out.length < max; r += skip) {
      const x = eye.x + r * rowGap + (rand() - 0.5) * 0.05;
      if (tulipBedAt(x).furrow) continue;
      out.push([x, eye.z - d + (rand() - 0.5) * 0.1]);
      // An orbit's field is all round: behind the camera too.
      if (halfAngle > Math.PI / 2) out.push([x, eye.z + d + (rand() - 0.5) * 0.1]);
    }
  }
  return out;
}

export interface TulipField {
  group: THREE.Group;
  /** Multiplies the terrain's colour: the stripes and furrows to the horizon. */
  groundColour: N;
}

export function createTulips(
  ctx: BuildContext,
  opts: { eye: { x: number; z: number }; ground: (x: number, z: number) => number; time: N; sweep: number; colours: readonly THREE.Color[] },
): TulipField {
  const rng = ctx.rng('tulips');
  const stripes = stripeColours(() => rng.next(), opts.colours);
  const places = tulipPlaces(() => rng.next(), opts.eye, opts.sweep, 40, ctx.software ? 9000 : 24000);
  const { plant, cup } = tulipGeometry();
  // A nod in the wind, more the higher up the stem, each in its own phase (the same in both meshes).
  const wind = 0.2 + ctx.plan.weather.wind * 0.8;
  const sway = (mat: THREE.MeshStandardNodeMaterial) => {
    const y: N = positionGeometry.y.div(STEM).clamp(0, 1.2);
    const nod: N = sin(opts.time.mul(1.7).add(hash(instanceIndex).mul(6.283))).mul(0.035 * wind).mul(y.mul(y));
    mat.positionNode = positionLocal.add(vec3(nod, float(0), nod.mul(0.4))) as N;
  };
  const plantMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.7, side: THREE.DoubleSide }) as THREE.MeshStandardNodeMaterial;
  const cupMat = roughMaterial(ctx, { vertexColors: true, roughness: 0.55, side: THREE.DoubleSide }) as THREE.MeshStandardNodeMaterial;
  sway(plantMat);
  sway(cupMat);
  const plants = new THREE.InstancedMesh(plant, plantMat, places.length);
  const cups = new THREE.InstancedMesh(cup, cupMat, places.length);
  const m = new THREE.Matrix4();
  const q = new THREE.Quaternion();
  const s = new THREE.Vector3();
  const p = new THREE.Vector3();
  const c = new THREE.Color();
  places.forEach(([x, z], i) => {
    q.setFromAxisAngle(new THREE.Vector3(0, 1, 0), rng.next() * Math.PI * 2);
    const k = 0.85 + rng.next() * 0.3;
    m.compose(p.set(x, opts.ground(x, z) - 0.02, z), q, s.set(k, k * (0.85 + rng.next() * 0.3), k));
    plants.setMatrixAt(i, m);
    cups.setMatrixAt(i, m);
    plants.setColorAt(i, c.setRGB(1, 1, 1).multiplyScalar(0.85 + rng.next() * 0.25));
    cups.setColorAt(i, c.copy(stripes[stripeIndex(tulipBedAt(x).stripe)]!).multiplyScalar(0.85 + rng.next() * 0.25));
  });
  for (const mesh of [plants, cups]) {
    mesh.castShadow = false;
    mesh.receiveShadow = false;
    mesh.frustumCulled = false;
  }
  const group = new THREE.Group();
  group.add(plants, cups);

  // The ground: each stripe's colour (the heads seen from afar, over their leaves), soil-dark furrows; the
  // furrows blend into the beds with distance (thin lines there would shimmer from frame to frame).
  const data = new Uint8Array(STRIPES * 4);
  stripes.forEach((col, i) => {
    const g = col.clone().lerp(new THREE.Color('#4d7a32'), 0.3);
    data.set([Math.round(Math.sqrt(g.r) * 255), Math.round(Math.sqrt(g.g) * 255), Math.round(Math.sqrt(g.b) * 255), 255], i * 4);
  });
  const lookup = new THREE.DataTexture(data, STRIPES, 1);
  lookup.magFilter = THREE.NearestFilter;
  lookup.minFilter = THREE.NearestFilter;
  lookup.needsUpdate = true;
  const u: N = positionWorld.x.add(FURROW / 2);
  const stripe: N = floor(u.div(STRIPE));
  const at: N = fract(stripe.div(STRIPES)).add(0.5 / STRIPES);
  // Stored as square roots (8 bits keep the darks): squared back to linear.
  const stored: N = texture(lookup, vec2(at, 0.5)).rgb;
  const bedColour: N = stored.mul(stored);
  const inBed: N = fract(u.div(BED_PERIOD)).mul(BED_PERIOD);
  const far: N = distance(cameraPosition, positionWorld);
  const furrow: N = float(1).sub(smoothstep(FURROW - 0.04, FURROW + 0.04, inBed)).mul(float(1).sub(smoothstep(25, 60, far)));
  // Near the lens, where the plants stand apart, the bed between them is soil under leaves; its colour is
  // the heads' only where they close up into a carpet.
  const bed: N = mix(vec3(0.1, 0.11, 0.05), bedColour, smoothstep(10, 32, far));
  const groundColour: N = mix(bed, vec3(0.09, 0.075, 0.05), furrow.mul(0.8));
  return { group, groundColour };
}
