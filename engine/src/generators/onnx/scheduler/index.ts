/**
 * Samplers, written so that every step is one pass over the latents:
 *     x_next = a * x + b * modelOutput + c * z        (z: fresh unit noise, ancestral only)
 * where (a, b, c) depend only on the step. Each sampler below derives them from its update rule; the
 * tests check them against the rules written out step by step. The model sees x * inputScale(i) and
 * timestep(i).
 */
import type { SchedulerSpec } from '../manifest/schema';
import { alphasCumprod, betas, discreteConfig, discreteTimesteps, flowSigmas, sigmaAt } from './schedule';

export type Prediction = 'epsilon' | 'v_prediction' | 'flow';

export interface StepCoefficients {
  a: number;
  b: number;
  c: number;
}

export interface Scheduler {
  readonly type: SchedulerSpec['type'];
  /** Model evaluations in a full run. */
  readonly steps: number;
  /** The value fed to the model's timestep input at each step. */
  readonly timesteps: readonly number[];
  /** Standard deviation of the starting latents for a run from pure noise. */
  readonly initNoiseSigma: number;
  /** Whether step() wants fresh noise (c != 0). */
  readonly stochastic: boolean;
  /** Multiplier on x for the model's input at step i. */
  inputScale(i: number): number;
  coefficients(i: number): StepCoefficients;
  /** Clean latents x0 noised to the level the model expects at step i: x = p * x0 + q * noise. */
  noiseCoefficients(i: number): { p: number; q: number };
}

export interface SchedulerOptions {
  steps: number;
  prediction: Prediction;
  /** Euler ancestral: 0 = no fresh noise (plain Euler), 1 = full ancestral sampling. */
  eta?: number;
}

export function createScheduler(spec: SchedulerSpec, opts: SchedulerOptions): Scheduler {
  switch (spec.type) {
    case 'euler':
      return eulerScheduler(spec, opts, 0);
    case 'euler-ancestral':
      return eulerScheduler(spec, opts, opts.eta ?? 1);
    case 'ddim':
      return ddimScheduler(spec, opts);
    case 'flow-euler':
      return flowEulerScheduler(spec, opts);
  }
}

/**
 * Euler over sigma (Karras et al. 2022, "Elucidating the Design Space", Algorithm 2 without churn) in
 * the variance-exploding form x = x0 + sigma * eps. The model sees x / sqrt(sigma^2 + 1) and the
 * discrete timestep. Denoised estimate D = x - sigma * eps (epsilon) or
 * D = x / (sigma^2 + 1) - v * sigma / sqrt(sigma^2 + 1) (v-prediction); d = (x - D) / sigma.
 * Ancestral (k-diffusion's sample_euler_ancestral): sigma_up = eta * sqrt(s'^2 (s^2 - s'^2) / s^2),
 * capped at s', sigma_down = sqrt(s'^2 - sigma_up^2); x' = x + d (sigma_down - s) + sigma_up z.
 */
function eulerScheduler(spec: SchedulerSpec, opts: SchedulerOptions, eta: number): Scheduler {
  if (opts.prediction === 'flow') throw new RangeError('Euler over sigma needs epsilon or v prediction');
  const cfg = discreteConfig(spec);
  const ab = alphasCumprod(betas(cfg));
  const timesteps = discreteTimesteps(cfg, opts.steps);
  const sigmas = [...timesteps.map((t) => sigmaAt(ab, t)), 0];
  const s0 = sigmas[0]!;
  return {
    type: spec.type,
    steps: opts.steps,
    timesteps,
    initNoiseSigma: Math.sqrt(s0 * s0 + 1),
    stochastic: eta > 0,
    inputScale: (i) => 1 / Math.sqrt(sigmas[i]! ** 2 + 1),
    coefficients(i) {
      const s = sigmas[i]!;
      const sn = sigmas[i + 1]!;
      let target = sn;
      let c = 0;
      if (eta > 0 && sn > 0) {
        const up = Math.min(sn, eta * Math.sqrt((sn * sn * (s * s - sn * sn)) / (s * s)));
        target = Math.sqrt(sn * sn - up * up);
        c = up;
      }
      const dt = target - s;
      if (opts.prediction === 'epsilon') return { a: 1, b: dt, c }; // d = eps
      // v: D = cSkip x + cOut v; d = (x - D) / s = x (1 - cSkip) / s - v cOut / s
      const cSkip = 1 / (s * s + 1);
      const cOut = -s / Math.sqrt(s * s + 1);
      return { a: 1 + (dt * (1 - cSkip)) / s, b: (-dt * cOut) / s, c };
    },
    noiseCoefficients: (i) => ({ p: 1, q: sigmas[i]! }),
  };
}

/**
 * DDIM with eta = 0 (Song et al. 2021, eq. 12): from alphaBar a at t to a' at the next visited
 * timestep (or 1 after the last step when setAlphaToOne, else alphaBar[0]):
 *   x0 = (x - sqrt(1-a) eps) / sqrt(a),  x' = sqrt(a') x0 + sqrt(1-a') eps.
 * With v-prediction: x0 = sqrt(a) x - sqrt(1-a) v, eps = sqrt(a) v + sqrt(1-a) x.
 */
function ddimScheduler(spec: SchedulerSpec, opts: SchedulerOptions): Scheduler {
  if (opts.prediction === 'flow') throw new RangeError('DDIM needs epsilon or v prediction');
  const cfg = discreteConfig(spec);
  const ab = alphasCumprod(betas(cfg));
  const timesteps = discreteTimesteps(cfg, opts.steps).map(Math.round);
  const final = spec.setAlphaToOne ?? true ? 1 : ab[0]!;
  const alpha = (i: number): number => (i < timesteps.length ? ab[timesteps[i]!]! : final);
  return {
    type: spec.type,
    steps: opts.steps,
    timesteps,
    initNoiseSigma: 1,
    stochastic: false,
    inputScale: () => 1,
    coefficients(i) {
      const a = alpha(i);
      const an = alpha(i + 1);
      const [sa, s1a, san, s1an] = [Math.sqrt(a), Math.sqrt(1 - a), Math.sqrt(an), Math.sqrt(1 - an)];
      if (opts.prediction === 'epsilon') return { a: san / sa, b: s1an - (san * s1a) / sa, c: 0 };
      return { a: san * sa + s1an * s1a, b: s1an * sa - san * s1a, c: 0 };
    },
    noiseCoefficients: (i) => ({ p: Math.sqrt(alpha(i)), q: Math.sqrt(1 - alpha(i)) }),
  };
}

/**
 * Flow-matching Euler (rectified flow): x_sigma = (1 - sigma) x0 + sigma * noise, the model predicts
 * v = noise - x0 at timestep sigma * T, and x' = x + (sigma' - sigma) v.
 */
function flowEulerScheduler(spec: SchedulerSpec, opts: SchedulerOptions): Scheduler {
  if (opts.prediction !== 'flow') throw new RangeError('flow-euler needs flow prediction');
  const T = spec.trainSteps ?? 1000;
  const sigmas = flowSigmas(opts.steps, T, spec.shift ?? 1);
  return {
    type: spec.type,
    steps: opts.steps,
    timesteps: sigmas.slice(0, -1).map((s) => s * T),
    initNoiseSigma: 1,
    stochastic: false,
    inputScale: () => 1,
    coefficients: (i) => ({ a: 1, b: sigmas[i + 1]! - sigmas[i]!, c: 0 }),
    noiseCoefficients: (i) => ({ p: 1 - sigmas[i]!, q: sigmas[i]! }),
  };
}

/** SDEdit (Meng et al. 2022): with strength s, a refine run starts at step n - floor(n * s) (at least one step runs). */
export function refineStartStep(steps: number, strength: number): number {
  const run = Math.min(steps, Math.max(1, Math.floor(steps * strength)));
  return steps - run;
}

/** Classifier-free guidance, in place into `cond`: cond = uncond + g * (cond - uncond). */
export function applyGuidance(uncond: Float32Array, cond: Float32Array, g: number): void {
  for (let i = 0; i < cond.length; i++) {
    const u = uncond[i]!;
    cond[i] = u + g * (cond[i]! - u);
  }
}

/** One step in place: x = a x + b out + c z. */
export function applyStep(x: Float32Array, out: Float32Array, k: StepCoefficients, z?: Float32Array): void {
  const { a, b, c } = k;
  if (c !== 0) {
    if (!z) throw new Error('a stochastic step needs noise');
    for (let i = 0; i < x.length; i++) x[i] = a * x[i]! + b * out[i]! + c * z[i]!;
  } else if (a === 1) {
    for (let i = 0; i < x.length; i++) x[i] = x[i]! + b * out[i]!;
  } else {
    for (let i = 0; i < x.length; i++) x[i] = a * x[i]! + b * out[i]!;
  }
}
