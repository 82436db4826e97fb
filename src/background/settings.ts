// User settings with explicit defaults; stored in storage.local (nothing secret).
import browser from 'webextension-polyfill';
import type { Settings } from '../shared/messages';
import { LOCAL } from './storage-keys';
import { WorkerError } from './worker-error';

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15 };
export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 60] as const;

export async function readSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(LOCAL.settings))[LOCAL.settings] as Partial<Settings> | undefined;
  return { ...DEFAULT_SETTINGS, ...stored };
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  if (
    patch.autoLockMinutes !== undefined &&
    !(AUTO_LOCK_CHOICES as readonly number[]).includes(patch.autoLockMinutes)
  ) {
    throw new WorkerError('invalid-input', `Auto-lock must be one of ${AUTO_LOCK_CHOICES.join(', ')} minutes.`);
  }
  const next = { ...(await readSettings()), ...patch };
  await browser.storage.local.set({ [LOCAL.settings]: next });
  return next;
}
