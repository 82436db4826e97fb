// An admin's policy change while the browser runs (Chromium fires storage.onChanged for the 'managed' area): the
// auto-lock alarm of an open vault is set again from the last activity, so a lower limit applies now, not after
// the next user action.
import { browser } from '../platform/browser';
import { lastActivityItem, vaultKeyItem } from '../storage/items';
import { AUTO_LOCK_ALARM, lockNow } from '../vault/auto-lock';
import { readSettings } from './settings';

export async function applyPolicyChange(now = Date.now()): Promise<void> {
  if ((await vaultKeyItem.get()) === undefined) return; // locked: the next unlock sets the alarm
  const { autoLockMinutes } = await readSettings();
  if (autoLockMinutes === 0) {
    await browser.alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  const lastActivity = (await lastActivityItem.get()) || now;
  const due = lastActivity + autoLockMinutes * 60_000;
  if (due <= now) await lockNow();
  else await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: (due - now) / 60_000 });
}
