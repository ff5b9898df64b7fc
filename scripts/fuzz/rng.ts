/**
 * Seeded randomness for the fuzzer. Every case draws from its own generator, derived from
 * (run seed, target name, case index), so `--seed S --only-case K` replays case K alone.
 */

/** FNV-1a of a string, to fold a target name into the case seed. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's PractRand "small fast counting" generator), 32-bit state words. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number, index: number) {
    this.a = seed >>> 0;
    this.b = stream >>> 0;
    this.c = index >>> 0;
    this.d = 1;
    // Discard the first outputs: sfc32 mixes a simple seed in ~12 rounds.
    for (let i = 0; i < 15; i++) this.u32();
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform integer in 0..n-1 (n >= 1). */
  int(n: number): number {
    return Math.floor((this.u32() / 2 ** 32) * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.u32() / 2 ** 32 < p;
  }

  /** One element of a non-empty array. */
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

/** The generator of case `index` of target `target` in a run seeded with `seed`. */
export function caseRng(seed: number, target: string, index: number): Rng {
  return new Rng(seed, hashString(target), index);
}
