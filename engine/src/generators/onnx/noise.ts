/**
 * Seeded Gaussian noise for latents. The same seed gives the same noise on every machine and provider
 * (the sampling runs here in JavaScript, not on the device), so a clip can be remade from its seed.
 * Generator: SplitMix64-seeded xoshiro128**; normals by the Box-Muller transform. This does not
 * reproduce PyTorch's generator: the same seed in diffusers gives a different clip.
 */
export class NoiseSource {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  constructor(seed: number, stream = 0) {
    // SplitMix64 on (seed, stream) fills the 128-bit state, so nearby seeds give unrelated streams.
    let z = (BigInt(seed >>> 0) << 32n) | BigInt(stream >>> 0);
    const next = (): number => {
      z = (z + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
      let r = z;
      r = ((r ^ (r >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
      r = ((r ^ (r >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
      return Number((r ^ (r >> 31n)) & 0xffffffffn);
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
  }

  /** xoshiro128** (Blackman & Vigna): a uniform 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in (0, 1): never 0, so log() below is finite. */
  uniform(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    const r = Math.sqrt(-2 * Math.log(this.uniform()));
    const th = 2 * Math.PI * this.uniform();
    this.spare = r * Math.sin(th);
    return r * Math.cos(th);
  }

  fill(out: Float32Array, scale = 1): Float32Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal() * scale;
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
