import { FacetsError } from '../../core/errors.js';

/**
 * `limit` items evenly spread over `items` (indices floor(k * length / limit)), in order; all of
 * them when limit is undefined or not smaller. Evaluation label files are often sorted by class
 * or age, so a prefix would be a biased sample.
 * throws: E_BAD_ARGUMENT unless limit is undefined or an integer >= 1 (`what` names it).
 */
export function spread<T>(items: readonly T[], limit: number | undefined, what: string): T[] {
  if (limit === undefined) return [...items];
  if (!(Number.isInteger(limit) && limit >= 1)) throw new FacetsError('E_BAD_ARGUMENT', `${what} must be an integer >= 1, got ${limit}`);
  if (limit >= items.length) return [...items];
  return Array.from({ length: limit }, (_, k) => items[Math.floor((k * items.length) / limit)]!);
}
