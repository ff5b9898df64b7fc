import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createImage } from '../../src/image/index.js';
import { base64 } from '../../src/tasks/report/base64.js';
import { renderReportHtml } from '../../src/tasks/report/html.js';
import { barChart, distanceGauge, vectorStrip } from '../../src/tasks/report/svg.js';

describe('base64', () => {
  it('equals Node Buffer base64 on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
      expect(base64(b)).toBe(Buffer.from(b).toString('base64'));
    }), { seed: 2, numRuns: 200 });
  });
});

describe('renderReportHtml', () => {
  it('writes one section per stage with its figures inline and escapes text', () => {
    const html = renderReportHtml({
      title: 'T <1>',
      stages: [
        { id: 'input', title: 'Input', about: 'a & b', figures: [{ caption: 'img', image: createImage(2, 2, 3) }] },
        { id: 'scores', title: 'Scores', about: 'bars', figures: [{ caption: 'p', svg: barChart([{ label: 'happy', value: 0.7 }]) }, { caption: 'd', svg: distanceGauge(0.4, 0.6, 1.2, 'euclidean') }, { caption: 'v', svg: vectorStrip([1, -1, 0.5]) }] },
      ],
    });
    expect(html).toContain('<section class="stage" id="stage-input">');
    expect(html).toContain('<section class="stage" id="stage-scores">');
    expect(html).toContain('data:image/png;base64,iVBORw0KGgo');
    expect(html).toContain('T &lt;1&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).not.toMatch(/<script|(src|href)="https?:/); // nothing fetched from the network
  });
});
