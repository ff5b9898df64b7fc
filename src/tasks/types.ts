import type { Point } from '../align/similarity.js';
import type { Box } from '../image/image.js';

export type { Point };

/** Face detectors `detectFaces` knows. 'none' treats the whole image as the face. */
export type DetectorName = 'ssd' | 'tiny' | 'hog' | 'lbp-cascade' | 'haar-cascade' | 'none';
export const DETECTORS: readonly DetectorName[] = ['ssd', 'tiny', 'hog', 'lbp-cascade', 'haar-cascade', 'none'];


/** One detected face: plain JSON. */
export interface Face {
  /** In image pixels (may extend past the border for some detectors, as the originals do). */
  box: Box;
  /**
   * The detector's confidence: a probability for 'ssd' and 'tiny', dlib's SVM margin for
   * 'hog', the number of merged windows for the cascades, 1 for 'none'.
   */
  score: number;
  detector: DetectorName;
  /** 68 iBUG points (0-based pixels) when a stage computed them. */
  landmarks?: Point[];
}
