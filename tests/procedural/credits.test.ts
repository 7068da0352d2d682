/**
 * End credits (scene/credits.mts): 'end credits rolling "Directed by Ana Ruiz" ...' set the first quote as a
 * title over a gradient and reported "end credits rolling" ignored. Every quoted line now rolls up a black
 * field, roles beside names, at a whole number of pixels a frame.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { validatePlan } from '../../engine/src/generators/procedural/plan/validate';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type CreditsModule = typeof import('../../engine/src/generators/procedural/scene/credits.mjs', { with: { 'resolution-mode': 'import' } });
type TextModule = typeof import('../../engine/src/generators/procedural/scene/text.mjs', { with: { 'resolution-mode': 'import' } });

const ROLL = 'end credits rolling "Directed by Ana Ruiz" "Produced by Tom Lee" "Editor: Sam Okafor" "Cast: Mia Chen" "Cast: Leo Park" "Thank you for watching"';

describe('procedural/credits: an end roll from quoted lines', function () {
  this.timeout(60000);

  it('reads a line as role and name ("Directed by", "Editor:", a dash) or as a heading', async () => {
    const { parseCredit } = await importProcedural<CreditsModule>('scene/credits.mts');
    assert.deepEqual(parseCredit('Directed by Ana Ruiz'), { role: 'Directed by', name: 'Ana Ruiz' });
    assert.deepEqual(parseCredit('Editor: Sam Okafor'), { role: 'Editor', name: 'Sam Okafor' });
    assert.deepEqual(parseCredit('Sound Design - Jean-Luc Picard'), { role: 'Sound Design', name: 'Jean-Luc Picard' });
    assert.deepEqual(parseCredit('Colourist \u2014 Mia Chen'), { role: 'Colourist', name: 'Mia Chen' });
    assert.deepEqual(parseCredit('Starring Leo Park'), { role: 'Starring', name: 'Leo Park' });
    // A hyphen inside a name is not a separator; nor is "by" inside a word.
    assert.deepEqual(parseCredit('Thank you for watching'), { name: 'Thank you for watching' });
    assert.deepEqual(parseCredit('Bobby Lee-Smith'), { name: 'Bobby Lee-Smith' });
  });

  it('sets a repeated role once and gives a heading air above it; rolls whole pixels a frame, in and out', async () => {
    const { layoutCredits, parseCredit, rollOffsetPx } = await importProcedural<CreditsModule>('scene/credits.mts');
    const { rows, height } = layoutCredits(['Cast: Mia Chen', 'Cast: Leo Park', 'Editor: Sam Okafor', 'Thank you'].map(parseCredit));
    assert.deepEqual(
      rows.map((r) => [r.role, r.name, r.heading]),
      [['CAST', 'Mia Chen', false], [undefined, 'Leo Park', false], ['EDITOR', 'Sam Okafor', false], [undefined, 'Thank you', true]],
    );
    const steps = rows.slice(1).map((r, i) => r.baseline - rows[i]!.baseline);
    assert.ok(steps[0] === steps[1] && steps[2]! > steps[0]! + 0.04, `even pitch, a gap before the heading: ${steps.map((s) => s.toFixed(3))}`);
    assert.ok(height > rows.at(-1)!.baseline);
    // A heading with names under it and no roles: the heading, then centred names.
    const cast = layoutCredits(['Cast', 'Jane Doe', 'John Smith', 'Director: Ana Ruiz', 'Thank you'].map(parseCredit)).rows;
    assert.deepEqual(cast.map((r) => [r.name, r.heading, r.centred]), [['Cast', true, false], ['Jane Doe', false, true], ['John Smith', false, true], ['Ana Ruiz', false, false], ['Thank you', true, false]]);

    // 144 frames (6 s at 24 fps), a roll 1.4 screens tall at 720 lines: in from below and out at the top.
    for (const [frames, travel] of [[144, Math.ceil(2.4 * 720)], [240, 828], [600, 1242], [24, 3000]] as const) {
      const offsets = Array.from({ length: frames }, (_, i) => rollOffsetPx(i, frames, travel));
      const step = offsets[1]! - offsets[0]!;
      assert.ok(Number.isInteger(step) && step >= 1 && offsets.every((o, i) => o === offsets[0]! + i * step), `${frames} frames: the same whole number of pixels every frame`);
      // Centred: what rounding leaves is split between the ends, never more than a quarter pixel a frame.
      assert.ok(Math.abs(offsets[0]! + offsets.at(-1)! - travel) <= 1, `${frames} frames: centred (${offsets[0]} .. ${offsets.at(-1)} of ${travel} px)`);
      assert.ok(Math.abs(offsets[0]!) <= frames / 4 + 1, `${frames} frames: starts ${offsets[0]} px off the bottom edge`);
    }
    assert.ok(Number.isFinite(rollOffsetPx(0, 1, 100)), 'a one-frame clip does not divide by zero');
  });

  it('sets names in Polish, Czech, Russian, Greek and Vietnamese from the font\'s other subsets', async () => {
    const { missingGlyphs, textGeometry } = await importProcedural<TextModule>('scene/text.mts');
    // Only the Latin file was read: these were missing-glyph boxes.
    assert.deepEqual(missingGlyphs('Łukasz Dvořák Дмитрий Ξένια Nguyễn', 700, 'inter'), []);
    assert.deepEqual(missingGlyphs('Łukasz Dvořák', 400, 'courier-prime'), []);
    assert.deepEqual(missingGlyphs('漢字', 400, 'inter'), ['漢', '字'], 'no CJK subset is installed: said, not hidden');
    // And the planner says so: the characters are reported ignored (they draw as boxes).
    assert.deepEqual(planPrompt({ prompt: 'title card "東京 Tokyo"', seed: 1 }).ignoredWords, ['東京']);
    assert.deepEqual(planPrompt({ prompt: 'end credits "Director: 李安" "Editor: Łukasz Nowak"', seed: 1 }).ignoredWords, ['李安']);
    // Each character its own glyph: a Latin name, then a Cyrillic one, no wider than their parts.
    const parts = textGeometry('Ana', 700, 1).width + textGeometry('Дмитрий', 700, 1).width;
    assert.ok(Math.abs(textGeometry('AnaДмитрий', 700, 1).width - parts) < 0.05, 'runs from two files laid end to end');
  });

  it('plans every quote as a line, in order, on true black; ";" splits a quote; a title keeps two quotes and says so of a third', () => {
    const { plan, ignoredWords } = planPrompt({ prompt: ROLL, seed: 1 });
    assert.deepEqual(ignoredWords, []);
    assert.equal(plan.archetype, 'text');
    assert.deepEqual(plan.text, { mode: 'credits', title: 'Directed by Ana Ruiz', lines: ['Produced by Tom Lee', 'Editor: Sam Okafor', 'Cast: Mia Chen', 'Cast: Leo Park', 'Thank you for watching'] });
    assert.equal(plan.palette.name, 'black');
    assert.equal(plan.grade.grain, 0, 'no grain lifting the black (credits are laid over pictures with a screen blend)');
    validatePlan(plan);

    assert.deepEqual(planPrompt({ prompt: 'closing credits "Editor: Tom Lee; Sound: Ana Ruiz"', seed: 1 }).plan.text, { mode: 'credits', title: 'Editor: Tom Lee', lines: ['Sound: Ana Ruiz'] });
    const blue = planPrompt({ prompt: 'scrolling credits on a blue background "Editor: Tom Lee"', seed: 1 }).plan;
    assert.notEqual(blue.palette.name, 'black', 'a field named is kept');
    const over = planPrompt({ prompt: 'end credits over a sunset beach "Editor: Tom Lee"', seed: 1 }).plan;
    assert.equal(over.archetype, 'nature', 'over a scene the roll is an overlay');
    assert.equal(over.text?.mode, 'credits');

    assert.deepEqual(planPrompt({ prompt: 'an end credits roll', seed: 1 }).ignoredWords, ['end credits roll'], 'nothing quoted, nothing rolls: said so');
    const three = planPrompt({ prompt: 'title card "Chapter One" "The Beginning" "Part 2"', seed: 1 });
    assert.deepEqual(three.plan.text, { mode: 'title', title: 'Chapter One', subtitle: 'The Beginning' });
    assert.ok(three.ignoredWords.includes('"Part 2"') && !three.usedWords.includes('"Part 2"'), 'the third quote is reported ignored');
  });

  describe('render', () => {
    const gen = procedural();

    it('rolls the lines up the black field: empty at the start, the same pixels a whole step higher each frame', async () => {
      const W = 480;
      const H = 270;
      const frames = await renderRgba(gen(), { ...smallRequest(ROLL, 12, { num: 4, den: 1 }), width: W, height: H });
      const luma = (f: Uint8Array, x: number, y: number) => 0.2126 * f[(y * W + x) * 4]! + 0.7152 * f[(y * W + x) * 4 + 1]! + 0.0722 * f[(y * W + x) * 4 + 2]!;
      const lit = (f: Uint8Array) => {
        let n = 0;
        for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (luma(f, x, y) > 128) n++;
        return n;
      };
      const counts = frames.map(lit);
      // Measured: 0, 169, 352, 507, 819, 819, 819, 819, 726, 549, 400, 0 lit pixels over the 12 frames.
      assert.ok(counts[0]! < 40 && counts.at(-1)! < 40, `the roll starts below the frame and ends above it: ${counts.join(', ')}`);
      assert.ok(Math.max(...counts) > 500, `lines on the screen: ${counts.join(', ')}`);
      let black = 0;
      for (let y = 0; y < H; y++) for (let x = 0; x < 40; x++) if (luma(frames[6]!, x, y) < 20) black++;
      assert.equal(black, 40 * H, 'a black field beside the text');

      // Two frames whose text is all on screen: the later one is the earlier moved up by a whole step.
      const { layoutCredits, parseCredit, rollOffsetPx } = await importProcedural<CreditsModule>('scene/credits.mts');
      const text = planPrompt({ prompt: ROLL, seed: 1 }).plan.text!;
      const travel = Math.ceil((layoutCredits([text.title, ...text.lines!].map(parseCredit)).height + 1) * H);
      const step = rollOffsetPx(1, 12, travel) - rollOffsetPx(0, 12, travel);
      const [a, b] = [frames[5]!, frames[6]!];
      let best = { dy: -1, bad: Infinity };
      for (let dy = 1; dy < 100; dy++) {
        let bad = 0;
        for (let y = 0; y + dy < H; y++) for (let x = 0; x < W; x++) if (Math.abs(luma(a, x, y + dy) - luma(b, x, y)) > 24) bad++;
        if (bad < best.bad) best = { dy, bad };
      }
      assert.equal(best.dy, step, `the roll rises ${step} px a frame`);
      // Measured: 0 pixels differ at the step (a fractional step moves the antialiased edges).
      assert.ok(best.bad < 40, `frame 6 is frame 5 moved up ${step} px; pixels that differ: ${best.bad}`);
    });
  });
});
