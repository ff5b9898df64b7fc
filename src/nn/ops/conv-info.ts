/**
 * Window geometry for conv / depthwise / pooling, with TF.js's padding rules
 * (tfjs-core `ops/conv_util.ts` computeConv2DInfo / getPadAndOutInfo):
 * - 'same': out = ceil(in / stride); total pad = max(0, (out-1)*stride + effF - in), and the odd
 *   pixel goes to the bottom/right (top = floor(total / 2)).
 * - 'valid': out = ceil((in - effF + 1) / stride), no padding.
 * - explicit: out = floor((in + before + after - effF) / stride) + 1.
 * effF = (f - 1) * dilation + 1 is the dilated filter extent.
 */
import { check } from '../../core/errors.js';
import type { Conv2DInfo, Padding } from './names.js';

export interface WindowSpec {
  filterH: number;
  filterW: number;
  strides: number | readonly [number, number];
  dilations: number | readonly [number, number];
  pad: Padding;
}

function pair(v: number | readonly [number, number], fn: string, name: string): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  check(
    Array.isArray(v) ? v.length === 2 : typeof v === 'number',
    fn,
    `${name} must be a number or [h, w], got ${JSON.stringify(v)}`,
  );
  check(Number.isInteger(p[0]) && p[0] >= 1 && Number.isInteger(p[1]) && p[1] >= 1, fn, `${name} must be positive integers, got ${JSON.stringify(v)}`);
  return p;
}

/**
 * Normalises a window over an NHWC input of shape [batch, inH, inW, inC].
 * requires: filter sizes >= 1. ensures: outH, outW >= 0; pads >= 0.
 * Throws E_BAD_ARGUMENT (naming `fn`) for bad strides/dilations/padding.
 */
export function computeConvInfo(
  inShape: readonly number[],
  spec: WindowSpec,
  outC: number,
  fn: string,
): Conv2DInfo {
  const [batch, inH, inW, inC] = inShape;
  const [strideH, strideW] = pair(spec.strides, fn, 'strides');
  const [dilationH, dilationW] = pair(spec.dilations, fn, 'dilations');
  const { filterH, filterW } = spec;
  check(Number.isInteger(filterH) && filterH >= 1 && Number.isInteger(filterW) && filterW >= 1, fn, `filter size must be positive integers, got ${filterH}x${filterW}`);
  const effH = (filterH - 1) * dilationH + 1;
  const effW = (filterW - 1) * dilationW + 1;
  let outH: number, outW: number, padTop: number, padBottom: number, padLeft: number, padRight: number;
  const pad = spec.pad;
  if (pad === 'same') {
    outH = Math.ceil(inH / strideH);
    outW = Math.ceil(inW / strideW);
    const totalH = Math.max(0, (outH - 1) * strideH + effH - inH);
    const totalW = Math.max(0, (outW - 1) * strideW + effW - inW);
    padTop = Math.floor(totalH / 2);
    padBottom = totalH - padTop;
    padLeft = Math.floor(totalW / 2);
    padRight = totalW - padLeft;
  } else if (pad === 'valid') {
    outH = Math.max(0, Math.ceil((inH - effH + 1) / strideH));
    outW = Math.max(0, Math.ceil((inW - effW + 1) / strideW));
    padTop = padBottom = padLeft = padRight = 0;
  } else {
    const p = typeof pad === 'number' ? { top: pad, bottom: pad, left: pad, right: pad } : pad;
    check(
      p !== null && typeof p === 'object' && [p.top, p.bottom, p.left, p.right].every((v) => Number.isInteger(v) && v >= 0),
      fn,
      `pad must be 'same', 'valid', a non-negative integer or {top, bottom, left, right}, got ${JSON.stringify(pad)}`,
    );
    ({ top: padTop, bottom: padBottom, left: padLeft, right: padRight } = p);
    outH = Math.max(0, Math.floor((inH + padTop + padBottom - effH) / strideH) + 1);
    outW = Math.max(0, Math.floor((inW + padLeft + padRight - effW) / strideW) + 1);
  }
  return {
    batch, inH, inW, inC, outH, outW, outC, filterH, filterW,
    strideH, strideW, dilationH, dilationW, padTop, padLeft, padBottom, padRight,
  };
}
