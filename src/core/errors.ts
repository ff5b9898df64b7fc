/**
 * Stable error codes. A code never changes meaning once released; messages may improve.
 *
 * - `E_DECODE`: bytes are not a supported, intact image (truncated, corrupt, unknown format).
 * - `E_TOO_LARGE`: an input exceeds a documented cap (pixels, bytes, memory, counts).
 * - `E_BAD_ARGUMENT`: a caller passed an invalid option or value (names the function and value).
 * - `E_BAD_MODEL`: a model file (cascade XML, dlib .dat, graph JSON, YAML) is malformed.
 * - `E_BAD_WEIGHTS`: weights are missing, truncated, mismatched or fail their sha256.
 * - `E_NO_FACE`: detection found no face and the caller asked for enforcement.
 * - `E_NUMERIC`: a result would contain NaN or Infinity.
 * - `E_UNSUPPORTED`: a valid input that facets does not handle (e.g. a WebP file, an unknown op).
 * - `E_IO`: reading or writing a file failed.
 * - `E_BACKEND`: a compute backend is unavailable or failed.
 */
export type FacetsErrorCode =
  | 'E_DECODE'
  | 'E_TOO_LARGE'
  | 'E_BAD_ARGUMENT'
  | 'E_BAD_MODEL'
  | 'E_BAD_WEIGHTS'
  | 'E_NO_FACE'
  | 'E_NUMERIC'
  | 'E_UNSUPPORTED'
  | 'E_IO'
  | 'E_BACKEND';

/** The one error type facets throws on purpose; `code` is stable, `message` is for people. */
export class FacetsError extends Error {
  readonly code: FacetsErrorCode;

  constructor(code: FacetsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FacetsError';
    this.code = code;
  }
}

/** True when `e` is a FacetsError, optionally with the given code. */
export function isFacetsError(e: unknown, code?: FacetsErrorCode): e is FacetsError {
  return e instanceof FacetsError && (code === undefined || e.code === code);
}

/** Throws `E_BAD_ARGUMENT` naming the function, unless `ok`. */
export function check(ok: boolean, fn: string, message: string): asserts ok {
  if (!ok) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: ${message}`);
}
