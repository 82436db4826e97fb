// The service worker's entry: registers every listener synchronously at start (MV3 wakes the worker for them).
import { handlers } from './messaging/handlers';
import { keepExtrasInstalled, loadExtras } from './messaging/load-extras';
import { createRouter } from './messaging/router';
import { followRunning, MIGRATION_WATCH_ALARM } from './migrations/migration-follow';
import { BADGE_AGE_ALARM, onTabUpdated, repaintShownTabs, startBadgeAgeAlarm } from './orgs/tab-tracking';
import { events, type MessageSender } from './platform/browser';
import { applyPolicyChange } from './settings/policy-changes';
import { mirrorStorage } from './storage/areas';
import { readAhead } from './storage/read-ahead';
import { onAlarm } from './vault/auto-lock';

// First: every storage read from here on answers from the worker's copy once a key was read (storage/mirror.ts).
mirrorStorage(events.storageChanged);
// Then what a popup's first message reads, while it is on its way: every message waits for this, then finds it all in
// the worker's copy.
const readAheadDone = readAhead();
keepExtrasInstalled();
const router = createRouter(handlers);
const warn = (what: string) => (error: { kind?: string } | undefined) =>
  console.warn(`${what} failed:`, String(error?.kind ?? error));
events.message.addListener((message: unknown, sender: MessageSender) =>
  readAheadDone.then(() => router(message, sender)),
);
events.tabUpdated.addListener((tabId, change, tab) => {
  onTabUpdated(tabId, change, tab).catch(warn('badge update'));
});
// The tooltip's age is recomputed when the tab comes to the front and every minute while it stays there.
events.tabActivated.addListener(() => {
  repaintShownTabs().catch(warn('badge repaint'));
});
events.alarm.addListener((alarm) => {
  if (alarm.name === BADGE_AGE_ALARM) repaintShownTabs().catch(warn('badge repaint'));
  else if (alarm.name === MIGRATION_WATCH_ALARM) {
    loadExtras()
      .then((extras) => extras.watchRound())
      .catch(warn('migration watch'));
  } else onAlarm(alarm).catch(warn('auto-lock'));
});
events.storageChanged.addListener((_changes, area) => {
  if (area === 'managed') applyPolicyChange().catch(warn('policy change'));
});
startBadgeAgeAlarm().catch(warn('badge alarm'));
// The migration watch's alarm runs only while a migration the extension started still runs.
followRunning().catch(warn('migration watch'));
