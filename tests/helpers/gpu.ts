import { createProceduralGenerator, type ProceduralGenerator, type ProceduralOptions } from '../../engine/src/generators/procedural';
import { importProcedural, importThree, type ThreeModule } from './esm';

type DawnModule = typeof import('../../engine/src/generators/procedural/render/dawn.mjs', { with: { 'resolution-mode': 'import' } });
type HostModule = typeof import('../../engine/src/generators/procedural/render/host.mjs', { with: { 'resolution-mode': 'import' } });
type GpuHandle = Awaited<ReturnType<DawnModule['openGpu']>>;

/**
 * The procedural generator for a suite's `before`, or the suite skipped (saying why) where this machine
 * has no WebGPU adapter; with RUSHES_REQUIRE_GPU=1 (CI) a missing adapter is a failure instead.
 */
export async function proceduralOrSkip(ctx: Mocha.Context, options: ProceduralOptions = {}): Promise<ProceduralGenerator> {
  const g = await createProceduralGenerator(options);
  if (g.unavailableReason) {
    await g.dispose();
    if (process.env.RUSHES_REQUIRE_GPU === '1') throw new Error(`No WebGPU adapter: ${g.unavailableReason}`);
    // eslint-disable-next-line no-console
    console.log(`      skipping: no WebGPU adapter on this machine (${g.unavailableReason})`);
    ctx.skip();
  }
  return g;
}

/**
 * The render side at the device level, for tests below the generator: three, its TSL functions, the
 * render host module and an open GPU; or the test skipped (failed with RUSHES_REQUIRE_GPU=1) where this
 * machine has no WebGPU adapter. Close `gpu` when done.
 */
export async function deviceOrSkip(ctx: Mocha.Context): Promise<{ THREE: ThreeModule; TSL: Record<string, any>; host: HostModule; gpu: GpuHandle }> {
  const THREE = await importThree();
  const TSL = (await import('three/tsl' as string)) as Record<string, any>;
  const dawn = await importProcedural<DawnModule>('render/dawn.mts');
  const host = await importProcedural<HostModule>('render/host.mts');
  try {
    return { THREE, TSL, host, gpu: await dawn.openGpu() };
  } catch (e) {
    if (process.env.RUSHES_REQUIRE_GPU === '1') throw e;
    ctx.skip();
  }
}
