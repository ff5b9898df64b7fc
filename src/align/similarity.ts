/**
 * Least-squares similarity transforms between point sets (Umeyama 1991, "Least-squares
 * estimation of transformation parameters between two point patterns", eqs. 34-43), the variant
 * dlib's `find_similarity_transform` implements (dlib/geometry/point_transforms.h): no reflection,
 * scale from the variance of the source points.
 */
import { FacetsError, check } from '../core/errors.js';
import type { Affine } from '../image/warp.js';

/** A 2-D point `[x, y]` in pixels (JSON-friendly). */
export type Point = [number, number];

/**
 * Accumulates Umeyama's statistics over `n` points given by accessors. Returns the 2x2 part
 * [[p, -q], [q, p]] / sigmaFrom and the translation.
 *
 * In 2-D the SVD of eq. 38 has a closed form: the rotation maximising tr(R^T cov) is the angle of
 * (cov00 + cov11, cov10 - cov01), and tr(D S) equals the length of that vector whatever the sign
 * of det(cov) (Umeyama's S flips the smaller singular value exactly when det < 0). So
 * c R = [[p, -q], [q, p]] / sigma_from with p = cov00 + cov11, q = cov10 - cov01: no SVD, same
 * result as dlib up to rounding.
 */
export function umeyama2d(
  n: number,
  fx: (i: number) => number,
  fy: (i: number) => number,
  tx: (i: number) => number,
  ty: (i: number) => number,
): Affine {
  let mfx = 0, mfy = 0, mtx = 0, mty = 0;
  for (let i = 0; i < n; i++) {
    mfx += fx(i); mfy += fy(i); mtx += tx(i); mty += ty(i);
  }
  mfx /= n; mfy /= n; mtx /= n; mty /= n;
  let sigma = 0, c00 = 0, c01 = 0, c10 = 0, c11 = 0;
  for (let i = 0; i < n; i++) {
    const ax = fx(i) - mfx, ay = fy(i) - mfy;
    const bx = tx(i) - mtx, by = ty(i) - mty;
    sigma += ax * ax + ay * ay;
    // cov += (to - mean_to) * trans(from - mean_from)
    c00 += bx * ax; c01 += bx * ay; c10 += by * ax; c11 += by * ay;
  }
  sigma /= n;
  const p = (c00 + c11) / n;
  const q = (c10 - c01) / n;
  // dlib keeps c = 1 when the source points coincide; R is then the bare rotation.
  const s = sigma !== 0 ? 1 / sigma : 1 / Math.max(Math.hypot(p, q), Number.MIN_VALUE);
  const a = p * s, b = -q * s, d = q * s, e = p * s;
  return [a, b, mtx - (a * mfx + b * mfy), d, e, mty - (d * mfx + e * mfy)];
}

/**
 * The similarity (rotation, uniform scale, translation) that best maps `from` onto `to` in the
 * least-squares sense, as cv2.warpAffine-style `[a, b, c, d, e, f]`.
 * requires: from.length === to.length >= 2, finite coordinates.
 * ensures: for noiseless similar point sets, maps from[i] to to[i] up to rounding.
 */
export function similarityTransform(from: readonly Point[], to: readonly Point[]): Affine {
  const fn = 'similarityTransform';
  check(Array.isArray(from) && Array.isArray(to), fn, 'from and to must be arrays of [x, y] points');
  check(from.length === to.length && from.length >= 2, fn, `needs two point lists of equal length >= 2, got ${from.length} and ${to.length}`);
  for (const p of [...from, ...to]) {
    check(Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]), fn, `every point must be a finite [x, y], got ${JSON.stringify(p)}`);
  }
  const m = umeyama2d(from.length, (i) => from[i][0], (i) => from[i][1], (i) => to[i][0], (i) => to[i][1]);
  if (!m.every(Number.isFinite)) throw new FacetsError('E_NUMERIC', `${fn}: degenerate point sets give a non-finite transform`);
  return m;
}
