/**
 * Cells under a microscope (subject 'cells', scene/microscope.mts): "cells under a microscope" drew a bare
 * gradient. Now a fluorescence microscope's field: green cells with blue nuclei drifting, a few dividing.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type MicroscopeModule = typeof import('../../engine/src/generators/procedural/scene/microscope.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/microscope: cells', function () {
  this.timeout(60000);

  it('plans the cells, held still or pushing in, green unless a colour is named; a cell phone and solar cells are not cells', () => {
    for (const prompt of ['cells under a microscope', 'cell division', 'bacteria under the microscope', 'mitosis, cells dividing']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects.map((s) => s.kind).join(',')], ['abstract', 'cells'], prompt);
      assert.ok(['static', 'dolly-in'].includes(plan.camera.move), `${prompt}: ${plan.camera.move}`);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    for (let seed = 0; seed < 12; seed++) assert.ok(['static', 'dolly-in'].includes(planPrompt({ prompt: 'cells', seed }).plan.camera.move), 'never an orbit round the slide');
    assert.equal(planPrompt({ prompt: 'cells under a microscope', seed: 1 }).plan.subjects[0]!.color, '#3fdc6a');
    assert.equal(planPrompt({ prompt: 'a cell phone on a desk', seed: 1 }).plan.subjects[0]!.kind, 'phone');
    assert.equal(planPrompt({ prompt: 'solar cells', seed: 1 }).plan.subjects.some((s) => s.kind === 'solar-panels'), true);
    assert.equal(planPrompt({ prompt: 'red blood cells flowing', seed: 1 }).plan.subjects[0]!.kind, 'blood-cells');
  });

  it('divides a cell into two halves of its area, touching as they part, then drifting apart', async () => {
    const { daughters } = await importProcedural<MicroscopeModule>('scene/microscope.mts');
    for (const split of [0, 0.3, 0.7, 1, 1.5]) {
      const { radius } = daughters(split);
      // Before they part the two discs overlap, so together they cover a little less than two discs.
      if (split >= 1) assert.ok(Math.abs(2 * radius * radius - 1) < 1e-12, `split ${split}: each half of the area`);
    }
    assert.deepEqual(daughters(0), { offset: 0, radius: 1 }, 'one round cell before');
    assert.ok(Math.abs(daughters(1).offset - daughters(1).radius) < 1e-12, 'just touching when they part');
    assert.ok(daughters(2).offset > daughters(1.5).offset && daughters(1.5).offset > daughters(1).offset, 'then apart');
  });

  it('drifts each cell smoothly, wrapping round the field, and starts a division where it was planned', async () => {
    const { cellState, DIVISION_SECONDS } = await importProcedural<MicroscopeModule>('scene/microscope.mts');
    const cell = { x: 9, y: -4, vx: 0.8, vy: -0.3, radius: 1, angle: 0.2, spin: 0.1, divideAt: 2, blur: 0, elongation: 1.2 };
    let wraps = 0;
    for (let f = 1; f < 24 * 20; f++) {
      const [a, b] = [cellState(cell, (f - 1) / 24, 20, 10), cellState(cell, f / 24, 20, 10)];
      assert.ok(Math.abs(b.x) <= 10 && Math.abs(b.y) <= 5, 'inside the field');
      if (Math.abs(b.x - a.x) > 1 || Math.abs(b.y - a.y) > 1) wraps++;
      else assert.ok(Math.hypot(b.x - a.x, b.y - a.y) < 0.05, 'no jumps but the wrap');
    }
    assert.ok(wraps >= 1, 'it crossed an edge and came back on the other side');
    assert.equal(cellState(cell, 1.9, 20, 10).split, 0);
    assert.ok(Math.abs(cellState(cell, 2 + DIVISION_SECONDS, 20, 10).split - 1) < 1e-12);
  });

  describe('render', () => {
    const gen = procedural();

    it('shows green cells with blue nuclei on a dark field, drifting on a still shot', async () => {
      const frames = await renderRgba(gen(), smallRequest('cells under a microscope, locked off', 3, { num: 2, den: 1 }));
      const count = (f: Uint8Array, test: (r: number, g: number, b: number) => boolean) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (test(f[i]!, f[i + 1]!, f[i + 2]!)) n++;
        return n;
      };
      const green = count(frames[0]!, (r, g, b) => g > 90 && g > r + 40 && g > b + 20);
      const blue = count(frames[0]!, (r, g, b) => b > 110 && b > g + 30 && b > r + 40);
      const dark = count(frames[0]!, (r, g, b) => r + g + b < 60);
      const moved = frames.slice(1).map((f, i) => greenChanged(frames[i]!, f));
      // Measured: 6,993 green, 696 blue and 10,662 dark pixels of 20,736; 320 and 418 changed in half a second.
      assert.ok(green > 2000, `green cytoplasm (${green} pixels)`);
      assert.ok(blue > 250, `blue nuclei (${blue} pixels)`);
      assert.ok(dark > 4000, `a dark field between them (${dark} pixels)`);
      assert.ok(moved.every((n) => n > 150), `the cells drift (${moved.join(' ')} pixels changed)`);
    });
  });
});

/** Pixels whose green moved by more than 30 levels: the cells (the dark field behind changes far less). */
function greenChanged(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs(a[i + 1]! - b[i + 1]!) > 30) n++;
  return n;
}
