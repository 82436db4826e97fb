// Reads an Atlas v2 listing (`results`, `totalCount`) page by page, 500 at a time, up to MAX_LISTED entries read.
import { type AtlasOperation, MAX_LISTED } from '../cloudmanager';
import { readPage } from './answers';
import type { AtlasCall } from './transport';

const PAGE_SIZE = 500;

/**
 * Every entry of the listing at `path` that `readEntry` keeps (undefined drops one, e.g. a deleted org). Entries
 * read, dropped ones included, bound the pages asked for: MAX_LISTED / PAGE_SIZE at most.
 */
export async function listAll<T>(
  sendForJson: (call: AtlasCall) => Promise<Record<string, unknown> | undefined>,
  call: { path: string; operation: AtlasOperation; version?: string },
  readEntry: (entry: unknown) => T | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let read = 0;
  for (let page = 1; read < MAX_LISTED; page++) {
    const path = `${call.path}?itemsPerPage=${PAGE_SIZE}&pageNum=${page}`;
    const { results, totalCount = Number.POSITIVE_INFINITY } = readPage(
      await sendForJson({ method: 'GET', path, operation: call.operation, version: call.version }),
    );
    for (const entry of results) {
      const kept = readEntry(entry);
      if (kept !== undefined) out.push(kept);
    }
    read += results.length;
    if (results.length < PAGE_SIZE || read >= totalCount) break;
  }
  return out.slice(0, MAX_LISTED);
}
