import { check } from '../core/errors.js';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyph } from './font.js';
import { assertImage, type Box, type Image } from './image.js';

/** A colour as RGB(A) components 0..255; on a grey image the first component is used. */
export type Color = readonly [number, number, number] | readonly [number, number, number, number];

/** Sets one pixel if it lies inside the image. mutates: img. */
export function setPixel(img: Image, x: number, y: number, color: Color): void {
  x = Math.round(x);
  y = Math.round(y);
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return;
  const o = (y * img.width + x) * img.channels;
  for (let k = 0; k < img.channels; k++) img.data[o + k] = k < color.length ? color[k]! : 255;
}

/** Draws a line segment (Bresenham). mutates: img. */
export function drawLine(img: Image, x0: number, y0: number, x1: number, y1: number, color: Color, thickness = 1): void {
  assertImage(img, 'drawLine');
  check([x0, y0, x1, y1].every(Number.isFinite), 'drawLine', 'coordinates must be finite');
  let x = Math.round(x0);
  let y = Math.round(y0);
  const xe = Math.round(x1);
  const ye = Math.round(y1);
  const dx = Math.abs(xe - x);
  const dy = -Math.abs(ye - y);
  const sx = x < xe ? 1 : -1;
  const sy = y < ye ? 1 : -1;
  let err = dx + dy;
  const r = Math.floor((thickness - 1) / 2);
  for (;;) {
    for (let oy = -r; oy <= r; oy++) for (let ox = -r; ox <= r; ox++) setPixel(img, x + ox, y + oy, color);
    if (x === xe && y === ye) break;
    const e2 = 2 * err;
    if (e2 >= dy) { err += dy; x += sx; }
    if (e2 <= dx) { err += dx; y += sy; }
  }
}

/** Draws the outline of a box. mutates: img. */
export function drawBox(img: Image, box: Box, color: Color, thickness = 2): void {
  const { x, y, width: w, height: h } = box;
  drawLine(img, x, y, x + w - 1, y, color, thickness);
  drawLine(img, x + w - 1, y, x + w - 1, y + h - 1, color, thickness);
  drawLine(img, x + w - 1, y + h - 1, x, y + h - 1, color, thickness);
  drawLine(img, x, y + h - 1, x, y, color, thickness);
}

/** Draws a filled disc (a landmark). mutates: img. */
export function drawPoint(img: Image, cx: number, cy: number, color: Color, radius = 1): void {
  assertImage(img, 'drawPoint');
  for (let y = -radius; y <= radius; y++) for (let x = -radius; x <= radius; x++) if (x * x + y * y <= radius * radius + radius) setPixel(img, cx + x, cy + y, color);
}

/** Draws text with the built-in 3x5 font, each font pixel `scale` pixels wide. mutates: img. */
export function drawText(img: Image, x: number, y: number, text: string, color: Color, scale = 2): void {
  assertImage(img, 'drawText');
  check(Number.isInteger(scale) && scale >= 1, 'drawText', `scale must be a positive integer, got ${scale}`);
  let cx = Math.round(x);
  for (const ch of text) {
    const bits = glyph(ch);
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (!bits[gy * GLYPH_WIDTH + gx]) continue;
        for (let sy = 0; sy < scale; sy++) for (let sx = 0; sx < scale; sx++) setPixel(img, cx + gx * scale + sx, Math.round(y) + gy * scale + sy, color);
      }
    }
    cx += (GLYPH_WIDTH + 1) * scale;
  }
}

/** Width in pixels of `text` drawn by {@link drawText} at `scale`. */
export function textWidth(text: string, scale = 2): number {
  return text.length === 0 ? 0 : text.length * (GLYPH_WIDTH + 1) * scale - scale;
}
