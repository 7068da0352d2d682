/**
 * A Rubik's cube being solved (subject 'rubiks-cube', scene/rubiks-cube.mts): "a rubik's cube rotating" was
 * a soda can. Now a cube that starts scrambled and is solved a quarter turn at a time by the clip's end.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural, importThree } from '../helpers/esm';

type CubeModule = typeof import('../../engine/src/generators/procedural/scene/rubiks-cube.mjs', { with: { 'resolution-mode': 'import' } });

describe("procedural/rubik's cube", function () {
  this.timeout(60000);

  it("plans the cube for its names", () => {
    for (const prompt of ["a rubik's cube rotating", 'solving a rubiks cube, close up', 'speed cube on a table']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'rubiks-cube'], prompt);
      assert.ok(!ignoredWords.some((w) => /cube|rubik|solving/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
  });

  it('turns nine cubies a turn, keeps them on the grid, and its scramble undone is the solved cube', async () => {
    const { solvedCube, applyTurn, scramble, cubeStates, undo, inLayer } = await importProcedural<CubeModule>('scene/rubiks-cube.mts');
    let s = 3;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const turns = scramble(25, next);
    for (let k = 1; k < turns.length; k++) assert.ok(!(turns[k]!.axis === turns[k - 1]!.axis && turns[k]!.layer === turns[k - 1]!.layer), 'no face twice running');
    const states = cubeStates(solvedCube(), turns);
    turns.forEach((t, k) => {
      const before = states[k]!;
      const after = states[k + 1]!;
      assert.equal(before.filter((c) => inLayer(c, t)).length, 9, `turn ${k} moves a layer of nine`);
      const moved = after.filter((c, i) => !c.position.equals(before[i]!.position) || Math.abs(c.rotation.dot(before[i]!.rotation)) < 1 - 1e-9).length;
      assert.ok(moved === 8 || moved === 9, `turn ${k} moves ${moved} cubies (the centre only turns)`);
      const cells = new Set(after.map((c) => `${c.position.x},${c.position.y},${c.position.z}`));
      assert.equal(cells.size, 27, 'every grid cell holds one cubie');
      for (const c of after) for (const v of [c.position.x, c.position.y, c.position.z]) assert.ok(Number.isInteger(v) && Math.abs(v) <= 1);
    });
    // Half a turn is not on the grid; the scramble then its inverse, in reverse, is home.
    assert.ok(applyTurn(solvedCube(), turns[0]!, 0.5).some((c) => !Number.isInteger(c.position.x) || !Number.isInteger(c.position.y) || !Number.isInteger(c.position.z)));
    const back = cubeStates(states[turns.length]!, turns.slice().reverse().map(undo))[turns.length]!;
    const home = solvedCube();
    back.forEach((c, i) => {
      assert.ok(c.position.equals(home[i]!.position), `cubie ${i} home`);
      assert.ok(Math.abs(Math.abs(c.rotation.w) - 1) < 1e-9, `cubie ${i} unturned`);
    });
  });

  it('starts scrambled and, as built for a clip, is solved by its end', async () => {
    const THREE = await importThree();
    const { createRubiksCube, TURN_SECONDS, PAUSE_SECONDS, HOLD_SECONDS, turnsFor } = await importProcedural<CubeModule>('scene/rubiks-cube.mts');
    let s = 11;
    const next = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const seconds = 5;
    const cube = createRubiksCube('plastic', seconds, next);
    const cubies = cube.group.children[0]!.children[0] as InstanceType<typeof THREE.InstancedMesh>;
    const positions = () => {
      const m = new THREE.Matrix4();
      const p = new THREE.Vector3();
      return Array.from({ length: 27 }, (_, i) => {
        cubies.getMatrixAt(i, m);
        return p.setFromMatrixPosition(m).clone();
      });
    };
    const count = turnsFor(seconds);
    assert.ok(count * (TURN_SECONDS + PAUSE_SECONDS) + HOLD_SECONDS <= seconds && count >= 6, `${count} turns fit 5 s with the hold`);
    cube.update(0);
    const start = positions();
    cube.update(seconds);
    const end = positions();
    // Solved: cubie i (built in x, y, z order from -1 to 1) is back where it started (to float32, as the
    // instance matrices are stored).
    let k = 0;
    for (let x = -1; x <= 1; x++) for (let y = -1; y <= 1; y++) for (let z = -1; z <= 1; z++) {
      const at = end[k++]!;
      assert.ok(at.distanceTo(new THREE.Vector3(x, y, z).multiplyScalar(0.64)) < 1e-6, `cubie at ${x},${y},${z} home at the end`);
    }
    assert.ok(start.some((p, i) => p.distanceTo(end[i]!) > 0.1), 'scrambled at the start');
  });
});
