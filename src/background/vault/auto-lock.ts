// Auto-lock after inactivity with chrome.alarms, which outlive the worker: every user action pushes the alarm back.
// "When the browser closes" (0 minutes) needs no alarm: storage.session is wiped on browser exit.
import { forgetNonces } from '../../core/digest';
import { forgetApiClients } from '../api/api-clients';
import { closeNonceStore, sessionNonceStore } from '../api/nonce-store';
import { closeSessionTokens } from '../api/token-client';
import { sendRevocations } from '../api/token-revocation';
import { closeTokenStore } from '../api/token-store';
import { forgetPendingTokens } from '../atlas/pending-tokens';
import { browser } from '../platform/browser';
import { readSettings } from '../settings/settings';
import { captureRevocations } from './lock-revocations';
import { touchSession } from './session';
import { lockVault, vaultState } from './vault-store';

export const AUTO_LOCK_ALARM = 'auto-lock';

export async function noteActivity(): Promise<void> {
  await touchSession();
  const { autoLockMinutes } = await readSettings();
  // A locked vault has nothing to lock: a page still open after the lock (asking for the context) arms nothing.
  if (autoLockMinutes > 0 && (await vaultState()) === 'unlocked') {
    await browser.alarms.create(AUTO_LOCK_ALARM, { delayInMinutes: autoLockMinutes });
  } else await browser.alarms.clear(AUTO_LOCK_ALARM);
}

// Activity noted after a message's answer, one note after another: the answer waits for none, none is dropped, and
// a lock starts only once the notes queued before it are done (none writes behind the lock's wipe).
let notes: Promise<void> = Promise.resolve();

/** Queues noteActivity behind the notes before it, for after the current answer; a failure is only logged. */
export function noteActivitySoon(): void {
  notes = notes.then(noteActivity).catch((error: { kind?: string } | undefined) => {
    console.warn('activity note failed:', String(error?.kind ?? error));
  });
}

/** Settles once every activity note queued so far is done. */
export function activityNoted(): Promise<void> {
  return notes;
}

export async function lockNow(): Promise<void> {
  // Calls in flight send nothing more and write nothing back, and no client, cache or store opens again before the
  // next unlock; lockVault wipes what is stored.
  forgetApiClients();
  forgetPendingTokens();
  forgetNonces(sessionNonceStore);
  closeSessionTokens();
  closeNonceStore();
  closeTokenStore();
  // Started before the wipe (its reads queue ahead of it), awaited by nothing the lock does.
  const revocations = captureRevocations();
  try {
    await activityNoted();
    await lockVault();
    await browser.alarms.clear(AUTO_LOCK_ALARM);
  } finally {
    // After the wipe, and not awaited: a slow or unreachable server never holds the lock up, and the revokes write
    // nothing. The tokens stop counting toward the account's 100 live ones instead of living out their hour.
    void revocations.then(sendRevocations);
  }
}

export async function onAlarm(alarm: { name: string }): Promise<void> {
  if (alarm.name === AUTO_LOCK_ALARM) await lockNow();
}
