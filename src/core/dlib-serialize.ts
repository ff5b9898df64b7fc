/**
 * A bounded reader for dlib's binary serialisation format (dlib/serialize.h, dlib/float_details.h,
 * dlib/matrix/matrix.h). Every length read from the bytes is checked against what is left and a
 * caller-given cap before anything is allocated, so corrupt or hostile input ends in a
 * `FacetsError('E_BAD_MODEL')` naming what was being read and the byte offset, never a hang.
 *
 * API (class `DlibReader`, constructed over a `Uint8Array`; all reads advance `offset`):
 * - `offset`, `remaining`, `length`, `atEnd()`
 * - `readInt(what?, maxBytes = 8)`: signed integer (`int`, `long`, `int64`; `maxBytes` = sizeof(T))
 * - `readUint(what?, maxBytes = 8)`: unsigned integer (`unsigned long`, `uint64`, `size_t`)
 * - `readInt64(what?)`: signed 64-bit as a BigInt (for values past 2^53)
 * - `readFloat(what?)` / `readDouble(what?)`: float / double (mantissa then exponent)
 * - `readByte(what?)`: one raw byte (dlib's `char` / `unsigned char` serialisation)
 * - `readBool(what?)`: dlib writes a bool as the byte '1' or '0'
 * - `readString(maxLen, what?)`: std::string (length then raw bytes), decoded as latin1
 * - `readVectorLength(maxCount, what?, minItemBytes = 1)`: std::vector item count
 * - `readMatrix(kind = 'float64', maxElements, what?)`: dlib::matrix -> `{ rows, cols, data }`
 * - `readRectangle(what?)`: dlib::rectangle -> `{ left, top, right, bottom }` (inclusive corners)
 * - `readVector2(kind, what?)`: dlib::vector<T,2> -> `[x, y]`
 * - `fail(what, message)`: throws E_BAD_MODEL with the reader's offset (for format code on top)
 *
 * Integer wire format (serialize.h `pack_int`): one control byte, then `size` little-endian
 * magnitude bytes. The low 4 bits of the control byte hold `size` (1..8; dlib rejects 0 and
 * anything above sizeof(T)); bit 0x80 is the sign for signed types (sign-magnitude, not two's
 * complement). Unsigned types mask with 0x8F, so a set sign bit makes `size` too big: an error.
 *
 * Float wire format (float_details.h): the value is `mantissa * 2^exponent` with an int64
 * mantissa and an int16 exponent, each a serialised integer. Exponents 32000, 32001, 32002 mean
 * +Inf, -Inf and NaN. dlib also reads a pre-2013 ASCII format, detected by any of the bits 0x70
 * in the first byte; facets rejects it (E_BAD_MODEL) since no current model uses it.
 */
import { FacetsError } from './errors.js';

/** Element type of a matrix as dlib stored it: `matrix<float>` or `matrix<double>`. */
export type DlibFloatKind = 'float32' | 'float64';

/** A dense row-major matrix read from dlib's `serialize(matrix)`. */
export interface DlibMatrix<K extends DlibFloatKind = DlibFloatKind> {
  rows: number;
  cols: number;
  data: K extends 'float32' ? Float32Array : Float64Array;
}

/** dlib::rectangle, inclusive corners (right = left + width - 1). */
export interface DlibRectangle {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

// float_details.h special exponents.
const IS_INF = 32000;
const IS_NINF = 32001;
const IS_NAN = 32002;

/** Hard upper bound on any single matrix or vector, whatever the caller asks (2^28 items). */
const ABSOLUTE_MAX_ITEMS = 1 << 28;

/** Reads dlib-serialised values from bytes, with bounds and clear errors. Not thread-safe (stateful cursor). */
export class DlibReader {
  private readonly bytes: Uint8Array;
  private pos = 0;

  constructor(bytes: Uint8Array) {
    if (!(bytes instanceof Uint8Array)) {
      throw new FacetsError('E_BAD_ARGUMENT', `DlibReader: expected a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
    }
    this.bytes = bytes;
  }

  /** Byte offset of the next read. */
  get offset(): number {
    return this.pos;
  }

  /** Bytes left after `offset`. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Total length of the underlying bytes. */
  get length(): number {
    return this.bytes.length;
  }

  /** True when every byte has been consumed. */
  atEnd(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Throws `E_BAD_MODEL` naming `what` and the current offset. */
  fail(what: string, message: string): never {
    throw new FacetsError('E_BAD_MODEL', `dlib deserialize: ${what} at byte ${this.pos}: ${message}`);
  }

  /** One raw byte. ensures: 0..255. */
  readByte(what = 'byte'): number {
    if (this.pos >= this.bytes.length) this.fail(what, 'unexpected end of data');
    return this.bytes[this.pos++];
  }

  /** dlib serialises bool as the ASCII byte '1' or '0' (serialize.h). */
  readBool(what = 'bool'): boolean {
    const b = this.readByte(what);
    if (b === 0x31) return true;
    if (b === 0x30) return false;
    this.pos--;
    return this.fail(what, `expected '0' or '1', got byte 0x${b.toString(16)}`);
  }

  /**
   * Reads control byte + magnitude; returns the signed value as a number when it has at most 6
   * magnitude bytes (exact below 2^48, the common case, no BigInt cost), else as a BigInt.
   */
  private readRawInt(what: string, signed: boolean, maxBytes: number): number | bigint {
    const start = this.pos;
    const control = this.readByte(what);
    const negative = signed && (control & 0x80) !== 0;
    // serialize.h: signed types keep 4 size bits (0x0F); unsigned mask 0x8F so a sign bit is an error.
    const size = signed ? control & 0x0f : control & 0x8f;
    if (size === 0 || size > maxBytes) {
      this.pos = start;
      this.fail(what, `bad integer control byte 0x${control.toString(16)} (size ${size}, allowed 1..${maxBytes})`);
    }
    if (this.remaining < size) {
      this.pos = start;
      this.fail(what, `integer needs ${size} bytes, only ${this.remaining} left`);
    }
    const b = this.bytes;
    const p = this.pos;
    this.pos += size;
    if (size <= 6) {
      let v = 0;
      for (let i = size - 1; i >= 0; i--) v = v * 256 + b[p + i];
      return negative ? -v : v;
    }
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[p + i]);
    return negative ? -v : v;
  }

  private toSafe(v: number | bigint, what: string, start: number): number {
    if (typeof v === 'number') return v;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
      this.pos = start;
      this.fail(what, `integer ${v} is beyond 2^53`);
    }
    return Number(v);
  }

  /** Signed integer of at most `maxBytes` bytes (sizeof(T)). ensures: a safe integer, else E_BAD_MODEL. */
  readInt(what = 'int', maxBytes = 8): number {
    const start = this.pos;
    return this.toSafe(this.readRawInt(what, true, maxBytes), what, start);
  }

  /** Unsigned integer of at most `maxBytes` bytes. ensures: a safe integer >= 0, else E_BAD_MODEL. */
  readUint(what = 'uint', maxBytes = 8): number {
    const start = this.pos;
    return this.toSafe(this.readRawInt(what, false, maxBytes), what, start);
  }

  /** Signed 64-bit integer as a BigInt (dlib int64, e.g. a float mantissa). */
  readInt64(what = 'int64'): bigint {
    const v = this.readRawInt(what, true, 8);
    return typeof v === 'bigint' ? v : BigInt(v);
  }

  /** The (mantissa, exponent) pair of float_details.h, rejecting dlib's old ASCII float format. */
  private readFloatDetails(what: string): [number, number] {
    if (this.pos >= this.bytes.length) this.fail(what, 'unexpected end of data');
    if ((this.bytes[this.pos] & 0x70) !== 0) {
      this.fail(what, `byte 0x${this.bytes[this.pos].toString(16)} is not a binary float (dlib's old ASCII float format is not supported)`);
    }
    // Number(bigint) rounds to nearest like C++'s (double)int64.
    const m = this.readRawInt(what, true, 8);
    const exponent = this.readInt(what, 2);
    return [Number(m), exponent];
  }

  /** A double: `mantissa * 2^exponent` (float_details::convert_to_T<double>). */
  readDouble(what = 'double'): number {
    const [m, e] = this.readFloatDetails(what);
    return detailsToNumber(m, e);
  }

  /**
   * A float: as dlib's convert_to_T<float>, `ldexpf((float)mantissa, exponent)`.
   * The mantissa goes int64 -> double -> float (dlib: int64 -> float); they can differ only for
   * mantissas wider than 53 bits, which dlib never writes for a float.
   */
  readFloat(what = 'float'): number {
    const [m, e] = this.readFloatDetails(what);
    return Math.fround(detailsToNumber(Math.fround(m), e));
  }

  /** std::string: unsigned length then raw bytes (latin1). requires: maxLen >= 0. */
  readString(maxLen: number, what = 'string'): string {
    const n = this.readVectorLength(maxLen, `${what} length`, 1);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(this.bytes[this.pos + i]);
    this.pos += n;
    return s;
  }

  /**
   * std::vector length (serialize.h: `unsigned long` size, then the items).
   * ensures: n <= maxCount and n * minItemBytes <= remaining, else E_BAD_MODEL, so a caller can
   * allocate n items safely.
   */
  readVectorLength(maxCount: number, what = 'vector', minItemBytes = 1): number {
    const start = this.pos;
    const n = this.readUint(`${what} length`);
    const cap = Math.min(maxCount, ABSOLUTE_MAX_ITEMS);
    if (n > cap) {
      this.pos = start;
      this.fail(what, `length ${n} exceeds the limit ${cap}`);
    }
    const left = this.remaining;
    if (n * minItemBytes > left) {
      this.pos = start;
      this.fail(what, `length ${n} needs at least ${n * minItemBytes} bytes, only ${left} left`);
    }
    return n;
  }

  /**
   * dlib::matrix<float|double> (matrix.h): rows then cols as longs, negated in the current format
   * (positive means the pre-2009 format that stored cols first), then elements row-major.
   * ensures: rows*cols <= maxElements; each element takes >= 4 bytes (two 2-byte integers), so the
   * count is also bounded by the bytes left.
   */
  readMatrix<K extends DlibFloatKind = 'float64'>(kind?: K, maxElements = ABSOLUTE_MAX_ITEMS, what = 'matrix'): DlibMatrix<K> {
    const start = this.pos;
    let rows = this.readInt(`${what} rows`);
    let cols = this.readInt(`${what} cols`);
    if (rows < 0 || cols < 0) {
      if (rows > 0 || cols > 0) {
        this.pos = start;
        this.fail(what, `mixed-sign size ${rows}x${cols}`);
      }
      rows = -rows;
      cols = -cols;
    } else {
      [rows, cols] = [cols, rows];
    }
    const count = rows * cols;
    const cap = Math.min(maxElements, ABSOLUTE_MAX_ITEMS);
    if (count > cap) {
      this.pos = start;
      this.fail(what, `size ${rows}x${cols} exceeds the limit of ${cap} elements`);
    }
    const left = this.remaining;
    if (count * 4 > left) {
      this.pos = start;
      this.fail(what, `size ${rows}x${cols} needs at least ${count * 4} bytes, only ${left} left`);
    }
    const f32 = kind === 'float32';
    const data = f32 ? new Float32Array(count) : new Float64Array(count);
    // One label for all elements: building a string per element would dominate the read time.
    const el = `${what} element`;
    for (let i = 0; i < count; i++) data[i] = f32 ? this.readFloat(el) : this.readDouble(el);
    return { rows, cols, data } as DlibMatrix<K>;
  }

  /** dlib::rectangle: left, top, right, bottom as longs (rectangle.h serialize). */
  readRectangle(what = 'rectangle'): DlibRectangle {
    const left = this.readInt(`${what} left`);
    const top = this.readInt(`${what} top`);
    const right = this.readInt(`${what} right`);
    const bottom = this.readInt(`${what} bottom`);
    return { left, top, right, bottom };
  }

  /** dlib::vector<T,2>: x then y (vector.h serialize), float or double. */
  readVector2(kind: DlibFloatKind = 'float64', what = 'vector2'): [number, number] {
    const rd = (w: string) => (kind === 'float32' ? this.readFloat(w) : this.readDouble(w));
    const x = rd(`${what} x`);
    const y = rd(`${what} y`);
    return [x, y];
  }
}

/** mantissa * 2^exponent, with float_details' special exponents; exact like ldexp. */
function detailsToNumber(mantissa: number, exponent: number): number {
  if (exponent === IS_INF) return Infinity;
  if (exponent === IS_NINF) return -Infinity;
  if (exponent >= IS_NAN) return NaN;
  return ldexp(mantissa, exponent);
}

/**
 * ldexp(x, e) with a single rounding. requires: x is an integer-valued double (a mantissa), so
 * |x| >= 1 and every step below but the last is exact.
 */
function ldexp(x: number, e: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  if (e > 1023) return e - 1023 > 1023 ? x * Infinity : x * 2 ** 1023 * 2 ** (e - 1023);
  if (e >= -1022) return x * 2 ** e;
  // 2^e is below the normal range: shift to 2^-1022 first (exact since |x| >= 1), then round once.
  const rest = e + 1022;
  return rest < -1074 ? x * 0 : x * 2 ** -1022 * 2 ** rest;
}
