/**
 * Sampler maths against reference values computed independently with numpy (float64) from the
 * papers' update rules written out step by step (DDPM betas, DDIM eq. 12, Karras et al. Algorithm 2,
 * k-diffusion's ancestral step, rectified-flow Euler with the SD3 shift). The script that produced
 * them is in the comment at the end of this file; the values are pasted here, not recomputed.
 */
import { strict as assert } from 'node:assert';
import { alphasCumprod, betas, discreteTimesteps, flowSigmas, sigmaAt } from '../../engine/src/generators/onnx/scheduler/schedule';
import { applyGuidance, applyStep, createScheduler, refineStartStep } from '../../engine/src/generators/onnx/scheduler';
import type { SchedulerSpec } from '../../engine/src/generators/onnx/manifest/schema';
import { fromHalf, toHalf } from '../../engine/src/generators/onnx/fp16';

const close = (got: ArrayLike<number>, want: readonly number[], tol = 1e-5): void => {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i]! - want[i]!) <= tol * Math.max(1, Math.abs(want[i]!)), `[${i}] ${got[i]} vs ${want[i]}`);
};

const SD: SchedulerSpec = { type: 'euler', trainSteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012, timestepSpacing: 'leading', stepsOffset: 1 };
const X = [0.5, -1.25, 2.0, 0.1];
const OUT = [0.3, 0.7, -0.2, 1.5];
const Z = [-0.4, 0.9, 0.05, -1.1];
/** x after one step, in float32 like the pipeline's latents. */
const step = (s: ReturnType<typeof createScheduler>, i: number, z?: number[]): Float32Array => {
  const x = Float32Array.from(X);
  applyStep(x, Float32Array.from(OUT), s.coefficients(i), z ? Float32Array.from(z) : undefined);
  return x;
};

describe('onnx scheduler maths', () => {
  it('betas and cumulative alphas for the three beta schedules', () => {
    const ab = alphasCumprod(betas({ trainSteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 }));
    close([ab[0]!, ab[1]!, ab[499]!, ab[999]!], [0.99915, 0.9982960278384514, 0.27766965045646763, 0.004660098513077238], 1e-12);
    const lin = alphasCumprod(betas({ trainSteps: 1000, betaSchedule: 'linear', betaStart: 0.0001, betaEnd: 0.02 }));
    close([lin[0]!, lin[999]!], [0.9999, 4.035829765375676e-05], 1e-12);
    const cos = betas({ trainSteps: 1000, betaSchedule: 'squaredcos_cap_v2', betaStart: 1e-4, betaEnd: 0.02 });
    close([cos[0]!, cos[500]!, cos[999]!], [4.128422482196914e-05, 0.003155691441585007, 0.999], 1e-12);
  });

  it('timestep spacings: leading (offset 1), trailing, linspace', () => {
    const base = { trainSteps: 1000, betaSchedule: 'scaled_linear' as const, betaStart: 0.00085, betaEnd: 0.012, stepsOffset: 1 };
    assert.deepEqual(discreteTimesteps({ ...base, spacing: 'leading' }, 10), [901, 801, 701, 601, 501, 401, 301, 201, 101, 1]);
    assert.deepEqual(discreteTimesteps({ ...base, spacing: 'trailing', stepsOffset: 0 }, 10), [999, 899, 799, 699, 599, 499, 399, 299, 199, 99]);
    close(discreteTimesteps({ ...base, spacing: 'linspace' }, 10), [999.0, 888.0, 777.0, 666.0, 555.0, 444.0, 333.0, 222.0, 111.0, 0.0], 1e-12);
    assert.throws(() => discreteTimesteps({ ...base, spacing: 'leading' }, 0), RangeError);
  });

  it('sigmas at the visited timesteps, interpolated for fractional ones', () => {
    const ab = alphasCumprod(betas({ trainSteps: 1000, betaSchedule: 'scaled_linear', betaStart: 0.00085, betaEnd: 0.012 }));
    close([901, 801, 701, 601, 501, 401, 301, 201, 101, 1].map((t) => sigmaAt(ab, t)), [8.390684770218579, 5.134431117517536, 3.3477635806615926, 2.292853821788702, 1.623692081515863, 1.1682159550479787, 0.8356528080331495, 0.5740502594628525, 0.34618670638077037, 0.04131441199678309], 1e-10);
    close([999.0, 888.0, 777.0, 666.0, 555.0, 444.0, 333.0, 222.0, 111.0, 0.0].map((t) => sigmaAt(ab, t)), [14.614641229333639, 7.839882872819808, 4.609174133893039, 2.9183071154268285, 1.9501614706273922, 1.3449277833514826, 0.9323579668348474, 0.6249769180115957, 0.36865774541485086, 0.029167158151720367], 1e-10);
  });

  it('Euler (epsilon and v prediction): start noise, input scale and one step', () => {
    const eps = createScheduler(SD, { steps: 10, prediction: 'epsilon' });
    close([eps.initNoiseSigma], [8.450064550829065], 1e-10);
    close([eps.inputScale(3)], [0.39977048095854406], 1e-10);
    assert.deepEqual(eps.timesteps, [901, 801, 701, 601, 501, 401, 301, 201, 101, 1]);
    close(step(eps, 3), [0.2992514779181483, -1.7184132181909872, 2.133832348054568, -0.9037426104092584]);
    close(step(createScheduler(SD, { steps: 10, prediction: 'v_prediction' }), 3), [0.2971442815898124, -1.130751814559028, 1.5630926814063502, -0.32578714315905555]);
  });

  it('Euler ancestral: sigma_up / sigma_down split with the given noise', () => {
    const s = createScheduler({ ...SD, type: 'euler-ancestral' }, { steps: 10, prediction: 'epsilon' });
    assert.equal(s.stochastic, true);
    close(step(s, 3, Z), [-0.3014780099064817, -1.0183419082556173, 2.2859272657572887, -2.875610356783196]);
    // The last step goes to sigma 0 with no fresh noise.
    assert.equal(s.coefficients(9).c, 0);
  });

  it('DDIM (eta 0): epsilon and v prediction, and the last step lands on x0', () => {
    const s = createScheduler({ ...SD, type: 'ddim' }, { steps: 10, prediction: 'epsilon' });
    assert.equal(s.initNoiseSigma, 1);
    assert.equal(s.inputScale(4), 1);
    close(step(s, 2), [0.5718677642527519, -2.0411659940569713, 2.877881551352475, -0.4929058127578163]);
    close(step(createScheduler({ ...SD, type: 'ddim' }, { steps: 10, prediction: 'v_prediction' }), 2), [0.4601340112899044, -1.325352052301852, 2.009517999440947, -0.08178320785995774]);
    close(step(s, 9), [0.4880322146257678, -1.2799864339597549, 2.009969035298568, 0.03811368964978592]);
  });

  it('flow-matching Euler with shift 3: sigmas, model timesteps and one step', () => {
    close(flowSigmas(5, 1000, 3), [1.0, 0.9001199760047992, 0.7503748125937031, 0.5009990009990011, 0.0029940119760479044, 0.0], 1e-12);
    const s = createScheduler({ type: 'flow-euler', shift: 3 }, { steps: 5, prediction: 'flow' });
    close(s.timesteps, [1000.0, 900.1199760047992, 750.374812593703, 500.99900099900105, 2.9940119760479043], 1e-12);
    close(step(s, 1), [0.45507645097667115, -1.3548216143877672, 2.0299490326822194, -0.12461774511664417]);
    assert.deepEqual(s.noiseCoefficients(0), { p: 0, q: 1 });
  });

  it('refuses a prediction type that does not fit the sampler', () => {
    assert.throws(() => createScheduler({ type: 'flow-euler' }, { steps: 4, prediction: 'epsilon' }), /flow prediction/);
    assert.throws(() => createScheduler(SD, { steps: 4, prediction: 'flow' }), /epsilon or v/);
  });

  it('classifier-free guidance and the SDEdit start step', () => {
    const cond = Float32Array.from(OUT);
    applyGuidance(Float32Array.from(X), cond, 7.5);
    close(cond, [-1.0, 13.375, -14.5, 10.6]);
    assert.equal(refineStartStep(10, 0.6), 4);
    assert.equal(refineStartStep(10, 1), 0);
    assert.equal(refineStartStep(10, 0.01), 9, 'at least one step runs');
  });

  it('float16 conversion rounds like numpy (nearest, ties to even, subnormals, overflow)', () => {
    const vals = [0.0, -0.0, 1.0, -2.5, 65504.0, 65520.0, 100000.0, 6.1e-05, 5.96e-08, 2.98e-08, 2.99e-08, 1e-08, 0.1, 0.3333333, 1.0009765625, 1.00048828125, 1.00146484375, Infinity, -Infinity];
    const bits = [0, 32768, 15360, 49408, 31743, 31744, 31744, 1023, 1, 0, 1, 0, 11878, 13653, 15361, 15360, 15362, 31744, 64512];
    vals.forEach((v, i) => assert.equal(toHalf(v), bits[i], `toHalf(${v})`));
    assert.equal(toHalf(NaN) & 0x7c00, 0x7c00);
    assert.ok(Number.isNaN(fromHalf(toHalf(NaN))));
    for (const h of [0, 1, 1023, 1024, 15360, 31743, 32769, 49408]) assert.equal(toHalf(fromHalf(h)), h, `round trip ${h}`);
    assert.equal(fromHalf(1), 2 ** -24);
    assert.equal(fromHalf(31743), 65504);
  });
});

/* Reference script (python3 + numpy 2.4), abridged to the formulas:
# Independent reference values for tests/onnx/scheduler.test.ts, written straight from the papers'
# update rules (not from the TypeScript), float64 numpy.
import numpy as np, json
np.set_printoptions(precision=17)
N=1000
def betas(kind, b0=0.00085, b1=0.012):
    if kind=='linear': return np.linspace(b0,b1,N)
    if kind=='scaled_linear': return np.linspace(b0**0.5,b1**0.5,N)**2
    f=lambda t: np.cos((t+0.008)/1.008*np.pi/2)**2
    return np.array([min(1-f((i+1)/N)/f(i/N),0.999) for i in range(N)])
ab = np.cumprod(1-betas('scaled_linear'))
out={}
out['ab_scaled']= {str(i): ab[i] for i in [0,1,499,999]}
abl=np.cumprod(1-betas('linear',0.0001,0.02)); out['ab_linear']={str(i):abl[i] for i in [0,999]}
bc=betas('cos'); out['betas_cos']={str(i):bc[i] for i in [0,500,999]}
n=10
lead=(np.arange(n)*(N//n))[::-1]+1
trail=np.round(np.arange(N,0,-N/n))-1
lin=np.linspace(0,N-1,n)[::-1]
out['leading']=lead.tolist(); out['trailing']=trail.tolist(); out['linspace']=lin.tolist()
sig_all=np.sqrt((1-ab)/ab)
def interp(ts): return np.interp(ts, np.arange(N), sig_all)
out['sigma_lead']=interp(lead).tolist()
out['sigma_lin']=interp(lin).tolist()
x=np.array([0.5,-1.25,2.0,0.1]); e=np.array([0.3,0.7,-0.2,1.5]); z=np.array([-0.4,0.9,0.05,-1.1])
# Euler eps (Karras Alg.2 w/o churn), step i=3 of leading schedule
s=interp(lead); s=np.append(s,0)
i=3
x0=x-s[i]*e; d=(x-x0)/s[i]; out['euler_eps']=(x+(s[i+1]-s[i])*d).tolist()
# Euler v-pred: denoised = x*c_skip + v*c_out
x0=x/(s[i]**2+1) + e*(-s[i]/np.sqrt(s[i]**2+1)); d=(x-x0)/s[i]; out['euler_v']=(x+(s[i+1]-s[i])*d).tolist()
# Euler ancestral eps
su=np.sqrt(s[i+1]**2*(s[i]**2-s[i+1]**2)/s[i]**2); sd=np.sqrt(s[i+1]**2-su**2)
x0=x-s[i]*e; d=(x-x0)/s[i]; out['euler_anc']=(x+d*(sd-s[i])+z*su).tolist()
out['euler_init']=float(np.sqrt(s[0]**2+1)); out['euler_inscale3']=float(1/np.sqrt(s[3]**2+1))
# DDIM eta=0, leading n=10 offset 1, step i=2 -> prev = lead[3]; last step -> alpha 1
a=ab[lead[2]]; ap=ab[lead[3]]
x0=(x-np.sqrt(1-a)*e)/np.sqrt(a); out['ddim_eps']=(np.sqrt(ap)*x0+np.sqrt(1-ap)*e).tolist()
x0=np.sqrt(a)*x-np.sqrt(1-a)*e; eps=np.sqrt(a)*e+np.sqrt(1-a)*x; out['ddim_v']=(np.sqrt(ap)*x0+np.sqrt(1-ap)*eps).tolist()
a=ab[lead[9]]; x0=(x-np.sqrt(1-a)*e)/np.sqrt(a); out['ddim_last']=(x0).tolist()
# flow matching, n=5, shift 3
raw=np.linspace(1,1/N,5); sh=3*raw/(1+2*raw); sh=np.append(sh,0)
out['flow_sigmas']=sh.tolist(); out['flow_t']=(sh[:-1]*N).tolist()
out['flow_step1']=(x+(sh[2]-sh[1])*e).tolist()
# cfg
out['cfg']=(x+7.5*(e-x)).tolist()
# SDEdit start: n=10 strength .6 -> t_start = n - int(n*s)
out['sdedit_start']=n-int(n*0.6)
# float16 reference bit patterns
vals=[0.0,-0.0,1.0,-2.5,65504.0,65520.0,1e5,6.1e-5,5.96e-8,2.98e-8,2.99e-8,1e-8,0.1,0.3333333,1.0009765625,1.00048828125,1.00146484375,float('inf'),-float('inf')]
out['f16_vals']=vals
out['f16_bits']=[int(np.array([v],dtype=np.float32).astype(np.float16).view(np.uint16)[0]) for v in vals]
print(json.dumps(out, indent=1))

*/
