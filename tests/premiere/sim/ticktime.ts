/**
 * Simulated TickTime: 254016000000 ticks per second, immutable, ticks exposed as a decimal string
 * (and as a lossy number), as the vendor type declares.
 */
import type { FrameRate, TickTime, TickTimeStatic } from '@adobe/premierepro';
import type { VendorShape } from './vendor-shape';

export const TICKS_PER_SECOND = 254016000000n;

export class SimTickTime
  implements VendorShape<TickTime, 'ticks' | 'ticksNumber' | 'seconds' | 'equals' | 'add' | 'subtract' | 'multiply' | 'divide'>
{
  constructor(readonly value: bigint) {}

  get ticks(): string {
    return this.value.toString();
  }
  get ticksNumber(): number {
    return Number(this.value);
  }
  get seconds(): number {
    return Number(this.value) / Number(TICKS_PER_SECOND);
  }
  equals(tickTime: TickTime): boolean {
    return toTicks(tickTime) === this.value;
  }
  add(tickTime: TickTime): SimTickTime {
    return new SimTickTime(this.value + toTicks(tickTime));
  }
  subtract(tickTime: TickTime): SimTickTime {
    return new SimTickTime(this.value - toTicks(tickTime));
  }
  multiply(factor: number): SimTickTime {
    return new SimTickTime(BigInt(Math.round(Number(this.value) * factor)));
  }
  divide(divisor: number): SimTickTime {
    return divisor === 0 ? TIME_INVALID : new SimTickTime(BigInt(Math.round(Number(this.value) / divisor)));
  }
}

const TIME_INVALID = new SimTickTime(-1n);

/** Reads a TickTime the simulator made; anything else is the kind of object Premiere rejects. */
export function toTicks(t: unknown): bigint {
  if (!(t instanceof SimTickTime)) throw new Error('Invalid parameter.');
  return t.value;
}

// The TIME_* constants are typed by the vendor as constructible TickTime objects, so they are left out of
// the shape check and typed as simulated times.
export const SimTickTimeStatic: VendorShape<TickTimeStatic, 'createWithTicks' | 'createWithSeconds' | 'createWithFrameAndFrameRate'> & {
  TIME_ZERO: SimTickTime;
  TIME_ONE_SECOND: SimTickTime;
  TIME_INVALID: SimTickTime;
} = {
  createWithTicks(ticks: string): SimTickTime {
    if (typeof ticks !== 'string' || !/^-?\d+$/.test(ticks)) throw new Error('Illegal Parameter type');
    return new SimTickTime(BigInt(ticks));
  },
  createWithSeconds(seconds: number): SimTickTime {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) throw new Error('Illegal Parameter type');
    return new SimTickTime(BigInt(Math.round(seconds * Number(TICKS_PER_SECOND))));
  },
  createWithFrameAndFrameRate(frameCount: number, frameRate: FrameRate): SimTickTime {
    return new SimTickTime(BigInt(frameCount) * BigInt(frameRate.ticksPerFrame));
  },
  TIME_ZERO: new SimTickTime(0n),
  TIME_ONE_SECOND: new SimTickTime(TICKS_PER_SECOND),
  TIME_INVALID,
};
