// OpenCV `opencv_lbphfaces` model data shared by the YAML reader and writer.

/** The state of an LBPH model, as OpenCV's `LBPH::write` stores it. */
export interface LbphModelData {
  radius: number;
  neighbors: number;
  gridX: number;
  gridY: number;
  /** Infinity stands for OpenCV's default DBL_MAX. */
  threshold: number;
  histograms: Float32Array[];
  labels: Int32Array;
  /** label -> text, OpenCV's `_labelsInfo` (a std::map, so written in ascending label order). */
  labelsInfo: Map<number, string>;
}

/** Largest YAML model accepted: 512 MiB (a 16,384-float histogram takes about 250 KB). */
export const MAX_YAML_BYTES = 512 * 1024 * 1024;

/** OpenCV CV_FS_MAX_LEN: longest string FileStorage writes. */
export const MAX_LABEL_INFO_LENGTH = 4096;
