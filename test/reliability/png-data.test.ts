/**
 * Regression: a PNG whose image data is shorter than its IHDR implies decoded "successfully" to
 * pixels copied from uninitialised memory (pngjs 7's sync inflate hands back an allocUnsafe
 * buffer of the expected size). decodeImage now checks the inflated size first (decode-png-data.ts).
 */
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../src/image/index.js';
import { crc32 } from '../../src/tasks/gallery-format.js';
import { codeOf } from './helpers.js';

const ADAM7 = [[0, 0, 8, 8], [4, 0, 8, 8], [0, 4, 4, 8], [2, 0, 4, 4], [0, 2, 2, 4], [1, 0, 2, 2], [0, 1, 1, 2]] as const;

function chunk(type: string, data: Uint8Array): number[] {
  const b = new Uint8Array(12 + data.length);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, data.length);
  b.set([...type].map((c) => c.charCodeAt(0)), 4);
  b.set(data, 8);
  dv.setUint32(8 + data.length, crc32(b.subarray(4, 8 + data.length)));
  return Array.from(b);
}

/** Filtered scanlines (filter 0) of an 8-bit image with `ch` samples per pixel, Adam7 or not. */
function scanlines(px: Uint8Array, w: number, h: number, ch: number, interlaced: boolean): Uint8Array {
  const out: number[] = [];
  const passes = interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  for (const [x0, y0, dx, dy] of passes) {
    for (let y = y0; y < h; y += dy) {
      if (x0 >= w) break;
      out.push(0);
      for (let x = x0; x < w; x += dx) for (let c = 0; c < ch; c++) out.push(px[(y * w + x) * ch + c]!);
    }
  }
  return Uint8Array.from(out);
}

/** A PNG file of the pixels; `cut` bytes dropped from the end of the raw scanlines before deflating. */
function png(px: Uint8Array, w: number, h: number, colorType: 0 | 2 | 6, interlaced: boolean, cut = 0): Uint8Array {
  const ch = { 0: 1, 2: 3, 6: 4 }[colorType];
  const raw = scanlines(px, w, h, ch, interlaced);
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  ihdr.set([8, colorType, 0, 0, interlaced ? 1 : 0], 8);
  const idat = deflateSync(raw.subarray(0, raw.length - cut));
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...chunk('IHDR', ihdr), ...chunk('IDAT', idat), ...chunk('IEND', new Uint8Array(0))]);
}

const image = fc.record({
  w: fc.integer({ min: 1, max: 19 }),
  h: fc.integer({ min: 1, max: 19 }),
  colorType: fc.constantFrom<0 | 2 | 6>(0, 2, 6),
  interlaced: fc.boolean(),
  seed: fc.nat(),
});

function pixels(n: number, seed: number): Uint8Array {
  let s = seed >>> 0 || 1;
  return Uint8Array.from({ length: n }, () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) >>> 24));
}

describe('decodeImage on PNG image data of the wrong length', () => {
  it('a header-only PNG (no IDAT) is E_DECODE, never pixels from memory', async () => {
    const none = png(new Uint8Array(16 * 3), 16, 1, 2, false);
    const idat = none.indexOf(0x49, 33); // the "I" of IDAT after IHDR
    const noIdat = Uint8Array.from([...none.subarray(0, idat - 4), ...none.subarray(none.length - 12)]);
    expect(await codeOf(() => decodeImage(noIdat))).toBe('E_DECODE');
  });

  it('decodes whole images exactly and refuses any truncated scanline data (plain and Adam7, grey/RGB/RGBA)', () => {
    fc.assert(fc.property(image, fc.integer({ min: 1, max: 40 }), ({ w, h, colorType, interlaced, seed }, cut) => {
      const ch = { 0: 1, 2: 3, 6: 4 }[colorType];
      const px = pixels(w * h * ch, seed);
      const img = decodeImage(png(px, w, h, colorType, interlaced));
      expect([img.width, img.height, img.channels]).toEqual([w, h, ch]);
      expect(Array.from(img.data)).toEqual(Array.from(px));
      const total = scanlines(px, w, h, ch, interlaced).length;
      const bytes = png(px, w, h, colorType, interlaced, Math.min(cut, total));
      expect(() => decodeImage(bytes)).toThrow(expect.objectContaining({ code: 'E_DECODE' }));
    }), { seed: 42, numRuns: 200 });
  });
});
