// The toolbar badge, per tab: a coloured mark for the org's link status and a tooltip naming org, status and age.
import browser from 'webextension-polyfill';
import type { OrgStatusRecord } from '../shared/messages';

const look = {
  SYNCED: { text: '✓', color: '#1e7d32' },
  NOT_SYNCED: { text: '…', color: '#b45309' },
  NOT_LINKED: { text: '', color: '#5f6368' },
  error: { text: '!', color: '#c5221f' },
  busy: { text: '…', color: '#6b7280' },
} as const;

export type BadgeState = keyof typeof look;

export function badgeStateOf(record: OrgStatusRecord | undefined): BadgeState | undefined {
  if (!record) return undefined;
  if (record.error) return 'error';
  return record.status;
}

function age(checkedAt: number | undefined, now: number): string {
  if (!checkedAt) return 'never checked';
  const minutes = Math.round((now - checkedAt) / 60_000);
  if (minutes < 1) return 'checked just now';
  if (minutes < 60) return `checked ${minutes} min ago`;
  return `checked ${Math.round(minutes / 60)} h ago`;
}

export function badgeTitle(record: OrgStatusRecord, state: BadgeState, now = Date.now()): string {
  const org = record.name ? `${record.name} (${record.orgId})` : record.orgId;
  const status =
    state === 'busy'
      ? 'working…'
      : state === 'error'
        ? `error: ${record.error?.kind ?? 'unknown'}`
        : state === 'NOT_LINKED'
          ? 'not linked to Atlas'
          : `linked to Atlas — ${state}`;
  return `${org}\n${status}\n${age(record.checkedAt, now)}`;
}

export async function paintBadge(tabId: number, record: OrgStatusRecord | undefined, busy = false): Promise<void> {
  const state: BadgeState | undefined = busy ? 'busy' : badgeStateOf(record);
  try {
    if (!state || !record) {
      await browser.action.setBadgeText({ tabId, text: '' });
      await browser.action.setTitle({ tabId, title: '' });
      return;
    }
    await browser.action.setBadgeText({ tabId, text: look[state].text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: look[state].color });
    await browser.action.setTitle({ tabId, title: badgeTitle(record, state) });
  } catch {
    // The tab closed while we were working: nothing to paint.
  }
}
