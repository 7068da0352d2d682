/**
 * Trains (scene/train.mts): "a train passing through mountains" was the mountains with "train" ignored. A
 * passenger, steam or freight train now runs across the view on a track that follows the land.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderWithoutSubject, smallRequest } from '../helpers/render';

type TrainModule = typeof import('../../engine/src/generators/procedural/scene/train.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/train: a train crossing the landscape', function () {
  this.timeout(60000);

  it('lays the track to a railway\'s grade over rolling land, never under it', async () => {
    const { trackProfile, heightAt } = await importProcedural<TrainModule>('scene/train.mts');
    // Rolling land with bumps: 6 m swells a kilometre long (4% at their steepest), 1.5 m bumps every 30 m
    // (25% on their flanks). Measured: 6.6% at the steepest, where the grade climbs onto an embankment.
    // Steeper land the track follows: it rides over the land, it does not cut.
    const ground = (s: number) => 6 * Math.sin(s / 150) + 1.5 * Math.sin(s / 4.7);
    const profile = trackProfile(ground);
    let steepest = 0;
    let under = 0;
    for (let s = -600; s <= 600; s += 1) {
      const h = heightAt(profile, s);
      if (h < ground(s) + 0.2) under = Math.max(under, ground(s) + 0.2 - h);
      steepest = Math.max(steepest, Math.abs(heightAt(profile, s + 1) - h));
    }
    assert.ok(under < 0.5, `the rails stay on top of the land: at worst ${under.toFixed(2)} m under`);
    assert.ok(steepest < 0.08, `a grade a train can climb: ${(steepest * 100).toFixed(1)}% at the steepest`);
    assert.ok(Math.abs(heightAt(profile, 0) - heightAt(profile, 0.0001)) < 0.001, 'continuous');
  });

  it('couples the vehicles one after another behind the front', async () => {
    const { vehicleCentre, CAR_LENGTH, CAR_GAP } = await importProcedural<TrainModule>('scene/train.mts');
    assert.equal(vehicleCentre(0, 100), 100 - CAR_LENGTH / 2);
    assert.ok(Math.abs(vehicleCentre(3, 100) - vehicleCentre(4, 100) - (CAR_LENGTH + CAR_GAP)) < 1e-9);
  });

  it('plans a passenger, steam or freight train across open country; subways and trams are not drawn; not on the sea', () => {
    const train = (prompt: string) => {
      const r = planPrompt({ prompt, seed: 1 });
      return { kind: r.plan.subjects.find((s) => /train/.test(s.kind))?.kind, count: r.plan.subjects.find((s) => /train/.test(s.kind))?.count, ignored: r.ignoredWords };
    };
    assert.deepEqual(train('a train passing through mountains'), { kind: 'train', count: 6, ignored: [] });
    assert.equal(train('steam train crossing a bridge').kind, 'steam-train');
    assert.deepEqual(train('freight train in the desert at sunset'), { kind: 'freight-train', count: 9, ignored: [] });
    assert.equal(train('a train with ten carriages').count, 10);
    const subway = train('subway train arriving at the platform');
    assert.equal(subway.kind, undefined);
    assert.ok(subway.ignored.includes('subway train'));
    assert.equal(train('a train on the ocean').kind, undefined, 'its track would lie on the waves');
    const station = planPrompt({ prompt: 'a subway station with a train arriving', seed: 1 });
    assert.equal(station.plan.archetype, 'abstract', 'not a train crossing a meadow');
    assert.ok(station.ignoredWords.includes('train'));
  });

  describe('render', () => {
    const gen = procedural();

    it('draws the train on its track, running across the frame', async () => {
      const W = 320;
      const H = 180;
      const prompt = 'a passenger train crossing the countryside, static';
      const { shot, bare } = await renderWithoutSubject(gen(), { ...smallRequest(prompt, 2, { num: 1, den: 2 }), width: W, height: H }, 'train');
      const changed = (a: Uint8Array, b: Uint8Array) => changedPixels(a, b, W).n;
      const moved = changed(shot[0]!, shot[1]!);
      // Measured: 2462 and 6163 pixels the train and track change (the locomotive enters), 5523 moved.
      assert.ok(changed(shot[0]!, bare[0]!) > 800 && changed(shot[1]!, bare[1]!) > 800, 'the train and its track');
      assert.ok(moved > 500, `it runs on: ${moved} pixels changed in 2 s`);
    });
  });
});
