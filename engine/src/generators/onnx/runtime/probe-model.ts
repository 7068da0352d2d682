/**
 * The model a provider is tried with before it is chosen: y = x + [1, 2] over a float32 [2], in ONNX
 * IR 8, opset 17 (107 bytes). tests/onnx/providers.test.ts rebuilds it with the test ONNX writer and
 * checks these bytes are exactly that model.
 */
export const PROBE_MODEL_BASE64 =
  'CAgSDHJ1c2hlcy10ZXN0cxoBMTpSChUKAXgKAWISAXkaBUFkZF8wIgNBZGQSA2FkZCoSCgECEAFCAWJKCAAAgD8AAABAWg8KAXgSCgoICAESBAoCCAJiDwoBeRIKCggIARIECgIIAkICEBE=';

export function probeModel(): Uint8Array {
  return new Uint8Array(Buffer.from(PROBE_MODEL_BASE64, 'base64'));
}

/** What the probe model must answer for x = [1, 1]. */
export const PROBE_EXPECTED = [2, 3] as const;
