/**
 * The facets tensor: float32, row-major (C order), NHWC for images (the layout of TF.js weights).
 * A plain `{ shape, data }` object so tensors cross worker/JSON boundaries without a class.
 * Ops never mutate their inputs; a tensor's `data` may be shared by reshape-like views.
 * Treat tensors as immutable once built: the cpu backend caches packed weights per `data`
 * buffer (kernels/gemm.ts packedWeights), so writing into a buffer already used as a filter or
 * matMul operand would leave a stale packed copy.
 */
import ndarray from 'ndarray';
import { FacetsError, check } from '../core/errors.js';
import { assertImage, type Image } from '../image/image.js';

/** A float32 tensor. requires: data.length === product(shape), every dim a non-negative integer. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Largest element count one tensor may hold (2^28 floats = 1 GiB); guards against runaway shapes. */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;

/** Largest rank accepted; the models need at most 4 (NHWC) and a few 5-D reshapes. */
export const MAX_RANK = 8;

/** Element count of a shape. requires: shape already validated. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Throws E_BAD_ARGUMENT unless `shape` is a valid tensor shape; returns its element count. */
export function checkShape(shape: readonly number[], fn: string): number {
  check(Array.isArray(shape), fn, `shape must be an array, got ${String(shape)}`);
  check(shape.length <= MAX_RANK, fn, `rank ${shape.length} exceeds the maximum ${MAX_RANK}`);
  let n = 1;
  for (const d of shape) {
    check(Number.isInteger(d) && d >= 0, fn, `shape dims must be non-negative integers, got [${shape.join(', ')}]`);
    n *= d;
  }
  if (n > MAX_TENSOR_ELEMENTS) {
    throw new FacetsError('E_TOO_LARGE', `${fn}: shape [${shape.join(', ')}] has ${n} elements, more than ${MAX_TENSOR_ELEMENTS}`);
  }
  return n;
}

/**
 * A tensor over `data` (not copied when it is already a Float32Array).
 * requires: data.length === product(shape).
 * ensures: result.shape is a fresh frozen copy of `shape`.
 */
export function tensor(data: Float32Array | ArrayLike<number>, shape: readonly number[]): Tensor {
  const n = checkShape(shape, 'tensor');
  const f = data instanceof Float32Array ? data : Float32Array.from(data);
  check(f.length === n, 'tensor', `data has ${f.length} values, shape [${shape.join(', ')}] needs ${n}`);
  return { shape: Object.freeze([...shape]), data: f };
}

/** A zero-filled tensor. */
export function zeros(shape: readonly number[]): Tensor {
  const n = checkShape(shape, 'zeros');
  return { shape: Object.freeze([...shape]), data: new Float32Array(n) };
}

/** A tensor filled with `value`. */
export function fill(shape: readonly number[], value: number): Tensor {
  const t = zeros(shape);
  t.data.fill(value);
  return t;
}

/** A scalar (rank 0) tensor. */
export function scalar(value: number): Tensor {
  return tensor(new Float32Array([value]), []);
}

/** Trusted constructor for kernels: no validation. requires: data.length === product(shape). */
export function make(shape: readonly number[], data?: Float32Array): Tensor {
  return { shape: Object.freeze([...shape]), data: data ?? new Float32Array(sizeOf(shape)) };
}

/**
 * Throws E_BAD_ARGUMENT unless `t` is a well-formed Tensor (optionally of the given rank).
 * Public ops call this on every tensor argument; `name` is the argument's name in the message.
 */
export function assertTensor(t: Tensor, fn: string, name: string, rank?: number): void {
  if (t === null || typeof t !== 'object' || !(t.data instanceof Float32Array) || !Array.isArray(t.shape)) {
    throw new FacetsError('E_BAD_ARGUMENT', `${fn}: ${name} must be a Tensor {shape, data: Float32Array}, got ${describe(t)}`);
  }
  const n = checkShape(t.shape, fn);
  check(t.data.length === n, fn, `${name} has ${t.data.length} values but shape [${t.shape.join(', ')}] needs ${n}`);
  if (rank !== undefined) {
    check(t.shape.length === rank, fn, `${name} must have rank ${rank}, got shape [${t.shape.join(', ')}]`);
  }
}

function describe(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  return Object.prototype.toString.call(v);
}

/** Row-major strides of a shape, in elements. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

/** True when both shapes are equal. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** An ndarray view over the tensor's data (no copy), for interop with ndarray-ops. */
export function toNdarray(t: Tensor): ndarray.NdArray<Float32Array> {
  return ndarray(t.data, [...t.shape]);
}

/**
 * A tensor copied from an ndarray of any strides/dtype (values converted to float32).
 * ensures: result is C-contiguous with the ndarray's shape.
 */
export function fromNdarray(a: ndarray.NdArray): Tensor {
  const shape = [...a.shape];
  const n = checkShape(shape, 'fromNdarray');
  const out = new Float32Array(n);
  const strides = stridesOf(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    let r = i;
    for (let d = 0; d < shape.length; d++) {
      idx[d] = Math.floor(r / strides[d]);
      r -= idx[d] * strides[d];
    }
    out[i] = Number(a.get(...idx));
  }
  return { shape: Object.freeze(shape), data: out };
}

/** The tensor's values as nested plain arrays (small tensors only; for tests and reports). */
export function toArray(t: Tensor): number[] {
  return Array.from(t.data);
}

/**
 * Throws E_NUMERIC naming `fn` and the first bad index when `t` holds NaN or Infinity
 * (model runners call it on outputs so a bad input never yields a silent NaN result).
 */
export function assertFinite(t: Tensor, fn: string): void {
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      throw new FacetsError('E_NUMERIC', `${fn}: result has ${d[i]} at index ${i} of shape [${t.shape.join(', ')}]`);
    }
  }
}

/**
 * An 8-bit image as a float32 NHWC batch of one, values 0..255 (TF.js `tf.browser.fromPixels`
 * then `toFloat`). `channels` 3 drops alpha / repeats grey, 4 adds an opaque alpha; default keeps
 * the image's channels; 1 only from a grey image.
 * requires: a well-formed Image. ensures: shape [1, height, width, channels].
 */
export function imageToTensor(img: Image, channels?: 1 | 3 | 4): Tensor {
  assertImage(img, 'imageToTensor');
  const c = channels ?? img.channels;
  check(c === 1 || c === 3 || c === 4, 'imageToTensor', `channels must be 1, 3 or 4, got ${String(channels)}`);
  check(c !== 1 || img.channels === 1, 'imageToTensor', 'a colour image cannot become 1 channel here; call toGray first');
  const n = img.width * img.height;
  const out = make([1, img.height, img.width, c]);
  const src = img.data, sc = img.channels, d = out.data;
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < c; k++) {
      // Grey -> RGB repeats the grey value; a missing alpha is opaque (255).
      d[p * c + k] = k < sc ? src[p * sc + (sc === 1 ? 0 : k)] : sc === 1 && k < 3 ? src[p] : 255;
    }
  }
  return out;
}
