/**
 * What the panel pre-fills from the active sequence: frame size, exact frame rate, and the in/out
 * range (the default duration when the editor marked one).
 */
import type { premierepro, Sequence } from '@adobe/premierepro';
import type { Rational } from '@rushes/shared';
import { activeContext } from './context';
import { parseTicks, rateFromDecimal, rateFromTicksPerFrame, secondsForTicks } from './ticks';

export interface SequenceSettingsInfo {
  sequenceName: string;
  width: number;
  height: number;
  /** Exact rate: 23.976 is {num: 24000, den: 1001}. */
  fps: Rational;
  /** Seconds between the sequence's in and out points when the editor set them, else null. */
  inOutSeconds: number | null;
  /** Ticks per frame as Premiere reports it (the sequence timebase). */
  ticksPerFrame: string;
}

export async function readSequenceSettings(ppro: premierepro): Promise<SequenceSettingsInfo> {
  const { sequence } = await activeContext(ppro);
  return readSettingsOf(sequence);
}

export async function readSettingsOf(sequence: Sequence): Promise<SequenceSettingsInfo> {
  const settings = await sequence.getSettings();
  const rect = await settings.getVideoFrameRect();
  const timebase = await sequence.getTimebase();
  let fps: Rational | null = null;
  try {
    fps = rateFromTicksPerFrame(parseTicks(timebase));
  } catch {
    fps = null;
  }
  // The timebase is exact; the decimal rate is only a fallback for odd timebases.
  if (!fps) fps = rateFromDecimal(settings.getVideoFrameRate().value);
  if (!fps) throw new Error(`Cannot read the frame rate of sequence "${sequence.name}" (timebase ${timebase}).`);
  const [inPoint, outPoint, endTime] = await Promise.all([sequence.getInPoint(), sequence.getOutPoint(), sequence.getEndTime()]);
  return {
    sequenceName: sequence.name,
    width: Math.round(rect.width),
    height: Math.round(rect.height),
    fps,
    inOutSeconds: inOutDuration(safeTicks(inPoint.ticks), safeTicks(outPoint.ticks), safeTicks(endTime.ticks)),
    ticksPerFrame: timebase,
  };
}

/**
 * Seconds between in and out when they mark a real range. An unmarked sequence reports in at 0 and out
 * at its end (or nothing usable), which is not a choice the editor made, so it gives null.
 */
export function inOutDuration(inTicks: bigint | null, outTicks: bigint | null, endTicks: bigint | null): number | null {
  if (inTicks === null || outTicks === null) return null;
  if (inTicks < 0n || outTicks <= inTicks) return null;
  if (inTicks === 0n && (endTicks === null || outTicks >= endTicks)) return null;
  return secondsForTicks(outTicks - inTicks);
}

function safeTicks(ticks: string): bigint | null {
  try {
    return parseTicks(ticks);
  } catch {
    return null;
  }
}
