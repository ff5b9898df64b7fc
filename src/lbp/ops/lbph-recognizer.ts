import { FacetsError, check } from '../../core/errors.js';
import type { Image } from '../../image/image.js';
import { chiSquareAlt } from './distance.js';
import { checkGrid, lbpHistogram } from './histogram.js';
import { MAX_LABEL_INFO_LENGTH } from './lbph-model.js';
import { readLbphYaml } from './lbph-yaml-read.js';
import { writeLbphYaml } from './lbph-yaml-write.js';
import { resolveLbpOptions } from './options.js';

/** Options of {@link LBPHRecognizer}; the defaults are OpenCV's `LBPHFaceRecognizer_create()`. */
export interface LBPHOptions {
  radius?: number;
  neighbors?: number;
  gridX?: number;
  gridY?: number;
  /** Predictions at or past this distance give label -1. Default Infinity (OpenCV: DBL_MAX). */
  threshold?: number;
}

/** A prediction: the nearest training label and its chi-square distance. */
export interface LBPHPrediction {
  /** -1 when no training histogram is closer than the threshold. */
  label: number;
  /** HISTCMP_CHISQR_ALT distance; DBL_MAX (Number.MAX_VALUE) with label -1, as OpenCV. */
  distance: number;
}

const DBL_MAX = Number.MAX_VALUE;

/**
 * Local binary patterns histograms face recogniser (Ahonen, Hadid & Pietikäinen 2006), a
 * behavioural copy of OpenCV's `cv::face::LBPHFaceRecognizer` (opencv_contrib
 * modules/face/src/lbph_faces.cpp): circular LBP codes without mapping, gridX x gridY normalised
 * cell histograms, 1-nearest neighbour under HISTCMP_CHISQR_ALT, and its YAML model format.
 * Not thread-safe: train/update/setLabelInfo mutate the model.
 */
export class LBPHRecognizer {
  readonly radius: number;
  readonly neighbors: number;
  readonly gridX: number;
  readonly gridY: number;
  private thresholdValue: number;
  private hists: Float32Array[] = [];
  private labelList: number[] = [];
  private info = new Map<number, string>();

  /**
   * requires: radius integer in 1..1024, neighbors in 1..31, gridX, gridY >= 1,
   *   gridX*gridY*2^neighbors <= 2^24 floats; threshold a number (not NaN).
   */
  constructor(options: LBPHOptions = {}) {
    const fn = 'LBPHRecognizer';
    const { radius, neighbors } = resolveLbpOptions(fn, { radius: options.radius, neighbors: options.neighbors });
    const gridX = options.gridX ?? 8;
    const gridY = options.gridY ?? 8;
    checkGrid(fn, gridX, gridY, 2 ** neighbors);
    this.radius = radius;
    this.neighbors = neighbors;
    this.gridX = gridX;
    this.gridY = gridY;
    this.thresholdValue = checkThreshold(fn, options.threshold ?? Infinity);
  }

  /** Distance cut-off of predict (OpenCV `setThreshold`). */
  get threshold(): number {
    return this.thresholdValue;
  }

  set threshold(value: number) {
    this.thresholdValue = checkThreshold('LBPHRecognizer.threshold', value);
  }

  /** Length of every histogram: gridX * gridY * 2^neighbors. */
  get histogramLength(): number {
    return this.gridX * this.gridY * 2 ** this.neighbors;
  }

  /** The training histograms in training order (the arrays are the model's own; do not mutate). */
  get histograms(): Float32Array[] {
    return [...this.hists];
  }

  /** The training labels in training order. */
  get labels(): Int32Array {
    return Int32Array.from(this.labelList);
  }

  /** True before any training (OpenCV `empty()`). */
  get empty(): boolean {
    return this.labelList.length === 0;
  }

  /** A copy of the label -> text map, ascending labels. */
  get labelInfo(): Map<number, string> {
    return new Map([...this.info.entries()].sort((a, b) => a[0] - b[0]));
  }

  /** Attaches text to a label (OpenCV `setLabelInfo`). requires: label int32, text <= 4096 chars. */
  setLabelInfo(label: number, text: string): void {
    const fn = 'LBPHRecognizer.setLabelInfo';
    checkLabel(fn, label);
    check(typeof text === 'string', fn, `text must be a string, got ${typeof text}`);
    check(text.length <= MAX_LABEL_INFO_LENGTH, fn, `text is ${text.length} chars, OpenCV stores at most ${MAX_LABEL_INFO_LENGTH}`);
    this.info.set(label, text);
  }

  /** The text of a label, '' when none (OpenCV `getLabelInfo`). */
  getLabelInfo(label: number): string {
    return this.info.get(label) ?? '';
  }

  /** Labels whose text contains `text` (OpenCV `getLabelsByString`), ascending. */
  getLabelsByString(text: string): number[] {
    return [...this.labelInfo.entries()].filter(([, v]) => v.includes(text)).map(([k]) => k);
  }

  /**
   * Replaces the model by the histograms of `images` (OpenCV `train`).
   * requires: images.length === labels.length >= 1; grey images of at least (2r+1)^2;
   *   labels int32 integers.
   * ensures: histograms equal OpenCV's `getHistograms()` bit for bit.
   */
  train(images: readonly Image[], labels: ArrayLike<number>): void {
    const computed = this.compute('LBPHRecognizer.train', images, labels, false);
    this.hists = computed.hists;
    this.labelList = computed.labels;
  }

  /** Appends samples to the model (OpenCV `update`); an empty list is a no-op. */
  update(images: readonly Image[], labels: ArrayLike<number>): void {
    const computed = this.compute('LBPHRecognizer.update', images, labels, true);
    this.hists.push(...computed.hists);
    this.labelList.push(...computed.labels);
  }

  /**
   * The nearest training sample's label and distance, OpenCV's `predict(src, label, conf)`:
   * samples are scanned in training order, one at distance d is kept when d < threshold and
   * d < best so far (ties keep the earlier sample); none kept -> { label: -1, distance: DBL_MAX }.
   * requires: a trained model; a grey image of at least (2r+1)^2.
   */
  predict(image: Image): LBPHPrediction {
    const distances = this.distancesFor('LBPHRecognizer.predict', image);
    let best: LBPHPrediction = { label: -1, distance: DBL_MAX };
    for (let k = 0; k < distances.length; k++) {
      const d = distances[k];
      if (d < this.thresholdValue && d < best.distance) best = { label: this.labelList[k], distance: d };
    }
    return best;
  }

  /**
   * The k nearest distinct labels, each with its nearest training sample (OpenCV's
   * `StandardCollector::getResultsMap` sorted), only those under the threshold, ascending
   * distance, ties in training order. requires: k integer >= 1.
   */
  predictTopK(image: Image, k: number): LBPHPrediction[] {
    const fn = 'LBPHRecognizer.predictTopK';
    check(Number.isInteger(k) && k >= 1, fn, `k must be an integer >= 1, got ${String(k)}`);
    const distances = this.distancesFor(fn, image);
    const best = new Map<number, LBPHPrediction>();
    for (let s = 0; s < distances.length; s++) {
      const d = distances[s];
      if (!(d < this.thresholdValue)) continue;
      const label = this.labelList[s];
      const prev = best.get(label);
      if (!prev || d < prev.distance) best.set(label, { label, distance: d });
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance).slice(0, k);
  }

  /** HISTCMP_CHISQR_ALT distance from `image` to every training sample, training order. */
  distances(image: Image): Float64Array {
    return this.distancesFor('LBPHRecognizer.distances', image);
  }

  /** Writes the model as OpenCV's `write()` YAML (see writeLbphYaml). */
  toYAML(): string {
    return writeLbphYaml({
      radius: this.radius,
      neighbors: this.neighbors,
      gridX: this.gridX,
      gridY: this.gridY,
      threshold: this.thresholdValue,
      histograms: this.hists,
      labels: Int32Array.from(this.labelList),
      labelsInfo: this.info,
    });
  }

  /**
   * Loads a model written by OpenCV's `LBPHFaceRecognizer.write/save` or by toYAML.
   * throws: `E_BAD_MODEL` for malformed or inconsistent files, `E_TOO_LARGE` past 512 MiB.
   */
  static fromYAML(text: string | Uint8Array): LBPHRecognizer {
    const m = readLbphYaml(text, 'LBPHRecognizer.fromYAML');
    const r = new LBPHRecognizer({ radius: m.radius, neighbors: m.neighbors, gridX: m.gridX, gridY: m.gridY, threshold: m.threshold });
    r.hists = m.histograms;
    r.labelList = Array.from(m.labels);
    r.info = new Map(m.labelsInfo);
    return r;
  }

  private distancesFor(fn: string, image: Image): Float64Array {
    if (this.hists.length === 0) throw new FacetsError('E_BAD_ARGUMENT', `${fn}: the model is empty; call train first`);
    const query = this.histogramOf(fn, image);
    return Float64Array.from(this.hists, (h) => chiSquareAlt(h, query));
  }

  private histogramOf(fn: string, image: Image): Float32Array {
    try {
      return lbpHistogram(image, { radius: this.radius, neighbors: this.neighbors, gridX: this.gridX, gridY: this.gridY });
    } catch (e) {
      // Name the recogniser's method rather than the inner helper.
      if (e instanceof FacetsError) throw new FacetsError(e.code, `${fn}: ${e.message}`, { cause: e });
      throw e;
    }
  }

  private compute(fn: string, images: readonly Image[], labels: ArrayLike<number>, allowEmpty: boolean): { hists: Float32Array[]; labels: number[] } {
    check(Array.isArray(images), fn, 'images must be an array of grey Images');
    check(labels != null && typeof labels.length === 'number', fn, 'labels must be an array of integers');
    check(images.length === labels.length, fn, `got ${images.length} images but ${labels.length} labels`);
    check(allowEmpty || images.length > 0, fn, 'no training images; LBPH needs at least one');
    const outLabels: number[] = [];
    for (let k = 0; k < labels.length; k++) {
      checkLabel(fn, labels[k], k);
      outLabels.push(labels[k]);
    }
    const hists = images.map((img) => this.histogramOf(fn, img));
    return { hists, labels: outLabels };
  }
}

function checkLabel(fn: string, label: number, index?: number): void {
  const where = index === undefined ? 'label' : `labels[${index}]`;
  check(Number.isInteger(label) && label >= -(2 ** 31) && label <= 2 ** 31 - 1, fn, `${where} must be an int32 integer, got ${String(label)}`);
}

function checkThreshold(fn: string, t: number): number {
  check(typeof t === 'number' && !Number.isNaN(t), fn, `threshold must be a number, got ${String(t)}`);
  return t;
}
