import type { Image } from '../image/image.js';
import type { Tensor } from '../nn/tensor.js';

/**
 * The first `channels` feature maps of an NHWC activation [1, h, w, c] side by side as one grey
 * image, each map stretched to 0..255 on its own range (so weak and strong maps are both visible).
 */
export function featureMapStrip(t: Tensor, channels = 6, gap = 2): Image {
  const [, h = 1, w = 1, c = 1] = t.shape.length === 4 ? t.shape : [1, 1, t.shape[0] ?? 1, 1];
  const k = Math.min(channels, c);
  const width = k * w + (k - 1) * gap;
  const data = new Uint8ClampedArray(width * h).fill(255);
  for (let ch = 0; ch < k; ch++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < h * w; i++) {
      const v = t.data[i * c + ch]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const s = hi > lo ? 255 / (hi - lo) : 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * width + ch * (w + gap) + x] = (t.data[(y * w + x) * c + ch]! - lo) * s;
  }
  return { width, height: h, channels: 1, data };
}
