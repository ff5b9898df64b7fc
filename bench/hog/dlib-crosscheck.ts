/**
 * Cross-checks facets' HOG detector against a locally built dlib 19.24 (bench/hog/dlib_hog_ref.cpp)
 * beyond the shared fixtures: fhog features, pyramid_down<6> and pyramid_up images bit for bit on
 * random crops, and detections (boxes, filter index, scores) on any list of images, RGB or grey,
 * with upsampling. Images are decoded by facets and handed to dlib as PNG, so both see the same
 * pixels. Dev tool: needs the dlib binary, so it is not a test.
 *
 * Run: DLIB_HOG_REF=/tmp/dlib_hog_ref npx tsx bench/hog/dlib-crosscheck.ts <features|detect> [rgb|gray] [upsample] <image>...
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readImage } from '../../src/image/decode.js';
import { encodePng } from '../../src/image/encode.js';
import { toGray } from '../../src/image/gray.js';
import type { Image } from '../../src/image/image.js';
import { detectHog, extractFhog, loadHogDetector, pyramidDown6, pyramidUp2 } from '../../src/lbp/hog/index.js';

const REF = process.env.DLIB_HOG_REF ?? '';
if (!REF || !fs.existsSync(REF)) throw new Error('set DLIB_HOG_REF to the dlib_hog_ref binary (see bench/hog/dlib_hog_ref.cpp)');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'facets-hog-'));
const [what, ...rest] = process.argv.slice(2);

function crop(img: Image, x: number, y: number, w: number, h: number): Image {
  const c = img.channels;
  const out = new Uint8ClampedArray(w * h * c);
  for (let r = 0; r < h; r++) out.set(img.data.subarray(((y + r) * img.width + x) * c, ((y + r) * img.width + x + w) * c), r * w * c);
  return { width: w, height: h, channels: c, data: out };
}

async function features(files: string[]): Promise<void> {
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const bad = { fhog: 0, pyr: 0, up: 0 };
  const total = { fhog: 0, pyr: 0, up: 0 };
  const inPng = path.join(tmp, 'in.png');
  const outBin = path.join(tmp, 'out.bin');
  for (const file of files) {
    const full = await readImage(file);
    for (let t = 0; t < 3; t++) {
      const w = t === 0 ? full.width : 20 + Math.floor(rnd() * (full.width - 20));
      const h = t === 0 ? full.height : 20 + Math.floor(rnd() * (full.height - 20));
      const x = Math.floor(rnd() * (full.width - w + 1));
      const y = Math.floor(rnd() * (full.height - h + 1));
      for (const mode of ['rgb', 'gray'] as const) {
        const img = mode === 'gray' ? toGray(crop(full, x, y, w, h)) : crop(full, x, y, w, h);
        fs.writeFileSync(inPng, encodePng(img));
        execFileSync(REF, ['fhog', mode, inPng, outBin]);
        const b = fs.readFileSync(outBin);
        const ref = new Float32Array(b.buffer.slice(b.byteOffset + 8, b.byteOffset + b.length));
        const ours = extractFhog(img, 8, 10, 10);
        total.fhog++;
        const same = ours.rows === b.readInt32LE(0) && ours.cols === b.readInt32LE(4) && ref.every((v, i) => v === ours.planes[i]);
        if (!same) {
          bad.fhog++;
          console.log('fhog differs', file, mode, w, h);
        }
        execFileSync(REF, ['pyr', mode, inPng, outBin, '4']);
        const pb = fs.readFileSync(outBin);
        let off = 0;
        let level = img;
        for (let l = 0; l < 4; l++) {
          const pr = pb.readInt32LE(off);
          const pc = pb.readInt32LE(off + 4);
          off += 8;
          level = pyramidDown6(level);
          const n = pr * pc * level.channels;
          total.pyr++;
          if (level.width !== pc || level.height !== pr || !pb.subarray(off, off + n).every((v, i) => v === level.data[i])) {
            bad.pyr++;
            console.log('pyramid_down<6> differs', file, mode, w, h, 'level', l + 1);
          }
          off += n;
        }
        if (mode === 'rgb') {
          execFileSync(REF, ['up', mode, inPng, outBin]);
          const ub = fs.readFileSync(outBin);
          const up = pyramidUp2(img);
          total.up++;
          if (up.width !== ub.readInt32LE(4) || up.height !== ub.readInt32LE(0) || !ub.subarray(8).every((v, i) => v === up.data[i])) {
            bad.up++;
            console.log('pyramid_up differs', file, w, h);
          }
        }
      }
    }
  }
  console.log(JSON.stringify({ checked: total, differing: bad }));
}

async function detect(mode: string, upsample: number, files: string[]): Promise<void> {
  const det = loadHogDetector(fs.readFileSync(path.join(repo, 'weights/hog/frontal_face_detector.svm')));
  const images = new Map<string, Image>();
  for (const [i, file] of files.entries()) {
    let img: Image;
    try {
      img = await readImage(file);
    } catch {
      continue; // e.g. the WebP file among the DeepFace samples
    }
    if (mode === 'gray') img = toGray(img);
    const p = path.join(tmp, `${i}.png`);
    fs.writeFileSync(p, encodePng(img));
    images.set(p, img);
  }
  const lines = execFileSync(REF, ['detect', mode, String(upsample), ...images.keys()], { maxBuffer: 1 << 26 }).toString().trim().split('\n');
  let same = 0;
  let faces = 0;
  let maxScoreErr = 0;
  for (const line of lines) {
    const ref = JSON.parse(line) as { image: string; faces: number[][] };
    const got = detectHog(det, images.get(ref.image)!, { upsample });
    faces += ref.faces.length;
    const g = got.map((d) => [d.rect.left, d.rect.top, d.rect.right, d.rect.bottom, d.filterIndex]);
    const r = ref.faces.map((f) => [f[0], f[1], f[2], f[3], f[5]]);
    if (JSON.stringify(g) === JSON.stringify(r)) {
      same++;
      got.forEach((d, i) => (maxScoreErr = Math.max(maxScoreErr, Math.abs(d.score - ref.faces[i]![4]!))));
    } else {
      console.log('differs', ref.image, JSON.stringify(g), JSON.stringify(ref.faces));
    }
  }
  console.log(JSON.stringify({ mode, upsample, images: lines.length, dlibFaces: faces, identicalImages: same, maxScoreErr }));
}

if (what === 'features') await features(rest);
else if (what === 'detect') await detect(rest[0]!, Number(rest[1]), rest.slice(2));
else throw new Error('usage: dlib-crosscheck.ts <features|detect> [rgb|gray] [upsample] <image>...');
fs.rmSync(tmp, { recursive: true, force: true });
