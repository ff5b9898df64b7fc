export { CascadeClassifier, loadCascade, type CascadeDetections, type CascadeScaleStats, type DetectMultiScaleOptions } from './classifier.js';
export { groupRectangles, partitionRects, similarRects, type GroupedBox } from './group.js';
export { readCascadeXml, CASCADE_LIMITS } from './read.js';
export { CASCADE_XML_LIMITS } from './xml.js';
export { planScales, type ScalePlan, type SizeLimit } from './scales.js';
export { integralSums, integralTilted } from './integral.js';
export { loadShippedCascade, SHIPPED_CASCADES, type ShippedCascadeName } from './shipped.js';
export type { CascadeModel, CascadeFeatureType } from './model.js';
