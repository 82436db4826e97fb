// The worker's one door to the browser: the only worker file that imports webextension-polyfill. Worker logic sees
// `browser` typed as just the parts it uses, so one small fake (test/support/fake-browser.ts) stands in for all of it.
import polyfill, { type Action, type Runtime, type Tabs } from 'webextension-polyfill';

export interface StorageAreaLike {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** An icon's pixels by size ('16', '32'), as action.setIcon takes them. */
export type IconPixels = Record<string, Action.ImageDataType>;

export interface TabLike {
  id?: number;
  url?: string;
}

/** What the worker's logic calls (listeners are registered by the entry through `events`). */
export interface WorkerBrowser {
  runtime: {
    readonly id: string;
    getURL(path: string): string;
    /** To every open page of the extension; rejects when none is open to hear it. */
    sendMessage(message: unknown): Promise<unknown>;
  };
  storage: {
    local: StorageAreaLike;
    session: StorageAreaLike;
    /** The organization's policies (read-only); missing, or throwing when no policy is installed, in some browsers. */
    managed?: Pick<StorageAreaLike, 'get'>;
  };
  tabs: { query(query: { active?: boolean }): Promise<TabLike[]> };
  action: {
    setBadgeText(details: { tabId: number; text: string }): Promise<void>;
    setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
    setTitle(details: { tabId: number; title: string }): Promise<void>;
    setIcon(details: { tabId: number } & ({ path: Record<string, string> } | { imageData: IconPixels })): Promise<void>;
  };
  alarms: {
    create(name: string, info: { delayInMinutes?: number; periodInMinutes?: number }): Promise<void>;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
}

export const browser: WorkerBrowser = polyfill;

/** The events the entry listens to: MV3 wakes the worker for them. */
export const events = {
  message: polyfill.runtime.onMessage,
  tabUpdated: polyfill.tabs.onUpdated,
  tabActivated: polyfill.tabs.onActivated,
  alarm: polyfill.alarms.onAlarm,
  storageChanged: polyfill.storage.onChanged,
};

export type MessageSender = Pick<Runtime.MessageSender, 'id' | 'url'>;
export type TabChange = Pick<Tabs.OnUpdatedChangeInfoType, 'url' | 'status'>;
