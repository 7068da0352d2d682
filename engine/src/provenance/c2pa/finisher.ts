/**
 * The OutputFinisher that signs every output: MP4 and MOV get an embedded manifest, a PNG sequence a
 * sidecar. The signer is resolved once, on first use (which creates the local chain on a new install).
 */
import type { OutputFormat } from '@rushes/shared';
import { ENGINE_VERSION } from '../../version';
import { resolveSigner, type SignerMaterial, type SignerSource } from '../keys';
import type { JobIdentity, OutputFinisher } from '../types';
import { embedInBmff } from './embed';
import { buildManifestDefinition, MIME_TYPES } from './manifest';
import { writeSequenceSidecar } from './sidecar';

export interface C2paFinisherOptions extends SignerSource {
  /** The engine's home folder: the local chain lives in `<home>/provenance/`. */
  home: string;
  /** Write the prompt text into the manifest (its SHA-256 is always written). Default false. */
  includePrompt?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  engineVersion?: string;
}

export interface FinishResult {
  format: OutputFormat;
  /** The file that holds the manifest: the output itself, or the sidecar of a PNG sequence. */
  manifestPath: string;
  manifestBytes: number;
}

export class C2paFinisher implements OutputFinisher {
  private signer?: Promise<SignerMaterial>;
  /** What the last finish() did, for logs and figures. */
  lastResult?: FinishResult;

  constructor(private readonly opts: C2paFinisherOptions) {}

  /** Resolves (and on a new install creates) the signer; finish() calls it, start-up may call it early. */
  prepare(): Promise<SignerMaterial> {
    this.signer ??= resolveSigner(this.opts.home, this.opts).catch((e: unknown) => {
      this.signer = undefined;
      throw e;
    });
    return this.signer;
  }

  async finish(path: string, format: OutputFormat, identity: JobIdentity): Promise<void> {
    const signer = await this.prepare();
    const definition = buildManifestDefinition(identity, {
      format,
      includePrompt: this.opts.includePrompt ?? false,
      createdAt: (this.opts.now ?? (() => new Date()))(),
      engineVersion: this.opts.engineVersion ?? ENGINE_VERSION,
    });
    if (format === 'png') {
      const r = await writeSequenceSidecar(path, definition, signer);
      this.lastResult = { format, manifestPath: r.path, manifestBytes: r.manifestBytes };
    } else {
      const r = await embedInBmff(path, MIME_TYPES[format], definition, signer);
      this.lastResult = { format, manifestPath: path, manifestBytes: r.manifestBytes };
    }
  }
}

export function createC2paFinisher(opts: C2paFinisherOptions): C2paFinisher {
  return new C2paFinisher(opts);
}
