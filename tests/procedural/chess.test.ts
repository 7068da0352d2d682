/**
 * A chess set (subject 'chess', scene/chess.mts): "a chess board with pieces" drew a bare gradient. Now
 * the starting position on a wooden board, ivory and ebony pieces.
 */
import { strict as assert } from 'node:assert';
import { planPrompt } from '../../engine/src/generators/procedural';
import { importProcedural } from '../helpers/esm';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

type ChessModule = typeof import('../../engine/src/generators/procedural/scene/chess.mjs', { with: { 'resolution-mode': 'import' } });

describe('procedural/chess', function () {
  this.timeout(60000);

  it('plans the chess set for its names', () => {
    for (const prompt of ['a chess board with pieces', 'chess pieces, shallow depth of field', 'a game of chess', 'checkmate']) {
      const { plan, ignoredWords } = planPrompt({ prompt, seed: 1 });
      assert.deepEqual([plan.archetype, plan.subjects[0]!.kind], ['product', 'chess'], prompt);
      assert.deepEqual(ignoredWords, [], prompt);
    }
  });

  it('sets out the starting position: sixteen a side, each on its own square, the queen on her colour', async () => {
    const { startingPosition } = await importProcedural<ChessModule>('scene/chess.mts');
    const pieces = startingPosition();
    assert.equal(pieces.length, 32);
    assert.equal(new Set(pieces.map((p) => `${p.file},${p.rank}`)).size, 32, 'one piece a square');
    for (const white of [true, false]) {
      const side = pieces.filter((p) => p.white === white);
      const count = (k: string) => side.filter((p) => p.kind === k).length;
      assert.deepEqual([count('pawn'), count('rook'), count('knight'), count('bishop'), count('queen'), count('king')], [8, 2, 2, 2, 1, 1]);
      const queen = side.find((p) => p.kind === 'queen')!;
      // a1 is dark (file + rank even): the white queen stands on a light square, the black one on a dark.
      assert.equal((queen.file + queen.rank) % 2 === 1, white, 'the queen on her own colour');
      assert.equal(side.find((p) => p.kind === 'king')!.file, 4, 'kings on the e-file');
    }
  });

  describe('render', () => {
    const gen = procedural();

    it('shows light and dark pieces on a chequered board', async () => {
      const f = (await renderRgba(gen(), { ...smallRequest('a chess board with pieces, locked off', 1), width: 320, height: 180 }))[0]!;
      let light = 0;
      let dark = 0;
      for (let i = 0; i < f.length; i += 4) {
        const y = 0.2126 * f[i]! + 0.7152 * f[i + 1]! + 0.0722 * f[i + 2]!;
        if (y < 60) dark++;
        if (y > 215 && Math.abs(f[i]! - f[i + 2]!) < 40) light++;
      }
      // Measured: 2,211 dark pixels (the ebony pieces; nothing else in the shot is dark) and 45,022 near
      // white (ivory, the pale squares, the sweep).
      assert.ok(dark > 700, `ebony pieces (${dark} pixels)`);
      assert.ok(light > 2000, `ivory and light squares (${light} pixels)`);
    });
  });
});
