import { cloneImage, type Image } from '../image/image.js';
import { drawBox, drawPoint } from '../image/draw.js';
import { toGray } from '../image/gray.js';
import { lbpHistogram } from '../lbp/ops/histogram.js';
import { lbpImage } from '../lbp/ops/lbp-image.js';
import { histogramBarsImage, lbpCodesToImage } from '../lbp/ops/view.js';
import { analyze } from './analyze.js';
import { detectFaces } from './detect.js';
import { featureMapStrip } from './feature-maps.js';
import { faceLandmarks } from './landmarks.js';
import { distanceFn } from './metrics.js';
import { alignFace, embedChip, facesFor, LBPH_PARAMS } from './represent.js';
import { cascade, net } from './resources.js';
import type { Report, ReportStage } from './report/html.js';
import { barChart, distanceGauge, vectorStrip } from './report/svg.js';
import { DEFAULT_THRESHOLDS } from './verify.js';

const GREEN = [0, 200, 0] as const;
const ORANGE = [255, 140, 0] as const;
const RED = [230, 0, 0] as const;
const BLUE = [30, 90, 255] as const;

interface Side {
  stages: ReportStage[];
  lbph: Float32Array;
  cnn: Float32Array;
}

/** Explains one image: every stage's pictures and numbers. */
async function explainOne(img: Image, tag: string): Promise<Side> {
  const stages: ReportStage[] = [];
  const suffix = tag ? ` (${tag})` : '';
  const id = (s: string): string => (tag ? `${s}-${tag}` : s);
  stages.push({
    id: id('input'), title: `Input${suffix}`, about: 'The decoded image, as the pipeline sees it: 8-bit pixels, no colour management. Everything below is computed from these pixels.',
    figures: [{ caption: `${img.width}x${img.height}, ${img.channels} channel(s)`, image: img }],
  });

  // Classic detection: the LBP cascade's scan, windows before and after grouping.
  const g = toGray(img);
  const scan = (await cascade('lbp-cascade')).detectMultiScaleDetailed(g, { scaleFactor: 1.1, minNeighbors: 3, minSize: { width: 30, height: 30 } });
  const scanImg = cloneImage(img);
  for (const c of scan.candidates) drawBox(scanImg, c, ORANGE, 1);
  for (const b of scan.boxes) drawBox(scanImg, b, GREEN, 2);
  stages.push({
    id: id('cascade'), title: `Classic detection: LBP cascade${suffix}`,
    about: 'A 24x24 window slides over an image pyramid and must pass every stage of boosted LBP tests (OpenCV lbpcascade_frontalface_improved); the orange windows passed. Overlapping windows are then grouped and groups with fewer than 3 neighbours dropped, leaving the green boxes.',
    figures: [{ caption: `${scan.candidates.length} accepted windows, ${scan.boxes.length} face(s) after grouping`, image: scanImg }],
    facts: Object.fromEntries(scan.scales.filter((_, i) => i % 3 === 0).map((s) => [`scale ${s.scale.toFixed(2)} (${s.scaledWidth}x${s.scaledHeight})`, `${s.windowsTested} windows tested, ${s.windowsAccepted} accepted`])),
  });

  // CNN and HOG detection.
  const tiny = await detectFaces(img, { detector: 'tiny', inputSize: 416 });
  const hog = await detectFaces(img, { detector: 'hog' });
  const detImg = cloneImage(img);
  for (const f of tiny) drawBox(detImg, f.box, BLUE, 2);
  for (const f of hog) drawBox(detImg, f.box, RED, 2);
  stages.push({
    id: id('detect'), title: `Detection: CNN and HOG${suffix}`,
    about: "face-api's tiny face detector (blue) predicts boxes from a 13x13 grid of anchors in one CNN pass; dlib's HOG detector (red) scores histograms of oriented gradients with five linear filters. The HOG box is the convention the landmark model was trained on.",
    figures: [{ caption: `tiny: ${tiny.map((f) => f.score.toFixed(2)).join(', ') || 'none'}; hog: ${hog.map((f) => f.score.toFixed(2)).join(', ') || 'none'}`, image: detImg }],
  });

  const [face] = await facesFor(img, { detector: 'hog', enforceDetection: false }, 'explain');
  const ert = await faceLandmarks(img, face!, 'ert');
  const cnn = await faceLandmarks(img, face!, 'cnn');
  const lmImg = cloneImage(img);
  drawBox(lmImg, face!.box, RED, 1);
  for (const [x, y] of cnn) drawPoint(lmImg, x, y, BLUE, 1);
  for (const [x, y] of ert) drawPoint(lmImg, x, y, GREEN, 1);
  stages.push({
    id: id('landmarks'), title: `Landmarks${suffix}`,
    about: "dlib's ensemble of regression trees (green; Kazemi & Sullivan 2014) refines a mean shape in 15 cascades, each comparing pixel pairs placed relative to the current shape. face-api's CNN (blue) regresses the same 68 iBUG points directly from the face crop.",
    figures: [{ caption: '68 points: green ERT, blue CNN', image: lmImg }],
  });

  const aligned = await alignFace(img, face!, 'dlib-resnet', 'ert');
  const t = aligned.transform!;
  stages.push({
    id: id('align'), title: `Alignment${suffix}`,
    about: "A similarity transform (rotation, uniform scale, translation) maps dlib's mean-face template onto the landmarks by least squares; sampling the image through it gives a 150x150 chip with the eyes level and the face at a fixed scale. This removes pose and scale differences before recognition.",
    figures: [{ caption: '150x150 chip (padding 0.25)', image: aligned.chip, zoom: 2 }],
    facts: { 'chip -> image': `[${t.map((v) => v.toFixed(3)).join(', ')}]`, 'rotation (deg)': ((Math.atan2(t[3], t[0]) * 180) / Math.PI).toFixed(2), scale: Math.hypot(t[0], t[3]).toFixed(3) },
  });

  const chipGray = toGray(aligned.chip);
  const codes = lbpImage(chipGray, { radius: LBPH_PARAMS.radius, neighbors: LBPH_PARAMS.neighbors });
  const lbph = lbpHistogram(chipGray, LBPH_PARAMS);
  stages.push({
    id: id('lbp'), title: `Classic representation: LBP and LBPH${suffix}`,
    about: 'Each pixel becomes an 8-bit code: a neighbour darker than the centre gives 0, brighter gives 1 (OpenCV circular LBP, radius 1). The codes are histogrammed in an 8x8 grid of cells, giving 16,384 numbers that LBPH compares by chi-square.',
    figures: [
      { caption: 'LBP code image', image: lbpCodesToImage(codes), zoom: 2 },
      { caption: 'per-cell histograms (8x8 grid)', image: histogramBarsImage(lbph, { gridX: 8, gridY: 8, panelWidth: 64, panelHeight: 32 }) },
    ],
  });

  const stagesOut = await (await net('dlib-resnet')).activations(aligned.chip);
  const shown = stagesOut.filter((s) => s.tensor.shape.length === 4).filter((_, i, a) => i % Math.max(1, Math.floor(a.length / 5)) === 0).slice(0, 5);
  stages.push({
    id: id('features'), title: `CNN feature maps${suffix}`,
    about: "The face recognition net (a ResNet ported from dlib) turns the chip into ever smaller, ever more abstract maps: early ones respond to edges and colours, later ones to face parts. Shown: the first channels of several stages, each stretched to its own range.",
    figures: shown.map((s) => ({ caption: `${s.name} [${s.tensor.shape.join('x')}]`, image: featureMapStrip(s.tensor, 6), zoom: s.tensor.shape[1]! < 40 ? 3 : 1 })),
  });

  const emb = await embedChip(aligned.chip, 'dlib-resnet');
  stages.push({
    id: id('embedding'), title: `CNN embedding${suffix}`,
    about: 'The net ends in 128 numbers trained so that photos of one person lie close together (euclidean distance below 0.6) and different people far apart. Red is positive, blue negative.',
    figures: [{ caption: '128-D descriptor', svg: vectorStrip(emb, 32, 10) }],
  });

  const [a] = await analyze(img, { detector: 'hog', enforceDetection: false });
  if (a) {
    stages.push({
      id: id('analyze'), title: `Emotion, age and gender${suffix}`,
      about: "face-api's expression and age-gender nets read the crop around the CNN landmarks. Emotion is reported with FER2013's seven labels; age as years and as one of Levi & Hassner's eight groups.",
      figures: [{ caption: `emotion: ${a.emotion!.label}`, svg: barChart(Object.entries(a.emotion!.probabilities).map(([label, value]) => ({ label, value, highlight: label === a.emotion!.label }))) },
        { caption: `gender: ${a.gender!.label}`, svg: barChart([{ label: 'female', value: a.gender!.label === 'female' ? a.gender!.probability : 1 - a.gender!.probability }, { label: 'male', value: a.gender!.label === 'male' ? a.gender!.probability : 1 - a.gender!.probability }]) }],
      facts: { age: `${a.age!.years.toFixed(1)} years (group ${a.age!.group})`, gender: `${a.gender!.label} (${(a.gender!.probability * 100).toFixed(1)}%)` },
    });
  }
  return { stages, lbph, cnn: emb };
}

/**
 * The step-through record of the pipeline on one image, or on two (then with the verification
 * stage comparing both methods). Render it with `renderReportHtml`.
 */
export async function explain(img: Image, img2?: Image): Promise<Report> {
  const a = await explainOne(img, img2 ? 'A' : '');
  if (!img2) return { title: 'facets: the pipeline, step by step', stages: a.stages };
  const b = await explainOne(img2, 'B');
  const dCnn = distanceFn('euclidean')(a.cnn, b.cnn);
  const dLbph = distanceFn('chi-square')(a.lbph, b.lbph);
  const tCnn = DEFAULT_THRESHOLDS['dlib-resnet'].euclidean!;
  const tLbph = DEFAULT_THRESHOLDS.lbph['chi-square']!;
  const verifyStage: ReportStage = {
    id: 'verify', title: 'Verification: LBPH against the CNN',
    about: 'Two faces are the same person when their distance is below the threshold: euclidean distance between CNN embeddings, chi-square between LBPH histograms. The thresholds were chosen on LFW folds 1-3; the CNN separates people far better than the classic histograms.',
    figures: [
      { caption: 'CNN (dlib-resnet, euclidean)', svg: distanceGauge(dCnn, tCnn, Math.max(1.2, dCnn * 1.1), 'CNN') },
      { caption: 'LBPH (chi-square)', svg: distanceGauge(dLbph, tLbph, Math.max(tLbph * 2, dLbph * 1.1), 'LBPH') },
    ],
    facts: { 'CNN distance': dCnn.toFixed(4), 'CNN verdict': dCnn < tCnn ? 'same person' : 'different people', 'LBPH distance': dLbph.toFixed(3), 'LBPH verdict': dLbph < tLbph ? 'same person' : 'different people' },
  };
  return { title: 'facets: two faces, step by step', stages: [...a.stages, ...b.stages, verifyStage] };
}
