/**
 * Coffee beans (body 'beans'): "coffee beans falling in slow motion" was a mug on a studio sweep with
 * "beans" reported ignored. Beans now pour onto a heap in a close-up: each a flattened ellipsoid with the
 * crease down its flat face (sim/bean.ts), the same shape for its collider's convex hull and its mesh.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { BEAN_FLAT, beanHullPoints, beanPoint, creaseX } from '../../engine/src/generators/procedural/sim/bean';
import { PhysicsSim } from '../../engine/src/generators/procedural/sim/physics';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

/** v rotated by the unit quaternion q = [x, y, z, w]. */
function rotate(q: [number, number, number, number], v: [number, number, number]): [number, number, number] {
  const [x, y, z, w] = q;
  const [vx, vy, vz] = v;
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  return [vx + w * tx + (y * tz - z * ty), vy + w * ty + (z * tx - x * tz), vz + w * tz + (x * ty - y * tx)];
}

describe('procedural/beans: coffee beans pouring onto a heap', function () {
  this.timeout(60000);

  it('plans beans for coffee beans, the mug for coffee; beans elsewhere are reported, not drawn', () => {
    for (const prompt of ['coffee beans falling in slow motion', 'roasted coffee beans pouring onto a pile', 'coffee beans piling up', 'coffee beans crashing down']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.equal(plan.archetype, 'physics', prompt);
      assert.deepEqual(plan.physics.events.map((e) => [e.kind, e.body]), [['fall', 'beans']], `${prompt}: beans fall onto a heap, not a stack or a pyramid`);
      assert.ok(!plan.subjects.some((s) => s.kind === 'mug'), `${prompt}: no mug`);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.equal(planPrompt({ prompt: 'coffee beans falling', seed: 1 }).plan.physics.events[0]!.count, 90, 'a heap needs many beans');
    const cup = planPrompt({ prompt: 'a cup of coffee with coffee beans', seed: 1 });
    assert.ok(cup.plan.subjects.some((s) => s.kind === 'mug'), 'the cup is the product');
    assert.deepEqual(cup.ignoredWords, ['coffee beans'], 'beans beside a product are not drawn, and say so');
    assert.equal(planPrompt({ prompt: 'a cup of coffee', seed: 1 }).plan.subjects[0]!.kind, 'mug');
  });

  it('shapes a bean: rounded back, flat face, a crease deepest mid-length on its centre line', () => {
    assert.deepEqual(beanPoint(0.6, 0.8, 0).p, [0.6, 0.8, 0], 'the rounded back is the sphere');
    const mid = beanPoint(creaseX(0), -1, 0);
    assert.equal(mid.crease, 1, 'the crease is deepest on its line, mid-length');
    assert.ok(Math.abs(mid.p[1] - (BEAN_FLAT + 0.3)) < 1e-9, `its bottom lies inside the bean (${mid.p[1]})`);
    assert.equal(beanPoint(0.5, -0.9, 0).crease, 0, 'the flat face beside the crease is flat');
    assert.equal(beanPoint(0.5, -0.9, 0).p[1], BEAN_FLAT);
    assert.ok(beanPoint(creaseX(0.95), -0.3 - 0.1, 0.95).crease < 0.35, 'the crease closes towards the ends');
    assert.notEqual(creaseX(0.5), creaseX(-0.5), 'the crease bends');
    const half: [number, number, number] = [0.11, 0.1, 0.15];
    const hull = beanHullPoints(half);
    assert.equal(hull.length, (2 + 5 * 12) * 3, 'two poles and five rings of twelve');
    const axis = (k: number) => {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = k; i < hull.length; i += 3) (lo = Math.min(lo, hull[i]!)), (hi = Math.max(hi, hull[i]!));
      return hi - lo;
    };
    const [w, t, l] = [axis(0), axis(1), axis(2)];
    assert.ok(Math.abs(w / l - 0.73) < 0.03 && Math.abs(t / l - 0.45) < 0.03, `length : width : thickness = 1 : ${(w / l).toFixed(2)} : ${(t / l).toFixed(2)}`);
  });

  it('pours beans onto one heap, every one at rest on the floor and none through it', async () => {
    const sim = await PhysicsSim.create({ events: [{ kind: 'fall', body: 'beans', count: 60, material: 'matte' }], gravity: 9.81, seed: 3, simDuration: 5 });
    sim.advanceTo(10.5);
    const pos = { v: [0, 0, 0] as [number, number, number], set(x: number, y: number, z: number) { this.v = [x, y, z]; } };
    const quat = { q: [0, 0, 0, 1] as [number, number, number, number], set(x: number, y: number, z: number, w: number) { this.q = [x, y, z, w]; } };
    let lowest = Infinity;
    let farthest = 0;
    sim.bodies.forEach((b, i) => {
      assert.equal(b.shape, 'bean');
      assert.ok(sim.state(i).speed < 0.05, `bean ${i} still moving at ${sim.state(i).speed.toFixed(3)} m/s after 10.5 s`);
      sim.pose(i, 10.5, pos, quat);
      const hull = beanHullPoints(b.half);
      for (let k = 0; k < hull.length; k += 3) {
        const p = rotate(quat.q, [hull[k]!, hull[k + 1]!, hull[k + 2]!]);
        lowest = Math.min(lowest, pos.v[1] + p[1] - sim.floorY);
      }
      assert.ok(pos.v[1] < 1, `bean ${i} came down (y = ${pos.v[1].toFixed(2)})`);
      farthest = Math.max(farthest, Math.hypot(pos.v[0], pos.v[2]));
    });
    assert.ok(lowest > -0.01, `a bean went ${(-lowest).toFixed(3)} m into the floor`);
    // Measured when written: the lowest point of any bean 0.6 mm under the floor's top (contact slop), the
    // farthest of 60 beans 2.58 m from the centre of the pour (a pour as wide as the balls' reached 4).
    assert.ok(farthest < 3, `one heap: the farthest bean is ${farthest.toFixed(2)} m out`);
    sim.dispose();
  });

  describe('render', () => {
    const gen = procedural();

    it('draws roasted brown beans filling the close-up as the heap grows', async () => {
      const brown: number[] = [];
      for (const px of await renderRgba(gen(), smallRequest('coffee beans falling in slow motion', 5))) {
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          const [r, gg, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
          if (r > gg && gg > b && r - b > 40 && r < 200) n++;
        }
        brown.push(n / (px.length / 4));
      }
      // Measured when written: brown share of the frame 0.014, 0.042, 0.085, 0.119, 0.130 at 0 to 4 s.
      assert.ok(brown[0]! > 0.005, `beans in the air from the first frame (${brown[0]!.toFixed(3)})`);
      assert.ok(brown[4]! > 0.08, `a heap of brown beans fills the close-up (${brown[4]!.toFixed(3)} of the frame)`);
      assert.ok(brown[4]! > brown[0]!, `the heap grows (${brown.map((x) => x.toFixed(3)).join(', ')})`);
    });
  });
});
