/**
 * `readC2pa(path)`: the C2PA half of `rushes verify`.
 *
 * - MP4 / MOV (any ISO BMFF file) and single images with an embedded manifest: validated by the
 *   reference implementation, c2pa-rs (via c2pa-wasm): claim signature, certificate profile, every
 *   assertion's hashed URI, the hard binding (BMFF hash), and trust against the anchors given.
 * - A PNG sequence (its folder, its `.c2pa` sidecar, or one of its frames): c2pa-wasm 0.13 cannot
 *   validate a sidecar whose binding is a folder collection hash (it answers `UnsupportedType`), so the
 *   manifest store is validated by the independent TypeScript implementation @trustnxt/c2pa-ts
 *   (signature, certificate profile, hashed URIs), the collection hash by us (every frame's SHA-256,
 *   and no frame added or missing), and trust by chain building against the anchors (trust.ts).
 *
 * Status: `absent` when there is no manifest, `invalid` (with the failure codes as the reason) when
 * anything fails, else `valid`; `trusted` says whether the signer chains to a configured anchor. A
 * local Rushes chain is valid but untrusted until its root is given as an anchor.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { RushesError } from '@rushes/shared';
import { ACTIONS_LABEL, COLLECTION_HASH_LABEL, GENERATION_LABEL, type GenerationAssertion } from './manifest';
import { MAX_EMBED_BYTES } from './embed';
import { exclusive, referenceError, REFERENCE_NAME } from './reference';
import { SIDECAR_EXTENSION, sha256OfFile } from './sidecar';
import { evaluateTrust, parsePemCertificates } from './trust';

export type C2paStatus = 'valid' | 'invalid' | 'absent';

export interface C2paAssertion {
  label: string;
  data: unknown;
}

export interface C2paSigner {
  commonName?: string;
  issuer?: string;
  serialNumber?: string;
  alg?: string;
}

export interface C2paReport {
  status: C2paStatus;
  /** Why it is invalid or absent (failure codes with explanations). */
  reason?: string;
  /** The signer chains to a configured trust anchor. */
  trusted: boolean;
  trustNote?: string;
  signer?: C2paSigner;
  claimGenerator?: { name: string; version?: string }[];
  assertions: C2paAssertion[];
  /** The IPTC digital source type of the `c2pa.created` action. */
  digitalSourceType?: string;
  /** Rushes's own record (seed, prompt hash, generator, job), when the manifest carries one. */
  generation?: GenerationAssertion;
  /** What the manifest is bound to: `bmff` (embedded), `collection` (a sequence sidecar), `data`... */
  binding?: string;
  /** The file holding the manifest (the asset, or its sidecar). */
  manifestPath?: string;
  /** The implementation(s) that validated. */
  validator: string;
  codes: { success: string[]; informational: string[]; failure: string[] };
}

export interface ReadOptions {
  /** PEM certificates (roots or intermediates) to trust, e.g. `<home>/provenance/root-ca.crt`. */
  trustAnchors?: readonly string[];
}

const FRAME_RE = /^(.+)\.(\d+)\.png$/i;
const NO_CODES = () => ({ success: [] as string[], informational: [] as string[], failure: [] as string[] });

export async function readC2pa(target: string, opts: ReadOptions = {}): Promise<C2paReport> {
  checkAnchors(opts.trustAnchors ?? []);
  const stat = await fs.stat(target).catch((e: NodeJS.ErrnoException) => {
    throw new RushesError('E_NOT_FOUND', e.code === 'ENOENT' ? `${target} does not exist.` : `Cannot read ${target}: ${e.code ?? e.message}`);
  });
  if (stat.isDirectory()) return readSequence(target, await findSidecar(target), opts);
  if (target.toLowerCase().endsWith(SIDECAR_EXTENSION)) return readSequence(path.dirname(target), target, opts);
  if (stat.size > MAX_EMBED_BYTES) {
    throw new RushesError('E_UNSUPPORTED', `${target} is larger than ${MAX_EMBED_BYTES / 2 ** 20} MiB, more than the C2PA reader handles.`);
  }
  const bytes: Uint8Array = await fs.readFile(target);
  const mime = sniffMime(bytes);
  if (!mime) throw new RushesError('E_UNSUPPORTED', `${target} is not an MP4, MOV, PNG or JPEG file; Rushes reads C2PA from those.`);
  const embedded = await readWithReference(bytes, mime, target, opts);
  // A frame of a sequence carries no manifest of its own: its sequence's sidecar speaks for it.
  const frame = FRAME_RE.exec(path.basename(target));
  if (embedded.status === 'absent' && mime === 'image/png' && frame) {
    const sidecar = path.join(path.dirname(target), `${frame[1]}${SIDECAR_EXTENSION}`);
    if (await exists(sidecar)) return readSequence(path.dirname(target), sidecar, opts, path.basename(target));
  }
  return embedded;
}

/** A bad anchor file must be the user's error, not a manifest reported invalid. */
function checkAnchors(pems: readonly string[]): void {
  for (const pem of pems) {
    let count = 0;
    try {
      count = parsePemCertificates([pem]).length;
    } catch (e) {
      throw new RushesError('E_INVALID', `A trust anchor is not a readable PEM certificate: ${(e as Error).message}`);
    }
    if (!count) throw new RushesError('E_INVALID', 'A trust anchor file holds no PEM certificate (-----BEGIN CERTIFICATE-----).');
  }
}

// ------------------------------------------------------------------------------------ embedded manifests

/** MIME type from the first bytes (the reader needs one; names lie). */
export function sniffMime(b: Uint8Array): string | null {
  const ascii = (from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return ascii(8, 12) === 'qt  ' ? 'video/quicktime' : 'video/mp4';
  if (b.length >= 8 && Buffer.from(b.subarray(0, 8)).toString('hex') === '89504e470d0a1a0a') return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  return null;
}

interface ReferenceStatus {
  code: string;
  explanation?: string;
}

interface ReferenceJson {
  active_manifest?: string;
  manifests?: Record<
    string,
    {
      claim_generator_info?: { name: string; version?: string }[];
      assertions?: { label: string; data: unknown }[];
      signature_info?: { alg?: string; issuer?: string; common_name?: string; cert_serial_number?: string };
    }
  >;
  validation_state?: 'Invalid' | 'Valid' | 'Trusted';
  validation_status?: ReferenceStatus[];
  validation_results?: { activeManifest?: { success?: ReferenceStatus[]; informational?: ReferenceStatus[]; failure?: ReferenceStatus[] } };
}

const UNTRUSTED = 'signingCredential.untrusted';

async function readWithReference(bytes: Uint8Array, mime: string, file: string, opts: ReadOptions): Promise<C2paReport> {
  const validator = `c2pa-rs (${REFERENCE_NAME})`;
  const anchors = (opts.trustAnchors ?? []).join('\n');
  const context = JSON.stringify({ verify: { verify_trust: true }, ...(anchors ? { trust: { trust_anchors: anchors } } : {}) });
  let json: ReferenceJson;
  try {
    json = await exclusive(async ({ WasmReader }) => {
      const reader = await WasmReader.fromBytes(mime, bytes, context);
      try {
        return JSON.parse(reader.json()) as ReferenceJson;
      } finally {
        reader.free();
      }
    });
  } catch (e) {
    const err = referenceError(e);
    if (err.kind === 'JumbfNotFound') {
      return { status: 'absent', reason: 'the file carries no C2PA manifest', trusted: false, assertions: [], validator, codes: NO_CODES() };
    }
    return { status: 'invalid', reason: `the C2PA manifest cannot be read: ${err.message}`, trusted: false, assertions: [], manifestPath: file, validator, codes: NO_CODES() };
  }

  const results = json.validation_results?.activeManifest ?? {};
  const codes = {
    success: (results.success ?? []).map((s) => s.code),
    informational: (results.informational ?? []).map((s) => s.code),
    failure: (results.failure ?? []).map((s) => s.code),
  };
  // Failures of the store as a whole (ingredients, other manifests) count too.
  const failures = [...(results.failure ?? []), ...(json.validation_status ?? []).filter((s) => !(results.failure ?? []).some((f) => f.code === s.code))];
  const problems = failures.filter((f) => f.code !== UNTRUSTED);
  const manifest = json.active_manifest ? json.manifests?.[json.active_manifest] : undefined;
  const assertions = (manifest?.assertions ?? []).map((a) => ({ label: a.label, data: a.data }));
  const sig = manifest?.signature_info;
  const trusted = json.validation_state === 'Trusted';
  const invalid = json.validation_state === 'Invalid' || problems.length > 0 || !manifest;
  return {
    status: invalid ? 'invalid' : 'valid',
    ...(invalid ? { reason: describe(problems) || 'the reference reader found no active manifest' } : {}),
    trusted,
    trustNote: trusted ? 'chains to a configured trust anchor' : anchors ? 'the signer does not chain to any configured trust anchor' : 'no trust anchors configured',
    ...(sig ? { signer: { commonName: sig.common_name, issuer: sig.issuer, serialNumber: sig.cert_serial_number, alg: sig.alg } } : {}),
    ...(manifest?.claim_generator_info ? { claimGenerator: manifest.claim_generator_info } : {}),
    assertions,
    ...summarise(assertions),
    binding: assertions.some((a) => a.label.startsWith('c2pa.hash.bmff')) ? 'bmff' : assertions.some((a) => a.label.startsWith('c2pa.hash.data')) ? 'data' : undefined,
    manifestPath: file,
    validator,
    codes,
  };
}

function describe(statuses: readonly ReferenceStatus[]): string {
  return statuses.map((s) => (s.explanation ? `${s.code} (${s.explanation})` : s.code)).join('; ');
}

function summarise(assertions: readonly C2paAssertion[]): Pick<C2paReport, 'digitalSourceType' | 'generation'> {
  const actions = assertions.find((a) => a.label === ACTIONS_LABEL || a.label === 'c2pa.actions')?.data as
    | { actions?: { action?: string; digitalSourceType?: string }[] }
    | undefined;
  const created = actions?.actions?.find((a) => a.action === 'c2pa.created');
  const generation = assertions.find((a) => a.label === GENERATION_LABEL)?.data as GenerationAssertion | undefined;
  return {
    ...(created?.digitalSourceType ? { digitalSourceType: created.digitalSourceType } : {}),
    ...(generation ? { generation } : {}),
  };
}

// ------------------------------------------------------------------------------------- sequence sidecars

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

async function findSidecar(folder: string): Promise<string | null> {
  const names = await fs.readdir(folder);
  const sidecars = names.filter((n) => n.toLowerCase().endsWith(SIDECAR_EXTENSION));
  if (sidecars.length <= 1) return sidecars[0] ? path.join(folder, sidecars[0]) : null;
  // Several: the one named after the frames' stem.
  const stem = names.map((n) => FRAME_RE.exec(n)?.[1]).find(Boolean);
  const named = sidecars.find((n) => n === `${stem}${SIDECAR_EXTENSION}`);
  if (!named) throw new RushesError('E_INVALID', `${folder} holds several .c2pa sidecars (${sidecars.join(', ')}); name the one to check.`);
  return path.join(folder, named);
}

/** A collection entry as written by c2pa-rs (map form) or as the specification's CDDL shows (array form). */
interface CollectionItem {
  uri: string;
  hash: Buffer | null;
  size?: number;
}

export function parseCollection(data: unknown): { alg: string; items: CollectionItem[] } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as { alg?: unknown; uris?: unknown };
  const toBytes = (h: unknown): Buffer | null =>
    h instanceof Uint8Array ? Buffer.from(h) : Array.isArray(h) && h.every((n) => Number.isInteger(n) && n >= 0 && n < 256) ? Buffer.from(h as number[]) : null;
  const item = (uri: string, e: unknown): CollectionItem => {
    const entry = (e ?? {}) as { hash?: unknown; size?: unknown };
    return { uri, hash: toBytes(entry.hash), ...(typeof entry.size === 'number' ? { size: entry.size } : {}) };
  };
  let items: CollectionItem[];
  if (Array.isArray(d.uris)) items = d.uris.map((e) => item(String((e as { uri?: unknown }).uri ?? ''), e));
  else if (d.uris && typeof d.uris === 'object') items = Object.entries(d.uris as Record<string, unknown>).map(([uri, e]) => item(uri, e));
  else return null;
  return { alg: typeof d.alg === 'string' ? d.alg : 'sha256', items };
}

/** A collection URI must stay inside the sidecar's folder (C2PA: relative, no `.` or `..`). */
function safeUri(uri: string): boolean {
  if (!uri || uri.startsWith('/') || uri.includes('\\') || /^[a-z]:/i.test(uri)) return false;
  return uri.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

type TsManifest = typeof import('@trustnxt/c2pa-ts/manifest', { with: { 'resolution-mode': 'import' } });
type TsJumbf = typeof import('@trustnxt/c2pa-ts/jumbf', { with: { 'resolution-mode': 'import' } });
let ts: Promise<{ manifest: TsManifest; jumbf: TsJumbf }> | undefined;
function c2paTs(): Promise<{ manifest: TsManifest; jumbf: TsJumbf }> {
  ts ??= Promise.all([import('@trustnxt/c2pa-ts/manifest'), import('@trustnxt/c2pa-ts/jumbf')]).then(([manifest, jumbf]) => ({ manifest, jumbf }));
  return ts;
}

/** c2pa-ts reports every signer as trusted (it has no trust lists); trust is ours to decide. */
const TS_TRUST_CODES = new Set(['signingCredential.trusted', UNTRUSTED]);

const COSE_ALGS: Record<number, string> = { [-7]: 'Es256', [-35]: 'Es384', [-36]: 'Es512', [-37]: 'Ps256', [-38]: 'Ps384', [-39]: 'Ps512', [-8]: 'Ed25519' };

async function readSequence(folder: string, sidecar: string | null, opts: ReadOptions, onlyFrame?: string): Promise<C2paReport> {
  const validator = '@trustnxt/c2pa-ts (manifest, signature) + Rushes (collection hash, trust)';
  if (!sidecar) {
    return { status: 'absent', reason: `${folder} holds no .c2pa sidecar`, trusted: false, assertions: [], validator, codes: NO_CODES() };
  }
  const invalid = (reason: string): C2paReport => ({ status: 'invalid', reason, trusted: false, assertions: [], manifestPath: sidecar, validator, codes: NO_CODES() });
  const { manifest: m, jumbf } = await c2paTs();
  let store: InstanceType<TsManifest['ManifestStore']>;
  try {
    store = m.ManifestStore.read(jumbf.SuperBox.fromBuffer(new Uint8Array(await fs.readFile(sidecar))));
  } catch (e) {
    return invalid(`the sidecar ${path.basename(sidecar)} is not a readable C2PA manifest store: ${(e as Error).message}`);
  }
  const active = store.getActiveManifest();
  if (!active) return invalid(`the sidecar ${path.basename(sidecar)} holds no manifest`);

  const codes = NO_CODES();
  const failures: string[] = [];
  const result = await store.validate(undefined as never);
  for (const entry of result.statusEntries) {
    if (TS_TRUST_CODES.has(entry.code)) continue;
    if (entry.success === false) {
      codes.failure.push(entry.code);
      failures.push(entry.explanation ? `${entry.code} (${entry.explanation})` : entry.code);
    } else codes.success.push(entry.code);
  }

  const assertions: C2paAssertion[] = (active.assertions?.assertions ?? []).map((a) => ({
    label: a.fullLabel ?? a.label ?? '',
    data: (a.sourceBox?.contentBoxes[0] as { content?: unknown } | undefined)?.content,
  }));
  const collection = assertions.find((a) => a.label === COLLECTION_HASH_LABEL);
  const parsed = collection ? parseCollection(collection.data) : null;
  if (!collection) {
    codes.failure.push('claim.hardBindings.missing');
    failures.push('claim.hardBindings.missing (the sidecar has no collection hash over the frames)');
  } else if (!parsed || parsed.alg !== 'sha256') {
    codes.failure.push('assertion.collectionHash.malformed');
    failures.push(`assertion.collectionHash.malformed (${parsed ? `unsupported hash ${parsed.alg}` : 'unreadable'})`);
  } else {
    const check = await checkCollection(path.dirname(sidecar), parsed.items, onlyFrame);
    codes.failure.push(...check.failureCodes);
    failures.push(...check.failures);
    if (!check.failures.length) codes.success.push('assertion.collectionHash.match');
    collection.data = { alg: parsed.alg, files: parsed.items.length };
  }

  const sig = active.signature?.signatureData;
  const cert = sig?.certificate;
  const anchors = parsePemCertificates(opts.trustAnchors ?? []);
  const trust = cert ? await evaluateTrust(cert, sig?.chainCertificates ?? [], anchors) : { trusted: false, note: 'no signer certificate' };
  const cn = (name?: string) => (name ? /CN=([^,]+)/.exec(name)?.[1] ?? name : undefined);
  const claim = active.claim;
  const status: C2paStatus = failures.length ? 'invalid' : 'valid';
  return {
    status,
    ...(failures.length ? { reason: failures.join('; ') } : {}),
    trusted: status === 'valid' && trust.trusted,
    trustNote: trust.note,
    ...(cert
      ? { signer: { commonName: cn(cert.subject), issuer: cn(cert.issuer), serialNumber: cert.serialNumber, alg: COSE_ALGS[sig?.algorithm?.coseIdentifier ?? 0] } }
      : {}),
    ...(claim?.claimGeneratorName ? { claimGenerator: [{ name: claim.claimGeneratorName, ...(claim.claimGeneratorVersion ? { version: claim.claimGeneratorVersion } : {}) }] } : {}),
    assertions,
    ...summarise(assertions),
    binding: 'collection',
    manifestPath: sidecar,
    validator,
    codes,
  };
}

async function checkCollection(folder: string, items: readonly CollectionItem[], onlyFrame?: string): Promise<{ failures: string[]; failureCodes: string[] }> {
  const failures: string[] = [];
  const failureCodes: string[] = [];
  const fail = (code: string, why: string) => {
    failureCodes.push(code);
    failures.push(`${code} (${why})`);
  };
  const listed = new Set(items.map((i) => i.uri));
  const scope = onlyFrame ? items.filter((i) => i.uri === onlyFrame) : items;
  if (onlyFrame && !scope.length) fail('assertion.collectionHash.incorrectFileCount', `${onlyFrame} is not one of the frames the sidecar lists`);
  for (const item of scope) {
    if (!safeUri(item.uri)) {
      fail('assertion.collectionHash.invalidUri', `"${item.uri}" points outside the sequence folder`);
      continue;
    }
    if (!item.hash) {
      fail('assertion.collectionHash.malformed', `no hash for ${item.uri}`);
      continue;
    }
    const file = path.join(folder, item.uri);
    const actual = await sha256OfFile(file).catch(() => null);
    if (!actual) fail('assertion.collectionHash.incorrectFileCount', `${item.uri} is missing`);
    else if (!actual.hash.equals(item.hash)) fail('assertion.collectionHash.mismatch', `${item.uri} was changed`);
  }
  if (!onlyFrame) {
    // Frames of the same sequence that the sidecar does not list were added afterwards.
    const stems = new Set(items.map((i) => FRAME_RE.exec(i.uri)?.[1]).filter(Boolean));
    const extra = (await fs.readdir(folder)).filter((n) => stems.has(FRAME_RE.exec(n)?.[1]) && !listed.has(n));
    if (extra.length) fail('assertion.collectionHash.incorrectFileCount', `${extra.length} frame(s) not in the manifest, e.g. ${extra[0]}`);
  }
  return { failures, failureCodes };
}
