import { DlibReader } from '../../core/dlib-serialize.js';
import { FacetsError } from '../../core/errors.js';
import { FHOG_PLANES } from './fhog.js';
import { buildFilterbank, type HogFilterbank } from './filterbank.js';
import { centeredRect } from './rect.js';

/**
 * A dlib `object_detector<scan_fhog_pyramid<pyramid_down<6>>>` as loaded from its serialised
 * bytes (e.g. `frontal_face_detector.svm`). Plain data; build it with `loadHogDetector`.
 */
export interface HogDetector {
  /** fhog cell size in pixels (8 for the frontal face detector). */
  cellSize: number;
  /** Cells of padding around the detection window inside each filter. */
  padding: number;
  /** Detection window in pixels (80 x 80). */
  windowWidth: number;
  windowHeight: number;
  maxPyramidLevels: number;
  minPyramidLayerWidth: number;
  minPyramidLayerHeight: number;
  /** Filter size in cells (`compute_fhog_window_size`). */
  filterRows: number;
  filterCols: number;
  /** NMS parameters (dlib `test_box_overlap`). */
  iouThresh: number;
  percentCoveredThresh: number;
  /** One entry per weight vector: its filters and bias (`w(dims)`, subtracted from scores). */
  detectors: { filterbank: HogFilterbank; bias: number }[];
}

/** Caps on what a .svm file may declare (the frontal face detector: 5 x 3,101 doubles, 155 kB). */
const MAX_DETECTORS = 64;
const MAX_WINDOW = 4096;
const MAX_CELL = 64;

/**
 * Parses dlib's serialisation of `object_detector<scan_fhog_pyramid<pyramid_down<6>>>`
 * (object_detector.h `deserialize` version 1 or 2, scan_fhog_pyramid.h version 1).
 * Pure: no file access. The pyramid type is not stored in the file; facets assumes
 * pyramid_down<6>, as dlib's frontal face detector and `train_simple_object_detector` use.
 * requires: bytes is a Uint8Array.
 * ensures: a corrupt, truncated or unsupported file throws FacetsError E_BAD_MODEL naming the
 *          field and byte offset; every length read is bounded by the bytes left.
 */
export function loadHogDetector(bytes: Uint8Array): HogDetector {
  const rd = new DlibReader(bytes);
  const version = rd.readInt('object_detector version', 4);
  if (version !== 1 && version !== 2) rd.fail('object_detector version', `unsupported version ${version} (expected 1 or 2)`);
  const scanner = readScanner(rd);
  const dims = scanner.filterRows * scanner.filterCols * FHOG_PLANES;
  let iouThresh: number;
  let percentCoveredThresh: number;
  const weights: Float64Array[] = [];
  if (version === 1) {
    weights.push(readWeights(rd, dims, 0));
    [iouThresh, percentCoveredThresh] = readOverlap(rd);
  } else {
    [iouThresh, percentCoveredThresh] = readOverlap(rd);
    const n = rd.readVectorLength(MAX_DETECTORS, 'number of weight vectors', 4 * (dims + 1));
    if (n === 0) rd.fail('number of weight vectors', 'a detector needs at least one weight vector');
    for (let i = 0; i < n; i++) weights.push(readWeights(rd, dims, i));
  }
  if (!rd.atEnd()) rd.fail('end of detector', `${rd.remaining} unexpected trailing bytes`);
  const detectors = weights.map((w) => ({
    filterbank: buildFilterbank(w, FHOG_PLANES, scanner.filterRows, scanner.filterCols),
    bias: w[dims]!,
  }));
  return { ...scanner, iouThresh, percentCoveredThresh, detectors };
}

type ScannerConfig = Omit<HogDetector, 'iouThresh' | 'percentCoveredThresh' | 'detectors'>;

function readScanner(rd: DlibReader): ScannerConfig {
  const version = rd.readInt('scan_fhog_pyramid version', 4);
  if (version !== 1) rd.fail('scan_fhog_pyramid version', `unsupported version ${version} (expected 1)`);
  // default_fhog_feature_extractor serialises nothing; then the cached feature pyramid, which
  // dlib always writes empty (object_detector serialises a copy_configuration of its scanner).
  rd.readUint('feature pyramid max_size');
  const cached = rd.readUint('feature pyramid size');
  if (cached !== 0) rd.fail('feature pyramid size', `expected an empty cached pyramid, got ${cached} levels`);
  const cellSize = rd.readInt('cell_size', 4);
  const padding = rd.readUint('padding');
  const windowWidth = rd.readUint('window_width');
  const windowHeight = rd.readUint('window_height');
  const maxPyramidLevels = rd.readUint('max_pyramid_levels');
  const minPyramidLayerWidth = rd.readUint('min_pyramid_layer_width');
  const minPyramidLayerHeight = rd.readUint('min_pyramid_layer_height');
  const nuclear = rd.readDouble('nuclear_norm_regularization_strength');
  const dims = rd.readInt('number of dimensions');
  if (cellSize < 2 || cellSize > MAX_CELL) rd.fail('cell_size', `must be in 2..${MAX_CELL}, got ${cellSize}`);
  if (windowWidth < 1 || windowWidth > MAX_WINDOW || windowHeight < 1 || windowHeight > MAX_WINDOW) {
    rd.fail('window size', `must be in 1..${MAX_WINDOW}, got ${windowWidth}x${windowHeight}`);
  }
  if (padding > 64) rd.fail('padding', `must be at most 64 cells, got ${padding}`);
  if (maxPyramidLevels < 1) rd.fail('max_pyramid_levels', `must be >= 1, got ${maxPyramidLevels}`);
  if (minPyramidLayerWidth < 1 || minPyramidLayerHeight < 1) {
    rd.fail('min_pyramid_layer size', `must be >= 1, got ${minPyramidLayerWidth}x${minPyramidLayerHeight}`);
  }
  if (!Number.isFinite(nuclear) || nuclear < 0) rd.fail('nuclear_norm_regularization_strength', `got ${nuclear}`);
  const { rows: filterRows, cols: filterCols } = fhogWindowSize(cellSize, padding, windowWidth, windowHeight);
  if (dims !== filterRows * filterCols * FHOG_PLANES) {
    rd.fail('number of dimensions', `file says ${dims}, the configuration implies ${filterRows}x${filterCols}x${FHOG_PLANES}`);
  }
  return { cellSize, padding, windowWidth, windowHeight, maxPyramidLevels: Math.min(maxPyramidLevels, 1000), minPyramidLayerWidth, minPyramidLayerHeight, filterRows, filterCols };
}

/**
 * scan_fhog_pyramid `compute_fhog_window_size`: the window centred on the origin, mapped to
 * fhog cells with `image_to_fhog` (C++ integer division truncates toward zero), grown by padding.
 */
export function fhogWindowSize(cellSize: number, padding: number, windowWidth: number, windowHeight: number): { rows: number; cols: number } {
  const r = centeredRect(0, 0, windowWidth, windowHeight);
  const toCell = (p: number) => Math.trunc((p - 1) / cellSize) - 1;
  const cols = toCell(r.right) - toCell(r.left) + 1 + 2 * padding;
  const rows = toCell(r.bottom) - toCell(r.top) + 1 + 2 * padding;
  return { rows, cols };
}

function readOverlap(rd: DlibReader): [number, number] {
  const iou = rd.readDouble('overlap iou_thresh');
  const pc = rd.readDouble('overlap percent_covered_thresh');
  if (!(iou >= 0 && iou <= 1) || !(pc >= 0 && pc <= 1)) rd.fail('overlap tester', `thresholds must be in [0, 1], got ${iou}, ${pc}`);
  return [iou, pc];
}

function readWeights(rd: DlibReader, dims: number, i: number): Float64Array {
  const what = `weight vector ${i}`;
  const m = rd.readMatrix('float64', dims + 1, what);
  if (m.cols !== 1 || m.rows !== dims + 1) rd.fail(what, `expected ${dims + 1}x1, got ${m.rows}x${m.cols}`);
  for (let k = 0; k < m.data.length; k++) {
    if (!Number.isFinite(m.data[k]!)) rd.fail(what, `element ${k} is not finite`);
  }
  return m.data;
}

/** Throws E_BAD_ARGUMENT unless `det` looks like a loaded HogDetector. */
export function assertHogDetector(det: HogDetector, fn: string): void {
  if (det === null || typeof det !== 'object' || !Array.isArray(det.detectors) || det.detectors.length === 0) {
    throw new FacetsError('E_BAD_ARGUMENT', `${fn}: expected a detector from loadHogDetector, got ${String(det)}`);
  }
}
