/**
 * Signing with the reference implementation: c2pa-rs builds the claim, the assertions, the hard
 * binding and the JUMBF, and writes the manifest into the asset (for BMFF: a top-level `uuid` box
 * after `ftyp`, with `stco`/`co64` offsets moved); Rushes supplies the COSE signature (cose.ts).
 */
import type { SignerMaterial } from '../keys';
import { signClaim, signatureBoxSize } from './cose';
import type { ManifestDefinition } from './manifest';
import { ByteSource, exclusive } from './reference';

/** c2pa-wasm's SigningAlg names. */
const WASM_ALG: Record<SignerMaterial['alg'], string> = { es256: 'es256', es384: 'es384' };

/**
 * Returns the signed asset: `source` with the manifest embedded, or, for format `application/c2pa`
 * and an empty source, the manifest store alone (a sidecar).
 */
export async function signAsset(
  definition: ManifestDefinition,
  mimeType: string,
  source: Uint8Array,
  signer: SignerMaterial,
): Promise<Uint8Array> {
  const size = signatureBoxSize(signer);
  return exclusive(async ({ WasmBuilder }) => {
    const builder = WasmBuilder.fromJson(JSON.stringify(definition));
    try {
      const signerDefinition = {
        alg: WASM_ALG[signer.alg],
        reserveSize: size,
        sign: async (claim: Uint8Array) => signClaim(claim, signer, size) as Uint8Array<ArrayBuffer>,
      };
      return await builder.sign(signerDefinition, [], mimeType, new ByteSource(source).asBlob());
    } catch (e) {
      throw new Error(`c2pa-rs could not sign the ${mimeType} output: ${typeof e === 'string' ? e : (e as Error).message}`);
    } finally {
      builder.free();
    }
  });
}
