// The tasks layer: what users call (DESIGN.md public API).
export * from './types.js';
export { detectFaces, MAX_FACES, type DetectOptions } from './detect.js';
export { landmarks, faceLandmarks, LANDMARK_METHODS, type LandmarkMethod, type LandmarksOptions } from './landmarks.js';
export { represent, alignFace, embedChip, MODELS, ALIGN_MODES, LBPH_PARAMS, type ModelName, type AlignMode, type RepresentOptions, type Representation, type AlignedFace } from './represent.js';
export { verify, defaultThreshold, DEFAULT_THRESHOLDS, DEFAULT_METRIC, type VerifyOptions, type VerifyResult } from './verify.js';
export { analyze, ACTIONS, type Action, type AnalyzeOptions, type Analysis, type EmotionModel, type AgeModel, type GenderModel } from './analyze.js';
export { Gallery, saveGallery, loadGallery, type GalleryMatch } from './gallery.js';
export { buildGallery, findInGallery } from './gallery-build.js';
export { explain } from './explain.js';
export { renderReportHtml, type Report, type ReportStage, type ReportFigure } from './report/html.js';
export { distanceFn, cosineDistance, euclideanDistance, euclideanL2Distance, chiSquareDistance, METRICS, type Metric } from './metrics.js';
export { AGE_GROUPS, ageGroup, FER2013_EMOTIONS, type AgeGroup, type Emotion } from './labels.js';
export { evalLfw, type LfwOptions, type LfwResult } from './eval/lfw.js';
export { evalFer2013, type Fer2013Result } from './eval/fer2013.js';
export { evalFind, type FindResult } from './eval/find.js';
