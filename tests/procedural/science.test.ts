/**
 * Science and medical B-roll (scene/molecules.mts, scene/blood.mts): "atoms and molecules floating" and
 * "red blood cells flowing" had every word of their subject ignored. Molecules are built, electrons
 * circle and cells stream by pure functions, tested here; the render tests are in render.test.ts.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type MoleculesModule = typeof import('../../engine/src/generators/procedural/scene/molecules.mjs', { with: { 'resolution-mode': 'import' } });
type BloodModule = typeof import('../../engine/src/generators/procedural/scene/blood.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/science: molecules, atoms, blood cells', () => {
  it('plans each for the words people use', () => {
    const kinds = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.subjects.map((s) => s.kind).join(',');
    assert.equal(kinds('atoms and molecules floating'), 'molecules');
    assert.equal(kinds('molecular structure rotating'), 'molecules');
    assert.equal(kinds('atom model with electrons orbiting'), 'atom');
    assert.equal(kinds('red blood cells flowing'), 'blood-cells', 'the flow is the cells\', not ribbons of light');
    assert.equal(kinds('blood flowing through a vein'), 'blood-cells');
    const blood = planPrompt({ prompt: 'red blood cells flowing, orbit', seed: 1 }).plan.camera.move;
    assert.equal(blood, 'dolly-in', 'an orbit would leave the vessel');
    for (const prompt of ['atoms and molecules floating', 'red blood cells flowing', 'atom model with electrons orbiting']) assert.deepEqual(planPrompt({ prompt, seed: 1 }).ignoredWords, [], prompt);
  });

  it('builds molecules with bonds of a bond\'s length, carbons of at most four bonds, no atoms inside each other', async () => {
    const { buildMolecule } = await importProcedural<MoleculesModule>('scene/molecules.mts');
    for (let seed = 1; seed <= 20; seed++) {
      const rng = stream(seed, 'molecule');
      const m = buildMolecule(() => rng.next());
      const dist = (a: number, b: number) => Math.hypot(...m.atoms[a]!.at.map((v, k) => v - m.atoms[b]!.at[k]!));
      for (const [a, b] of m.bonds) assert.ok(dist(a, b) > 0.6 && dist(a, b) < 1.1, `seed ${seed}: bond ${a}-${b} is ${dist(a, b)}`);
      m.atoms.forEach((atom, i) => {
        const bonds = m.bonds.filter(([a, b]) => a === i || b === i).length;
        if (atom.element === 'C') assert.ok(bonds >= 2 && bonds <= 4, `seed ${seed}: carbon ${i} has ${bonds} bonds`);
        else assert.equal(bonds, 1, `seed ${seed}: ${atom.element} ${i} hangs on one bond`);
        for (let j = i + 1; j < m.atoms.length; j++) assert.ok(dist(i, j) > 0.35, `seed ${seed}: atoms ${i} and ${j} overlap (${dist(i, j)})`);
      });
      const c = [0, 1, 2].map((k) => m.atoms.reduce((s, a) => s + a.at[k]!, 0) / m.atoms.length);
      assert.ok(c.every((v) => Math.abs(v) < 1e-9), 'centred');
    }
  });

  it('keeps an electron on its orbit, coming round again', async () => {
    const { electronAt } = await importProcedural<MoleculesModule>('scene/molecules.mts');
    for (let t = 0; t < 5; t += 0.37) assert.ok(Math.abs(Math.hypot(...electronAt(2.4, [0.4, 0.7], 1.6, 0.3, t)) - 2.4) < 1e-9);
    const a = electronAt(2.4, [0.4, 0.7], 1.6, 0.3, 0);
    const b = electronAt(2.4, [0.4, 0.7], 1.6, 0.3, (Math.PI * 2) / 1.6);
    assert.ok(a.every((v, k) => Math.abs(v - b[k]!) < 1e-9), 'a period later, the same place');
  });

  it('streams cells fastest on the vessel\'s axis, inside it, past the lens and round again', async () => {
    const { flowSpeed, placeCells, cellZ, VESSEL_RADIUS, VESSEL_LENGTH } = await importProcedural<BloodModule>('scene/blood.mts');
    assert.ok(flowSpeed(0, 3) > flowSpeed(VESSEL_RADIUS * 0.5, 3) && flowSpeed(VESSEL_RADIUS * 0.5, 3) > flowSpeed(VESSEL_RADIUS, 3), 'laminar');
    const rng = stream(2, 'cells');
    const cells = placeCells(() => rng.next(), 300);
    assert.ok(cells.every((c) => c.r >= 0 && c.r < VESSEL_RADIUS - 0.8), 'clear of the wall');
    for (const t of [0, 1.3, 4, 17]) {
      for (const c of cells.slice(0, 50)) {
        const z = cellZ(c, t, 3.2, 1);
        assert.ok(z <= 1 && z > 1 - VESSEL_LENGTH, `at ${t} s a cell is at z ${z}`);
      }
    }
    // Towards the lens: a cell moves +z between frames (unless it wrapped round).
    const c = cells[0]!;
    const z0 = cellZ(c, 0.5, 3.2, 1);
    const z1 = cellZ(c, 0.55, 3.2, 1);
    assert.ok(z1 > z0 || z0 - z1 > VESSEL_LENGTH * 0.9, 'moving towards the lens');
  });
});
