/**
 * The signing identity: the local chain validators accept, user-configured chains, and the checks that
 * turn a certificate validators would reject into a clear start-up error.
 */
import { strict as assert } from 'node:assert';
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { createC2paFinisher, readC2pa } from '../../engine/src/provenance/c2pa';
import {
  LOCAL_FILES,
  loadOrCreateLocalSigner,
  loadSigner,
  localProvenanceFolder,
  makeLocalChainPems,
  resolveSigner,
  signerCertificateProblems,
} from '../../engine/src/provenance/keys';
import { identity, makeMp4, tmpDir } from './c2pa-fixtures';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

describe('C2PA signing keys', function () {
  this.timeout(20000);
  let dir: string;
  before(() => {
    dir = tmpDir('rushes-c2pa-keys-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a local root CA and a signer it issued, with the extensions validators require', async () => {
    const home = path.join(dir, 'home1');
    const signer = await loadOrCreateLocalSigner(home);
    const folder = localProvenanceFolder(home);
    const root = new x509.X509Certificate(fs.readFileSync(path.join(folder, LOCAL_FILES.rootCert), 'utf8'));
    const leaf = new x509.X509Certificate(fs.readFileSync(path.join(folder, LOCAL_FILES.signerCert), 'utf8'));

    // Root: self-signed CA.
    assert.equal(root.subject, root.issuer);
    assert.ok(await root.verify({ signatureOnly: true }));
    assert.equal(root.getExtension(x509.BasicConstraintsExtension)?.ca, true);
    assert.ok(root.getExtension(x509.KeyUsagesExtension)!.usages & x509.KeyUsageFlags.keyCertSign);

    // Signer: issued by the root, not self-signed, not a CA.
    assert.notEqual(leaf.subject, leaf.issuer);
    assert.equal(leaf.issuer, root.subject);
    assert.ok(await leaf.verify({ publicKey: root.publicKey, signatureOnly: true }), 'the root signed the signer');
    assert.equal(await leaf.isSelfSigned(), false);
    assert.equal(leaf.getExtension(x509.BasicConstraintsExtension)?.ca, false);
    const ku = leaf.getExtension(x509.KeyUsagesExtension)!;
    assert.equal(ku.usages, x509.KeyUsageFlags.digitalSignature);
    assert.ok(ku.critical);
    assert.deepEqual([...leaf.getExtension(x509.ExtendedKeyUsageExtension)!.usages], [x509.ExtendedKeyUsage.emailProtection]);
    const aki = leaf.getExtension(x509.AuthorityKeyIdentifierExtension)!;
    const rootSki = root.getExtension(x509.SubjectKeyIdentifierExtension)!;
    assert.equal(aki.keyId, rootSki.keyId, 'authority key identifier names the root');
    assert.ok(leaf.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId);
    assert.equal((leaf.publicKey.algorithm as EcKeyAlgorithm).namedCurve, 'P-256');
    assert.deepEqual(signerCertificateProblems(leaf), []);

    // Keys are private, the chain in COSE is the signer alone (the root is the anchor).
    for (const key of [LOCAL_FILES.signerKey, LOCAL_FILES.rootKey]) {
      assert.equal(fs.statSync(path.join(folder, key)).mode & 0o777, 0o600, key);
    }
    assert.equal(signer.alg, 'es256');
    assert.equal(signer.chain.length, 1);
    assert.equal(signer.localRootPem, fs.readFileSync(path.join(folder, LOCAL_FILES.rootCert), 'utf8'));
  });

  it('keeps the same signer across runs, and two first runs agree on one', async () => {
    const home = path.join(dir, 'home2');
    const [a, b] = await Promise.all([loadOrCreateLocalSigner(home), loadOrCreateLocalSigner(home)]);
    const c = await loadOrCreateLocalSigner(home);
    assert.equal(a.chain[0]!.serialNumber, b.chain[0]!.serialNumber);
    assert.equal(a.chain[0]!.serialNumber, c.chain[0]!.serialNumber);
    assert.deepEqual(fs.readdirSync(home).filter((n) => n.startsWith('.provenance-')), [], 'no staging left behind');
  });

  it('signs with a configured chain and key instead of the local one', async () => {
    const pems = await makeLocalChainPems(new Date());
    const chainFile = path.join(dir, 'studio-chain.pem');
    const keyFile = path.join(dir, 'studio.key');
    fs.writeFileSync(chainFile, pems.signerCert + pems.rootCert); // a root in the file is tolerated, left out of x5chain
    fs.writeFileSync(keyFile, pems.signerKey);
    const home = path.join(dir, 'home3');
    const material = await resolveSigner(home, { certChainPath: chainFile, keyPath: keyFile });
    assert.equal(material.chain.length, 1);
    assert.equal(fs.existsSync(localProvenanceFolder(home)), false, 'no local chain made when one is configured');

    const mp4 = makeMp4(path.join(dir, 'configured.mp4'));
    await createC2paFinisher({ home, certChainPath: chainFile, keyPath: keyFile }).finish(mp4, 'mp4', identity());
    const r = await readC2pa(mp4, { trustAnchors: [pems.rootCert] });
    assert.equal(r.status, 'valid', r.reason);
    assert.equal(r.trusted, true);
    assert.equal(BigInt('0x' + new x509.X509Certificate(pems.signerCert).serialNumber).toString(), r.signer?.serialNumber);
  });

  it('refuses chains validators would reject, saying why', async () => {
    const pems = await makeLocalChainPems(new Date());
    const other = await makeLocalChainPems(new Date());
    assert.throws(() => loadSigner(pems.signerCert, other.signerKey, 'test'), /does not belong to the certificate/);
    assert.throws(() => loadSigner(pems.rootCert, pems.rootKey, 'test'), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'E_INVALID');
      assert.match(e.message, /self-signed/);
      assert.match(e.message, /CA certificate/);
      assert.match(e.message, /digitalSignature/);
      return true;
    });
    assert.throws(() => loadSigner('not a pem', pems.signerKey, 'test'), /no PEM certificate/);
    await assert.rejects(resolveSigner(dir, { certChainPem: pems.signerCert }), /both a certificate chain and its private key/);
  });
});
