import { FacetsError } from '../../core/errors.js';
import { checkGrid, type LbpHistogramOptions } from '../../lbp/ops/histogram.js';
import { mappingBins } from '../../lbp/ops/mapping.js';
import { resolveLbpOptions, type LbpMapping } from '../../lbp/ops/options.js';
import { LBPH_PARAMS } from '../represent.js';

const MAPPINGS: readonly LbpMapping[] = ['none', 'u2', 'ri', 'riu2'];

/**
 * LBPH parameters from a short spec: `default` (OpenCV's LBPH: radius 1, 8 neighbours, 8x8
 * grid, raw codes), a bare mapping name (`u2`, `ri`, `riu2`, `none`) on top of the defaults, or
 * comma-separated `key=value` pairs over the defaults: `radius=2,neighbors=8,grid=7x7,mapping=u2`
 * (`grid=N` means NxN; a bare mapping name may appear among the pairs).
 * throws: E_BAD_ARGUMENT on an unknown key or a value the LBP operator refuses.
 */
export function parseLbphParams(spec: string): Required<Pick<LbpHistogramOptions, 'radius' | 'neighbors' | 'gridX' | 'gridY' | 'mapping'>> {
  const o = { ...LBPH_PARAMS, mapping: 'none' as LbpMapping };
  const fail = (msg: string): never => { throw new FacetsError('E_BAD_ARGUMENT', `lbph parameters '${spec}': ${msg}`); };
  for (const part of spec.split(',').map((s) => s.trim()).filter((s) => s !== '' && s !== 'default')) {
    if (MAPPINGS.includes(part as LbpMapping)) {
      o.mapping = part as LbpMapping;
      continue;
    }
    const [k, v = ''] = part.split('=').map((s) => s.trim());
    const int = (t: string): number => (/^\d+$/.test(t) ? Number(t) : fail(`${k} must be a positive integer, got '${t}'`));
    if (k === 'radius') o.radius = int(v) as 1;
    else if (k === 'neighbors') o.neighbors = int(v) as 8;
    else if (k === 'mapping') o.mapping = MAPPINGS.includes(v as LbpMapping) ? (v as LbpMapping) : fail(`mapping must be one of ${MAPPINGS.join(', ')}`);
    else if (k === 'grid') {
      const m = /^(\d+)(?:x(\d+))?$/.exec(v) ?? fail(`grid must be N or NxM, got '${v}'`);
      o.gridX = Number(m[1]) as 8;
      o.gridY = Number(m[2] ?? m[1]) as 8;
    } else fail(`unknown key '${k}' (use radius, neighbors, grid, mapping)`);
  }
  const r = resolveLbpOptions('lbph parameters', o);
  checkGrid('lbph parameters', o.gridX, o.gridY, mappingBins(r.mapping, r.neighbors));
  return { radius: r.radius, neighbors: r.neighbors, gridX: o.gridX, gridY: o.gridY, mapping: r.mapping };
}

/** A canonical short name of LBPH parameters, e.g. `r1-p8-g8x8-u2` (cache keys, legends). */
export function lbphParamsLabel(o: LbpHistogramOptions): string {
  return `r${o.radius ?? 1}-p${o.neighbors ?? 8}-g${o.gridX ?? 8}x${o.gridY ?? 8}-${o.mapping ?? 'none'}`;
}
