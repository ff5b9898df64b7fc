import { check } from '../../core/errors.js';
import { assertGray, type Image } from '../../image/image.js';
import { circularFixedCodes } from './lbp-fixed.js';
import { circularCodesCpu } from './lbp.cpu.js';
import { basicCodesRef } from './lbp.ref.js';
import { getMapping } from './mapping.js';
import { resolveLbpOptions, type LbpMapping, type LbpOperator, type LbpOptions } from './options.js';

/** An LBP code image: one label per pixel of the input minus a `radius`-pixel border. */
export interface LbpCodeImage {
  width: number;
  height: number;
  /** Row-major labels in 0..bins-1; Uint8 when bins <= 256, Uint16 when <= 65536, else Uint32. */
  codes: Uint8Array | Uint16Array | Uint32Array;
  /** Number of possible labels (2^P for `none`, P(P-1)+3 for `u2`, ...). */
  bins: number;
  radius: number;
  neighbors: number;
  mapping: LbpMapping;
  operator: LbpOperator;
}

/**
 * Local binary pattern codes of a grey image, as OpenCV's LBPH computes them.
 *
 * requires: gray.channels === 1; gray.width, gray.height >= 2*radius+1;
 *   radius integer in 1..1024; neighbors integer in 1..31 (<= 20 for `ri`);
 *   operator `basic` only with radius 1, neighbors 8.
 * ensures: width = gray.width - 2*radius, height = gray.height - 2*radius (OpenCV crops the
 *   border the circle cannot reach); mapping `none` gives OpenCV's raw codes bit for bit
 *   (`elbp_` for `circular`, `olbp_` for `basic`); codes < bins; `circular-fixed` codes rotate
 *   exactly with the image when P % 4 === 0.
 * throws: `E_BAD_ARGUMENT` for a non-grey image, bad options or an image smaller than the operator.
 */
export function lbpImage(gray: Image, options?: LbpOptions): LbpCodeImage {
  const fn = 'lbpImage';
  assertGray(gray, fn);
  const opts = resolveLbpOptions(fn, options);
  const { radius, neighbors, mapping, operator } = opts;
  const side = 2 * radius + 1;
  check(
    gray.width >= side && gray.height >= side,
    fn,
    `image ${gray.width}x${gray.height} is smaller than the operator (${side}x${side} for radius ${radius})`,
  );
  const raw =
    operator === 'basic'
      ? basicCodesRef(gray.data, gray.width, gray.height)
      : operator === 'circular-fixed'
        ? circularFixedCodes(gray.data, gray.width, gray.height, radius, neighbors)
        : circularCodesCpu(gray.data, gray.width, gray.height, radius, neighbors);
  const m = getMapping(mapping, neighbors);
  const codes = allocCodes(raw.length, m.bins);
  if (mapping === 'none') codes.set(raw);
  else for (let k = 0; k < raw.length; k++) codes[k] = m.map(raw[k]);
  return { width: gray.width - 2 * radius, height: gray.height - 2 * radius, codes, bins: m.bins, radius, neighbors, mapping, operator };
}

function allocCodes(length: number, bins: number): Uint8Array | Uint16Array | Uint32Array {
  if (bins <= 256) return new Uint8Array(length);
  if (bins <= 65536) return new Uint16Array(length);
  return new Uint32Array(length);
}
