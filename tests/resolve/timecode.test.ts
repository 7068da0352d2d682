import assert from 'node:assert/strict';
import { framesToTimecode, parseTimelineFrameRate, timecodeRate, timecodeToFrames } from '../../plugins/resolve-bridge/src/host';

const ntsc30 = { num: 30000, den: 1001 };
const ntsc60 = { num: 60000, den: 1001 };

describe('resolve timecode', () => {
  it('counts non-drop timecode at 23.976, 24 and 25 as plain base-N numbers', () => {
    assert.equal(timecodeToFrames('01:00:00:00', timecodeRate({ num: 24000, den: 1001 }, false)), 86400);
    assert.equal(timecodeToFrames('01:00:00:00', timecodeRate({ num: 24, den: 1 }, false)), 86400);
    assert.equal(timecodeToFrames('01:00:10:12', timecodeRate({ num: 25, den: 1 }, false)), 90000 + 262);
    assert.equal(framesToTimecode(86400 + 24 * 61 + 5, timecodeRate({ num: 24, den: 1 }, false)), '01:01:01:05');
  });

  it('converts 29.97 drop-frame exactly at the minute boundaries', () => {
    const df = timecodeRate(ntsc30, true);
    // Labels ;00 and ;01 of minute 1 do not exist: 00:00:59;29 is frame 1799, 00:01:00;02 is frame 1800.
    assert.equal(timecodeToFrames('00:00:59;29', df), 1799);
    assert.equal(timecodeToFrames('00:01:00;02', df), 1800);
    assert.equal(timecodeToFrames('00:10:00;00', df), 17982);
    assert.equal(timecodeToFrames('01:00:00;00', df), 107892);
    assert.equal(framesToTimecode(1800, df), '00:01:00;02');
    assert.equal(framesToTimecode(17982, df), '00:10:00;00');
    assert.equal(framesToTimecode(107892, df), '01:00:00;00');
    assert.throws(() => timecodeToFrames('00:01:00;00', df), /skips/);
    assert.equal(timecodeToFrames('00:10:00;00', df) - timecodeToFrames('00:09:59;29', df), 1);
  });

  it('round-trips every frame of the first two hours at 29.97 DF and 59.94 DF', () => {
    for (const [fps, n] of [[ntsc30, 2 * 107892], [ntsc60, 2 * 215784]] as const) {
      const rate = timecodeRate(fps, true);
      for (let f = 0; f < n; f += 7) assert.equal(timecodeToFrames(framesToTimecode(f, rate), rate), f);
    }
  });

  it('converts 59.94 drop-frame (4 labels a minute) and non-drop', () => {
    const df = timecodeRate(ntsc60, true);
    assert.equal(timecodeToFrames('01:00:00;00', df), 215784);
    assert.equal(timecodeToFrames('00:01:00;04', df), 3600);
    assert.throws(() => timecodeToFrames('00:01:00;03', df));
    assert.equal(timecodeToFrames('01:00:00:00', timecodeRate(ntsc60, false)), 216000);
  });

  it('refuses drop-frame where it does not exist and frames past the rate', () => {
    assert.throws(() => timecodeRate({ num: 25, den: 1 }, true), /Drop-frame/);
    assert.throws(() => timecodeToFrames('00:00:00:24', timecodeRate({ num: 24, den: 1 }, false)), /does not exist/);
    assert.throws(() => timecodeToFrames('garbage', timecodeRate({ num: 24, den: 1 }, false)), /not a timecode/);
  });

  it('reads Resolve timelineFrameRate settings, DF suffix included', () => {
    assert.deepEqual(parseTimelineFrameRate('23.976').fps, { num: 24000, den: 1001 });
    assert.deepEqual(parseTimelineFrameRate('24').fps, { num: 24, den: 1 });
    assert.deepEqual(parseTimelineFrameRate('25').fps, { num: 25, den: 1 });
    const df = parseTimelineFrameRate('29.97 DF');
    assert.deepEqual(df.fps, ntsc30);
    assert.equal(df.dropFrame, true);
    assert.equal(parseTimelineFrameRate('29.97').dropFrame, false);
    assert.deepEqual(parseTimelineFrameRate('59.94 DF').fps, ntsc60);
    assert.throws(() => parseTimelineFrameRate(''), /frame rate/);
    assert.throws(() => parseTimelineFrameRate('25 DF'), /Drop-frame/);
  });
});
