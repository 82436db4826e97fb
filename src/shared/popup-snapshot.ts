// The popup's first paint for a page it showed before. A popup waits for the worker's answer, and the worker is
// often stopped (Chromium stops it after 30 s idle): starting ours cost a popup 100-170 ms more than a one-line
// worker. So the worker keeps in storage.session (memory only, trusted contexts only, wiped on lock) the org panel
// it last answered for each page, and the popup paints it while the worker starts and answers afresh; an answer
// that differs replaces it. Only an unlocked org's panel is kept, with the public views of the key pairs that may
// serve it (no masked key); never a secret, never a call in flight.
import type { PopupContext } from './domain';

/** The storage.session key (registered with the worker's keys, wiped on lock). */
export const POPUP_SNAPSHOTS_KEY = 'popupSnapshots';
/** How many pages are kept: the most recently answered ones. */
export const POPUP_SNAPSHOT_PAGES = 20;

/** How many of a page's addresses are kept (an org's pages differ by what follows its id). */
export const POPUP_SNAPSHOT_URLS = 5;

export interface PopupSnapshot {
  /** Which page (snapshotPage): an org or a project, whichever of its pages the tab showed. */
  page: string;
  /** The tab addresses this panel was answered for, latest first: a popup finds its panel by its tab's address. */
  urls: string[];
  context: PopupContext;
  /** When the vault locks at the latest unless used meanwhile (ms since 1970); null: only when the browser closes. */
  until: number | null;
}

type PageOf = { kind: 'org'; orgId: string; base: string } | { kind: 'group'; groupId: string; base: string };

/** The page a snapshot is for, from where the worker located the tab. */
export const snapshotPage = (location: PageOf): string =>
  location.kind === 'org' ? `org ${location.base} ${location.orgId}` : `group ${location.base} ${location.groupId}`;

/**
 * What of an answer may be kept for the next popup, or undefined when it is no org panel to paint from memory (or
 * one with a call whose outcome is unknown, which only the worker's answer may show). A call running is left out:
 * it is most often the status check the popup itself runs as it opens, and the panel shows its own.
 */
export function snapshotOf(context: PopupContext): PopupContext | undefined {
  const { vault, org, candidates, inFlight: _running, ...rest } = context;
  if (vault !== 'unlocked' || !org || !candidates?.length) return undefined;
  if (rest.atlasPage || rest.needsClient || rest.locationError || rest.interrupted) return undefined;
  const profiles = rest.profiles.filter((p) => candidates.includes(p.id)).map((p) => ({ ...p, maskedPrivateKey: '' }));
  return { ...rest, vault, org, candidates, profiles };
}

/**
 * Whether two values read alike as JSON, whatever the order of their keys: Chromium's storage gives an object back
 * with its keys sorted, a message keeps the order they were set in. A key set to undefined is no key (as in JSON).
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = (o: object) => Object.entries(o).filter(([, v]) => v !== undefined);
  const [left, right] = [keys(a), new Map(keys(b))];
  return left.length === right.size && left.every(([k, v]) => right.has(k) && sameJson(v, right.get(k)));
}

/** True when a fresh answer paints what the kept one painted. */
export const samePanel = (kept: PopupContext, fresh: PopupContext): boolean => sameJson(snapshotOf(fresh), kept);
