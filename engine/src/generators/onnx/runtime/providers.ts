/**
 * Which onnxruntime execution provider runs the models, chosen once when the generator starts:
 *   CUDA      when its provider libraries load (the npm package ships them only if its install script
 *             downloaded them: `npm install onnxruntime-node --onnxruntime-node-install=cuda12`),
 *   DirectML  on Windows, CoreML on macOS (both bundled in the npm package for those platforms),
 *   WebGPU    elsewhere, when a hardware adapter exists (Dawn, bundled: Vulkan on Linux),
 *   CPU       last, always there.
 * Each candidate is tried for real (a tiny model is created and run on it), and every one that is
 * skipped leaves a note saying why, which ends up in the generator's info and the job report.
 */

export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

export interface ProviderChoice {
  /** The provider the models run on. */
  provider: ProviderName;
  /** "onnxruntime-<provider>", what GeneratorInfo.backend says. */
  backend: string;
  device: 'cpu' | 'gpu';
  /** Why each earlier candidate was not chosen, in order; empty when the first one worked. */
  notes: string[];
  /** What the GPU adapter is, where one was asked about. */
  adapter?: string;
}

/** Facts about the machine the choice depends on; the real ones come from probeProvider and gpuAdapter. */
export interface ProviderEnvironment {
  platform: NodeJS.Platform;
  /** Execution providers this onnxruntime build knows (listSupportedBackends). */
  available: readonly string[];
  /** Creates and runs a tiny model on the provider; resolves to an error message, or null when it ran. */
  probe(provider: ProviderName): Promise<string | null>;
  /** The WebGPU adapter Dawn would give: null when none; `software` for lavapipe, SwiftShader, llvmpipe. */
  adapter(): Promise<{ description: string; software: boolean } | null>;
}

export const PROVIDER_LABEL: Record<ProviderName, string> = {
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

/** The order to try on this platform, before any is probed. */
export function candidateProviders(platform: NodeJS.Platform): ProviderName[] {
  if (platform === 'win32') return ['cuda', 'dml', 'webgpu', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'webgpu', 'cpu'];
  return ['cuda', 'webgpu', 'cpu'];
}

/**
 * Picks the first candidate that works. `preferred` (from the configuration) replaces the default
 * order; CPU is always appended so that a choice is always made.
 */
export async function chooseProvider(env: ProviderEnvironment, preferred?: readonly ProviderName[]): Promise<ProviderChoice> {
  const order = [...new Set([...(preferred?.length ? preferred : candidateProviders(env.platform)), 'cpu' as const])];
  const explicit = new Set(preferred ?? []);
  const notes: string[] = [];
  let adapterText: string | undefined;
  for (const p of order) {
    if (p === 'cpu') break;
    if (!env.available.includes(p)) {
      notes.push(`${PROVIDER_LABEL[p]}: not in this onnxruntime build (${platformReason(p, env.platform)}).`);
      continue;
    }
    if (p === 'webgpu') {
      const adapter = await env.adapter().catch(() => null);
      if (!adapter) {
        notes.push('WebGPU: no adapter found.');
        continue;
      }
      adapterText = adapter.description;
      // A software rasteriser runs compute shaders far slower than onnxruntime's CPU kernels.
      if (adapter.software && !explicit.has('webgpu')) {
        notes.push(`WebGPU: the only adapter is a software rasteriser (${adapter.description}); the CPU provider is faster. Set providers ["webgpu"] to use it anyway.`);
        continue;
      }
    }
    const err = await env.probe(p);
    if (err === null) return { provider: p, backend: `onnxruntime-${p}`, device: 'gpu', notes, ...(adapterText && p === 'webgpu' ? { adapter: adapterText } : {}) };
    notes.push(`${PROVIDER_LABEL[p]}: failed to start (${oneLine(err)}).`);
  }
  return { provider: 'cpu', backend: 'onnxruntime-cpu', device: 'cpu', notes };
}

function platformReason(p: ProviderName, platform: NodeJS.Platform): string {
  if (p === 'dml') return platform === 'win32' ? 'missing from this build' : 'DirectML exists on Windows only';
  if (p === 'coreml') return platform === 'darwin' ? 'missing from this build' : 'CoreML exists on macOS only';
  return 'missing from this build';
}

export function oneLine(s: string): string {
  const line = s.replace(/\x1b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter(Boolean)[0] ?? s;
  return line.length > 240 ? line.slice(0, 237) + '...' : line;
}

/** One line for the job report and the generator description. */
export function describeChoice(c: ProviderChoice): string {
  const base = `onnxruntime ${PROVIDER_LABEL[c.provider]} execution provider${c.adapter ? ` on ${c.adapter}` : ''}`;
  return c.notes.length ? `${base} (fell back: ${c.notes.join(' ')})` : base;
}
