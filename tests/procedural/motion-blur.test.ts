/**
 * Camera motion blur: the shutter's instants (a pure function), the plan words that ask for it, and the
 * render: the average of the instants is unbiased (a near-zero shutter gives the unblurred frame) and
 * smears along the motion (a fast pan loses horizontal detail, not vertical).
 */
import { strict as assert } from 'node:assert';
import type { ResolvedRequest } from '@rushes/shared';
import { planPrompt, validatePlan, type ProceduralGenerator, type ScenePlan } from '../../engine/src/generators/procedural';
import { exposureSeconds, subFrameTimes } from '../../engine/src/generators/procedural/sim/shutter';
import { rgbaOf } from '../helpers/frames';
import { proceduralOrSkip } from '../helpers/gpu';

const fps24 = { num: 24, den: 1 };

describe('procedural/motion blur: shutter instants', () => {
  it('centres the instants on the frame, evenly over the open shutter', () => {
    const t = subFrameTimes(1, { angle: 180, samples: 4 }, fps24, 10);
    const open = exposureSeconds(180, fps24);
    assert.ok(Math.abs(open - 1 / 48) < 1e-12);
    const expected = [-0.375, -0.125, 0.125, 0.375].map((f) => 1 + f * open);
    t.forEach((v, i) => assert.ok(Math.abs(v - expected[i]!) < 1e-12, `instant ${i}: ${v}`));
    assert.deepEqual(subFrameTimes(1, { angle: 180, samples: 1 }, fps24, 10), [1]);
  });

  it('stays in time order across frames up to a 360-degree shutter, and inside the clip', () => {
    const fps = { num: 30000, den: 1001 };
    const last = (47 * fps.den) / fps.num;
    let previous = -Infinity;
    for (let i = 0; i < 48; i++) {
      for (const v of subFrameTimes((i * fps.den) / fps.num, { angle: 360, samples: 7 }, fps, last)) {
        assert.ok(v >= previous, `frame ${i}: ${v} after ${previous}`);
        assert.ok(v >= 0 && v <= last);
        previous = v;
      }
    }
  });
});

describe('procedural/motion blur: plan', () => {
  it('is off unless the prompt asks; "motion blur" turns on a 180-degree shutter', () => {
    assert.equal(planPrompt({ prompt: 'city skyline at night, pan right', seed: 1 }).plan.camera.motionBlur, undefined);
    const on = planPrompt({ prompt: 'city skyline at night, pan right, with motion blur', seed: 1 });
    assert.deepEqual(on.plan.camera.motionBlur, { shutterAngle: 180, samples: 8 });
    assert.ok(on.usedWords.includes('motion blur'), on.usedWords.join(','));
    assert.match(on.summary, /motion blur 180° x8/);
    assert.equal(planPrompt({ prompt: 'city skyline at night, no motion blur', seed: 1 }).plan.camera.motionBlur, undefined);
    // "motion" of a motion background stays an abstract background, without blur.
    assert.equal(planPrompt({ prompt: 'teal ribbons motion background', seed: 1 }).plan.camera.motionBlur, undefined);
  });

  it('accepts a plan without it (older plans) and refuses a shutter or sample count out of range', () => {
    const plan = planPrompt({ prompt: 'ocean waves', seed: 1 }).plan;
    assert.doesNotThrow(() => validatePlan(plan));
    for (const bad of [{ shutterAngle: 400, samples: 8 }, { shutterAngle: 180, samples: 1 }, { shutterAngle: 180, samples: 64 }, { shutterAngle: 180 }]) {
      const p = structuredClone(plan) as ScenePlan;
      (p.camera as Record<string, unknown>).motionBlur = bad;
      assert.throws(() => validatePlan(p), (e: Error & { code?: string }) => e.code === 'E_INVALID', JSON.stringify(bad));
    }
  });
});

describe('procedural/motion blur: render', function () {
  this.timeout(120000);
  let g: ProceduralGenerator;
  const W = 256;
  const H = 144;

  before(async function () {
    g = await proceduralOrSkip(this);
  });
  after(async () => {
    await g?.dispose();
  });

  /** Frame `index` of a 12-frame clip of `plan`. */
  async function frameOf(plan: ScenePlan, index = 6): Promise<Uint8Array> {
    const request: ResolvedRequest = {
      prompt: 'test', seed: 3, frames: 12, durationSeconds: 0.5, fps: fps24, width: W, height: H,
      generator: 'procedural', formats: ['mp4'], name: 'mb', startTimecode: '00:00:00:00', plan,
    };
    let out: Uint8Array | undefined;
    for await (const f of g.render({ request, signal: new AbortController().signal, log: () => undefined })) if (f.index === index) out = rgbaOf(f).slice();
    return out!;
  }

  /** Mean squared luma difference between neighbours along x and along y. */
  function detail(rgba: Uint8Array): { x: number; y: number } {
    const l = (i: number) => 0.2126 * rgba[4 * i]! + 0.7152 * rgba[4 * i + 1]! + 0.0722 * rgba[4 * i + 2]!;
    let x = 0;
    let y = 0;
    for (let j = 0; j < H - 1; j++) {
      for (let i = 0; i < W - 1; i++) {
        const c = l(j * W + i);
        x += (l(j * W + i + 1) - c) ** 2;
        y += (l((j + 1) * W + i) - c) ** 2;
      }
    }
    const n = (W - 1) * (H - 1);
    return { x: x / n, y: y / n };
  }

  const base = planPrompt({ prompt: 'city skyline at night, fast pan right', seed: 3 }).plan;
  const withBlur = (shutterAngle: number, samples: number): ScenePlan => ({ ...base, camera: { ...base.camera, motionBlur: { shutterAngle, samples } } });

  it('averages without bias: a shutter open for one degree gives the unblurred frame', async () => {
    // A smooth shot: in the city's sea of one-pixel windows a shift of a hundredth of a pixel already
    // changes pixels, which says nothing about the average.
    const forest = planPrompt({ prompt: 'misty pine forest at dawn, slow dolly in', seed: 3 }).plan;
    const sharp = await frameOf(forest);
    const instant = await frameOf({ ...forest, camera: { ...forest.camera, motionBlur: { shutterAngle: 1, samples: 4 } } });
    let sum = 0;
    let max = 0;
    for (let i = 0; i < sharp.length; i += 4) {
      for (let c = 0; c < 3; c++) {
        const d = Math.abs(sharp[i + c]! - instant[i + c]!);
        sum += d;
        max = Math.max(max, d);
      }
    }
    const mean = sum / ((sharp.length / 4) * 3);
    // Measured: mean 0.010, largest 11 (antialiasing runs on the average instead of on the scene, and
    // the instants are a few microseconds apart). A sum instead of a mean, or a colour transform on the
    // way through the half-float targets, moves the mean by tens of code values.
    assert.ok(mean < 0.1, `mean difference ${mean.toFixed(3)}`);
    assert.ok(max <= 24, `largest difference ${max}`);
  });

  it('smears a fast pan along the pan, and is deterministic', async () => {
    const sharp = detail(await frameOf(base));
    const blurredFrame = await frameOf(withBlur(180, 8));
    const blurred = detail(blurredFrame);
    assert.ok(blurred.x < sharp.x * 0.6, `horizontal detail ${sharp.x.toFixed(1)} -> ${blurred.x.toFixed(1)}`);
    // Lit windows are points: smeared into lines they lose vertical contrast too, but far less.
    const ratio = (d: { x: number; y: number }) => d.x / d.y;
    assert.ok(ratio(blurred) < ratio(sharp) * 0.6, `the blur is along the motion: x/y ${ratio(sharp).toFixed(2)} -> ${ratio(blurred).toFixed(2)}`);
    assert.deepEqual(await frameOf(withBlur(180, 8)), blurredFrame);
  });
});
