/**
 * A mirror ball (scene/disco-ball.mts): "a disco ball spinning" drew a gold can. A ball of mirror tiles
 * turns in a dark room, throwing spots of its two pin spots' light round the walls.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { meanAbsDiff, procedural, renderRgba, smallRequest } from '../helpers/render';

type DiscoModule = typeof import('../../engine/src/generators/procedural/scene/disco-ball.mjs', { with: { 'resolution-mode': 'import' } });
type V = [number, number, number];
const dot = (a: V, b: V) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const norm = (a: V): V => {
  const l = Math.hypot(...a);
  return [a[0] / l, a[1] / l, a[2] / l];
};

describe('procedural/disco-ball: a mirror ball throwing spots round a dark room', function () {
  this.timeout(60000);

  it('plans the mirror ball (not a product), every word used', () => {
    for (const prompt of ['a disco ball spinning', 'mirror ball', 'a glitter ball turning slowly']) {
      const { plan } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual(plan.subjects.map((s) => s.kind), ['disco-ball'], prompt);
      assert.equal(plan.archetype, 'abstract', prompt);
    }
    assert.deepEqual(planPrompt({ prompt: 'a disco ball spinning', seed: 1 }).ignoredWords, []);
    assert.ok(planPrompt({ prompt: 'disco lights', seed: 1 }).plan.subjects.some((s) => s.kind === 'stage-lights'), 'disco lights are still the stage rig');
  });

  it('tiles the sphere in rings, each mirror tipped but inside its own tile, so a spot finds the tile that threw it', async () => {
    const { RINGS, ringCount, tileAt, tileNormal } = await importProcedural<DiscoModule>('scene/disco-ball.mts');
    let tiles = 0;
    for (let ring = 0; ring < RINGS; ring++) {
      const count = ringCount(ring);
      for (let index = 0; index < count; index++, tiles++) {
        const n = tileNormal(ring, index, count);
        const back = tileAt(n);
        assert.deepEqual([back.ring, back.index], [ring, index], `tile ${ring}/${index}'s mirror lies in another tile`);
        // A light reflected by this mirror lands on the wall in direction r; the wall there looks for the tile
        // by the half vector between r and the light, which must be this mirror's normal.
        const L = norm([-0.55, 0.5, 0.67]);
        const d = dot(n, L);
        if (d <= 0) continue;
        const r: V = [2 * d * n[0] - L[0], 2 * d * n[1] - L[1], 2 * d * n[2] - L[2]];
        const h = norm([r[0] + L[0], r[1] + L[1], r[2] + L[2]]);
        assert.ok(dot(h, n) > 1 - 1e-9, 'the half vector is the mirror\'s normal');
      }
    }
    // About 2 200 tiles, more to the ring at the equator than near the poles.
    assert.ok(tiles > 2000 && tiles < 2500, `${tiles} tiles`);
  });

  describe('render', () => {
    const gen = procedural();

    it('throws bright spots round a dark room, and they wheel as the ball turns', async () => {
      const frames = await renderRgba(gen(), smallRequest('a disco ball spinning, static shot', 3));
      const stats = frames.map((px) => {
        let bright = 0;
        let dark = 0;
        for (let i = 0; i < px.length; i += 4) {
          const y = 0.2126 * px[i]! + 0.7152 * px[i + 1]! + 0.0722 * px[i + 2]!;
          if (y > 90) bright++;
          if (y < 40) dark++;
        }
        return { bright: bright / (px.length / 4), dark: dark / (px.length / 4) };
      });
      // Measured when written: 0.02 of the frame bright (luma over 90), 0.86 dark; frames 2 s apart 7.3 code values apart on average (0 with the ball held still).
      for (const s of stats) {
        assert.ok(s.dark > 0.4, `a dark room (${s.dark.toFixed(3)} of the frame dark)`);
        assert.ok(s.bright > 0.01, `spots of light (${s.bright.toFixed(3)} of the frame bright)`);
      }
      assert.ok(meanAbsDiff(frames[0]!, frames[2]!) > 2, 'the spots move on a still shot');
    });
  });
});
