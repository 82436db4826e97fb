// The toolbar badge, per tab: a coloured mark for the org's link status and a tooltip naming org, status and age.
// The worker's one use of ui/ (the tooltip's texts) is here.
import { type MigrationGlance, migrationGlance } from '../../core/atlas/migration-glance';
import type { OrgStatusRecord } from '../../shared/domain';
import { errorText } from '../../shared/text/error-text';
import { t } from '../../shared/text/i18n';
import { migrationBadgeText } from '../../shared/text/migration-badge';
import { statusText } from '../../shared/text/status-text';
import { orgMigration } from '../migrations/org-migration';
import { browser } from '../platform/browser';
import { orgIdOfTab } from './locations';
import { orgStatus } from './org-state';
import { setTabIcon } from './tab-icon';

const look = {
  SYNCED: { text: '✓', color: '#1e7d32', icon: 'synced' },
  NOT_SYNCED: { text: '…', color: '#b45309', icon: 'not-synced' },
  NOT_LINKED: { text: '', color: '#5f6368', icon: '' },
  error: { text: '!', color: '#c5221f', icon: 'error' },
  busy: { text: '…', color: '#6b7280', icon: 'busy' },
} as const;

/** A migration of the org ready for cutover takes the mark, coloured by the time left of its window. */
const readyLook = {
  none: { text: '⇄', color: '#0b63ce' },
  soon: { text: '⇄', color: '#b45309' },
  urgent: { text: '⇄!', color: '#c5221f' },
  closed: { text: '⇄!', color: '#c5221f' },
} as const;

/** The badge's text and colour: the link status's, or a migration ready for cutover's (not while busy or failing). */
export function badgeMark(state: BadgeState, glance: MigrationGlance | undefined): { text: string; color: string } {
  if (state === 'busy' || state === 'error' || glance?.phase !== 'ready' || !glance.window) return look[state];
  return readyLook[glance.window.level];
}

export type BadgeState = keyof typeof look;

export function badgeStateOf(record: OrgStatusRecord | undefined): BadgeState | undefined {
  if (!record) return undefined;
  if (record.error) return 'error';
  return record.status;
}

function age(checkedAt: number | undefined, now: number): string {
  if (!checkedAt) return t('neverChecked');
  const minutes = Math.round((now - checkedAt) / 60_000);
  if (minutes < 1) return t('checkedJustNow');
  if (minutes < 60) return t('checkedMinutesAgo', String(minutes));
  return t('badge_checkedHoursAgo', String(Math.round(minutes / 60)));
}

/** The tooltip: org name and id, status, age, in the browser's language (the same catalogue as the popup). */
export function badgeTitle(record: OrgStatusRecord, state: BadgeState, now = Date.now()): string {
  const org = record.name ? `${record.name} (${record.orgId})` : record.orgId;
  const status =
    state === 'busy'
      ? t('badge_busy')
      : state === 'error'
        ? t('badge_error', record.error ? errorText(record.error).message : t('statusError'))
        : state === 'NOT_LINKED'
          ? t('notLinked')
          : statusText(state, record.statusFrom);
  return `${org}\n${status}\n${age(record.checkedAt, now)}`;
}

// Paints of one tab run one after another, so two quick updates never leave a mix of both (icon of one, text of
// the other).
const painting = new Map<number, Promise<void>>();

export function paintBadge(tabId: number, record: OrgStatusRecord | undefined, busy = false): Promise<void> {
  const run = (painting.get(tabId) ?? Promise.resolve()).then(() => paintNow(tabId, record, busy));
  painting.set(tabId, run);
  // Stryker disable next-line BlockStatement: only frees the entry; a kept entry is a settled promise to chain on.
  run.finally(() => {
    if (painting.get(tabId) === run) painting.delete(tabId);
  });
  return run;
}

async function paintNow(tabId: number, record: OrgStatusRecord | undefined, busy: boolean): Promise<void> {
  const state: BadgeState | undefined = busy ? 'busy' : badgeStateOf(record);
  try {
    if (!state || !record) {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title: '' });
      await setTabIcon(tabId, '');
      return;
    }
    const migration = await orgMigration(record.orgId);
    const glance = migration && migrationGlance(migration, Date.now());
    const mark = badgeMark(state, glance);
    const migrationLine = glance ? `\n${migrationBadgeText(glance, migration.others)}` : '';
    // The tile colour carries the state too (public/icons, drawn by scripts/make-icons.mjs).
    await setTabIcon(tabId, look[state].icon);
    await browser.action.setBadgeText({ tabId, text: mark.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: mark.color });
    await browser.action.setTitle({ tabId, title: badgeTitle(record, state) + migrationLine });
  } catch {
    // The tab closed while we were working: nothing to paint.
  }
}

/** Repaints the badge of every tab that shows this org (project pages included, once their org is known). */
export async function paintOrgTabs(orgId: string, busy = false): Promise<void> {
  const record = await orgStatus(orgId);
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || !tab.url) return;
      if ((await orgIdOfTab(tab.url)) === orgId) await paintBadge(tab.id, record ?? { orgId }, busy);
    }),
  );
}
