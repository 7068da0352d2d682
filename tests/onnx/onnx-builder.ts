/**
 * Writes small ONNX models for the tests and the benchmark: a graph described in plain objects,
 * encoded with protobufjs against the ONNX IR subset in onnx-subset.proto. The models are real ONNX
 * files that onnxruntime loads and checks like any exported model.
 */
import path from 'node:path';
import protobuf from 'protobufjs';

export type ElemType = 'float32' | 'float16' | 'int64' | 'int32';
export type Dim = number | string;

/** ONNX TensorProto.DataType codes. */
const ELEM: Record<ElemType, number> = { float32: 1, int32: 6, int64: 7, float16: 10 };

export interface ValueSpec {
  name: string;
  type: ElemType;
  shape: Dim[];
}

export type AttrValue = number | number[] | string | { ints: number[] } | { floats: number[] } | { int: number } | { float: number };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, AttrValue>;
}

export interface InitializerSpec {
  name: string;
  dims: number[];
  data: Float32Array | BigInt64Array | Int32Array;
}

export interface GraphSpec {
  name: string;
  inputs: ValueSpec[];
  outputs: ValueSpec[];
  nodes: NodeSpec[];
  initializers: InitializerSpec[];
  opset?: number;
}

let root: protobuf.Root | null = null;
function schema(): protobuf.Root {
  root ??= protobuf.loadSync(path.join(__dirname, 'onnx-subset.proto'));
  return root;
}

function valueInfo(v: ValueSpec): Record<string, unknown> {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: ELEM[v.type],
        shape: { dim: v.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

/** AttributeProto.AttributeType codes: FLOAT 1, INT 2, STRING 3, FLOATS 6, INTS 7. */
function attribute(name: string, v: AttrValue): Record<string, unknown> {
  if (typeof v === 'string') return { name, type: 3, s: Buffer.from(v, 'utf8') };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  if ('ints' in v) return { name, type: 7, ints: v.ints };
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  if ('int' in v) return { name, type: 2, i: v.int };
  return { name, type: 1, f: v.float };
}

function initializer(t: InitializerSpec): Record<string, unknown> {
  const type = t.data instanceof Float32Array ? ELEM.float32 : t.data instanceof BigInt64Array ? ELEM.int64 : ELEM.int32;
  // raw_data is little-endian, which every platform Node runs on is.
  return { name: t.name, dims: t.dims, dataType: type, rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength) };
}

export function encodeModel(g: GraphSpec): Uint8Array {
  const Model = schema().lookupType('onnx.ModelProto');
  const message = {
    irVersion: 8,
    producerName: 'rushes-tests',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: g.opset ?? 17 }],
    graph: {
      name: g.name,
      node: g.nodes.map((n, i) => ({
        name: `${n.op}_${i}`,
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)),
      })),
      initializer: g.initializers.map(initializer),
      input: g.inputs.map(valueInfo),
      output: g.outputs.map(valueInfo),
    },
  };
  const err = Model.verify(message);
  if (err) throw new Error(`ONNX model ${g.name}: ${err}`);
  return Model.encode(Model.fromObject(message)).finish();
}

/** A small deterministic generator for weights (mulberry32), so each test model is the same every run. */
export function weights(seed: number, n: number, scale = 0.5): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
  }
  return out;
}

export const i64 = (...v: number[]): BigInt64Array => BigInt64Array.from(v.map(BigInt));
export const f32 = (...v: number[]): Float32Array => Float32Array.from(v);
