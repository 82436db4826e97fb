// The service worker's entry: registers every listener synchronously at start (MV3 wakes the worker for them).
import browser, { type Runtime } from 'webextension-polyfill';
import { onAlarm } from './auto-lock';
import { handlers } from './message-handlers';
import { createRouter } from './router';
import { BADGE_AGE_ALARM, onTabUpdated, repaintShownTabs, startBadgeAgeAlarm } from './tab-tracking';

const router = createRouter(handlers);
const warn = (what: string) => (error: { kind?: string } | undefined) =>
  console.warn(`${what} failed:`, String(error?.kind ?? error));
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router(message, sender));
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  onTabUpdated(tabId, change, tab).catch(warn('badge update'));
});
// The tooltip's age is recomputed when the tab comes to the front and every minute while it stays there.
browser.tabs.onActivated.addListener(() => {
  repaintShownTabs().catch(warn('badge repaint'));
});
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === BADGE_AGE_ALARM) repaintShownTabs().catch(warn('badge repaint'));
  else onAlarm(alarm).catch(warn('auto-lock'));
});
startBadgeAgeAlarm().catch(warn('badge alarm'));
