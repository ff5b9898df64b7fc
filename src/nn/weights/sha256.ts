/**
 * SHA-256 in plain TypeScript (FIPS 180-4), so the weights loader can verify files in any JS
 * runtime without importing `node:crypto` or awaiting WebCrypto. Speed is ~100 MB/s on V8,
 * enough for the ~13 MB of facets' weights.
 */

// FIPS 180-4 sec. 4.2.2: first 32 bits of the fractional parts of the cube roots of the first
// 64 primes. Derived at module load instead of pasted as a table, so the origin is visible.
const K = deriveRoundConstants();

function deriveRoundConstants(): Uint32Array {
  const out = new Uint32Array(64);
  let n = 0;
  for (let p = 2; n < 64; p++) {
    if (!isPrime(p)) continue;
    out[n++] = fracBits(Math.cbrt(p));
  }
  return out;
}

// FIPS 180-4 sec. 5.3.3: initial hash = fractional parts of the square roots of the first 8 primes.
function initialHash(): Uint32Array {
  const primes = [2, 3, 5, 7, 11, 13, 17, 19];
  return Uint32Array.from(primes, (p) => fracBits(Math.sqrt(p)));
}

function isPrime(p: number): boolean {
  for (let d = 2; d * d <= p; d++) if (p % d === 0) return false;
  return true;
}

/** First 32 bits of the fractional part; exact because doubles carry 52 fraction bits. */
function fracBits(x: number): number {
  return Math.floor((x - Math.floor(x)) * 0x100000000) >>> 0;
}

function compress(h: Uint32Array, w: Uint32Array, block: DataView, offset: number): void {
  for (let t = 0; t < 16; t++) w[t] = block.getUint32(offset + 4 * t, false);
  for (let t = 16; t < 64; t++) {
    const a = w[t - 15];
    const b = w[t - 2];
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
  }
  let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (k + S1 + ch + K[t] + w[t]) >>> 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) >>> 0;
    k = g; g = f; f = e; e = (d + t1) >>> 0;
    d = c; c = b; b = a; a = (t1 + t2) >>> 0;
  }
  h[0] = (h[0] + a) >>> 0; h[1] = (h[1] + b) >>> 0; h[2] = (h[2] + c) >>> 0; h[3] = (h[3] + d) >>> 0;
  h[4] = (h[4] + e) >>> 0; h[5] = (h[5] + f) >>> 0; h[6] = (h[6] + g) >>> 0; h[7] = (h[7] + k) >>> 0;
}

/**
 * SHA-256 digest of `bytes` as 64 lowercase hex characters.
 * requires: bytes.length < 2^53 / 8.
 * ensures: equals `createHash('sha256').update(bytes).digest('hex')` of node:crypto.
 */
export function sha256Hex(bytes: Uint8Array): string {
  const h = initialHash();
  const w = new Uint32Array(64);
  const whole = bytes.length - (bytes.length % 64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let off = 0; off < whole; off += 64) compress(h, w, view, off);

  // FIPS 180-4 sec. 5.1.1: append 0x80, zeros, then the bit length as a 64-bit big-endian integer.
  const rest = bytes.length - whole;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(bytes.subarray(whole));
  tail[rest] = 0x80;
  const tailView = new DataView(tail.buffer);
  const bitLength = bytes.length * 8;
  tailView.setUint32(tail.length - 8, Math.floor(bitLength / 0x100000000), false);
  tailView.setUint32(tail.length - 4, bitLength >>> 0, false);
  for (let off = 0; off < tail.length; off += 64) compress(h, w, tailView, off);

  let hex = '';
  for (let i = 0; i < 8; i++) hex += h[i].toString(16).padStart(8, '0');
  return hex;
}
