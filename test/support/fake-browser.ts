// The one fake browser of the worker's unit tests, typed as the worker's platform seam (src/background/platform):
// storage from the interleaving harness, tabs, action, alarms and permissions as small in-memory stand-ins that
// record what the worker did, and i18n from the real English catalogue (the badge tooltip). A test mocks
// webextension-polyfill with it once:
//   const fake = await vi.hoisted(async () => (await import('<path>/support/fake-browser')).createFakeBrowser());
//   vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
import type { WorkerBrowser } from '../../src/background/platform/browser';
import { message } from './fake-extension';
import { createScheduledStorage } from './scheduled-storage';

export function createFakeBrowser() {
  const storage = createScheduledStorage();
  /** The open tabs; `active: false` keeps a tab out of "the tabs in front". */
  const tabs: { id: number; url: string; active?: boolean }[] = [];
  const badges = new Map<number, { text?: string; title?: string; color?: string; icon?: string }>();
  const alarms = new Map<string, unknown>();
  /** Host permissions the user granted (Ops Manager servers). */
  const origins: string[] = [];
  /** The organization's policy (storage.managed): none by default; an Error makes get() throw, as Firefox does. */
  const managed: { policy?: Record<string, unknown> | Error } = {};
  /** storage.onChanged's listeners (the worker entry's), for a test to fire. */
  const storageChanged: ((changes: Record<string, unknown>, area: string) => void)[] = [];
  /** What the worker told the open pages (runtime.sendMessage), oldest first. */
  const pageMessages: unknown[] = [];
  const paint = (tabId: number, patch: Record<string, string>) => badges.set(tabId, { ...badges.get(tabId), ...patch });
  const worker = {
    storage: {
      local: storage.local,
      session: storage.session,
      managed: {
        get: async () => {
          if (managed.policy instanceof Error) throw managed.policy;
          return structuredClone(managed.policy ?? {});
        },
      },
    },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path.replace(/^\//, '')}`,
      sendMessage: async (message: unknown) => void pageMessages.push(structuredClone(message)),
    },
    tabs: {
      query: async (query: { active?: boolean }) =>
        tabs.filter((t) => !query.active || t.active !== false).map((t) => ({ id: t.id, url: t.url })),
    },
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => void paint(tabId, { text }),
      setTitle: async ({ tabId, title }: { tabId: number; title: string }) => void paint(tabId, { title }),
      // An icon given as pixels is recorded by its sizes (the fake cannot tell which image they are).
      setIcon: async (
        details: { tabId: number } & ({ path: Record<string, string> } | { imageData: Record<string, unknown> }),
      ) =>
        void paint(details.tabId, {
          icon: 'path' in details ? (details.path['16'] ?? '') : `pixels ${Object.keys(details.imageData).join(',')}`,
        }),
      setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) =>
        void paint(tabId, { color }),
    },
    alarms: {
      create: async (name: string, info: unknown) => void alarms.set(name, info),
      clear: async (name: string) => alarms.delete(name),
      get: async (name: string) => alarms.get(name),
    },
    permissions: { getAll: async () => ({ origins: [...origins] }) },
  } satisfies WorkerBrowser;
  const browser = {
    ...worker,
    storage: {
      ...worker.storage,
      onChanged: { addListener: (fn: (typeof storageChanged)[number]) => storageChanged.push(fn) },
    },
    i18n: { getMessage: message, getUILanguage: () => 'en' },
  };
  return { browser, storage, tabs, badges, alarms, origins, managed, storageChanged, pageMessages };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
