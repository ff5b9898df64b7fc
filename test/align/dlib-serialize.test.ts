import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DlibReader } from '../../src/core/dlib-serialize.js';
import { FacetsError, isFacetsError } from '../../src/core/errors.js';

import { packDouble, packInt } from './dlib-writer.js';

const bytes = (...xs: number[]) => new Uint8Array(xs);

describe('DlibReader integers (dlib serialize.h pack_int: control byte + little-endian magnitude)', () => {
  it('reads hand-made values: 0, 1, 255, 256, -1, -300', () => {
    expect(new DlibReader(bytes(0x01, 0x00)).readInt()).toBe(0);
    expect(new DlibReader(bytes(0x01, 0x01)).readUint()).toBe(1);
    expect(new DlibReader(bytes(0x01, 0xff)).readUint()).toBe(255);
    expect(new DlibReader(bytes(0x02, 0x00, 0x01)).readInt()).toBe(256);
    expect(new DlibReader(bytes(0x81, 0x01)).readInt()).toBe(-1);
    expect(new DlibReader(bytes(0x82, 0x2c, 0x01)).readInt()).toBe(-300);
  });

  it('rejects a sign bit on an unsigned value, size 0, size > sizeof(T) and truncation', () => {
    const bad = (f: () => unknown) => expect(f).toThrowError(FacetsError);
    bad(() => new DlibReader(bytes(0x81, 0x01)).readUint());
    bad(() => new DlibReader(bytes(0x00)).readInt());
    bad(() => new DlibReader(bytes(0x03, 1, 2, 3)).readInt('short', 2));
    bad(() => new DlibReader(bytes(0x04, 1, 2)).readInt());
    bad(() => new DlibReader(bytes()).readInt());
    try {
      new DlibReader(bytes(0x04, 1, 2)).readUint('tree count');
    } catch (e) {
      expect(isFacetsError(e, 'E_BAD_MODEL')).toBe(true);
      expect((e as Error).message).toMatch(/tree count at byte 0/);
    }
  });

  it('round-trips random safe integers (seed 42)', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        const r = new DlibReader(new Uint8Array(packInt(n)));
        expect(r.readInt()).toBe(n);
        expect(r.atEnd()).toBe(true);
      }),
      { seed: 42, numRuns: 500 },
    );
  });

  it('reads 64-bit values past 2^53 only as BigInt', () => {
    const b = new Uint8Array(packInt(-(2n ** 62n) - 5n));
    expect(new DlibReader(b).readInt64()).toBe(-(2n ** 62n) - 5n);
    expect(() => new DlibReader(b).readInt()).toThrowError(FacetsError);
  });
});

describe('DlibReader floats (float_details.h: int64 mantissa, int16 exponent)', () => {
  it('reads hand-made values: 1.0 = 1*2^0 and -0.75 = -3*2^-2, and the specials', () => {
    expect(new DlibReader(bytes(0x01, 0x01, 0x01, 0x00)).readDouble()).toBe(1);
    expect(new DlibReader(bytes(0x81, 0x03, 0x81, 0x02)).readDouble()).toBe(-0.75);
    expect(new DlibReader(bytes(0x01, 0x00, 0x02, 0x00, 0x7d)).readDouble()).toBe(Infinity); // 32000
    expect(new DlibReader(bytes(0x01, 0x00, 0x02, 0x01, 0x7d)).readDouble()).toBe(-Infinity);
    expect(new DlibReader(bytes(0x01, 0x00, 0x02, 0x02, 0x7d)).readFloat()).toBeNaN();
  });

  it('dlib writes 1.0 as float as mantissa 2^23>>16 = 128, exponent -7 (compacted bytes)', () => {
    // frexpf(1) = 0.5 * 2^1; mantissa = 0.5 * 2^24 = 2^23, exponent = 1 - 24 = -23; two zero low
    // bytes are shifted off: mantissa 0x80, exponent -7.
    expect(new DlibReader(bytes(0x01, 0x80, 0x81, 0x07)).readFloat()).toBe(1);
  });

  it('rejects the old ASCII float format and a too-wide exponent', () => {
    expect(() => new DlibReader(new TextEncoder().encode('1.5 ')).readDouble()).toThrowError(/ASCII/);
    expect(() => new DlibReader(bytes(0x01, 0x01, 0x03, 0, 0, 1)).readDouble()).toThrowError(FacetsError);
  });

  it('round-trips random doubles exactly and floats through Math.fround (seed 42)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        const b = new Uint8Array(packDouble(x));
        expect(new DlibReader(b).readDouble()).toBe(x === 0 ? 0 : x);
      }),
      { seed: 42, numRuns: 1000 },
    );
    // Floats (incl. subnormals) are exact doubles, so dlib's ldexpf((float)mantissa, e) recovers them.
    fc.assert(
      fc.property(fc.float({ noNaN: true }), (x) => {
        expect(new DlibReader(new Uint8Array(packDouble(x))).readFloat()).toBe(x === 0 ? 0 : x);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

describe('DlibReader containers', () => {
  it('reads a std::string and a bool', () => {
    const r = new DlibReader(bytes(0x01, 0x03, 0x61, 0x62, 0x63, 0x31));
    expect(r.readString(10)).toBe('abc');
    expect(r.readBool()).toBe(true);
  });

  it('reads a 2x1 matrix<float> in the current (negated size) format and the old (cols first) one', () => {
    const cur = [...packInt(-2n), ...packInt(-1n), ...packDouble(1.5), ...packDouble(-2)];
    const m = new DlibReader(new Uint8Array(cur)).readMatrix('float32');
    expect([m.rows, m.cols, Array.from(m.data)]).toEqual([2, 1, [1.5, -2]]);
    expect(m.data).toBeInstanceOf(Float32Array);
    const old = [...packInt(1n), ...packInt(2n), ...packDouble(1.5), ...packDouble(-2)];
    const o = new DlibReader(new Uint8Array(old)).readMatrix();
    expect([o.rows, o.cols]).toEqual([2, 1]);
  });

  it('reads a rectangle (left, top, right, bottom) and a vector<float,2>', () => {
    const b = [...packInt(-3n), ...packInt(4n), ...packInt(100n), ...packInt(200n), ...packDouble(0.5), ...packDouble(-1)];
    const r = new DlibReader(new Uint8Array(b));
    expect(r.readRectangle()).toEqual({ left: -3, top: 4, right: 100, bottom: 200 });
    expect(r.readVector2('float32')).toEqual([0.5, -1]);
  });

  it('bounds lengths by the cap and by the bytes left, before allocating', () => {
    const huge = new Uint8Array([...packInt(-(2n ** 40n)), ...packInt(-(2n ** 40n))]);
    expect(() => new DlibReader(huge).readMatrix()).toThrowError(/exceeds the limit/);
    expect(() => new DlibReader(new Uint8Array(packInt(1000n))).readVectorLength(1 << 20)).toThrowError(/only 0 left/);
    expect(() => new DlibReader(new Uint8Array([...packInt(5n), 1, 2, 3, 4, 5])).readVectorLength(4)).toThrowError(/limit 4/);
    expect(() => new DlibReader(new Uint8Array([...packInt(-2n), ...packInt(3n)])).readMatrix()).toThrowError(/mixed-sign/);
  });

  it('fuzz: random bytes always end in values or an E_BAD_MODEL error, never a hang (seed 42)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 12 }), (b, ops) => {
        const r = new DlibReader(b);
        try {
          for (const op of ops) {
            if (op === 0) r.readInt();
            else if (op === 1) r.readUint();
            else if (op === 2) r.readFloat();
            else if (op === 3) r.readDouble();
            else if (op === 4) r.readString(16);
            else if (op === 5) r.readMatrix('float32', 64);
            else r.readVectorLength(8, 'vec', 2);
          }
        } catch (e) {
          expect(isFacetsError(e, 'E_BAD_MODEL')).toBe(true);
        }
        expect(r.offset).toBeLessThanOrEqual(b.length);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
