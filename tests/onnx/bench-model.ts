/**
 * A denoiser with real work in it, for scripts/bench-onnx.ts: the tiny model's inputs and outputs, but
 * a stack of 3x3x3 convolutions (SiLU between them) over the latents, so a step costs tens of
 * milliseconds on a CPU, like a small video UNet block, rather than microseconds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeModel, f32, i64, weights, type InitializerSpec, type NodeSpec } from './onnx-builder';
import { writeTinyModel } from './tiny-models';

export interface BenchModelOptions {
  channels: number;
  width: number;
  layers: number;
  maxLength: number;
  hidden: number;
}

function heavyDenoiser(o: BenchModelOptions): Uint8Array {
  const nodes: NodeSpec[] = [];
  const inits: InitializerSpec[] = [];
  let x = 'sample';
  let cin = o.channels;
  for (let l = 0; l < o.layers; l++) {
    const cout = l === o.layers - 1 ? o.channels : o.width;
    inits.push({ name: `w${l}`, dims: [cout, cin, 3, 3, 3], data: weights(100 + l, cout * cin * 27, 1 / Math.sqrt(cin * 27)) });
    inits.push({ name: `b${l}`, dims: [cout], data: weights(200 + l, cout, 0.05) });
    nodes.push({ op: 'Conv', inputs: [x, `w${l}`, `b${l}`], outputs: [`c${l}`], attrs: { kernel_shape: [3, 3, 3], pads: [1, 1, 1, 1, 1, 1] } });
    if (l < o.layers - 1) {
      nodes.push({ op: 'Sigmoid', inputs: [`c${l}`], outputs: [`s${l}`] }, { op: 'Mul', inputs: [`c${l}`, `s${l}`], outputs: [`a${l}`] });
      x = `a${l}`;
    } else x = `c${l}`;
    cin = cout;
  }
  nodes.push(
    { op: 'ReduceMean', inputs: ['encoder_hidden_states'], outputs: ['em'], attrs: { axes: [1, 2], keepdims: 0 } },
    { op: 'Reshape', inputs: ['em', 'shape5'], outputs: ['e5'] },
    { op: 'Div', inputs: ['timestep', 'thousand'], outputs: ['tn'] },
    { op: 'Reshape', inputs: ['tn', 'shape5'], outputs: ['t5'] },
    { op: 'Add', inputs: [x, 'e5'], outputs: ['p1'] },
    { op: 'Add', inputs: ['p1', 't5'], outputs: ['out_sample'] },
  );
  inits.push({ name: 'shape5', dims: [5], data: i64(-1, 1, 1, 1, 1) }, { name: 'thousand', dims: [], data: f32(1000) });
  const shape = (c: number) => ['batch', c, 'frames', 'height', 'width'];
  return encodeModel({
    name: 'bench_denoiser',
    inputs: [
      { name: 'sample', type: 'float32', shape: shape(o.channels) },
      { name: 'timestep', type: 'float32', shape: ['batch'] },
      { name: 'encoder_hidden_states', type: 'float32', shape: ['batch', o.maxLength, o.hidden] },
    ],
    outputs: [{ name: 'out_sample', type: 'float32', shape: shape(o.channels) }],
    nodes,
    initializers: inits,
  });
}

/** A model folder like the tiny one, with the heavy denoiser. Returns the folder and the denoiser file. */
export function writeBenchModel(root: string, id: string, o: BenchModelOptions, steps: number): { dir: string; denoiser: string } {
  const dir = writeTinyModel(root, id, { channels: o.channels, maxLength: o.maxLength, hidden: o.hidden, steps, guidance: 5, spatial: 8 });
  const denoiser = path.join(dir, 'denoiser', 'model.onnx');
  fs.writeFileSync(denoiser, heavyDenoiser(o));
  return { dir, denoiser };
}
