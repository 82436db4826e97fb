// List paging as both APIs do it: `itemsPerPage` (default 100, at most 500) and `pageNum` (1-based), answered as
// `{results, totalCount, links}`; a bad value is a 400 naming the parameter.
import { type ApiAnswer, mmsError } from './mms-errors';

export interface Paging {
  itemsPerPage: number;
  pageNum: number;
}

/** The paging a query asks for, or the 400 for a value out of range. */
export function paging(query: URLSearchParams): Paging | ApiAnswer {
  const read = (name: string, fallback: number, max: number): number | ApiAnswer => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < 1 || value > max) {
      // The exact error code is not published: INVALID_QUERY_PARAMETER is the generic one.
      return mmsError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name} specified.`, [name, raw]);
    }
    return value;
  };
  const itemsPerPage = read('itemsPerPage', 100, 500);
  if (typeof itemsPerPage !== 'number') return itemsPerPage;
  const pageNum = read('pageNum', 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNum !== 'number') return pageNum;
  return { itemsPerPage, pageNum };
}

/**
 * One page of `all`. `linksFor` builds the `links` array from the paging (the v2 API sends self / next /
 * previous); without it `links` is empty, as the sandbox's Cloud Manager side has always answered.
 */
export function page<T>(
  all: T[],
  query: URLSearchParams,
  linksFor?: (p: Paging, totalCount: number) => unknown[],
): ApiAnswer {
  const p = paging(query);
  if (!('pageNum' in p)) return p;
  const start = (p.pageNum - 1) * p.itemsPerPage;
  return {
    status: 200,
    body: {
      results: all.slice(start, start + p.itemsPerPage),
      totalCount: all.length,
      links: linksFor ? linksFor(p, all.length) : [],
    },
  };
}
