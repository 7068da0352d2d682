/**
 * The procedural generator's render side is ES modules (.mts, for three.js and Dawn); mocha runs the tests
 * as CommonJS. This imports one of those modules (or three itself) through tsx's ESM loader.
 */
async function esmLoader(): Promise<void> {
  await import('tsx/esm' as string).catch(() => undefined);
}

/** A module of engine/src/generators/procedural, by its path there ("scene/environment.mts"). */
export async function importProcedural<T>(path: string): Promise<T> {
  await esmLoader();
  return (await import(`../../engine/src/generators/procedural/${path}`)) as T;
}

export type ThreeModule = typeof import('three/webgpu', { with: { 'resolution-mode': 'import' } });

/** three.js's WebGPU build. */
export async function importThree(): Promise<ThreeModule> {
  await esmLoader();
  return (await import('three/webgpu' as string)) as ThreeModule;
}
