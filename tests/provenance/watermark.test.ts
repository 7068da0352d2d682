/**
 * Watermark: the parts that need no encoder (ECC, layout, embedder arithmetic, visual cost) and an
 * embed + detect round trip on in-memory frames.
 */
import { strict as assert } from 'node:assert';
import {
  CODED_BITS, MESSAGE_BITS, WatermarkEmbedder, analyseResidual, codedBits, detectWatermark, makePayload, payloadFor,
} from '../../engine/src/provenance/watermark';
import { convEncode, crc24, listViterbiDecode, viterbiDecode } from '../../engine/src/provenance/watermark/ecc';
import { bitsToPayload, messageBits, payloadBitsOfMessage, payloadToBits } from '../../engine/src/provenance/watermark/layout';
import { INSTALL_CODED_BITS } from '../../engine/src/provenance/watermark/match';
import { ResidualAccumulator } from '../../engine/src/provenance/watermark/residual';
import { detectionFactor, lumaFromRgba } from '../../engine/src/provenance/watermark/luma';
import { normalTail } from '../../engine/src/provenance/watermark/stats';
import { mulberry32 } from '../../engine/src/provenance/watermark/prng';
import { clipFrames, psnr, type ClipSpec } from './watermark-fixtures';

async function* asDetectFrames(spec: ClipSpec, mark?: WatermarkEmbedder): AsyncGenerator<{ rgba: Uint8Array; width: number; height: number }> {
  let i = 0;
  for await (const rgba of clipFrames(spec)) {
    mark?.apply({ index: i++, rgba });
    yield { rgba, width: spec.width, height: spec.height };
  }
}

describe('provenance/watermark: codec and layout', () => {
  it('maps an identity to a 64-bit payload of two 32-bit hashes, deterministically', () => {
    const a = payloadFor({ installId: 'inst-1', jobId: 'job-1' });
    const b = payloadFor({ installId: 'inst-1', jobId: 'job-2' });
    assert.equal(a.hex.length, 16);
    assert.equal(a.installHash, b.installHash);
    assert.notEqual(a.jobHash, b.jobHash);
    assert.deepEqual(payloadFor({ installId: 'inst-1', jobId: 'job-1' }), a);
    assert.deepEqual(bitsToPayload(payloadToBits(a)), a);
  });

  it('corrects noisy soft bits with the convolutional code and checks them with CRC-24', () => {
    const rand = mulberry32(7);
    const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    let ok = 0;
    for (let trial = 0; trial < 20; trial++) {
      const p = makePayload((rand() * 2 ** 32) >>> 0, (rand() * 2 ** 32) >>> 0);
      const msg = messageBits(payloadToBits(p));
      const coded = convEncode(msg);
      assert.equal(coded.length, CODED_BITS);
      // Amplitude 1, noise sigma 0.8: about 11% of the hard decisions are wrong.
      const soft = Array.from(coded, (b) => (b ? 1 : -1) + 0.8 * gauss());
      const dec = viterbiDecode(soft, MESSAGE_BITS);
      if (dec.every((b, i) => b === msg[i])) ok++;
    }
    assert.ok(ok >= 18, `decoded ${ok}/20`);
    const bits = payloadToBits(makePayload(1, 2));
    const flipped = bits.slice();
    flipped[5] = (flipped[5] as number) ^ 1;
    assert.notEqual(crc24(bits), crc24(flipped));
  });

  it('lists the most likely messages (the first is Viterbi\'s), and the list with the CRC recovers what Viterbi misses', () => {
    const rand = mulberry32(11);
    const gauss = (): number => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    let viterbiOk = 0;
    let listOk = 0;
    let wrongPass = 0;
    for (let trial = 0; trial < 40; trial++) {
      const p = makePayload((rand() * 2 ** 32) >>> 0, (rand() * 2 ** 32) >>> 0);
      const msg = messageBits(payloadToBits(p));
      // sigma 0.95: at the edge of what the code corrects on its own.
      const soft = Array.from(convEncode(msg), (b) => (b ? 1 : -1) + 0.95 * gauss());
      const v = viterbiDecode(soft, MESSAGE_BITS);
      const list = listViterbiDecode(soft, MESSAGE_BITS, 32);
      assert.ok(list[0]!.every((b, i) => b === v[i]), 'rank 1 is the Viterbi path');
      assert.equal(new Set(list.map((m) => m.join(''))).size, list.length, 'distinct messages');
      if (v.every((b, i) => b === msg[i])) viterbiOk++;
      const passing = list.find((m) => crc24(payloadBitsOfMessage(m)) === parseInt(m.slice(64).join(''), 2));
      if (passing?.every((b, i) => b === msg[i])) listOk++;
      else if (passing) wrongPass++;
    }
    assert.ok(listOk >= viterbiOk + 5, `list + CRC decoded ${listOk}/40, Viterbi ${viterbiOk}/40`);
    assert.equal(wrongPass, 0, 'no wrong message passed the CRC');
  });

  it('interleaves install and job bits, so two jobs of one install share only the first coded pair', () => {
    assert.equal(INSTALL_CODED_BITS, 2);
    const a = codedBits(makePayload(0xcafe0001, 0x00000001));
    const b = codedBits(makePayload(0xcafe0001, 0xfffffffe));
    assert.deepEqual(a.slice(0, INSTALL_CODED_BITS), b.slice(0, INSTALL_CODED_BITS));
    // Job hashes that differ in every bit: the codewords differ from the second pair on, in about half the bits.
    assert.notDeepEqual(a.slice(INSTALL_CODED_BITS, INSTALL_CODED_BITS + 2), b.slice(INSTALL_CODED_BITS, INSTALL_CODED_BITS + 2));
    let same = 0;
    for (let i = INSTALL_CODED_BITS; i < a.length; i++) if (a[i] === b[i]) same++;
    assert.ok(same < 0.7 * (a.length - INSTALL_CODED_BITS), `${same} coded bits agree`);
    const msg = messageBits(payloadToBits(makePayload(0xcafe0001, 0x12345678)));
    assert.deepEqual(bitsToPayload(payloadBitsOfMessage(msg)), makePayload(0xcafe0001, 0x12345678));
  });

  it('scrambles the coded bits, so an all-zero payload is not an all-zero pattern', () => {
    const c = codedBits(makePayload(0, 0));
    const ones = c.reduce((s, b) => s + b, 0);
    assert.ok(ones > 60 && ones < 128, `ones ${ones}`);
  });

  it('has an accurate normal tail far out (the p-values live there)', () => {
    assert.ok(Math.abs(normalTail(0) - 0.5) < 1e-7);
    assert.ok(Math.abs(normalTail(5) / 2.866515718791939e-7 - 1) < 1e-4);
    assert.ok(Math.abs(normalTail(8) / 6.220960574271785e-16 - 1) < 1e-4);
  });
});

describe('provenance/watermark: embedder', () => {
  const W = 1280;
  const H = 720;
  const payload = makePayload(0xdeadbeef, 0x01234567);

  /** `frame` marked through the SIMD kernel and, as a copy, through the JS fallback. */
  const markBothWays = (frame: Uint8Array, layout: 'rgba' | 'yuv420p'): [Uint8Array, Uint8Array] =>
    [true, false].map((simd) => {
      const e = new WatermarkEmbedder();
      e.beginWithPayload(payload, W, H, simd);
      const pixels = frame.slice();
      e.apply(layout === 'rgba' ? { index: 0, rgba: pixels } : { index: 0, layout, yuv: pixels });
      return pixels;
    }) as [Uint8Array, Uint8Array];

  it('gives identical frames through the SIMD kernel and the JS fallback', () => {
    const rand = mulberry32(3);
    const frame = Uint8Array.from({ length: W * H * 4 }, () => Math.floor(rand() * 256));
    const [a, b] = markBothWays(frame, 'rgba');
    assert.ok(Buffer.compare(Buffer.from(a), Buffer.from(frame)) !== 0, 'the frame changed');
    assert.equal(Buffer.compare(Buffer.from(a), Buffer.from(b)), 0);
    // Alpha untouched, colour untouched: R, G and B move together (except where one clips).
    for (let i = 0; i < W * H * 4; i += 4) {
      assert.equal(a[i + 3], frame[i + 3]);
    }
  });

  it('gives identical Y\' planes through the SIMD kernel and the JS fallback, clamped to 16..235', () => {
    const rand = mulberry32(5);
    const plane = W * H;
    // Noise, and stretches pinned at the nominal limits, where the clamp decides.
    const frame = Uint8Array.from({ length: (plane * 3) / 2 }, (_, i) => (i < plane && i % W < 64 ? (i % 2 ? 16 : 235) : Math.floor(rand() * 256)));
    const [a, b] = markBothWays(frame, 'yuv420p');
    assert.ok(Buffer.compare(Buffer.from(a), Buffer.from(frame)) !== 0, 'the frame changed');
    assert.equal(Buffer.compare(Buffer.from(a), Buffer.from(b)), 0, 'SIMD and JS agree');
    assert.ok(Buffer.from(a.subarray(plane)).equals(Buffer.from(frame.subarray(plane))), 'chroma untouched');
    let pinned = 0;
    for (let i = 0; i < plane; i++) {
      if (i % W >= 64) continue;
      assert.ok(a[i]! >= 16 && a[i]! <= 235, `Y' ${a[i]} at ${i} outside 16..235`);
      if (a[i] !== frame[i]) pinned++;
    }
    assert.ok(pinned > 0, 'the pattern moved pixels at the limits inwards');
  });

  it('handles widths that are not a multiple of 8 (JS path)', () => {
    const w = 642;
    const h = 360;
    const e = new WatermarkEmbedder();
    e.beginWithPayload(payload, w, h);
    const f = new Uint8Array(w * h * 4).fill(128);
    e.apply({ index: 0, rgba: f });
    assert.equal(f.length, w * h * 4);
  });

  it('keeps PSNR above 40 dB on texture and changes a flat gradient by about one code value', async () => {
    for (const kind of ['noise', 'gradient'] as const) {
      const e = new WatermarkEmbedder();
      e.beginWithPayload(payload, W, H);
      let n = 0;
      for await (const rgba of clipFrames({ kind, width: W, height: H, fps: 24, seconds: 0.25, seed: 1 })) {
        const orig = rgba.slice();
        e.apply({ index: n++, rgba });
        const p = psnr(orig, rgba);
        let maxd = 0;
        for (let i = 0; i < rgba.length; i++) maxd = Math.max(maxd, Math.abs((rgba[i] as number) - (orig[i] as number)));
        if (kind === 'noise') assert.ok(p >= 40, `${kind} frame ${n}: PSNR ${p.toFixed(2)} dB`);
        else {
          // One code value almost everywhere; two where the 8-bit steps of the gradient read as a little
          // texture (about 2% of the pixels).
          assert.ok(maxd <= 2, `gradient changed by ${maxd}`);
          const over1 = shareChangedByMoreThanOne(orig, rgba);
          assert.ok(over1 < 0.05, `${(over1 * 100).toFixed(1)}% of the gradient's pixels changed by more than one code value`);
          assert.ok(p >= 48, `gradient PSNR ${p.toFixed(2)}`);
        }
      }
      assert.ok(n > 0);
    }
  });
});

function shareChangedByMoreThanOne(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (Math.abs((a[i] as number) - (b[i] as number)) > 1) n++;
  return n / (a.length / 4);
}

describe('provenance/watermark: detector on frames', () => {
  const payload = makePayload(0x0badf00d, 0x12345678);
  const spec: ClipSpec = { kind: 'scene', width: 640, height: 360, fps: 24, seconds: 2, seed: 2 };

  it('finds the payload in marked frames (no attack)', async () => {
    const e = new WatermarkEmbedder();
    e.beginWithPayload(payload, spec.width, spec.height);
    const r = await detectWatermark(asDetectFrames(spec, e));
    assert.equal(r.found, true);
    assert.equal(r.payload?.hex, payload.hex);
    assert.ok(r.pValue < 1e-6);
    assert.ok(r.bitAgreement > 0.95, `agreement ${r.bitAgreement}`);
    assert.equal(r.framesUsed, 48);
  });

  it('does not fire on unmarked frames', async () => {
    for (const kind of ['noise', 'gradient'] as const) {
      const r = await detectWatermark(asDetectFrames({ ...spec, kind, seconds: 1.5 }));
      assert.equal(r.found, false, `${kind}: p=${r.pValue}`);
      assert.equal(r.payload, undefined);
    }
  });

  it('box-downsamples RGBA luma for detection (f x f blocks, partial blocks dropped)', () => {
    const w = 7;
    const h = 5;
    const rgba = Uint8Array.from({ length: w * h * 4 }, (_, i) => (i * 37) % 256);
    const r = lumaFromRgba(rgba, w, h, 2);
    assert.equal(r.width, 3);
    assert.equal(r.height, 2);
    const y = (x: number, yy: number): number => {
      const q = (yy * w + x) * 4;
      return 0.299 * (rgba[q] as number) + 0.587 * (rgba[q + 1] as number) + 0.114 * (rgba[q + 2] as number);
    };
    const expect = (y(2, 2) + y(3, 2) + y(2, 3) + y(3, 3)) / 4;
    assert.ok(Math.abs((r.luma[1 * 3 + 1] as number) - expect) < 1e-3);
    assert.equal(detectionFactor(1280, 720), 2);
    assert.equal(detectionFactor(576, 324), 1);
    assert.equal(detectionFactor(3840, 2160), 6);
  });

  it('matches a known payload where the mark is too weak to decode blind, and never reports one that is absent', async () => {
    // A mark at a tenth of a code value on noise, 1 s: the pilot peak falls short of the sync's level and
    // the message does not decode, but the 408 data chips of the right payload, taken as one template,
    // stand well above those of 999 other jobs of the same install.
    const weak = new WatermarkEmbedder({ minStrength: 0.1, maxStrength: 0.2, activityForMax: 10, minPsnr: 40.5 });
    weak.beginWithPayload(payload, spec.width, spec.height);
    let acc: ResidualAccumulator | undefined;
    for await (const f of asDetectFrames({ ...spec, kind: 'noise', seconds: 1 }, weak)) {
      const l = lumaFromRgba(f.rgba, f.width, f.height, 1);
      acc ??= new ResidualAccumulator(l.width, l.height);
      acc.add(l.luma);
    }
    const a = acc as ResidualAccumulator;
    const others = Array.from({ length: 999 }, (_, k) => makePayload(payload.installHash, (k * 2654435761) >>> 0));
    const blind = analyseResidual(a, 1);
    assert.equal(blind.found, false, `blind: z ${blind.syncZ}`);
    assert.equal(blind.payload, undefined);
    const informed = analyseResidual(a, 1, 1e-6, [...others.slice(0, 500), payload, ...others.slice(500)]);
    assert.equal(informed.found, true, JSON.stringify(informed.match));
    assert.equal(informed.method, 'matched');
    assert.equal(informed.payload?.hex, payload.hex);
    assert.equal(informed.match?.candidates, 1000);
    assert.ok(informed.pValue < 1e-8, `p ${informed.pValue}`);
    assert.ok(informed.crcOk === false && informed.bitAgreement < 0.9, 'the message itself did not decode');
    assert.ok((informed.match?.identityPValue ?? 1) < 1e-6, 'its job-specific chips alone name it');
    // Without the right payload among the candidates (a job of the same install that is not listed: a
    // third of every candidate's chips still match), no payload is named.
    const absent = analyseResidual(a, 1, 1e-6, others);
    assert.equal(absent.payload, undefined, JSON.stringify(absent.match));
    assert.ok((absent.match?.identityPValue ?? 0) > 1e-3, JSON.stringify(absent.match));
  });

  it('does not match any of a thousand payloads on unmarked frames, and decodes blind when it can', async () => {
    const others = Array.from({ length: 1000 }, (_, k) => makePayload(0x0badf00d, (k * 40503 + 17) >>> 0));
    const unmarked = await detectWatermark(asDetectFrames({ ...spec, kind: 'noise', seconds: 1 }), { knownPayloads: others });
    assert.equal(unmarked.found, false, `z ${unmarked.match?.z}`);
    assert.equal(unmarked.payload, undefined);
    const e = new WatermarkEmbedder();
    e.beginWithPayload(payload, spec.width, spec.height);
    const marked = await detectWatermark(asDetectFrames({ ...spec, seconds: 1 }, e), { knownPayloads: others });
    assert.equal(marked.method, 'decoded', 'a readable message is decoded, whatever is expected');
    assert.equal(marked.payload?.hex, payload.hex);
    assert.equal(marked.match, undefined);
  });

  it('reports nothing for an empty stretch', () => {
    const r = analyseResidual(new ResidualAccumulator(320, 180), 1);
    assert.equal(r.found, false);
    assert.equal(r.framesUsed, 0);
  });
});
