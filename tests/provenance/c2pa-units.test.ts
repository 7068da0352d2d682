/**
 * The pure parts of the C2PA module: what the manifest says, how the COSE signature is sized, how a
 * collection hash and a file type are read.
 */
import { strict as assert } from 'node:assert';
import { createHash, createPublicKey, verify } from 'node:crypto';
import type * as CborX from 'cbor-x' with { 'resolution-mode': 'import' };
import { buildManifestDefinition, promptSha256 } from '../../engine/src/provenance/c2pa/manifest';
import { padTo, signatureBoxSize, signClaim, sigStructure } from '../../engine/src/provenance/c2pa/cose';
import { parseCollection, sniffMime } from '../../engine/src/provenance/c2pa/read';
import { loadSigner, makeLocalChainPems } from '../../engine/src/provenance/keys';
import { identity } from './c2pa-fixtures';

// cbor-x runs as CommonJS in Node; its type declarations are the ES module ones.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Decoder } = require('cbor-x') as typeof CborX;

describe('C2PA units', () => {
  describe('manifest definition', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');

    it('maps the generator kind to the IPTC digital source type and names the generator', () => {
      const def = buildManifestDefinition(identity({ digitalSourceType: 'trainedAlgorithmicMedia', generatorId: 'onnx' }), {
        format: 'prores',
        includePrompt: false,
        createdAt: at,
        engineVersion: '9.9.9',
      });
      assert.equal(def.format, 'video/quicktime');
      assert.equal(def.title, 'misty-pines.mov');
      assert.deepEqual(def.claim_generator_info, [{ name: 'Rushes', version: '9.9.9' }]);
      const action = (def.assertions[0]!.data as { actions: Record<string, unknown>[] }).actions[0]!;
      assert.equal(action.action, 'c2pa.created');
      assert.equal(action.digitalSourceType, 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia');
      assert.equal(action.when, '2026-01-02T03:04:05.000Z');
    });

    it('writes the prompt hash always and the prompt text only on opt-in', () => {
      const prompt = identity().request.prompt;
      const gen = (includePrompt: boolean) =>
        buildManifestDefinition(identity({ modelHash: 'sha256:00' }), { format: 'mp4', includePrompt, createdAt: at, engineVersion: '1' }).assertions.find(
          (a) => a.label === 'org.rushes.generation',
        )!.data as { prompt: { sha256: string; text?: string }; model?: unknown; seed: number; job: { installSha256: string } };
      assert.equal(promptSha256(prompt), createHash('sha256').update(prompt, 'utf8').digest('hex'));
      assert.deepEqual(gen(false).prompt, { sha256: promptSha256(prompt) });
      assert.deepEqual(gen(true).prompt, { sha256: promptSha256(prompt), text: prompt });
      assert.deepEqual(gen(false).model, { hash: 'sha256:00' });
      assert.equal(gen(false).seed, 1234567);
      assert.ok(!JSON.stringify(gen(false)).includes('install-abc'), 'the install id itself is not written');
    });
  });

  describe('COSE signature', () => {
    it('pads to exactly the requested size across CBOR length boundaries', () => {
      // A CBOR byte string's header is 1, 2, 3 or 5 bytes long depending on its length.
      const build = (pad: number) => new Uint8Array(5 + (pad < 24 ? 1 : pad < 256 ? 2 : pad < 65536 ? 3 : 5) + pad);
      for (const size of [6, 29, 31, 40, 261, 300, 1000, 65540, 70000]) assert.equal(padTo(size, build).byteLength, size, `size ${size}`);
      assert.throws(() => padTo(30, build), /exactly 30 bytes/, '5 + 25 bytes cannot be made');
      assert.throws(() => padTo(3, build), /exactly 3 bytes/);
    });

    it('produces a tagged COSE_Sign1 of the reserved size whose signature verifies over the claim', async () => {
      const pems = await makeLocalChainPems(new Date());
      const signer = loadSigner(pems.signerCert, pems.signerKey, 'test');
      const claim = new TextEncoder().encode('a claim');
      const size = signatureBoxSize(signer);
      const cose = signClaim(claim, signer, size);
      assert.equal(cose.byteLength, size);
      const decoded = new Decoder({ mapsAsObjects: false }).decode(cose) as { tag: number; value: [Uint8Array, Map<string, Uint8Array>, null, Uint8Array] };
      assert.equal(decoded.tag, 18);
      const [prot, unprotected, payload, signature] = decoded.value;
      assert.equal(payload, null, 'detached payload');
      assert.ok(unprotected.get('pad')!.every((b) => b === 0));
      const header = new Decoder({ mapsAsObjects: false }).decode(prot) as Map<number, unknown>;
      assert.equal(header.get(1), -7, 'ES256');
      assert.equal((header.get(33) as Uint8Array[]).length, 1, 'x5chain holds the signer');
      const key = createPublicKey(pems.signerCert);
      assert.ok(verify('sha256', sigStructure(prot, claim), { key, dsaEncoding: 'ieee-p1363' }, signature));
      assert.ok(!verify('sha256', sigStructure(prot, new TextEncoder().encode('another')), { key, dsaEncoding: 'ieee-p1363' }, signature));
    });
  });

  describe('reading', () => {
    it('reads a collection hash in the c2pa-rs map form and the specification array form', () => {
      const h = Array.from({ length: 32 }, (_, i) => i);
      assert.deepEqual(parseCollection({ alg: 'sha256', uris: { 'a.png': { hash: h, size: 3 } } }), {
        alg: 'sha256',
        items: [{ uri: 'a.png', hash: Buffer.from(h), size: 3 }],
      });
      assert.deepEqual(parseCollection({ alg: 'sha256', uris: [{ uri: 'b.png', hash: new Uint8Array(h) }] })?.items, [{ uri: 'b.png', hash: Buffer.from(h) }]);
      assert.equal(parseCollection({ alg: 'sha256' }), null);
      assert.equal(parseCollection({ uris: { 'a.png': { hash: 'base64?' } } })?.items[0]!.hash, null);
    });

    it('tells MP4, MOV, PNG and JPEG apart by their bytes', () => {
      const ftyp = (brand: string) => new Uint8Array(Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftyp' + brand, 'latin1'), Buffer.alloc(8)]));
      assert.equal(sniffMime(ftyp('isom')), 'video/mp4');
      assert.equal(sniffMime(ftyp('qt  ')), 'video/quicktime');
      assert.equal(sniffMime(new Uint8Array(Buffer.from('89504e470d0a1a0a0000', 'hex'))), 'image/png');
      assert.equal(sniffMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
      assert.equal(sniffMime(new Uint8Array(Buffer.from('hello world!'))), null);
    });
  });
});
