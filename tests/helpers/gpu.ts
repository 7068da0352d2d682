import { createProceduralGenerator, type ProceduralGenerator } from '../../engine/src/generators/procedural';

/**
 * The procedural generator for a suite's `before`, or the suite skipped (saying why) where this machine
 * has no WebGPU adapter; with RUSHES_REQUIRE_GPU=1 (CI) a missing adapter is a failure instead.
 */
export async function proceduralOrSkip(ctx: Mocha.Context): Promise<ProceduralGenerator> {
  const g = await createProceduralGenerator();
  if (g.unavailableReason) {
    await g.dispose();
    if (process.env.RUSHES_REQUIRE_GPU === '1') throw new Error(`No WebGPU adapter: ${g.unavailableReason}`);
    // eslint-disable-next-line no-console
    console.log(`      skipping: no WebGPU adapter on this machine (${g.unavailableReason})`);
    ctx.skip();
  }
  return g;
}
