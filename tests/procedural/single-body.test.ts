/**
 * One body named ("a red ball bouncing", "a basketball falling") is one body, framed close: it was the
 * event's 14 or 36, specks in a wide shot. Bodies asked to bounce bounce (plastic's restitution let a ball
 * hop twice and lie still), and sports balls and champagne come in their own colours.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { namedOne } from '../../engine/src/generators/procedural/plan/planner';
import { PhysicsSim } from '../../engine/src/generators/procedural/sim/physics';

describe('procedural/single-body: one ball when one is named, and it bounces', function () {
  this.timeout(30000);

  it('reads "a" or "one" before a singular body as one of it', () => {
    assert.ok(namedOne('a red ball bouncing', 'ball'));
    assert.ok(namedOne('a big red rubber ball falling', 'ball'));
    assert.ok(namedOne('a single basketball', 'basketball'));
    assert.ok(!namedOne('red balls bouncing', 'balls'));
    assert.ok(!namedOne('a pile of balls', 'balls'));
    assert.ok(!namedOne('balls falling into a glass', 'balls'));
    const events = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.physics.events.map((e) => [e.kind, e.count]);
    assert.deepEqual(events('a red ball bouncing'), [['bounce', 1]]);
    assert.deepEqual(events('a ball splashing into water'), [['splash', 1]]);
    assert.deepEqual(events('red balls bouncing'), [['bounce', 14]]);
    assert.deepEqual(events('a stack of crates'), [['stack', 14]], 'a stack is still a stack');
    assert.deepEqual(events('a bowling ball knocking down pins'), [['collide', 10]], 'a structure keeps its pieces');
  });

  it('gives sports balls and champagne their own colours', () => {
    const colour = (prompt: string) => planPrompt({ prompt, seed: 1 }).plan.subjects[0]!;
    assert.deepEqual([colour('a basketball bouncing').kind, colour('a basketball bouncing').color], ['balls', '#d2601f']);
    assert.equal(colour('a tennis ball in slow motion').color, '#cfdc3a');
    assert.equal(colour('a soccer ball falling').color, '#f2f2ee');
    const champagne = planPrompt({ prompt: 'champagne glasses clinking in slow motion', seed: 1 }).plan.subjects[0]!;
    assert.deepEqual([champagne.kind, champagne.color], ['wine-glass', '#e6c56b']);
  });

  it('bounces one ball again and again before it comes to rest on the floor', async () => {
    const events = planPrompt({ prompt: 'a red ball bouncing', seed: 1 }).plan.physics.events;
    const sim = await PhysicsSim.create({ events, gravity: 9.81, seed: 1, simDuration: 5 });
    assert.equal(sim.bodies.length, 1);
    const r = sim.bodies[0]!.half[1];
    let bounces = 0;
    let falling = true;
    let last = sim.state(0).position[1];
    for (let t = 1 / 60; t < 8; t += 1 / 60) {
      sim.advanceTo(t);
      const y = sim.state(0).position[1];
      if (falling && y > last && last < r + 0.05) bounces++;
      falling = y <= last;
      last = y;
    }
    // Measured when written: 11 bounces, at rest from 3.9 s (with plastic's own restitution averaged with the
    // floor's, as Rapier combines them by default: 3 bounces, at rest from 1.9 s).
    assert.ok(bounces >= 7, `${bounces} bounces`);
    assert.ok(Math.abs(last - r) < 0.01 && sim.state(0).speed < 0.05, `at rest on the floor (y ${last.toFixed(3)}, r ${r.toFixed(3)})`);
    sim.dispose();
  });
});
