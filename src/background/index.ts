// The service worker's entry: registers every listener synchronously at start (MV3 wakes the worker for them).
import browser, { type Runtime } from 'webextension-polyfill';
import { onAlarm } from './auto-lock';
import { handlers } from './message-handlers';
import { createRouter } from './router';
import { onTabUpdated } from './tab-tracking';

const router = createRouter(handlers);
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router(message, sender));
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  onTabUpdated(tabId, change, tab).catch((error) => console.warn('badge update failed:', String(error?.kind ?? error)));
});
browser.alarms.onAlarm.addListener((alarm) => {
  onAlarm(alarm).catch((error) => console.warn('auto-lock failed:', String(error?.kind ?? error)));
});
