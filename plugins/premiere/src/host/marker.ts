/**
 * What the marker over a placed clip says. Editors read the name in the timeline and the comments in
 * the Markers panel, so the name is short and the comments hold everything needed to make the clip
 * again (prompt, seed, generator) or to find its job in the engine (job id).
 */
export interface MarkerSource {
  prompt: string;
  seed: number;
  jobId: string;
  generator?: string;
}

export interface MarkerText {
  name: string;
  comments: string;
}

const NAME_MAX = 64;

export function markerText(clip: MarkerSource): MarkerText {
  const oneLine = clip.prompt.replace(/\s+/g, ' ').trim();
  const short = oneLine.length > NAME_MAX ? `${oneLine.slice(0, NAME_MAX - 1).trimEnd()}…` : oneLine;
  const lines = [`Prompt: ${oneLine}`, `Seed: ${clip.seed}`, `Job: ${clip.jobId}`];
  if (clip.generator) lines.push(`Generator: ${clip.generator}`);
  return { name: `Rushes: ${short}`, comments: lines.join('\n') };
}

/** Reads back what `markerText` wrote (for history and tests); null when the comments are not ours. */
export function parseMarkerComments(comments: string): { prompt: string; seed: number; jobId: string; generator?: string } | null {
  const get = (key: string): string | undefined => {
    const m = new RegExp(`^${key}: (.*)$`, 'm').exec(comments);
    return m?.[1];
  };
  const prompt = get('Prompt');
  const seed = get('Seed');
  const jobId = get('Job');
  if (prompt === undefined || seed === undefined || jobId === undefined || !/^\d+$/.test(seed)) return null;
  const generator = get('Generator');
  return generator === undefined ? { prompt, seed: Number(seed), jobId } : { prompt, seed: Number(seed), jobId, generator };
}
