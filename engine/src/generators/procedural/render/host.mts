/**
 * three.js WebGPURenderer hosted in Node: a canvas-like object whose context hands out a texture we own,
 * a stepped animation loop (one tick per output frame, never a free-running timer), and a readback ring
 * that keeps several frames in flight so the GPU renders frame n+1 while frame n is being mapped.
 */
import * as THREE from 'three/webgpu';
import type { FrameLayout } from '../../../media/layout.js';
import type { GpuHandle } from './dawn.mjs';
import { YuvConverter } from './yuv.mjs';

export interface RenderHost {
  renderer: THREE.WebGPURenderer;
  width: number;
  height: number;
  /** Advances three's node frame (time-driven uniforms) by one tick; call once per output frame. */
  step(timeMs: number): void;
  /** The texture the renderer drew into for the current frame. */
  currentTexture(): GPUTexture;
  /**
   * The first error the device reported on its own (a shader it refused, a lost device), or null. WebGPU
   * reports these as events, not exceptions: without this check a rejected pipeline renders nothing and
   * the clip comes out black with no error.
   */
  gpuError(): string | null;
  dispose(): void;
}

/** Bytes per row of a texture copy must be a multiple of 256 in WebGPU. */
export function paddedBytesPerRow(width: number): number {
  return Math.ceil((width * 4) / 256) * 256;
}

export async function createRenderHost(gpu: GpuHandle, width: number, height: number): Promise<RenderHost> {
  const device = gpu.device;
  let texture: GPUTexture | null = null;
  let config: GPUCanvasConfiguration | null = null;
  const makeTexture = (format: GPUTextureFormat, usage: number) => {
    texture?.destroy();
    texture = device.createTexture({
      size: [width, height],
      format,
      // TEXTURE_BINDING: the YUV conversion reads it from a compute shader.
      usage: usage | GPUTextureUsage.RENDER_ATTACHMENT | GPUTextureUsage.COPY_SRC | GPUTextureUsage.TEXTURE_BINDING,
      label: 'rushes-frame',
    });
  };
  const context = {
    configure(c: GPUCanvasConfiguration) {
      config = c;
      makeTexture(c.format, c.usage ?? GPUTextureUsage.RENDER_ATTACHMENT);
    },
    unconfigure() {
      texture?.destroy();
      texture = null;
    },
    getConfiguration() {
      return config;
    },
    getCurrentTexture(): GPUTexture {
      if (!texture) makeTexture('rgba8unorm', GPUTextureUsage.RENDER_ATTACHMENT);
      return texture!;
    },
  };
  const canvas = {
    width,
    height,
    style: {} as Record<string, string>,
    getContext: () => context,
    addEventListener() {},
    removeEventListener() {},
    setAttribute() {},
  };
  const renderer = new THREE.WebGPURenderer({
    canvas: canvas as unknown as HTMLCanvasElement,
    context: context as unknown as GPUCanvasContext,
    device,
    antialias: false,
    alpha: false,
  } as ConstructorParameters<typeof THREE.WebGPURenderer>[0]);
  await renderer.init();
  let gpuError: string | null = null;
  const r = renderer as unknown as { onError(info: { type?: string; message?: string }): void; onDeviceLost(info: { message?: string }): void };
  const logError = r.onError.bind(renderer);
  r.onError = (info) => {
    gpuError ??= `${info.type ?? 'GPUError'}: ${(info.message ?? '').split('\n')[0]}`;
    logError(info);
  };
  const logLost = r.onDeviceLost.bind(renderer);
  r.onDeviceLost = (info) => {
    gpuError ??= `the GPU device was lost: ${info.message ?? ''}`;
    logLost(info);
  };
  renderer.setPixelRatio(1);
  renderer.setSize(width, height, false);
  renderer.shadowMap.enabled = true;
  // Transparent clear: the title overlay pass relies on alpha 0 where nothing is drawn.
  renderer.setClearColor(0x000000, 0);

  // three starts a requestAnimationFrame loop on first render. In Node there is no display to pace it,
  // so we hand it a context whose "frames" are exactly the frames we render.
  const stepper = {
    cb: null as null | ((t: number) => void),
    requestAnimationFrame(cb: (t: number) => void) {
      this.cb = cb;
      return 1;
    },
    cancelAnimationFrame() {
      this.cb = null;
    },
  };
  (renderer as unknown as { _animation: { setContext(c: unknown): void } })._animation.setContext(stepper);

  return {
    renderer,
    width,
    height,
    step(timeMs: number) {
      const cb = stepper.cb;
      stepper.cb = null;
      cb?.(timeMs);
    },
    currentTexture() {
      return context.getCurrentTexture();
    },
    gpuError() {
      return gpuError;
    },
    dispose() {
      renderer.dispose();
      texture?.destroy();
      texture = null;
    },
  };
}

interface InFlight {
  index: number;
  buffer: GPUBuffer;
  mapped: Promise<void>;
}

export interface ReadbackFrame {
  index: number;
  layout: FrameLayout;
  pixels: Uint8Array;
}

/**
 * A ring of MAP_READ buffers. `push` records a texture-to-buffer copy (or, for YUV, the conversion and a
 * buffer copy) and starts mapping; `pop` waits for the oldest copy and returns tightly packed pixels.
 * With `depth` buffers the GPU can be that many frames ahead of the consumer.
 */
export class ReadbackRing {
  private readonly free: GPUBuffer[] = [];
  private readonly inFlight: InFlight[] = [];
  private readonly bytesPerRow: number;
  private readonly yuv: YuvConverter | null;

  constructor(
    private readonly device: GPUDevice,
    private readonly width: number,
    private readonly height: number,
    readonly depth = 3,
    readonly layout: FrameLayout = 'rgba',
  ) {
    this.bytesPerRow = paddedBytesPerRow(width);
    this.yuv = layout === 'yuv420p' ? new YuvConverter(device, width, height) : null;
    const size = this.yuv ? this.yuv.bytes : this.bytesPerRow * height;
    for (let i = 0; i < depth; i++) {
      this.free.push(device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST, label: `readback-${i}` }));
    }
  }

  get pending(): number {
    return this.inFlight.length;
  }

  get full(): boolean {
    return this.free.length === 0;
  }

  push(texture: GPUTexture, index: number): void {
    const buffer = this.free.pop();
    if (!buffer) throw new Error('readback ring is full: pop() before push()');
    const encoder = this.device.createCommandEncoder({ label: 'readback' });
    if (this.yuv) {
      // One storage buffer serves every frame: the queue runs frame n's copy before frame n+1's pass.
      this.yuv.encode(encoder, texture);
      encoder.copyBufferToBuffer(this.yuv.buffer, 0, buffer, 0, this.yuv.bytes);
    } else {
      encoder.copyTextureToBuffer({ texture }, { buffer, bytesPerRow: this.bytesPerRow, rowsPerImage: this.height }, [this.width, this.height]);
    }
    this.device.queue.submit([encoder.finish()]);
    this.inFlight.push({ index, buffer, mapped: buffer.mapAsync(GPUMapMode.READ) });
  }

  async pop(): Promise<ReadbackFrame> {
    const item = this.inFlight.shift();
    if (!item) throw new Error('readback ring is empty');
    await item.mapped;
    const src = new Uint8Array(item.buffer.getMappedRange());
    let pixels: Uint8Array;
    if (this.yuv) {
      pixels = src.slice(0, this.yuv.bytes);
    } else {
      const rowBytes = this.width * 4;
      pixels = new Uint8Array(rowBytes * this.height);
      if (rowBytes === this.bytesPerRow) pixels.set(src.subarray(0, pixels.length));
      else for (let y = 0; y < this.height; y++) pixels.set(src.subarray(y * this.bytesPerRow, y * this.bytesPerRow + rowBytes), y * rowBytes);
    }
    item.buffer.unmap();
    this.free.push(item.buffer);
    return { index: item.index, layout: this.layout, pixels };
  }

  /** Waits for anything still mapping (so buffers are not destroyed mid-map), then frees them. */
  async dispose(): Promise<void> {
    for (const item of this.inFlight.splice(0)) {
      await item.mapped.catch(() => undefined);
      this.free.push(item.buffer);
    }
    for (const b of this.free.splice(0)) b.destroy();
    this.yuv?.dispose();
  }
}
