import { encodePng } from '../../image/encode.js';
import type { Image } from '../../image/image.js';
import { base64 } from './base64.js';
import { escapeXml as esc } from './svg.js';

/** One picture of a stage: a raster image (shown as PNG) or an SVG drawing. */
export interface ReportFigure {
  caption: string;
  image?: Image;
  /** Display scale for small images (chips, LBP cells); nearest-neighbour in the browser. */
  zoom?: number;
  svg?: string;
}

/** One step of the pipeline as a person should see it. */
export interface ReportStage {
  /** Stable id: the section is `#stage-<id>` (tests and the browser page rely on it). */
  id: string;
  title: string;
  /** Two sentences: what happens here and why. */
  about: string;
  figures: ReportFigure[];
  facts?: Record<string, string | number>;
}

export interface Report {
  title: string;
  subtitle?: string;
  stages: ReportStage[];
}

const CSS = `body{font-family:system-ui,sans-serif;margin:0;background:#f8f9fa;color:#212529}
header{background:#212529;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
nav{padding:8px 24px;background:#e9ecef;font-size:13px}nav a{margin-right:12px}
.stage{background:#fff;margin:16px 24px;padding:12px 18px;border-radius:6px;box-shadow:0 1px 3px #0002}
.stage h2{margin:4px 0 6px;font-size:18px}.about{max-width:60em;color:#495057}
.figures{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
figure{margin:0}figcaption{font-size:12px;color:#495057;max-width:420px}
img.px{image-rendering:pixelated}table.facts{border-collapse:collapse;font-size:13px;margin-top:8px}
table.facts td{border:1px solid #dee2e6;padding:2px 8px}`;

function figureHtml(f: ReportFigure): string {
  let body = '';
  if (f.image) {
    const z = f.zoom ?? 1;
    body = `<img class="px" alt="${esc(f.caption)}" width="${f.image.width * z}" height="${f.image.height * z}" src="data:image/png;base64,${base64(encodePng(f.image))}">`;
  } else if (f.svg) {
    body = f.svg;
  }
  return `<figure>${body}<figcaption>${esc(f.caption)}</figcaption></figure>`;
}

/** A self-contained HTML page (inline PNG and SVG, no script, no network) for a report. */
export function renderReportHtml(report: Report): string {
  const nav = report.stages.map((s) => `<a href="#stage-${esc(s.id)}">${esc(s.title)}</a>`).join('');
  const sections = report.stages.map((s) => {
    const facts = s.facts && Object.keys(s.facts).length
      ? `<table class="facts">${Object.entries(s.facts).map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(String(v))}</td></tr>`).join('')}</table>`
      : '';
    return `<section class="stage" id="stage-${esc(s.id)}"><h2>${esc(s.title)}</h2><p class="about">${esc(s.about)}</p>`
      + `<div class="figures">${s.figures.map(figureHtml).join('')}</div>${facts}</section>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(report.title)}</title><style>${CSS}</style></head>`
    + `<body><header><h1>${esc(report.title)}</h1>${report.subtitle ? `<div>${esc(report.subtitle)}</div>` : ''}</header>`
    + `<nav>${nav}</nav>${sections.join('\n')}</body></html>\n`;
}
