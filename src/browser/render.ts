/**
 * Drawing for the demo page: facets Images onto canvases, the detection box and landmarks, and
 * small bar charts for the descriptor and the emotion probabilities. DOM only; no facets state.
 */
import type { Point } from '../align/similarity.js';
import type { Box, Image } from '../image/image.js';

/** facets Image (grey, RGB or RGBA) -> ImageData (RGBA). */
export function toImageData(img: Image): ImageData {
  const out = new ImageData(img.width, img.height);
  const c = img.channels;
  for (let i = 0, j = 0; j < out.data.length; i += c, j += 4) {
    out.data[j] = img.data[i];
    out.data[j + 1] = img.data[c === 1 ? i : i + 1];
    out.data[j + 2] = img.data[c === 1 ? i : i + 2];
    out.data[j + 3] = c === 4 ? img.data[i + 3] : 255;
  }
  return out;
}

/** Replaces the canvas content with `img`, optionally with a box and points on top. */
export function drawImage(canvas: HTMLCanvasElement, img: Image, overlay: { box?: Box; points?: readonly Point[] } = {}): void {
  canvas.width = img.width;
  canvas.height = img.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.putImageData(toImageData(img), 0, 0);
  ctx.lineWidth = Math.max(1, img.width / 200);
  if (overlay.box) {
    ctx.strokeStyle = '#00e000';
    ctx.strokeRect(overlay.box.x, overlay.box.y, overlay.box.width, overlay.box.height);
  }
  ctx.fillStyle = '#ff3030';
  const r = Math.max(1, img.width / 150);
  for (const [x, y] of overlay.points ?? []) {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
  }
}

/** Vertical bars for signed values (the descriptor), scaled to the largest magnitude. */
export function drawSignedBars(canvas: HTMLCanvasElement, values: readonly number[]): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width, height } = canvas;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  const m = Math.max(1e-9, ...values.map(Math.abs));
  const w = width / Math.max(1, values.length);
  values.forEach((v, i) => {
    ctx.fillStyle = v >= 0 ? '#2060d0' : '#d06020';
    const h = (Math.abs(v) / m) * (height / 2);
    ctx.fillRect(i * w, v >= 0 ? height / 2 - h : height / 2, Math.max(1, w - 0.5), h);
  });
}

/** Labelled horizontal bars for probabilities in 0..1. */
export function drawProbabilities(canvas: HTMLCanvasElement, probs: Record<string, number>): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const entries = Object.entries(probs);
  const row = canvas.height / Math.max(1, entries.length);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = `${Math.floor(row * 0.6)}px sans-serif`;
  entries.forEach(([name, p], i) => {
    ctx.fillStyle = '#40a040';
    ctx.fillRect(70, i * row + 2, (canvas.width - 120) * p, row - 4);
    ctx.fillStyle = '#000';
    ctx.fillText(name, 2, i * row + row * 0.7);
    ctx.fillText(p.toFixed(3), canvas.width - 46, i * row + row * 0.7);
  });
}
