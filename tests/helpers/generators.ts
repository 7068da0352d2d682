/**
 * Generators for tests that need control over timing or failure, registered in a daemon through its
 * `components` option. They produce real frames that go through the real encoder.
 */
import { RushesError } from '@rushes/shared';
import { GeneratorRegistry, type Generator } from '@rushes/engine';

const LIMITS = { maxWidth: 1920, maxHeight: 1080, maxFrames: 10000, maxFps: 120 };

/** A generator that waits `delayMs` before each frame, so a test can act while it runs. */
export function slowGenerator(delayMs: number, opts: { failAt?: number; id?: string } = {}): Generator {
  return {
    info: { id: opts.id ?? 'slow', name: 'Slow', description: 'test', version: '1', inputs: ['text'], device: 'cpu', backend: 'test', isDefault: false, limits: LIMITS },
    check: () => undefined,
    async *render({ request, signal }) {
      const size = request.width * request.height * 4;
      for (let i = 0; i < request.frames; i++) {
        await new Promise((r) => setTimeout(r, delayMs));
        if (signal.aborted) throw signal.reason;
        if (opts.failAt === i) throw new RushesError('E_GENERATOR', `Test failure at frame ${i}.`);
        const rgba = new Uint8Array(size);
        rgba.fill((i * 37) % 256);
        yield { index: i, rgba };
      }
    },
  };
}

export function registryWith(...gens: Generator[]): GeneratorRegistry {
  const r = new GeneratorRegistry();
  gens.forEach((g, i) => r.add(g, i === 0));
  return r;
}
