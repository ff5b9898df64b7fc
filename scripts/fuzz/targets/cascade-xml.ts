/**
 * Cascade XML: mutated shipped OpenCV cascades (LBP improved whole, and cut to its first 3 stages;
 * Haar default cut to its first 2 stages and the features they use, so a case costs
 * milliseconds rather than a 930 KB parse),
 * fed to loadCascade, then detectMultiScale on a small grey image when the load succeeds.
 */
import { loadCascade } from '../../../src/lbp/cascade/index.js';
import type { GrayImage } from '../../../src/image/index.js';
import { mutateText } from '../text.js';
import { repoText } from '../paths.js';
import type { Rng } from '../rng.js';
import type { FuzzTarget } from '../types.js';

/** Start offsets of the `<_>` elements that open each match of `marker` after `from`. */
function elementStarts(xml: string, marker: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = xml.indexOf(marker, from); i !== -1 && i < to; i = xml.indexOf(marker, i + 1)) out.push(xml.lastIndexOf('<_>', i));
  return out;
}

/**
 * The first `keep` stages of a new-format cascade, with the feature list cut to the features
 * those stages use, so the fuzzer spends its time on mutations rather than on re-parsing.
 */
export function firstStages(xml: string, keep: number): string {
  const s0 = xml.indexOf('<stages>');
  const s1 = xml.indexOf('</stages>');
  const stages = elementStarts(xml, '<maxWeakCount>', s0, s1);
  const cut = stages[keep] ?? s1;
  const kept = xml.slice(s0, cut);
  // Node layout: `left right featureIdx threshold` (Haar) or `left right featureIdx subset[8]` (LBP).
  const step = /<featureType>\s*LBP/.test(xml) ? 11 : 4;
  let maxFeature = 0;
  for (const m of kept.matchAll(/<internalNodes>([^<]*)<\/internalNodes>/g)) {
    const v = (m[1] as string).trim().split(/\s+/).map(Number);
    for (let i = 2; i < v.length; i += step) maxFeature = Math.max(maxFeature, v[i] as number);
  }
  const f0 = xml.indexOf('<features>');
  const f1 = xml.indexOf('</features>');
  const feats = elementStarts(xml, '<rects>', f0, f1);
  const fcut = feats[maxFeature + 1] ?? f1;
  return (xml.slice(0, cut) + xml.slice(s1, fcut) + xml.slice(f1)).replace(/<stageNum>\d+<\/stageNum>/, `<stageNum>${keep}</stageNum>`);
}

/** A small deterministic grey test image with some structure (gradient + checker). */
function testImage(size: number): GrayImage {
  const data = new Uint8ClampedArray(size * size);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * size + x] = ((x * 9 + y * 5) & 255) ^ ((x >> 3) + (y >> 3)) % 2 * 90;
  return { width: size, height: size, channels: 1, data };
}

export const cascadeXmlTarget: FuzzTarget<string> = {
  name: 'cascade-xml',
  description: 'loadCascade (OpenCV XML) -> detectMultiScale on a 40x40 grey image',
  prepare() {
    const lbp = repoText('weights/cascades/lbpcascade_frontalface_improved.xml');
    const seeds = [firstStages(lbp, 3), firstStages(repoText('weights/cascades/haarcascade_frontalface_default.xml'), 2)];
    const gray = testImage(40);
    return {
      seeds: seeds.length + 1,
      // The whole LBP cascade (54 KB) in a tenth of the cases; cut cascades in the rest.
      generate: (rng: Rng): string => mutateText(rng, rng.chance(0.1) ? lbp : rng.pick(seeds), { open: '<_>', close: '</_>' }),
      run(xml: string): void {
        loadCascade(xml).detectMultiScale(gray, { scaleFactor: 1.2, minNeighbors: 1 });
      },
    };
  },
};
