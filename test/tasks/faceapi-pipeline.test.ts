import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crop } from '../../src/image/geometry.js';
import { decodeImage } from '../../src/image/decode.js';
import type { Box } from '../../src/image/image.js';
import { iou } from '../../src/nn/models/detections.js';
import { detectFaces } from '../../src/tasks/detect.js';
import { alignDlibBox, alignMinBox, clipAndFloor } from '../../src/tasks/faceapi-crops.js';
import { cnnLandmarks } from '../../src/tasks/landmarks.js';
import { euclideanDistance } from '../../src/tasks/metrics.js';
import { net } from '../../src/tasks/resources.js';
import type { Point } from '../../src/tasks/types.js';
import { readShared, sharedPath } from '../helpers/shared.js';

// ../shared/fixtures/faceapi-pipeline: face-api.js 1.7.15 end to end on TF.js wasm, images
// decoded by jpeg-js (as facets decodes them). Tolerances from the issue: same faces (IoU >= 0.9),
// landmarks within 2 px, descriptor L2 distance < 0.05, same gender, age within 1 year.
// The full 63-image run: FACETS_FULL=1 npx vitest run test/tasks/faceapi-pipeline.test.ts
interface Fixture {
  file: string; faceFound: boolean; decoder: string;
  allDetections: { score: number; box: Box }[];
  landmarks68: Point[]; descriptor: number[]; age: number; gender: 'male' | 'female';
}
const dir = sharedPath('fixtures/faceapi-pipeline');
const all = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) as Fixture).filter((d) => d.faceFound);
// img47.jpg is really WebP (the fixture decoded it with sharp); facets decodes PNG and JPEG only
// and says so, so that face is checked for the error instead.
const jpegs = all.filter((d) => d.decoder === 'jpeg-js');
const picked = process.env.FACETS_FULL ? jpegs : jpegs.filter((d) => ['img1.jpg', 'img2.jpg', 'img5.jpg', 'couple.jpg', 'img12.jpg', 'img30.jpg'].includes(d.file));
const rel = (b: Box) => ({ left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height });

describe('face-api.js pipeline parity (SSD -> landmarks -> crops -> descriptor, age, gender)', () => {
  it('names the one non-JPEG sample (WebP) instead of guessing', () => {
    const others = all.filter((d) => d.decoder !== 'jpeg-js');
    expect(others.map((d) => d.file)).toEqual(['img47.jpg']);
    expect(() => decodeImage(readShared('data/deepface-images/img47.jpg'))).toThrow(/WEBP/);
  });

  it.each(picked.map((d) => [d.file, d] as const))('%s', async (_, d) => {
    const img = decodeImage(readShared('data/deepface-images', d.file));
    const faces = await detectFaces(img, { detector: 'ssd', minConfidence: 0.5 });
    expect(faces.length).toBe(d.allDetections.length);
    for (const f of d.allDetections) expect(Math.max(...faces.map((g) => iou(rel(f.box), rel(g.box))))).toBeGreaterThanOrEqual(0.9);
    const best = faces[0]!;
    const points = await cnnLandmarks(img, best);
    points.forEach(([x, y], i) => expect(Math.hypot(x - d.landmarks68[i]![0], y - d.landmarks68[i]![1])).toBeLessThanOrEqual(2));
    const descriptor = (await (await net('dlib-resnet')).run(crop(img, clipAndFloor(alignDlibBox(points, img.width, img.height), img.width, img.height)))).data;
    expect(euclideanDistance(descriptor, d.descriptor)).toBeLessThan(0.05);
    const { age, gender } = await (await net('age-gender')).run(crop(img, clipAndFloor(alignMinBox(points, 0.2), img.width, img.height)));
    expect(gender.data[1]! > gender.data[0]! ? 'female' : 'male').toBe(d.gender);
    expect(Math.abs(age.data[0]! - d.age)).toBeLessThanOrEqual(1);
  });
});
