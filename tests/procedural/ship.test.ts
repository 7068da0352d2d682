/**
 * A container ship (scene/ship.mts): "a container ship on the ocean" was the ocean with "container ship"
 * ignored. A ship with its containers stacked in bays now steams across the view far out.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type ShipModule = typeof import('../../engine/src/generators/procedural/scene/ship.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/ship: a container ship at sea', function () {
  this.timeout(60000);

  it('stacks the containers in bays ahead of the bridge, on the deck, none inside another', async () => {
    const { stackContainers, SHIP_LENGTH } = await importProcedural<ShipModule>('scene/ship.mts');
    let s = 2;
    const boxes = stackContainers(() => ((s = (s * 16807) % 2147483647) - 1) / 2147483646);
    assert.ok(boxes.length > 200, `${boxes.length} containers`);
    const half: [number, number, number] = [6.1, 1.3, 1.22];
    for (const b of boxes) {
      assert.ok(b.at[0] - half[0] > -SHIP_LENGTH / 2 + 23 && b.at[0] + half[0] < SHIP_LENGTH / 2 - 20, `ahead of the bridge, behind the bow: ${b.at[0]}`);
      assert.ok(Math.abs(b.at[2]) + half[2] < 15, 'within the beam');
      assert.ok(b.at[1] - half[1] >= -1e-9, 'on the deck or on a container');
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!.at, boxes[j]!.at];
        assert.ok([0, 1, 2].some((k) => Math.abs(a[k]! - b[k]!) >= 2 * half[k]! - 1e-9), `containers ${i} and ${j} overlap`);
      }
    }
  });

  it('plans a ship on the sea; cruise ships and warships are not drawn; "no ships" leaves it out', () => {
    const ship = (prompt: string) => planPrompt({ prompt, seed: 1 });
    const cargo = ship('a container ship on the ocean');
    assert.deepEqual([cargo.plan.setting, cargo.plan.subjects.some((x) => x.kind === 'ship'), cargo.ignoredWords], ['ocean', true, []]);
    assert.ok(ship('ships in the harbor').plan.subjects.some((x) => x.kind === 'ship'));
    assert.ok(ship('a cruise ship at sunset').ignoredWords.includes('cruise ship'));
    assert.equal(ship('ocean waves, no ships').plan.subjects.some((x) => x.kind === 'ship'), false);
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the ship on the horizon', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), { ...smallRequest('a container ship on the ocean, static', 1), width: 320, height: 180 }, 'ship');
      const ship = changedPixels(shot[0]!, bare[0]!, 320);
      // Measured: 998 pixels of ship at 320x180, a third of the frame's width on the horizon.
      assert.ok(ship.n > 500 && ship.y < 90, `${ship.n} pixels of ship, centred on row ${ship.y.toFixed(0)}`);
    });
  });
});
