/**
 * Opens a WebGPU device through Dawn (npm `webgpu`), choosing the backend automatically:
 *   1. the platform's native API in core mode (Vulkan on Linux: the real GPU, or lavapipe from Mesa 25
 *      on a CPU-only machine; Metal on macOS; D3D12 on Windows),
 *   2. Dawn's OpenGL ES backend in compatibility mode (Mesa llvmpipe through surfaceless EGL), which
 *      works where Vulkan does not but has no MSAA, so the renderer adds FXAA there.
 * The first backend that gives an adapter *and* a device wins. If none does, `openGpu` throws
 * E_UNSUPPORTED with what was tried, and the engine keeps running with its other generators.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RushesError } from '@rushes/shared';
import { installEventPacing } from './event-pacing.mjs';

export interface GpuHandle {
  /** e.g. "dawn-vulkan-lavapipe", "dawn-opengles-llvmpipe", "dawn-vulkan-nvidia". */
  backend: string;
  /** Dawn's backend name: vulkan, opengles, metal, d3d12. */
  api: string;
  device: GPUDevice;
  adapterDescription: string;
  /** A software rasteriser (lavapipe, llvmpipe, SwiftShader) rather than a GPU. */
  software: boolean;
  /** Core WebGPU (false on the GL backend's compatibility mode). */
  core: boolean;
  /**
   * Whether to antialias with 4x MSAA (else FXAA). Off on Dawn's GL backend, which accepts sampleCount 4
   * and silently renders without it, and off on software rasterisers, where 4x MSAA more than doubled the
   * frame time (lavapipe, 1280x720) while FXAA costs one cheap pass.
   */
  msaa: boolean;
  close(): void;
}

export interface OpenGpuOptions {
  /** Backends to try, in order; default depends on the platform. RUSHES_GPU_BACKEND overrides it. */
  backends?: string[];
}

type DawnModule = { create: (flags: string[]) => GPU; globals: Record<string, unknown> };

let dawn: DawnModule | null = null;

/** Loads dawn.node once; a missing or broken native build becomes E_UNSUPPORTED, not a crash. */
async function loadDawn(): Promise<DawnModule> {
  if (dawn) return dawn;
  prepareEnvironment();
  try {
    dawn = (await import('webgpu')) as unknown as DawnModule;
  } catch (e) {
    throw new RushesError('E_UNSUPPORTED', `WebGPU (Dawn, npm "webgpu") could not be loaded on this machine: ${(e as Error).message}`);
  }
  installEventPacing();
  // WebGPU's enums and classes (GPUBufferUsage, GPUTextureUsage, ...) are globals in a browser; three.js expects them.
  for (const [k, v] of Object.entries(dawn.globals)) {
    if (!(k in globalThis)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  }
  return dawn;
}

/**
 * Dawn's Vulkan and GL loaders want XDG_RUNTIME_DIR; surfaceless EGL lets Mesa's GL run with no display.
 * Set only when the user has not, before dawn.node is loaded (native code reads them through getenv).
 */
function prepareEnvironment(): void {
  const xdg = process.env.XDG_RUNTIME_DIR;
  if (!xdg || !isWritableDir(xdg)) {
    process.env.XDG_RUNTIME_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'rushes-xdg-'));
  }
  if (!process.env.EGL_PLATFORM) process.env.EGL_PLATFORM = 'surfaceless';
}

function isWritableDir(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function defaultBackends(): string[] {
  const env = process.env.RUSHES_GPU_BACKEND?.trim();
  if (env) return env.split(',').map((s) => s.trim()).filter(Boolean);
  if (process.platform === 'darwin') return ['metal'];
  if (process.platform === 'win32') return ['d3d12', 'vulkan', 'd3d11'];
  return ['vulkan', 'opengles'];
}

const SOFTWARE = /llvmpipe|lavapipe|swiftshader|softpipe|software/i;

function shortName(api: string, info: GPUAdapterInfo): { name: string; software: boolean } {
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`.toLowerCase();
  const software = SOFTWARE.test(text);
  let name: string;
  if (/swiftshader/.test(text)) name = 'swiftshader';
  else if (/llvmpipe|lavapipe/.test(text)) name = api === 'vulkan' ? 'lavapipe' : 'llvmpipe';
  else if (/nvidia/.test(text)) name = 'nvidia';
  else if (/amd|radeon/.test(text)) name = 'amd';
  else if (/intel/.test(text)) name = 'intel';
  else if (/apple/.test(text)) name = 'apple';
  else name = (info.vendor || 'unknown').replace(/[^a-z0-9]+/gi, '').toLowerCase() || 'unknown';
  return { name, software };
}

/** Tries each backend in turn and returns the first working device. */
export async function openGpu(options: OpenGpuOptions = {}): Promise<GpuHandle> {
  const mod = await loadDawn();
  const tried: string[] = [];
  for (const api of options.backends ?? defaultBackends()) {
    try {
      const gpu = mod.create([`backend=${api}`]);
      const core = api !== 'opengles' && api !== 'opengl';
      const adapter = await gpu.requestAdapter({ featureLevel: core ? 'core' : 'compatibility', powerPreference: 'high-performance' } as GPURequestAdapterOptions);
      if (!adapter) {
        tried.push(`${api}: no adapter`);
        continue;
      }
      const requiredFeatures = [...adapter.features].filter((f) => f !== 'timestamp-query') as GPUFeatureName[];
      const device = await adapter.requestDevice({ requiredFeatures });
      const { name, software } = shortName(api, adapter.info);
      const isCore = device.features.has('core-features-and-limits');
      installNavigator(gpu);
      let closed = false;
      return {
        backend: `dawn-${api}-${name}`,
        api,
        device,
        adapterDescription: adapter.info.description || `${adapter.info.vendor} ${adapter.info.architecture}`.trim(),
        software,
        core: isCore,
        msaa: isCore && (process.env.RUSHES_MSAA === '1' || (!software && process.env.RUSHES_MSAA !== '0')),
        close() {
          if (closed) return;
          closed = true;
          device.destroy();
          // dawn.node keeps the process alive while the GPU object is referenced.
          releaseNavigator(gpu);
        },
      };
    } catch (e) {
      tried.push(`${api}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  throw new RushesError(
    'E_UNSUPPORTED',
    `No WebGPU adapter is available (tried ${tried.join('; ') || 'nothing'}). On Debian 12 install Mesa 25's lavapipe ` +
      '(mesa-vulkan-drivers and libvulkan1 from bookworm-backports) or the EGL/GLES libraries (libegl1, libegl-mesa0, libgles2).',
  );
}

/**
 * three.js reads `navigator.gpu.getPreferredCanvasFormat()` to pick the output format. We answer
 * rgba8unorm (a valid canvas format) so frames read back in RGBA order and need no swizzle.
 */
function installNavigator(gpu: GPU): void {
  const nav = {
    userAgent: 'node',
    gpu: {
      requestAdapter: (o?: GPURequestAdapterOptions) => gpu.requestAdapter(o),
      getPreferredCanvasFormat: (): GPUTextureFormat => 'rgba8unorm',
      wgslLanguageFeatures: gpu.wgslLanguageFeatures,
      __dawn: gpu,
    },
  };
  Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
}

function releaseNavigator(gpu: GPU): void {
  const nav = (globalThis as { navigator?: { gpu?: { __dawn?: GPU } } }).navigator;
  if (nav?.gpu?.__dawn === gpu) delete (globalThis as { navigator?: unknown }).navigator;
}
