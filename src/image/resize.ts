import { check } from '../core/errors.js';
import { assertImage, type Image } from './image.js';
import { roundHalfEven, saturateU8 } from './round.js';

/** Interpolations of {@link resize}: OpenCV's INTER_LINEAR and INTER_AREA. */
export type ResizeInterpolation = 'bilinear' | 'area';

const COEF_BITS = 11; // INTER_RESIZE_COEF_BITS
const COEF_SCALE = 1 << COEF_BITS;
const f32 = Math.fround;

/**
 * Resizes an 8-bit image bit-exactly as OpenCV 4.6 `cv::resize` does on x86-64.
 *
 * - 'bilinear' = INTER_LINEAR: pixel-centre mapping `sx = (dx + 0.5) * scale - 0.5`, 11-bit
 *   fixed-point weights, clamped borders; an exact 2x downscale is done as INTER_AREA, as
 *   OpenCV does.
 * - 'area' = INTER_AREA: pixel-area averaging when shrinking (a fast integer-block path for
 *   integer factors), and OpenCV's area-mode linear weights when enlarging.
 *
 * requires: width, height >= 1 integers; img non-empty.
 * ensures: the same size returns a copy of img.
 */
export function resize(img: Image, width: number, height: number, interpolation: ResizeInterpolation = 'bilinear'): Image {
  assertImage(img, 'resize');
  check(Number.isInteger(width) && width >= 1, 'resize', `width must be a positive integer, got ${width}`);
  check(Number.isInteger(height) && height >= 1, 'resize', `height must be a positive integer, got ${height}`);
  check(img.width >= 1 && img.height >= 1, 'resize', `cannot resize an empty ${img.width}x${img.height} image`);
  check(interpolation === 'bilinear' || interpolation === 'area', 'resize', `interpolation must be 'bilinear' or 'area', got ${String(interpolation)}`);
  if (width === img.width && height === img.height) return { ...img, data: new Uint8ClampedArray(img.data) };

  const scaleX = 1 / (width / img.width);
  const scaleY = 1 / (height / img.height);
  const iscaleX = Math.round(scaleX);
  const iscaleY = Math.round(scaleY);
  const areaFast = Math.abs(scaleX - iscaleX) < Number.EPSILON && Math.abs(scaleY - iscaleY) < Number.EPSILON;
  let mode = interpolation;
  if (mode === 'bilinear' && areaFast && iscaleX === 2 && iscaleY === 2) mode = 'area';
  if (mode === 'area' && scaleX >= 1 && scaleY >= 1) {
    return areaFast ? resizeAreaFast(img, width, height, iscaleX, iscaleY) : resizeArea(img, width, height, scaleX, scaleY);
  }
  return resizeLinear(img, width, height, scaleX, scaleY, mode === 'area');
}

/** Source index and 11-bit weights per destination index (cv::resize's xofs/ialpha tables). */
function linearTable(dsize: number, ssize: number, scale: number, areaMode: boolean, clampIndex: boolean) {
  const ofs = new Int32Array(dsize);
  const w0 = new Int32Array(dsize);
  const w1 = new Int32Array(dsize);
  const inv = 1 / scale;
  for (let d = 0; d < dsize; d++) {
    let s: number;
    let f: number;
    if (!areaMode) {
      f = f32((d + 0.5) * scale - 0.5);
      s = Math.floor(f);
      f = f32(f - s);
    } else {
      s = Math.floor(d * scale);
      f = f32(d + 1 - (s + 1) * inv);
      f = f <= 0 ? 0 : f32(f - Math.floor(f));
    }
    if (clampIndex) {
      if (s < 0) { f = 0; s = 0; }
      if (s >= ssize - 1) { f = 0; s = ssize - 1; }
    }
    ofs[d] = s;
    w0[d] = roundHalfEven(f32(1 - f) * COEF_SCALE);
    w1[d] = roundHalfEven(f * COEF_SCALE);
  }
  return { ofs, w0, w1 };
}

function resizeLinear(img: Image, dw: number, dh: number, scaleX: number, scaleY: number, areaMode: boolean): Image {
  const { width: sw, height: sh, channels: cn, data: src } = img;
  const xt = linearTable(dw, sw, scaleX, areaMode, true);
  const yt = linearTable(dh, sh, scaleY, areaMode, false);
  const rowLen = dw * cn;
  const out = new Uint8ClampedArray(rowLen * dh);
  const rows = [new Int32Array(rowLen), new Int32Array(rowLen)];
  const rowOf = [-1, -1];
  const hresize = (sy: number, dst: Int32Array): void => {
    const base = sy * sw * cn;
    for (let dx = 0; dx < dw; dx++) {
      const sx = xt.ofs[dx]!;
      const a0 = xt.w0[dx]!;
      const a1 = xt.w1[dx]!;
      const p = base + sx * cn;
      for (let k = 0; k < cn; k++) {
        dst[dx * cn + k] = sx >= sw - 1 ? src[p + k]! * COEF_SCALE : src[p + k]! * a0 + src[p + k + cn]! * a1;
      }
    }
  };
  for (let dy = 0; dy < dh; dy++) {
    const sy = yt.ofs[dy]!;
    const r0 = Math.min(Math.max(sy, 0), sh - 1);
    const r1 = Math.min(Math.max(sy + 1, 0), sh - 1);
    for (const [slot, r] of [[0, r0], [1, r1]] as const) {
      if (rowOf[slot] !== r) {
        const other = 1 - slot;
        if (rowOf[other] === r) rows[slot]!.set(rows[other]!);
        else hresize(r, rows[slot]!);
        rowOf[slot] = r;
      }
    }
    const S0 = rows[0]!;
    const S1 = rows[1]!;
    const b0 = yt.w0[dy]!;
    const b1 = yt.w1[dy]!;
    const o = dy * rowLen;
    // OpenCV's SIMD VResizeLinearVec_32s8u rounds in 16-bit steps, ((S>>4)*b >> 16) per tap then
    // (+2) >> 2, not as the exact 22-bit sum its scalar loop uses; the fixtures show the SIMD
    // rounding on every column (OpenCV pads its row buffers), so facets uses it throughout.
    for (let x = 0; x < rowLen; x++) {
      out[o + x] = ((((S0[x]! >> 4) * b0) >> 16) + (((S1[x]! >> 4) * b1) >> 16) + 2) >> 2;
    }
  }
  return { width: dw, height: dh, channels: cn, data: out };
}

/** INTER_AREA for integer factors (OpenCV resizeAreaFast_): block means. */
function resizeAreaFast(img: Image, dw: number, dh: number, fx: number, fy: number): Image {
  const { width: sw, channels: cn, data: src } = img;
  const out = new Uint8ClampedArray(dw * dh * cn);
  const area = fx * fy;
  const scale = f32(1 / area);
  // The 2x2 SIMD kernel (and its scalar tail) rounds as (sum + 2) >> 2.
  const twoByTwo = fx === 2 && fy === 2;
  for (let dy = 0; dy < dh; dy++) {
    for (let dx = 0; dx < dw; dx++) {
      for (let k = 0; k < cn; k++) {
        let sum = 0;
        for (let j = 0; j < fy; j++) {
          const row = (dy * fy + j) * sw;
          for (let i = 0; i < fx; i++) sum += src[(row + dx * fx + i) * cn + k]!;
        }
        out[(dy * dw + dx) * cn + k] = twoByTwo ? (sum + 2) >> 2 : saturateU8(f32(sum * scale));
      }
    }
  }
  return { width: dw, height: dh, channels: cn, data: out };
}

interface AreaTab { d: Int32Array; s: Int32Array; a: Float32Array; n: number }

/** OpenCV computeResizeAreaTab: each source cell's share of each destination cell. */
function areaTable(ssize: number, dsize: number, scale: number): AreaTab {
  const d: number[] = [];
  const s: number[] = [];
  const a: number[] = [];
  for (let dx = 0; dx < dsize; dx++) {
    const fsx1 = dx * scale;
    const fsx2 = fsx1 + scale;
    const cellWidth = Math.min(scale, ssize - fsx1);
    let sx1 = Math.ceil(fsx1);
    let sx2 = Math.floor(fsx2);
    sx2 = Math.min(sx2, ssize - 1);
    sx1 = Math.min(sx1, sx2);
    if (sx1 - fsx1 > 1e-3) { d.push(dx); s.push(sx1 - 1); a.push((sx1 - fsx1) / cellWidth); }
    for (let sx = sx1; sx < sx2; sx++) { d.push(dx); s.push(sx); a.push(1 / cellWidth); }
    if (fsx2 - sx2 > 1e-3) { d.push(dx); s.push(sx2); a.push(Math.min(Math.min(fsx2 - sx2, 1), cellWidth) / cellWidth); }
  }
  return { d: Int32Array.from(d), s: Int32Array.from(s), a: Float32Array.from(a), n: d.length };
}

/** INTER_AREA for non-integer shrink factors (OpenCV resizeArea_), float32 accumulation. */
function resizeArea(img: Image, dw: number, dh: number, scaleX: number, scaleY: number): Image {
  const { width: sw, height: sh, channels: cn, data: src } = img;
  const xt = areaTable(sw, dw, scaleX);
  const yt = areaTable(sh, dh, scaleY);
  const rowLen = dw * cn;
  const out = new Uint8ClampedArray(rowLen * dh);
  const buf = new Float32Array(rowLen);
  const sum = new Float32Array(rowLen);
  let prevDy = yt.d[0]!;
  const flush = (dy: number): void => {
    for (let x = 0; x < rowLen; x++) out[dy * rowLen + x] = saturateU8(sum[x]!);
  };
  for (let j = 0; j < yt.n; j++) {
    const dy = yt.d[j]!;
    const sy = yt.s[j]!;
    const beta = yt.a[j]!;
    buf.fill(0);
    const base = sy * sw * cn;
    for (let k = 0; k < xt.n; k++) {
      const dxn = xt.d[k]! * cn;
      const sxn = base + xt.s[k]! * cn;
      const alpha = xt.a[k]!;
      for (let c = 0; c < cn; c++) buf[dxn + c] = f32(buf[dxn + c]! + f32(src[sxn + c]! * alpha));
    }
    if (dy !== prevDy) {
      flush(prevDy);
      for (let x = 0; x < rowLen; x++) sum[x] = f32(beta * buf[x]!);
      prevDy = dy;
    } else {
      for (let x = 0; x < rowLen; x++) sum[x] = f32(sum[x]! + f32(beta * buf[x]!));
    }
  }
  flush(prevDy);
  return { width: dw, height: dh, channels: cn, data: out };
}
