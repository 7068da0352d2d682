import { strict as assert } from 'node:assert';
import { PhysicsSim, PHYSICS_HZ } from '../../engine/src/generators/procedural/sim/physics';
import { ParticleSystem } from '../../engine/src/generators/procedural/sim/particles';
import { cameraPose, ease } from '../../engine/src/generators/procedural/sim/camera';
import type { PhysicsEvent } from '../../engine/src/generators/procedural/plan/schema';

async function run(events: PhysicsEvent[], seconds: number, seed = 1, stepEvery = 1 / PHYSICS_HZ) {
  const sim = await PhysicsSim.create({ events, gravity: 9.81, seed, simDuration: 5 });
  let lowest = Infinity;
  for (let t = 0; t <= seconds + 1e-9; t += stepEvery) {
    sim.advanceTo(t);
    sim.bodies.forEach((b, i) => {
      const s = sim.state(i);
      // The lowest point of a body's bounding sphere-ish extent above the floor (boxes may rest on an edge).
      if (s.enabled) lowest = Math.min(lowest, s.position[1] - sim.floorY - Math.min(...b.half));
    });
  }
  return { sim, lowest };
}

describe('procedural physics (Rapier, fixed 120 Hz step)', function () {
  this.timeout(20000);

  it('dropped bodies come to rest on the ground and never pass through it', async () => {
    const { sim, lowest } = await run([{ kind: 'fall', body: 'cubes', count: 16, material: 'plastic' }, { kind: 'fall', body: 'marbles', count: 10, material: 'glass' }], 10.5);
    assert.ok(lowest > -0.02, `a body went ${(-lowest).toFixed(3)} m into the ground`);
    sim.bodies.forEach((b, i) => {
      const s = sim.state(i);
      assert.ok(s.speed < 0.05, `body ${i} still moving at ${s.speed.toFixed(3)} m/s after 10.5 s`);
      assert.ok(s.position[1] < 3, `body ${i} did not come down (y=${s.position[1].toFixed(2)})`);
      assert.ok(s.position[1] > sim.floorY, `body ${i} is below the floor`);
      void b;
    });
    sim.dispose();
  });

  it('bouncing rubber balls bounce (rise again after first contact) and settle', async () => {
    const sim = await PhysicsSim.create({ events: [{ kind: 'bounce', body: 'balls', count: 1, material: 'rubber' }], gravity: 9.81, seed: 4, simDuration: 5 });
    let touched = false;
    let roseAfter = false;
    let prevY = Infinity;
    for (let t = 0; t < 6; t += 1 / 120) {
      sim.advanceTo(t);
      const s = sim.state(0);
      const r = sim.bodies[0]!.half[0];
      if (s.position[1] - r < 0.02) touched = true;
      if (touched && s.position[1] > prevY + 1e-4 && s.position[1] - r > 0.3) roseAfter = true;
      prevY = s.position[1];
    }
    assert.ok(touched && roseAfter, 'the ball should touch the ground and rise again');
    sim.dispose();
  });

  it('dominoes all fall once the first is pushed', async () => {
    const { sim } = await run([{ kind: 'dominoes', body: 'dominoes', count: 20, material: 'wood' }], 7);
    const standing = sim.bodies.filter((_, i) => sim.state(i).position[1] > 0.3).length;
    assert.equal(standing, 0, `${standing} dominoes still standing`);
    sim.dispose();
  });

  it('is deterministic, and frame sampling does not change the simulation', async () => {
    const events: PhysicsEvent[] = [{ kind: 'collide', body: 'cubes', count: 12, material: 'plastic' }];
    const a = await run(events, 3, 7, 1 / 24);
    const b = await run(events, 3, 7, 1001 / 30000);
    const c = await run(events, 3, 8, 1 / 24);
    const pos = (s: PhysicsSim) => s.bodies.map((_, i) => s.state(i).position.map((v) => v.toFixed(6)).join(',')).join(';');
    // Both advanced to a time within the same 120 Hz step region at the end: compare after a common time.
    a.sim.advanceTo(3.5);
    b.sim.advanceTo(3.5);
    c.sim.advanceTo(3.5);
    assert.equal(pos(a.sim), pos(b.sim));
    assert.notEqual(pos(a.sim), pos(c.sim), 'a different seed stages differently');
    [a, b, c].forEach((x) => x.sim.dispose());
  });

  it('splashes record where bodies enter the water', async () => {
    const { sim } = await run([{ kind: 'splash', body: 'balls', count: 5, material: 'plastic' }], 5);
    assert.equal(sim.impacts.length, 5);
    for (const im of sim.impacts) assert.equal(im.position[1], sim.waterLevel);
    sim.dispose();
  });
});

describe('procedural particles', () => {
  const box = { center: [0, 5, 0] as [number, number, number], size: [20, 10, 20] as [number, number, number] };

  it('rain falls near its terminal speed, snow slower and drifting with the wind', () => {
    const rain = new ParticleSystem('rain', 0.2, box, 0, 9.81, 1);
    const snow = new ParticleSystem('snow', 0.2, box, 0.8, 9.81, 1);
    rain.advanceTo(2);
    snow.advanceTo(2);
    const meanVy = (p: ParticleSystem) => p.vel.filter((_, i) => i % 3 === 1).reduce((a, b) => a + b, 0) / p.count;
    const meanVx = (p: ParticleSystem) => p.vel.filter((_, i) => i % 3 === 0).reduce((a, b) => a + b, 0) / p.count;
    assert.ok(meanVy(rain) < -6, `rain falls fast (${meanVy(rain).toFixed(2)})`);
    assert.ok(Math.abs(meanVy(rain) + rain.terminalSpeed()) < 2.5);
    assert.ok(meanVy(snow) > -2 && meanVy(snow) < -0.3, `snow drifts down (${meanVy(snow).toFixed(2)})`);
    assert.ok(meanVx(snow) > 1, 'wind pushes snow sideways');
  });

  it('soap bubbles drift slowly and rise a little; they do not fall like snow', () => {
    const bubbles = new ParticleSystem('bubbles', 1, box, 0, 9.81, 2);
    bubbles.advanceTo(3);
    const vy = bubbles.vel.filter((_, i) => i % 3 === 1).reduce((a, b) => a + b, 0) / bubbles.count;
    const speed = Math.sqrt(bubbles.vel.reduce((a, b) => a + b * b, 0) / bubbles.count);
    assert.ok(vy > 0, `they rise on average (${vy.toFixed(3)} m/s)`);
    assert.ok(speed < 1, `and drift slowly (${speed.toFixed(2)} m/s rms)`);
  });

  it('stays inside its box and is deterministic', () => {
    const a = new ParticleSystem('leaves', 0.5, box, 0.5, 9.81, 3);
    const b = new ParticleSystem('leaves', 0.5, box, 0.5, 9.81, 3);
    a.advanceTo(4);
    b.advanceTo(4);
    assert.deepEqual(a.pos, b.pos);
    for (let i = 0; i < a.count; i++) {
      assert.ok(Math.abs(a.pos[i * 3]!) <= 10.5 && Math.abs(a.pos[i * 3 + 2]!) <= 10.5);
      assert.ok(a.pos[i * 3 + 1]! >= -0.5 && a.pos[i * 3 + 1]! <= 10.5);
    }
  });
});

describe('procedural camera moves', () => {
  const framing = { target: [0, 0, 0] as [number, number, number], distance: 10, azimuth: 0, elevation: 10 };
  const at = (move: Parameters<typeof cameraPose>[0]['move'], u: number) => cameraPose({ framing, move, speed: 1, shake: 0, u, t: u * 5, seed: 1 });
  const dist = (p: { position: number[] }) => Math.hypot(...p.position);

  it('eases in and out and moves the way each name says', () => {
    assert.equal(ease(0), 0);
    assert.equal(ease(1), 1);
    assert.ok(dist(at('dolly-in', 1)) < dist(at('dolly-in', 0)) * 0.8);
    assert.ok(dist(at('dolly-out', 1)) > dist(at('dolly-out', 0)) * 1.2);
    assert.deepEqual(at('static', 0), at('static', 1));
    assert.ok(at('crane-up', 1).position[1] > at('crane-up', 0).position[1] + 1);
    assert.deepEqual(at('pan-left', 0).position, at('pan-left', 1).position, 'a pan turns the camera, it does not move it');
    assert.notDeepEqual(at('pan-left', 0).lookAt, at('pan-left', 1).lookAt);
    // A tracking (slider) move slides camera and aim sideways together: looking along -Z, right is +X.
    const [a, b] = [at('truck-right', 0), at('truck-right', 1)];
    assert.ok(b.position[0] - a.position[0] > 2.5 && Math.abs(b.position[2] - a.position[2]) < 1e-9, `slid ${(b.position[0] - a.position[0]).toFixed(2)} along x`);
    assert.ok(Math.abs(b.lookAt[0] - a.lookAt[0] - (b.position[0] - a.position[0])) < 1e-9, 'the aim slides with it');
    assert.ok(at('truck-left', 1).position[0] < at('truck-left', 0).position[0]);
  });
});
