/**
 * Watermark after the edits of issue 7, done with ffmpeg: an H.264 re-encode at CRF 28, a 50%
 * downscale, a 10% crop and a trim, all at once, on a short 720p clip; and the same on the unmarked
 * clip, which must not fire.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { detectWatermark, makePayload } from '../../engine/src/provenance/watermark';
import { applyAttack, encodeClip, type Attack, type ClipSpec } from './watermark-fixtures';

describe('provenance/watermark: attacks (ffmpeg)', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'rushes-wm-'));
  const spec: ClipSpec = { kind: 'scene', width: 1280, height: 720, fps: 24, seconds: 2.3, seed: 5 };
  const payload = makePayload(0xc0ffee11, 0x5eed5eed);
  const combined: Attack = { name: 'combined', start: 0.2, seconds: 2.05, crf: 28, scale: 0.5, crop: { keep: 0.9, fx: 0.7, fy: 0.35 } };
  const marked = path.join(dir, 'marked.mp4');
  const unmarked = path.join(dir, 'unmarked.mp4');

  before(async () => {
    await Promise.all([encodeClip(spec, marked, payload), encodeClip(spec, unmarked, null)]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('recovers the exact payload after CRF 28 + 50% downscale + 10% crop + trim', async () => {
    const out = path.join(dir, 'marked-combined.mp4');
    await applyAttack(marked, out, combined, spec.width, spec.height);
    const r = await detectWatermark(out, { duration: 2 });
    assert.equal(r.found, true, `p=${r.pValue} z=${r.syncZ}`);
    assert.equal(r.payload?.hex, payload.hex);
    assert.ok(r.pValue < 1e-6);
    // 576x324 after the attack; the tile period was 172.8 px at 720p.
    assert.ok(Math.abs((r.period?.x ?? 0) - 86.4) < 1.5, `period ${r.period?.x}`);
  });

  it('does not fire on the unmarked clip after the same edits', async () => {
    const out = path.join(dir, 'unmarked-combined.mp4');
    await applyAttack(unmarked, out, combined, spec.width, spec.height);
    const r = await detectWatermark(out, { duration: 2 });
    assert.equal(r.found, false, `p=${r.pValue}`);
    assert.equal(r.crcOk, false);
  });
});
