/**
 * Layer shapes for the kernel benchmark, from face-api 1.7.15's face recognition net
 * (src/faceRecognitionNet/FaceRecognitionNet.ts + model/face_recognition_model-weights_manifest.json):
 * 150x150 input -> convDown 7x7/2 'valid' (72x72x32) -> maxPool 3/2 'valid' (35x35) -> residual
 * 3x3 'same' blocks at 35 / 17 / 8 / 3 px with 32 / 64 / 128 / 256 channels; each residualDown
 * starts with a 3x3/2 'valid' conv. Depthwise shapes are MobileNet-v1 blocks (face-api's SSD and
 * tiny detectors are built from them).
 */
export interface ConvShape { name: string; h: number; w: number; inC: number; outC: number; f: number; stride: number; pad: 'same' | 'valid' }
export interface GemmShape { name: string; m: number; k: number; n: number }

export const CONV_SHAPES: ConvShape[] = [
  { name: 'conv32_down 7x7/2', h: 150, w: 150, inC: 3, outC: 32, f: 7, stride: 2, pad: 'valid' },
  { name: 'conv32 3x3 @35', h: 35, w: 35, inC: 32, outC: 32, f: 3, stride: 1, pad: 'same' },
  { name: 'conv64_down 3x3/2', h: 35, w: 35, inC: 32, outC: 64, f: 3, stride: 2, pad: 'valid' },
  { name: 'conv64 3x3 @17', h: 17, w: 17, inC: 64, outC: 64, f: 3, stride: 1, pad: 'same' },
  { name: 'conv128_down 3x3/2', h: 17, w: 17, inC: 64, outC: 128, f: 3, stride: 2, pad: 'valid' },
  { name: 'conv128 3x3 @8', h: 8, w: 8, inC: 128, outC: 128, f: 3, stride: 1, pad: 'same' },
  { name: 'conv256_down 3x3/2', h: 8, w: 8, inC: 128, outC: 256, f: 3, stride: 2, pad: 'valid' },
  { name: 'conv256 3x3 @3', h: 3, w: 3, inC: 256, outC: 256, f: 3, stride: 1, pad: 'same' },
];

export const DEPTHWISE_SHAPES: ConvShape[] = [
  { name: 'dw 3x3 @150x32', h: 150, w: 150, inC: 32, outC: 32, f: 3, stride: 1, pad: 'same' },
  { name: 'dw 3x3/2 @75x128', h: 75, w: 75, inC: 128, outC: 128, f: 3, stride: 2, pad: 'same' },
  { name: 'dw 3x3 @19x512', h: 19, w: 19, inC: 512, outC: 512, f: 3, stride: 1, pad: 'same' },
];

/** GEMMs of the same net (im2col of two convs) plus a dense layer. */
export const GEMM_SHAPES: GemmShape[] = [
  { name: 'im2col conv32 @35', m: 1225, k: 288, n: 32 },
  { name: 'im2col conv128 @8', m: 64, k: 1152, n: 128 },
  { name: '256^3', m: 256, k: 256, n: 256 },
  { name: 'dense 1x256x128', m: 1, k: 256, n: 128 },
];

/** Multiply-adds x 2 of a conv. */
export function convFlops(s: ConvShape, outH: number, outW: number, depthwise: boolean): number {
  return 2 * outH * outW * s.outC * s.f * s.f * (depthwise ? 1 : s.inC);
}
