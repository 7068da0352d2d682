/**
 * The signing identity of an install: an ES256 key and the certificate chain that vouches for it.
 *
 * C2PA validators (c2pa-rs and the tools built on it) refuse a signer that is a self-signed CA, and
 * want digitalSignature key usage, an allowed extended key usage and an authority key identifier. So on
 * first run the engine makes a two-level local chain under `<home>/provenance/`:
 *
 *   root-ca.crt   self-signed, CA:true, keyCertSign: the trust anchor a user may choose to trust
 *   root-ca.key   its key (0600), kept so that the engine can issue a new signer with the same root
 *   signer.crt    issued by the root, CA:false, digitalSignature, emailProtection, AKI + SKI
 *   signer.key    the ES256 (P-256) signing key, PKCS#8 PEM, mode 0600
 *
 * A user with a real certificate (from a CA on the C2PA trust list, or a studio CA) configures it
 * instead: `certChainPem`/`keyPem` or `certChainPath`/`keyPath`. Certificates are built and read with
 * @peculiar/x509 on Node's WebCrypto, not hand-written ASN.1.
 */
import { createPrivateKey, createPublicKey, randomBytes, webcrypto, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { RushesError } from '@rushes/shared';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type SigningAlg = 'es256' | 'es384';

export interface SignerMaterial {
  alg: SigningAlg;
  /** The signer's certificate first, then intermediates (never a self-signed root): what goes in COSE x5chain. */
  chain: x509.X509Certificate[];
  key: KeyObject;
  /** Where the material came from, for messages: the folder of a local chain, or "configured". */
  source: string;
  /** The local root CA (PEM) when the engine made the chain; users add it as a trust anchor to trust it. */
  localRootPem?: string;
}

export interface SignerSource {
  /** PEM certificates, signer first, then intermediates (a root may follow; it is left out of x5chain). */
  certChainPem?: string;
  /** PEM private key (PKCS#8 or SEC1) matching the first certificate. */
  keyPem?: string;
  certChainPath?: string;
  keyPath?: string;
}

export const LOCAL_FILES = {
  folder: 'provenance',
  rootCert: 'root-ca.crt',
  rootKey: 'root-ca.key',
  signerCert: 'signer.crt',
  signerKey: 'signer.key',
} as const;

/** Lifetimes. There is no timestamp authority offline, so validators judge the signer at verification time. */
const SIGNER_YEARS = 10;
const ROOT_YEARS = 20;
const EC_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export function localProvenanceFolder(home: string): string {
  return path.join(home, LOCAL_FILES.folder);
}

/** Path of the local root certificate (what `rushes verify --trust-anchor` takes to trust this install). */
export function localRootCertPath(home: string): string {
  return path.join(localProvenanceFolder(home), LOCAL_FILES.rootCert);
}

/** The configured signer when one is given, else this install's local chain (created on first use). */
export async function resolveSigner(home: string, source: SignerSource = {}): Promise<SignerMaterial> {
  const configured = readConfigured(source);
  if (configured) return loadSigner(configured.certChainPem, configured.keyPem, 'configured certificate');
  return loadOrCreateLocalSigner(home);
}

function readConfigured(s: SignerSource): { certChainPem: string; keyPem: string } | null {
  const read = (file: string, what: string): string => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new RushesError('E_INVALID', `Cannot read the C2PA ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  };
  const certChainPem = s.certChainPem ?? (s.certChainPath ? read(s.certChainPath, 'certificate chain') : undefined);
  const keyPem = s.keyPem ?? (s.keyPath ? read(s.keyPath, 'private key') : undefined);
  if (!certChainPem && !keyPem) return null;
  if (!certChainPem || !keyPem) {
    throw new RushesError('E_INVALID', 'A C2PA signer needs both a certificate chain and its private key; only one was configured.');
  }
  return { certChainPem, keyPem };
}

/** Reads and checks a chain + key. Throws E_INVALID with what to fix when validators would reject it. */
export function loadSigner(certChainPem: string, keyPem: string, source: string): SignerMaterial {
  const certs = parseChain(certChainPem);
  const leaf = certs[0]!;
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch (e) {
    throw new RushesError('E_INVALID', `The C2PA private key is not a readable PEM key: ${(e as Error).message}`);
  }
  const alg = algFor(key);
  const leafSpki = Buffer.from(leaf.publicKey.rawData);
  const keySpki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  if (!leafSpki.equals(keySpki)) {
    throw new RushesError('E_INVALID', `The C2PA private key does not belong to the certificate "${leaf.subject}".`);
  }
  const problems = signerCertificateProblems(leaf);
  if (problems.length) {
    throw new RushesError('E_INVALID', `C2PA validators would reject the signing certificate "${leaf.subject}": ${problems.join('; ')}.`);
  }
  // x5chain carries the signer and its intermediates; a root belongs in the validator's trust list.
  const chain = certs.filter((c, i) => i === 0 || !isSelfSigned(c));
  return { alg, chain, key, source };
}

function parseChain(pem: string): x509.X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new RushesError('E_INVALID', 'The C2PA certificate chain holds no PEM certificate.');
  try {
    return blocks.map((b) => new x509.X509Certificate(b));
  } catch (e) {
    throw new RushesError('E_INVALID', `The C2PA certificate chain is not valid PEM: ${(e as Error).message}`);
  }
}

function algFor(key: KeyObject): SigningAlg {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  if (curve === 'prime256v1') return 'es256';
  if (curve === 'secp384r1') return 'es384';
  throw new RushesError(
    'E_UNSUPPORTED',
    `The C2PA signing key is ${key.asymmetricKeyType ?? 'unknown'}${curve ? ` (${curve})` : ''}; Rushes signs with ECDSA P-256 (ES256) or P-384 (ES384).`,
  );
}

export function isSelfSigned(cert: x509.X509Certificate): boolean {
  return cert.subject === cert.issuer;
}

/**
 * What c2pa-rs's certificate profile would object to in a signer certificate (C2PA 2.x, "Certificate
 * profile"): empty when it is acceptable. Checked at load so that a bad certificate is a start-up error,
 * not a silently untrusted manifest on every clip.
 */
export function signerCertificateProblems(cert: x509.X509Certificate, at: Date = new Date()): string[] {
  const problems: string[] = [];
  if (isSelfSigned(cert)) problems.push('it is self-signed (issue it from a CA instead)');
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (bc?.ca) problems.push('it is a CA certificate (basicConstraints CA:true)');
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  if (!ku || !(ku.usages & x509.KeyUsageFlags.digitalSignature)) problems.push('its key usage lacks digitalSignature');
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const allowed = [
    x509.ExtendedKeyUsage.emailProtection as string,
    '1.3.6.1.5.5.7.3.36', // documentSigning
    '1.3.6.1.4.1.62558.2.1', // c2pa-kp-claimSigning
  ];
  if (!eku || !eku.usages.some((u) => allowed.includes(String(u)))) {
    problems.push('its extended key usage has none of emailProtection, documentSigning, c2pa claimSigning');
  }
  if (eku?.usages.some((u) => String(u) === '2.5.29.37.0')) problems.push('it allows anyExtendedKeyUsage');
  if (!cert.getExtension(x509.AuthorityKeyIdentifierExtension)) problems.push('it has no authority key identifier');
  if (at < cert.notBefore || at > cert.notAfter) problems.push(`it is not valid now (${cert.notBefore.toISOString()} to ${cert.notAfter.toISOString()})`);
  return problems;
}

/** This install's local chain; made on first call (atomically: two processes agree on one chain). */
export async function loadOrCreateLocalSigner(home: string): Promise<SignerMaterial> {
  const folder = localProvenanceFolder(home);
  const files = (name: string) => path.join(folder, name);
  if (!fs.existsSync(files(LOCAL_FILES.signerKey))) await createLocalChain(home);
  tightenKeyMode(files(LOCAL_FILES.signerKey));
  tightenKeyMode(files(LOCAL_FILES.rootKey));
  const rootPem = fs.readFileSync(files(LOCAL_FILES.rootCert), 'utf8');
  const material = loadSigner(fs.readFileSync(files(LOCAL_FILES.signerCert), 'utf8'), fs.readFileSync(files(LOCAL_FILES.signerKey), 'utf8'), folder);
  return { ...material, localRootPem: rootPem };
}

async function createLocalChain(home: string): Promise<void> {
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  const folder = localProvenanceFolder(home);
  // Build in a private temporary folder, then rename it into place: a reader never sees half a chain,
  // and if another process won the race its chain is kept and ours dropped.
  const staging = fs.mkdtempSync(path.join(home, '.provenance-'));
  try {
    const pems = await makeLocalChainPems(new Date());
    fs.writeFileSync(path.join(staging, LOCAL_FILES.rootCert), pems.rootCert, { mode: 0o644 });
    fs.writeFileSync(path.join(staging, LOCAL_FILES.rootKey), pems.rootKey, { mode: 0o600 });
    fs.writeFileSync(path.join(staging, LOCAL_FILES.signerCert), pems.signerCert, { mode: 0o644 });
    fs.writeFileSync(path.join(staging, LOCAL_FILES.signerKey), pems.signerKey, { mode: 0o600 });
    fs.chmodSync(staging, 0o700);
    try {
      fs.renameSync(staging, folder);
    } catch (e) {
      // Another process got there first (Windows says EPERM when the target folder exists).
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && !(code === 'EPERM' && fs.existsSync(folder))) throw e;
      if (!fs.existsSync(path.join(folder, LOCAL_FILES.signerKey))) {
        throw new RushesError('E_INVALID', `${folder} exists but holds no ${LOCAL_FILES.signerKey}; move it away and the engine will make a new signer.`);
      }
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

export interface LocalChainPems {
  rootCert: string;
  rootKey: string;
  signerCert: string;
  signerKey: string;
}

/** A fresh root CA and a signer issued by it, as PEM. Pure apart from key generation. */
export async function makeLocalChainPems(now: Date): Promise<LocalChainPems> {
  const subtle = webcrypto.subtle;
  const notBefore = new Date(now.getTime() - 60 * 60 * 1000); // an hour of slack for clock skew
  const years = (n: number) => new Date(Date.UTC(now.getUTCFullYear() + n, now.getUTCMonth(), now.getUTCDate()));
  const serial = () => {
    const b = randomBytes(16);
    b[0] = b[0]! & 0x7f; // positive
    return b.toString('hex');
  };

  const rootKeys = (await subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=Rushes Local Root CA, OU=Local install - not publicly trusted, O=Rushes',
    notBefore,
    notAfter: years(ROOT_YEARS),
    keys: rootKeys,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
    ],
  });

  const signerKeys = (await subtle.generateKey(EC_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
  const signer = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: 'CN=Rushes Engine Signer, OU=Local install - not publicly trusted, O=Rushes',
    issuer: root.subject,
    notBefore,
    notAfter: years(SIGNER_YEARS),
    signingKey: rootKeys.privateKey,
    publicKey: signerKeys.publicKey,
    signingAlgorithm: EC_P256,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.emailProtection], false),
      await x509.AuthorityKeyIdentifierExtension.create(root, false),
      await x509.SubjectKeyIdentifierExtension.create(signerKeys.publicKey),
    ],
  });

  const pkcs8 = async (k: CryptoKey) =>
    x509.PemConverter.encode(await subtle.exportKey('pkcs8', k), 'PRIVATE KEY') + '\n';
  return {
    rootCert: root.toString('pem') + '\n',
    rootKey: await pkcs8(rootKeys.privateKey),
    signerCert: signer.toString('pem') + '\n',
    signerKey: await pkcs8(signerKeys.privateKey),
  };
}

function tightenKeyMode(file: string): void {
  if (process.platform === 'win32' || !fs.existsSync(file)) return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}
