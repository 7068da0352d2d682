import { strict as assert } from 'node:assert';
import { framesForDuration, parseRational } from '@rushes/shared';

describe('shared/rational', () => {
  it('maps NTSC decimals to x/1001', () => {
    assert.deepEqual(parseRational('23.976'), { num: 24000, den: 1001 });
    assert.deepEqual(parseRational('29.97'), { num: 30000, den: 1001 });
    assert.deepEqual(parseRational('59.94'), { num: 60000, den: 1001 });
    assert.deepEqual(parseRational('24000/1001'), { num: 24000, den: 1001 });
    assert.deepEqual(parseRational('25'), { num: 25, den: 1 });
    assert.deepEqual(parseRational('12.5'), { num: 25, den: 2 });
    assert.equal(parseRational('abc'), null);
    assert.equal(parseRational('0'), null);
    assert.equal(parseRational('1/0'), null);
  });
  it('counts frames as round(seconds * num / den)', () => {
    assert.equal(framesForDuration(5, { num: 24000, den: 1001 }), 120);
    assert.equal(framesForDuration(10, { num: 30000, den: 1001 }), 300);
    assert.equal(framesForDuration(1, { num: 24000, den: 1001 }), 24);
    assert.equal(framesForDuration(60, { num: 24000, den: 1001 }), 1439);
  });
});
