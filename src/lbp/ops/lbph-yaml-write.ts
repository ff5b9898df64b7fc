import type { LbphModelData } from './lbph-model.js';
import { formatFloat32, formatFloat64 } from './number-format.js';

/** FileStorage wraps flow sequences past this column (persistence.cpp `wrap_margin`). */
const WRAP_MARGIN = 71;
/** YAML block indentation step (persistence_yml.cpp CV_YML_INDENT) and flow extra (+1). */
const INDENT = 3;

const DBL_MAX = Number.MAX_VALUE;

/**
 * Writes the model as OpenCV's `FaceRecognizer::write` does (`opencv_lbphfaces` node,
 * FileStorage YAML emitter rules: 3-space indent, flow data wrapped at column 71, floats as
 * `%.8e`, ints plain, label strings quoted only when OpenCV would quote them).
 * ensures: OpenCV 4.x `LBPHFaceRecognizer.read` loads the text; for a model OpenCV wrote, the
 *   text is byte-identical to OpenCV's file.
 */
export function writeLbphYaml(m: LbphModelData): string {
  const out: string[] = ['%YAML:1.0', '---', 'opencv_lbphfaces:'];
  const pad = (n: number): string => ' '.repeat(n);
  const i1 = INDENT;
  out.push(`${pad(i1)}threshold: ${formatFloat64(m.threshold === Infinity ? DBL_MAX : m.threshold)}`);
  out.push(`${pad(i1)}radius: ${m.radius}`);
  out.push(`${pad(i1)}neighbors: ${m.neighbors}`);
  out.push(`${pad(i1)}grid_x: ${m.gridX}`);
  out.push(`${pad(i1)}grid_y: ${m.gridY}`);
  out.push(`${pad(i1)}histograms:`);
  const i2 = i1 + INDENT;
  if (m.histograms.length === 0) out.push(`${pad(i2)}[]`);
  // Cell histograms hold few distinct values (count * float(1/cellSize)): format each once.
  const texts = new Map<number, string>();
  const text = (v: number): string => {
    let t = texts.get(v);
    if (t === undefined) texts.set(v, (t = formatFloat32(v)));
    return t;
  };
  for (const h of m.histograms) {
    out.push(`${pad(i2)}- !!opencv-matrix`);
    writeMatrix(out, i2 + INDENT, 1, h.length, 'f', Array.from(h, text));
  }
  out.push(`${pad(i1)}labels: !!opencv-matrix`);
  // An empty cv::Mat is written with dt "u" (CV_8U, its default type).
  if (m.labels.length === 0) writeMatrix(out, i2, 0, 0, 'u', []);
  else writeMatrix(out, i2, m.labels.length, 1, 'i', Array.from(m.labels, String));
  out.push(`${pad(i1)}labelsInfo:`);
  const infos = [...m.labelsInfo.entries()].sort((a, b) => a[0] - b[0]);
  if (infos.length === 0) out.push(`${pad(i2)}[]`);
  for (const [label, text] of infos) {
    out.push(`${pad(i2)}-`);
    out.push(`${pad(i2 + INDENT)}label: ${label}`);
    out.push(`${pad(i2 + INDENT)}value: ${quoteString(text)}`);
  }
  return `${out.join('\n')}\n`;
}

/** `!!opencv-matrix` body at `indent`: rows, cols, dt, then data as a wrapped flow sequence. */
function writeMatrix(out: string[], indent: number, rows: number, cols: number, dt: string, items: string[]): void {
  const pad = ' '.repeat(indent);
  out.push(`${pad}rows: ${rows}`, `${pad}cols: ${cols}`, `${pad}dt: ${dt}`);
  const flowIndent = indent + INDENT + 1;
  let line = `${pad}data: [`;
  let empty = true;
  for (const d of items) {
    if (!empty) line += ',';
    const newOffset = line.length + d.length;
    if (newOffset > WRAP_MARGIN && newOffset - flowIndent > 10) {
      out.push(line);
      line = ' '.repeat(flowIndent) + d;
    } else line += ` ${d}`;
    empty = false;
  }
  if (!empty && line.length > flowIndent) line += ' ';
  out.push(`${line}]`);
}

/** OpenCV's YAML string quoting (persistence_yml.cpp `write(key, str, quote)`). */
function quoteString(s: string): string {
  // OpenCV writes a string that already starts and ends with the same quote verbatim, which
  // loses those quotes on reading; facets escapes them instead (both readers accept it).
  const len = s.length;
  let needQuote = len === 0 || s[0] === ' ';
  let body = '';
  for (const c of s) {
    const code = c.codePointAt(0)!;
    const alnum = /^[A-Za-z0-9]$/.test(c);
    if (!needQuote && !alnum && !'_ -()/+;'.includes(c)) needQuote = true;
    const printable = code >= 32; // cv_isprint: any byte >= ' ' (UTF-8 bytes included)
    if (!alnum && (!printable || c === '\\' || c === "'" || c === '"')) {
      if (printable) body += `\\${c}`;
      else if (c === '\n') body += '\\n';
      else if (c === '\r') body += '\\r';
      else if (c === '\t') body += '\\t';
      else body += `\\x${code.toString(16).padStart(2, '0')}`;
    } else body += c;
  }
  if (!needQuote && /^[0-9+\-.]/.test(s)) needQuote = true;
  return needQuote ? `"${body}"` : body;
}
