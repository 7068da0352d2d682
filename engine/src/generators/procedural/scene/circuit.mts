/**
 * A circuit board (technology B-roll): a dark board seen from above at an angle, chips with their pins, and
 * copper traces routed as boards are, in straight runs and 45-degree jogs, from the chips' pins out to vias,
 * never crossing; pulses of light run along the traces, a soft glow round each. The layout is routed on a
 * grid by a pure function (tested without a GPU); the traces are one mesh whose shader places the pulses
 * by each point's distance along its trace.
 */
import * as THREE from 'three/webgpu';
import { attribute, exp, float, fract, uniform, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

export interface Chip {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A trace: grid points where it starts, turns and ends, in order from the chip's pin. */
export type Trace = Array<[number, number]>;

const STEPS: Array<[number, number]> = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];

/**
 * Routes a board `w` by `h` cells: chips placed apart, then from each pin a trace that runs out from the
 * chip, jogs 45 degrees now and then, and stops at a via where it has run its length or meets something;
 * then runs between the chips from a via to a via, as buses and signals pass through.
 * Every cell a trace passes is taken, and a diagonal step needs both cells beside it free, so no two
 * traces cross. Pure.
 */
export function routeBoard(rand: () => number, w: number, h: number): { chips: Chip[]; traces: Trace[]; vias: Array<[number, number]> } {
  const taken = new Uint8Array(w * h);
  const free = (x: number, y: number) => x >= 1 && y >= 1 && x < w - 1 && y < h - 1 && taken[y * w + x] === 0;
  const take = (x: number, y: number) => {
    taken[y * w + x] = 1;
  };
  /** A trace from (x0, y0) heading `axis` (one of STEPS), up to `length` steps; null if it could not leave. */
  const walk = (x0: number, y0: number, axis: number, length: number): Trace | null => {
    const trace: Trace = [[x0, y0]];
    let [x, y, dir] = [x0, y0, axis];
    let straight = 2 + Math.floor(rand() * 4);
    for (let step = 0; step < length; step++) {
      // Out straight first, then a jog now and then: 45 degrees off the axis for a few steps, and back to
      // it (traces fan out from a chip and run on parallel).
      if (straight <= 0) {
        if (dir === axis && rand() < 0.35) {
          dir = (axis + (rand() < 0.5 ? 1 : 7)) % 8;
          straight = 1 + Math.floor(rand() * 4);
        } else if (dir !== axis) {
          dir = axis;
          straight = 3 + Math.floor(rand() * 6);
        }
      }
      const [dx, dy] = STEPS[dir]!;
      const nx = x + dx;
      const ny = y + dy;
      if (!free(nx, ny) || (dx !== 0 && dy !== 0 && (!free(x + dx, y) || !free(x, y + dy)))) break;
      const last = trace[trace.length - 1]!;
      const prev = trace[trace.length - 2];
      // Keep only the corners: a point in line with the last two replaces the last.
      if (prev && (last[0] - prev[0]) * (ny - last[1]) === (last[1] - prev[1]) * (nx - last[0])) trace.pop();
      trace.push([nx, ny]);
      take(x, y);
      x = nx;
      y = ny;
      straight--;
    }
    take(x, y);
    return Math.abs(x - x0) + Math.abs(y - y0) >= 3 ? trace : null;
  };
  const chips: Chip[] = [];
  const traces: Trace[] = [];
  const vias: Array<[number, number]> = [];
  for (let tries = 0; tries < 80 && chips.length < Math.max(3, Math.round((w * h) / 420)); tries++) {
    const cw = 4 + Math.floor(rand() * 7);
    const ch = 4 + Math.floor(rand() * 7);
    const x = 3 + Math.floor(rand() * (w - cw - 6));
    const y = 3 + Math.floor(rand() * (h - ch - 6));
    // Room round each chip for its traces to leave.
    if (chips.some((c) => x < c.x + c.w + 6 && c.x < x + cw + 6 && y < c.y + c.h + 6 && c.y < y + ch + 6)) continue;
    chips.push({ x, y, w: cw, h: ch });
    for (let j = y - 1; j <= y + ch; j++) for (let i = x - 1; i <= x + cw; i++) take(i, j);
  }
  for (const c of chips) {
    // Pins along each side, one a cell, the corners left bare; a few pins have no trace.
    const pins: Array<{ x: number; y: number; dir: number }> = [];
    for (let i = c.x + 1; i < c.x + c.w - 1; i++) pins.push({ x: i, y: c.y - 1, dir: 6 }, { x: i, y: c.y + c.h, dir: 2 });
    for (let j = c.y + 1; j < c.y + c.h - 1; j++) pins.push({ x: c.x - 1, y: j, dir: 4 }, { x: c.x + c.w, y: j, dir: 0 });
    for (const pin of pins) {
      if (rand() < 0.25) continue;
      const trace = walk(pin.x, pin.y, pin.dir, 6 + Math.floor(rand() * 26));
      if (trace) {
        traces.push(trace);
        vias.push(trace[trace.length - 1]!);
      }
    }
  }
  // Runs between the chips, as a board's buses and signals pass through: from free cells, along an axis.
  for (let tries = 0; tries < (w * h) / 12; tries++) {
    const x = 1 + Math.floor(rand() * (w - 2));
    const y = 1 + Math.floor(rand() * (h - 2));
    if (!free(x, y)) continue;
    take(x, y);
    const trace = walk(x, y, 2 * Math.floor(rand() * 4), 8 + Math.floor(rand() * 30));
    if (trace) {
      traces.push(trace);
      vias.push(trace[0]!, trace[trace.length - 1]!);
    }
  }
  return { chips, traces, vias };
}

export interface Circuit {
  group: THREE.Group;
  update(t: number): void;
}

/** The board about the origin in the XZ plane, `cells` across at `cell` units a cell, traces glowing in `colour`. */
export function createCircuit(rand: () => number, colour: THREE.Color, cellsX: number, cellsY: number, cell: number): Circuit {
  const group = new THREE.Group();
  const { chips, traces, vias: viaCells } = routeBoard(rand, cellsX, cellsY);
  const at = (gx: number, gy: number, y = 0): THREE.Vector3 => new THREE.Vector3((gx - cellsX / 2) * cell, y, (gy - cellsY / 2) * cell);

  // The board: a dark solder mask, a little of the trace colour in it.
  const boardColour = colour.clone().multiplyScalar(0.06).lerp(new THREE.Color('#06100d'), 0.6);
  const board = new THREE.Mesh(new THREE.PlaneGeometry(cellsX * cell, cellsY * cell).rotateX(-Math.PI / 2), new THREE.MeshBasicNodeMaterial({ color: boardColour }));
  group.add(board);

  // Traces and their glow: ribbons along each trace, every vertex knowing how far along its trace it is
  // and its trace's own phase, so the shader can run pulses along them. One phase a trace for both ribbons
  // (drawn for each, the glow's pulses ran at other places on the trace than the trace's own).
  const phases = traces.map(() => rand() * 40);
  const build = (halfWidth: number, lift: number) => {
    const pos: number[] = [];
    const along: number[] = [];
    const phase: number[] = [];
    const index: number[] = [];
    traces.forEach((trace, ti) => {
      const p = phases[ti]!;
      let s = 0;
      for (let i = 0; i + 1 < trace.length; i++) {
        const a = at(...trace[i]!, lift);
        const b = at(...trace[i + 1]!, lift);
        const len = a.distanceTo(b);
        const dir = b.clone().sub(a).normalize();
        const side = new THREE.Vector3(-dir.z, 0, dir.x).multiplyScalar(halfWidth);
        // Each run overlaps the next by half a width so corners are filled.
        const a2 = a.clone().addScaledVector(dir, -halfWidth * 0.7);
        const b2 = b.clone().addScaledVector(dir, halfWidth * 0.7);
        const base = pos.length / 3;
        for (const [v, k] of [[a2.clone().add(side), s], [a2.clone().sub(side), s], [b2.clone().add(side), s + len], [b2.clone().sub(side), s + len]] as const) {
          pos.push(v.x, v.y, v.z);
          along.push(k);
          phase.push(p);
        }
        index.push(base, base + 2, base + 1, base + 1, base + 2, base + 3);
        s += len;
      }
    });
    const g = new THREE.BufferGeometry();
    g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
    g.setAttribute('along', new THREE.Float32BufferAttribute(along, 1));
    g.setAttribute('phase', new THREE.Float32BufferAttribute(phase, 1));
    g.setIndex(index);
    return g;
  };
  const time = uniform(0);
  // Pulses every 9 units along a trace, travelling out from the chip at 4 units a second, a bright head
  // with a tail.
  const period = 9 * cell;
  const behind: N = fract(time.mul(4 * cell).add(attribute('phase', 'float')).sub(attribute('along', 'float')).div(period)).mul(period);
  const pulse: N = exp(behind.div(-0.9 * cell)).add(exp(behind.sub(period).div(0.08 * cell)));
  const c = vec3(colour.r, colour.g, colour.b);
  const traceMat = new THREE.MeshBasicNodeMaterial();
  traceMat.colorNode = vec4(c.mul(float(0.28).add(pulse.mul(2.2))), 1) as N;
  const glowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  glowMat.colorNode = vec4(c.mul(float(0.05).add(pulse.mul(0.45))), 1) as N;
  group.add(new THREE.Mesh(build(cell * 0.13, 0.002 * cell), traceMat));
  const glow = new THREE.Mesh(build(cell * 0.5, 0.004 * cell), glowMat);
  glow.renderOrder = 2;
  group.add(glow);

  // Vias where traces end: a bright ring round a dark hole.
  const ends = viaCells;
  const vias = new THREE.InstancedMesh(new THREE.RingGeometry(cell * 0.14, cell * 0.3, 16).rotateX(-Math.PI / 2), new THREE.MeshBasicNodeMaterial({ color: colour.clone().multiplyScalar(0.8) }), Math.max(1, ends.length));
  const m = new THREE.Matrix4();
  ends.forEach((e, i) => vias.setMatrixAt(i, m.makeTranslation(at(e[0], e[1], 0.006 * cell))));
  vias.count = ends.length;
  group.add(vias);

  // Chips: black packages standing a little proud of the board, their pins in grey.
  const chipMat = new THREE.MeshStandardNodeMaterial({ color: new THREE.Color('#111214'), roughness: 0.45, metalness: 0.1 });
  const pinMat = new THREE.MeshBasicNodeMaterial({ color: colour.clone().multiplyScalar(0.5).lerp(new THREE.Color('#9aa0a6'), 0.5) });
  for (const chip of chips) {
    const body = new THREE.Mesh(new THREE.BoxGeometry((chip.w - 0.4) * cell, 0.6 * cell, (chip.h - 0.4) * cell), chipMat);
    body.position.copy(at(chip.x + chip.w / 2 - 0.5, chip.y + chip.h / 2 - 0.5, 0.3 * cell));
    group.add(body);
    const pins = new THREE.Mesh(new THREE.BoxGeometry((chip.w + 0.5) * cell, 0.05 * cell, (chip.h + 0.5) * cell), pinMat);
    pins.position.copy(at(chip.x + chip.w / 2 - 0.5, chip.y + chip.h / 2 - 0.5, 0.025 * cell));
    group.add(pins);
  }
  return {
    group,
    update(t) {
      time.value = t;
    },
  };
}
