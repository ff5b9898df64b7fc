/** Small SVG builders for the step-through report: plain strings, no DOM needed. */

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
export { esc as escapeXml };

/** Horizontal bars, one per label, values in [0, 1] (probabilities). */
export function barChart(entries: { label: string; value: number; highlight?: boolean }[], width = 360): string {
  const row = 22;
  const labelW = 90;
  const h = entries.length * row + 4;
  const bars = entries.map((e, i) => {
    const w = Math.max(0, Math.min(1, e.value)) * (width - labelW - 60);
    const y = i * row + 2;
    return `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(e.label)}</text>`
      + `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${e.highlight ? '#d9480f' : '#4263eb'}"/>`
      + `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 15}">${(e.value * 100).toFixed(1)}%</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${h}" font-family="sans-serif" font-size="12">${bars.join('')}</svg>`;
}

/** A number line showing a distance against its decision threshold. */
export function distanceGauge(distance: number, threshold: number, max: number, label: string, width = 420): string {
  const x = (v: number): number => 10 + (Math.max(0, Math.min(max, v)) / max) * (width - 20);
  const same = distance < threshold;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="64" font-family="sans-serif" font-size="12">`
    + `<rect x="10" y="26" width="${(x(threshold) - 10).toFixed(1)}" height="12" fill="#d3f9d8"/>`
    + `<rect x="${x(threshold).toFixed(1)}" y="26" width="${(width - 10 - x(threshold)).toFixed(1)}" height="12" fill="#ffe3e3"/>`
    + `<line x1="${x(threshold).toFixed(1)}" y1="20" x2="${x(threshold).toFixed(1)}" y2="44" stroke="#000" stroke-dasharray="3,2"/>`
    + `<text x="${x(threshold).toFixed(1)}" y="58" text-anchor="middle">threshold ${threshold.toFixed(3)}</text>`
    + `<circle cx="${x(distance).toFixed(1)}" cy="32" r="6" fill="${same ? '#2b8a3e' : '#c92a2a'}"/>`
    + `<text x="${x(distance).toFixed(1)}" y="14" text-anchor="middle">${esc(label)}: ${distance.toFixed(4)} (${same ? 'same person' : 'different people'})</text>`
    + `</svg>`;
}

/** A vector as a strip of coloured cells (blue negative, red positive), e.g. an embedding. */
export function vectorStrip(values: ArrayLike<number>, cellsPerRow = 64, cell = 6): string {
  let max = 1e-12;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  const rows = Math.ceil(values.length / cellsPerRow);
  const cells: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const t = values[i]! / max;
    const c = t >= 0 ? `rgb(255,${Math.round(255 * (1 - t))},${Math.round(255 * (1 - t))})` : `rgb(${Math.round(255 * (1 + t))},${Math.round(255 * (1 + t))},255)`;
    cells.push(`<rect x="${(i % cellsPerRow) * cell}" y="${Math.floor(i / cellsPerRow) * cell}" width="${cell}" height="${cell}" fill="${c}"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cellsPerRow * cell}" height="${rows * cell}">${cells.join('')}</svg>`;
}
