/**
 * One test per documented cap and error code of the model readers: cascade XML, shape
 * predictors (.fert / dlib .dat), weights (integrity at load), graphs, LBPH YAML.
 */
import { describe, expect, it } from 'vitest';
import { encodeShapeModel } from '../../src/align/ert-format.js';
import { loadShapePredictor } from '../../src/align/load.js';
import { SHAPE_MODEL_LIMITS } from '../../src/align/shape-model.js';
import { createImage } from '../../src/image/index.js';
import { CASCADE_LIMITS, CASCADE_XML_LIMITS, loadCascade } from '../../src/lbp/cascade/index.js';
import { LBPHRecognizer } from '../../src/lbp/ops/lbph-recognizer.js';
import { MAX_YAML_BYTES } from '../../src/lbp/ops/lbph-model.js';
import { loadWeights, WEIGHTS_LIMITS } from '../../src/nn/weights/index.js';
import { GRAPH_LIMITS } from '../../src/nn/graph/types.js';
import { parseGraph } from '../../src/nn/graph/parse.js';
import { loadModel } from '../../src/nn/models/load-model.js';
import { randomModel, writeDlibShapePredictor } from '../align/dlib-writer.js';
import { codeOf, repoBytes, repoText } from './helpers.js';

describe('cascade XML caps (CASCADE_XML_LIMITS, CASCADE_LIMITS)', () => {
  const lbp = repoText('weights/cascades/lbpcascade_frontalface_improved.xml');

  it('documents its defaults', () => {
    expect(CASCADE_XML_LIMITS).toEqual({ maxChars: 4 * 1024 * 1024, maxNestedTags: 32 });
    expect(CASCADE_LIMITS).toEqual({ maxWindow: 1024, maxStages: 1000, maxTreesPerStage: 10_000, maxTotalNodes: 1_000_000, maxNodesPerTree: 1024, maxFeatures: 200_000 });
  });

  it('maxChars: a file one character over 4 Mi characters is E_TOO_LARGE', async () => {
    const padded = lbp + ' '.repeat(CASCADE_XML_LIMITS.maxChars + 1 - lbp.length);
    expect(await codeOf(() => loadCascade(padded))).toBe('E_TOO_LARGE');
  });

  it('maxNestedTags: 40 nested elements are refused (E_BAD_MODEL), not recursed into', async () => {
    const deep = lbp.replace('<stageType>', `${'<_>'.repeat(40)}${'</_>'.repeat(40)}<stageType>`);
    expect(await codeOf(() => loadCascade(deep))).toBe('E_BAD_MODEL');
  });

  it('maxWindow: a 1,025 px training window is E_BAD_MODEL (out of range)', async () => {
    expect(await codeOf(() => loadCascade(lbp.replace(/<width>\d+<\/width>/, '<width>1025</width>')))).toBe('E_BAD_MODEL');
  });

  it('maxStages: 1,001 stages is E_TOO_LARGE', async () => {
    const s0 = lbp.indexOf('<stages>') + '<stages>'.length;
    const first = lbp.slice(s0, lbp.indexOf('<!-- stage 1 -->'));
    const many = lbp.slice(0, s0) + first.repeat(1001) + lbp.slice(lbp.indexOf('</stages>'));
    expect(await codeOf(() => loadCascade(many.replace(/<stageNum>\d+<\/stageNum>/, '<stageNum>1001</stageNum>')))).toBe('E_TOO_LARGE');
  });

  // Not here: maxFeatures (200,000), whose test file is 5.4 M characters and takes seconds of CPU
  // to parse, too slow for the suite (it is E_TOO_LARGE, checked by hand).
  it('maxTreesPerStage (10,000): one more is E_TOO_LARGE', async () => {
    const w0 = lbp.indexOf('<weakClassifiers>') + '<weakClassifiers>'.length;
    const weak = lbp.slice(w0, lbp.indexOf('</_>', w0) + 4);
    const wide = lbp.slice(0, w0) + weak.repeat(CASCADE_LIMITS.maxTreesPerStage + 1) + lbp.slice(lbp.indexOf('</weakClassifiers>'));
    expect(await codeOf(() => loadCascade(wide))).toBe('E_TOO_LARGE');
  });

  it('maxNodesPerTree (1,024): a tree with 1,025 nodes is E_BAD_MODEL', async () => {
    const node = ' 0 -1 26 -1 -1 -17409 -1 -1 -1 -1 -1';
    expect(await codeOf(() => loadCascade(lbp.replace(/<internalNodes>[^<]*</, `<internalNodes>${node.repeat(1025)}<`)))).toBe('E_BAD_MODEL');
  });

  it('E_BAD_MODEL for a DOCTYPE (entity expansion) and for truncation; E_UNSUPPORTED for the old format', async () => {
    expect(await codeOf(() => loadCascade(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>${lbp.slice(lbp.indexOf('<opencv_storage>'))}`))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => loadCascade(lbp.slice(0, lbp.length >> 1)))).toBe('E_BAD_MODEL');
    const old = '<?xml version="1.0"?><opencv_storage><c type_id="opencv-haar-classifier"><size>24 24</size><stages></stages></c></opencv_storage>';
    expect(await codeOf(() => loadCascade(old))).toBe('E_UNSUPPORTED');
  });
});

describe('shape predictor caps (SHAPE_MODEL_LIMITS)', () => {
  const fert = encodeShapeModel(randomModel(3), 'int16');
  const patched = (offset: number, v: number): Uint8Array => {
    const b = fert.slice();
    new DataView(b.buffer).setUint32(offset, v, true);
    return b;
  };

  it('documents its defaults', () => {
    expect(SHAPE_MODEL_LIMITS).toEqual({ maxParts: 1000, maxCascades: 100, maxTreesPerCascade: 10_000, maxDepth: 12, maxFeatures: 65_535, maxLeafFloats: 64 * 1024 * 1024 });
  });

  it('maxParts, maxDepth, maxCascades: header fields past them are E_BAD_MODEL before any allocation', async () => {
    expect(await codeOf(() => loadShapePredictor(patched(12, 1001)))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => loadShapePredictor(patched(16, 13)))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => loadShapePredictor(patched(20, 101)))).toBe('E_BAD_MODEL');
  });

  it('maxFeatures and maxTreesPerCascade: header totals past 100 cascades of them are E_BAD_MODEL', async () => {
    expect(await codeOf(() => loadShapePredictor(patched(24, SHAPE_MODEL_LIMITS.maxFeatures * SHAPE_MODEL_LIMITS.maxCascades + 1)))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => loadShapePredictor(patched(28, SHAPE_MODEL_LIMITS.maxTreesPerCascade * SHAPE_MODEL_LIMITS.maxCascades + 1)))).toBe('E_BAD_MODEL');
  });

  it('maxLeafFloats: 1,000 parts x depth 12 x 100 trees (819 M leaf floats) is E_BAD_MODEL', async () => {
    const b = patched(12, 1000);
    const dv = new DataView(b.buffer);
    dv.setUint32(16, 12, true);
    dv.setUint32(28, 100, true);
    await expect(async () => loadShapePredictor(b)).rejects.toMatchObject({ code: 'E_BAD_MODEL', message: expect.stringMatching(/leaf values exceed/) });
  });

  it('E_BAD_MODEL: a truncated or bit-flipped .fert, a truncated dlib .dat, an unknown .dat version', async () => {
    expect(await codeOf(() => loadShapePredictor(fert.subarray(0, fert.length - 8)))).toBe('E_BAD_MODEL');
    const flipped = fert.slice();
    flipped[fert.length >> 1] ^= 0x10;
    expect(await codeOf(() => loadShapePredictor(flipped))).toBe('E_BAD_MODEL');
    const dat = writeDlibShapePredictor(randomModel(3));
    expect(await codeOf(() => loadShapePredictor(dat.subarray(0, dat.length - 3)))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => loadShapePredictor(writeDlibShapePredictor(randomModel(3), 2)))).toBe('E_BAD_MODEL');
  });
});

describe('weights integrity and caps (WEIGHTS_LIMITS)', () => {
  const header = JSON.parse(repoText('weights/landmark68-tiny.json')) as Record<string, unknown> & { tensors: Array<Record<string, unknown>>; binary: Record<string, unknown> };
  const binary = repoBytes('weights/landmark68-tiny.bin');
  const viaLoadModel = (json: Uint8Array, bin: Uint8Array) => loadModel('landmark68-tiny', {
    readFile: async (url: URL) => (url.pathname.endsWith('.json') ? json : bin),
  });
  const jsonBytes = (h: unknown) => new TextEncoder().encode(JSON.stringify(h));

  it('documents its defaults', () => {
    expect(WEIGHTS_LIMITS).toEqual({ maxTensors: 4096, maxRank: 6, maxElements: 1 << 26, maxBinaryBytes: 256 * 1024 * 1024, maxStringLength: 512 });
  });

  it('a truncated binary fails at load with E_BAD_WEIGHTS (through loadModel too)', async () => {
    expect(await codeOf(() => loadWeights(header, binary.subarray(0, binary.length - 1)))).toBe('E_BAD_WEIGHTS');
    expect(await codeOf(() => viaLoadModel(jsonBytes(header), binary.subarray(0, 1000)))).toBe('E_BAD_WEIGHTS');
  });

  it('a single flipped bit in the binary fails the sha256 at load (E_BAD_WEIGHTS)', async () => {
    const flipped = binary.slice();
    flipped[12_345] ^= 0x01;
    await expect(async () => loadWeights(header, flipped)).rejects.toMatchObject({ code: 'E_BAD_WEIGHTS', message: expect.stringMatching(/sha256/) });
    expect(await codeOf(() => viaLoadModel(jsonBytes(header), flipped))).toBe('E_BAD_WEIGHTS');
  });

  it('a header that is not JSON, of an unknown version, or past each cap is E_BAD_WEIGHTS', async () => {
    expect(await codeOf(() => viaLoadModel(new TextEncoder().encode('{"format": "facets-weights",'), binary))).toBe('E_BAD_WEIGHTS');
    expect(await codeOf(() => loadWeights({ ...header, version: 2 }, binary))).toBe('E_BAD_WEIGHTS');
    const t0 = header.tensors[0]!;
    const cases: unknown[] = [
      { ...header, tensors: Array.from({ length: WEIGHTS_LIMITS.maxTensors + 1 }, () => t0) },
      { ...header, tensors: [{ ...t0, shape: [1, 1, 1, 1, 1, 1, 1] }] },
      { ...header, tensors: [{ ...t0, shape: [1 << 13, 1 << 13, 2] }] },
      { ...header, binary: { ...header.binary, byteLength: WEIGHTS_LIMITS.maxBinaryBytes + 1 } },
      { ...header, name: 'x'.repeat(WEIGHTS_LIMITS.maxStringLength + 1) },
    ];
    for (const h of cases) expect(await codeOf(() => loadWeights(h, binary))).toBe('E_BAD_WEIGHTS');
  });
});

describe('graph caps (GRAPH_LIMITS)', () => {
  const graph = JSON.parse(repoText('weights/human/emotion.graph.json')) as { nodes: Array<Record<string, unknown>> } & Record<string, unknown>;

  it('documents its defaults', () => {
    expect(GRAPH_LIMITS).toEqual({ maxNodes: 20000, maxInputsPerNode: 64, maxNameLength: 512, maxRank: 8, maxDim: 1 << 20, maxFusedOps: 4 });
  });

  it('maxNodes, maxNameLength, maxInputsPerNode: a graph past each is E_BAD_MODEL', async () => {
    const n0 = graph.nodes[0]!;
    const many = { ...graph, nodes: Array.from({ length: GRAPH_LIMITS.maxNodes + 1 }, (_, i) => ({ ...n0, name: `n${i}` })) };
    expect(await codeOf(() => parseGraph(many))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => parseGraph({ ...graph, nodes: [{ ...n0, name: 'x'.repeat(GRAPH_LIMITS.maxNameLength + 1) }, ...graph.nodes.slice(1)] }))).toBe('E_BAD_MODEL');
    const wide = graph.nodes.map((n) => (n.op === 'Relu' || n.op === 'Add' || n.op === 'AddV2' ? { ...n, inputs: Array.from({ length: GRAPH_LIMITS.maxInputsPerNode + 1 }, () => n0.name) } : n));
    expect(await codeOf(() => parseGraph({ ...graph, nodes: wide }))).toBe('E_BAD_MODEL');
  });

  it('maxRank, maxDim, maxFusedOps: an input of rank 9, a dimension of 2^20 + 1, five fused ops are E_BAD_MODEL', async () => {
    expect(await codeOf(() => parseGraph({ ...graph, inputs: [{ name: 'input_1', shape: [-1, 1, 1, 1, 1, 1, 1, 1, 1] }] }))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => parseGraph({ ...graph, inputs: [{ name: 'input_1', shape: [-1, GRAPH_LIMITS.maxDim + 1, 64, 1] }] }))).toBe('E_BAD_MODEL');
    const fused = graph.nodes.map((n) => {
      const attrs = n.attrs as Record<string, unknown>;
      return attrs.fusedOps ? { ...n, attrs: { ...attrs, fusedOps: ['BiasAdd', 'Relu', 'Relu', 'Relu', 'Relu'] } } : n;
    });
    expect(await codeOf(() => parseGraph({ ...graph, nodes: fused }))).toBe('E_BAD_MODEL');
  });

  it('E_BAD_MODEL for an unknown format version and a node reading an undefined input', async () => {
    expect(await codeOf(() => parseGraph({ ...graph, version: 2 }))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => parseGraph({ ...graph, nodes: [...graph.nodes, { name: 'dangling', op: 'Relu', inputs: ['nowhere'], attrs: {} }] }))).toBe('E_BAD_MODEL');
  });
});

describe('LBPH YAML caps', () => {
  const faces = [createImage(16, 16, 1), createImage(16, 16, 1)];
  faces[1]!.data.forEach((_, i, d) => { d[i] = (i * 29) & 255; });
  const rec = new LBPHRecognizer({ radius: 1, neighbors: 4, gridX: 2, gridY: 2 });
  rec.train(faces, [0, 1]);
  const yaml = rec.toYAML();

  it('MAX_YAML_BYTES (512 MiB): one byte more is E_TOO_LARGE before decoding', async () => {
    expect(MAX_YAML_BYTES).toBe(512 * 1024 * 1024);
    expect(await codeOf(() => LBPHRecognizer.fromYAML(new Uint8Array(MAX_YAML_BYTES + 1)))).toBe('E_TOO_LARGE');
  });

  it('E_BAD_MODEL: radius past 1,024, neighbors past 31, a histogram over 2^24 floats, NaN in a histogram, truncation', async () => {
    expect(LBPHRecognizer.fromYAML(yaml).predict(faces[1]!).label).toBe(1);
    expect(await codeOf(() => LBPHRecognizer.fromYAML(yaml.replace(/radius: 1/, 'radius: 1025')))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => LBPHRecognizer.fromYAML(yaml.replace(/neighbors: 4/, 'neighbors: 32')))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => LBPHRecognizer.fromYAML(yaml.replace(/neighbors: 4/, 'neighbors: 24')))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => LBPHRecognizer.fromYAML(yaml.replace(/(data: \[\s*)[-0-9.e+]+/, '$1.nan')))).toBe('E_BAD_MODEL');
    expect(await codeOf(() => LBPHRecognizer.fromYAML(yaml.slice(0, yaml.length >> 1)))).toBe('E_BAD_MODEL');
  });
});
