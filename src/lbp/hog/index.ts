/**
 * dlib's HOG frontal face detector in TypeScript: fhog features, the pyramid_down<6> feature
 * pyramid, the 5-filter linear scan and dlib's non-max suppression, matching dlib 19.24.
 * The Node-only file loader lives in `./node.js` (kept out of this browser-safe barrel).
 */
export { extractFhog, FHOG_PLANES, type FhogFeatures } from './fhog.js';
export { pyramidDown6, pyramidDown6Size, pyramidLevelCount, pyramidUp2, rectDown6, rectUp6, rectDown2, rectUp2 } from './pyramid.js';
export { dlibResizeBilinear } from './dlib-resize.js';
export { loadHogDetector, fhogWindowSize, type HogDetector } from './model.js';
export { buildFilterbank, type HogFilterbank } from './filterbank.js';
export { detectHog, buildFeaturePyramid, type HogDetection, type HogDetectOptions } from './detect.js';
export type { DlibRect } from './rect.js';
