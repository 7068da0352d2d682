/**
 * A circuit board (scene/circuit.mts): "circuit board with glowing traces" was an abstract gradient with
 * "circuit board traces" ignored. Chips and traces routed as on a board now glow, pulses running along them.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type CircuitModule = typeof import('../../engine/src/generators/procedural/scene/circuit.mjs', { with: { 'resolution-mode': 'import' } });

/** Whether segments ab and cd cross or touch (collinear overlaps included). */
function meet(a: [number, number], b: [number, number], c: [number, number], d: [number, number]): boolean {
  const cross = (p: [number, number], q: [number, number], r: [number, number]) => (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const on = (p: [number, number], q: [number, number], r: [number, number]) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (d1 === 0 && on(c, d, a)) || (d2 === 0 && on(c, d, b)) || (d3 === 0 && on(a, b, c)) || (d4 === 0 && on(a, b, d));
}

describe('procedural/circuit: a circuit board with pulses running along its traces', function () {
  this.timeout(60000);

  it('routes traces as a board is routed: straight and 45-degree runs, on the board, clear of the chips, never meeting', async () => {
    const { routeBoard } = await importProcedural<CircuitModule>('scene/circuit.mts');
    for (const seed of [1, 7, 42]) {
      let s = seed;
      const rand = () => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
      const { chips, traces, vias } = routeBoard(rand, 120, 68);
      assert.ok(chips.length >= 4 && traces.length > 150, `seed ${seed}: ${chips.length} chips, ${traces.length} traces`);
      assert.ok(vias.length >= traces.length, 'a via at the free end of every trace');
      const segments: Array<{ a: [number, number]; b: [number, number]; trace: number }> = [];
      traces.forEach((t, ti) => {
        for (const [x, y] of t) {
          assert.ok(x >= 1 && y >= 1 && x < 119 && y < 67, `on the board: ${x}, ${y}`);
          for (const c of chips) assert.ok(!(x >= c.x && x < c.x + c.w && y >= c.y && y < c.y + c.h), `not under a chip: ${x}, ${y}`);
        }
        for (let i = 0; i + 1 < t.length; i++) {
          const [dx, dy] = [t[i + 1]![0] - t[i]![0], t[i + 1]![1] - t[i]![1]];
          assert.ok(dx === 0 || dy === 0 || Math.abs(dx) === Math.abs(dy), `straight or 45 degrees: ${dx}, ${dy}`);
          segments.push({ a: t[i]!, b: t[i + 1]!, trace: ti });
        }
      });
      for (let i = 0; i < chips.length; i++) {
        for (let j = i + 1; j < chips.length; j++) {
          const [p, q] = [chips[i]!, chips[j]!];
          assert.ok(p.x + p.w <= q.x || q.x + q.w <= p.x || p.y + p.h <= q.y || q.y + q.h <= p.y, 'chips apart');
        }
      }
      let crossings = 0;
      for (let i = 0; i < segments.length; i++) {
        for (let j = i + 1; j < segments.length; j++) {
          if (segments[i]!.trace !== segments[j]!.trace && meet(segments[i]!.a, segments[i]!.b, segments[j]!.a, segments[j]!.b)) crossings++;
        }
      }
      assert.equal(crossings, 0, `seed ${seed}: traces that meet another`);
    }
  });

  it('plans the board, its traces cyan unless a colour is named', () => {
    for (const prompt of ['circuit board with glowing traces', 'pcb close up', 'motherboard', 'data flowing through circuits']) {
      const r = planPrompt({ prompt, seed: 1 });
      const s = r.plan.subjects.find((x) => x.kind === 'circuit');
      assert.ok(s, prompt);
      assert.equal(s.color, '#2fd4ff', prompt);
    }
    assert.equal(planPrompt({ prompt: 'orange circuit board', seed: 1 }).plan.subjects.find((x) => x.kind === 'circuit')?.color, '#e8711c');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws lit traces on a dark board, pulses moving along them', async () => {
      const frames = await renderRgba(gen(), { ...smallRequest('circuit board with glowing traces, static', 2, { num: 2, den: 1 }), width: 320, height: 180 });
      let cyan = 0;
      let dark = 0;
      const px = frames[0]!;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 2]! > 140 && px[i + 1]! > 100 && px[i]! < px[i + 2]! - 60) cyan++;
        if (px[i]! + px[i + 1]! + px[i + 2]! < 120) dark++;
      }
      // Measured: 7973 cyan pixels, 28441 dark (of 57600), 7.6 mean change over half a second.
      assert.ok(cyan > 3000, `lit traces: ${cyan} cyan pixels`);
      assert.ok(dark > (320 * 180) / 3, `a dark board between them: ${dark}`);
      assert.ok(meanAbsDiff(frames[0]!, frames[1]!) > 2, 'pulses run along the traces');
    });
  });
});
