import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readImage, createImage, type Image } from '../../src/image/index.js';
import { analyze } from '../../src/tasks/analyze.js';
import { detectFaces } from '../../src/tasks/detect.js';
import { AGE_GROUPS, FER2013_EMOTIONS } from '../../src/tasks/labels.js';
import { landmarks } from '../../src/tasks/landmarks.js';
import { represent } from '../../src/tasks/represent.js';
import { verify } from '../../src/tasks/verify.js';
import { REPO } from '../helpers/shared.js';

const sample = (f: string): Promise<Image> => readImage(path.join(REPO, 'samples', f));

describe('detectFaces', () => {
  it.each(['hog', 'tiny', 'lbp-cascade'] as const)('finds the one face of an LFW sample with %s', async (detector) => {
    const faces = await detectFaces(await sample('Tony_Blair_0001.jpg'), { detector });
    expect(faces.length).toBeGreaterThanOrEqual(1);
    const { x, y, width, height } = faces[0]!.box;
    // LFW deep-funneled images centre the face: the box centre lies in the middle third.
    expect(x + width / 2).toBeGreaterThan(83);
    expect(x + width / 2).toBeLessThan(167);
    expect(y + height / 2).toBeGreaterThan(83);
    expect(y + height / 2).toBeLessThan(167);
    expect(faces[0]!.detector).toBe(detector);
  });

  it("'none' returns the whole image and a blank image has no face", async () => {
    const img = createImage(64, 48, 3);
    expect(await detectFaces(img, { detector: 'none' })).toEqual([{ box: { x: 0, y: 0, width: 64, height: 48 }, score: 1, detector: 'none' }]);
    expect(await detectFaces(img, { detector: 'hog' })).toEqual([]);
  });

  it('rejects unknown detectors and bad limits with E_BAD_ARGUMENT', async () => {
    const img = createImage(8, 8, 1);
    await expect(detectFaces(img, { detector: 'yolo' as never })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    await expect(detectFaces(img, { detector: 'none', maxFaces: 0 })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });
});

describe('verify (dlib-resnet, hog + ert)', () => {
  it('says the same LFW person is the same and two people are different', async () => {
    const [a1, a2, b1] = await Promise.all(['Tony_Blair_0001.jpg', 'Tony_Blair_0002.jpg', 'Laura_Bush_0001.jpg'].map(sample));
    const same = await verify(a1!, a2!);
    const diff = await verify(a1!, b1!);
    expect(same).toMatchObject({ verified: true, model: 'dlib-resnet', metric: 'euclidean', threshold: 0.6 });
    expect(diff.verified).toBe(false);
    expect(diff.distance).toBeGreaterThan(same.distance);
  });

  it('raises E_NO_FACE on a blank image unless enforceDetection is false', async () => {
    const blank = createImage(120, 120, 3);
    await expect(represent(blank)).rejects.toMatchObject({ code: 'E_NO_FACE' });
    const [rep] = await represent(blank, { enforceDetection: false, align: 'none', model: 'lbph' });
    expect(rep!.face.detector).toBe('none');
  });

  it('validates its options', async () => {
    const img = createImage(8, 8, 3);
    await expect(verify(img, img, { threshold: NaN })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    await expect(verify(img, img, { model: 'vgg' as never })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    await expect(verify(img, img, { metric: 'manhattan' as never })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
    await expect(verify(img, img, { model: 'lbph', metric: 'cosine' })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });

  it('gives the same answers to parallel calls as to sequential ones', async () => {
    const imgs = await Promise.all(['Tony_Blair_0001.jpg', 'Tony_Blair_0002.jpg', 'Tony_Blair_0003.jpg', 'Laura_Bush_0001.jpg', 'Laura_Bush_0002.jpg'].map(sample));
    const pairs: [number, number][] = [];
    for (let k = 0; k < 50; k++) pairs.push([k % 5, (k * 3 + 1) % 5]);
    const opts = { model: 'lbph' as const, detector: 'none' as const, align: 'none' as const };
    const sequential = [];
    for (const [i, j] of pairs) sequential.push((await verify(imgs[i]!, imgs[j]!, opts)).distance);
    const parallel = (await Promise.all(pairs.map(([i, j]) => verify(imgs[i]!, imgs[j]!, opts)))).map((r) => r.distance);
    expect(parallel).toEqual(sequential);
    const cnn = [0, 1, 2, 3].map((k) => [k, (k + 1) % 5] as const);
    const cnnSeq = [];
    for (const [i, j] of cnn) cnnSeq.push((await verify(imgs[i]!, imgs[j]!)).distance);
    expect((await Promise.all(cnn.map(([i, j]) => verify(imgs[i]!, imgs[j]!)))).map((r) => r.distance)).toEqual(cnnSeq);
  });
});

describe('landmarks and analyze', () => {
  it('ERT and CNN landmarks agree within a few pixels on an LFW face', async () => {
    const img = await sample('Laura_Bush_0001.jpg');
    const [ert] = await landmarks(img, { method: 'ert' });
    const [cnn] = await landmarks(img, { method: 'cnn' });
    expect(ert!.points).toHaveLength(68);
    const mean = ert!.points.reduce((s, [x, y], i) => s + Math.hypot(x - cnn!.points[i]![0], y - cnn!.points[i]![1]), 0) / 68;
    expect(mean).toBeLessThan(6);
  });

  it('returns emotion, age and gender shaped as DESIGN.md says', async () => {
    const [r] = await analyze(await sample('Laura_Bush_0001.jpg'));
    expect(Object.keys(r!.emotion!.probabilities).sort()).toEqual([...FER2013_EMOTIONS].sort());
    const total = Object.values(r!.emotion!.probabilities).reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 4);
    expect(FER2013_EMOTIONS).toContain(r!.emotion!.label);
    expect(AGE_GROUPS).toContain(r!.age!.group);
    expect(r!.gender).toMatchObject({ label: 'female', model: 'age-gender' });
    expect(r!.gender!.probability).toBeGreaterThan(0.5);
    await expect(analyze(await sample('Laura_Bush_0001.jpg'), { actions: ['mood' as never] })).rejects.toMatchObject({ code: 'E_BAD_ARGUMENT' });
  });
});
