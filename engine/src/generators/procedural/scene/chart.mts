/**
 * Data charts growing (business and finance B-roll): on a dark field, a floor of faint grid lines seen
 * from low and to the side; a row of bars rising one after another to their values, and a line graph of a
 * rising series drawing itself left to right over the clip, a glowing dot at its head and a soft glow under
 * the line. The series and the bars' growth are pure functions.
 */
import * as THREE from 'three/webgpu';
import { abs, exp, float, fract, max, min, mix, smoothstep, uniform, uv, vec3, vec4 } from 'three/tsl';

/* eslint-disable @typescript-eslint/no-explicit-any */
type N = any;

/** A rising series of `n` values in (0, 1]: an upward trend with ups and downs, ending near the top. Pure. */
export function risingSeries(rand: () => number, n: number): number[] {
  const raw: number[] = [];
  let v = 0.25 + rand() * 0.1;
  for (let i = 0; i < n; i++) {
    // Ups and downs of a fixed size: a long series (a stock line) is jagged, a short one (bars) steadier.
    v = Math.max(0.05, v + 0.7 / n + (rand() - 0.45) * 0.12);
    raw.push(v);
  }
  // The last value is the highest (the graph "goes up"), and is the top of the scale.
  const top = Math.max(...raw) * 1.04;
  raw[n - 1] = top;
  return raw.map((x) => x / top);
}

/** How far bar i of n has grown at `u` (0..1 of the clip): one after another, each easing out. Pure. */
export function barGrowth(i: number, n: number, u: number): number {
  const start = (i / n) * 0.55;
  const k = Math.min(1, Math.max(0, (u - start) / 0.35));
  return 1 - Math.pow(1 - k, 3);
}

export interface Chart {
  group: THREE.Group;
  update(t: number, u: number, camera: THREE.Camera): void;
}

/** A chart about the origin, `width` units across, values up to `height` units; bars and/or a line. */
export function createChart(rand: () => number, colours: [THREE.Color, THREE.Color], opts: { bars: boolean; line: boolean; width: number; height: number }): Chart {
  const group = new THREE.Group();
  const [lead, second] = colours;
  const { width, height } = opts;

  // The floor's grid: faint lines a unit apart, fading with distance from the chart.
  const gridMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const gu: N = uv().x.mul(width * 2);
  const gv: N = uv().y.mul(width * 2);
  const lineOf = (x: N) => float(1).sub(smoothstep(0.0, 0.035, abs(fract(x).sub(0.5)).mul(-1).add(0.5)));
  const fade: N = exp(uv().sub(0.5).length().mul(uv().sub(0.5).length()).mul(-9));
  gridMat.colorNode = vec4(vec3(lead.r, lead.g, lead.b).mul(max(lineOf(gu), lineOf(gv)).mul(0.22).mul(fade)), 1) as N;
  const grid = new THREE.Mesh(new THREE.PlaneGeometry(width * 2, width * 2).rotateX(-Math.PI / 2), gridMat);
  grid.position.y = -0.01;
  group.add(grid);

  // The back wall's value lines: a few horizontal lines behind the chart.
  const wallMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
  const wv: N = uv().y.mul(5);
  wallMat.colorNode = vec4(vec3(lead.r, lead.g, lead.b).mul(lineOf(wv).mul(0.14)).mul(smoothstep(0.0, 0.15, uv().x)).mul(smoothstep(1.0, 0.85, uv().x)), 1) as N;
  const wall = new THREE.Mesh(new THREE.PlaneGeometry(width * 1.1, height * 1.1).translate(0, (height * 1.1) / 2, 0), wallMat);
  wall.position.z = -1.2;
  group.add(wall);

  const progress = uniform(0);
  const updates: Array<(t: number, u: number, camera: THREE.Camera) => void> = [];
  if (opts.bars) {
    const n = 12;
    const values = risingSeries(rand, n);
    const gap = width / n;
    const mat = new THREE.MeshStandardNodeMaterial({ roughness: 0.3, metalness: 0.1 });
    // Each bar shaded from the second colour at its foot to the lead at its top, glowing a little.
    const up: N = uv().y;
    const c: N = mix(vec3(second.r, second.g, second.b), vec3(lead.r, lead.g, lead.b), up);
    mat.colorNode = c;
    mat.emissiveNode = c.mul(0.18);
    const bars = new THREE.InstancedMesh(new THREE.BoxGeometry(gap * 0.62, 1, gap * 0.62).translate(0, 0.5, 0), mat, n);
    bars.frustumCulled = false;
    group.add(bars);
    const m = new THREE.Matrix4();
    updates.push((_t, u) => {
      values.forEach((v, i) => {
        const h = Math.max(0.001, v * height * 0.8 * barGrowth(i, n, u));
        m.makeScale(1, h, 1).setPosition(-width / 2 + gap * (i + 0.5), 0, 0.3);
        bars.setMatrixAt(i, m);
      });
      bars.instanceMatrix.needsUpdate = true;
    });
  }
  if (opts.line) {
    // Straight segments between the values, as a price chart draws them (more of them on their own), in
    // front of the bars or on its own.
    const n = opts.bars ? 24 : 40;
    const values = risingSeries(rand, n).map((v) => v * 0.92);
    const samples = 240;
    const path = Array.from({ length: samples + 1 }, (_, j) => {
      const f = (j / samples) * (n - 1);
      const i = Math.min(n - 2, Math.floor(f));
      const v = values[i]! + (values[i + 1]! - values[i]!) * (f - i);
      return new THREE.Vector3(-width / 2 + (width * j) / samples, v * height, opts.bars ? 0.9 : 0);
    });
    // The line: a ribbon facing the lens (in the chart's plane), drawn up to the progress, brighter at
    // its head; a glow under it down to the floor, also up to the progress.
    const ribbon = (heightOf: (p: THREE.Vector3) => [number, number]) => {
      const pos: number[] = [];
      const uvs: number[] = [];
      const index: number[] = [];
      path.forEach((p, i) => {
        const [lo, hi] = heightOf(p);
        pos.push(p.x, lo, p.z, p.x, hi, p.z);
        uvs.push(i / samples, 0, i / samples, 1);
        if (i < samples) index.push(i * 2, i * 2 + 1, i * 2 + 2, i * 2 + 1, i * 2 + 3, i * 2 + 2);
      });
      const g = new THREE.BufferGeometry();
      g.setAttribute('position', new THREE.Float32BufferAttribute(pos, 3));
      g.setAttribute('uv', new THREE.Float32BufferAttribute(uvs, 2));
      g.setIndex(index);
      return g;
    };
    const drawn: N = float(1).sub(smoothstep(progress.sub(0.004), progress, uv().x));
    const lineMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
    const across: N = uv().y.sub(0.5).mul(2);
    const head: N = exp(min(float(0), uv().x.sub(progress)).mul(40));
    lineMat.colorNode = vec4(vec3(lead.r, lead.g, lead.b).mul(exp(across.mul(across).mul(-5))).mul(float(1.4).add(head.mul(2))).mul(drawn), 1) as N;
    const line = new THREE.Mesh(ribbon((p) => [p.y - 0.045, p.y + 0.045]), lineMat);
    line.renderOrder = 4;
    const glowMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending, side: THREE.DoubleSide });
    glowMat.colorNode = vec4(vec3(lead.r, lead.g, lead.b).mul(uv().y.pow(2.2).mul(0.12)).mul(drawn), 1) as N;
    const glow = new THREE.Mesh(ribbon((p) => [0, p.y]), glowMat);
    glow.renderOrder = 3;
    // The head: a glowing dot where the line has got to.
    const dotMat = new THREE.MeshBasicNodeMaterial({ transparent: true, depthWrite: false, blending: THREE.AdditiveBlending });
    const d: N = uv().sub(0.5).length().mul(2);
    dotMat.colorNode = vec4(mix(vec3(lead.r, lead.g, lead.b).mul(1.5), vec3(3, 3, 3), exp(d.mul(d).mul(-30))).mul(exp(d.mul(d).mul(-5))), 1) as N;
    const dot = new THREE.Mesh(new THREE.PlaneGeometry(0.7, 0.7), dotMat);
    dot.renderOrder = 5;
    group.add(glow, line, dot);
    updates.push((_t, u, camera) => {
      // Drawn over the first 85% of the clip, then held.
      const k = Math.min(1, u / 0.85);
      progress.value = k;
      dot.position.copy(path[Math.round(k * samples)]!);
      dot.quaternion.copy(camera.quaternion);
    });
  }
  return {
    group,
    update(t, u, camera) {
      for (const f of updates) f(t, u, camera);
    },
  };
}
