/**
 * Physics shots in a vertical frame: framed by the bodies' spread alone, with three's film gauge spanning
 * the frame's height there, a domino chain ran off both sides of a 9:16 frame.
 */
import { strict as assert } from 'node:assert';
import { procedural, renderRgba, smallRequest } from '../helpers/render';

describe('procedural/physics in a vertical frame', function () {
  this.timeout(60000);
  const gen = procedural();

  it('holds a domino chain inside a 9:16 frame', async () => {
    const [w, h] = [108, 192];
    // The shot as planned (the camera orbits), a frame a second: the red dominoes' columns over all of them.
    const frames = await renderRgba(gen(), { ...smallRequest('dominoes toppling in a chain reaction', 5, { num: 1, den: 1 }), width: w, height: h });
    const cols: number[] = [];
    for (const f of frames) for (let i = 0; i < f.length; i += 4) if (f[i]! > 150 && f[i]! > f[i + 1]! + 60 && f[i]! > f[i + 2]! + 60) cols.push((i / 4) % w);
    // Measured: red dominoes from column 7 to 91 of 108; framed as for a landscape lens, 0 to 107.
    assert.ok(cols.length > 20, 'the dominoes are in the frame');
    assert.ok(Math.min(...cols) > 1 && Math.max(...cols) < w - 2, `inside it (columns ${Math.min(...cols)} to ${Math.max(...cols)})`);
  });
});
