/**
 * A koi pond from above (settings 'pond' and 'pool', scene/pond.mts): "a koi pond with fish swimming" was a lake among
 * pines with the fish ignored. Now koi gliding over a dark pond floor at different depths, lily pads on
 * the surface, their shadows on the floor.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { changedPixels, procedural, renderRgba, renderWithoutSubject, smallRequest } from '../helpers/render';

type KoiModule = typeof import('../../engine/src/generators/procedural/scene/pond.mjs', { with: { 'resolution-mode': 'import' } });

const luma = (f: Uint8Array, i: number) => 0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]!;

describe('procedural/koi: a koi pond from above', function () {
  this.timeout(60000);

  it('plans the pond for koi and lily pads, fish there being the koi; a pond alone is still a lake', () => {
    const pond = planPrompt({ prompt: 'a koi pond with fish swimming', seed: 1 });
    assert.deepEqual([pond.plan.archetype, pond.plan.setting, pond.plan.subjects.map((s) => s.kind).join(',')], ['nature', 'pond', 'koi,lily-pads']);
    assert.ok(!pond.ignoredWords.some((w) => /koi|pond|fish/.test(w)), `ignored: ${pond.ignoredWords.join(', ')}`);
    assert.equal(planPrompt({ prompt: '12 koi in a garden pond at golden hour', seed: 1 }).plan.subjects.find((s) => s.kind === 'koi')!.count, 12);
    assert.ok(!planPrompt({ prompt: 'koi pond, no lily pads', seed: 1 }).plan.subjects.some((s) => s.kind === 'lily-pads'));
    assert.equal(planPrompt({ prompt: 'lily pads on a pond', seed: 1 }).plan.setting, 'pond');
    assert.equal(planPrompt({ prompt: 'a pond at sunset', seed: 1 }).plan.setting, 'lake');
    assert.equal(planPrompt({ prompt: 'fish swimming in the ocean', seed: 1 }).plan.setting, 'underwater');
  });

  it('keeps every koi on a smooth course inside the view, at a koi\'s cruise, heading where it swims', async () => {
    const { koiCourse, koiCourses } = await importProcedural<KoiModule>('scene/pond.mts');
    let state = 7;
    const rng = {
      next: () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648),
      range: (a: number, b: number) => a + (b - a) * rng.next(),
    };
    const courses = koiCourses(24, rng);
    const dt = 0.01;
    for (const c of courses) {
      let fastest = 0;
      let slowest = Infinity;
      for (let t = 0; t < 60; t += dt) {
        const a = koiCourse(c, t);
        const b = koiCourse(c, t + dt);
        // The view at its narrowest (a pan or drone moves it a little) is about 8 by 4.6 m.
        assert.ok(Math.abs(a.x) < 3.6 && Math.abs(a.z) < 2.1, `in view: ${a.x.toFixed(2)}, ${a.z.toFixed(2)}`);
        const v = Math.hypot(b.x - a.x, b.z - a.z) / dt;
        fastest = Math.max(fastest, v);
        slowest = Math.min(slowest, v);
        // rotation.y = heading turns +x onto the direction of travel: (cos h, -sin h).
        const along = ((b.x - a.x) * Math.cos(a.heading) - (b.z - a.z) * Math.sin(a.heading)) / (v * dt);
        assert.ok(along > 0.99, `heading along the course (${along.toFixed(4)})`);
      }
      // Measured over 24 courses: slowest 0.079 m/s, fastest 0.299.
      assert.ok(fastest < 0.5 && slowest > 0.04, `cruising: ${slowest.toFixed(2)} to ${fastest.toFixed(2)} m/s`);
    }
  });

  it('plans a swimming pool seen from above for pools and caustics; a splash into a pool is still the physics tank', () => {
    for (const prompt of ['a swimming pool with sunlight caustics', 'pool water caustics background', 'an empty swimming pool from above']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.setting], ['nature', 'pool'], `${prompt}: it was balls splashing into a tank`);
      assert.ok(!ignoredWords.some((w) => /pool|caustics/.test(w)), `${prompt}: ignored ${ignoredWords.join(', ')}`);
    }
    assert.equal(planPrompt({ prompt: 'a ball splashing into a pool', seed: 1 }).plan.archetype, 'physics');
  });

  describe('render', () => {
    const gen = procedural();

    it('draws a pool: turquoise over tiles, the caustics\' net bright and moving', async () => {
      const frames = await renderRgba(gen(), smallRequest('swimming pool caustics, locked off', 2, { num: 4, den: 1 }));
      let blue = 0;
      let bright = 0;
      const f = frames[0]!;
      for (let i = 0; i < f.length; i += 4) {
        if (f[i + 2]! > f[i]! + 25) blue++;
        if (luma(f, i) > 190) bright++;
      }
      const n = f.length / 4;
      const moved = changedPixels(frames[0]!, frames[1]!, 192, 40);
      // Measured: every pixel bluer than red, 17.5% bright, 7372 of 20736 pixels changed.
      assert.ok(blue > 0.8 * n, `turquoise (${blue} of ${n} pixels bluer than red)`);
      assert.ok(bright > 0.02 * n, `the caustics' bright lines (${bright} pixels)`);
      assert.ok(moved.n > 0.03 * n, `and they move (${moved.n} pixels in a quarter second)`);
    });

    it('draws bright koi over the dark pond that the same pond without them lacks, and moves them', async () => {
      const { shot, bare } = await renderWithoutSubject(gen(), smallRequest('koi pond, locked off', 2), 'koi');
      const bright = (f: Uint8Array) => {
        let n = 0;
        for (let i = 0; i < f.length; i += 4) if (luma(f, i) > 150) n++;
        return n;
      };
      // Measured: 102 bright pixels with the koi, none without; 799 pixels changed in the second.
      assert.ok(bright(shot[0]!) > 60, `koi: ${bright(shot[0]!)} bright pixels`);
      assert.ok(bright(bare[0]!) < 5, `no koi: ${bright(bare[0]!)} bright pixels`);
      const moved = changedPixels(shot[0]!, shot[1]!, 192, 40);
      assert.ok(moved.n > 40, `the koi swim (${moved.n} pixels changed in a second)`);
    });
  });
});
