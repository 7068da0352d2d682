/**
 * C2PA round trips on real files: ffmpeg makes an MP4 (H.264), a MOV (ProRes) and a PNG sequence; the
 * finisher signs them with c2pa-rs (c2pa-wasm) and our COSE signer; then
 * - the files still probe and decode;
 * - the reference reader (c2pa-rs) validates the embedded manifests, and so does an independent
 *   implementation (@trustnxt/c2pa-ts) that had no part in making them;
 * - one flipped byte of media, or of the manifest, makes them invalid, with the reason;
 * - unsigned media reads as absent;
 * - PNG sidecars bind every frame.
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createC2paFinisher, readC2pa, type C2paReport } from '../../engine/src/provenance/c2pa';
import { localRootCertPath, makeLocalChainPems } from '../../engine/src/provenance/keys';
import { decodeErrors, findBox, identity, makeMov, makeMp4, makePngSequence, probeVideo, streamSummary, tmpDir } from './c2pa-fixtures';

const IPTC = 'http://cv.iptc.org/newscodes/digitalsourcetype/';

function assertion(r: C2paReport, label: string): any {
  const a = r.assertions.find((x) => x.label === label);
  assert.ok(a, `assertion ${label} present (have ${r.assertions.map((x) => x.label).join(', ')})`);
  return a.data;
}

function flipByte(file: string, offset: number, mask = 0xff): void {
  const b = fs.readFileSync(file);
  b[offset] = b[offset]! ^ mask;
  fs.writeFileSync(file, b);
}

/**
 * The independent check: @trustnxt/c2pa-ts validates the claim signature, the assertions and the BMFF
 * hash. Its BMFF asset class only admits HEIF brands; the MP4/MOV box structure it needs is the same,
 * so the test admits the brands ffmpeg writes (isom, qt) for this reader only.
 */
async function validateWithC2paTs(file: string): Promise<{ isValid: boolean; codes: string[] }> {
  const { BMFF } = await import('@trustnxt/c2pa-ts/asset');
  const { SuperBox } = await import('@trustnxt/c2pa-ts/jumbf');
  const { ManifestStore } = await import('@trustnxt/c2pa-ts/manifest');
  const brands = (BMFF as unknown as { canReadBrands: Set<string> }).canReadBrands;
  for (const b of ['isom', 'mp42', 'qt  ']) brands.add(b);
  const asset = new BMFF(new Uint8Array(fs.readFileSync(file)));
  const jumbf = asset.getManifestJUMBF();
  assert.ok(jumbf, 'c2pa-ts finds the C2PA uuid box');
  const result = await ManifestStore.read(SuperBox.fromBuffer(jumbf as Uint8Array<ArrayBuffer>)).validate(asset);
  return { isValid: result.isValid, codes: result.statusEntries.map((e) => `${e.code}${e.success === false ? '!' : ''}`) };
}

describe('C2PA: signed manifests in every output', function () {
  this.timeout(20000);
  let dir: string;
  let home: string;
  let mp4: string;
  let mov: string;
  let unsigned: string;
  let seq: string;

  before(async () => {
    dir = tmpDir('rushes-c2pa-');
    home = path.join(dir, 'home');
    mp4 = makeMp4(path.join(dir, 'clip.mp4'));
    mov = makeMov(path.join(dir, 'clip.mov'));
    unsigned = makeMp4(path.join(dir, 'unsigned.mp4'));
    seq = makePngSequence(path.join(dir, 'clip_png'), 'clip', 3);
    const finisher = createC2paFinisher({ home });
    await finisher.finish(mp4, 'mp4', identity());
    await finisher.finish(seq, 'png', identity({ request: { ...identity().request, formats: ['png'] } }));
    // A learned model, with the user's opt-in to store the prompt text.
    const learned = createC2paFinisher({ home, includePrompt: true });
    await learned.finish(
      mov,
      'prores',
      identity({ digitalSourceType: 'trainedAlgorithmicMedia', generatorId: 'onnx', modelHash: 'sha256:' + 'ab'.repeat(32) }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('MP4 (H.264)', () => {
    it('still probes and decodes every frame after signing', () => {
      assert.deepEqual(probeVideo(mp4), { codec: 'h264', frames: 12, width: 160, height: 90 });
      assert.deepEqual(streamSummary(mp4), streamSummary(unsigned), 'same streams, timecode track kept');
      assert.equal(decodeErrors(mp4), '');
      const uuid = findBox(fs.readFileSync(mp4), 'uuid');
      assert.ok(uuid && uuid.offset === findBox(fs.readFileSync(mp4), 'ftyp')!.size, 'the manifest box follows ftyp');
    });

    it('is validated by the reference reader, with the expected assertions', async () => {
      const r = await readC2pa(mp4);
      assert.equal(r.status, 'valid', r.reason);
      assert.equal(r.trusted, false, 'a local chain is untrusted until its root is an anchor');
      assert.match(r.validator, /c2pa-rs/);
      assert.equal(r.binding, 'bmff');
      assert.ok(r.codes.success.includes('claimSignature.validated'));
      assert.ok(r.codes.success.includes('assertion.bmffHash.match'));
      assert.equal(r.signer?.commonName, 'Rushes Engine Signer');
      assert.equal(r.signer?.alg, 'Es256');
      assert.deepEqual(r.claimGenerator?.[0] && { name: r.claimGenerator[0].name, version: r.claimGenerator[0].version }, {
        name: 'Rushes',
        version: JSON.parse(fs.readFileSync(path.join(__dirname, '../../engine/package.json'), 'utf8')).version,
      });
      const actions = assertion(r, 'c2pa.actions.v2').actions;
      assert.equal(actions[0].action, 'c2pa.created');
      assert.equal(actions[0].digitalSourceType, IPTC + 'algorithmicMedia');
      assert.deepEqual(actions[0].softwareAgent, { name: 'Rushes procedural generator', version: '0.3.1' });
      assert.ok(!Number.isNaN(Date.parse(actions[0].when)));
      const gen = assertion(r, 'org.rushes.generation');
      assert.equal(gen.seed, 1234567);
      assert.equal(gen.prompt.sha256, createHash('sha256').update(identity().request.prompt).digest('hex'));
      assert.equal(gen.prompt.text, undefined, 'no prompt text without opt-in');
      assert.equal(gen.model, undefined);
      assert.deepEqual(gen.generator, { id: 'procedural', version: '0.3.1' });
      assert.equal(gen.job.id, 'job-0001');
      assert.equal(r.generation?.seed, 1234567);
      assert.equal(r.digitalSourceType, IPTC + 'algorithmicMedia');
    });

    it('is validated by an independent implementation (c2pa-ts) too', async () => {
      const v = await validateWithC2paTs(mp4);
      assert.ok(v.isValid, v.codes.join(', '));
      assert.ok(v.codes.includes('claimSignature.validated'));
      assert.ok(v.codes.includes('assertion.bmffHash.match'));
    });

    it('is trusted once the local root is a trust anchor, and only then', async () => {
      const root = fs.readFileSync(localRootCertPath(home), 'utf8');
      assert.equal((await readC2pa(mp4, { trustAnchors: [root] })).trusted, true);
      const stranger = (await makeLocalChainPems(new Date())).rootCert;
      const r = await readC2pa(mp4, { trustAnchors: [stranger] });
      assert.equal(r.status, 'valid');
      assert.equal(r.trusted, false);
      await assert.rejects(readC2pa(mp4, { trustAnchors: ['not a certificate'] }), { code: 'E_INVALID' });
    });

    it('reports one flipped byte of video as tampered, with the reason', async () => {
      const copy = path.join(dir, 'tampered.mp4');
      fs.copyFileSync(mp4, copy);
      const mdat = findBox(fs.readFileSync(copy), 'mdat')!;
      flipByte(copy, mdat.offset + Math.floor(mdat.size / 2));
      const r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /assertion\.bmffHash\.mismatch/);
      assert.equal((await validateWithC2paTs(copy)).isValid, false, 'c2pa-ts agrees');
    });

    it('reports a changed manifest as invalid', async () => {
      const copy = path.join(dir, 'tampered-manifest.mp4');
      fs.copyFileSync(mp4, copy);
      const bytes = fs.readFileSync(copy);
      const at = bytes.indexOf('procedural generator'); // inside the actions assertion
      assert.ok(at > 0);
      flipByte(copy, at, 0x01); // "p" -> "q": still valid CBOR, no longer what the claim hashed
      const r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /assertion\.hashedURI\.mismatch.*c2pa\.actions\.v2/);
    });

    it('reports an unsigned file as absent', async () => {
      const r = await readC2pa(unsigned);
      assert.equal(r.status, 'absent');
      assert.equal(r.trusted, false);
      assert.deepEqual(r.assertions, []);
    });
  });

  describe('MOV (ProRes), learned model, prompt opted in', () => {
    it('still probes and decodes', () => {
      assert.deepEqual(probeVideo(mov), { codec: 'prores', frames: 12, width: 160, height: 90 });
      assert.deepEqual(streamSummary(mov), ['video/apch@01:00:00:00', 'data/tmcd@01:00:00:00']);
      assert.equal(decodeErrors(mov), '');
    });

    it('is validated by the reference reader and by c2pa-ts', async () => {
      const r = await readC2pa(mov);
      assert.equal(r.status, 'valid', r.reason);
      assert.equal(r.digitalSourceType, IPTC + 'trainedAlgorithmicMedia');
      const gen = assertion(r, 'org.rushes.generation');
      assert.deepEqual(gen.model, { hash: 'sha256:' + 'ab'.repeat(32) });
      assert.equal(gen.prompt.text, identity().request.prompt);
      assert.equal(assertion(r, 'c2pa.actions.v2').actions[0].softwareAgent.name, 'Rushes onnx generator');
      const v = await validateWithC2paTs(mov);
      assert.ok(v.isValid, v.codes.join(', '));
    });
  });

  describe('PNG sequence sidecar', () => {
    it('writes <base>.c2pa next to the frames and validates the folder, the sidecar and a frame', async () => {
      assert.deepEqual(fs.readdirSync(seq).sort(), ['clip.000000.png', 'clip.000001.png', 'clip.000002.png', 'clip.c2pa']);
      for (const target of [seq, path.join(seq, 'clip.c2pa'), path.join(seq, 'clip.000001.png')]) {
        const r = await readC2pa(target);
        assert.equal(r.status, 'valid', `${target}: ${r.reason}`);
        assert.equal(r.binding, 'collection');
        assert.equal(r.manifestPath, path.join(seq, 'clip.c2pa'));
        assert.ok(r.codes.success.includes('claimSignature.validated'));
        assert.ok(r.codes.success.includes('assertion.collectionHash.match'));
        assert.equal(r.digitalSourceType, IPTC + 'algorithmicMedia');
        assert.equal(r.generation?.seed, 1234567);
        assert.equal(r.signer?.commonName, 'Rushes Engine Signer');
      }
      const root = fs.readFileSync(localRootCertPath(home), 'utf8');
      assert.equal((await readC2pa(seq)).trusted, false);
      assert.equal((await readC2pa(seq, { trustAnchors: [root] })).trusted, true);
    });

    it('detects a changed, a missing and an added frame', async () => {
      const copy = path.join(dir, 'seq-copy');
      const reset = () => {
        fs.rmSync(copy, { recursive: true, force: true });
        fs.cpSync(seq, copy, { recursive: true });
      };
      reset();
      flipByte(path.join(copy, 'clip.000001.png'), 100);
      let r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /collectionHash\.mismatch.*clip\.000001\.png/);

      reset();
      fs.rmSync(path.join(copy, 'clip.000002.png'));
      r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /incorrectFileCount.*clip\.000002\.png is missing/);

      reset();
      fs.copyFileSync(path.join(copy, 'clip.000002.png'), path.join(copy, 'clip.000003.png'));
      r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /incorrectFileCount.*clip\.000003\.png/);
    });

    it('detects a changed sidecar', async () => {
      const copy = path.join(dir, 'seq-sidecar');
      fs.cpSync(seq, copy, { recursive: true });
      const sidecar = path.join(copy, 'clip.c2pa');
      const at = fs.readFileSync(sidecar).indexOf('procedural generator');
      assert.ok(at > 0);
      flipByte(sidecar, at, 0x01);
      const r = await readC2pa(copy);
      assert.equal(r.status, 'invalid');
      assert.match(r.reason ?? '', /hashedURI\.mismatch/);
    });

    it('reports a sequence without a sidecar as absent', async () => {
      const bare = makePngSequence(path.join(dir, 'bare'), 'bare', 2);
      assert.equal((await readC2pa(bare)).status, 'absent');
      assert.equal((await readC2pa(path.join(bare, 'bare.000000.png'))).status, 'absent');
    });
  });
});
