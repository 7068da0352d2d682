/**
 * A heart monitor's trace (medical B-roll): an ECG drawn left to right by a bright head across a faint
 * grid, as a patient monitor sweeps. The trace stays where the head has drawn it, fading as the phosphor
 * would, until the head comes round again; a short band ahead of the head is erased. The beat is a sinus
 * rhythm at 72 a minute: the P wave, the sharp QRS spike and the T wave, as a sum of narrow bumps.
 * The waveform and the sweep are pure (tested without a GPU); the trace is a ribbon rebuilt each frame.
 */
import * as THREE from 'three/webgpu';
import { abs, float, fract, max, smoothstep, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** Beats a minute: a resting adult's. */
export const BPM = 72;
/** Seconds the head takes to cross the screen (a monitor at 25 mm/s on a wide screen sweeps in about 4). */
export const SWEEP_SECONDS = 4;
/** The share of the screen ahead of the head that is erased. */
export const ERASE = 0.05;

/** Bumps of one beat: [centre in the beat 0..1, height, width]. P, Q, R, S, T. */
const WAVES: Array<[number, number, number]> = [
  [0.12, 0.12, 0.025],
  [0.245, -0.1, 0.009],
  [0.27, 1, 0.011],
  [0.297, -0.26, 0.011],
  [0.5, 0.3, 0.045],
];

/** The trace's height at `phase` (0..1) of a beat: 1 at the R spike's top, 0 at the baseline. Pure. */
export function ecgWave(phase: number): number {
  const p = phase - Math.floor(phase);
  let v = 0;
  for (const [c, h, w] of WAVES) v += h * Math.exp(-(((p - c) / w) ** 2));
  return v;
}

/**
 * What the screen shows at `x` (0 left .. 1 right) at clip time `t`: the trace's height there, drawn when
 * the head last passed, and how long ago that was (null in the erased band ahead of the head). Pure.
 */
export function traceAt(x: number, t: number, bpm = BPM, sweep = SWEEP_SECONDS): { value: number; age: number } | null {
  const head = (t / sweep) % 1;
  const behind = (((head - x) % 1) + 1) % 1;
  if (behind > 1 - ERASE) return null;
  const drawnAt = t - behind * sweep;
  // Before the clip began the monitor was already running: the same rhythm.
  return { value: ecgWave((drawnAt * bpm) / 60), age: behind * sweep };
}

export interface Heartbeat {
  group: THREE.Group;
  update(t: number): void;
}

/** The monitor's screen about the origin, `width` units across, in `colour`; the head starts at the left. */
export function createHeartbeat(colour: THREE.Color, width: number, height: number): Heartbeat {
  const group = new THREE.Group();
  // The grid: faint major and minor lines, as on ECG paper and monitors.
  const gridMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const lineOf = (x: N, w: number) => float(1).sub(smoothstep(0.0, w, abs(fract(x).sub(0.5)).mul(-1).add(0.5)));
  const gu: N = uv().x.mul(width);
  const gv: N = uv().y.mul(height);
  const minor: N = max(lineOf(gu.mul(5), 0.06), lineOf(gv.mul(5), 0.06)).mul(0.05);
  const major: N = max(lineOf(gu, 0.025), lineOf(gv, 0.025)).mul(0.12);
  gridMat.colorNode = vec4(vec3(colour.r, colour.g, colour.b).mul(max(minor, major)), 1) as N;
  const grid = new THREE.Mesh(new THREE.PlaneGeometry(width, height), gridMat);
  grid.position.z = -0.02;
  group.add(grid);

  // The trace: a core and a wider glow, both ribbons along N samples, vertex colours for the brightness.
  // Samples across the screen: a QRS spike is 9 ms wide, a sample 3.3 ms of the sweep (at 600 the spikes
  // varied in height by where the samples fell).
  const n = 1200;
  const ribbon = (halfWidth: number, gain: number) => {
    const geometry = new THREE.BufferGeometry();
    const positions = new Float32Array(n * 2 * 3);
    const colours = new Float32Array(n * 2 * 3);
    const index: number[] = [];
    for (let i = 0; i < n - 1; i++) index.push(2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 1, 2 * i + 3, 2 * i + 2);
    geometry.setIndex(index);
    geometry.setAttribute('position', new THREE.BufferAttribute(positions, 3));
    geometry.setAttribute('color', new THREE.BufferAttribute(colours, 3));
    const mat = new THREE.MeshBasicNodeMaterial({ vertexColors: true, transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
    const mesh = new THREE.Mesh(geometry, mat);
    mesh.frustumCulled = false;
    group.add(mesh);
    return { mesh, positions, colours, halfWidth, gain };
  };
  const glow = ribbon(0.09, 0.35);
  const core = ribbon(0.022, 1.6);
  // The head's dot.
  const dot = new THREE.Mesh(new THREE.CircleGeometry(0.07, 20), new THREE.MeshBasicNodeMaterial({ color: colour.clone().multiplyScalar(3).lerp(new THREE.Color(3, 3, 3), 0.4), transparent: true, depthWrite: false, blending: THREE.AdditiveBlending }));
  dot.position.z = 0.01;
  group.add(dot);

  // The baseline a little below the middle: the R spike rises 0.42 of the screen above it, the trace
  // within the middle 60% so a push in keeps it whole.
  const base = -height * 0.12;
  const amp = height * 0.42;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const bright = new Float32Array(n);
  // Per sample: the unit normal across the line (averaged over the neighbouring segments), and whether it
  // is lit with both neighbours (a sample next to the erased band is dark too, so no segment bridges it).
  const ux = new Float32Array(n);
  const uy = new Float32Array(n);
  const shade = new Float32Array(n);
  return {
    group,
    update(t) {
      for (let i = 0; i < n; i++) {
        const x = i / (n - 1);
        const s = traceAt(x, t);
        xs[i] = (x - 0.5) * width;
        ys[i] = base + (s ? s.value : 0) * amp;
        // Phosphor: bright where just drawn, settling to 45% over the sweep; nothing in the erased band.
        bright[i] = s ? 0.45 + 0.55 * Math.exp(-s.age / 0.35) : 0;
      }
      for (let i = 0; i < n; i++) {
        const a = Math.max(0, i - 1);
        const b = Math.min(n - 1, i + 1);
        const dx = xs[b]! - xs[a]!;
        const dy = ys[b]! - ys[a]!;
        const len = Math.hypot(dx, dy) || 1;
        ux[i] = -dy / len;
        uy[i] = dx / len;
        shade[i] = Math.min(bright[i]!, bright[a]! > 0 && bright[b]! > 0 ? 1 : 0);
      }
      for (const r of [glow, core]) {
        const { positions: pos, colours: col } = r;
        for (let i = 0; i < n; i++) {
          const nx = ux[i]! * r.halfWidth;
          const ny = uy[i]! * r.halfWidth;
          const o = i * 6;
          pos[o] = xs[i]! + nx;
          pos[o + 1] = ys[i]! + ny;
          pos[o + 3] = xs[i]! - nx;
          pos[o + 4] = ys[i]! - ny;
          const k = shade[i]! * r.gain;
          col[o] = col[o + 3] = colour.r * k;
          col[o + 1] = col[o + 4] = colour.g * k;
          col[o + 2] = col[o + 5] = colour.b * k;
        }
        r.mesh.geometry.attributes.position!.needsUpdate = true;
        r.mesh.geometry.attributes.color!.needsUpdate = true;
      }
      const head = (t / SWEEP_SECONDS) % 1;
      dot.position.x = (head - 0.5) * width;
      dot.position.y = base + ecgWave((t * BPM) / 60) * amp;
    },
  };
}
