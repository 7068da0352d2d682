/**
 * A drone over open water or land looks down on it (scene/nature.mts, AERIAL_SETTINGS): the settings'
 * framings are eye-level views, and "aerial view of a coastline" was shot from 5 degrees above the sand.
 * Mountains, meadows, forests and waterfalls keep their own framings; a car on a road its chase camera.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { stream } from '../../engine/src/generators/procedural/sim/rng';
import { importProcedural } from '../helpers/esm';

type NatureModule = typeof import('../../engine/src/generators/procedural/scene/nature.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/aerial: a drone looks down on open land and water', () => {
  it('raises the drone to 20 degrees or more over the sea, a beach, a lake and the desert, and nowhere else', async () => {
    const nature = await importProcedural<NatureModule>('scene/nature.mts');
    const elevation = (prompt: string): number => {
      const plan = planPrompt({ prompt, seed: 1 }).plan;
      // Building the shot renders nothing (the image-based light is made later, when the session asks).
      const shot = nature.buildNature({ plan, seed: 1, width: 160, height: 90, duration: 2, frames: 48, software: true, detail: 0.3, rng: (n: string) => stream(1, n), renderer: null as never });
      shot.dispose();
      return shot.framing.elevation;
    };
    for (const prompt of ['aerial view of a coastline', 'drone shot over the ocean', 'aerial of a lake', 'desert dunes, aerial']) {
      assert.ok(elevation(prompt) >= 20, `${prompt}: ${elevation(prompt)} degrees`);
    }
    assert.ok(elevation('ocean waves, static') < 20, 'a locked-off shot of the sea stays near the water');
    assert.ok(elevation('drone over a meadow') < 20, 'a meadow keeps its horizon');
    assert.equal(elevation('birds eye view of a forest'), 14, 'a forest keeps its view over the canopy');
    assert.ok(elevation('mountains, drone shot') < 20, 'mountains keep their peaks in the frame');
    assert.equal(elevation('a car on a desert highway, drone shot'), 11, 'the chase camera of a car on a road');
  });

  it('keeps pace with a car in slow motion: the drone travels as far as the car drives in simulation time', async () => {
    const nature = await importProcedural<NatureModule>('scene/nature.mts');
    const travel = (prompt: string): [number, number] => {
      const plan = planPrompt({ prompt, seed: 1 }).plan;
      const shot = nature.buildNature({ plan, seed: 1, width: 160, height: 90, duration: 4, frames: 96, software: true, detail: 0.3, rng: (n: string) => stream(1, n), renderer: null as never });
      shot.dispose();
      return [shot.framing.travel ?? 0, plan.motion.speed];
    };
    const [normal, one] = travel('a car on a country road');
    const [slow, speed] = travel('a car on a country road, slow motion');
    assert.ok(speed < 1 && one === 1);
    // It travelled at full speed while the car crept, so the car fell out of the back of the frame.
    assert.ok(Math.abs(slow - normal * speed) < 1e-9, `${slow} m with the car at ${speed}x, ${normal} m at 1x`);
  });
});
