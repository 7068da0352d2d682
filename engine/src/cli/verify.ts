/**
 * `rushes verify FILE`: human or JSON report, and an exit code per verdict (0 marked, 4 unmarked,
 * 5 tampered; 2 for a bad argument, 1 for an error).
 */
import fs from 'node:fs';
import { resolveHome } from '../home';
import { RushesError } from '@rushes/shared';
import { DEFAULT_WATERMARK_SECONDS, MAX_WATERMARK_SECONDS, verifyFile, VERIFY_EXIT, type VerifyReport } from '../provenance/verify';
import { reportError } from './exit';

export async function runVerify(file: string, o: { home?: string; json?: boolean; trustAnchor?: string[]; start?: string; seconds?: string }): Promise<number> {
  const json = !!o.json;
  try {
    const start = o.start === undefined ? 0 : Number(o.start);
    const seconds = o.seconds === undefined ? DEFAULT_WATERMARK_SECONDS : Number(o.seconds);
    if (!(start >= 0) || !Number.isFinite(start)) throw new RushesError('E_INVALID', `--start must be a number of seconds, 0 or more (got "${o.start}").`);
    if (!(seconds >= 0.5 && seconds <= MAX_WATERMARK_SECONDS)) {
      throw new RushesError('E_INVALID', `--seconds must be between 0.5 and ${MAX_WATERMARK_SECONDS} (got "${o.seconds}"); 2 s is what detection needs.`);
    }
    const anchors = (o.trustAnchor ?? []).map((f) => fs.readFileSync(f, 'utf8'));
    const report = await verifyFile(file, {
      home: resolveHome(o.home),
      trustAnchors: anchors,
      watermarkStart: start,
      watermarkDuration: seconds,
    });
    if (json) process.stdout.write(JSON.stringify({ ok: true, ...report }) + '\n');
    else process.stdout.write(describe(report) + '\n');
    return VERIFY_EXIT[report.verdict];
  } catch (e) {
    return reportError(e, json);
  }
}

export function describe(r: VerifyReport): string {
  const lines: string[] = [];
  const headline = { marked: 'MARKED: machine-generated, provenance found', unmarked: 'UNMARKED: no C2PA manifest and no Rushes watermark found', tampered: 'TAMPERED: the C2PA manifest does not match the file' }[r.verdict];
  lines.push(`${r.file}: ${headline}`);
  const c = r.c2pa;
  if (c.status === 'valid') {
    const g = c.generation;
    lines.push(`  C2PA: valid (${c.validator}); signer ${c.signer?.commonName ?? 'unknown'}${c.signer?.issuer ? `, issued by ${c.signer.issuer}` : ''}; ${c.trusted ? 'trusted' : `untrusted${c.trustNote ? ` (${c.trustNote})` : ''}`}`);
    if (c.digitalSourceType) lines.push(`        digital source type ${c.digitalSourceType.split('/').pop()}`);
    if (g) lines.push(`        generator ${g.generator.id} ${g.generator.version}, seed ${g.seed}, created ${g.createdAt}, prompt sha256 ${g.prompt.sha256.slice(0, 16)}...${g.prompt.text ? `, prompt "${g.prompt.text}"` : ''}`);
    lines.push(`        assertions: ${c.assertions.map((a) => a.label).join(', ')}`);
  } else {
    lines.push(`  C2PA: ${c.status}${c.reason ? ` (${c.reason})` : ''}`);
  }
  const w = r.watermark;
  if (!w.checked) lines.push(`  Watermark: not checked${w.note ? ` (${w.note})` : ''}`);
  else if (w.found) {
    const how = w.method === 'matched' ? ` (matched against this install's ${w.comparedWith} job${w.comparedWith === 1 ? '' : 's'}; too degraded to decode blind)` : '';
    lines.push(`  Watermark: found, payload ${w.payload ?? '(did not decode)'}${how}, bit agreement ${w.bitAgreement?.toFixed(3)}, p-value ${w.pValue?.toExponential(1)}, ${w.framesUsed} frames${w.fromThisInstall ? ', made by this install' : ''}`);
  } else lines.push(`  Watermark: not found (bit agreement ${w.bitAgreement?.toFixed(3)}, p-value ${w.pValue?.toExponential(1)})`);
  const j = r.localJob;
  if (j) lines.push(`  Local job: ${j.id}, "${j.prompt}", seed ${j.seed}, created ${j.createdAt} (matched by ${j.matchedBy})`);
  return lines.join('\n');
}
