import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Box } from '../../src/image/image.js';
import { alignDlibBox, alignMinBox, clipAndFloor } from '../../src/tasks/faceapi-crops.js';
import type { Point } from '../../src/tasks/types.js';
import { sharedPath } from '../helpers/shared.js';

// ../shared/fixtures/faceapi-pipeline: face-api.js 1.7.15's own end-to-end run on the DeepFace
// samples, with the crops it fed each net. Tolerance: exact integer boxes.
interface Fixture {
  width: number; height: number; faceFound: boolean;
  detection: { box: Box }; landmarks68: Point[];
  landmarkCrop: Box; descriptorCrop: Box; ageGenderExpressionCrop: Box;
}
const dir = sharedPath('fixtures/faceapi-pipeline');
const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8')) as Fixture] as const).filter(([, d]) => d.faceFound);

describe("face-api.js's crops", () => {
  it('covers every face of the fixture', () => {
    expect(cases.length).toBe(63);
  });

  it.each(cases)('%s: landmark, descriptor and age/gender/expression crops equal face-api.js', (_, d) => {
    expect(clipAndFloor(d.detection.box, d.width, d.height)).toEqual(d.landmarkCrop);
    expect(clipAndFloor(alignDlibBox(d.landmarks68, d.width, d.height), d.width, d.height)).toEqual(d.descriptorCrop);
    expect(clipAndFloor(alignMinBox(d.landmarks68, 0.2), d.width, d.height)).toEqual(d.ageGenderExpressionCrop);
  });
});
