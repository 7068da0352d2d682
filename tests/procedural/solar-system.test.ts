/**
 * The solar system (subject 'solar-system', scene/solar-system.mts): "a solar system" drew a bare
 * gradient, "planets orbiting the sun" the earth alone. Now the orrery: the sun and the eight planets
 * going round it at rates in proportion to their real periods.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type SystemModule = typeof import('../../engine/src/generators/procedural/scene/solar-system.mjs', { with: { 'resolution-mode': 'import' } });

/** Semi-major axes in astronomical units (NASA planetary fact sheet), Mercury to Neptune. */
const AU = [0.387, 0.723, 1, 1.524, 5.203, 9.537, 19.19, 30.07];

describe('procedural/solar system', function () {
  this.timeout(60000);

  it('plans the orrery for the solar system and planets going round the sun, without a second planet', () => {
    for (const prompt of ['a solar system', 'planets orbiting the sun', 'the eight planets of our solar system', 'orrery, slow push in']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting, plan.subjects.map((s) => s.kind).join(',')], ['abstract', 'space', 'solar-system'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
    assert.deepEqual(planPrompt({ prompt: 'the solar system in front of a nebula', seed: 1 }).plan.subjects.map((s) => s.kind), ['solar-system', 'nebula']);
    assert.deepEqual(planPrompt({ prompt: 'planet earth from space', seed: 1 }).plan.subjects.map((s) => s.kind), ['planet'], 'one planet is still the planet');
  });

  it('turns each planet in its real period (Kepler\'s third law holds), the earth once in EARTH_YEAR seconds', async () => {
    const { PLANETS, EARTH_YEAR, planetAngle } = await importProcedural<SystemModule>('scene/solar-system.mts');
    assert.equal(PLANETS.length, 8);
    PLANETS.forEach((p, i) => assert.ok(Math.abs(p.years / AU[i]! ** 1.5 - 1) < 0.01, `${p.name}: ${p.years} years at ${AU[i]} AU`));
    const earth = PLANETS.findIndex((p) => p.name === 'earth');
    assert.ok(Math.abs(planetAngle(earth, EARTH_YEAR, 0.3) - 0.3 - 2 * Math.PI) < 1e-9);
    // Mercury laps the earth four times in a year; Neptune moves about two degrees.
    assert.ok(Math.abs(planetAngle(0, EARTH_YEAR, 0) / (2 * Math.PI) - 4.15) < 0.01);
    assert.ok(planetAngle(7, EARTH_YEAR, 0) < (2.5 * Math.PI) / 180);
  });

  it('keeps the squeezed orbits apart: no planet (Saturn with its rings) reaches the next orbit', async () => {
    const { PLANETS, SUN_RADIUS } = await importProcedural<SystemModule>('scene/solar-system.mts');
    const reach = (p: (typeof PLANETS)[number]) => (p.ringed ? p.radius * 2.25 : p.radius);
    assert.ok(PLANETS[0]!.orbit - reach(PLANETS[0]!) > SUN_RADIUS * 1.3, 'Mercury clear of the sun');
    for (let i = 1; i < PLANETS.length; i++) assert.ok(PLANETS[i]!.orbit - PLANETS[i - 1]!.orbit > reach(PLANETS[i]!) + reach(PLANETS[i - 1]!), `${PLANETS[i - 1]!.name} and ${PLANETS[i]!.name}`);
  });

  describe('render', () => {
    const gen = procedural();

    it('the sun bright at the centre, the orbits round it, more moving than the starry sky behind on a still shot', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('the solar system, locked off', 4, { num: 4, den: 1 }), 'solar-system');
      const f = shot[0]!;
      const at = (x: number, y: number) => f[(y * 192 + x) * 4]!;
      assert.ok(at(96, 54) > 200, `the sun at the centre (${at(96, 54)})`);
      assert.ok(at(5, 5) < 40 && at(186, 102) < 40, 'space at the corners');
      const drawn = changedPixels(bare[0]!, f, 192, 30).n;
      const moved = (frames: Uint8Array[]) => frames.slice(1).reduce((n, g, i) => n + changedPixels(frames[i]!, g, 192, 30).n, 0);
      // Measured: 4,774 pixels drawn by the system; 2,450 changed over three frame pairs, against 1,226 for the sky alone.
      assert.ok(drawn > 1000, `the system drawn (${drawn} pixels)`);
      assert.ok(moved(shot) > moved(bare) + 200, `the planets move (${moved(shot)} changed, the sky alone ${moved(bare)})`);
    });
  });
});
