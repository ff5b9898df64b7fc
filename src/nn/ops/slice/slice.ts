/**
 * Public slice and stridedSlice. stridedSlice follows TF.js/TensorFlow's StridedSlice for
 * begin/end/strides with beginMask/endMask/shrinkAxisMask (bit d set = ignore begin[d] / end[d] /
 * drop axis d); ellipsis and new-axis masks are not supported (E_UNSUPPORTED).
 */
import { FacetsError, check } from '../../../core/errors.js';
import { currentBackend } from '../../backend.js';
import { assertTensor, type Tensor } from '../../tensor.js';

export interface StridedSliceOptions {
  beginMask?: number;
  endMask?: number;
  shrinkAxisMask?: number;
  ellipsisMask?: number;
  newAxisMask?: number;
}

/**
 * Strided slice; begin/end/strides may be shorter than the rank (missing axes are taken whole).
 * ensures: TensorFlow's clamping of out-of-range begin/end; negative indices count from the end.
 */
export function stridedSlice(
  x: Tensor,
  begin: readonly number[],
  end: readonly number[],
  strides?: readonly number[],
  opts: StridedSliceOptions = {},
): Tensor {
  const fn = 'stridedSlice';
  assertTensor(x, fn, 'x');
  if (opts.ellipsisMask || opts.newAxisMask) throw new FacetsError('E_UNSUPPORTED', `${fn}: ellipsisMask and newAxisMask are not supported`);
  const rank = x.shape.length;
  const st = strides ?? begin.map(() => 1);
  check(begin.length <= rank && end.length === begin.length && st.length === begin.length, fn, `begin, end and strides must have equal lengths <= rank ${rank}`);
  const b0: number[] = [], s0: number[] = [], outShape: number[] = [], finalShape: number[] = [];
  for (let d = 0; d < rank; d++) {
    const n = x.shape[d];
    const s = d < st.length ? st[d] : 1;
    check(Number.isInteger(s) && s !== 0, fn, `strides must be non-zero integers, got ${JSON.stringify(strides)}`);
    const bit = 1 << d;
    if (d < begin.length && (opts.shrinkAxisMask ?? 0) & bit) {
      const i = begin[d] < 0 ? begin[d] + n : begin[d];
      check(Number.isInteger(i) && i >= 0 && i < n, fn, `shrink index ${begin[d]} is out of range for axis ${d} of size ${n}`);
      b0.push(i); s0.push(1); outShape.push(1);
      continue;
    }
    const resolve = (v: number | undefined, masked: boolean, isBegin: boolean): number => {
      // TensorFlow strided_slice_op.cc: masked or absent ends take the full range in the stride's direction.
      if (v === undefined || masked) return isBegin ? (s > 0 ? 0 : n - 1) : s > 0 ? n : -1;
      check(Number.isInteger(v), fn, `begin/end must be integers, got ${v}`);
      const w = v < 0 ? v + n : v;
      return s > 0 ? Math.min(Math.max(w, 0), n) : Math.min(Math.max(w, -1), n - 1);
    };
    const bb = resolve(d < begin.length ? begin[d] : undefined, ((opts.beginMask ?? 0) & bit) !== 0, true);
    const ee = resolve(d < end.length ? end[d] : undefined, ((opts.endMask ?? 0) & bit) !== 0, false);
    const len = s > 0 ? Math.max(0, Math.ceil((ee - bb) / s)) : Math.max(0, Math.ceil((bb - ee) / -s));
    b0.push(len > 0 ? bb : 0); s0.push(s); outShape.push(len); finalShape.push(len);
  }
  const y = currentBackend().kernels.stridedSlice(x, b0, s0, outShape);
  return { shape: finalShape, data: y.data };
}

/** Contiguous slice (TF.js slice): size[d] = -1 takes the rest of axis d. */
export function slice(x: Tensor, begin: readonly number[], size: readonly number[]): Tensor {
  const fn = 'slice';
  assertTensor(x, fn, 'x');
  check(begin.length === x.shape.length && size.length === x.shape.length, fn, `begin and size must have one entry per axis (${x.shape.length})`);
  const end = begin.map((b, d) => {
    const sz = size[d] === -1 ? x.shape[d] - b : size[d];
    check(Number.isInteger(b) && b >= 0 && Number.isInteger(sz) && sz >= 0 && b + sz <= x.shape[d], fn, `begin ${b} size ${size[d]} is out of range for axis ${d} of size ${x.shape[d]}`);
    return b + sz;
  });
  return stridedSlice(x, begin, end);
}
