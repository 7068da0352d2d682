import { strict as assert } from 'node:assert';
import type { Rational } from '@rushes/shared';
import {
  addFrames,
  formatTimecode,
  framesPerDay,
  isDropFrameTimecode,
  nominalRate,
  parseTimecode,
  supportsDropFrame,
  timecodeBase,
} from '../../engine/src/media/timecode';

const R = (num: number, den = 1): Rational => ({ num, den });
const DF30 = R(30000, 1001);
const DF60 = R(60000, 1001);

/** An independent odometer: counts labels the way a drop-frame clock ticks, without any division tricks. */
function* odometer(nominal: number, drop: number): Generator<string> {
  let [h, m, s, f] = [0, 0, 0, 0];
  const p = (n: number): string => String(n).padStart(2, '0');
  for (;;) {
    yield `${p(h)}:${p(m)}:${p(s)}${drop ? ';' : ':'}${p(f)}`;
    f++;
    if (f === nominal) {
      f = 0;
      s++;
      if (s === 60) {
        s = 0;
        m++;
        if (m === 60) {
          m = 0;
          h = (h + 1) % 24;
        }
        if (drop && m % 10 !== 0) f = drop;
      }
    }
  }
}

describe('media/timecode', () => {
  it('knows nominal rates and where drop-frame applies', () => {
    assert.equal(nominalRate(R(24000, 1001)), 24);
    assert.equal(nominalRate(DF30), 30);
    assert.equal(nominalRate(DF60), 60);
    assert.equal(nominalRate(R(25)), 25);
    assert.equal(nominalRate(R(120000, 1001)), 120);
    assert.equal(supportsDropFrame(DF30), true);
    assert.equal(supportsDropFrame(R(60000 * 2, 1001 * 2)), true, 'unreduced rationals are recognised');
    assert.equal(supportsDropFrame(R(24000, 1001)), false);
    assert.equal(supportsDropFrame(R(30)), false);
    assert.equal(timecodeBase(DF60, true).drop, 4);
    assert.equal(isDropFrameTimecode('00:00:00;00'), true);
    assert.equal(isDropFrameTimecode('00:00:00:00'), false);
  });

  it('parses the well-known drop-frame values at 29.97', () => {
    assert.equal(parseTimecode('00:00:59;29', DF30), 1799);
    assert.equal(parseTimecode('00:01:00;02', DF30), 1800);
    assert.equal(parseTimecode('00:10:00;00', DF30), 17982);
    assert.equal(parseTimecode('00:09:59;29', DF30), 17981);
    assert.equal(parseTimecode('00:11:00;02', DF30), 17982 + 1800);
    assert.equal(parseTimecode('01:00:00;00', DF30), 107892);
    assert.equal(parseTimecode('23:59:59;29', DF30), 2589407);
  });

  it('parses the well-known drop-frame values at 59.94', () => {
    assert.equal(parseTimecode('00:00:59;59', DF60), 3599);
    assert.equal(parseTimecode('00:01:00;04', DF60), 3600);
    assert.equal(parseTimecode('00:10:00;00', DF60), 35964);
    assert.equal(parseTimecode('01:00:00;00', DF60), 215784);
  });

  it('counts non-drop-frame at the nominal rate', () => {
    assert.equal(parseTimecode('01:00:00:00', R(24000, 1001)), 86400);
    assert.equal(parseTimecode('00:00:01:00', R(25)), 25);
    assert.equal(parseTimecode('00:01:00:00', DF30), 1800, '":" at 29.97 is non-drop');
    assert.equal(formatTimecode(86400, R(24), false), '01:00:00:00');
    assert.equal(formatTimecode(1799, R(25, 1), false), '00:01:11:24');
    assert.equal(formatTimecode(119, R(120000, 1001), false), '00:00:00:119');
    assert.equal(formatTimecode(120, R(120), false), '00:00:01:000', 'three digits at 100 fps and above');
    assert.equal(formatTimecode(3, R(8), false), '00:00:00:03');
  });

  it('refuses labels drop-frame skips, bad fields and drop-frame at other rates', () => {
    assert.throws(() => parseTimecode('00:01:00;00', DF30), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('00:01:00;01', DF30), { code: 'E_INVALID' });
    assert.doesNotThrow(() => parseTimecode('00:10:00;00', DF30));
    assert.throws(() => parseTimecode('00:01:00;03', DF60), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('00:00:00;00', R(24000, 1001)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('00:00:00;00', R(30)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('00:00:00:24', R(24)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('24:00:00:00', R(24)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('00:60:00:00', R(24)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('1:00:00:00', R(24)), { code: 'E_INVALID' });
    assert.throws(() => parseTimecode('garbage', R(24)), { code: 'E_INVALID' });
    assert.throws(() => formatTimecode(-1, R(24), false), { code: 'E_INVALID' });
    assert.throws(() => formatTimecode(1.5, R(24), false), { code: 'E_INVALID' });
  });

  it('matches an odometer for every frame of a day at 29.97 DF, and round-trips', function () {
    this.timeout(20000);
    const clock = odometer(30, 2);
    const day = framesPerDay(timecodeBase(DF30, true));
    assert.equal(day, 2589408);
    for (let f = 0; f < day; f++) {
      const expected = clock.next().value as string;
      const label = formatTimecode(f, DF30, true);
      if (label !== expected) assert.fail(`frame ${f}: ${label}, expected ${expected}`);
      if (f % 7 === 0 && parseTimecode(label, DF30) !== f) assert.fail(`frame ${f} does not round-trip via ${label}`);
    }
    assert.equal(formatTimecode(day, DF30, true), '00:00:00;00', 'wraps at 24 hours');
  });

  it('matches an odometer for the first two hours at 59.94 DF and one hour at 23.976 and 25', () => {
    const cases: [Rational, number, number, boolean][] = [
      [DF60, 60, 4, true],
      [R(24000, 1001), 24, 0, false],
      [R(25), 25, 0, false],
    ];
    for (const [fps, nominal, drop, df] of cases) {
      const clock = odometer(nominal, drop);
      const n = df ? 2 * 60 * 60 * nominal : 60 * 60 * nominal;
      for (let f = 0; f < n; f++) {
        const expected = clock.next().value as string;
        const label = formatTimecode(f, fps, df);
        if (label !== expected) assert.fail(`${fps.num}/${fps.den} frame ${f}: ${label}, expected ${expected}`);
        if (f % 13 === 0 && parseTimecode(label, fps) !== f) assert.fail(`frame ${f} does not round-trip via ${label}`);
      }
    }
  });

  it('adds frames in the numbering of the start', () => {
    assert.equal(addFrames('00:00:59;29', 1, DF30), '00:01:00;02');
    assert.equal(addFrames('00:00:59:23', 1, R(24000, 1001)), '00:01:00:00');
    assert.equal(addFrames('23:59:59:23', 1, R(24)), '00:00:00:00');
  });
});
