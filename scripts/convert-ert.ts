/**
 * Converts dlib's shape_predictor_68_face_landmarks.dat (Debian `libdlib-data`) into facets'
 * compact ERT file. Deterministic: the same input gives byte-identical output.
 *
 *   npx tsx scripts/convert-ert.ts [input.dat] [output.fert] [--exact]
 *
 * Defaults: /usr/share/dlib/shape_predictor_68_face_landmarks.dat ->
 * weights/ert/shape_predictor_68_face_landmarks.fert, int16 leaves (`--exact`: float32 leaves).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDlibShapePredictor } from '../src/align/dlib-dat.js';
import { decodeShapeModel, encodeShapeModel } from '../src/align/ert-format.js';
import { leafValueAt } from '../src/align/shape-model.js';
import { DEFAULT_ERT_FILE } from '../src/align/node.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const exact = process.argv.includes('--exact');
const input = args[0] ?? '/usr/share/dlib/shape_predictor_68_face_landmarks.dat';
const output = args[1] ?? join(root, 'weights', 'ert', DEFAULT_ERT_FILE);

const src = readFileSync(input);
const model = parseDlibShapePredictor(src);
const out = encodeShapeModel(model, exact ? 'float32' : 'int16');
// Round-trip check: the file must decode, and quantisation error must stay within half a step.
const back = decodeShapeModel(out);
let maxErr = 0;
for (let i = 0; i < model.leafValues.length; i++) maxErr = Math.max(maxErr, Math.abs(leafValueAt(back, i) - model.leafValues[i]));
writeFileSync(output, out);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
console.log(JSON.stringify({
  input, inputBytes: src.length, inputSha256: sha(src),
  output, outputBytes: out.length, outputSha256: sha(out),
  leafEncoding: exact ? 'float32' : 'int16',
  parts: model.numParts, cascades: model.treesPerCascade.length, trees: model.treesPerCascade.reduce((a, b) => a + b, 0), depth: model.depth,
  maxLeafError: maxErr,
}, null, 2));
