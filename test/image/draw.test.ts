import { describe, expect, it } from 'vitest';
import { createImage, drawBox, drawLine, drawText, textWidth } from '../../src/image/index.js';

describe('drawing helpers', () => {
  it('drawBox with thickness 1 sets exactly the perimeter', () => {
    const img = createImage(10, 8, 1);
    drawBox(img, { x: 2, y: 1, width: 5, height: 4 }, [255, 255, 255], 1);
    let on = 0;
    for (let y = 0; y < 8; y++) for (let x = 0; x < 10; x++) {
      const edge = (x === 2 || x === 6) && y >= 1 && y <= 4 || (y === 1 || y === 4) && x >= 2 && x <= 6;
      expect(img.data[y * 10 + x]).toBe(edge ? 255 : 0);
      if (edge) on++;
    }
    expect(on).toBe(14);
  });

  it('clips lines and text that leave the image instead of throwing', () => {
    const img = createImage(6, 6, 3);
    drawLine(img, -10, -10, 20, 20, [1, 2, 3]);
    drawText(img, 4, 4, 'FACETS', [9, 9, 9]);
    expect(img.data[2]).toBe(3); // (0, 0) lies on the line, away from the text
  });

  it('textWidth matches the pixels drawText touches', () => {
    const img = createImage(64, 12, 1);
    drawText(img, 0, 0, 'H1', [255, 255, 255], 2);
    let maxX = -1;
    for (let y = 0; y < 12; y++) for (let x = 0; x < 64; x++) if (img.data[y * 64 + x]) maxX = Math.max(maxX, x);
    expect(maxX + 1).toBe(textWidth('H1', 2));
  });
});
