/**
 * Neurons (subject 'neurons', scene/neurons.mts): "brain neurons firing" drew a bare gradient. Now nerve
 * cells with branching dendrites and axons, impulses running along them.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type NeuronsModule = typeof import('../../engine/src/generators/procedural/scene/neurons.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/neurons', function () {
  this.timeout(60000);

  it('plans nerve cells, electric blue unless a colour is named; a neural network is still the plexus', () => {
    for (const prompt of ['brain neurons firing', 'synapses firing', 'nerve cells with impulses', 'neural activity background']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(',')], ['abstract', 'neurons'], prompt);
      assert.ok(!ignoredWords.some((w) => /neuron|synapse|nerve|neural/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: 'neurons', seed: 1 }).plan.subjects[0]!.color, '#4f8cff');
    assert.notEqual(planPrompt({ prompt: 'orange neurons', seed: 1 }).plan.subjects[0]!.color, '#4f8cff');
    assert.equal(planPrompt({ prompt: 'neural network background', seed: 1 }).plan.subjects[0]!.kind, 'network');
  });

  it('grows cells apart from each other, fibres out of their bodies, each axon ending on another cell', async () => {
    const { growNeurons } = await importProcedural<NeuronsModule>('scene/neurons.mts');
    const size: [number, number, number] = [20, 10, 10];
    for (const seed of [1, 2, 3]) {
      const rng = stream(seed, 'test');
      const { bodies, fibres } = growNeurons(() => rng.next(), 11, size);
      assert.equal(bodies.length, 11, `seed ${seed}: every cell placed`);
      const dist = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);
      for (let i = 0; i < bodies.length; i++) for (let j = i + 1; j < bodies.length; j++) assert.ok(dist(bodies[i]!.at, bodies[j]!.at) > size[0] / 5);
      const axons = fibres.filter((f) => f.to !== undefined);
      assert.equal(axons.length, 11, 'one axon a cell');
      for (const f of axons) {
        assert.notEqual(f.to, f.cell);
        assert.ok(dist(f.points[0]!, bodies[f.cell]!.at) < 1e-9 && dist(f.points.at(-1)!, bodies[f.to!]!.at) < 1e-9, 'from one body to another');
      }
      const dendrites = fibres.filter((f) => f.to === undefined);
      assert.ok(dendrites.length >= 11 * 5, `${dendrites.length} dendrites (five or more a cell, and their forks)`);
      for (const f of dendrites) {
        // Each starts at its cell's body (a primary dendrite) or on another dendrite of the same cell (a fork).
        const body = bodies[f.cell]!;
        const fromBody = dist(f.points[0]!, body.at) <= body.radius * 0.81;
        const fromFibre = dendrites.some((g) => g !== f && g.cell === f.cell && g.points.some((p) => dist(p, f.points[0]!) < 1e-9));
        assert.ok(fromBody || fromFibre, 'grown from its own cell');
        for (const p of f.points) assert.ok(Math.abs(p[0]!) < size[0] && Math.abs(p[1]!) < size[1] && Math.abs(p[2]!) < size[2], 'stays near the box');
      }
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('runs bright impulses along the fibres on a still shot', async () => {
      const frames = await renderRgba(gen(), smallRequest('brain neurons firing, locked off', 6, { num: 6, den: 1 }));
      // Impulses are near white; the fibres' own glow is blue.
      const white = (f: Uint8Array) => {
        const set = new Set<number>();
        for (let i = 0; i < f.length; i += 4) if (f[i]! > 190 && f[i + 1]! > 190 && f[i + 2]! > 190) set.add(i);
        return set;
      };
      const blue = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (f[i + 2]! > 120 && f[i + 2]! > f[i]! + 50) n++;
        return n;
      };
      const whites = frames.map(white);
      // Where the impulses are: mostly somewhere else a sixth of a second later (the field behind moves too,
      // so only the white beads are followed).
      const kept = whites.slice(1).map((w, i) => [...w].filter((k) => whites[i]!.has(k)).length / Math.max(1, w.size));
      // Measured: 2,376 blue pixels; 271 to 415 white a frame, 20% to 56% of them white a frame before.
      assert.ok(blue(frames[0]!) > 800, `the cells glow blue (${blue(frames[0]!)} pixels)`);
      assert.ok(whites.every((w) => w.size > 30), `impulses on every frame (${whites.map((w) => w.size).join(' ')})`);
      assert.ok(kept.every((k) => k < 0.7), `they run (${kept.map((k) => k.toFixed(2)).join(' ')} of each frame's beads where they were)`);
    });
  });
});
