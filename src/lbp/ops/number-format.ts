/**
 * Number formatting of OpenCV FileStorage (modules/core/src/persistence.cpp `floatToString`,
 * `doubleToString`), so that facets writes the same text OpenCV writes:
 * - a value whose `cvRound` equals it prints as an integer followed by a dot: `0.`, `50.`;
 * - other finite floats print as C `%.8e` (9 significant digits, enough to round-trip a float32),
 *   doubles as `%.16e` (17 significant digits, enough for a float64);
 * - NaN and infinities print as `.Nan`, `.Inf`, `-.Inf` (YAML 1.1).
 * C's printf rounds the exact binary value half to even; JS toExponential rounds exact ties
 * upwards, so ties are detected and fixed here.
 */

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/** OpenCV float32 text (`%.8e` style). requires: value is a float32 (e.g. read from a Float32Array). */
export function formatFloat32(value: number): string {
  return formatReal(value, 8);
}

/** OpenCV float64 text (`%.16e` style). */
export function formatFloat64(value: number): string {
  return formatReal(value, 16);
}

function formatReal(value: number, fractionDigits: number): string {
  if (Number.isNaN(value)) return '.Nan';
  if (value === Infinity) return '.Inf';
  if (value === -Infinity) return '-.Inf';
  // cvRound saturates outside int range (cvtsd2si gives INT_MIN), so only int-range integers
  // take the "%d." branch.
  if (Number.isInteger(value) && value >= INT_MIN && value <= INT_MAX) return `${value === 0 ? 0 : value}.`;
  return cExponential(value, fractionDigits);
}

/** C `%.{d}e` of a double: mantissa with d fraction digits, exponent sign and >= 2 digits. */
export function cExponential(value: number, fractionDigits: number): string {
  let s = value.toExponential(fractionDigits);
  if (isExactTieRoundedUp(value, fractionDigits)) s = truncateExponential(value, fractionDigits);
  const e = s.indexOf('e');
  const mantissa = s.slice(0, e);
  const sign = s[e + 1];
  const digits = s.slice(e + 2);
  return `${mantissa}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

/**
 * True when the exact value sits exactly halfway between two d-digit mantissas and the digit
 * kept is even, i.e. where printf's half-to-even keeps it but toExponential rounds it up.
 */
function isExactTieRoundedUp(value: number, fractionDigits: number): boolean {
  const longer = Math.abs(value).toExponential(fractionDigits + 1);
  const e = longer.indexOf('e');
  if (longer[e - 1] !== '5') return false; // quick filter: no 5 right after the kept digits
  // toExponential(100) is exact for every float32 and for the doubles that can tie here.
  const exact = Math.abs(value).toExponential(100);
  const ee = exact.indexOf('e');
  const mant = exact.slice(0, ee).replace('.', '');
  const keep = fractionDigits + 1;
  if (mant[keep] !== '5') return false;
  for (let k = keep + 1; k < mant.length; k++) if (mant[k] !== '0') return false;
  return Number(mant[keep - 1]) % 2 === 0;
}

/** The d-digit mantissa cut (not rounded) from the exact expansion, same exponent. */
function truncateExponential(value: number, fractionDigits: number): string {
  const exact = Math.abs(value).toExponential(100);
  const ee = exact.indexOf('e');
  const mant = exact.slice(0, ee).replace('.', '');
  const kept = `${mant[0]}.${mant.slice(1, fractionDigits + 1)}`;
  return `${value < 0 ? '-' : ''}${kept}${exact.slice(ee)}`;
}
