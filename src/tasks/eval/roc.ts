/** Verification statistics over labelled pairs (distance: smaller means "same"). */
export interface ScoredPair {
  distance: number;
  same: boolean;
}

/** Accuracy of the rule `distance < threshold`. */
export function accuracyAt(pairs: readonly ScoredPair[], threshold: number): number {
  let ok = 0;
  for (const p of pairs) if ((p.distance < threshold) === p.same) ok++;
  return pairs.length ? ok / pairs.length : 0;
}

/**
 * The threshold with the best accuracy on `pairs`: candidates are midpoints between consecutive
 * sorted distances (and the ends), so the choice does not depend on a grid.
 */
export function bestThreshold(pairs: readonly ScoredPair[]): { threshold: number; accuracy: number } {
  const d = [...new Set(pairs.map((p) => p.distance))].sort((a, b) => a - b);
  if (d.length === 0) return { threshold: 0, accuracy: 0 };
  const cands = [d[0]! - 1e-9, ...d.slice(1).map((v, i) => (v + d[i]!) / 2), d[d.length - 1]! + 1e-9];
  // One sweep: sort pairs once and count how many same/different fall below each candidate.
  const sorted = [...pairs].sort((a, b) => a.distance - b.distance);
  const nDiff = pairs.filter((p) => !p.same).length;
  let i = 0;
  let sameBelow = 0;
  let diffBelow = 0;
  let best = { threshold: cands[0]!, accuracy: -1 };
  for (const t of cands) {
    while (i < sorted.length && sorted[i]!.distance < t) {
      if (sorted[i]!.same) sameBelow++;
      else diffBelow++;
      i++;
    }
    const acc = (sameBelow + (nDiff - diffBelow)) / pairs.length;
    if (acc > best.accuracy) best = { threshold: t, accuracy: acc };
  }
  return best;
}

/** Area under the ROC curve: the probability a same pair scores closer than a different pair (ties count half). */
export function rocAuc(pairs: readonly ScoredPair[]): number {
  const sorted = [...pairs].sort((a, b) => a.distance - b.distance);
  const nSame = pairs.filter((p) => p.same).length;
  const nDiff = pairs.length - nSame;
  if (!nSame || !nDiff) return NaN;
  // Mann-Whitney U with average ranks for ties.
  let rankSumDiff = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.distance === sorted[i]!.distance) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (!sorted[k]!.same) rankSumDiff += avgRank;
    i = j;
  }
  const u = rankSumDiff - (nDiff * (nDiff + 1)) / 2;
  return u / (nSame * nDiff);
}

/** True accept rate at the threshold where the false accept rate is at most `far`. */
export function tarAtFar(pairs: readonly ScoredPair[], far: number): number {
  const diff = pairs.filter((p) => !p.same).map((p) => p.distance).sort((a, b) => a - b);
  const same = pairs.filter((p) => p.same).map((p) => p.distance);
  if (!diff.length || !same.length) return NaN;
  const allowed = Math.floor(far * diff.length); // different pairs that may fall below the threshold
  const threshold = diff[allowed]!; // strictly below this: at most `allowed` false accepts
  return same.filter((d) => d < threshold).length / same.length;
}

/** Points of the ROC curve (FAR, TAR) at each distinct threshold, for plotting. */
export function rocCurve(pairs: readonly ScoredPair[], maxPoints = 200): { far: number; tar: number }[] {
  const sorted = [...pairs].sort((a, b) => a.distance - b.distance);
  const nSame = pairs.filter((p) => p.same).length || 1;
  const nDiff = pairs.length - nSame || 1;
  const pts = [{ far: 0, tar: 0 }];
  let s = 0;
  let d = 0;
  const step = Math.max(1, Math.floor(sorted.length / maxPoints));
  sorted.forEach((p, i) => {
    if (p.same) s++;
    else d++;
    if (i % step === 0 || i === sorted.length - 1) pts.push({ far: d / nDiff, tar: s / nSame });
  });
  return pts;
}
