import { FacetsError } from '../../core/errors.js';
import { MAX_HISTOGRAM_LENGTH } from './histogram.js';
import { MAX_YAML_BYTES, type LbphModelData } from './lbph-model.js';
import { MAX_NEIGHBORS, MAX_RADIUS } from './options.js';
import { parseOpenCvYaml, type YamlNode } from './yaml-subset.js';

const DBL_MAX = Number.MAX_VALUE;

/**
 * Reads an `opencv_lbphfaces` model written by OpenCV (or facets). Like OpenCV it reads the
 * first top-level node, and a missing or zero `threshold` keeps the default (Infinity).
 * requires: text or UTF-8 bytes of at most MAX_YAML_BYTES.
 * throws: `E_TOO_LARGE` past the cap; `E_BAD_MODEL` for anything malformed or inconsistent
 *   (names the field): bad header, missing field, histogram length != gridX*gridY*2^neighbors,
 *   label count != histogram count, non-finite floats, dt other than f / i.
 */
export function readLbphYaml(input: string | Uint8Array, fn = 'LBPHRecognizer.fromYAML'): LbphModelData {
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_YAML_BYTES) tooLarge(fn, input.length);
    text = new TextDecoder('utf-8', { fatal: false }).decode(input);
  } else if (typeof input === 'string') {
    // A JS string of n UTF-16 units holds at least n bytes of UTF-8.
    if (input.length > MAX_YAML_BYTES) tooLarge(fn, input.length);
    text = input;
  } else {
    throw new FacetsError('E_BAD_ARGUMENT', `${fn}: expected YAML text or bytes, got ${typeof input}`);
  }
  const root = parseOpenCvYaml(text, fn);
  const top = root.kind === 'map' ? [...root.entries.values()][0] : undefined;
  if (!top || top.kind !== 'map') bad(fn, 'expected a top-level map node such as opencv_lbphfaces');
  const get = (key: string): YamlNode | undefined => top.entries.get(key);
  const need = (key: string): YamlNode => get(key) ?? bad(fn, `missing field "${key}"`);

  const radius = readInt(fn, 'radius', need('radius'), 1, MAX_RADIUS);
  const neighbors = readInt(fn, 'neighbors', need('neighbors'), 1, MAX_NEIGHBORS);
  const gridX = readInt(fn, 'grid_x', need('grid_x'), 1, MAX_HISTOGRAM_LENGTH);
  const gridY = readInt(fn, 'grid_y', need('grid_y'), 1, MAX_HISTOGRAM_LENGTH);
  const expected = gridX * gridY * 2 ** neighbors;
  if (expected > MAX_HISTOGRAM_LENGTH) bad(fn, `grid_x*grid_y*2^neighbors = ${expected} exceeds the cap of ${MAX_HISTOGRAM_LENGTH} floats`);
  let threshold = Infinity;
  const t = get('threshold');
  if (t) {
    const v = readReal(fn, 'threshold', t);
    if (Number.isNaN(v)) bad(fn, 'threshold is NaN');
    // LBPH::read: "if (_t != 0) _threshold = _t" -- older files have no threshold.
    if (v !== 0) threshold = v === DBL_MAX ? Infinity : v;
  }

  const hNode = need('histograms');
  if (hNode.kind !== 'seq' && !(hNode.kind === 'scalar' && hNode.value === '')) bad(fn, `histograms must be a sequence (line ${hNode.line})`);
  const histograms: Float32Array[] = [];
  const values = new Map<string, number>(); // the same few value strings repeat throughout
  for (const item of hNode.kind === 'seq' ? hNode.items : []) {
    const { data, dt } = readMatrix(fn, 'histograms[]', item);
    if (dt !== 'f') bad(fn, `histograms[${histograms.length}] has dt "${dt}", expected "f" (float32)`);
    if (data.length !== expected) {
      bad(fn, `histograms[${histograms.length}] has ${data.length} values, expected grid_x*grid_y*2^neighbors = ${expected}`);
    }
    const h = new Float32Array(data.length);
    for (let k = 0; k < data.length; k++) {
      let v = values.get(data[k]);
      if (v === undefined) values.set(data[k], (v = parseReal(data[k])));
      if (!Number.isFinite(v)) bad(fn, `histograms[${histograms.length}][${k}] is not a finite number: ${JSON.stringify(data[k].slice(0, 30))}`);
      h[k] = v;
    }
    histograms.push(h);
  }

  const lab = readMatrix(fn, 'labels', need('labels'));
  if (lab.data.length > 0 && lab.dt !== 'i') bad(fn, `labels has dt "${lab.dt}", expected "i" (int32)`);
  if (lab.data.length !== histograms.length) bad(fn, `labels has ${lab.data.length} entries but there are ${histograms.length} histograms`);
  const labels = new Int32Array(lab.data.length);
  for (let k = 0; k < lab.data.length; k++) labels[k] = parseInt32(fn, `labels[${k}]`, lab.data[k]);

  const labelsInfo = new Map<number, string>();
  const infoNode = get('labelsInfo');
  if (infoNode && infoNode.kind === 'seq') {
    for (const item of infoNode.items) {
      if (item.kind !== 'map') bad(fn, `labelsInfo items must be maps (line ${item.line})`);
      const l = item.entries.get('label');
      const v = item.entries.get('value');
      if (!l || !v || v.kind !== 'scalar') bad(fn, `labelsInfo item at line ${item.line} needs "label" and "value"`);
      labelsInfo.set(readInt(fn, 'labelsInfo.label', l, -(2 ** 31), 2 ** 31 - 1), v.value);
    }
  }
  return { radius, neighbors, gridX, gridY, threshold, histograms, labels, labelsInfo };
}

function readMatrix(fn: string, what: string, node: YamlNode): { dt: string; data: string[] } {
  if (node.kind !== 'map' || node.tag !== 'opencv-matrix') bad(fn, `${what} must be an !!opencv-matrix (line ${node.line})`);
  const rows = readInt(fn, `${what}.rows`, node.entries.get('rows') ?? bad(fn, `${what} has no rows`), 0, 2 ** 31 - 1);
  const cols = readInt(fn, `${what}.cols`, node.entries.get('cols') ?? bad(fn, `${what} has no cols`), 0, 2 ** 31 - 1);
  const dtNode = node.entries.get('dt');
  if (!dtNode || dtNode.kind !== 'scalar') bad(fn, `${what} has no dt`);
  const dataNode = node.entries.get('data');
  if (!dataNode || dataNode.kind !== 'seq') bad(fn, `${what} has no data sequence (line ${node.line})`);
  const data = dataNode.items.map((it) => (it.kind === 'scalar' ? it.value : bad(fn, `${what}.data holds a non-scalar (line ${it.line})`)));
  if (data.length !== rows * cols) bad(fn, `${what} is ${rows}x${cols} but holds ${data.length} values (line ${node.line})`);
  return { dt: dtNode.value, data };
}

const REAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A FileStorage real: decimal text or .Inf / -.Inf / .Nan; NaN when unparsable. */
function parseReal(s: string): number {
  if (REAL.test(s)) return Number(s);
  const l = s.toLowerCase();
  if (l === '.inf' || l === '+.inf') return Infinity;
  if (l === '-.inf') return -Infinity;
  return NaN;
}

function readReal(fn: string, what: string, node: YamlNode): number {
  if (node.kind !== 'scalar') bad(fn, `${what} must be a number (line ${node.line})`);
  const l = node.value.toLowerCase();
  if (l === '.nan') return NaN;
  const v = parseReal(node.value);
  if (Number.isNaN(v)) bad(fn, `${what} must be a number, got ${JSON.stringify(node.value.slice(0, 30))} (line ${node.line})`);
  return v;
}

function readInt(fn: string, what: string, node: YamlNode, min: number, max: number): number {
  if (node.kind !== 'scalar') bad(fn, `${what} must be an integer (line ${node.line})`);
  const v = parseReal(node.value);
  if (!Number.isInteger(v) || v < min || v > max) {
    bad(fn, `${what} must be an integer in ${min}..${max}, got ${JSON.stringify(node.value.slice(0, 30))} (line ${node.line})`);
  }
  return v;
}

function parseInt32(fn: string, what: string, s: string): number {
  const v = parseReal(s);
  if (!Number.isInteger(v) || v < -(2 ** 31) || v > 2 ** 31 - 1) bad(fn, `${what} must be an int32, got ${JSON.stringify(s.slice(0, 30))}`);
  return v;
}

function bad(fn: string, msg: string): never {
  throw new FacetsError('E_BAD_MODEL', `${fn}: ${msg}`);
}

function tooLarge(fn: string, n: number): never {
  throw new FacetsError('E_TOO_LARGE', `${fn}: model is ${n} bytes, over the ${MAX_YAML_BYTES}-byte cap (MAX_YAML_BYTES)`);
}
