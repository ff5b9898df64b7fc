import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImage } from '../../src/image/decode.js';
import { assertGray } from '../../src/image/image.js';
import { loadCascade } from '../../src/lbp/cascade/classifier.js';
import { CASCADE_FIXTURES, SHARED_MODELS, compareBoxSets, manifest, runsOf } from './fixtures.js';

// Fixture: ../shared/fixtures/opencv-cascade (OpenCV 4.6 detectMultiScale, 15 images, parameter set haar_sf1.2_mn5_min40; the other set is in its sibling file so the two workers share the load).
// Tolerance: none. The same set of boxes (compared as sets: OpenCV's order varies with threads), every
// box equal to the pixel, in all 30 cases (15 images, parameter set haar_sf1.2_mn5_min40; the other set is in its sibling file so the two workers share the load).
describe('CascadeClassifier HAAR parity with OpenCV 4.6 (haar_sf1.2_mn5_min40)', () => {
  const cascade = loadCascade(readFileSync(path.join(SHARED_MODELS, 'haarcascade_frontalface_default.xml'), 'utf8'));
  it('finds exactly OpenCV\'s boxes on every fixture image (0 px tolerance)', async () => {
    let cases = 0, exact = 0, worst = 0;
    const misses: string[] = [];
    for (const im of manifest().images) {
      const img = await readImage(path.join(CASCADE_FIXTURES, im.image));
      assertGray(img, 'test');
      for (const [name, run] of runsOf(im, 'haar').filter(([n]) => n === 'haar_sf1.2_mn5_min40')) {
        const p = run.params;
        const boxes = cascade.detectMultiScale(img, { scaleFactor: p.scaleFactor, minNeighbors: p.minNeighbors, minSize: p.minSize });
        const cmp = compareBoxSets(boxes, run.boxes);
        cases++;
        if (cmp === null) {
          misses.push(`${im.image} ${name}: ${boxes.length} boxes, OpenCV ${run.boxes.length}`);
          continue;
        }
        if (cmp.exact) exact++;
        worst = Math.max(worst, cmp.maxEdge);
      }
    }
    console.log(`haar: ${exact}/${cases} cases exact, worst edge ${worst} px`);
    expect(misses).toEqual([]);
    expect(cases).toBe(15);
    expect(worst).toBe(0);
    expect(exact).toBe(15);
  });
});
