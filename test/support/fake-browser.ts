// One fake of webextension-polyfill for the worker's unit tests: storage from the interleaving harness, tabs,
// action, alarms, permissions and i18n as small in-memory stand-ins that record what the worker did.
import { message } from '../unit/dashboard/fake-extension';
import { createScheduledStorage } from './scheduled-storage';

export function createFakeBrowser() {
  const storage = createScheduledStorage();
  const tabs: { id: number; url: string }[] = [];
  const badges = new Map<number, { text?: string; title?: string }>();
  const alarms = new Map<string, unknown>();
  const browser = {
    storage: { local: storage.local, session: storage.session },
    runtime: {
      id: 'test-extension',
      getURL: (path: string) => `chrome-extension://test-extension/${path.replace(/^\//, '')}`,
    },
    i18n: { getMessage: message, getUILanguage: () => 'en' },
    tabs: { query: async () => tabs.map((t) => ({ ...t })) },
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => {
        badges.set(tabId, { ...badges.get(tabId), text });
      },
      setTitle: async ({ tabId, title }: { tabId: number; title: string }) => {
        badges.set(tabId, { ...badges.get(tabId), title });
      },
      setIcon: async () => undefined,
      setBadgeBackgroundColor: async () => undefined,
    },
    alarms: {
      create: async (name: string, info: unknown) => void alarms.set(name, info),
      clear: async (name: string) => alarms.delete(name),
      get: async (name: string) => alarms.get(name),
    },
    permissions: { getAll: async () => ({ origins: [] as string[] }) },
  };
  return { browser, storage, tabs, badges, alarms };
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;
