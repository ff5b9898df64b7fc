// LBP operators, spatial histograms, distances, the OpenCV-compatible LBPH recogniser and its
// report views. The integrator re-exports this from src/lbp/index.ts.
export { lbpImage, type LbpCodeImage } from './lbp-image.js';
export { lbpHistogram, spatialHistogram, MAX_HISTOGRAM_LENGTH, type LbpHistogramOptions } from './histogram.js';
export { MAX_NEIGHBORS, MAX_RADIUS, type LbpMapping, type LbpOperator, type LbpOptions } from './options.js';
export { getMapping, mappingBins, transitions as lbpTransitions, MAX_RI_NEIGHBORS, type CodeMapping } from './mapping.js';
export { chiSquare, chiSquareAlt, histogramIntersection, intersectionDistance, weightedChiSquare, type HistogramLike } from './distance.js';
export { LBPHRecognizer, type LBPHOptions, type LBPHPrediction } from './lbph-recognizer.js';
export { readLbphYaml } from './lbph-yaml-read.js';
export { writeLbphYaml } from './lbph-yaml-write.js';
export { MAX_YAML_BYTES, MAX_LABEL_INFO_LENGTH, type LbphModelData } from './lbph-model.js';
export { lbpCodesToImage, histogramBarsImage, type HistogramBarsOptions } from './view.js';
