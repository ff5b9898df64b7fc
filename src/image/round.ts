/**
 * Rounds to nearest, ties to even: what `cvRound` / `saturate_cast<int>` do on x86
 * (SSE2 cvtsd2si under the default MXCSR rounding mode). OpenCV parity depends on it.
 */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** `saturate_cast<uchar>` of a float: round half to even, clamp to 0..255. */
export function saturateU8(x: number): number {
  const r = roundHalfEven(x);
  return r < 0 ? 0 : r > 255 ? 255 : r;
}
