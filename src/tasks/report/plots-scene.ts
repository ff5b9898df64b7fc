import { check } from '../../core/errors.js';
import { drawLine, drawText, setPixel, textWidth } from '../../image/draw.js';
import { createImage, type Image } from '../../image/image.js';
import { escapeXml as esc } from './svg.js';

/**
 * A chart as a list of drawing primitives in pixel coordinates, rendered either as an SVG
 * string or as a raster Image (facets' own line drawing and 3x5 font): one description, two
 * outputs that show the same thing, so a terminal-free run gets a PNG of the same chart.
 */
export type Rgb = readonly [number, number, number];

export type Shape =
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: Rgb }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: Rgb; width?: number }
  | { kind: 'polyline'; points: readonly (readonly [number, number])[]; stroke: Rgb; width?: number }
  /** `y` is the vertical centre of the text. */
  | { kind: 'text'; x: number; y: number; text: string; color: Rgb; anchor?: 'start' | 'middle' | 'end' };

export interface Scene { width: number; height: number; background: Rgb; shapes: Shape[] }

const rgb = (c: Rgb): string => `rgb(${c[0]},${c[1]},${c[2]})`;
const n = (v: number): string => (Math.round(v * 10) / 10).toString();

/** The scene as a standalone SVG document (no script, no external reference). */
export function sceneToSvg(s: Scene): string {
  const body = s.shapes.map((p) => {
    switch (p.kind) {
      case 'rect':
        return `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.width)}" height="${n(p.height)}" fill="${rgb(p.fill)}"/>`;
      case 'line':
        return `<line x1="${n(p.x1)}" y1="${n(p.y1)}" x2="${n(p.x2)}" y2="${n(p.y2)}" stroke="${rgb(p.stroke)}" stroke-width="${p.width ?? 1}"/>`;
      case 'polyline':
        return `<polyline fill="none" stroke="${rgb(p.stroke)}" stroke-width="${p.width ?? 1}" points="${p.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}"/>`;
      case 'text': {
        const anchor = p.anchor ?? 'start';
        return `<text x="${n(p.x)}" y="${n(p.y)}" fill="${rgb(p.color)}" text-anchor="${anchor}" dominant-baseline="middle">${esc(p.text)}</text>`;
      }
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${s.width}" height="${s.height}" viewBox="0 0 ${s.width} ${s.height}" font-family="sans-serif" font-size="11">`
    + `<rect x="0" y="0" width="${s.width}" height="${s.height}" fill="${rgb(s.background)}"/>${body.join('')}</svg>`;
}

function fillRect(img: Image, x: number, y: number, w: number, h: number, c: Rgb): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(img.width, Math.round(x + w));
  const y1 = Math.min(img.height, Math.round(y + h));
  for (let yy = y0; yy < y1; yy++) for (let xx = x0; xx < x1; xx++) setPixel(img, xx, yy, c);
}

/** Font pixel size of raster text: 3x5 glyphs at scale 2 are 10 px tall, about SVG's 11 px font. */
const TEXT_SCALE = 2;

/**
 * The scene rasterised to an RGB image of the scene's size.
 * requires: width, height integers >= 1.
 */
export function sceneToImage(s: Scene): Image {
  check(Number.isInteger(s.width) && s.width >= 1 && Number.isInteger(s.height) && s.height >= 1, 'sceneToImage', `size must be positive integers, got ${s.width}x${s.height}`);
  const img = createImage(s.width, s.height, 3);
  fillRect(img, 0, 0, s.width, s.height, s.background);
  for (const p of s.shapes) {
    if (p.kind === 'rect') fillRect(img, p.x, p.y, p.width, p.height, p.fill);
    else if (p.kind === 'line') drawLine(img, p.x1, p.y1, p.x2, p.y2, p.stroke, p.width ?? 1);
    else if (p.kind === 'polyline') {
      for (let i = 1; i < p.points.length; i++) drawLine(img, p.points[i - 1]![0], p.points[i - 1]![1], p.points[i]![0], p.points[i]![1], p.stroke, p.width ?? 1);
    } else {
      const w = textWidth(p.text, TEXT_SCALE);
      const x = p.anchor === 'middle' ? p.x - w / 2 : p.anchor === 'end' ? p.x - w : p.x;
      drawText(img, x, p.y - (5 * TEXT_SCALE) / 2, p.text, p.color, TEXT_SCALE);
    }
  }
  return img;
}
