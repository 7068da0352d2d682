/**
 * Is a signer trusted? Only relative to trust anchors the user configured: a chain built from the
 * signer, the manifest's x5chain and the anchors (each link's signature checked) must reach an anchor,
 * with every certificate valid now. Used for sidecars, which the reference reader cannot validate (see
 * read.ts); embedded manifests get c2pa-rs's own trust evaluation.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export function parsePemCertificates(pems: readonly string[]): x509.X509Certificate[] {
  const out: x509.X509Certificate[] = [];
  for (const pem of pems) {
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      out.push(new x509.X509Certificate(block));
    }
  }
  return out;
}

export interface TrustVerdict {
  trusted: boolean;
  note: string;
}

export async function evaluateTrust(
  signer: x509.X509Certificate,
  intermediates: readonly x509.X509Certificate[],
  anchors: readonly x509.X509Certificate[],
  at: Date = new Date(),
): Promise<TrustVerdict> {
  if (!anchors.length) return { trusted: false, note: 'no trust anchors configured' };
  const builder = new x509.X509ChainBuilder({ certificates: [...intermediates, ...anchors] });
  let chain: x509.X509Certificate[];
  try {
    chain = [...(await builder.build(signer))];
  } catch (e) {
    return { trusted: false, note: `cannot build a chain: ${(e as Error).message}` };
  }
  const anchorPrints = new Set(await Promise.all(anchors.map(async (a) => Buffer.from(await a.getThumbprint()).toString('hex'))));
  for (let i = 0; i < chain.length; i++) {
    const cert = chain[i]!;
    if (at < cert.notBefore || at > cert.notAfter) return { trusted: false, note: `"${cert.subject}" is outside its validity period` };
    if (i > 0 && !cert.getExtension(x509.BasicConstraintsExtension)?.ca) return { trusted: false, note: `"${cert.subject}" is not a CA` };
    if (anchorPrints.has(Buffer.from(await cert.getThumbprint()).toString('hex'))) {
      return { trusted: true, note: `chains to trust anchor "${cert.subject}"` };
    }
  }
  return { trusted: false, note: 'the signer does not chain to any configured trust anchor' };
}
