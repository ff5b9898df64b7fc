// Shared loading of ../shared/fixtures/opencv-lbph (OpenCV 4.6 cv2.face.LBPHFaceRecognizer).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeImage } from '../../src/image/decode.js';
import type { Image } from '../../src/image/image.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LBPH_FIXTURE_DIR = path.resolve(repoRoot, '../shared/fixtures/opencv-lbph');

export interface LbphCase {
  params: { radius: number; neighbors: number; gridX: number; gridY: number };
  tag: string;
  histLength: number;
  histogramsOfFirst3Train: string;
  openCvModel: string;
  predictions: { image: string; true: number; label: number; distance: number }[];
  timing: { trainMsPerImage: number; predictMsPerImage: number };
}

export interface LbphManifest {
  opencv: string;
  train: { image: string; label: number }[];
  test: { image: string; label: number }[];
  people: string[];
  cases: LbphCase[];
  thresholdCase: { threshold: number; image: string; label: number; distance: number };
}

export const manifest: LbphManifest = JSON.parse(readFileSync(path.join(LBPH_FIXTURE_DIR, 'manifest.json'), 'utf8'));

const cache = new Map<string, Image>();

/** A fixture chip, decoded once per worker (grey PNG -> channels 1). */
export function chip(name: string): Image {
  let img = cache.get(name);
  if (!img) {
    img = decodeImage(readFileSync(path.join(LBPH_FIXTURE_DIR, name)));
    cache.set(name, img);
  }
  return img;
}

export function fixtureText(name: string): string {
  return readFileSync(path.join(LBPH_FIXTURE_DIR, name), 'utf8');
}

export function trainSet(): { images: Image[]; labels: number[] } {
  return { images: manifest.train.map((t) => chip(t.image)), labels: manifest.train.map((t) => t.label) };
}
