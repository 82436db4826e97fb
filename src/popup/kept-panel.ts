// The org panel the worker kept for the tab's address (shared/popup-snapshot.ts): the one thing the popup reads
// without asking the worker, straight from storage.session, so that it paints while a stopped worker starts.
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import type { POPUP_SNAPSHOTS_KEY, PopupSnapshot } from '../shared/popup-snapshot';

// The key's name spelled here, held equal to the worker's by the type: importing its module would load it apart.
const KEY: typeof POPUP_SNAPSHOTS_KEY = 'popupSnapshots';

/** What storage.session holds of the kept panels: asked at once, before the tab's address is known. */
export const readKeptPanels = (): Promise<unknown> =>
  Promise.resolve()
    .then(() => browser.storage.session.get(KEY))
    .then(
      (items) => items[KEY],
      () => undefined,
    );

/**
 * The context kept for the tab address `url`, unless none is or the vault has locked since (its deadline passed).
 * Only the worker writes the key, in one shape (background/storage/items.ts reads it back checked).
 */
export function keptContext(stored: unknown, url: string | undefined, now: number): PopupContext | undefined {
  const kept = (stored as PopupSnapshot[] | undefined)?.find?.((s) => url && s?.urls?.includes(url));
  return kept && (kept.until ?? Number.POSITIVE_INFINITY) > now ? kept.context : undefined;
}
