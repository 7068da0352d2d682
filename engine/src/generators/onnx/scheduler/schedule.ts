/**
 * Noise schedules, as pure functions of the model's training configuration: betas, cumulative alphas,
 * the discrete timesteps a run visits, and the noise levels (sigmas) at them. Arithmetic in float64.
 *
 * Conventions (those of the DDPM/DDIM/k-diffusion papers and of the diffusers library's configs, so a
 * model's exported scheduler_config.json maps onto them field for field):
 *   alphaBar[t] = prod_{s<=t} (1 - beta[s]),  sigma(t) = sqrt((1 - alphaBar[t]) / alphaBar[t]).
 */
import type { SchedulerSpec } from '../manifest/schema';

export type BetaSchedule = 'linear' | 'scaled_linear' | 'squaredcos_cap_v2';
export type Spacing = 'leading' | 'trailing' | 'linspace';

export interface DiscreteConfig {
  trainSteps: number;
  betaSchedule: BetaSchedule;
  betaStart: number;
  betaEnd: number;
  spacing: Spacing;
  stepsOffset: number;
}

/** Stable Diffusion's values, the defaults for a manifest that leaves them out. */
export function discreteConfig(s: SchedulerSpec): DiscreteConfig {
  return {
    trainSteps: s.trainSteps ?? 1000,
    betaSchedule: s.betaSchedule ?? 'scaled_linear',
    betaStart: s.betaStart ?? 0.00085,
    betaEnd: s.betaEnd ?? 0.012,
    spacing: s.timestepSpacing ?? 'leading',
    stepsOffset: s.stepsOffset ?? 0,
  };
}

/** n evenly spaced values from a to b inclusive (n = 1 gives [a]). */
export function linspace(a: number, b: number, n: number): number[] {
  if (n === 1) return [a];
  return Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
}

export function betas(c: Pick<DiscreteConfig, 'trainSteps' | 'betaSchedule' | 'betaStart' | 'betaEnd'>): Float64Array {
  const n = c.trainSteps;
  switch (c.betaSchedule) {
    case 'linear':
      return Float64Array.from(linspace(c.betaStart, c.betaEnd, n));
    case 'scaled_linear':
      return Float64Array.from(linspace(Math.sqrt(c.betaStart), Math.sqrt(c.betaEnd), n), (v) => v * v);
    case 'squaredcos_cap_v2': {
      // Nichol & Dhariwal 2021, "Improved DDPM", eq. 17 with s = 0.008, betas capped at 0.999.
      const f = (t: number): number => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
      return Float64Array.from({ length: n }, (_, i) => Math.min(1 - f((i + 1) / n) / f(i / n), 0.999));
    }
  }
}

export function alphasCumprod(b: Float64Array): Float64Array {
  const out = new Float64Array(b.length);
  let acc = 1;
  for (let i = 0; i < b.length; i++) {
    acc *= 1 - b[i]!;
    out[i] = acc;
  }
  return out;
}

/**
 * The timesteps a run of `steps` steps visits, from noisiest to cleanest.
 *  leading:  floor(T / n) * k + offset, k = n-1..0 (Stable Diffusion 1.x/2.x).
 *  trailing: round(T - k * T / n) - 1, k = 0..n-1 (ends exactly at T - 1; "Common Diffusion Noise
 *            Schedules and Sample Steps are Flawed", Lin et al. 2024).
 *  linspace: T - 1 .. 0 evenly, fractional.
 */
export function discreteTimesteps(c: DiscreteConfig, steps: number): number[] {
  const T = c.trainSteps;
  if (!Number.isInteger(steps) || steps < 1 || steps > T) throw new RangeError(`steps must be 1..${T}, not ${steps}`);
  switch (c.spacing) {
    case 'leading': {
      const ratio = Math.floor(T / steps);
      return Array.from({ length: steps }, (_, k) => (steps - 1 - k) * ratio + c.stepsOffset);
    }
    case 'trailing':
      return Array.from({ length: steps }, (_, k) => Math.round(T - (k * T) / steps) - 1);
    case 'linspace':
      return linspace(T - 1, 0, steps);
  }
}

/** sigma at a (possibly fractional) timestep, by linear interpolation between training steps. */
export function sigmaAt(alphaBar: Float64Array, t: number): number {
  const sig = (i: number): number => Math.sqrt((1 - alphaBar[i]!) / alphaBar[i]!);
  const lo = Math.max(0, Math.min(alphaBar.length - 1, Math.floor(t)));
  const hi = Math.min(alphaBar.length - 1, lo + 1);
  const w = t - lo;
  return w === 0 || hi === lo ? sig(lo) : sig(lo) * (1 - w) + sig(hi) * w;
}

/**
 * Flow-matching sigmas (rectified flow, as SD3, Wan and LTX-Video use): n values from 1 down to 1/T,
 * each shifted by sigma' = shift * sigma / (1 + (shift - 1) * sigma) (Esser et al. 2024, eq. 23),
 * then a final 0. The model's timestep input is sigma * T.
 */
export function flowSigmas(steps: number, trainSteps: number, shift: number): number[] {
  const raw = linspace(1, 1 / trainSteps, steps);
  return [...raw.map((s) => (shift * s) / (1 + (shift - 1) * s)), 0];
}
