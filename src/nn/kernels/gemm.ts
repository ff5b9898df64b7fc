/**
 * Packed, register-blocked SGEMM in plain TypeScript: C[M,N] = A[M,K] @ B[K,N] + bias, row-major.
 * B is packed once into column panels of NR = 4 (Bp[panel][k][0..3], zero-padded), so the inner
 * loop reads B contiguously; A is read as MR = 2 row streams. The 2x4 block of accumulators stays
 * in registers across the whole K loop (the GotoBLAS / BLIS micro-kernel idea: Goto & van de
 * Geijn 2008, sec. 4; BLIS "Anatomy of high-performance GEMM"). Accumulation is in float64 (JS
 * numbers), rounded once on store.
 */

export const NR = 4;

/** B [K, N] row-major (e.g. an HWIO filter viewed as [fh*fw*inC, outC]) packed into NR-wide panels. */
export interface PackedB {
  k: number;
  n: number;
  panels: number;
  data: Float32Array;
}

/** Packs B [k, n] (or B^T when `transposed`, i.e. b is [n, k]). ensures: zero columns beyond n. */
export function packB(b: Float32Array, k: number, n: number, transposed = false): PackedB {
  const panels = Math.ceil(n / NR);
  const data = new Float32Array(panels * k * NR);
  for (let p = 0; p < panels; p++) {
    const base = p * k * NR;
    for (let j = 0; j < NR; j++) {
      const col = p * NR + j;
      if (col >= n) continue;
      for (let kk = 0; kk < k; kk++) data[base + kk * NR + j] = transposed ? b[col * k + kk] : b[kk * n + col];
    }
  }
  return { k, n, panels, data };
}

const packCache = new WeakMap<Float32Array, PackedB>();

/**
 * packB memoised per weight buffer: model weights are packed on first use only.
 * requires: the caller never mutates `b` after packing (weights are immutable in facets).
 */
export function packedWeights(b: Float32Array, k: number, n: number): PackedB {
  const hit = packCache.get(b);
  if (hit && hit.k === k && hit.n === n) return hit;
  const p = packB(b, k, n);
  packCache.set(b, p);
  return p;
}

/**
 * C rows [rowStart, rowEnd) of A @ B + bias. A row r starts at a[aOffset + r * lda].
 * requires: c has room for rowEnd * n values; bias null or length n.
 * mutates: c (overwrites those rows).
 */
export function gemm(
  a: Float32Array, aOffset: number, lda: number,
  bp: PackedB, bias: Float32Array | null,
  c: Float32Array, rowStart: number, rowEnd: number,
): void {
  const { k: K, n: N, panels, data: B } = bp;
  const z = biasPanels(bias, N, panels);
  let i = rowStart;
  // MR = 2 rows x NR = 4 columns: 8 accumulators + 2 A + 4 B values fit x86-64's 16 float
  // registers; a 4x4 block spills in V8 (measured on the 2-core EPYC dev machine, 1225x288x32,
  // CPU time: 2x4 2.8 GFLOP/s, 1x8 2.4, 3x4 2.7, 4x4 0.8, naive triple loop 0.7-0.9).
  // The K loops step by a literal 4, not NR: reading an exported module const costs V8 a
  // context load + hole check per iteration (measured 1.4-1.9 -> 2.2-3.1 GFLOP/s).
  for (; i + 2 <= rowEnd; i += 2) {
    const a0 = aOffset + i * lda, a1 = a0 + lda;
    for (let p = 0; p < panels; p++) {
      const j0 = p * NR;
      let c00 = z[j0], c01 = z[j0 + 1], c02 = z[j0 + 2], c03 = z[j0 + 3];
      let c10 = c00, c11 = c01, c12 = c02, c13 = c03;
      let bo = p * K * 4;
      for (let kk = 0; kk < K; kk++, bo += 4) {
        const x0 = a[a0 + kk], x1 = a[a1 + kk];
        const b0 = B[bo], b1 = B[bo + 1], b2 = B[bo + 2], b3 = B[bo + 3];
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
      }
      const o = i * N + j0;
      if (j0 + NR <= N) {
        c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03;
        c[o + N] = c10; c[o + N + 1] = c11; c[o + N + 2] = c12; c[o + N + 3] = c13;
      } else {
        store4(c, o, N - j0, c00, c01, c02, c03);
        store4(c, o + N, N - j0, c10, c11, c12, c13);
      }
    }
  }
  // Scalar tail: the last row when the count is odd.
  for (; i < rowEnd; i++) {
    const a0 = aOffset + i * lda;
    for (let p = 0; p < panels; p++) {
      const j0 = p * NR;
      let c0 = z[j0], c1 = z[j0 + 1], c2 = z[j0 + 2], c3 = z[j0 + 3];
      let bo = p * K * 4;
      for (let kk = 0; kk < K; kk++, bo += 4) {
        const x0 = a[a0 + kk];
        c0 += x0 * B[bo]; c1 += x0 * B[bo + 1]; c2 += x0 * B[bo + 2]; c3 += x0 * B[bo + 3];
      }
      store4(c, i * N + j0, N - j0, c0, c1, c2, c3);
    }
  }
}

/** The bias zero-padded to whole panels (so the micro-kernel never tests for the edge). */
function biasPanels(bias: Float32Array | null, n: number, panels: number): Float32Array {
  const z = new Float32Array(panels * NR);
  if (bias) z.set(bias.subarray(0, n));
  return z;
}

function store4(c: Float32Array, o: number, left: number, v0: number, v1: number, v2: number, v3: number): void {
  if (left >= 4) { c[o] = v0; c[o + 1] = v1; c[o + 2] = v2; c[o + 3] = v3; return; }
  c[o] = v0;
  if (left > 1) c[o + 1] = v1;
  if (left > 2) c[o + 2] = v2;
}
