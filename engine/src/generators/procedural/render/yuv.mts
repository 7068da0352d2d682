/**
 * The finished frame to YUV 4:2:0 on the GPU: one compute pass reads the RGBA output texture and writes
 * I420 (Y' plane, then Cb, then Cr) into a storage buffer, BT.709 matrix, limited range, each chroma
 * sample the mean of its 2x2 block (of the gamma-encoded values, as every encoder's converter does).
 * What H.264 stores, so ffmpeg has nothing left to convert, and the readback is 1.5 bytes a pixel
 * instead of 4. Each invocation does an 8x2 block, so that every store is a whole 32-bit word: the
 * frame width must be a multiple of 8 and the height even (`yuvSupported`, yuv-size.ts).
 */
import { frameBytes } from '../../../media/layout.js';
import { yuvSupported } from '../yuv-size.js';

export const YUV_WGSL = /* wgsl */ `
struct Params { width: u32, height: u32 }
@group(0) @binding(0) var frame: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> planes: array<u32>;
@group(0) @binding(2) var<uniform> params: Params;

fn luma709(c: vec3f) -> f32 { return dot(c, vec3f(0.2126, 0.7152, 0.0722)); }
fn code(v: f32) -> u32 { return u32(clamp(floor(v + 0.5), 0.0, 255.0)); }

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  let w = params.width;
  let h = params.height;
  let x0 = id.x * 8u;
  let y0 = id.y * 2u;
  if (x0 >= w || y0 >= h) { return; }
  var chroma: array<vec3f, 4>;
  for (var r = 0u; r < 2u; r++) {
    var lo = 0u;
    var hi = 0u;
    for (var i = 0u; i < 8u; i++) {
      let c = textureLoad(frame, vec2u(x0 + i, y0 + r), 0).rgb;
      chroma[i / 2u] += c;
      let y = code(16.0 + 219.0 * luma709(c));
      if (i < 4u) { lo |= y << (8u * i); } else { hi |= y << (8u * (i - 4u)); }
    }
    let at = ((y0 + r) * w + x0) / 4u;
    planes[at] = lo;
    planes[at + 1u] = hi;
  }
  var cb = 0u;
  var cr = 0u;
  for (var k = 0u; k < 4u; k++) {
    let c = chroma[k] * 0.25;
    let yl = luma709(c);
    cb |= code(128.0 + 224.0 * (c.b - yl) / 1.8556) << (8u * k);
    cr |= code(128.0 + 224.0 * (c.r - yl) / 1.5748) << (8u * k);
  }
  let at = (w * h + id.y * (w / 2u) + x0 / 2u) / 4u;
  planes[at] = cb;
  planes[at + w * h / 16u] = cr;
}
`;

/** Records the conversion of a texture into `buffer` (STORAGE | COPY_SRC, width*height*3/2 bytes). */
export class YuvConverter {
  readonly buffer: GPUBuffer;
  readonly bytes: number;
  private readonly pipeline: GPUComputePipeline;
  private readonly params: GPUBuffer;
  private bound: { texture: GPUTexture; group: GPUBindGroup } | null = null;

  constructor(
    private readonly device: GPUDevice,
    private readonly width: number,
    private readonly height: number,
  ) {
    if (!yuvSupported(width, height)) throw new Error(`YUV 4:2:0 on the GPU needs a width that is a multiple of 8 and an even height, not ${width}x${height}`);
    this.bytes = frameBytes('yuv420p', width, height);
    this.buffer = device.createBuffer({ size: this.bytes, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC, label: 'rushes-yuv' });
    this.params = device.createBuffer({ size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST, label: 'rushes-yuv-params' });
    device.queue.writeBuffer(this.params, 0, new Uint32Array([width, height, 0, 0]));
    const module = device.createShaderModule({ code: YUV_WGSL, label: 'rushes-yuv' });
    this.pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' }, label: 'rushes-yuv' });
  }

  encode(encoder: GPUCommandEncoder, texture: GPUTexture): void {
    if (this.bound?.texture !== texture) {
      const group = this.device.createBindGroup({
        layout: this.pipeline.getBindGroupLayout(0),
        entries: [
          { binding: 0, resource: texture.createView() },
          { binding: 1, resource: { buffer: this.buffer } },
          { binding: 2, resource: { buffer: this.params } },
        ],
      });
      this.bound = { texture, group };
    }
    const pass = encoder.beginComputePass({ label: 'rushes-yuv' });
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, this.bound.group);
    pass.dispatchWorkgroups(Math.ceil(this.width / 8 / 8), Math.ceil(this.height / 2 / 8));
    pass.end();
  }

  dispose(): void {
    this.buffer.destroy();
    this.params.destroy();
    this.bound = null;
  }
}
