// A model written by facets loads in OpenCV 4.6 and predicts what facets predicts. Needs a python3
// with cv2 (Debian: apt-get install python3-opencv); skipped with the reason printed otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LBPHRecognizer } from '../../src/lbp/ops/lbph-recognizer.js';
import { LBPH_FIXTURE_DIR, chip, manifest, trainSet } from './fixtures.js';

/** The first interpreter that imports cv2 with the face module; FACETS_PYTHON wins. */
function findPythonWithCv2(): { python?: string; reason: string } {
  const candidates = [process.env.FACETS_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p);
  for (const py of candidates) {
    const r = spawnSync(py, ['-c', 'import cv2; cv2.face.LBPHFaceRecognizer_create'], { encoding: 'utf8', timeout: 30_000 });
    if (r.status === 0) return { python: py, reason: '' };
  }
  return { reason: `no python with cv2.face among ${candidates.join(', ')} (apt-get install python3-opencv, or set FACETS_PYTHON)` };
}

const found = findPythonWithCv2();
if (!found.python) console.log(`[skip] opencv-interop: ${found.reason}`);

describe('LBPHRecognizer YAML in OpenCV', () => {
  it.skipIf(!found.python)('a YAML written by facets loads in OpenCV and predicts the same labels and distances (1e-4 relative)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'facets-lbph-'));
    try {
      for (const params of [{ radius: 2, neighbors: 6, gridX: 7, gridY: 7, threshold: 1e9 }, { radius: 1, neighbors: 4, gridX: 4, gridY: 4, threshold: 3 }]) {
        const r = new LBPHRecognizer(params);
        const { images, labels } = trainSet();
        r.train(images, labels);
        r.setLabelInfo(0, 'first "person"');
        const file = path.join(dir, 'model.yml');
        writeFileSync(file, r.toYAML());
        const imgs = manifest.test.map((t) => path.join(LBPH_FIXTURE_DIR, t.image));
        const run = spawnSync(found.python!, [path.join(LBPH_FIXTURE_DIR, 'check_yaml_in_opencv.py'), file, ...imgs], { encoding: 'utf8', timeout: 60_000 });
        expect(run.status, run.stderr).toBe(0);
        const out = JSON.parse(run.stdout) as { radius: number; neighbors: number; gridX: number; gridY: number; predictions: { label: number; distance: number }[] };
        expect([out.radius, out.neighbors, out.gridX, out.gridY]).toEqual([params.radius, params.neighbors, params.gridX, params.gridY]);
        manifest.test.forEach((t, k) => {
          const mine = r.predict(chip(t.image));
          const theirs = out.predictions[k];
          expect(theirs.label, t.image).toBe(mine.label);
          if (mine.label === -1) expect(theirs.distance).toBe(Number.MAX_VALUE);
          else expect(Math.abs(theirs.distance - mine.distance) / mine.distance).toBeLessThanOrEqual(1e-4);
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
