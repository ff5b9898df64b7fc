import { check } from '../../core/errors.js';

/**
 * Code mappings of Ojala, Pietikäinen & Mäenpää 2002 (TPAMI 24(7)):
 * - `none`: the raw P-bit code, 2^P bins.
 * - `u2`: uniform patterns (at most 2 circular 0/1 transitions, sec. 2.3) keep a label each,
 *   all others share one: P(P-1)+3 bins (59 for P=8).
 * - `ri`: rotation invariant, the minimum over circular bit rotations (eq. 8): one bin per
 *   binary necklace (36 for P=8).
 * - `riu2`: rotation invariant uniform (eq. 9): the number of 1 bits for uniform codes, P+1 for
 *   the rest: P+2 bins.
 */
export type LbpMapping = 'none' | 'u2' | 'ri' | 'riu2';

/** Which sampling the operator uses. */
export type LbpOperator = 'circular' | 'basic' | 'circular-fixed';

/** Options shared by the LBP operator and the spatial histograms. */
export interface LbpOptions {
  /** Circle radius in pixels (integer >= 1). Default 1. */
  radius?: number;
  /** Number of sample points P (1..31; the basic operator takes 8 only). Default 8. */
  neighbors?: number;
  /** Default `none` (OpenCV's LBPH uses raw codes). */
  mapping?: LbpMapping;
  /**
   * `circular` (default): OpenCV's extended operator `elbp_` (bilinear samples on a circle).
   * `basic`: OpenCV's 3x3 `olbp_` (radius 1, 8 neighbours, its own bit order).
   * `circular-fixed`: the same samples with exact 16.16 fixed-point interpolation, rotation
   *   symmetric (not OpenCV's float32 rounding; see lbp-fixed.ts).
   */
  operator?: LbpOperator;
}

/** Validated, defaulted {@link LbpOptions}. */
export interface ResolvedLbpOptions {
  radius: number;
  neighbors: number;
  mapping: LbpMapping;
  operator: LbpOperator;
}

/**
 * Largest P. Codes are held in 32-bit unsigned integers and OpenCV shifts `1 << n` in a signed
 * int, so P = 32 has no meaning in either; 31 is the cap.
 */
export const MAX_NEIGHBORS = 31;

/** Largest radius accepted (a radius beyond any realistic face crop; keeps offsets small ints). */
export const MAX_RADIUS = 1024;

const MAPPINGS: readonly LbpMapping[] = ['none', 'u2', 'ri', 'riu2'];

/** Checks and defaults LBP options; throws `E_BAD_ARGUMENT` naming `fn` and the bad value. */
export function resolveLbpOptions(fn: string, options: LbpOptions | undefined): ResolvedLbpOptions {
  check(options === undefined || (typeof options === 'object' && options !== null), fn, `options must be an object, got ${String(options)}`);
  const operator = options?.operator ?? 'circular';
  check(
    operator === 'circular' || operator === 'basic' || operator === 'circular-fixed',
    fn,
    `operator must be 'circular', 'basic' or 'circular-fixed', got ${String(operator)}`,
  );
  const radius = options?.radius ?? 1;
  const neighbors = options?.neighbors ?? 8;
  const mapping = options?.mapping ?? 'none';
  check(
    Number.isInteger(radius) && radius >= 1 && radius <= MAX_RADIUS,
    fn,
    `radius must be an integer in 1..${MAX_RADIUS}, got ${String(radius)}`,
  );
  check(
    Number.isInteger(neighbors) && neighbors >= 1 && neighbors <= MAX_NEIGHBORS,
    fn,
    `neighbors must be an integer in 1..${MAX_NEIGHBORS} (codes are 32-bit), got ${String(neighbors)}`,
  );
  check(MAPPINGS.includes(mapping), fn, `mapping must be one of ${MAPPINGS.join(', ')}, got ${String(mapping)}`);
  if (operator === 'basic') {
    check(radius === 1 && neighbors === 8, fn, `the basic operator is 3x3: radius 1, neighbors 8 only, got radius ${radius}, neighbors ${neighbors}`);
  }
  return { radius, neighbors, mapping, operator };
}
