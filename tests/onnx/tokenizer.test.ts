import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { isRushesError } from '@rushes/shared';
import { bytesToUnicode, loadClipTokenizer } from '../../engine/src/generators/onnx/tokenizer/clip-bpe';
import { tmpHome } from '../helpers/engine';
import { tinyVocab } from './tiny-models';

/**
 * The tiny vocabulary (tiny-models.ts): ids 0..255 are the byte symbols in byte order, 256..511 the
 * same with "</w>", then the merges' results in merge order (th 512, the</w> 513, or 514, es 515,
 * for 516, fores 517, forest</w> 518, pi 519, pin 520, pine</w> 521, at</w> 522, da 523, daw 524,
 * dawn</w> 525), then <|startoftext|> 526 and <|endoftext|> 527. Expected ids below are worked out by
 * hand from those merges.
 */
function tokenizer(maxLength = 8) {
  const dir = tmpHome('rushes-tok-');
  const { vocab, merges } = tinyVocab();
  fs.writeFileSync(path.join(dir, 'vocab.json'), JSON.stringify(vocab));
  fs.writeFileSync(path.join(dir, 'merges.txt'), merges);
  return { tok: loadClipTokenizer(path.join(dir, 'vocab.json'), path.join(dir, 'merges.txt'), { maxLength }), dir };
}

describe('onnx CLIP BPE tokenizer', () => {
  it('uses GPT-2 byte symbols: printable bytes stand for themselves, the rest move above 255', () => {
    const t = bytesToUnicode();
    assert.equal(new Set(t).size, 256);
    assert.equal(t[0x41], 'A');
    assert.equal(t[0x20], '\u0120', 'space is Ġ');
    assert.equal(t[0], '\u0100');
  });

  it('merges words by rank, adds start/end tokens and pads with the end token', () => {
    const { tok } = tokenizer();
    const r = tok.encode('The pine forest at dawn');
    assert.deepEqual(r.ids, [526, 513, 521, 518, 522, 525, 527, 527]);
    assert.deepEqual(r.mask, [1, 1, 1, 1, 1, 1, 1, 0]);
    assert.equal(r.truncated, false);
  });

  it('lower-cases, collapses whitespace, splits punctuation, contractions and unmerged bytes', () => {
    const { tok } = tokenizer(16);
    assert.deepEqual(tok.tokenize('  THE   Pine '), tok.tokenize('the pine'));
    assert.deepEqual(tok.tokenize('dawn, pine!'), [525, 256 + 44, 521, 256 + 33]);
    assert.deepEqual(tok.tokenize("dawn's"), [525, 39, 256 + 115]);
    assert.deepEqual(tok.tokenize('xyz'), [120, 121, 256 + 122]);
    assert.deepEqual(tok.tokenize('é'), [0xc3, 256 + 0xa9], 'UTF-8 bytes C3 A9');
    assert.deepEqual(tok.tokenize('42'), [256 + 52, 256 + 50], 'each digit is a word of its own');
  });

  it('truncates a long prompt keeping the end token', () => {
    const { tok } = tokenizer(8);
    const r = tok.encode('pine pine pine pine pine pine pine pine pine');
    assert.equal(r.truncated, true);
    assert.deepEqual(r.ids, [526, 521, 521, 521, 521, 521, 521, 527]);
    assert.deepEqual(r.mask, [1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('reports broken tokenizer files with the file and the line', () => {
    const { dir } = tokenizer();
    const expectErr = (f: () => unknown, re: RegExp) =>
      assert.throws(f, (e: unknown) => isRushesError(e) && e.code === 'E_GENERATOR' && re.test(e.message));
    fs.writeFileSync(path.join(dir, 'bad-merges.txt'), '#version: 0.2\nt h\nonlyone\n');
    expectErr(() => loadClipTokenizer(path.join(dir, 'vocab.json'), path.join(dir, 'bad-merges.txt'), { maxLength: 8 }), /line 3/);
    fs.writeFileSync(path.join(dir, 'bad-vocab.json'), '{"a": 1,');
    expectErr(() => loadClipTokenizer(path.join(dir, 'bad-vocab.json'), path.join(dir, 'merges.txt'), { maxLength: 8 }), /cannot be read as JSON/);
    expectErr(() => loadClipTokenizer(path.join(dir, 'vocab.json'), path.join(dir, 'merges.txt'), { maxLength: 8, padToken: '<pad>' }), /no pad token "<pad>"/);
    // merges that make a token the vocabulary lacks: the files do not belong together
    fs.writeFileSync(path.join(dir, 'extra-merges.txt'), '#version: 0.2\nx y</w>\n');
    const { tok } = { tok: loadClipTokenizer(path.join(dir, 'vocab.json'), path.join(dir, 'extra-merges.txt'), { maxLength: 8 }) };
    expectErr(() => tok.tokenize('xy'), /do not match/);
  });
});
