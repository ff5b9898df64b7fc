import { check } from '../../core/errors.js';
import type { Box } from '../../image/image.js';
import { roundHalfEven as cvRound } from '../../image/round.js';

/**
 * OpenCV `SimilarRects(eps)`: two boxes are one object when every edge moves by at most
 * `eps * (min widths + min heights) / 2`.
 */
export function similarRects(a: Box, b: Box, eps: number): boolean {
  const delta = eps * (Math.min(a.width, b.width) + Math.min(a.height, b.height)) * 0.5;
  return (
    Math.abs(a.x - b.x) <= delta &&
    Math.abs(a.y - b.y) <= delta &&
    Math.abs(a.x + a.width - b.x - b.width) <= delta &&
    Math.abs(a.y + a.height - b.y - b.height) <= delta
  );
}

/**
 * Equivalence classes of `rects` under the transitive closure of `similarRects` (OpenCV
 * `cv::partition`, a union-find). Classes are numbered in order of their first member, like
 * OpenCV's final enumeration pass. ensures: labels[i] in 0..nclasses-1.
 */
export function partitionRects(rects: readonly Box[], eps: number): { labels: Int32Array; nclasses: number } {
  const n = rects.length;
  const parent = new Int32Array(n).fill(-1);
  const rank = new Int32Array(n);
  const find = (i: number): number => {
    let r = i;
    while (parent[r]! >= 0) r = parent[r]!;
    while (parent[i]! >= 0) { // path compression
      const p = parent[i]!;
      parent[i] = r;
      i = p;
    }
    return r;
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j || !similarRects(rects[i]!, rects[j]!, eps)) continue;
      const a = find(i), b = find(j);
      if (a === b) continue;
      if (rank[a]! > rank[b]!) parent[b] = a;
      else {
        parent[a] = b;
        if (rank[a] === rank[b]) rank[b]!++;
      }
    }
  }
  const labels = new Int32Array(n);
  const classOf = new Int32Array(n).fill(-1);
  let nclasses = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (classOf[r] === -1) classOf[r] = nclasses++;
    labels[i] = classOf[r]!;
  }
  return { labels, nclasses };
}

/** A grouped box and how many raw candidates voted for it. */
export interface GroupedBox extends Box {
  neighbors: number;
}

/**
 * OpenCV 4.6 `groupRectangles(rectList, groupThreshold, eps)` (no weights).
 * requires: groupThreshold an integer; eps >= 0.
 * ensures: groupThreshold <= 0 or no input -> the input boxes unchanged (OpenCV returns early,
 *   without merging); else clusters are averaged (`saturate_cast<int>(sum * (1.f/n))`, float32),
 *   clusters with <= groupThreshold members dropped, and a cluster dropped when it lies inside
 *   another kept one (margins `saturate_cast<int>(w * eps)`) that has more votes
 *   (`n2 > max(3, n1) || n1 < 3`). Output order: class order (first member order).
 */
export function groupRectangles(rects: readonly Box[], groupThreshold: number, eps = 0.2): GroupedBox[] {
  check(Number.isInteger(groupThreshold), 'groupRectangles', `groupThreshold must be an integer, got ${groupThreshold}`);
  check(Number.isFinite(eps) && eps >= 0, 'groupRectangles', `eps must be a finite number >= 0, got ${eps}`);
  if (groupThreshold <= 0 || rects.length === 0) return rects.map((r) => ({ x: r.x, y: r.y, width: r.width, height: r.height, neighbors: 1 }));
  const { labels, nclasses } = partitionRects(rects, eps);
  const sx = new Float64Array(nclasses), sy = new Float64Array(nclasses), sw = new Float64Array(nclasses), sh = new Float64Array(nclasses);
  const count = new Int32Array(nclasses);
  for (let i = 0; i < rects.length; i++) {
    const c = labels[i]!, r = rects[i]!;
    sx[c] += r.x; sy[c] += r.y; sw[c] += r.width; sh[c] += r.height;
    count[c]!++;
  }
  const avg: Box[] = [];
  for (let c = 0; c < nclasses; c++) {
    const s = Math.fround(1 / count[c]!);
    // int * float in C++ is float arithmetic: the sum is converted to float, multiplied in float.
    const f = (v: number): number => cvRound(Math.fround(Math.fround(v) * s));
    avg.push({ x: f(sx[c]!), y: f(sy[c]!), width: f(sw[c]!), height: f(sh[c]!) });
  }
  const out: GroupedBox[] = [];
  for (let i = 0; i < nclasses; i++) {
    const r1 = avg[i]!, n1 = count[i]!;
    if (n1 <= groupThreshold) continue;
    let inside = false;
    for (let j = 0; j < nclasses; j++) {
      const n2 = count[j]!;
      if (j === i || n2 <= groupThreshold) continue;
      const r2 = avg[j]!;
      const dx = cvRound(r2.width * eps), dy = cvRound(r2.height * eps);
      if (
        r1.x >= r2.x - dx && r1.y >= r2.y - dy &&
        r1.x + r1.width <= r2.x + r2.width + dx && r1.y + r1.height <= r2.y + r2.height + dy &&
        (n2 > Math.max(3, n1) || n1 < 3)
      ) {
        inside = true;
        break;
      }
    }
    if (!inside) out.push({ ...r1, neighbors: n1 });
  }
  return out;
}
