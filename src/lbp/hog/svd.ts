/**
 * Singular value decomposition of a small dense matrix by one-sided Jacobi rotations
 * (Hestenes 1958; Demmel & Veselic 1992): rotate column pairs of A until all are orthogonal,
 * then A = U diag(s) V^T with s the column norms. Double precision; meant for dlib's 10x10 HOG
 * filters, where it agrees with dlib's `svd3` to ~1e-15 relative.
 */
export interface Svd {
  /** Singular values, descending. */
  s: Float64Array;
  /** Left singular vectors: column j is `u[i * k + j]` for i < rows (k = s.length). */
  u: Float64Array;
  /** Right singular vectors: column j is `v[i * k + j]` for i < cols. */
  v: Float64Array;
}

/**
 * requires: a has rows*cols finite entries (row-major), rows >= cols >= 1.
 * ensures: k = cols singular values; sum_j s[j] u[:,j] v[:,j]^T reproduces a to rounding error;
 *          a zero singular value gets a zero u column.
 */
export function svdJacobi(a: ArrayLike<number>, rows: number, cols: number): Svd {
  const m = rows;
  const n = cols;
  const w = Float64Array.from({ length: m * n }, (_, i) => a[i]!);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!;
          const y = w[i * n + q]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = w[i * n + p]!;
          const y = w[i * n + q]!;
          w[i * n + p] = c * x - s * y;
          w[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p]!;
          const y = v[i * n + q]!;
          v[i * n + p] = c * x - s * y;
          v[i * n + q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let ss = 0;
    for (let i = 0; i < m; i++) ss += w[i * n + j]! ** 2;
    norms[j] = Math.sqrt(ss);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const s = new Float64Array(n);
  const u = new Float64Array(m * n);
  const vv = new Float64Array(n * n);
  order.forEach((j, k) => {
    const sj = norms[j]!;
    s[k] = sj;
    for (let i = 0; i < m; i++) u[i * n + k] = sj > 0 ? w[i * n + j]! / sj : 0;
    for (let i = 0; i < n; i++) vv[i * n + k] = v[i * n + j]!;
  });
  return { s, u, v: vv };
}
